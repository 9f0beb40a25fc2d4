"""Plain refine requests parsed without a model, and the rest left to it."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.domain.edit_requests import parse_request
from assistant.domain.edit_types import DropAction, SetChannel, SetDate, SetLength, SetTone, ShiftDates


@pytest.mark.parametrize(
    ("request_text", "edits"),
    [
        ("Move every due date one week later.", [ShiftDates(target="plan", amount=1, unit="weeks")]),
        ("move the dates two weeks later", [ShiftDates(target="plan", amount=2, unit="weeks")]),
        ("two weeks later", [ShiftDates(target="plan", amount=2, unit="weeks")]),
        ("bring the plan 3 days earlier", [ShiftDates(target="plan", amount=-3, unit="days")]),
        ("move the check-ins one week later", [ShiftDates(target="checkins", amount=1, unit="weeks")]),
        ("drop action 3", [DropAction(number=3)]),
        ("remove the second action", [DropAction(number=2)]),
        ("action 2 due on 2026-12-20", [SetDate(target="action", number=2, date=dt.date(2026, 12, 20))]),
        ("shorter", [SetLength(length="shorter")]),
        ("Make it shorter, please", [SetLength(length="shorter")]),
        ("make it a chat message", [SetChannel(channel="chat")]),
        ("turn it into talking points", [SetChannel(channel="talking_points")]),
        ("warmer", [SetTone(tone="warm")]),
        ("shorter and warmer", [SetLength(length="shorter"), SetTone(tone="warm")]),
        ("Make it a bit shorter and warmer, please.", [SetLength(length="shorter"), SetTone(tone="warm")]),
        ("make it a chat message, more formal", [SetChannel(channel="chat"), SetTone(tone="formal")]),
        # German, Spanish and French
        (
            "Verschiebe bitte alle Termine um eine Woche nach hinten.",
            [ShiftDates(target="plan", amount=1, unit="weeks")],
        ),
        ("Verschiebe die Termine um 3 Tage nach vorne", [ShiftDates(target="plan", amount=-3, unit="days")]),
        ("bitte kürzer", [SetLength(length="shorter")]),
        ("Hazlo más corto, por favor.", [SetLength(length="shorter")]),
        ("mueve las fechas dos semanas más tarde", [ShiftDates(target="plan", amount=2, unit="weeks")]),
        ("Décale les dates d'une semaine", [ShiftDates(target="plan", amount=1, unit="weeks")]),
        ("plus chaleureux, s'il te plaît", [SetTone(tone="warm")]),
        (
            "two weeks later then drop action 1",
            [ShiftDates(target="plan", amount=2, unit="weeks"), DropAction(number=1)],
        ),
    ],
)
def test_plain_requests_become_edits(request_text: str, edits: list[object]) -> None:
    assert parse_request(request_text) == edits


@pytest.mark.parametrize(
    ("request_text", "number"),
    [("drop the last action", 3), ("Remove the last step.", 3), ("delete the first item", 1)],
)
def test_the_last_action_is_numbered_from_the_draft(request_text: str, number: int) -> None:
    assert parse_request(request_text, actions=3) == [DropAction(number=number)]


@pytest.mark.parametrize(
    "request_text",
    [
        "add that I already told the support team",
        "shorter and add that I already told the support team",
        "shorter and longer",
        "shorter, warmer, formal and in chat",
        "rewrite the ownership",
        "Verschiebe nur die Schulung um eine Woche nach hinten",  # one action, named by its words: the model's
        "machen Sie es kürzer und erwähnen Sie Priya",
        "drop the last action",  # without the draft's number of actions, "last" has no number
        "",
    ],
)
def test_other_requests_go_to_the_model(request_text: str) -> None:
    assert parse_request(request_text) is None
