"""Autosave and the Sessions tab's handlers, on a real SQLite store and a scripted model."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr
import pytest
from ui_support import NOTES, TODAY, scripted_model

from assistant.domain.schema import Draft
from assistant.store import Store
from assistant.store.checkpoints import load_checkpoint
from assistant.workflows.draft import Pipeline
from ui import handlers, sessions
from ui.autosave import drafting
from ui.handlers import VIEW_FIELDS
from ui.sections import with_section

SKIP = gr.skip()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'regain.db'}") as s:
        yield s


def _draft() -> list[Draft]:
    pipeline = Pipeline(scripted_model())
    final = list(
        handlers.generate(NOTES, "", "email", "neutral", "medium", [], pipeline_factory=lambda: pipeline, today=TODAY)
    )[-1]
    return final[0]  # type: ignore[no-any-return]


def _save(versions: list[Draft], session: str | None, store: Store, **kw: Any) -> tuple[str | None, str]:
    return sessions.save_draft(versions, session, store_factory=lambda: store, **kw)


def test_a_generated_draft_starts_a_session_and_saving_again_is_a_no_op(store: Store) -> None:
    versions = _draft()
    session, status = _save(versions, None, store, source="generated", new_session=True)
    assert session and f"version 1 of session `{session}`" in status
    assert store.load_version(session).model_dump() == versions[0].model_dump()
    again, status = _save(versions, session, store, source="generated", new_session=True)
    assert again == session and status == SKIP
    assert [v.number for v in store.list_versions(session)] == [1]


def test_an_edit_and_a_refinement_each_add_a_version_with_who_changed_it(store: Store) -> None:
    versions = _draft()
    session, _ = _save(versions, None, store, source="generated", new_session=True)
    edited = [*versions, with_section(versions[-1], "pain", "I'm sorry: about 400 orders were lost on Friday.")]
    _save(edited, session, store, source="edited")
    chat = [{"role": "user", "content": "make it &lt;shorter&gt;"}, {"role": "assistant", "content": "Done."}]
    refined = [*edited, with_section(edited[-1], "positive", "I'm committed to making this right.")]
    sessions.save_draft(
        refined, session, store_factory=lambda: store, source="refined", summary=sessions.last_request(chat)
    )
    infos = store.list_versions(session)  # type: ignore[arg-type]
    assert [(v.source, v.summary) for v in infos] == [
        ("generated", ""),
        ("edited", ""),
        ("refined", "make it <shorter>"),
    ]
    assert store.load_version(session, 2).pain.startswith("I'm sorry: about 400")  # type: ignore[arg-type]
    rows = sessions.version_rows(session, store_factory=lambda: store)
    assert [r[1] for r in rows] == ["written by the model", "edited by you", "changed on request"]


def test_open_a_session_restores_notes_options_and_every_version(store: Store) -> None:
    versions = _draft()
    session, _ = _save(versions, None, store, source="generated", new_session=True)
    edited = [*versions, with_section(versions[-1], "pain", "I'm sorry: about 400 orders were lost on Friday.")]
    _save(edited, session, store, source="edited")
    choices = sessions.session_choices(lambda: store)
    assert [value for _label, value in choices] == [session]
    out = sessions.open_session(session, store_factory=lambda: store)
    drafts, opened, notes, leader, channel, tone, length, status, *view = out
    assert opened == session and notes == NOTES and (channel, tone, length) == ("email", "neutral", "medium")
    assert len(drafts) == 2 and "version 2" in status
    assert dict(zip(VIEW_FIELDS, view, strict=True))["pain_text"].startswith("I'm sorry: about 400")


def test_diff_and_restore_make_a_new_version(store: Store) -> None:
    versions = _draft()
    session, _ = _save(versions, None, store, source="generated", new_session=True)
    edited = [*versions, with_section(versions[-1], "pain", "I'm sorry: about 400 orders were lost on Friday.")]
    _save(edited, session, store, source="edited")
    diff = sessions.diff_versions(session, 1, 2, store_factory=lambda: store)
    assert diff.startswith("```diff") and "+I'm sorry: about 400 orders were lost on Friday." in diff
    assert "same" in sessions.diff_versions(session, 2, 2, store_factory=lambda: store)
    out = sessions.restore_version(session, 1, store_factory=lambda: store)
    assert len(out[0]) == 3
    assert [v.source for v in store.list_versions(session)] == ["generated", "edited", "restored"]  # type: ignore[arg-type]
    assert store.load_version(session).pain == versions[0].pain  # type: ignore[arg-type]


def test_opening_or_restoring_with_nothing_picked_is_a_hint_and_leaves_the_draft_alone(store: Store) -> None:
    no_store = functools.partial(pytest.fail, "no store needed")
    out = sessions.open_picked(None, store_factory=no_store)
    assert out == [SKIP] * sessions.N_OPENED + [sessions.NOTHING_TO_OPEN]
    assert out[-1].startswith("Nothing to open yet: pick a saved session")
    session, _ = _save(_draft(), None, store, source="generated", new_session=True)
    for picked, number in ((None, None), (None, 1), (session, None)):
        out = sessions.restore_picked(picked, number, store_factory=no_store)
        assert out == [SKIP] * (sessions.N_OPENED + 3) + [sessions.NOTHING_TO_RESTORE]
    assert len(store.list_versions(session)) == 1  # type: ignore[arg-type]


def test_open_and_restore_buttons_fill_the_draft_and_the_sessions_tab(store: Store) -> None:
    versions = _draft()
    session, _ = _save(versions, None, store, source="generated", new_session=True)
    opened = sessions.open_picked(session, store_factory=lambda: store)
    assert len(opened) == sessions.N_OPENED + 1 and opened[-1] == SKIP
    assert opened[:-1] == sessions.open_session(session, store_factory=lambda: store)
    restored = sessions.restore_picked(session, 1, store_factory=lambda: store)
    assert len(restored) == sessions.N_OPENED + 4 and len(restored[0]) == 2 and restored[1] == session
    rows, _a, _b, info = restored[-4:]
    assert [row[0] for row in rows] == [1, 2] and info == f"Session `{session}`: 2 version(s)."


def test_export_writes_json_and_markdown(store: Store) -> None:
    session, _ = _save(_draft(), None, store, source="generated", new_session=True)
    json_path, md_path = sessions.export_session(session, store_factory=lambda: store)
    assert json_path and md_path
    data = json.loads(Path(json_path).read_text(encoding="utf-8"))
    assert data["id"] == session and data["notes"] == NOTES
    assert [v["draft"]["pain"] for v in data["versions"]] == [store.load_version(session).pain]  # type: ignore[arg-type]
    assert "Dana" in Path(md_path).read_text(encoding="utf-8")


def test_delete_needs_confirmation_then_removes_the_session(store: Store) -> None:
    session, _ = _save(_draft(), None, store, source="generated", new_session=True)
    with pytest.raises(gr.Error, match="Yes, delete it"):
        sessions.delete_session(session, session, False, store_factory=lambda: store)
    assert store.list_sessions()
    _picker, current, confirmed, status = sessions.delete_session(session, session, True, store_factory=lambda: store)
    assert current is None and confirmed is False and "Deleted" in status
    assert store.list_sessions() == []


def test_an_unknown_session_is_a_clear_notice(store: Store) -> None:
    with pytest.raises(gr.Error) as info:
        sessions.open_session("s-nope", store_factory=lambda: store)
    assert "regain sessions list" in info.value.message


def _generate(store: Store, pipeline: Pipeline) -> Any:
    """The Draft tab's Generate as the app wires it: saved step by step (ui.autosave.drafting)."""
    return drafting(
        functools.partial(handlers.generate, pipeline_factory=lambda: pipeline, today=TODAY),
        store_factory=lambda: store,
        n_outputs=3 + len(VIEW_FIELDS),
        notes_of=lambda args: args[:5],
        today=TODAY,
    )


