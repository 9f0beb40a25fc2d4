"""The UI's plain handler functions, called directly with a scripted model."""

from __future__ import annotations

import html
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr
import pytest
from langchain_core.messages import BaseMessage
from ui_support import NOTES, TODAY, fact_edits, later_dates_edits, scripted_model, slow_model

from assistant.domain.errors import ModelAPIError
from assistant.domain.schema import Draft, DraftOptions
from assistant.domain.settle import wording
from assistant.model.budget import CallBudget
from assistant.model.testing import ScriptedChatModel, good_script
from assistant.workflows.assemble import assemble_message
from assistant.workflows.draft import Pipeline
from ui import handlers
from ui.handlers import VIEW_FIELDS

SKIP = gr.skip()


def _all(stream: Iterator[list[Any]]) -> list[list[Any]]:
    return list(stream)


def _view(outputs: list[Any]) -> dict[str, Any]:
    return dict(zip(VIEW_FIELDS, outputs[-len(VIEW_FIELDS) :], strict=True))


def _generate(model: ScriptedChatModel, notes: str = NOTES, channel: str = "email") -> list[list[Any]]:
    pipeline = Pipeline(model)
    return _all(
        handlers.generate(notes, "", channel, "neutral", "medium", [], pipeline_factory=lambda: pipeline, today=TODAY)
    )


@pytest.fixture
def versions() -> list[Draft]:
    final = _generate(scripted_model())[-1]
    return final[0]  # type: ignore[no-any-return]


def test_generate_streams_its_steps_then_shows_all_six() -> None:
    outputs = _generate(scripted_model())
    *progress, final = outputs
    assert progress and all(out[0] == SKIP and "Writing your draft" in out[1] for out in progress)
    assert all(value == SKIP for out in progress for value in out[3:])
    versions, summary, diff, *_ = final
    assert len(versions) == 1 and isinstance(versions[0], Draft)
    assert summary.startswith("**Draft ready**") and "No problems found" in summary
    assert "| Message | **done** |" in summary
    view = _view(final)
    good = good_script()
    assert view["pain_text"] == f"{good['pain']['statement']} {wording(None).landed}"  # type: ignore[index]
    # nothing open in the notes: the plan is the program's two actions, the lesson's habit and the look back
    habit = "run the staging tests before every config deploy, whatever the deadline"
    assert view["plan_text"].startswith(wording(None).checklist[0].format(habit=habit))
    assert wording(None).lookback[0] in view["plan_text"]
    assert "| 2026-12-04 |" in view["plan_text"] and "| 2026-12-11 |" in view["plan_text"]
    assert view["subject"] == "My mistake, and what I'm doing about it"  # the assembled message's subject
    assert view["body"].startswith("Hi Dana,\n\nI'm sorry that about 400 orders")
    for step in ("pain", "ownership", "lessons", "plan", "positive", "report_back"):
        assert "No problems found" in view[f"{step}_findings"], view[f"{step}_findings"]
    assert "Dana" in view["facts"] and diff == ""


def test_empty_notes_are_a_notice_and_no_model_is_called() -> None:
    model = scripted_model()
    with pytest.raises(gr.Error) as info:
        _generate(model, notes="  \n ")
    assert info.value.title == "Check your input"
    assert "notes are empty" in info.value.message
    assert model.calls == []


def _failing(exc: Exception) -> ScriptedChatModel:
    def fail(messages: list[BaseMessage]) -> str:
        raise exc

    return scripted_model(intake=fail)


def test_an_unreachable_model_is_a_clear_notice_with_escaped_text() -> None:
    error = ModelAPIError("Could not reach the model server at http://localhost:9/v1 <b>(connection refused)</b>.")
    with pytest.raises(gr.Error) as info:
        _generate(_failing(error))
    assert info.value.title == "The model could not answer"
    assert "&lt;b&gt;(connection refused)&lt;/b&gt;" in info.value.message
    assert "<b>" not in info.value.message


def test_a_timeout_is_a_notice_and_the_page_keeps_its_inputs() -> None:
    stream = handlers.generate(
        NOTES,
        "",
        "email",
        "neutral",
        "medium",
        [],
        pipeline_factory=lambda: Pipeline(_failing(ModelAPIError("The model did not answer within 300 s."))),
        today=TODAY,
    )
    outputs = []
    with pytest.raises(gr.Error, match="within 300 s"):
        for out in stream:
            outputs.append(out)
    assert "could not be finished" in outputs[-1][1]
    assert outputs[-1][0] == SKIP and all(value == SKIP for value in outputs[-1][3:])  # edits stay


