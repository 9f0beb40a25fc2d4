"""Checkpoints of drafts being written, in the store (``assistant/store/checkpoints.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from chain_support import sample_draft

from assistant.domain.checkpoint import DraftCheckpoint, SavedStep
from assistant.domain.errors import SessionNotFound
from assistant.domain.schema import DraftOptions
from assistant.store import Store
from assistant.store.checkpoints import load_checkpoint, save_step, start_checkpoint

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store(store_url) as store:
        yield store


def test_a_session_without_a_draft_being_written_has_no_checkpoint(store: Store) -> None:
    session = store.create_session("notes")
    assert load_checkpoint(store, session) is None


def test_a_step_is_not_saved_before_the_checkpoint_is_started(store: Store) -> None:
    session = store.create_session("notes")
    save_step(store, session, "pain", SavedStep(output={"statement": "I am sorry."}))
    assert load_checkpoint(store, session) is None


def test_steps_are_added_one_by_one_to_the_notes_options_and_date(store: Store) -> None:
    session = store.create_session("notes")
    options = DraftOptions(channel="chat", leader="Dana")
    start_checkpoint(store, session, DraftCheckpoint(notes="the notes", today=TODAY, options=options))
    save_step(store, session, "pain", SavedStep(output={"statement": "I am sorry."}))
    save_step(store, session, "ownership", SavedStep(output={"statement": "My call."}, unresolved=["Name it."]))
    saved = load_checkpoint(store, session)
    assert saved is not None
    assert (saved.notes, saved.today, saved.options) == ("the notes", TODAY, options)
    assert saved.steps == {
        "pain": SavedStep(output={"statement": "I am sorry."}),
        "ownership": SavedStep(output={"statement": "My call."}, unresolved=["Name it."]),
    }


def test_a_step_saved_again_replaces_the_first_and_a_new_start_drops_every_step(store: Store) -> None:
    session = store.create_session("notes")
    start_checkpoint(store, session, DraftCheckpoint(notes="n", today=TODAY))
    save_step(store, session, "pain", SavedStep(output={"statement": "first"}))
    save_step(store, session, "pain", SavedStep(output={"statement": "second"}))
    saved = load_checkpoint(store, session)
    assert saved is not None and saved.steps["pain"].output == {"statement": "second"}
    start_checkpoint(store, session, DraftCheckpoint(notes="again", today=TODAY + dt.timedelta(days=1)))
    saved = load_checkpoint(store, session)
    assert saved is not None and saved.notes == "again" and saved.steps == {}


def test_the_finished_draft_clears_the_checkpoint_only_when_asked(store: Store) -> None:
    session = store.create_session("notes")
    start_checkpoint(store, session, DraftCheckpoint(notes="n", today=TODAY))
    store.save_version(session, sample_draft(), source="generated")
    assert load_checkpoint(store, session) is not None
    store.save_version(session, sample_draft(), source="generated", clear_checkpoint=True)
    assert load_checkpoint(store, session) is None


def test_an_unknown_session_is_not_found(store: Store) -> None:
    with pytest.raises(SessionNotFound):
        start_checkpoint(store, "s-000000", DraftCheckpoint(notes="n", today=TODAY))
    with pytest.raises(SessionNotFound):
        load_checkpoint(store, "s-000000")
