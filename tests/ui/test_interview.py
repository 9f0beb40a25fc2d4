"""The Chat tab's interview (ui/interview.py): it asks for what is missing, writes the draft, and its undo, retry and
edit replay the answers; called directly with a scripted model. Its saving is tested in test_autosave.py."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import gradio as gr
import pytest
from ui_support import NOTES, TODAY, scripted_model

from assistant.domain.schema import Draft
from assistant.model.testing import ScriptedChatModel
from assistant.workflows.draft import Pipeline
from ui import interview
from ui.handlers import VIEW_FIELDS
from ui.render import sanitize_markdown


def _all(stream: Iterator[list[Any]]) -> list[list[Any]]:
    return list(stream)


def _view(outputs: list[Any]) -> dict[str, Any]:
    return dict(zip(VIEW_FIELDS, outputs[-len(VIEW_FIELDS) :], strict=True))


def test_chat_mode_asks_what_is_missing_then_writes_the_draft() -> None:
    pipeline = Pipeline(scripted_model())
    kwargs: dict[str, Any] = {"pipeline_factory": lambda: pipeline, "today": TODAY}
    story = "I pushed the payments config change friday w/o running staging tests, checkout down ~3h, ~400 orders lost."
    out = _all(interview.turn(story, interview.opening(), {}, **kwargs))[-1]
    chat, answers = out[0], out[1]
    assert chat[-1]["content"] == interview.QUESTIONS["leader"]
    out = _all(interview.turn("Dana (my manager, eng director) had to explain it to the VP", chat, answers, **kwargs))[
        -1
    ]
    chat, answers = out[0], out[1]
    assert chat[-1]["content"] == interview.QUESTIONS["done"]
    outputs = _all(interview.turn("I rolled back the change and wrote the incident timeline.", chat, answers, **kwargs))
    final = outputs[-1]
    assert "Here is your message" in final[0][-1]["content"]
    assert len(final[3]) == 1 and isinstance(final[3][0], Draft)
    assert final[4].startswith(story) and "My leader: Dana" in final[4]
    assert _view(final)["body"].startswith("Hi Dana,\n\n")


def test_chat_mode_can_write_early_and_needs_a_story_first() -> None:
    model = scripted_model()
    pipeline = Pipeline(model)
    with pytest.raises(gr.Error, match="Tell me what happened"):
        _all(interview.write_now([], {}, pipeline_factory=lambda: pipeline, today=TODAY))
    assert model.calls == []
    final = _all(interview.write_now([], {"story": NOTES}, pipeline_factory=lambda: pipeline, today=TODAY))[-1]
    (draft,) = final[3]
    assert draft.notes == final[4] == NOTES  # written from the story alone, nothing more asked
    assert NOTES in str(model.calls_for("intake")[0]["messages"][1].content)
    assert model.calls_for("compose") == [] and "Here is your message" in final[0][-1]["content"]
    assert _view(final)["subject"] == draft.message.subject == "My mistake, and what I'm doing about it"


STORY = "I pushed the payments config change friday w/o running staging tests, checkout down ~3h, ~400 orders lost."
LEADER = "Dana (my manager, eng director) had to explain it to the VP"
DONE = "I rolled back the change and wrote the incident timeline."


def _interview(*said: str, model: ScriptedChatModel | None = None) -> tuple[list[Any], dict[str, Any]]:
    """The chat and answers after these answers, one turn each."""
    pipeline = Pipeline(model or scripted_model())
    chat, answers = interview.opening(), {}
    for message in said:
        out = _all(interview.turn(message, chat, answers, pipeline_factory=lambda: pipeline, today=TODAY))[-1]
        chat, answers = out[0], out[1]
    return chat, answers


def test_chat_mode_shows_the_answer_at_once_then_streams_the_reply() -> None:
    pipeline = Pipeline(scripted_model())
    chat, answers = _interview(STORY, LEADER)
    outputs = _all(interview.turn(DONE, chat, answers, pipeline_factory=lambda: pipeline, today=TODAY))
    first, *writing, final = outputs
    assert first[0][-1] == {"role": "user", "content": sanitize_markdown(DONE)}
    assert writing and all("Writing your draft" in out[0][-1]["content"] for out in writing)
    assert "Here is your message" in final[0][-1]["content"]


def test_chat_mode_undo_drops_the_last_exchange() -> None:
    chat, answers = _interview(STORY, LEADER)
    assert chat[-1]["content"] == interview.QUESTIONS["done"]
    back_chat, back_answers, box = interview.undo(chat, answers)
    assert box == LEADER  # the answer goes back into the input box
    assert back_chat[-1]["content"] == interview.QUESTIONS["leader"]
    assert [m["role"] for m in back_chat] == ["assistant", "user", "assistant"]
    assert back_answers["said"] == [STORY] and "leader" not in back_answers
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        assert interview.undo(interview.opening(), {})[0] == interview.opening()


def test_chat_mode_retry_asks_again_or_writes_the_draft_again() -> None:
    chat, answers = _interview(STORY, LEADER)
    again = _all(interview.retry(chat, answers, pipeline_factory=lambda: Pipeline(scripted_model()), today=TODAY))
    assert again[-1][0] == chat and again[-1][1] == answers

    model = scripted_model()
    chat, answers = _interview(STORY, LEADER, DONE, model=model)
    first_draft = [c["step"] for c in model.calls]
    assert "positive" in first_draft
    outputs = _all(interview.retry(chat, answers, pipeline_factory=lambda: Pipeline(model), today=TODAY))
    final = outputs[-1]
    assert sorted(c["step"] for c in model.calls) == sorted(first_draft * 2)  # written again
    assert "Here is your message" in final[0][-1]["content"]
    assert sum(1 for m in final[0] if m["role"] == "user") == 3  # the last answer is not doubled
    assert final[1] == answers
    (draft,) = final[3]  # a fresh draft from the same answers
    assert draft.notes == final[4] == f"{STORY}\nMy leader: {LEADER}\nAlready done: {DONE}"
    with pytest.raises(gr.Error, match="no answer to try again"):
        _all(interview.retry(interview.opening(), {}, pipeline_factory=lambda: Pipeline(model)))


def test_chat_mode_edit_replaces_an_answer_and_continues_from_there() -> None:
    chat, answers = _interview(STORY, LEADER)
    story_index = 1
    assert chat[story_index]["role"] == "user"
    edited = "I sent the wrong <b>invoice</b> batch to a client."
    out = _all(
        interview.edit(
            story_index, edited, chat, answers, pipeline_factory=lambda: Pipeline(scripted_model()), today=TODAY
        )
    )[-1]
    new_chat, new_answers = out[0], out[1]
    assert new_answers["said"] == [edited]  # later answers are dropped
    assert new_answers["story"] == edited and "leader" not in new_answers
    assert new_chat[1]["content"] == sanitize_markdown(edited) and "<b>" not in new_chat[1]["content"]
    assert new_chat[-1]["role"] == "assistant" and len(new_chat) == 3
    with pytest.raises(gr.Error, match="Only your own answers"):
        _all(interview.edit(0, "x", chat, answers, pipeline_factory=lambda: Pipeline(scripted_model())))
