"""The Sessions tab (saved work: versions, diff, restore, export, delete) and the autosave wiring.

:mod:`ui.sessions` holds the handlers; :func:`ui.app.build_app` calls these functions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gradio as gr

from ui import sessions
from ui.autosave import resuming
from ui.chat_tab import bind
from ui.handlers import VIEW_FIELDS
from ui.sections import SECTIONS
from ui.sessions import StoreFactory


def build_sessions_tab() -> dict[str, Any]:
    """The tab's components (inside an open ``gr.Tab``)."""
    c: dict[str, Any] = {}
    gr.Markdown(
        "Everything you generate, edit or change on request is saved here as a version, on this computer "
        "(or the database in REGAIN_DATABASE_URL). Open a session to keep working on it."
    )
    with gr.Row(equal_height=True):
        c["picker"] = gr.Dropdown(choices=[], value=None, label="Saved session", scale=4, elem_id="session-picker")
        c["refresh"] = gr.Button("Refresh", size="sm", scale=1, min_width=100, elem_id="session-refresh")
        c["open"] = gr.Button("Open in Draft tab", variant="primary", scale=1, min_width=160, elem_id="session-open")
        c["resume"] = gr.Button(
            "Finish the interrupted draft", variant="primary", scale=1, min_width=160, visible=False,
            elem_id="session-resume",
        )  # fmt: skip
    c["info"] = gr.Markdown(elem_id="session-info")
    c["versions"] = gr.Dataframe(
        headers=sessions.VERSION_HEADERS,
        datatype=["number", "str", "str", "str", "number"],
        interactive=False,
        wrap=True,
        label="Versions",
        elem_id="session-versions",
    )
    with gr.Row(equal_height=True):
        c["a"] = gr.Dropdown(choices=[], label="Version", min_width=120, elem_id="diff-a")
        c["b"] = gr.Dropdown(choices=[], label="compared with", min_width=120, elem_id="diff-b")
        c["compare"] = gr.Button("Show differences", min_width=140, elem_id="session-compare")
        c["restore"] = gr.Button("Restore this version", min_width=140, elem_id="session-restore")
        c["choose"] = gr.Button("Choose its message", min_width=140, elem_id="session-choose")
    c["diff"] = gr.Markdown(elem_id="session-diff")
    with gr.Accordion("Export or delete", open=False):
        with gr.Row():
            c["export"] = gr.Button("Prepare export", size="sm", elem_id="session-export")
            c["json"] = gr.DownloadButton("Download .json", size="sm", elem_id="session-json")
            c["markdown"] = gr.DownloadButton("Download .md", size="sm", elem_id="session-md")
        with gr.Row(equal_height=True):
            c["confirm"] = gr.Checkbox(
                label="Yes, delete it (cannot be undone)", value=False, elem_id="session-confirm"
            )
            c["delete"] = gr.Button("Delete this session", variant="stop", elem_id="session-delete")
    return c


def wire_sessions_tab(
    c: dict[str, Any],
    draft: dict[str, Any],
    versions: gr.State,
    session: gr.State,
    store: StoreFactory,
    *,
    resume: tuple[Callable[..., Any], gr.State],
) -> None:
    """Wire the tab; opening or restoring fills the Draft tab, and so does finishing an interrupted draft
    (``resume``: the Draft tab's generate handler and the browser session's call budget)."""
    picker = bind(sessions.refresh_sessions, store_factory=store)
    shown = [c["versions"], c["a"], c["b"], c["info"], c["resume"]]

    def show(session_id: str | None) -> list[Any]:
        return [
            *sessions.show_session(session_id, store_factory=store),
            sessions.resumable(session_id, store_factory=store),
        ]

    def refreshed(session_id: str | None) -> list[Any]:  # the table and the button; the line says what was done
        rows, older, newer, _line, resumable = show(session_id)
        return [rows, older, newer, resumable]

    c["refresh"].click(picker, session, c["picker"], queue=False).then(show, c["picker"], shown, queue=False)
    c["tab"].select(picker, session, c["picker"], queue=False).then(show, c["picker"], shown, queue=False)
    c["picker"].input(show, c["picker"], shown, queue=False)
    view = [draft[name] for name in VIEW_FIELDS]
    options = [draft["notes"], draft["leader"], draft["channel"], draft["tone"], draft["length"]]
    opened = [versions, session, *options, draft["board"], *view]
    c["open"].click(bind(sessions.open_picked, store_factory=store), c["picker"], [*opened, c["info"]], queue=False)
    generate, budget = resume
    finishing = [versions, draft["board"], draft["diff"], *view]
    c["resume"].click(
        resuming(generate, store_factory=store, n_outputs=len(finishing)),
        [c["picker"], budget],
        [*finishing, *options, session, draft["saved"], c["info"]],
        show_progress="hidden",
        concurrency_limit=2,
    ).then(refreshed, c["picker"], [*shown[:3], c["resume"]], queue=False)
    c["compare"].click(bind(sessions.diff_versions, store_factory=store), [c["picker"], c["a"], c["b"]], c["diff"])
    restore = bind(sessions.restore_picked, store_factory=store)
    c["restore"].click(restore, [c["picker"], c["a"]], [*opened, *shown[:4]], queue=False)
    c["choose"].click(bind(sessions.choose_version, store_factory=store), [c["picker"], c["a"]], c["info"])
    c["export"].click(bind(sessions.export_session, store_factory=store), c["picker"], [c["json"], c["markdown"]])
    c["delete"].click(
        bind(sessions.delete_session, store_factory=store),
        [c["picker"], session, c["confirm"]],
        [c["picker"], session, c["confirm"], c["info"]],
        queue=False,
    ).success(show, c["picker"], shown, queue=False)


def wire_edit_autosave(draft: dict[str, Any], versions: gr.State, session: gr.State, store: StoreFactory) -> None:
    """Save an edit when the user leaves the box they typed in (each keystroke only re-checks)."""
    edited = bind(sessions.save_draft, store_factory=store, source="edited")
    for box in [*(draft[f"{step}_text"] for step in SECTIONS), draft["subject"], draft["body"]]:
        box.blur(
            edited, [versions, session], [session, draft["saved"]], queue=False, show_progress="hidden",
            api_visibility="private",
        )  # fmt: skip
