"""Saving and reopening work: every edit and refinement saved as a version, and the Sessions tab (drafts being
written are saved as they go by :mod:`ui.autosave`).

The app keeps the current session's id in ``gr.State``. Every handler here is idempotent: a draft
that equals the session's latest saved version is not saved again, so the app can call
:func:`save_draft` after any event without piling up copies. Each save is one transaction in the
store, so a failure leaves the previous version as it was.
"""

from __future__ import annotations

import html
import inspect
import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.domain.checkpoint import STEP_OUTPUTS
from assistant.domain.errors import RegainError
from assistant.domain.schema import Draft, DraftOptions
from assistant.store import Store
from assistant.store.checkpoints import load_checkpoint
from assistant.workflows.autosave import being_written
from ui.handlers import VIEW_FIELDS, draft_view, user_error

StoreFactory = Callable[[], Store]
Versions = list[Draft]
VERSION_HEADERS = ["Version", "What changed", "Summary", "Saved (UTC)", "Errors"]
_SOURCES = {
    "generated": "written by the model",
    "edited": "edited by you",
    "refined": "changed on request",
    "restored": "restored",
    "checkin": "report back",  # the source saved with a progress update (its stored name)
}


def store_of(store_factory: StoreFactory) -> Store:
    """The store, with a failure to open it as a notice."""
    try:
        return store_factory()
    except RegainError as exc:
        raise user_error(exc) from exc


def saved_note(session_id: str, number: int | None) -> str:
    """The line under the Generate button that says where the work is saved."""
    where = f"version {number} of session `{session_id}`" if number else f"session `{session_id}` (notes only)"
    return f"<small>Saved as {where}.</small>"


def _title(draft: Draft) -> str:
    return " ".join(draft.facts.what_happened.split())[:80] or "Untitled"


def _same_as_saved(store: Store, session_id: str, draft: Draft) -> bool:
    if not store.list_versions(session_id):
        return False
    return store.load_version(session_id).model_dump(mode="json") == draft.model_dump(mode="json")


def save_draft(
    versions: Versions | None,
    session_id: str | None,
    *,
    store_factory: StoreFactory,
    source: str,
    summary: str = "",
    new_session: bool = False,
) -> tuple[str | None, str]:
    """Save the current draft as a version; returns ``(session_id, status)``.

    ``new_session`` starts a new session for a freshly generated draft (new notes mean a new story)
    unless the draft is already the latest version of the current one.
    """
    if not versions:
        return session_id, gr.skip()
    draft = versions[-1]
    store = store_of(store_factory)
    try:
        if session_id and _same_as_saved(store, session_id, draft):
            return session_id, gr.skip()
        if new_session or not session_id:
            session_id = store.create_session(draft.notes, title=_title(draft), options=draft.options)
        number = store.save_version(session_id, draft, source=source, summary=summary)
    except RegainError as exc:
        raise user_error(exc) from exc
    return session_id, saved_note(session_id, number)


def last_request(chat: list[dict[str, Any]] | None) -> str:
    """The user's last chat request, as the summary of a refined version."""
    for message in reversed(chat or []):
        if message.get("role") == "user":
            content = message.get("content")
            return html.unescape(content if isinstance(content, str) else "")[:200]
    return ""


def named_as(
    run: Callable[..., Iterator[list[Any]]], handler: Callable[..., Any]
) -> Callable[..., Iterator[list[Any]]]:
    """``run``, a wrapper of ``handler``, with its name (the API name gradio shows) and its doc; ``handler`` is kept
    as ``run.handler`` (not ``__wrapped__``: gradio would read its signature)."""
    run.__name__ = getattr(handler, "__name__", "run")
    run.__doc__ = handler.__doc__
    run.handler = handler  # type: ignore[attr-defined]
    return run


def autosaving(
    handler: Callable[..., Any],
    *,
    store_factory: StoreFactory,
    source: str,
    n_outputs: int,
    versions_at: int = 0,
    summary: Callable[[tuple[Any, ...]], str] | None = None,
) -> Callable[..., Iterator[list[Any]]]:
    """``handler`` with the session id as one more input and ``[session_id, status]`` as two more outputs: the
    saving of a change to a draft (an edit, a refinement, a rewrite, an undo). Drafts being written are saved as
    they go by :mod:`ui.autosave` instead.

    When the handler's last output has new versions (at ``versions_at``), the newest is saved before the
    event ends, on the server, so a closed tab or a later crash cannot lose it.
    """

    def run(*args: Any) -> Iterator[list[Any]]:
        *inputs, session_id = args
        last: list[Any] | None = None
        result = handler(*inputs)
        outputs = result if inspect.isgenerator(result) else iter([result])
        for out in outputs:
            last = list(out)
            yield [*last, gr.skip(), gr.skip()]
        versions = last[versions_at] if last is not None else None
        if isinstance(versions, list):
            text = summary(tuple(inputs)) if summary else ""
            saved = save_draft(versions, session_id, store_factory=store_factory, source=source, summary=text)
            yield [*(last or []), *saved]  # the last values again, so an API caller's result is complete

    return named_as(run, handler)


