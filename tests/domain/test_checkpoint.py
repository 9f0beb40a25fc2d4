"""A draft being written, saved step by step: what its saved steps give back (``assistant/domain/checkpoint.py``)."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from assistant.domain.checkpoint import STEP_OUTPUTS, DraftCheckpoint, SavedStep
from assistant.domain.schema import SIX_STEPS, DraftOptions, OwnershipOutput, PainOutput, PlanOutput

TODAY = dt.date(2026, 11, 27)


def test_every_step_a_draft_writes_has_an_output_type_and_the_message_has_none() -> None:
    assert set(STEP_OUTPUTS) == {"intake", *SIX_STEPS}
    assert "message" not in STEP_OUTPUTS and "compose" not in STEP_OUTPUTS


def test_a_new_checkpoint_holds_the_notes_and_date_with_default_options_and_no_steps() -> None:
    checkpoint = DraftCheckpoint(notes="pushed without tests", today=TODAY)
    assert checkpoint.options == DraftOptions()
    assert checkpoint.steps == {} and checkpoint.outputs() == {}
    assert SavedStep(output={"statement": "x"}).unresolved == []


def test_saved_steps_come_back_typed_with_their_problems() -> None:
    checkpoint = DraftCheckpoint(
        notes="pushed without tests",
        today=TODAY,
        steps={
            "pain": SavedStep(output={"statement": "I am sorry."}),
            "ownership": SavedStep(output={"statement": "It was my call."}, unresolved=["Name the act."]),
            "plan": SavedStep(
                output={"actions": [{"action": "Add a gate", "owner": "me", "due": "2026-12-04", "measure": "live"}]}
            ),
        },
    )
    outputs = checkpoint.outputs()
    assert outputs["pain"] == (PainOutput(statement="I am sorry."), [])
    assert outputs["ownership"] == (OwnershipOutput(statement="It was my call."), ["Name the act."])
    plan, problems = outputs["plan"]
    assert isinstance(plan, PlanOutput) and plan.actions[0].due == dt.date(2026, 12, 4) and problems == []


def test_a_step_this_version_does_not_know_is_left_out_to_be_written_again() -> None:
    checkpoint = DraftCheckpoint(
        notes="n",
        today=TODAY,
        steps={"summary": SavedStep(output={"text": "?"}), "pain": SavedStep(output={"statement": "s"})},
    )
    assert list(checkpoint.outputs()) == ["pain"]


def test_the_outputs_are_copies_of_the_problems() -> None:
    checkpoint = DraftCheckpoint(
        notes="n", today=TODAY, steps={"pain": SavedStep(output={"statement": "s"}, unresolved=["a"])}
    )
    checkpoint.outputs()["pain"][1].append("b")
    assert checkpoint.steps["pain"].unresolved == ["a"]


def test_a_checkpoint_survives_json_and_a_saved_output_that_no_longer_fits_fails_loudly() -> None:
    checkpoint = DraftCheckpoint(
        notes="n",
        today=TODAY,
        options=DraftOptions(channel="chat"),
        steps={"pain": SavedStep(output={"statement": "s"})},
    )
    assert DraftCheckpoint.model_validate(checkpoint.model_dump(mode="json")) == checkpoint
    broken = DraftCheckpoint(notes="n", today=TODAY, steps={"pain": SavedStep(output={"text": "s"})})
    with pytest.raises(ValidationError):
        broken.outputs()