def test_generate_saves_the_notes_first_then_each_step_then_the_draft(store: Store) -> None:
    pipeline = Pipeline(scripted_model())
    outputs = list(_generate(store, pipeline)(NOTES, "Dana", "chat", "neutral", "medium", [], None, None))
    session, status = outputs[0][-2:]
    assert session and "notes only" in status  # before the model wrote anything
    assert outputs[-1][-2:] == [session, f"<small>Saved as version 1 of session `{session}`.</small>"]
    [info] = store.list_versions(session)
    assert (info.source, info.complete) == ("generated", True)
    draft = store.load_version(session)
    assert draft == outputs[-1][0][-1] and draft.options.leader == "Dana" and draft.today == TODAY
    assert load_checkpoint(store, session) is None  # finished: nothing to resume


def test_a_closed_tab_does_not_stop_the_saving(store: Store) -> None:
    import time

    pipeline = Pipeline(scripted_model())
    run = _generate(store, pipeline)(NOTES, "", "email", "neutral", "medium", [], None, None)
    session = next(run)[-2]
    for out in run:  # the tab is closed once the intake's facts are shown
        if "Facts from your notes | **done**" in str(out[1]):
            break
    run.close()
    deadline = time.monotonic() + 30  # the run goes on in its thread, saving each step, then the draft
    while not store.list_versions(session) and time.monotonic() < deadline:
        time.sleep(0.05)
    [info] = store.list_versions(session)
    assert info.complete and load_checkpoint(store, session) is None


