"""Step 6 rules: dated check-ins after today, each saying what will be reported."""

from __future__ import annotations

import datetime as dt

from assistant.domain.schema import CheckIn, PlanAction
from assistant.validator.findings import Context
from assistant.validator.report_back import check_report_back

TODAY = dt.date(2026, 11, 27)
CTX = Context(today=TODAY)
PLAN = [PlanAction(action="Add a CI gate", owner="me", due=dt.date(2026, 12, 11), measure="A red run blocks deploys")]


def codes(checkins: list[CheckIn]) -> list[str]:
    return [f.rule for f in check_report_back(checkins, PLAN, CTX)]


def test_good_checkins_pass() -> None:
    assert codes([CheckIn(date=dt.date(2026, 12, 11), report="Show the CI gate blocking a test deploy.")]) == []


def test_no_checkin_is_an_error() -> None:
    assert codes([]) == ["RB_NONE"]


def test_past_date_and_empty_report_are_errors() -> None:
    found = codes([CheckIn(date=TODAY, report="update")])
    assert "RB_DATE" in found and "RB_NO_REPORT" in found


def test_checkins_ending_before_the_plan_is_due_warn() -> None:
    found = check_report_back([CheckIn(date=dt.date(2026, 12, 4), report="Progress on the CI gate so far.")], PLAN, CTX)
    assert [(f.rule, f.severity) for f in found] == [("RB_PLAN", "warning")]
