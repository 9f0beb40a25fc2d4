"""Plain refine requests parsed without a model, and the rest left to it."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.edit_requests import parse_request
from assistant.edit_types import DropAction, SetChannel, SetDate, SetLength, SetTone, ShiftDates


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
    ],
)
def test_plain_requests_become_edits(request_text: str, edits: list[object]) -> None:
    assert parse_request(request_text) == edits


@pytest.mark.parametrize(
    "request_text",
    [
        "add that I already told the support team",
        "shorter and warmer",
        "rewrite the ownership",
        "drop the last action",
        "",
    ],
)
def test_other_requests_go_to_the_model(request_text: str) -> None:
    assert parse_request(request_text) is None
