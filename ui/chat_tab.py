"""The Chat mode tab: an interview in a chatbot whose retry, undo and edit buttons replay the answers.

:mod:`ui.interview` holds the handlers; :func:`ui.app.build_app` calls these two functions.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from typing import Any

import gradio as gr

from assistant.model.settings import Settings
from assistant.workflows.draft import Pipeline
from ui import interview
from ui.autosave import chat_drafting
from ui.handlers import VIEW_FIELDS
from ui.sessions import StoreFactory


def bind(fn: Callable[..., Any], **kwargs: Any) -> Callable[..., Any]:
    """``fn`` with keyword arguments bound, keeping its name for gradio's API page."""
    bound = functools.partial(fn, **kwargs)
    bound.__name__ = fn.__name__  # type: ignore[attr-defined]
    return bound


def build_chat_tab() -> dict[str, Any]:
    """The tab's components (inside an open ``gr.Tab``)."""
    c: dict[str, Any] = {}
    gr.Markdown(
        "Tell me what happened and I'll ask for anything a good message needs. "
        "When I have enough, I write the draft; you can then edit it on the Draft tab."
    )
    c["chatbot"] = gr.Chatbot(
        value=[*interview.opening()],
        label="Interview",
        height=420,
        buttons=["copy"],
        editable="user",
        elem_id="interview-chat",
    )
    c["answers"] = gr.State({})
    c["message"] = gr.Textbox(show_label=False, placeholder="Your answer", lines=2, elem_id="interview-input")
    with gr.Row():
        c["send"] = gr.Button("Send", variant="primary", elem_id="interview-send")
        c["write"] = gr.Button("Write the draft now", elem_id="interview-write")
        c["restart"] = gr.Button("Start over", elem_id="interview-restart")
    return c


def wire_chat_tab(
    c: dict[str, Any],
    draft: dict[str, Any],
    versions: gr.State,
    session: gr.State,
    factory: Callable[[], Pipeline],
    store: StoreFactory,
    settings: Settings,
    today: dt.date | None,
) -> None:
    """Wire the chat tab; a written draft fills the Draft tab (``draft``) and its versions, and is saved as it is
    written, each step as it finishes (:func:`ui.autosave.chat_drafting`)."""
    bound: dict[str, Any] = {"pipeline_factory": factory, "max_notes_chars": settings.max_notes_chars, "today": today}
    view = [draft[name] for name in VIEW_FIELDS]
    outputs = [c["chatbot"], c["answers"], c["message"], versions, draft["notes"], *view]
    saving: dict[str, Any] = {
        "store_factory": store, "n_outputs": len(outputs), "today": today, "max_notes_chars": settings.max_notes_chars,
    }  # fmt: skip
    turn = chat_drafting(bind(interview.turn, **bound), **saving)
    write = chat_drafting(bind(interview.write_now, **bound), **saving)
    outputs += [session, draft["saved"]]
    options = [draft["leader"], draft["channel"], draft["tone"], draft["length"]]
    inputs = [c["message"], c["chatbot"], c["answers"], *options, session]
    c["send"].click(turn, inputs, outputs, show_progress="hidden")
    c["message"].submit(turn, inputs, outputs, show_progress="hidden", api_visibility="private")
    c["write"].click(write, [c["chatbot"], c["answers"], *options, session], outputs, show_progress="hidden")
    c["restart"].click(interview.restart, None, [c["chatbot"], c["answers"], c["message"]], queue=False)

    # The chatbot's own buttons. gradio passes the event data by the parameter's type hint, so these are
    # plain functions (a functools.partial hides the hint).
    retried = chat_drafting(bind(interview.retry, **bound), **saving)
    edited = chat_drafting(bind(interview.edit, **bound), **saving)

    def retry_answer(
        data: gr.RetryData, chat: Any, answers: Any, leader: str, channel: str, tone: str, length: str, session: Any
    ) -> Iterator[list[Any]]:
        yield from retried(chat, answers, leader, channel, tone, length, session)

    def edit_answer(
        data: gr.EditData, chat: Any, answers: Any, leader: str, channel: str, tone: str, length: str, session: Any
    ) -> Iterator[list[Any]]:
        index = data.index if isinstance(data.index, int) else data.index[0]
        yield from edited(index, str(data.value), chat, answers, leader, channel, tone, length, session)

    def undo_answer(data: gr.UndoData, chat: Any, answers: Any) -> tuple[Any, Any, str]:
        return interview.undo(chat, answers)

    history = [c["chatbot"], c["answers"], *options, session]
    c["chatbot"].retry(retry_answer, history, outputs, show_progress="hidden", api_visibility="private")
    c["chatbot"].edit(edit_answer, history, outputs, show_progress="hidden", api_visibility="private")
    c["chatbot"].undo(
        undo_answer, [c["chatbot"], c["answers"]], [c["chatbot"], c["answers"], c["message"]], queue=False
    )
