"""The Regain web UI: :func:`build_app` wires the plain handlers of :mod:`ui.handlers` to components.

Importing this module builds nothing. Launching happens in :func:`ui.serve.serve` (``regain ui``,
``python -m ui``) or under ``__main__``: for development, ``gradio ui/app.py`` serves :data:`demo` in
reload mode. ``demo`` is made by :func:`dev_app` when the script runs, or on first access as
``ui.app.demo``; its backend (from ``Settings()``, as ``regain ui`` would open it) starts on the first
request.
"""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import os
import threading
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import gradio as gr
from langchain_core.language_models import BaseChatModel

from assistant.domain.schema import CHANNEL_NAMES
from assistant.domain.schema import CHANNELS as CHANNEL_CHOICES
from assistant.domain.schema import LENGTHS as LENGTH_CHOICES
from assistant.domain.schema import TONES as TONE_CHOICES
from assistant.model.budget import CallBudget
from assistant.model.settings import Settings
from assistant.workflows.draft import Pipeline
from ui import examples, handlers
from ui.autosave import drafting
from ui.chat_tab import bind as _bind
from ui.chat_tab import build_chat_tab, wire_chat_tab
from ui.launch import dev_settings, launch_app, ui_auth
from ui.render import escape_text
from ui.report_back_tab import build_report_back_tab, wire_report_back_tab
from ui.sections import HINTS, SECTIONS, TITLES
from ui.sessions import StoreFactory, autosaving
from ui.sessions_tab import build_sessions_tab, wire_edit_autosave, wire_sessions_tab

CHANNELS = [(CHANNEL_NAMES[c], c) for c in CHANNEL_CHOICES]
TONES = [(t.capitalize(), t) for t in TONE_CHOICES]
LENGTHS = [(n.capitalize(), n) for n in LENGTH_CHOICES]
INTRO = (
    "# Regain\n"
    "Made a mistake at work? Turn your rough notes into the six steps of trust repair and a message to your "
    "leader. Every step is checked; edit any step and the checks run again at once."
)


def pipeline_factory_for(model: BaseChatModel, settings: Settings) -> Callable[[], Pipeline]:
    """One :class:`Pipeline` for the model, made on first use and shared by every session."""
    return functools.cache(
        lambda: Pipeline(
            model,
            max_reasks=settings.max_reasks,
            structured_output=settings.structured_output,
            max_calls=settings.max_calls_per_session,
            polish=settings.polish,
        )
    )


