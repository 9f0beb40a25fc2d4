"""The Chat mode tab (``ui/chat_tab.py``): its components, and which interview handler each of them runs."""

from __future__ import annotations

import functools
from typing import Any

import gradio as gr
import pytest
from ui_support import built_tab, handler_of, wired

from ui import interview
from ui.chat_tab import bind


@pytest.fixture(scope="module")
def tab() -> tuple[Any, dict[str, Any]]:
    return built_tab("build_chat_tab")


def test_bind_keeps_the_name_gradio_shows_and_binds_the_arguments() -> None:
    def turn(message: str, *, suffix: str) -> str:
        return message + suffix

    bound = bind(turn, suffix="!")
    assert isinstance(bound, functools.partial) and getattr(bound, "__name__", None) == "turn"
    assert bound("hi") == "hi!"


def test_the_chat_opens_with_the_first_question_and_an_empty_interview(tab: tuple[Any, dict[str, Any]]) -> None:
    _app, c = tab
    assert set(c) == {"chatbot", "answers", "message", "send", "write", "restart"}
    assert isinstance(c["chatbot"], gr.Chatbot) and c["chatbot"].editable == "user"
    (first,) = c["chatbot"].value  # gradio keeps messages in its own form: the text in a list of parts
    (opening,) = interview.opening()
    assert first["role"] == opening["role"] and first["content"] == [{"type": "text", "text": opening["content"]}]
    assert isinstance(c["answers"], gr.State) and c["answers"].value == {}
    assert (c["send"].value, c["write"].value, c["restart"].value) == (
        "Send",
        "Write the draft now",
        "Start over",
    )


def test_send_and_enter_run_a_turn_only_one_of_them_in_the_api(tab: tuple[Any, dict[str, Any]]) -> None:
    app, c = tab
    assert wired(app, c["send"]) == [("click", "turn", "public")]
    assert wired(app, c["message"]) == [("submit", "turn", "private")]
    turn = handler_of(app, c["send"], "click")
    assert turn.inputs[:3] == [c["message"], c["chatbot"], c["answers"]]
    assert turn.outputs[:3] == [c["chatbot"], c["answers"], c["message"]]
    assert turn.show_progress == "hidden"


def test_write_now_and_start_over(tab: tuple[Any, dict[str, Any]]) -> None:
    app, c = tab
    assert wired(app, c["write"]) == [("click", "write_now", "public")]
    write = handler_of(app, c["write"], "click")
    assert write.outputs == handler_of(app, c["send"], "click").outputs  # both fill the Draft tab the same way
    restart = handler_of(app, c["restart"], "click")
    assert restart.name == "restart" and restart.inputs == [] and not restart.queue
    assert restart.outputs == [c["chatbot"], c["answers"], c["message"]]
    assert restart.fn() == (interview.opening(), {}, "")


def test_the_chatbots_own_buttons_replay_the_answers(tab: tuple[Any, dict[str, Any]]) -> None:
    app, c = tab
    assert sorted(wired(app, c["chatbot"])) == [
        ("edit", "edit_answer", "private"),
        ("retry", "retry_answer", "private"),
        ("undo", "undo_answer", "public"),
    ]
    undo = handler_of(app, c["chatbot"], "undo")
    assert undo.inputs == [c["chatbot"], c["answers"]] and not undo.queue
    assert undo.collects_event_data  # gradio passes the UndoData by the parameter's type hint
