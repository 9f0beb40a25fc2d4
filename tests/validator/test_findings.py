"""What the validator reports (``assistant/validator/findings.py``): a report of findings, the rule context, and
findings that point at words."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.domain.schema import Finding
from assistant.validator.findings import Context, Report, span_finding


def _finding(rule: str, step: str, severity: str) -> Finding:
    return Finding.model_validate({"rule": rule, "step": step, "severity": severity, "message": "m", "suggestion": "s"})


def test_a_report_splits_errors_from_warnings_and_is_ok_without_errors() -> None:
    error = _finding("OWN_BLAME", "ownership", "error")
    warning = _finding("TXT_VAGUE_PROMISE", "positive", "warning")
    report = Report(findings=[warning, error])
    assert (report.errors, report.warnings, report.ok) == ([error], [warning], False)
    assert Report(findings=[warning]).ok and Report().ok and Report().findings == []


def test_a_reports_findings_for_one_step_keep_their_order() -> None:
    first, other, second = (
        _finding("PAIN_NO_REGRET", "pain", "error"),
        _finding("OWN_BLAME", "ownership", "error"),
        _finding("TXT_HTML", "pain", "warning"),
    )
    report = Report(findings=[first, other, second])
    assert report.for_step("pain") == [first, second]
    assert report.for_step("message") == []


def test_a_span_finding_points_at_the_words_it_names() -> None:
    text = "I'm sorry for any inconvenience."
    start = text.index("any")
    found = span_finding(
        "TXT_NON_APOLOGY", "pain", "error", text, start, len(text) - 1, "Not an apology.", "Say it.", 2
    )
    assert found == Finding(
        rule="TXT_NON_APOLOGY",
        step="pain",
        severity="error",
        message="Not an apology.",
        suggestion="Say it.",
        span="any inconvenience",
        start=14,
        end=31,
        item=2,
    )
    assert found.plain() == 'Not an apology. ("any inconvenience") Say it.'
    assert span_finding("R", "pain", "warning", text, 0, 3, "m", "s").item is None


def test_a_context_defaults_to_today_and_nothing_known() -> None:
    ctx = Context()
    assert ctx.today == dt.date.today()
    assert (ctx.notes, ctx.facts, ctx.agreed_owners, ctx.leader, ctx.length) == (None, None, (), None, None)
    with pytest.raises(AttributeError):
        ctx.notes = "changed"  # type: ignore[misc]
