"""Typed outputs of every step and the whole draft (``assistant/domain/schema.py``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from chain_support import sample_draft
from pydantic import BaseModel, ValidationError

from assistant.domain import schema
from assistant.domain.schema import (
    CHANNEL_LABELS,
    CHANNEL_NAMES,
    CHANNELS,
    CHECKABLE_STEPS,
    LENGTHS,
    SIX_STEPS,
    STATEMENT_STEPS,
    STEP_TITLES,
    TONES,
    CheckIn,
    Draft,
    DraftOptions,
    Facts,
    Finding,
    LessonsOutput,
    PlanAction,
    PlanOutput,
)


def test_the_shared_lists_agree_with_each_other() -> None:
    assert CHANNELS == ("email", "chat", "talking_points")
    assert TONES == ("neutral", "warm", "formal", "direct") and LENGTHS == ("short", "medium", "long")
    assert set(CHANNEL_NAMES) == set(CHANNEL_LABELS) == set(CHANNELS)
    assert list(STEP_TITLES) == list(SIX_STEPS)
    assert [title.split(".")[0] for title in STEP_TITLES.values()] == ["1", "2", "3", "4", "5", "6"]
    assert set(STATEMENT_STEPS) < set(SIX_STEPS) and set(CHECKABLE_STEPS) - set(SIX_STEPS) == {"message"}


def test_a_finding_in_plain_words_quotes_its_span_when_it_has_one() -> None:
    finding = Finding(
        rule="OWN_BLAME", step="ownership", severity="error", message="Blames others.", suggestion="Own it."
    )
    assert finding.plain() == "Blames others. Own it."
    assert finding.model_copy(update={"span": "the intern"}).plain() == 'Blames others. ("the intern") Own it.'
    assert finding.model_copy(update={"suggestion": ""}).plain() == "Blames others."
    with pytest.raises(ValidationError):
        Finding.model_validate({**finding.model_dump(), "severity": "info"})


def test_what_the_model_answers_takes_no_extra_fields() -> None:
    with pytest.raises(ValidationError):
        CheckIn.model_validate({"date": "2026-12-07", "report": "r", "mood": "good"})
    with pytest.raises(ValidationError):
        Facts.model_validate(
            {"what_happened": "w", "impact": "i", "cause": "c", "affected": [], "leader_name": None,
             "leader_role": None, "already_done": [], "blame": "the intern"}
        )  # fmt: skip


def test_list_and_length_limits_bound_what_the_model_may_answer() -> None:
    action = {"action": "Add a gate", "owner": "me", "due": "2026-12-04", "measure": "live"}
    assert PlanOutput.model_validate({"actions": [action] * 4}).actions[0].due == dt.date(2026, 12, 4)
    bad_plans: list[dict[str, Any]] = [
        {"actions": []},
        {"actions": [action] * 5},
        {"actions": [{**action, "action": "x" * 201}]},
    ]
    for bad in bad_plans:
        with pytest.raises(ValidationError):
            PlanOutput.model_validate(bad)
    with pytest.raises(ValidationError):
        LessonsOutput.model_validate({"lessons": []})
    with pytest.raises(ValidationError):
        PlanAction.model_validate({**action, "due": "next week"})


def test_options_default_to_a_neutral_medium_email() -> None:
    options = DraftOptions()
    assert (options.channel, options.tone, options.length, options.leader, options.sender) == (
        "email",
        "neutral",
        "medium",
        None,
        None,
    )
    with pytest.raises(ValidationError):
        DraftOptions(channel="fax")  # type: ignore[arg-type]


def test_a_draft_is_complete_by_default_and_survives_json() -> None:
    draft = sample_draft()
    assert draft.complete and draft.failed_steps == {} and draft.unresolved == {}
    assert Draft.model_validate_json(draft.model_dump_json()) == draft


def test_every_field_of_every_model_is_described() -> None:
    models = [
        v for v in vars(schema).values() if isinstance(v, type) and issubclass(v, BaseModel) and v is not BaseModel
    ]
    assert len(models) > 15
    for model in models:
        missing = [name for name, f in model.model_fields.items() if not f.description]
        assert missing == [], f"{model.__name__}: {missing}"
