"""What the validator reports: findings, and a report that collects them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from assistant.schema import Facts

Severity = Literal["error", "warning"]


class Finding(BaseModel):
    """One problem found in one step's text."""

    rule: str = Field(description="Rule code, e.g. OWN_BLAME.")
    step: str = Field(
        description="Step the text belongs to: pain, ownership, lessons, plan, positive, report_back, message."
    )
    severity: Severity = Field(description="'error' must be fixed; 'warning' should be looked at.")
    message: str = Field(description="What is wrong, in plain words.")
    suggestion: str = Field(description="What to do instead.")
    span: str | None = Field(default=None, description="The offending words, as they appear in the text.")
    start: int | None = Field(default=None, description="Character offset of the span in the text.")
    end: int | None = Field(default=None, description="Character offset just after the span.")
    item: int | None = Field(default=None, description="Index of the list item (lesson, action, check-in), if any.")

    def plain(self) -> str:
        """One line for a person or a model: message, the words, and the suggestion."""
        where = f' ("{self.span}")' if self.span else ""
        return f"{self.message}{where} {self.suggestion}".strip()


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
