"""A first reading of progress notes: which line speaks of which action, and whether it reads as done."""

from __future__ import annotations

import datetime as dt

from assistant.domain.report_back_reading import read_progress, reading_text
from assistant.domain.schema import PlanAction

PLAN = [
    PlanAction(action=a, owner="me", due=dt.date(2026, 12, 2), measure="Anyone can see it")
    for a in (
        "Add a staging environment",
        "Run the staging tests before every config deploy",
        "Review the staging test results with the team",
        "Write a deploy checklist",
    )
]
NOTES = (
    "set up the staging environment on tuesday\n"
    "started running the staging tests before deploys, two of five so far\n"
    "haven't reviewed the results with the team yet, slipped a week"
)


def test_each_line_is_read_for_the_action_it_speaks_of() -> None:
    found = read_progress(PLAN, NOTES)
    assert {i: r.status for i, r in found.items()} == {0: "done", 1: "in_progress", 2: "not_started"}
    assert found[0].line == "set up the staging environment on tuesday"
    assert 3 not in found  # nothing about the checklist


def test_a_line_sharing_one_word_is_not_enough() -> None:
    assert read_progress(PLAN, "the team was happy with the new process") == {}


def test_the_hint_quotes_the_line() -> None:
    found = read_progress(PLAN, NOTES)
    assert reading_text(found[0]) == 'my notes seem to say done: "set up the staging environment on tuesday"'
    assert reading_text(None) == "my notes say nothing clear about it"


def test_words_that_report_success_are_not_read_as_not_done() -> None:
    plan = [PlanAction(action="Add a CI gate for config deploys", owner="me", due=dt.date(2026, 12, 2), measure="x")]
    notes = "added the CI gate on wednesday, it blocked a test deploy with no green staging run"
    assert read_progress(plan, notes)[0].status == "done"
