"""The draft autosave: each finished step saved as it completes, and a draft resumed from what was saved."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chain_support import NOTES, OPEN_LINE, TODAY

from assistant.domain.errors import ModelAPIError, PartialDraftError, SessionNotFound
from assistant.domain.schema import Draft, DraftOptions
from assistant.model.testing import ScriptedChatModel, good_script
from assistant.store import Store
from assistant.store.checkpoints import load_checkpoint
from assistant.workflows.autosave import DraftAutosave
from assistant.workflows.draft import Pipeline, adraft
from assistant.workflows.events import StepEvent, StepResult

WRITTEN = {"intake", "pain", "ownership", "lessons", "plan", "positive", "report_back"}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'sessions.db'}") as store:
        yield store


def _run(model: ScriptedChatModel, autosave: DraftAutosave, **kwargs: Any) -> Draft:
    return asyncio.run(
        adraft(
            autosave.notes,
            Pipeline(model),
            options=autosave.options,
            today=autosave.today,
            done=autosave.done(),
            on_step=autosave.step_finished,
            **kwargs,
        )
    )


def _down(messages: Any) -> str:
    raise ModelAPIError("The server went away.")


def test_each_step_is_saved_as_it_finishes(store: Store) -> None:
    autosave = DraftAutosave.start(store, NOTES, DraftOptions(leader="Dana"), TODAY)
    seen: dict[str, set[str]] = {}

    def listener(event: StepEvent) -> None:  # what the store holds when a step starts
        if event.kind == "start":
            saved = load_checkpoint(store, autosave.session_id)
            seen[event.step] = set(saved.steps) if saved else set()

    draft = _run(ScriptedChatModel(script=good_script()), autosave, listener=listener)
    assert seen["plan"] >= {"intake", "lessons"} and seen["report_back"] >= {"intake", "lessons", "plan"}
    checkpoint = load_checkpoint(store, autosave.session_id)
    assert checkpoint is not None and set(checkpoint.steps) == WRITTEN  # saved, the version not yet
    assert checkpoint.notes == NOTES and checkpoint.today == TODAY and checkpoint.options.leader == "Dana"
    assert autosave.saved(draft) == 1
    assert load_checkpoint(store, autosave.session_id) is None
    assert store.load_version(autosave.session_id) == draft


def test_a_resumed_draft_asks_only_for_the_missing_steps(store: Store) -> None:
    notes = f"{NOTES}\n{OPEN_LINE}"  # something open: the plan asks the model
    autosave = DraftAutosave.start(store, notes, DraftOptions(), TODAY)
    with pytest.raises(PartialDraftError) as info:
        _run(ScriptedChatModel(script={**good_script(), "plan": _down}), autosave)
    assert autosave.failed(info.value) == 1  # the partial draft, as an incomplete version
    checkpoint = load_checkpoint(store, autosave.session_id)
    assert checkpoint is not None and set(checkpoint.steps) == WRITTEN - {"plan", "report_back"}

    resumed = DraftAutosave.resume(store, autosave.session_id[:4])
    assert resumed is not None and resumed.session_id == autosave.session_id and not resumed.new
    model = ScriptedChatModel(script=good_script())
    draft = _run(model, resumed)
    assert {call["step"] for call in model.calls} == {"plan"}
    whole = asyncio.run(adraft(notes, Pipeline(ScriptedChatModel(script=good_script())), today=TODAY))
    assert draft.model_dump(exclude={"usage"}) == whole.model_dump(exclude={"usage"})
    assert set(draft.usage) == {"plan"}
    assert resumed.saved(draft) == 2
    assert [(v.number, v.complete) for v in store.list_versions(autosave.session_id)] == [(1, False), (2, True)]
    assert DraftAutosave.resume(store, autosave.session_id) is None  # complete: nothing to resume


def test_a_step_kept_with_problems_keeps_them_when_resumed(store: Store) -> None:
    autosave = DraftAutosave.start(store, NOTES, DraftOptions(), TODAY)
    problems = ("the statement names no harm",)
    autosave.step_finished("positive", StepResult(good_positive(), problems))
    resumed = DraftAutosave.resume(store, autosave.session_id)
    assert resumed is not None
    model = ScriptedChatModel(script=good_script())
    draft = _run(model, resumed)
    assert not model.calls_for("positive")
    assert draft.unresolved["positive"] == list(problems)


def good_positive() -> Any:
    from assistant.domain.schema import PositiveOutput

    return PositiveOutput.model_validate(good_script()["positive"])


def test_resume_keeps_the_first_date_and_options(store: Store) -> None:
    first_day = dt.date(2026, 11, 2)
    autosave = DraftAutosave.start(store, NOTES, DraftOptions(channel="chat", tone="warm"), first_day)
    resumed = DraftAutosave.resume(store, autosave.session_id)
    assert resumed is not None
    assert (resumed.today, resumed.options.channel, resumed.options.tone) == (first_day, "chat", "warm")


def test_resume_of_a_session_with_only_notes_drafts_them(store: Store) -> None:
    session_id = store.create_session(NOTES, options=DraftOptions(tone="formal"))
    resumed = DraftAutosave.resume(store, session_id)
    assert resumed is not None and resumed.notes == NOTES and resumed.options.tone == "formal"
    assert resumed.done() == {}


def test_resume_of_an_unknown_session_says_how_to_find_one(store: Store) -> None:
    with pytest.raises(SessionNotFound, match="regain sessions list"):
        DraftAutosave.resume(store, "s-nope")


def test_a_failed_save_does_not_stop_the_draft(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.workflows.autosave as autosave_module

    def broken(*args: Any) -> None:
        raise OSError("disk full")

    autosave = DraftAutosave.start(store, NOTES, DraftOptions(), TODAY)
    monkeypatch.setattr(autosave_module, "save_step", broken)
    draft = _run(ScriptedChatModel(script=good_script()), autosave)
    assert draft.complete and set(autosave.unsaved) == WRITTEN
    monkeypatch.undo()
    assert autosave.saved(draft) == 1