# --- the Sessions tab ------------------------------------------------------------------------------------


def session_choices(store_factory: StoreFactory) -> list[tuple[str, str]]:
    """``(label, id)`` for every saved session, the most recently changed first."""
    store = store_of(store_factory)
    rows = sorted(store.list_sessions(), key=lambda s: s.updated_at, reverse=True)
    return [(f"{s.updated_at:%Y-%m-%d %H:%M} · {s.title} ({s.id})", s.id) for s in rows]


def refresh_sessions(session_id: str | None, *, store_factory: StoreFactory) -> Any:
    """The session picker with fresh choices, the current session selected."""
    choices = session_choices(store_factory)
    value = session_id if session_id in {c[1] for c in choices} else None
    return gr.Dropdown(choices=choices, value=value)


def version_rows(session_id: str | None, *, store_factory: StoreFactory) -> list[list[Any]]:
    """The session's versions as table rows (:data:`VERSION_HEADERS`)."""
    if not session_id:
        return []
    store = store_of(store_factory)
    try:
        infos = store.list_versions(session_id)
    except RegainError as exc:
        raise user_error(exc) from exc
    rows = []
    for v in infos:
        what = _SOURCES.get(v.source, v.source) + ("" if v.complete else " (incomplete)")
        rows.append([v.number, what, v.summary, f"{v.created_at:%Y-%m-%d %H:%M}", v.n_errors])
    return rows


def show_session(session_id: str | None, *, store_factory: StoreFactory) -> tuple[list[list[Any]], Any, Any, str]:
    """The versions table, the two version pickers for a diff, and a line about the session."""
    if not session_id:
        empty = gr.Dropdown(choices=[], value=None)
        return [], empty, empty, "Pick a saved session."
    rows = version_rows(session_id, store_factory=store_factory)
    numbers = [r[0] for r in rows]
    older = numbers[-2] if len(numbers) > 1 else (numbers[0] if numbers else None)
    newer = numbers[-1] if numbers else None
    info = f"Session `{session_id}`: {len(rows)} version(s)." if rows else "Only the notes were saved."
    checkpoint = load_checkpoint(store_of(store_factory), session_id)
    if checkpoint is not None and being_written(session_id):
        info += f" A draft is being written: {len(checkpoint.steps)} of {len(STEP_OUTPUTS)} steps so far."
    elif checkpoint is not None:
        info += (
            f" A draft was interrupted with {len(checkpoint.steps)} of {len(STEP_OUTPUTS)} steps written (incomplete); "
            f"finish it with **Finish the interrupted draft**, or `regain draft --resume {session_id}`."
        )
    return rows, gr.Dropdown(choices=numbers, value=older), gr.Dropdown(choices=numbers, value=newer), info


def resumable(session_id: str | None, *, store_factory: StoreFactory) -> Any:
    """The "Finish the interrupted draft" button, shown when the picked session has a draft to finish: one that
    was being written when it stopped, an incomplete version, or notes that were never drafted."""
    if not session_id:
        return gr.Button(visible=False)
    store = store_of(store_factory)
    try:
        versions = store.list_versions(session_id)
        unfinished = load_checkpoint(store, session_id) is not None or not versions or not versions[-1].complete
    except RegainError:
        unfinished = False
    return gr.Button(visible=unfinished and not being_written(session_id))  # not while it is being written here


def diff_versions(session_id: str | None, a: int | None, b: int | None, *, store_factory: StoreFactory) -> str:
    """The difference between two versions, as a fenced unified diff."""
    if not session_id or a is None or b is None:
        raise gr.Error("Pick a session and two of its versions.", title="Nothing to compare")
    store = store_of(store_factory)
    try:
        diff = store.diff_versions(session_id, int(a), int(b))
    except RegainError as exc:
        raise user_error(exc) from exc
    if not diff.strip():
        return f"Versions {a} and {b} are the same."
    fence = "~~~~" if "```" in diff else "```"
    return f"{fence}diff\n{diff}\n{fence}"


