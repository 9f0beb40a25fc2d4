"""The plain-text renderings of step outputs that later steps' prompts are given (``assistant/chains/_format.py``)."""

from __future__ import annotations

import datetime as dt

from assistant.chains._format import checkins_text, facts_text, leader_text, lessons_text, plan_text, today_text
from assistant.domain.schema import CheckIn, Facts, PlanAction


def _facts(**update: object) -> Facts:
    facts = Facts(
        what_happened="Checkout was down",
        impact="400 orders lost",
        cause="I skipped the staging tests",
        affected=[],
        leader_name=None,
        leader_role=None,
        already_done=[],
    )
    return facts.model_copy(update=update)


def test_today_has_its_weekday() -> None:
    assert today_text(dt.date(2026, 11, 27)) == "Friday 2026-11-27"
    assert today_text(dt.date(2026, 11, 30)) == "Monday 2026-11-30"


def test_facts_are_labelled_lines_and_empty_lists_are_left_out() -> None:
    assert facts_text(_facts()).splitlines() == [
        "- What happened: Checkout was down",
        "- Impact: 400 orders lost",
        "- My part in the cause: I skipped the staging tests",
    ]
    lines = facts_text(_facts(affected=["Priya", "support"], already_done=["rolled back", "wrote it up"])).splitlines()
    assert lines[3:] == ["- Affected: Priya, support", "- Already done: rolled back; wrote it up"]


def test_the_leader_is_the_override_else_name_and_role_else_unknown() -> None:
    named = _facts(leader_name="Dana", leader_role="eng director")
    assert leader_text(named) == "Dana, eng director"
    assert leader_text(named, "Sam") == "Sam"
    assert leader_text(_facts(leader_role="my manager")) == "my manager"
    assert leader_text(_facts()) == "name not given"
    assert leader_text(_facts(), "") == "name not given"


def test_plan_actions_are_numbered_from_1_with_owner_due_and_measure() -> None:
    plan = [
        PlanAction(action="Add a CI gate", owner="me", due=dt.date(2026, 12, 4), measure="deploys need green"),
        PlanAction(action="Write a checklist", owner="Priya", due=dt.date(2026, 12, 11), measure="it is linked"),
    ]
    assert plan_text(plan).splitlines() == [
        "1. Add a CI gate (owner: me; due 2026-12-04; done when: deploys need green)",
        "2. Write a checklist (owner: Priya; due 2026-12-11; done when: it is linked)",
    ]
    assert plan_text([]) == ""


def test_lessons_and_checkins_are_bullets() -> None:
    assert lessons_text(["Run the tests", "Ask for review"]) == "- Run the tests\n- Ask for review"
    checkins = [CheckIn(date=dt.date(2026, 12, 5), report="The gate is live")]
    assert checkins_text(checkins) == "- 2026-12-05: The gate is live"
    assert lessons_text([]) == checkins_text([]) == ""
