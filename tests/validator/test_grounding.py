"""Grounding rules: numbers, names and claims of work done must come from the notes."""

from __future__ import annotations

import datetime as dt

from assistant.validator.findings import Context
from assistant.validator.grounding import check_grounding

NOTES = (
    "pushed the payments config change on friday w/o staging tests, checkout down ~3h, ~400 orders lost. "
    "Dana (my manager) had to tell the VP. I rolled back at 17:05 and I already wrote the incident timeline."
)
CTX = Context(today=dt.date(2026, 11, 27), notes=NOTES)


def rules(text: str, **kwargs: object) -> list[tuple[str, str | None]]:
    return [(f.rule, f.span) for f in check_grounding(text, "pain", CTX, **kwargs)]  # type: ignore[arg-type]


def test_numbers_and_names_from_the_notes_pass() -> None:
    assert rules("I'm sorry: about 400 orders were lost over 3 hours and Dana had to brief the VP.") == []


def test_invented_number_is_an_error_pointing_at_it() -> None:
    found = check_grounding("About 500 orders were lost.", "pain", CTX)
    assert [(f.rule, f.severity, f.span) for f in found] == [("GND_NUMBER", "error", "500")]
    assert "About 500 orders were lost."[found[0].start : found[0].end] == "500"  # type: ignore[misc]


def test_invented_money_is_flagged() -> None:
    assert ("GND_NUMBER", "$20k") in rules("It cost us $20k in refunds.")


def test_invented_name_is_a_warning() -> None:
    found = check_grounding("I let Marcus down as well.", "pain", CTX)
    assert [(f.rule, f.severity, f.span) for f in found] == [("GND_NAME", "warning", "Marcus")]


def test_sentence_initial_capitals_and_weekdays_are_not_names() -> None:
    assert rules("Checkout went down on Friday. Orders were lost.") == []


def test_claimed_work_the_notes_mention_passes() -> None:
    assert rules("I have rolled back the change and I have written the timeline.") == []


def test_claimed_work_the_notes_do_not_mention_is_an_error() -> None:
    assert rules("I have added a deploy gate.") == [("GND_DONE", "I have added")]


def test_plan_dates_are_allowed_in_text() -> None:
    assert rules("I will report back on 2026-12-11.", dates=[dt.date(2026, 12, 11)]) == []
    assert ("GND_NUMBER", "2026-12-11") in rules("I will report back on 2026-12-11.")


def test_no_notes_means_nothing_to_ground_against() -> None:
    assert check_grounding("About 500 orders.", "pain", Context(today=dt.date(2026, 11, 27))) == []


def test_weekday_and_month_abbreviations_are_not_names() -> None:
    text = "I will add the CI gate by Wed and report to Dana on Thu, or early Dec at the latest."
    assert [rule for rule, _span in rules(text)] == []


def test_a_one_to_one_meeting_is_no_figure() -> None:
    assert check_grounding("I'll show you the gate at our next 1:1.", "positive", CTX) == []
    assert [f.rule for f in check_grounding("I'll show you the gate at 1:15.", "positive", CTX)] == ["GND_NUMBER"]
