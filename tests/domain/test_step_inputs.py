"""What one step chain is given (``assistant/domain/step_inputs.py``): typed values for the program, texts for the
prompt."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from assistant.domain.step_inputs import StepInputs

TODAY = dt.date(2026, 11, 27)


def test_only_today_is_required_and_the_rest_is_empty() -> None:
    inputs = StepInputs(today=TODAY)
    assert (inputs.notes, inputs.leader, inputs.facts, inputs.request, inputs.harm) == ("", None, None, "", "")
    assert (inputs.lessons, inputs.plan, inputs.report_back, inputs.texts) == ([], [], [], {})
    assert (inputs.channel, inputs.length) == ("email", "medium")
    assert (inputs.fixed_statuses, inputs.fixed_progress, inputs.previous_progress) == ({}, {}, {})
    with pytest.raises(ValidationError):
        StepInputs.model_validate({"notes": "n"})


def test_inputs_are_frozen_and_take_no_unknown_fields() -> None:
    inputs = StepInputs(today=TODAY, notes="n")
    with pytest.raises(ValidationError):
        inputs.notes = "changed"
    with pytest.raises(ValidationError):
        StepInputs.model_validate({"today": TODAY, "tone": "warm"})


def test_a_text_is_empty_when_the_step_has_none() -> None:
    inputs = StepInputs(today=TODAY, texts={"leader": "Dana"})
    assert inputs.text("leader") == "Dana"
    assert inputs.text("impact") == ""


def test_more_texts_are_added_and_override_without_changing_the_original() -> None:
    inputs = StepInputs(today=TODAY, notes="n", texts={"leader": "Dana", "today": "Friday 2026-11-27"})
    more = inputs.with_texts({"leader": "Sam", "act": "pushed"}, impact="400 orders", act="pushed the config")
    assert more.texts == {
        "leader": "Sam",
        "today": "Friday 2026-11-27",
        "act": "pushed the config",
        "impact": "400 orders",
    }
    assert inputs.texts == {"leader": "Dana", "today": "Friday 2026-11-27"}
    assert more.notes == "n" and more.today == TODAY
    assert inputs.with_texts().texts == inputs.texts


def test_the_prompt_gets_the_texts_and_the_notes() -> None:
    inputs = StepInputs(today=TODAY, notes="the notes", texts={"leader": "Dana", "notes": "not these"})
    assert inputs.prompt_variables() == {"leader": "Dana", "notes": "the notes"}
    assert StepInputs(today=TODAY).prompt_variables() == {"notes": ""}
