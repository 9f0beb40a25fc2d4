"""Step 6 continued, the chain's own parts: the plan as the report_back_update prompt sees it and the step's checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from chain_support import sample_draft

from assistant.chains.report_back_update import progress_plan_text, update_problems
from assistant.domain.report_back import ActionProgress, UpdateOutput
from assistant.domain.report_back_reading import Reading
from assistant.domain.schema import PlanAction
from assistant.domain.step_inputs import StepInputs

TODAY = dt.date(2026, 12, 4)
PLAN = [
    PlanAction(action="Add the CI gate", owner="me", due=dt.date(2026, 12, 1), measure="Deploys need a green run"),
    PlanAction(action="Write the checklist", owner="me", due=dt.date(2026, 12, 11), measure="It is linked"),
]


def _output(*actions: dict[str, Any], subject: str = "Update", body: str = "The gate is in.") -> UpdateOutput:
    return UpdateOutput.model_validate(
        {"actions": list(actions), "subject": subject, "body": body, "next_checkin": "2026-12-18"}
    )


def _entry(index: int, status: str = "in_progress", evidence: str = "", reason: str | None = None) -> dict[str, Any]:
    return {"index": index, "status": status, "evidence": evidence, "reason": reason}


def test_each_action_is_numbered_from_0_with_its_due_date_and_a_late_one_is_marked() -> None:
    text = progress_plan_text(PLAN, {}, {}, TODAY)
    assert text.splitlines() == [
        "0. Add the CI gate (due 2026-12-01; status before: not started; LATE, past due)",
        "1. Write the checklist (due 2026-12-11; status before: not started)",
    ]


def test_an_action_done_before_is_not_late_and_a_fixed_status_says_who_set_it() -> None:
    before = {0: ActionProgress(index=0, status="done", evidence="gate added", reason=None)}
    text = progress_plan_text(PLAN, before, {1: "in_progress"}, TODAY, by_user=[])
    assert text.splitlines() == [
        "0. Add the CI gate (due 2026-12-01; status before: done)",
        "1. Write the checklist (due 2026-12-11; status before: not started; "
        "status now: in progress (from my notes, keep it))",
    ]
    assert "(set by me, keep it)" in progress_plan_text(PLAN, {}, {1: "in_progress"}, TODAY)


def test_what_the_notes_seem_to_say_is_shown_for_actions_without_a_fixed_status() -> None:
    readings = {0: Reading(index=0, status="done", line="added the CI gate on wednesday")}
    lines = progress_plan_text(PLAN, {}, {1: "done"}, TODAY, readings=readings).splitlines()
    assert 'my notes seem to say done: "added the CI gate on wednesday"' in lines[0]
    assert "seem to say" not in lines[1] and "status now: done (set by me, keep it)" in lines[1]
    lines = progress_plan_text(PLAN, {}, {}, TODAY, readings={}).splitlines()
    assert all("my notes say nothing clear about it" in line for line in lines)


def test_a_clean_update_has_no_problems() -> None:
    inputs = StepInputs(today=TODAY, plan=PLAN, notes="added the gate")
    assert update_problems(_output(_entry(0, "done", "gate added"), _entry(1)), inputs) == []


def test_actions_missing_twice_or_not_in_the_plan_are_named() -> None:
    inputs = StepInputs(today=TODAY, plan=PLAN, notes="added the gate")
    problems = update_problems(_output(_entry(0), _entry(0), _entry(5)), inputs)
    assert problems == [
        "Action 0 is listed twice; give each action once.",
        "There is no action 5; the actions are numbered 0 to 1.",
        "Give a status for every action; missing: 1.",
    ]


def test_a_status_i_set_must_be_kept() -> None:
    inputs = StepInputs(today=TODAY, plan=PLAN, notes="added the gate", fixed_statuses={0: "done"})
    problems = update_problems(_output(_entry(0, "in_progress"), _entry(1)), inputs)
    assert problems == ["Action 0 is 'done' (set by me or from my notes); keep that status."]


def test_placeholders_in_the_evidence_and_a_blank_message_are_problems() -> None:
    inputs = StepInputs(today=TODAY, plan=PLAN, notes="added the gate")
    problems = update_problems(_output(_entry(0, "done", "told [Name]"), _entry(1), subject=" ", body=""), inputs)
    assert problems == [
        "Replace the placeholder [Name] with real words or leave it out.",
        "The subject is empty; write it.",
        "The body is empty; write it.",
    ]


def test_dropped_without_the_notes_saying_so_is_reasked() -> None:
    output = UpdateOutput.model_validate(
        {
            "actions": [{"index": 0, "status": "dropped", "evidence": "", "reason": "It slipped."}],
            "subject": "Update",
            "body": "The gate is late; I'll update you on 2026-12-18.",
            "next_checkin": "2026-12-18",
        }
    )
    plan = sample_draft().plan
    inputs = StepInputs(today=dt.date(2026, 12, 4), plan=plan, notes="the gate slipped a week")
    assert any("marked dropped" in p for p in update_problems(output, inputs))
    inputs = inputs.model_copy(update={"notes": "dropped the gate: the platform team's new deploy check replaces it"})
    assert not any("marked dropped" in p for p in update_problems(output, inputs))
