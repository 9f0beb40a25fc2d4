"""The Report back tab's handlers: a saved session's plan, a progress update written and saved, failures kept."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr
import pytest
from chain_support import sample_draft
from icalendar import Calendar

from assistant.domain.errors import ModelAPIError
from assistant.model.testing import GOOD_PROGRESS_NOTES, ScriptedChatModel, good_script
from assistant.store import Store
from assistant.workflows.draft import Pipeline
from ui import report_back

TODAY = dt.date(2026, 12, 4)
AS_NOTES = [report_back.FROM_NOTES, ""] * report_back.MAX_ACTIONS


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'regain.db'}") as s:
        yield s


@pytest.fixture
def session(store: Store) -> str:
    sid = store.create_session(sample_draft().notes, title="Checkout outage")
    store.save_version(sid, sample_draft(), source="generated")
    return sid


def _write(store: Store, session: str, model: ScriptedChatModel, notes: str, values: list[Any]) -> list[list[Any]]:
    pipeline = Pipeline(model)
    return list(
        report_back.write_update(
            session, notes, *values, pipeline_factory=lambda: pipeline, store_factory=lambda: store, today=TODAY
        )
    )


def test_load_shows_the_plan_actions_and_hides_unused_rows(store: Store, session: str) -> None:
    intro, *rest = report_back.load_progress(session, store_factory=lambda: store, today=TODAY)
    *rows, history, calendar = rest
    assert session in intro
    first, second, third = rows[:4], rows[4:8], rows[8:12]
    assert first[0].visible is True and "1. Add a CI gate" in first[1] and "saved status: not started" in first[1]
    assert second[0].visible is True and "2. Write a pre&#45;deploy checklist" in second[1]
    assert third[0].visible is False
    assert history == "No progress updates yet."
    events = Calendar.from_ical(Path(calendar).read_bytes()).walk("VEVENT")
    assert [e.decoded("DTSTART") for e in events] == [c.date for c in sample_draft().report_back if c.date > TODAY]


def test_write_update_streams_then_saves_the_update_and_statuses(store: Store, session: str) -> None:
    model = ScriptedChatModel(script=good_script())
    *streamed, final = _write(store, session, model, GOOD_PROGRESS_NOTES, AS_NOTES)
    assert streamed and all(out[1] == gr.skip() for out in streamed)
    board, subject, body, findings, history, calendar = final
    assert "Update ready" in board and "2026-12-18" in board
    assert subject == "Update: the CI gate for config deploys" and "blocked a test deploy" in body
    assert "No problems found" in findings
    assert "Update: the CI gate" in html.unescape(history)
    assert "2026-12-18" in [
        e.decoded("DTSTART").isoformat() for e in Calendar.from_ical(Path(calendar).read_bytes()).walk("VEVENT")
    ]
    assert store.actions(session)[0].status == "done"
    (record,) = store.progress_updates(session)
    assert record.notes == GOOD_PROGRESS_NOTES


def test_a_status_set_in_the_tab_overrides_the_model(store: Store, session: str) -> None:
    model = ScriptedChatModel(script=good_script())
    values = ["in_progress", "gate merged, not yet enforced", *AS_NOTES[2:]]
    _write(store, session, model, GOOD_PROGRESS_NOTES, values)
    action = store.actions(session)[0]
    assert action.status == "in_progress" and action.evidence == "gate merged, not yet enforced"
    assert "set by me" in model.calls_for("report_back_update")[0]["messages"][-1].content


def test_dropped_without_a_reason_is_a_notice_before_any_model_call(store: Store, session: str) -> None:
    model = ScriptedChatModel(script=good_script())
    with pytest.raises(gr.Error, match="give the reason it was dropped"):
        _write(store, session, model, GOOD_PROGRESS_NOTES, ["dropped", "", *AS_NOTES[2:]])
    assert model.calls == []


def test_a_model_failure_keeps_the_progress_notes(store: Store, session: str) -> None:
    def down(messages: Any) -> str:
        raise ModelAPIError("The model server did not answer within 300 s.")

    model = ScriptedChatModel(script={**good_script(), "report_back_update": down})
    outputs: list[list[Any]] = []
    with pytest.raises(gr.Error, match="within 300 s"):
        for out in report_back.write_update(
            session, GOOD_PROGRESS_NOTES, *AS_NOTES, pipeline_factory=lambda: Pipeline(model),
            store_factory=lambda: store, today=TODAY,
        ):  # fmt: skip
            outputs.append(out)
    assert "progress notes are kept" in outputs[-1][0]
    assert "notes kept, no update written" in outputs[-1][4]
    (record,) = store.progress_updates(session)
    assert record.notes == GOOD_PROGRESS_NOTES and record.update["complete"] is False
    assert store.actions(session)[0].status == "not_started"


def test_empty_progress_notes_are_a_notice_and_nothing_is_saved(store: Store, session: str) -> None:
    model = ScriptedChatModel(script=good_script())
    with pytest.raises(gr.Error, match="progress notes are empty"):
        _write(store, session, model, "   ", AS_NOTES)
    assert model.calls == [] and store.progress_updates(session) == []


def test_no_session_picked_is_a_notice() -> None:
    out = report_back.load_progress(None, store_factory=lambda: pytest.fail("no store needed"))
    assert out[0].startswith("Pick a saved session")
    with pytest.raises(gr.Error, match="Pick a saved session"):
        list(report_back.write_update(None, "x", pipeline_factory=lambda: None, store_factory=lambda: None))  # type: ignore[arg-type,return-value]
