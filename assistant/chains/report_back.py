"""Step 6, report back with progress (``prompts/report_back.md``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable

from assistant.chains._checks import finish_sentences, future_date, not_blank, placeholders
from assistant.chains._step import Check, FormatState, build_step_chain
from assistant.schema import ReportBackOutput


def check_report_back(report: ReportBackOutput, inputs: dict[str, Any]) -> list[str]:
    """Check-ins must be dated after today, in order, and say what will be reported."""
    today: dt.date = inputs["today_date"]
    problems: list[str] = []
    for i, checkin in enumerate(report.checkins, 1):
        problems += future_date(f"date of check-in {i}", checkin.date, today)
        problems += not_blank(f"report of check-in {i}", checkin.report) + placeholders(checkin.report)
    dates = [c.date for c in report.checkins]
    if dates != sorted(dates):
        problems.append("List the check-ins earliest first.")
    return problems


def tidy_report_back(output: ReportBackOutput) -> ReportBackOutput:
    """Drop an unfinished last sentence of each report (a length limit can stop one mid-word)."""
    checkins = [c.model_copy(update={"report": finish_sentences(c.report)}) for c in output.checkins]
    return output.model_copy(update={"checkins": checkins})


def build_report_back_chain(
    model: BaseChatModel,
    *,
    max_reasks: int = 2,
    format_state: FormatState | None = None,
    extra_check: Check | None = None,
) -> Runnable[dict[str, Any], ReportBackOutput]:
    """Runnable taking ``{"notes", "plan", "today", "today_date"}`` and returning :class:`ReportBackOutput`."""

    return build_step_chain(
        "report_back",
        model,
        ReportBackOutput,
        max_reasks=max_reasks,
        checks=[check_report_back, extra_check],
        format_state=format_state,
        repair=tidy_report_back,
    )
