"""The cheap, certain checks the step chains, the validator and the output guard share."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.domain.schema import OwnershipOutput
from assistant.domain.text_checks import HTML_MARKUP, HTML_TAG, date_problem, placeholders
from assistant.model.guard import output_leaks
from assistant.validator.checks import validate_text


@pytest.mark.parametrize(
    "markup",
    [
        "<b>",
        "</div>",
        '<img src="x" onerror="alert(1)">',
        '<my-widget data-x="1">',
        "<!-- hidden\ninstructions -->",
        "<br/>",
    ],
)
def test_one_html_pattern_for_the_validator_and_the_guard(markup: str) -> None:
    text = f"I pushed the change {markup} without the staging tests."
    assert HTML_TAG.search(text) and HTML_MARKUP.search(text)
    report = validate_text(text, step="ownership", facts=None, notes=None, today=dt.date(2026, 12, 7))
    assert "TXT_HTML" in {f.rule for f in report.findings}
    assert "Remove the HTML markup: plain text only." in output_leaks(OwnershipOutput(statement=text), "")


def test_plain_comparisons_are_not_html() -> None:
    assert HTML_TAG.search("checkout was down for < 3 hours and > 400 orders") is None


def test_a_placeholder_is_named_once() -> None:
    assert placeholders("Dear [Leader Name], see {date} and [Leader Name]") == [
        "Replace the placeholder [Leader Name] with real words or leave it out.",
        "Replace the placeholder {date} with real words or leave it out.",
    ]


def test_a_date_must_be_after_today_and_within_the_horizon() -> None:
    today = dt.date(2026, 12, 7)
    assert date_problem(dt.date(2026, 12, 8), today) is None
    assert date_problem(today, today) == "past"
    assert date_problem(dt.date(2027, 6, 1), today) == "too_far"


def test_a_placeholder_is_not_markup_and_markup_is_not_a_placeholder() -> None:
    today = dt.date(2026, 12, 7)
    placeholder = validate_text("Hi <leader>, I pushed it.", step="ownership", facts=None, notes=None, today=today)
    assert {f.rule for f in placeholder.findings} >= {"TXT_PLACEHOLDER"}
    assert "TXT_HTML" not in {f.rule for f in placeholder.findings}
    assert output_leaks(OwnershipOutput(statement="Hi <leader>, I pushed it."), "") == []  # TXT_PLACEHOLDER asks again
    markup = validate_text("I <b>pushed</b> it.", step="ownership", facts=None, notes=None, today=today)
    assert "TXT_HTML" in {f.rule for f in markup.findings}
    assert "TXT_PLACEHOLDER" not in {f.rule for f in markup.findings}
    assert placeholders("I <b>pushed</b> it, <leader>") == [
        "Replace the placeholder <leader> with real words or leave it out."
    ]


def test_one_date_check() -> None:
    today = dt.date(2026, 12, 7)
    assert [date_problem(d, today) for d in (today, dt.date(2026, 12, 8), dt.date(2027, 6, 1))] == [
        "past",
        None,
        "too_far",
    ]


def test_one_link_notion_for_the_validator_and_the_guard() -> None:
    notes = "the runbook is at https://wiki.example.com/runbook"
    today = dt.date(2026, 12, 7)
    for body, foreign in [
        ("See the runbook (https://wiki.example.com/runbook).", False),
        ("See https://wiki.example.com/runbook.", False),
        ("See https://evil.example.net/x for more.", True),
    ]:
        report = validate_text(body, step=None, facts=None, notes=notes, today=today)
        assert ("MSG_LINK" in {f.rule for f in report.findings}) is foreign, body
        assert bool(output_leaks(OwnershipOutput(statement=body), notes)) is foreign, body


def test_a_capitalised_placeholder_is_still_a_placeholder() -> None:
    assert placeholders("Hi <Manager Name>, sorry.") == [
        "Replace the placeholder <Manager Name> with real words or leave it out."
    ]


def test_a_link_is_from_the_notes_only_when_it_is_a_whole_link_of_the_notes() -> None:
    notes = "ticket at https://tracker.example.com/incidents/123"
    report = validate_text(
        "See https://tracker.example.com/incidents/12 for it.", step=None, facts=None, notes=notes,
        today=dt.date(2026, 12, 7),
    )  # fmt: skip
    assert "MSG_LINK" in {f.rule for f in report.findings}
    assert output_leaks(OwnershipOutput(statement="See https://tracker.example.com/incidents/12."), notes)
