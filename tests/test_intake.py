"""Intake chain: notes -> Facts."""

from __future__ import annotations

import json

import pytest
from chain_support import GOOD, assert_json_schema_requested, assert_prompt_layout, assert_reask, run, step_inputs

from assistant.chains import build_intake_chain
from assistant.errors import OutputValidationError
from assistant.schema import Facts
from assistant.testing import ScriptedChatModel


def test_happy_path_returns_facts_and_sends_the_notes_in_the_user_message() -> None:
    model = ScriptedChatModel(script={"intake": GOOD["intake"]})
    facts = run(build_intake_chain(model), step_inputs("intake"))
    assert facts == Facts.model_validate(GOOD["intake"])
    assert len(model.calls) == 1
    assert_prompt_layout(model.calls[0], "intake")
    assert_json_schema_requested(model.calls[0], "intake", "Facts")


def test_intake_prompt_fixes_the_temperature() -> None:
    model = ScriptedChatModel(script={"intake": GOOD["intake"]})
    run(build_intake_chain(model), step_inputs("intake"))
    assert model.calls[0]["kwargs"]["temperature"] == 0.0


def test_notes_with_braces_are_passed_verbatim() -> None:
    model = ScriptedChatModel(script={"intake": GOOD["intake"]})
    notes = "the {config} value was {{wrong}}"
    run(build_intake_chain(model), {**step_inputs("intake"), "notes": notes})
    assert f"<notes>\n{notes}\n</notes>" in str(model.calls[0]["messages"][1].content)


def test_prose_wrapped_json_is_accepted_without_a_reask() -> None:
    answer = f"Sure! Here are the facts:\n{json.dumps(GOOD['intake'])}\nHope this helps."
    model = ScriptedChatModel(script={"intake": answer})
    assert run(build_intake_chain(model), step_inputs("intake")).leader_name == "Dana"
    assert len(model.calls) == 1


def test_invalid_json_is_reasked_and_a_good_second_answer_accepted() -> None:
    bad = "The facts are: what happened was a config change."
    model = ScriptedChatModel(script={"intake": [bad, GOOD["intake"]]})
    facts = run(build_intake_chain(model), step_inputs("intake"))
    assert facts.what_happened == GOOD["intake"]["what_happened"]
    assert len(model.calls) == 2
    assert_reask(model.calls[1], bad, "did not contain a valid JSON object")


def test_missing_field_is_named_in_the_reask() -> None:
    bad = json.dumps({k: v for k, v in GOOD["intake"].items() if k != "impact"})
    model = ScriptedChatModel(script={"intake": [bad, GOOD["intake"]]})
    run(build_intake_chain(model), step_inputs("intake"))
    assert_reask(model.calls[1], bad, "The field 'impact' is missing.")


def test_cut_off_answer_says_it_was_too_long() -> None:
    bad = json.dumps(GOOD["intake"])[:60]
    model = ScriptedChatModel(script={"intake": [bad, GOOD["intake"]]}, finish_reason="length")
    run(build_intake_chain(model), step_inputs("intake"))
    assert_reask(model.calls[1], bad, "cut off because it was too long", "cut off before it ended")


def test_gives_up_after_max_reasks_with_attempts_and_last_output() -> None:
    blank = json.dumps({**GOOD["intake"], "what_happened": "  "})
    model = ScriptedChatModel(script={"intake": blank})
    with pytest.raises(OutputValidationError) as info:
        run(build_intake_chain(model, max_reasks=1), step_inputs("intake"))
    assert info.value.step == "intake"
    assert info.value.n_attempts == 2 == len(model.calls)
    assert info.value.last_output == blank
    assert any("what_happened" in p for p in info.value.problems)
