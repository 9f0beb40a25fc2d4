"""Refine: the inputs shared with the refine_edits step (draft text, facts from the request), and the
whole-parts chain. Applying a request is tested in test_refining.py and test_edits.py."""

from __future__ import annotations

import asyncio
import json

import pytest
from chain_support import assert_json_schema_requested, assert_reask, run
from ui_support import NOTES, REFINE_MARKER, TODAY, later_dates_answer, refine_answer, scripted_model

from assistant.chains.refine import (
    ADDED_MARKER,
    build_refine_chain,
    draft_text,
    grounded_facts,
    notes_with_facts,
    refine_inputs,
)
from assistant.errors import OutputValidationError
from assistant.pipeline import Pipeline, adraft
from assistant.prompts import load_prompt
from assistant.schema import Draft, RefineOutput


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
