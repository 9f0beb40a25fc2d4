"""What the store hands back (``assistant/domain/records.py``)."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import BaseModel, ValidationError

from assistant.domain.records import (
    SOURCES,
    STATUSES,
    ActionState,
    ProgressRecord,
    SessionRecord,
    SessionSummary,
    VersionInfo,
)
from assistant.domain.report_back import STATUS_LABELS
from assistant.domain.schema import DraftOptions

NOW = dt.datetime(2026, 11, 27, 14, 10, tzinfo=dt.UTC)


def test_the_sources_and_statuses_a_record_can_have() -> None:
    assert SOURCES == ("generated", "edited", "refined", "restored", "checkin")
    assert STATUSES == ("not_started", "in_progress", "done", "dropped")
    assert set(STATUSES) == set(STATUS_LABELS)  # every status has a label to show


def test_optional_fields_default_to_nothing() -> None:
    version = VersionInfo(number=1, source="generated", created_at=NOW, complete=True, n_errors=0)
    assert version.summary == ""
    action = ActionState(index=0, action="a", owner="me", measure="m", status="not_started", updated_at=NOW)
    assert (action.due, action.reason, action.evidence) == (None, None, None)
    assert ProgressRecord(id=1, created_at=NOW, notes="n", update={}).version is None
    summary = SessionSummary(id="s-1", title="t", created_at=NOW, updated_at=NOW, n_versions=0)
    assert summary.latest_source is None
    session = SessionRecord(id="s-1", title="t", notes="n", options=DraftOptions(), created_at=NOW, updated_at=NOW)
    assert (session.facts, session.chosen_version, session.versions, session.actions) == (None, None, [], [])


def test_a_record_round_trips_through_json() -> None:
    session = SessionRecord(
        id="s-1",
        title="t",
        notes="n",
        options=DraftOptions(channel="chat"),
        created_at=NOW,
        updated_at=NOW,
        chosen_version=1,
        versions=[VersionInfo(number=1, source="edited", created_at=NOW, complete=False, n_errors=2)],
        actions=[ActionState(index=0, action="a", owner="me", measure="m", status="done", updated_at=NOW)],
    )
    assert SessionRecord.model_validate_json(session.model_dump_json()) == session


def test_required_fields_are_required() -> None:
    with pytest.raises(ValidationError):
        VersionInfo.model_validate({"number": 1, "source": "generated", "created_at": NOW})


def test_every_field_is_described() -> None:
    for model in (VersionInfo, ActionState, ProgressRecord, SessionSummary, SessionRecord):
        assert issubclass(model, BaseModel) and model.__doc__
        missing = [name for name, f in model.model_fields.items() if not f.description]
        assert missing == [], f"{model.__name__}: {missing}"
