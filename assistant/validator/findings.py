"""What the validator reports: findings (:class:`~assistant.domain.schema.Finding`, a domain type, since a
draft carries them), a report that collects them, and the context a rule checks against."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from assistant.domain.schema import Facts, Finding, Severity


class Report(BaseModel):
    """All findings for a draft or a text."""

    findings: list[Finding] = Field(default_factory=list, description="Every finding, in step order.")

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings allowed)."""
        return not self.errors

    def for_step(self, step: str) -> list[Finding]:
        return [f for f in self.findings if f.step == step]


@dataclass(frozen=True)
class Context:
    """What a rule may compare a text against."""

    today: dt.date = field(default_factory=dt.date.today)
    notes: str | None = None
    facts: Facts | None = None
    agreed_owners: tuple[str, ...] = ()
    leader: str | None = None
    length: str | None = None  # the message length chosen ("short", "medium", "long"), when it is known


def span_finding(
    rule: str,
    step: str,
    severity: Severity,
    text: str,
    start: int,
    end: int,
    message: str,
    suggestion: str,
    item: int | None = None,
) -> Finding:
    """A finding that points at ``text[start:end]``."""
    return Finding(
        rule=rule,
        step=step,
        severity=severity,
        message=message,
        suggestion=suggestion,
        span=text[start:end],
        start=start,
        end=end,
        item=item,
    )