class LazyBackend:
    """A pipeline factory that opens the backend from ``Settings()`` on its first call and keeps it open.

    The backend (an embedded model server, or a client for a remote one) is closed by :meth:`close`,
    or when the process exits.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stack: ExitStack | None = None
        self._pipeline: Pipeline | None = None

    @property
    def opened(self) -> bool:
        """Whether the backend has been opened."""
        return self._pipeline is not None

    def __call__(self) -> Pipeline:
        with self._lock:
            if self._pipeline is None:
                from assistant.model.backend import open_backend

                settings = Settings()
                stack = ExitStack()
                backend = stack.enter_context(open_backend(settings))
                self._stack = stack
                atexit.register(self.close)
                self._pipeline = pipeline_factory_for(backend.chat_model, settings)()
            return self._pipeline

    def close(self) -> None:
        """Close the backend if it was opened (it opens again on the next call)."""
        with self._lock:
            if self._stack is not None:
                self._stack.close()
            self._stack, self._pipeline = None, None


def build_app(
    pipeline_factory: Callable[[], Pipeline],
    settings: Settings | None = None,
    *,
    today: dt.date | None = None,
    backend_description: str | None = None,
    examples_dir: Path = examples.EXAMPLES_DIR,
    store_factory: StoreFactory | None = None,
) -> gr.Blocks:
    """The whole UI as a ``gr.Blocks``; nothing is launched. ``today`` fixes the planning date (tests).

    Work is saved in the sessions store (``Store.open(settings)`` on first use unless ``store_factory``).
    """
    settings = settings or Settings()
    factory = functools.cache(pipeline_factory)
    store = functools.cache(store_factory or functools.partial(_open_store, settings))
    app = gr.Blocks(title="Regain", analytics_enabled=False)
    with app:
        versions = gr.State([])
        session = gr.State(None)
        budget = gr.State(CallBudget(settings.max_calls_per_session))  # deep-copied: one per browser session
        gr.Markdown(INTRO)
        if backend_description:
            gr.Markdown(f"<small>Using the {escape_text(backend_description)}.</small>")
        with gr.Tabs():
            with gr.Tab("Draft", id="draft"):
                draft = _draft_tab(versions, examples_dir)
            with gr.Tab("Chat mode", id="chat"):
                chat = build_chat_tab()
            with gr.Tab("Report back", id="report_back") as report_back_tab:
                reporting = build_report_back_tab()
            with gr.Tab("Sessions", id="sessions") as sessions_tab:
                saved = build_sessions_tab()
        saved["tab"], reporting["tab"] = sessions_tab, report_back_tab
        save = functools.partial(autosaving, store_factory=store)
        _wire_draft(draft, versions, session, budget, factory, save, store, settings, today)
        wire_chat_tab(chat, draft, versions, session, factory, store, settings, today)
        generate = _bind(handlers.generate, pipeline_factory=factory, max_notes_chars=settings.max_notes_chars)
        wire_sessions_tab(saved, draft, versions, session, store, resume=(generate, budget))
        wire_edit_autosave(draft, versions, session, store)
        wire_report_back_tab(reporting, session, factory, store, settings, today)
    return app


def _open_store(settings: Settings) -> Any:
    from assistant.store import Store

    return Store.open(settings)


def _draft_tab(versions: gr.State, examples_dir: Path) -> dict[str, Any]:
    c: dict[str, Any] = {}
    with gr.Row(), gr.Column(scale=3, min_width=320):
        c["example"] = gr.Dropdown(
            choices=examples.example_choices(examples_dir),
            value=None,
            label="Start from an example (optional)",
            elem_id="example",
        )
        c["notes"] = gr.Textbox(
            label="Your notes",
            lines=7,
            max_lines=20,
            placeholder="What happened, the impact, your part in it, who your leader is, what you've done so far.",
            elem_id="notes",
        )
        with gr.Row():
            c["leader"] = gr.Textbox(
                label="Leader (optional)", placeholder="Name or role", min_width=200, elem_id="leader"
            )
            c["channel"] = gr.Radio(CHANNELS, value="email", label="Channel", min_width=240, elem_id="channel")
        with gr.Row():
            c["tone"] = gr.Radio(TONES, value="neutral", label="Tone", min_width=240, elem_id="tone")
            c["length"] = gr.Radio(LENGTHS, value="medium", label="Length", min_width=200, elem_id="length")
        c["generate"] = gr.Button("Generate draft", variant="primary", elem_id="generate")
        c["board"] = gr.Markdown(elem_id="board")
        c["saved"] = gr.Markdown(elem_id="saved")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=320):
            with gr.Accordion("Facts taken from your notes", open=False):
                c["facts"] = gr.Markdown(elem_id="facts")
            for step in SECTIONS:
                with gr.Row(
                    equal_height=False, variant="panel", elem_id=f"{step}-section", elem_classes="regain-section"
                ):
                    c[f"{step}_text"] = gr.Textbox(
                        label=TITLES[step], info=HINTS[step], lines=3, max_lines=12, scale=3, min_width=260,
                        elem_id=f"{step}-text",
                    )  # fmt: skip
                    with gr.Column(scale=2, min_width=220):
                        c[f"{step}_findings"] = gr.Markdown(
                            padding=True, elem_id=f"{step}-findings", elem_classes="findings"
                        )
            with gr.Group(elem_id="message-section"):
                gr.Markdown("### Your message", padding=True)
                c["subject"] = gr.Textbox(label="Subject", elem_id="message-subject")
                c["body"] = gr.Textbox(label="Message", lines=8, max_lines=30, buttons=["copy"], elem_id="message-body")
                c["message_findings"] = gr.Markdown(padding=True, elem_id="message-findings", elem_classes="findings")
                with gr.Accordion("Preview", open=False):
                    c["preview"] = gr.Markdown(padding=True, elem_id="message-preview")
                with gr.Row():
                    c["download_md"] = gr.DownloadButton("Download .md", size="sm", elem_id="download-md")
                    c["download_txt"] = gr.DownloadButton("Download .txt", size="sm", elem_id="download-txt")
                    c["download_eml"] = gr.DownloadButton("Download .eml", size="sm", elem_id="download-eml")
                with gr.Row(equal_height=True):
                    c["rewrite_channel"] = gr.Radio(
                        CHANNELS, value="email", label="Rewrite the message for", scale=3, elem_id="rewrite-channel"
                    )
                    c["rewrite"] = gr.Button("Rewrite message", scale=1, min_width=140, elem_id="rewrite")
        with gr.Column(scale=2, min_width=300):
            gr.Markdown("### Ask for changes")
            c["chat"] = gr.Chatbot(
                label="Refine",
                height=380,
                buttons=["copy"],
                placeholder="Ask in plain words: “shorter”, “less formal”, “move the plan dates two weeks later”, "
                "“add that I already rolled back the change”.",
                elem_id="refine-chat",
            )
            c["request"] = gr.Textbox(
                show_label=False, placeholder="What should change?", lines=2, elem_id="refine-request"
            )
            with gr.Row():
                c["send"] = gr.Button("Send", variant="primary", elem_id="refine-send")
                c["undo"] = gr.Button("Undo", elem_id="undo")
            gr.Markdown("#### What changed")
            c["diff"] = gr.Markdown(padding=True, elem_id="diff")
    return c


def _view(c: dict[str, Any]) -> list[Any]:
    return [c[name] for name in handlers.VIEW_FIELDS]


def _wire_draft(
    c: dict[str, Any],
    versions: gr.State,
    session: gr.State,
    budget: gr.State,
    factory: Callable[[], Pipeline],
    save: Callable[..., Any],
    store: StoreFactory,
    settings: Settings,
    today: dt.date | None,
) -> None:
    """Wire the Draft tab; every handler that changes the draft saves it (``save`` wraps it; Generate saves
    each step as it finishes, see :mod:`ui.autosave`)."""
    saved = [session, c["saved"]]
    n = 3 + len(handlers.VIEW_FIELDS)
    quiet: dict[str, Any] = {"show_progress": "hidden", "queue": False}
    c["example"].change(_bind(examples.load_example), c["example"], c["notes"], **quiet)
    c["channel"].change(lambda value: value, c["channel"], c["rewrite_channel"], api_visibility="private", **quiet)
    generate = _bind(handlers.generate, pipeline_factory=factory, max_notes_chars=settings.max_notes_chars, today=today)
    c["generate"].click(
        drafting(
            generate,
            store_factory=store,
            n_outputs=n,
            notes_of=lambda args: args[:5],
            today=today,
            max_notes_chars=settings.max_notes_chars,
        ),  # fmt: skip
        [c["notes"], c["leader"], c["channel"], c["tone"], c["length"], versions, budget, session],
        [versions, c["board"], c["diff"], *_view(c), *saved],
        show_progress="hidden",
        concurrency_limit=2,
    )
    for step in SECTIONS:
        if step == "plan":
            continue
        c[f"{step}_text"].change(
            _bind(handlers.edit_section, step=step),
            [c[f"{step}_text"], versions],
            [versions, c[f"{step}_findings"]],
            trigger_mode="always_last",
            api_name=f"edit_{step}",
            **quiet,
        )
    c["plan_text"].change(
        handlers.edit_plan,
        [c["plan_text"], versions],
        [versions, c["plan_findings"], c["report_back_findings"]],
        trigger_mode="always_last",
        **quiet,
    )
    for n, box in enumerate((c["subject"], c["body"])):
        visibility = "public" if n == 0 else "private"
        box.change(
            handlers.edit_message,
            [c["subject"], c["body"], versions],
            [versions, c["message_findings"], c["preview"]],
            trigger_mode="always_last",
            api_visibility=visibility,
            **quiet,
        )
        box.change(
            handlers.message_files,
            [c["subject"], c["body"], versions],
            [c["download_md"], c["download_txt"], c["download_eml"]],
            trigger_mode="always_last",
            show_progress="hidden",
            api_visibility=visibility,
        )
    rewrite = _bind(handlers.rewrite_message, pipeline_factory=factory)
    c["rewrite"].click(
        save(rewrite, source="generated", n_outputs=n, summary=lambda args: f"message rewritten ({args[0]})"),
        [c["rewrite_channel"], c["tone"], c["length"], c["leader"], versions, budget, session],
        [versions, c["board"], c["diff"], *_view(c), *saved],
        show_progress="hidden",
    )
    refine_inputs = [c["request"], c["chat"], versions, budget, session]
    refine_outputs = [versions, c["chat"], c["request"], c["diff"], c["notes"], *_view(c), *saved]
    refine = save(
        _bind(handlers.refine, pipeline_factory=factory),
        source="refined",
        n_outputs=len(refine_outputs) - 2,
        summary=lambda args: " ".join(str(args[0]).split())[:200],
    )
    c["send"].click(refine, refine_inputs, refine_outputs, show_progress="hidden")
    c["request"].submit(refine, refine_inputs, refine_outputs, show_progress="hidden", api_visibility="private")
    undo_outputs = [versions, c["chat"], c["diff"], c["notes"], *_view(c), *saved]
    undo = save(handlers.undo, source="restored", n_outputs=len(undo_outputs) - 2, summary=lambda _args: "undo")
    c["undo"].click(undo, [versions, c["chat"], session], undo_outputs, **quiet)


def dev_app() -> gr.Blocks:
    """The app of ``gradio ui/app.py`` (reload mode): settings from the environment, the backend opened on the
    first request (a :class:`LazyBackend`)."""
    return build_app(
        LazyBackend(), dev_settings(), backend_description="backend from your settings (opens on first use)"
    )


demo: gr.Blocks
"""The app for ``gradio ui/app.py``: built by :func:`dev_app` on first access, never at import."""


def __getattr__(name: str) -> gr.Blocks:
    if name == "demo":
        global demo
        demo = dev_app()
        return demo
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":  # ``gradio ui/app.py`` runs this file; gradio finds ``demo`` in its globals
    demo = dev_app()
    launch_app(
        demo,
        port=int(os.environ.get("GRADIO_SERVER_PORT", "7860")),
        auth=ui_auth(dev_settings()),
        settings=dev_settings(),
    )
