"""Refine: the chain (prompt, parse, re-ask) and applying its answer to a draft."""

from __future__ import annotations

import asyncio
import json

import pytest
from chain_support import assert_json_schema_requested, assert_reask, run
from ui_support import NOTES, REFINE_MARKER, TODAY, later_dates_answer, refine_answer, scripted_model

from assistant.assemble import assemble_message
from assistant.chains.refine import (
    ADDED_MARKER,
    build_refine_chain,
    draft_text,
    grounded_facts,
    notes_with_facts,
    refine_inputs,
)
from assistant.errors import InputError, OutputValidationError
from assistant.pipeline import Pipeline, adraft
from assistant.prompts import load_prompt
from assistant.schema import Draft, RefineOutput
from assistant.validator.checks import validate_draft
from ui.refine import apply_refinement, arefine


def _draft(validate: bool = True) -> Draft:
    return asyncio.run(adraft(NOTES, Pipeline(scripted_model(), validate=validate), today=TODAY))


def test_prompt_has_the_refine_task_and_declares_its_variables() -> None:
    prompt = load_prompt("refine")
    assert set(prompt.variables) == {"facts", "today", "draft", "request"}
    assert REFINE_MARKER in prompt.template
    for other in ("Task: step", "Task: write ", "Task: list the facts"):
        assert other not in prompt.template


def test_happy_path_sends_the_draft_and_request_and_parses_the_answer() -> None:
    draft = _draft()
    model = scripted_model(refine=later_dates_answer())
    out = run(build_refine_chain(model), refine_inputs(draft, "make the plan dates two weeks later"))
    assert isinstance(out, RefineOutput)
    assert out.plan is not None and [a.due.isoformat() for a in out.plan] == ["2026-12-18", "2026-12-25"]
    call = model.calls_for("refine")[0]
    user = str(call["messages"][1].content)
    assert "<request>\nmake the plan dates two weeks later\n</request>" in user
    assert draft_text(draft) in user
    assert "Today is Friday 2026-11-27." in user
    assert_json_schema_requested(call, "refine", "RefineOutput")


def test_prompt_layout_matches_the_other_steps() -> None:
    model = scripted_model(refine=refine_answer())
    draft = _draft().model_copy(update={"notes": "pushed the payments config change on friday w/o running"})
    inputs = refine_inputs(draft, "shorter")
    run(build_refine_chain(model), inputs)
    system, user = model.calls_for("refine")[0]["messages"][:2]
    assert system.content == load_prompt("system").render()
    assert f"<notes>\n{draft.notes}\n</notes>" in str(user.content)
    assert REFINE_MARKER in str(user.content)


def test_a_past_date_is_reasked() -> None:
    bad = later_dates_answer()
    bad["plan"] = [{**bad["plan"][0], "due": "2026-11-20"}]
    model = scripted_model(refine=[json.dumps(bad), later_dates_answer()])
    out = run(build_refine_chain(model), refine_inputs(_draft(), "earlier please"))
    assert out.plan is not None and [a.due.isoformat() for a in out.plan] == ["2026-12-18", "2026-12-25"]
    assert_reask(model.calls_for("refine")[1], json.dumps(bad), "due date of plan item 1 2026-11-20 is not after today")


def test_gives_up_after_max_reasks() -> None:
    model = scripted_model(refine="not json")
    with pytest.raises(OutputValidationError) as info:
        run(build_refine_chain(model, max_reasks=1), refine_inputs(_draft(), "shorter"))
    assert (info.value.step, info.value.n_attempts) == ("refine", 2)


def test_new_facts_are_kept_only_when_they_come_from_the_request() -> None:
    request = "add that I already told the support team at 9am"
    facts = ["I already told the support team at 9am", "I refunded 400 customers", "I told support at 10am"]
    assert grounded_facts(facts, request) == ["I already told the support team at 9am"]


def test_notes_get_one_added_block() -> None:
    once = notes_with_facts("my notes", ["I told support"])
    assert once == f"my notes\n\n{ADDED_MARKER}\n- I told support"
    twice = notes_with_facts(once, ["I told support", "I called Dana"])
    assert twice == f"{once}\n- I called Dana"
    assert notes_with_facts("my notes", []) == "my notes"


def test_apply_changes_only_the_given_parts() -> None:
    draft = _draft()
    out = RefineOutput.model_validate(refine_answer(positive="  I'm fully on it.  ", new_facts=["I told support"]))
    updated, facts = apply_refinement(draft, out, "add that I told support")
    assert updated.positive == "I'm fully on it."
    assert (updated.pain, updated.plan, updated.message) == (draft.pain, draft.plan, draft.message)
    assert facts == ["I told support"]
    assert updated.notes.endswith(f"{ADDED_MARKER}\n- I told support")


def test_arefine_moves_dates_and_reports_the_changed_sections() -> None:
    draft = _draft()
    model = scripted_model(refine=later_dates_answer())
    result = asyncio.run(arefine(draft, "make the plan dates two weeks later", Pipeline(model)))
    assert [title for title, _, _ in result.changes] == [
        "4. Outline a path forward",
        "6. Report back with progress",
        "Message",
    ]
    assert [c.date.isoformat() for c in result.draft.report_back] == ["2026-12-21", "2026-12-28"]
    assert result.problems == []
    assert model.calls_for("compose") == []  # the answer rewrote the message itself


def test_arefine_recomposes_the_message_when_only_parts_change() -> None:
    draft = _draft()
    answer = refine_answer(
        reply="Added it.",
        new_facts=["I already told the support team"],
        positive="I'm on it, and I've already told the support team; I'll show you the gate working by mid-December.",
    )
    model = scripted_model(refine=answer)
    result = asyncio.run(arefine(draft, "add that I already told the support team", Pipeline(model)))
    assert model.calls_for("compose") == []  # the program assembles the message again from the new parts
    assert result.draft.message == assemble_message(result.draft, result.draft.options)
    assert f"\n\n{answer['positive']}\n\n" in result.draft.message.body
    assert len(model.calls_for("refine")) == 1  # the re-ask check saw the added fact too
    assert result.added_facts == ["I already told the support team"]
    assert result.draft.notes == f"{draft.notes}\n\n{ADDED_MARKER}\n- I already told the support team"
    assert result.draft.positive == answer["positive"]
    assert result.draft.findings == [] and result.problems == []
    # the same claim without the added fact is flagged: the fact is what grounds it
    ungrounded = validate_draft(result.draft.model_copy(update={"notes": draft.notes})).findings
    assert [(f.rule, f.step, f.span) for f in ungrounded] == [
        ("GND_DONE", "positive", "I've already told"),
        ("GND_DONE", "message", "I've already told"),  # the assembled message holds the positive as written
    ]


def test_arefine_rejects_an_empty_request() -> None:
    with pytest.raises(InputError, match="Write what you would like to change"):
        asyncio.run(arefine(_draft(), "   ", Pipeline(scripted_model())))


def test_arefine_keeps_the_last_parsed_answer_when_problems_remain() -> None:
    answer = refine_answer(ownership="Mistakes were made.")
    model = scripted_model(refine=answer)
    result = asyncio.run(arefine(_draft(), "rewrite ownership", Pipeline(model, max_reasks=1)))
    assert result.draft.ownership == "Mistakes were made."
    assert len(result.problems) == 3
    assert "no owner" in result.problems[0] and "doesn't name what you did" in result.problems[1]
    assert "were made" in result.problems[2]
    assert [f.rule for f in result.draft.findings] == ["OWN_FIRST_PERSON", "OWN_ACT", "OWN_PASSIVE"]
    assert len(model.calls_for("refine")) == 2
