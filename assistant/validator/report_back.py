"""Step 6 rules: dated check-ins after today, each saying what will be reported, consistent with the plan."""

from __future__ import annotations

from assistant.domain.schema import CheckIn, PlanAction
from assistant.domain.text_checks import date_problem
from assistant.validator.findings import Context, Finding


def check_report_back(checkins: list[CheckIn], plan: list[PlanAction], ctx: Context) -> list[Finding]:
    """RB_NONE, RB_DATE, RB_NO_REPORT (errors) and RB_PLAN (warning)."""
    if not checkins:
        return [
            Finding(
                rule="RB_NONE",
                step="report_back",
                severity="error",
                message="There is no dated check-in with your leader.",
                suggestion="Add at least one check-in date after today and what you will report then.",
            )
        ]
    findings: list[Finding] = []
    for i, checkin in enumerate(checkins):
        if date_problem(checkin.date, ctx.today) == "past":
            findings.append(
                Finding(
                    rule="RB_DATE",
                    step="report_back",
                    severity="error",
                    item=i,
                    span=checkin.date.isoformat(),
                    message=f"Check-in {i + 1} is dated {checkin.date.isoformat()}, which is not after today.",
                    suggestion="Pick a date after today.",
                )
            )
        if len(checkin.report.split()) < 3:
            findings.append(
                Finding(
                    rule="RB_NO_REPORT",
                    step="report_back",
                    severity="error",
                    item=i,
                    span=checkin.report or None,
                    message=f"Check-in {i + 1} does not say what you will report.",
                    suggestion="Name the actions and the evidence you will show.",
                )
            )
    last_due = max((a.due for a in plan), default=None)
    last_checkin = max(c.date for c in checkins)
    if last_due is not None and last_checkin < last_due:
        findings.append(
            Finding(
                rule="RB_PLAN",
                step="report_back",
                severity="warning",
                message=f"The last check-in ({last_checkin.isoformat()}) is before the plan's last due date "
                f"({last_due.isoformat()}), so you never report on the whole plan.",
                suggestion=f"Add a check-in on or after {last_due.isoformat()}.",
            )
        )
    return findings
