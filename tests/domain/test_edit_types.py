"""Typed edits of a finished draft (``assistant/domain/edit_types.py``): what each edit holds and how it is said."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import TypeAdapter, ValidationError

from assistant.domain.edit_types import (
    AddAction,
    AddFact,
    DropAction,
    Edit,
    EditPlan,
    ReplaceSection,
    RewordAction,
    SetChannel,
    SetDate,
    SetLength,
    SetMeasure,
    SetOwner,
    SetTone,
    ShiftDates,
    describe,
    span_text,
)

EDIT = TypeAdapter(Edit)


@pytest.mark.parametrize(
    ("amount", "unit", "text"),
    [
        (1, "weeks", "one week later"),
        (-1, "days", "one day earlier"),
        (3, "days", "three days later"),
        (-10, "weeks", "ten weeks earlier"),
        (11, "days", "11 days later"),
        (0, "days", "zero days later"),
    ],
)
def test_a_span_is_spelled_out_to_ten_with_its_direction(amount: int, unit: str, text: str) -> None:
    assert span_text(amount, unit) == text


@pytest.mark.parametrize(
    ("edit", "text"),
    [
        (ShiftDates(target="plan", amount=1, unit="weeks"), "move every due date one week later"),
        (ShiftDates(target="checkins", amount=-2), "move the check-ins two days earlier"),
        (ShiftDates(target="action", action=2, amount=3), "move action 2 three days later"),
        (SetDate(target="checkin", number=1, date=dt.date(2026, 12, 8)), "set the date of checkin 1 to 2026-12-08"),
        (ReplaceSection(section="lessons", text="I check first."), "rewrite the lessons"),
        (DropAction(number=2), "drop action 2"),
        (AddAction(action="Pair with Priya", measure="two sessions held"), "add the action 'Pair with Priya'"),
        (RewordAction(number=1, action="Add a gate"), "reword action 1"),
        (SetOwner(number=1, owner="Priya"), "make Priya the owner of action 1"),
        (SetMeasure(number=3, measure="it is linked"), "change the measure of action 3"),
        (SetChannel(channel="talking_points"), "write the message as talking points"),
        (SetLength(length="shorter"), "make the message shorter"),
        (SetTone(tone="warm"), "make the message warm"),
        (AddFact(fact="Priya agreed to pair"), "add to the notes: Priya agreed to pair"),
    ],
)
def test_every_edit_is_described_in_plain_words(edit: Edit, text: str) -> None:
    assert describe(edit) == text


def test_an_edit_is_read_by_its_op_with_its_defaults() -> None:
    shift = EDIT.validate_python({"op": "shift_dates", "target": "plan", "amount": 1})
    assert shift == ShiftDates(target="plan", amount=1, unit="days", action=None)
    add = EDIT.validate_python({"op": "add_action", "action": "Pair with Priya", "measure": "two sessions held"})
    assert isinstance(add, AddAction) and (add.owner, add.due) == ("me", None)
    assert isinstance(EDIT.validate_python({"op": "set_tone", "tone": "formal"}), SetTone)


@pytest.mark.parametrize(
    "data",
    [
        {"op": "shift_dates", "target": "plan", "amount": 53},  # more than a year
        {"op": "shift_dates", "target": "everything", "amount": 1},
        {"op": "replace_section", "section": "plan", "text": "x"},  # the plan is edited by its actions
        {"op": "replace_section", "section": "pain", "text": ""},
        {"op": "set_tone", "tone": "angry"},
        {"op": "drop_action", "number": 1, "why": "extra field"},
        {"op": "send_message"},
    ],
)
def test_an_edit_outside_what_regain_can_do_is_rejected(data: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        EDIT.validate_python(data)


def test_an_edit_plan_holds_at_most_six_edits() -> None:
    edits = [{"op": "drop_action", "number": 1}] * 6
    plan = EditPlan.model_validate({"understood": "drop it", "edits": edits, "not_possible": ""})
    assert plan.edits == [DropAction(number=1)] * 6
    with pytest.raises(ValidationError):
        EditPlan.model_validate({"understood": "drop it", "edits": [*edits, edits[0]], "not_possible": ""})


def test_the_writer_is_me_however_it_is_spelt() -> None:
    assert AddAction(action="Run the drill", measure="The drill log", owner="Me").owner == "me"
    assert SetOwner(number=1, owner="myself").owner == "me"
    assert SetOwner(number=1, owner="Jonas").owner == "Jonas"
