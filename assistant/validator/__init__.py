"""The trust-repair validator: checks each step against the six steps and the notes.

``validate(draft)`` checks a whole draft; ``validate(text, step="ownership")`` one
step's text; ``validate(text)`` a plain-text message; ``validate(update)`` a
progress update (:class:`~assistant.domain.report_back.ProgressUpdate`). Every finding names its rule,
step, severity, the offending words, a plain-words message and a suggestion. No
model calls: it is fast enough to run on every keystroke.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.domain.schema import SIX_STEPS

if TYPE_CHECKING:
    import datetime as dt

    from assistant.domain.report_back import ProgressUpdate
    from assistant.domain.schema import Channel, Draft, Facts
    from assistant.validator.findings import Report

STEPS = (*SIX_STEPS, "message", "report_back_update")


def validate(
    draft_or_text: Draft | ProgressUpdate | str,
    *,
    facts: Facts | None = None,
    step: str | None = None,
    notes: str | None = None,
    today: dt.date | None = None,
    channel: Channel = "email",
    leader: str | None = None,
) -> Report:
    """Check a draft, one step's text (``step=...``), a plain-text message, or a progress update."""
    from assistant.domain.report_back import ProgressUpdate
    from assistant.validator.checks import validate_draft, validate_text
    from assistant.validator.progress import validate_progress

    if isinstance(draft_or_text, str):
        return validate_text(
            draft_or_text, step=step, facts=facts, notes=notes, today=today, channel=channel, leader=leader
        )
    if isinstance(draft_or_text, ProgressUpdate):
        return validate_progress(draft_or_text)
    return validate_draft(draft_or_text, today=today)


def __getattr__(name: str) -> Any:
    if name in ("Finding", "Report", "Context"):
        from assistant.validator import findings

        return getattr(findings, name)
    raise AttributeError(name)


__all__ = ["STEPS", "validate"]
