"""Cheap repairs before a re-ask: the sentence, lesson or action the validator faults is dropped."""

from __future__ import annotations

import json

from chain_support import GOOD, open_step_inputs, run, step_inputs

from assistant.chains import build_positive_chain
from assistant.chains.plan import evidence_for, lookback_step, settle_plan
from assistant.domain.schema import (
    LessonPart,
    LessonPartsOutput,
    OwnershipOutput,
    PainOutput,
    PlanStep,
    PlanStepsOutput,
    PositiveOutput,
)
from assistant.model.testing import ScriptedChatModel
from assistant.validator.checks import step_errors
from assistant.validator.findings import Finding
from assistant.workflows.draft import Pipeline
from assistant.workflows.salvage import salvage_lessons, salvage_plan, salvage_statement, without_faulty_sentences

GOOD_SENTENCE = "I'm sorry that about 400 orders were lost and you had to explain it to the VP."
NON_APOLOGY = "I apologize for any inconvenience."
GOOD_POSITIVE = "I'm committed to making this right, and the staging gate will catch this kind of slip."
VAGUE_ACTION = {"action": "Try to be more careful", "measure": "Fewer mistakes"}


def _finding(start: int | None, end: int | None, item: int | None = None) -> Finding:
    return Finding(rule="X", step="pain", severity="error", message="m", suggestion="s", start=start, end=end,
                   item=item)  # fmt: skip


def test_a_pain_with_a_non_apology_keeps_its_good_sentence() -> None:
    salvaged = salvage_statement("pain")(PainOutput(statement=f"{GOOD_SENTENCE} {NON_APOLOGY}"), step_inputs("pain"))
    assert salvaged == PainOutput(statement=GOOD_SENTENCE)


def test_a_pain_that_is_only_a_non_apology_is_not_salvaged() -> None:
    assert salvage_statement("pain")(PainOutput(statement=NON_APOLOGY), step_inputs("pain")) is None


def test_nothing_is_salvaged_when_an_error_is_about_the_whole_text() -> None:
    """No regret with its harm is an error without a span: no sentence can be cut to fix it, even though the
    melodrama has one."""
    pain = PainOutput(statement="It was a long Friday. I am utterly devastated and will never forgive myself.")
    assert salvage_statement("pain")(pain, step_inputs("pain")) is None


def test_an_ownership_that_names_no_act_is_not_salvaged_by_cutting_its_non_apology() -> None:
    ownership = OwnershipOutput(statement=f"It was my decision. {NON_APOLOGY}")
    assert salvage_statement("ownership")(ownership, step_inputs("ownership")) is None


def test_an_ownership_that_names_the_act_loses_only_its_non_apology() -> None:
    text = f"I pushed the change without running the staging tests. {NON_APOLOGY}"
    salvaged = salvage_statement("ownership")(OwnershipOutput(statement=text), step_inputs("ownership"))
    assert salvaged == OwnershipOutput(statement="I pushed the change without running the staging tests.")


def test_without_faulty_sentences_drops_the_sentence_holding_the_span() -> None:
    text = f"{GOOD_SENTENCE} {NON_APOLOGY} That weighs on me."
    start = text.index(NON_APOLOGY)
    assert without_faulty_sentences(text, [_finding(start + 2, start + 10)]) == f"{GOOD_SENTENCE} That weighs on me."


def test_without_faulty_sentences_gives_none_for_an_error_without_a_span() -> None:
    text = f"{GOOD_SENTENCE} {NON_APOLOGY}"
    start = text.index(NON_APOLOGY)
    assert without_faulty_sentences(text, [_finding(start, start + 5), _finding(None, None)]) is None
    assert without_faulty_sentences(text, []) is None


def test_a_statement_chain_salvages_instead_of_paying_for_a_reask() -> None:
    answer = json.dumps({"statement": f"{GOOD_POSITIVE} {NON_APOLOGY}"})
    model = ScriptedChatModel(script={"positive": [answer, GOOD["positive"]]})
    chain = Pipeline(model).chains["positive"]
    assert run(chain, step_inputs("positive")) == PositiveOutput(statement=GOOD_POSITIVE)
    assert len(model.calls_for("positive")) == 1


def test_without_the_validator_there_is_no_salvage() -> None:
    answer = {"statement": f"{GOOD_POSITIVE} {NON_APOLOGY}"}
    model = ScriptedChatModel(script={"positive": answer})
    assert run(build_positive_chain(model), step_inputs("positive")).statement == f"{GOOD_POSITIVE} {NON_APOLOGY}"


def test_a_platitude_lesson_is_dropped_when_a_good_one_remains() -> None:
    good = LessonPart.model_validate(GOOD["lessons"]["lessons"][0])
    platitude = LessonPart(weak_point="I made a mistake", habit="be more careful")
    salvaged = salvage_lessons(LessonPartsOutput(lessons=[good, platitude]), step_inputs("lessons"))
    assert salvaged == LessonPartsOutput(lessons=[good])


def test_a_lone_platitude_lesson_is_not_salvaged() -> None:
    platitude = LessonPart(weak_point="I made a mistake", habit="be more careful")
    assert salvage_lessons(LessonPartsOutput(lessons=[platitude]), step_inputs("lessons")) is None


def test_a_vague_action_is_dropped_when_two_good_ones_remain() -> None:
    steps = PlanStepsOutput.model_validate({"actions": [*GOOD["plan"]["actions"], VAGUE_ACTION]})
    assert salvage_plan(steps, open_step_inputs("plan")) == PlanStepsOutput(
        actions=[PlanStep.model_validate(a) for a in GOOD["plan"]["actions"]]
    )


def test_a_plan_left_with_one_action_gets_the_programs_look_back_in_place_of_the_faulty_one() -> None:
    """The model's action for what is open faults (here a vague one): the look back stands in, as it does for an
    action beside the point, rather than failing the step."""
    steps = PlanStepsOutput.model_validate({"actions": [GOOD["plan"]["actions"][0], VAGUE_ACTION]})
    inputs = open_step_inputs("plan")
    salvaged = salvage_plan(steps, inputs)
    assert salvaged == PlanStepsOutput(
        actions=[PlanStep.model_validate(GOOD["plan"]["actions"][0]), lookback_step(inputs)]
    )
    assert step_errors("plan", settle_plan(salvaged.actions, inputs.today).actions, inputs) == []


def test_a_plan_with_only_faulty_actions_is_not_salvaged() -> None:
    steps = PlanStepsOutput.model_validate({"actions": [VAGUE_ACTION]})
    assert salvage_plan(steps, open_step_inputs("plan")) is None


def test_a_measure_that_only_says_the_action_happened_becomes_what_it_leaves_to_be_seen() -> None:
    happened = {"action": "Call the 3 partners who emailed support", "measure": "The 3 partners were called"}
    steps = PlanStepsOutput.model_validate({"actions": [GOOD["plan"]["actions"][0], happened]})
    inputs = open_step_inputs("plan")
    assert [f.rule for f in step_errors("plan", settle_plan(steps.actions, inputs.today).actions, inputs)] == [
        "PLAN_MEASURE"
    ]
    salvaged = salvage_plan(steps, inputs)
    assert salvaged is not None and salvaged.actions[1].measure == evidence_for(happened["action"])
    assert salvaged.actions[0] == steps.actions[0]
