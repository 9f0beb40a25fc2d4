"""Plain-text renderings of step outputs, used as inputs to later steps' prompts."""

from __future__ import annotations

import datetime as dt

from assistant.domain.schema import CheckIn, Facts, PlanAction


def today_text(today: dt.date) -> str:
    """'Friday 2026-11-27': the weekday helps the model pick sensible dates."""
    return f"{today:%A} {today.isoformat()}"


def facts_text(facts: Facts) -> str:
    """The facts as short labelled lines."""
    lines = [
        f"- What happened: {facts.what_happened}",
        f"- Impact: {facts.impact}",
        f"- My part in the cause: {facts.cause}",
    ]
    if facts.affected:
        lines.append(f"- Affected: {', '.join(facts.affected)}")
    if facts.already_done:
        lines.append(f"- Already done: {'; '.join(facts.already_done)}")
    return "\n".join(lines)


def leader_text(facts: Facts, override: str | None = None) -> str:
    """The leader as known: the user's override, else name and role from the notes."""
    if override:
        return override
    parts = [p for p in (facts.leader_name, facts.leader_role) if p]
    return ", ".join(parts) if parts else "name not given"


def plan_text(actions: list[PlanAction]) -> str:
    """Numbered plan actions with owner, due date and measure."""
    return "\n".join(
        f"{i}. {a.action} (owner: {a.owner}; due {a.due.isoformat()}; done when: {a.measure})"
        for i, a in enumerate(actions, 1)
    )


def lessons_text(lessons: list[str]) -> str:
    """Lessons as bullet lines."""
    return "\n".join(f"- {lesson}" for lesson in lessons)


def checkins_text(checkins: list[CheckIn]) -> str:
    """Check-ins as bullet lines with dates."""
    return "\n".join(f"- {c.date.isoformat()}: {c.report}" for c in checkins)
