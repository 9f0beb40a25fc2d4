"""Step 4, outline a path forward."""

from __future__ import annotations

import copy
import json

import pytest
from chain_support import GOOD, assert_json_schema_requested, assert_prompt_layout, assert_reask, run, step_inputs

from assistant.chains import build_plan_chain
from assistant.errors import OutputValidationError
from assistant.schema import PlanOutput
from assistant.testing import ScriptedChatModel


def _plan_due(due: str) -> str:
    plan = copy.deepcopy(GOOD["plan"])
    plan["actions"][0]["due"] = due
    return json.dumps(plan)


def test_happy_path_returns_the_actions() -> None:
    model = ScriptedChatModel(script={"plan": GOOD["plan"]})
    out = run(build_plan_chain(model), step_inputs("plan"))
    assert out == PlanOutput.model_validate(GOOD["plan"])
    assert_prompt_layout(model.calls[0], "plan")
    assert_json_schema_requested(model.calls[0], "plan", "PlanOutput")
    assert "Today is Friday 2026-11-27." in str(model.calls[0]["messages"][1].content)


def test_past_due_date_is_reasked() -> None:
    bad = _plan_due("2026-11-20")
    model = ScriptedChatModel(script={"plan": [bad, GOOD["plan"]]})
    out = run(build_plan_chain(model), step_inputs("plan"))
    assert out.actions[0].due.isoformat() == "2026-12-11"
    assert_reask(model.calls[1], bad, "due date of item 1 2026-11-20 is not after today (2026-11-27)")


def test_due_date_too_far_out_is_reasked() -> None:
    bad = _plan_due("2027-09-01")
    model = ScriptedChatModel(script={"plan": [bad, GOOD["plan"]]})
    run(build_plan_chain(model), step_inputs("plan"))
    assert_reask(model.calls[1], bad, "2027-09-01 is too far away")


def test_malformed_date_is_reasked_with_the_field_path() -> None:
    bad = _plan_due("next Friday")
    model = ScriptedChatModel(script={"plan": [bad, GOOD["plan"]]})
    run(build_plan_chain(model), step_inputs("plan"))
    assert_reask(model.calls[1], bad, "The field 'actions.0.due' is wrong")


def test_gives_up_after_max_reasks() -> None:
    bad = _plan_due("2026-11-27")
    model = ScriptedChatModel(script={"plan": bad})
    with pytest.raises(OutputValidationError) as info:
        run(build_plan_chain(model, max_reasks=2), step_inputs("plan"))
    assert (info.value.step, info.value.n_attempts, info.value.last_output) == ("plan", 3, bad)
    assert len(model.calls) == 3


def test_a_due_date_too_soon_is_reasked_with_a_concrete_window() -> None:
    bad = _plan_due("2026-11-28")
    model = ScriptedChatModel(script={"plan": [bad, GOOD["plan"]]})
    run(build_plan_chain(model), step_inputs("plan"))
    assert_reask(
        model.calls[1], bad, "(2026-11-28) is too soon to be realistic; pick a date from 2026-12-02 to 2027-01-08"
    )
    assert "a realistic date from 2026-12-02 to 2027-01-08" in str(model.calls[0]["messages"][1].content)