def test_a_partial_draft_is_shown_marked_incomplete_and_earlier_versions_are_kept(versions: list[Draft]) -> None:
    def fail(messages: list[BaseMessage]) -> str:
        raise ModelAPIError("Server error 503: the server failed with HTTP 503 (3 attempts); try again later.")

    stream = handlers.generate(
        NOTES, "", "email", "neutral", "medium", versions,
        pipeline_factory=lambda: Pipeline(scripted_model(pain=fail)), today=TODAY,
    )  # fmt: skip
    outputs = []
    with pytest.raises(gr.Error) as info:
        for out in stream:
            outputs.append(out)
    assert info.value.title == "The draft is incomplete" and "HTTP 503" in info.value.message
    kept, progress, _diff, *_ = outputs[-1]
    assert kept[:-1] == versions and kept[-1].complete is False and set(kept[-1].failed_steps) == {"pain"}
    first = progress.splitlines()[0]
    assert first.startswith("**INCOMPLETE – these steps failed: 1&#46; Show your pain.**")
    view = _view(outputs[-1])
    assert view["pain_text"] == "" and view["ownership_text"] == versions[-1].ownership
    assert view["preview"].startswith("**INCOMPLETE")


def test_an_unexpected_failure_is_still_a_notice() -> None:
    with pytest.raises(gr.Error) as info:
        _generate(_failing(RuntimeError("boom")))
    assert info.value.title == "Unexpected error" and "RuntimeError" in info.value.message
    assert "boom" not in info.value.message  # internals stay out of the notice


def test_editing_a_section_checks_it_again_without_a_model_call(versions: list[Draft]) -> None:
    before = len(versions)
    updated, findings = handlers.edit_section("Mistakes were made.", versions, step="ownership")
    assert updated is not None and updated[-1].ownership == "Mistakes were made."
    assert len(updated) == before
    assert "<mark>were made</mark>" in findings and "error" in findings


def test_unreadable_edits_keep_the_last_readable_value(versions: list[Draft]) -> None:
    updated, findings = handlers.edit_section("Add a gate | me | soon | done", versions, step="plan")
    assert updated == versions
    assert "'soon' is not a date like 2026-12-01" in html.unescape(findings)
    assert "last readable version" in findings


def test_editing_the_plan_checks_the_checkins_too(versions: list[Draft]) -> None:
    text = "Add a CI gate that blocks config deploys | me | 2027-01-08 | A deploy without a green run is rejected"
    updated, plan_findings, report_findings = handlers.edit_plan(text, versions)
    assert updated is not None and updated[-1].plan[0].due.isoformat() == "2027-01-08"
    assert plan_findings and report_findings


def test_edits_before_a_draft_do_nothing() -> None:
    assert handlers.edit_section("text", [], step="pain") == ([], "")
    assert handlers.edit_message("s", "b", []) == ([], "", "")


def test_editing_the_message_updates_its_checks_and_a_safe_preview(versions: list[Draft]) -> None:
    body = "Dana, I'm sorry. <script>alert(1)</script> ![x](https://evil.example/p.png)"
    updated, findings, preview = handlers.edit_message("Subject", body, versions)
    assert updated is not None and updated[-1].message.body == body
    assert "HTML" in findings
    assert "<script>" not in preview and "evil.example" not in preview


def test_message_files_are_made_for_the_current_text(versions: list[Draft]) -> None:
    assert handlers.message_files("", "  ", versions) == [None, None, None]
    md, txt, eml = handlers.message_files("Friday", "Dana, I'm sorry.", versions)
    assert [Path(p).suffix for p in (md, txt, eml)] == [".md", ".txt", ".eml"]  # type: ignore[arg-type]
    assert "Subject: Friday" in Path(eml).read_text(encoding="utf-8")  # type: ignore[arg-type]


def test_rewriting_for_another_channel_reassembles_without_a_model_call(versions: list[Draft]) -> None:
    model = scripted_model()
    outputs = _all(
        handlers.rewrite_message("chat", "warm", "short", "", versions, pipeline_factory=lambda: Pipeline(model))
    )
    new_versions, summary, diff, *_ = outputs[-1]
    assert model.calls == []
    assert len(new_versions) == 2 and new_versions[-1].message.channel == "chat"
    assert new_versions[-1].pain == versions[-1].pain
    assert "Message rewritten" in summary and "Message" in diff
    options = DraftOptions(channel="chat", tone="warm", length="short")
    assert _view(outputs[-1])["body"] == assemble_message(versions[-1], options).body


def test_rewriting_with_polish_asks_the_model(versions: list[Draft]) -> None:
    model = scripted_model()
    outputs = _all(
        handlers.rewrite_message(
            "email", "formal", "medium", "", versions, pipeline_factory=lambda: Pipeline(model, polish=True)
        )
    )
    assert [c["step"] for c in model.calls] == ["compose"]
    assert "in a formal tone" in str(model.calls[0]["messages"][1].content)
    assert outputs[-1][0][-1].options.tone == "formal"


