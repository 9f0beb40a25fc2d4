"""`regain report-back` and `regain sessions calendar`: progress on a saved plan, over a scripted model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from chain_support import sample_draft
from cli_support import use_model
from icalendar import Calendar

from assistant.cli import main
from assistant.domain.errors import ModelAPIError
from assistant.domain.schema import CheckIn
from assistant.model.testing import GOOD_PROGRESS_NOTES, ScriptedChatModel, good_script
from assistant.store import Store

TODAY = "2026-12-04"


@pytest.fixture
def saved(db_url: str) -> str:
    with Store(db_url) as store:
        sid = store.create_session(sample_draft().notes, title="Checkout outage")
        store.save_version(sid, sample_draft(), source="generated")
    return sid


@pytest.fixture
def progress_file(tmp_path: Path) -> Path:
    path = tmp_path / "progress.md"
    path.write_text(GOOD_PROGRESS_NOTES, encoding="utf-8")
    return path


def test_report_back_drafts_the_update_and_saves_it_with_the_statuses(
    saved: str, db_url: str, progress_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    model = ScriptedChatModel(script=good_script())
    use_model(monkeypatch, model)
    assert main(["report-back", saved[:4], str(progress_file), "--today", TODAY]) == 0
    out, err = capsys.readouterr()
    assert "# Progress update, 2026-12-04" in out and "I added the CI gate on Wednesday" in out
    assert f"saved in session {saved}" in err and "0 error(s)" in err
    assert [c["step"] for c in model.calls] == ["report_back_update"]
    with Store(db_url) as store:
        (record,) = store.progress_updates(saved)
        assert record.notes == GOOD_PROGRESS_NOTES and record.update["next_checkin"] == "2026-12-18"
        gate, checklist = store.actions(saved)
        assert gate.status == "done" and gate.evidence == "It blocked a test deploy."
        assert (checklist.status, checklist.evidence) == ("not_started", None)


def test_statuses_alone_are_saved_without_a_model(
    saved: str, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    model = ScriptedChatModel(script=good_script())
    use_model(monkeypatch, model)
    assert main(["report-back", saved, "--started", "1"]) == 0
    assert "in progress" in capsys.readouterr().out
    assert model.calls == []
    with Store(db_url) as store:
        assert store.actions(saved)[0].status == "in_progress"


def test_the_earlier_name_checkin_still_works(saved: str, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    use_model(monkeypatch, ScriptedChatModel(script=good_script()))
    assert main(["checkin", saved, "--done", "1"]) == 0
    with Store(db_url) as store:
        assert store.actions(saved)[0].status == "done"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--done", "3"], "Action 3 does not exist: the plan has actions 1 to 2"),
        (["--drop", "1"], "dropped: give the reason"),
        (["--drop", "x:reason"], "--drop takes N:REASON"),
        ([], "Give progress notes"),
    ],
)
def test_bad_status_flags_are_one_line_errors(
    saved: str, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report-back", saved, *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("regain: error:") and message in err and "Traceback" not in err


def test_a_model_failure_keeps_the_progress_notes(
    saved: str, db_url: str, progress_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def down(messages: Any) -> str:
        raise ModelAPIError("Cannot reach the model server at http://127.0.0.1:9/v1.")

    use_model(monkeypatch, ScriptedChatModel(script={**good_script(), "report_back_update": down}))
    assert main(["report-back", saved, str(progress_file), "--today", TODAY]) == 5
    err = capsys.readouterr().err
    assert "progress notes are kept" in err and "Cannot reach the model server" in err
    with Store(db_url) as store:
        (record,) = store.progress_updates(saved)
        assert record.notes == GOOD_PROGRESS_NOTES and record.update["complete"] is False
        assert store.actions(saved)[0].status == "not_started"


def test_calendar_has_the_report_back_dates_and_the_promised_next_checkin(
    saved: str, progress_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_model(monkeypatch, ScriptedChatModel(script=good_script()))
    ics = tmp_path / "checkins.ics"
    assert main(["report-back", saved, str(progress_file), "--today", TODAY, "--ics", str(ics), "-q"]) == 0
    calendar = Calendar.from_ical(ics.read_bytes())
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))
    dates = [e.decoded("DTSTART").isoformat() for e in events]
    assert dates == ["2026-12-07", "2026-12-14", "2026-12-18"]  # the plan's two check-ins and the promised one
    assert all("Dana" in str(e["SUMMARY"]) for e in events)
    assert ics.stat().st_mode & 0o777 == 0o600


def test_sessions_calendar_prints_the_check_ins_after_today(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    today = dt.date.today()  # the command has no --today: the dates are set around the real one
    days = [today + dt.timedelta(days=n) for n in (-7, 0, 3, 10)]
    draft = sample_draft(report_back=[CheckIn(date=day, report="Whether the CI gate is live.") for day in days])
    with Store(db_url) as store:
        sid = store.create_session(draft.notes, title="Checkout outage")
        store.save_version(sid, draft, source="generated")
    assert main(["sessions", "calendar", sid]) == 0
    text = capsys.readouterr().out
    assert text.startswith("BEGIN:VCALENDAR")
    events = Calendar.from_ical(text).walk("VEVENT")
    assert [e.decoded("DTSTART") for e in events] == days[2:]  # past and today's are left out
    assert all("Dana" in str(e["SUMMARY"]) for e in events)
