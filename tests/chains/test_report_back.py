"""Step 6, report back with progress: check-ins settled from the plan, without a model."""

from __future__ import annotations

import datetime as dt

from chain_support import TODAY, run, sample_plan, step_inputs

from assistant.chains import build_report_back_chain
from assistant.chains.report_back import checkin_report, report_back
from assistant.domain.schema import CheckIn, PlanAction, ReportBackOutput
from assistant.domain.settle import due_dates


def _plan(*dues: dt.date) -> list[PlanAction]:
    return [
        PlanAction(action=f"Do step {i}", owner="me", due=due, measure=f"Step {i} shows")
        for i, due in enumerate(dues, 1)
    ]


def test_the_chain_needs_no_model_and_reports_each_action_the_day_after_it_is_due() -> None:
    out = run(build_report_back_chain(), step_inputs("report_back"))
    assert out == ReportBackOutput(
        checkins=[
            CheckIn(
                date=dt.date(2026, 12, 7),
                report="Progress on: Add a CI gate that blocks config deploys unless the staging tests passed "
                "– what you'll see: a deploy without a green staging run is rejected by the pipeline.",
            ),
            CheckIn(
                date=dt.date(2026, 12, 14),
                report="Progress on: Write a pre-deploy checklist for payments config changes "
                "– what you'll see: the checklist is linked from every payments deploy ticket.",
            ),
        ]
    )


def test_checkins_are_never_before_the_due_dates_and_are_distinct() -> None:
    plan = sample_plan()
    checkins = report_back(plan).checkins
    assert [c.date for c in checkins] == [dt.date(2026, 12, 7), dt.date(2026, 12, 14)]
    assert all(c.date > a.due for c, a in zip(checkins, plan, strict=True))
    assert len({c.date for c in checkins}) == len(checkins)


def test_actions_due_the_same_day_share_one_checkin() -> None:
    friday = dt.date(2026, 12, 4)
    checkins = report_back(_plan(friday, friday)).checkins
    assert [c.date for c in checkins] == [dt.date(2026, 12, 7)]
    assert checkins[0].report == (
        "Progress on: Do step 1 – what you'll see: step 1 shows; Do step 2 – what you'll see: step 2 shows."
    )


def test_at_most_three_checkins_the_last_taking_the_rest() -> None:
    checkins = report_back(_plan(*due_dates(TODAY, 4))).checkins
    assert [c.date for c in checkins] == [dt.date(2026, 12, 7), dt.date(2026, 12, 14), dt.date(2026, 12, 28)]
    assert checkins[2].report == (
        "Progress on: Do step 3 – what you'll see: step 3 shows; Do step 4 – what you'll see: step 4 shows."
    )
    assert checkins[1].report == "Progress on: Do step 2 – what you'll see: step 2 shows."


def test_checkins_come_earliest_first_whatever_the_plan_order() -> None:
    checkins = report_back(_plan(dt.date(2026, 12, 18), dt.date(2026, 12, 4))).checkins
    assert [c.date for c in checkins] == [dt.date(2026, 12, 7), dt.date(2026, 12, 21)]
    assert checkins[0].report == "Progress on: Do step 2 – what you'll see: step 2 shows."


def test_a_report_lowers_the_measure_but_keeps_an_acronym() -> None:
    action = PlanAction(action="Add a CI gate.", owner="me", due=dt.date(2026, 12, 4), measure="Deploys fail.")
    assert checkin_report([action]) == "Progress on: Add a CI gate – what you'll see: deploys fail."
    action = action.model_copy(update={"measure": "CI rejects a deploy without tests."})
    assert checkin_report([action]) == (
        "Progress on: Add a CI gate – what you'll see: CI rejects a deploy without tests."
    )


def test_a_long_report_is_cut_to_the_checkin_limit() -> None:
    action = PlanAction(action="Review " + "the long list " * 13, owner="me", due=dt.date(2026, 12, 4), measure="x")
    report = checkin_report([action, action])
    assert len(report) == 300 and report.startswith("Progress on: Review the long list")
