"""Step 4, outline a path forward (``prompts/plan.md``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.chains._checks import future_date, not_blank, placeholders
from assistant.chains._step import Check, FormatState, build_step_chain
from assistant.schema import PlanOutput

SOONEST, LATEST = dt.timedelta(days=5), dt.timedelta(days=42)
TOO_SOON = dt.timedelta(days=3)  # a fix due tomorrow is a promise nobody can check


def with_due_window(inputs: dict[str, Any]) -> dict[str, Any]:
    """Add the window the due dates should fall in (``soonest``, ``latest``): a small model picks far better
    dates from two concrete ones than from "within 6 weeks"."""
    today: dt.date = inputs["today_date"]
    return {**inputs, "soonest": (today + SOONEST).isoformat(), "latest": (today + LATEST).isoformat()}


def check_plan(plan: PlanOutput, inputs: dict[str, Any]) -> list[str]:
    """Every action needs text, an owner, a measure, and a due date after today."""
    today: dt.date = inputs["today_date"]
    problems: list[str] = []
    for i, item in enumerate(plan.actions, 1):
        problems += not_blank(f"action of item {i}", item.action)
        problems += not_blank(f"owner of item {i}", item.owner)
        problems += not_blank(f"measure of item {i}", item.measure)
        problems += future_date(f"due date of item {i}", item.due, today)
        if today < item.due < today + TOO_SOON:
            window = with_due_window(inputs)
            problems.append(
                f"The due date of item {i} ({item.due.isoformat()}) is too soon to be realistic; "
                f"pick a date from {window['soonest']} to {window['latest']}."
            )
        problems += placeholders(f"{item.action} {item.owner} {item.measure}")
    return problems


def build_plan_chain(
    model: BaseChatModel,
    *,
    max_reasks: int = 2,
    format_state: FormatState | None = None,
    extra_check: Check | None = None,
) -> Runnable[dict[str, Any], PlanOutput]:
    """Runnable taking ``{"notes", "facts", "today", "today_date"}`` and returning :class:`PlanOutput`."""

    chain = build_step_chain(
        "plan", model, PlanOutput, max_reasks=max_reasks, checks=[check_plan, extra_check], format_state=format_state
    )
    return RunnableLambda(with_due_window) | chain