def open_session(session_id: str | None, *, store_factory: StoreFactory) -> list[Any]:
    """Load a saved session into the Draft tab; returns ``[versions, session_id, notes, leader, channel, tone,
    length, status, *view]``."""
    if not session_id:
        raise gr.Error("Pick a saved session first.", title="No session")
    store = store_of(store_factory)
    try:
        record = store.get_session(session_id)
        drafts = [store.load_version(session_id, v.number) for v in store.list_versions(session_id)[-30:]]
    except RegainError as exc:
        raise user_error(exc) from exc
    options = record.options or DraftOptions()
    head = [record.notes, options.leader or "", options.channel, options.tone, options.length]
    if not drafts:
        status = f"Opened session `{session_id}`: only the notes were saved; press Generate."
        return [[], session_id, *head, status, *(gr.skip() for _ in VIEW_FIELDS)]
    status = f"Opened version {len(drafts)} of session `{session_id}`."
    return [drafts, session_id, *head, status, *draft_view(drafts[-1])]


def restore_version(session_id: str | None, number: int | None, *, store_factory: StoreFactory) -> list[Any]:
    """Make an older version the current one (saved as a new version); returns like :func:`open_session`."""
    if not session_id or number is None:
        raise gr.Error("Pick a session and the version to restore.", title="Nothing to restore")
    store = store_of(store_factory)
    try:
        store.restore_version(session_id, int(number))
    except RegainError as exc:
        raise user_error(exc) from exc
    return open_session(session_id, store_factory=store_factory)


NOTHING_TO_OPEN = "Nothing to open yet: pick a saved session in the list above, then press **Open in Draft tab**."
NOTHING_TO_RESTORE = "Nothing to restore yet: pick a saved session and one of its versions first."
N_OPENED = 8 + len(VIEW_FIELDS)
"""How many outputs :func:`open_session` and :func:`restore_version` fill."""


def open_picked(session_id: str | None, *, store_factory: StoreFactory) -> list[Any]:
    """The "Open in Draft tab" button: :func:`open_session`'s outputs, then the Sessions tab's line.

    With no session picked the Draft tab is left as it is and the line says what to do. (An error here
    would mark every field of the Draft tab with an error badge.)
    """
    if not session_id:
        return [*(gr.skip() for _ in range(N_OPENED)), NOTHING_TO_OPEN]
    return [*open_session(session_id, store_factory=store_factory), gr.skip()]


def restore_picked(session_id: str | None, number: int | None, *, store_factory: StoreFactory) -> list[Any]:
    """The "Restore this version" button: :func:`restore_version`'s outputs, then :func:`show_session`'s.

    With no session or version picked nothing changes but the Sessions tab's line, which says what to do.
    """
    if not session_id or number is None:
        return [*(gr.skip() for _ in range(N_OPENED + 3)), NOTHING_TO_RESTORE]
    opened = restore_version(session_id, number, store_factory=store_factory)
    return [*opened, *show_session(session_id, store_factory=store_factory)]


def choose_version(session_id: str | None, number: int | None, *, store_factory: StoreFactory) -> str:
    """Mark a version's message as the one to send (the export uses it); returns a status line."""
    if not session_id or number is None:
        raise gr.Error("Pick a session and the version whose message you chose.", title="Nothing chosen")
    try:
        store_of(store_factory).choose_message(session_id, int(number))
    except RegainError as exc:
        raise user_error(exc) from exc
    return f"The message of version {int(number)} is the one you chose; exports use it."


def export_session(session_id: str | None, *, store_factory: StoreFactory) -> list[str | None]:
    """The session as a JSON file and a Markdown file, for the download buttons."""
    if not session_id:
        return [None, None]
    store = store_of(store_factory)
    try:
        data = store.export_json(session_id)
        markdown = store.export_markdown(session_id)
    except RegainError as exc:
        raise user_error(exc) from exc
    folder = Path(tempfile.mkdtemp(prefix="regain-export-"))
    json_path = folder / f"regain-{session_id}.json"
    md_path = folder / f"regain-{session_id}.md"
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    md_path.write_text(markdown, encoding="utf-8")
    return [str(json_path), str(md_path)]


def delete_session(
    session_id: str | None, current: str | None, confirmed: bool, *, store_factory: StoreFactory
) -> tuple[Any, str | None, bool, str]:
    """Delete a session and everything saved with it; returns ``(picker, current, confirmed, status)``."""
    if not session_id:
        raise gr.Error("Pick the session to delete.", title="No session")
    if not confirmed:
        raise gr.Error("Tick “Yes, delete it” first: deleting cannot be undone.", title="Not deleted")
    store = store_of(store_factory)
    try:
        store.delete_session(session_id)
    except RegainError as exc:
        raise user_error(exc) from exc
    current = None if current == session_id else current
    picker = refresh_sessions(current, store_factory=store_factory)
    return picker, current, False, f"Deleted session `{session_id}` and everything saved with it."