def test_refine_and_undo(versions: list[Draft]) -> None:
    model = slow_model(refine_edits=later_dates_edits())  # a request the parser leaves to the model
    stream = handlers.refine(
        "push everything out by a fortnight", [], versions, pipeline_factory=lambda: Pipeline(model)
    )
    outputs = _all(stream)
    assert any("Working on it" in out[1][-1]["content"] for out in outputs[:-1])
    new_versions, chat, request, diff, notes, *_ = outputs[-1]
    assert len(new_versions) == 2 and request == ""
    assert [m["role"] for m in chat] == ["user", "assistant"]
    assert "two weeks later" in chat[1]["content"]
    assert "2026&#45;12&#45;<del>04</del><ins>18</ins>" in diff  # 2026-12-04 became 2026-12-18
    assert "4&#46; Outline a path forward" in diff
    assert notes == SKIP
    assert "2026-12-25" in _view(outputs[-1])["plan_text"]

    back = handlers.undo(new_versions, chat)
    assert back[0] == versions
    assert back[1][-1]["content"].startswith("Undone")
    assert "2026-12-04" in _view(back)["plan_text"] and "2026-12-18" not in _view(back)["plan_text"]


def test_refine_adds_new_facts_to_the_notes(versions: list[Draft]) -> None:
    answer = fact_edits(
        "I already told the support team",
        "I'm on it, and I've already told the support team; I'll show you the gate working by mid-December.",
    )
    model = scripted_model(refine_edits=answer)
    final = _all(
        handlers.refine(
            "add that I already told the support team", None, versions, pipeline_factory=lambda: Pipeline(model)
        )
    )[-1]
    notes = final[4]
    assert notes.endswith("Added in chat:\n- I already told the support team")
    assert "Added to your notes" in final[1][-1]["content"]


def test_refine_needs_a_draft_and_a_request(versions: list[Draft]) -> None:
    with pytest.raises(gr.Error, match="Write a draft first"):
        _all(handlers.refine("shorter", [], [], pipeline_factory=lambda: Pipeline(scripted_model())))
    with pytest.raises(gr.Error, match="Write what you would like to change"):
        _all(handlers.refine("  ", [], versions, pipeline_factory=lambda: Pipeline(scripted_model())))


def test_a_failed_refinement_leaves_the_draft_and_says_so(versions: list[Draft]) -> None:
    model = scripted_model(refine_edits="not json at all", refine_rewrite="not json at all")
    outputs = []
    request = "rewrite the ownership in plainer words"  # not a plain request: the model answers it
    with pytest.raises(gr.Error) as info:
        for out in handlers.refine(request, [], versions, pipeline_factory=lambda: Pipeline(model, max_reasks=0)):
            outputs.append(out)
    assert info.value.title == "The model's answer was not usable"
    assert outputs[-1][0] == SKIP and outputs[-1][2] == request  # request kept to try again
    assert "draft is unchanged" in outputs[-1][1][-1]["content"]


def test_undo_with_nothing_to_undo_warns(versions: list[Draft]) -> None:
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        out = handlers.undo(versions, [])
    assert all(value == SKIP for value in out)


def test_generate_shows_the_text_being_written_readably_and_escaped() -> None:
    hostile = 'I\'m sorry <img src=x onerror="alert(1)"> about the 400 lost orders, and the long evening it cost you.'
    model = slow_model(pain={"statement": hostile})
    outputs = _all(
        handlers.generate(NOTES, "", "email", "neutral", "medium", [], pipeline_factory=lambda: Pipeline(model))
    )
    live = [out[1] for out in outputs[:-1] if "Now writing" in out[1]]
    assert live, "no progress showed the text being written"
    shown = " ".join(html.unescape(text) for text in live)
    assert "Now writing: 1. Pain" in shown and "400 lost orders" in shown
    assert '"statement"' not in shown and "{" not in shown  # the JSON is read, not shown raw
    assert all("<img" not in text for text in live)  # model text is escaped
    assert "Now writing" not in outputs[-1][1]  # the finished summary has no live text


def test_the_session_budget_caps_model_calls_across_drafts() -> None:
    # one draft takes 5 calls: the intake and the four writing steps (the plan makes no call when nothing is open)
    budget = CallBudget(5)
    pipeline = Pipeline(scripted_model())

    def generate() -> list[list[Any]]:
        return _all(
            handlers.generate(
                NOTES, "", "email", "neutral", "medium", [], budget, pipeline_factory=lambda: pipeline, today=TODAY
            )
        )

    assert generate()[-1][0][0].complete and budget.used == 5
    with pytest.raises(gr.Error) as info:
        generate()
    assert info.value.title == "Usage limit reached" and "REGAIN_MAX_CALLS_PER_SESSION" in info.value.message
    assert budget.used == 5
