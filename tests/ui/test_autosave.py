"""Drafts in the UI saved as they go (ui/autosave.py): the Chat tab's interview, and finishing an interrupted draft
from the Sessions tab. The Draft tab's Generate is tested in test_sessions.py."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr
import pytest
from ui_support import NOTES, TODAY, scripted_model

from assistant.domain.errors import ModelAPIError
from assistant.domain.schema import Draft, DraftOptions
from assistant.model.testing import ScriptedChatModel
from assistant.store import Store
from assistant.store.checkpoints import load_checkpoint
from assistant.workflows.autosave import DraftAutosave
from assistant.workflows.draft import Pipeline
from ui import handlers, interview, sessions
from ui.autosave import chat_drafting, resuming
from ui.handlers import VIEW_FIELDS

SKIP = gr.skip()
N_CHAT = 5 + len(VIEW_FIELDS)  # chat, answers, input box, versions, notes, *view
N_DRAFT = 3 + len(VIEW_FIELDS)  # versions, progress, diff, *view


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'regain.db'}") as s:
        yield s


def _chat(handler: Any, store: Store, model: ScriptedChatModel) -> Any:
    """An interview handler as the Chat tab wires it."""
    bound = functools.partial(handler, pipeline_factory=lambda: Pipeline(model), today=TODAY)
    return chat_drafting(bound, store_factory=lambda: store, n_outputs=N_CHAT, today=TODAY)


def test_an_answer_that_only_leads_to_a_question_saves_nothing(store: Store) -> None:
    model = scripted_model()
    story = "I pushed the payments config change friday w/o running staging tests, checkout down ~3h."
    outputs = list(
        _chat(interview.turn, store, model)(story, interview.opening(), {}, "", "email", "neutral", "medium", None)
    )
    assert outputs[-1][0][-1]["content"] == interview.QUESTIONS["leader"]
    assert all(out[-2:] == [SKIP, SKIP] for out in outputs)
    assert store.list_sessions() == [] and model.calls == []


def test_the_chat_tab_saves_its_draft_as_it_is_written(store: Store) -> None:
    outputs = list(
        _chat(interview.write_now, store, scripted_model())(
            [], {"story": NOTES}, "Dana", "chat", "neutral", "medium", None
        )
    )
    first_saved = next(out for out in outputs if out[-2] != SKIP)
    session = first_saved[-2]
    assert "notes only" in first_saved[-1]  # the notes are saved before the model writes anything
    assert outputs[-1][-2:] == [session, f"<small>Saved as version 1 of session `{session}`.</small>"]
    [info] = store.list_versions(session)
    assert (info.source, info.complete) == ("generated", True)
    draft = store.load_version(session)
    assert draft == outputs[-1][3][-1] and draft.notes == NOTES and draft.options.leader == "Dana"
    assert draft.options.channel == "chat" and load_checkpoint(store, session) is None


def test_a_chat_draft_that_fails_keeps_its_finished_steps_to_resume(store: Store) -> None:
    def down(messages: Any) -> str:
        raise ModelAPIError("Cannot reach the model server.")

    outputs: list[list[Any]] = []
    run = _chat(interview.write_now, store, scripted_model(positive=down))
    with pytest.raises(gr.Error):
        for out in run([], {"story": NOTES}, "", "email", "neutral", "medium", None):
            outputs.append(out)
    session = outputs[-1][-2]
    checkpoint = load_checkpoint(store, session)
    assert checkpoint is not None and {"intake", "pain", "ownership", "lessons"} <= set(checkpoint.steps)
    assert "positive" not in checkpoint.steps


def _resume(store: Store, model: ScriptedChatModel) -> Any:
    """The Sessions tab's "Finish the interrupted draft" as the app wires it."""
    generate = functools.partial(handlers.generate, pipeline_factory=lambda: Pipeline(model))
    return resuming(generate, store_factory=lambda: store, n_outputs=N_DRAFT)


def _interrupted(store: Store) -> str:
    """A draft whose ownership step failed (the server went away); the other steps were saved."""

    def down(messages: Any) -> str:
        raise ModelAPIError("Cannot reach the model server.")

    autosave = DraftAutosave.start(store, NOTES, DraftOptions(leader="Dana", channel="chat"), TODAY)
    model = scripted_model(ownership=down)
    with pytest.raises(gr.Error):
        list(handlers.generate(NOTES, "Dana", "chat", "neutral", "medium", [], pipeline_factory=lambda: Pipeline(model),
                               autosave=autosave))  # fmt: skip
    return autosave.session_id


def test_an_interrupted_draft_is_finished_from_the_sessions_tab_without_redoing_its_steps(store: Store) -> None:
    session = _interrupted(store)
    assert sessions.resumable(session, store_factory=lambda: store).visible is True
    saved = load_checkpoint(store, session)
    assert saved is not None and "ownership" not in saved.steps and {"intake", "lessons"} <= set(saved.steps)
    model = scripted_model()
    outputs = list(_resume(store, model)(session, None))
    assert outputs[0][N_DRAFT : N_DRAFT + 5] == [NOTES, "Dana", "chat", "neutral", "medium"]  # the Draft tab's fields
    assert f"{len(saved.steps)} step(s) were saved before and are reused" in outputs[0][-1]
    assert model.calls_for("intake") == [] and model.calls_for("lessons") == []  # reused, not asked again
    assert model.calls_for("ownership")
    last = store.list_versions(session)[-1]
    assert last.complete and load_checkpoint(store, session) is None
    finished = store.load_version(session, last.number)
    assert isinstance(finished, Draft) and finished.today == TODAY and finished.options.channel == "chat"
    saved_as = f"<small>Saved as version {last.number} of session `{session}`.</small>"
    finished_line = f"The draft is finished and saved as version {last.number}; it is in the **Draft** tab."
    assert outputs[-1][-3:] == [session, saved_as, finished_line]
    assert sessions.resumable(session, store_factory=lambda: store).visible is False


def test_finishing_with_nothing_to_finish_only_says_so(store: Store) -> None:
    autosave = DraftAutosave.start(store, NOTES, DraftOptions(), TODAY)
    list(handlers.generate(NOTES, "", "email", "neutral", "medium", [],
                           pipeline_factory=lambda: Pipeline(scripted_model()), autosave=autosave))  # fmt: skip
    model = scripted_model()
    for picked, says in [(None, "Pick a saved session first"), (autosave.session_id, "no interrupted draft")]:
        [out] = list(_resume(store, model)(picked, None))
        assert all(value == SKIP for value in out[:-1]) and says in out[-1]  # no error badge on the Draft tab
    assert model.calls == []


def test_a_draft_being_written_is_not_offered_to_finish(store: Store) -> None:
    from assistant.workflows import autosave as workflow_autosave

    session = DraftAutosave.start(store, NOTES, DraftOptions(), TODAY).session_id  # a checkpoint, no step yet
    workflow_autosave._WRITING.add(session)  # as adraft_saved marks it while the draft runs
    try:
        assert sessions.resumable(session, store_factory=lambda: store).visible is False
        assert (
            "A draft is being written: 0 of 7 steps so far."
            in sessions.show_session(session, store_factory=lambda: store)[3]
        )
    finally:
        workflow_autosave._WRITING.discard(session)
    assert sessions.resumable(session, store_factory=lambda: store).visible is True  # the process stopped: interrupted