def test_an_interrupted_draft_is_shown_as_one_to_resume(store: Store) -> None:
    from assistant.domain.schema import DraftOptions, Facts
    from assistant.workflows.autosave import DraftAutosave
    from assistant.workflows.events import StepResult

    autosave = DraftAutosave.start(store, NOTES, DraftOptions(), TODAY)  # then the server was killed
    facts = Facts(what_happened="x", impact="y", cause="", affected=[], leader_name=None, leader_role=None,
                  already_done=[])  # fmt: skip
    autosave.step_finished("intake", StepResult(facts))
    info = sessions.show_session(autosave.session_id, store_factory=lambda: store)[3]
    assert "Only the notes were saved." in info
    resume = f"finish it with **Finish the interrupted draft**, or `regain draft --resume {autosave.session_id}`"
    assert f"interrupted with 1 of 7 steps written (incomplete); {resume}" in info


def _failing_generate(store: Store, step: str, error: str, match: str) -> tuple[str, str]:
    """Run the Draft tab's autosaving generate with ``step`` failing; returns the saved ``(session, status)``."""
    from assistant.domain.errors import ModelAPIError

    def down(messages: Any) -> str:
        raise ModelAPIError(error)

    pipeline = Pipeline(scripted_model(**{step: down}))
    generate = _generate(store, pipeline)
    outputs: list[list[Any]] = []
    with pytest.raises(gr.Error, match=match):
        for out in generate(NOTES, "Dana", "email", "neutral", "medium", [], None, None):
            outputs.append(out)
    session, status = outputs[-1][-2:]
    return session, status


def test_autosave_keeps_a_partial_draft_marked_incomplete(store: Store) -> None:
    session, status = _failing_generate(store, "positive", "The server failed with HTTP 503 after retries.", "503")
    assert session and "version 1" in status
    (info,) = store.list_versions(session)
    assert (info.complete, info.summary) == (False, "partial draft")
    kept = store.load_version(session)
    assert kept.complete is False and "positive" in kept.failed_steps and kept.pain


def test_autosave_keeps_the_notes_when_nothing_was_drafted(store: Store) -> None:
    session, status = _failing_generate(store, "intake", "Cannot reach the model server.", "Cannot reach")
    assert "notes only" in status
    assert store.get_session(session).notes == NOTES and store.list_versions(session) == []


def test_choose_a_versions_message(store: Store) -> None:
    versions = _draft()
    session, _ = _save(versions, None, store, source="generated", new_session=True)
    status = sessions.choose_version(session, 1, store_factory=lambda: store)
    assert "version 1" in status and store.get_session(session).chosen_version == 1  # type: ignore[arg-type]
    with pytest.raises(gr.Error, match="regain sessions versions"):
        sessions.choose_version(session, 9, store_factory=lambda: store)
