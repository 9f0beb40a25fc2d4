"""Cheap repairs before a re-ask: drop the sentence, lesson or action the validator faults.

A 1.5B model often writes two good sentences and one bad one ("I apologize for any
inconvenience"). Asking it again costs a full answer and often brings a new fault; cutting
the faulty sentence costs nothing. A salvage is only used when what remains passes every
check (the step runner checks it again) and is still enough for the step.
"""

from __future__ import annotations

from typing import Any

from assistant.chains.lessons import to_lessons
from assistant.chains.plan import evidence_for, lookback_step, planned_steps, settle_plan
from assistant.domain.schema import Finding, LessonPartsOutput, PlanStepsOutput
from assistant.domain.step_inputs import StepInputs
from assistant.domain.text_checks import SENTENCE
from assistant.validator.checks import step_errors

MIN_PLAN_ACTIONS = 2


def without_faulty_sentences(text: str, errors: list[Finding]) -> str | None:
    """The text without the sentences that hold an error's span; None when an error has no span
    (it is about the whole text) or nothing would remain."""
    if not errors or any(f.start is None or f.end is None for f in errors):
        return None
    kept = []
    for match in SENTENCE.finditer(text):
        faulty = any(f.start is not None and match.start() <= f.start < match.end() for f in errors)
        if not faulty and match.group().strip():
            kept.append(match.group().strip())
    return " ".join(kept) if kept else None


def salvage_statement(step: str) -> Any:
    """A salvage for a one-statement step (pain, ownership, positive)."""

    def salvage(output: Any, inputs: StepInputs) -> Any:
        text = without_faulty_sentences(output.statement, step_errors(step, output.statement, inputs))
        return None if text is None else output.model_copy(update={"statement": text})

    return salvage


def salvage_lessons(output: LessonPartsOutput, inputs: StepInputs) -> LessonPartsOutput | None:
    """The lessons without the faulty ones, when at least one good lesson remains."""
    errors = step_errors("lessons", to_lessons(output, inputs).lessons, inputs)
    bad = {f.item for f in errors}
    if None in bad:
        return None
    kept = [lesson for i, lesson in enumerate(output.lessons) if i not in bad]
    return output.model_copy(update={"lessons": kept}) if kept else None


def salvage_plan(output: PlanStepsOutput, inputs: StepInputs) -> PlanStepsOutput | None:
    """The plan with a measure that only says the action happened replaced by what the action leaves to be
    seen, and without the actions that still have errors, when at least two good ones remain; with one left, the
    program's look back over my other recent work takes the faulty action's place."""
    planned = planned_steps(output.actions, inputs)
    plan = settle_plan(planned, inputs.today).actions
    errors = step_errors("plan", plan, inputs)
    if any(f.item is None for f in errors):
        return None
    weak = {f.item for f in errors if f.rule == "PLAN_MEASURE"}
    steps = [
        step.model_copy(update={"measure": evidence_for(step.action)}) if i in weak else step
        for i, step in enumerate(planned)
    ]
    plan = settle_plan(steps, inputs.today).actions
    bad = {f.item for f in step_errors("plan", plan, inputs)}  # PLAN_MEASURE: also a measure restating its action
    kept = [step for i, step in enumerate(steps) if i not in bad]
    lookback = lookback_step(inputs)
    if bad and len(kept) < MIN_PLAN_ACTIONS and lookback not in kept:
        kept.append(lookback)  # the model's faulty action gives way to the program's look back, as in planned_steps
    return output.model_copy(update={"actions": kept}) if len(kept) >= MIN_PLAN_ACTIONS else None
