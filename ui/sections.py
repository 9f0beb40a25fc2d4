"""The six steps as editable text, and their findings.

Each step is shown in one text box. Statements are plain text; lessons are one per
line; plan actions and check-ins are one per line with ``|`` between the fields.
:func:`section_text` writes a step's value as that text and :func:`parse_section`
reads it back, raising :class:`SectionFormatError` with the line to fix.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from assistant.domain.schema import (
    SIX_STEPS,
    STATEMENT_STEPS,
    STEP_TITLES,
    CheckIn,
    Draft,
    Finding,
    Message,
    PlanAction,
)
from assistant.validator.checks import check_step, context_for, validate_draft
from assistant.validator.grounding import check_grounding
from assistant.validator.message import check_message

M = TypeVar("M", bound=BaseModel)
SECTIONS = SIX_STEPS
TITLES = {
    **STEP_TITLES,
    "message": "Message",
    "notes": "Notes",
}
HINTS = {
    "pain": "Two or three sentences: the impact bothers you too.",
    "ownership": "First person, full responsibility, no excuses.",
    "lessons": "One lesson per line.",
    "plan": "One action per line: action | owner | due date (YYYY-MM-DD) | done when",
    "positive": "One or two forward-looking sentences.",
    "report_back": "One check-in per line: date (YYYY-MM-DD) | what you will report",
}


class SectionFormatError(ValueError):
    """A section's text cannot be read back; the message names the line and the expected form."""


def _field(text: str) -> str:
    return " ".join(text.replace("|", "/").split())


def section_text(draft: Draft, step: str) -> str:
    """A step's value as the text shown in its box."""
    if step in STATEMENT_STEPS:
        return str(getattr(draft, step))
    if step == "lessons":
        return "\n".join(f"- {_field(lesson)}" for lesson in draft.lessons)
    if step == "plan":
        return "\n".join(
            f"{_field(a.action)} | {_field(a.owner)} | {a.due.isoformat()} | {_field(a.measure)}" for a in draft.plan
        )
    if step == "report_back":
        return "\n".join(f"{c.date.isoformat()} | {_field(c.report)}" for c in draft.report_back)
    if step == "message":
        return draft.message.body
    if step == "notes":
        return draft.notes
    raise ValueError(f"unknown section '{step}'")


def _lines(text: str) -> list[tuple[int, str]]:
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def _date(value: str, n: int) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise SectionFormatError(f"Line {n}: '{value.strip()}' is not a date like 2026-12-01.") from None


def _build(model: type[M], fields: dict[str, Any], n: int) -> M:
    try:
        return model.model_validate(fields)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise SectionFormatError(f"Line {n}: {problems}.") from None


def _strip_bullet(line: str) -> str:
    return line.lstrip("-*•").strip()


def parse_section(step: str, text: str) -> Any:
    """Read a step's value back from its box; raises :class:`SectionFormatError`."""
    if step in STATEMENT_STEPS:
        if not text.strip():
            raise SectionFormatError("This step is empty; write it.")
        return text.strip()
    if step == "lessons":
        lessons = [_strip_bullet(line) for _, line in _lines(text)]
        if not lessons:
            raise SectionFormatError("Write at least one lesson, one per line.")
        return lessons
    if step == "plan":
        actions = []
        for n, line in _lines(text):
            parts = [p.strip() for p in _strip_bullet(line).split("|")]
            if len(parts) != 4:
                raise SectionFormatError(
                    f"Line {n} has {len(parts)} part(s); write 'action | owner | YYYY-MM-DD | done when'."
                )
            action, owner, due, measure = parts
            fields = {"action": action, "owner": owner, "due": _date(due, n), "measure": measure}
            actions.append(_build(PlanAction, fields, n))
        if not actions:
            raise SectionFormatError("Write at least one action: 'action | owner | YYYY-MM-DD | done when'.")
        return actions
    if step == "report_back":
        checkins = []
        for n, line in _lines(text):
            date, sep, report = _strip_bullet(line).partition("|")
            if not sep:
                raise SectionFormatError(f"Line {n}: write 'YYYY-MM-DD | what you will report'.")
            checkins.append(_build(CheckIn, {"date": _date(date, n), "report": report.strip()}, n))
        if not checkins:
            raise SectionFormatError("Write at least one check-in: 'YYYY-MM-DD | what you will report'.")
        return checkins
    raise ValueError(f"unknown section '{step}'")


def with_section(draft: Draft, step: str, value: Any) -> Draft:
    """The draft with one step's value replaced."""
    return draft.model_copy(update={step: value})


def with_message(draft: Draft, subject: str, body: str) -> Draft:
    """The draft with the message's subject and body replaced (no longer an assembled one)."""
    message = Message(channel=draft.message.channel, subject=subject.strip(), body=body.strip())
    return draft.model_copy(update={"message": message})


def step_findings(draft: Draft, step: str) -> list[Finding]:
    """The validator's findings for one step of the draft (no model call)."""
    ctx = context_for(notes=draft.notes, facts=draft.facts, today=draft.today, leader=draft.options.leader)
    if step == "message":
        dates = [a.due for a in draft.plan] + [c.date for c in draft.report_back]
        return check_message(draft.message, ctx) + check_grounding(draft.message.body, "message", ctx, dates=dates)
    return check_step(step, getattr(draft, step), ctx, plan=draft.plan)


def all_findings(draft: Draft) -> dict[str, list[Finding]]:
    """The findings of the whole draft, by step (every step present, maybe empty)."""
    grouped: dict[str, list[Finding]] = {step: [] for step in (*SECTIONS, "message")}
    for finding in validate_draft(draft).findings:
        grouped.setdefault(finding.step, []).append(finding)
    return grouped


def format_error_finding(step: str, error: SectionFormatError) -> Finding:
    """A format problem shown like a finding, so it sits with the section's other problems."""
    return Finding(
        rule="UI_FORMAT",
        step=step,
        severity="error",
        message=str(error),
        suggestion="Until this is fixed, the last readable version of this step is kept.",
    )


def _message_text(draft: Draft) -> str:
    return f"Subject: {draft.message.subject}\n{draft.message.body}"


def section_changes(before: Draft, after: Draft) -> list[tuple[str, str, str]]:
    """``(title, old text, new text)`` for every section, the message and the notes that differ."""
    changes = []
    for step in (*SECTIONS, "notes"):
        old, new = section_text(before, step), section_text(after, step)
        if old != new:
            changes.append((TITLES[step], old, new))
    if _message_text(before) != _message_text(after):
        changes.append((TITLES["message"], _message_text(before), _message_text(after)))
    return changes
