"""Conversions between database rows and the store's records (``assistant/store/convert.py``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from assistant.domain.records import ActionState, VersionInfo
from assistant.store.convert import action_key, action_state, count_errors, session_title, utc, utc_now, version_info
from assistant.store.models import ActionRow, SessionRow, VersionRow

NAIVE = dt.datetime(2026, 11, 27, 14, 10)


def _session(notes: str = "", title: str | None = None, facts: dict[str, Any] | None = None) -> SessionRow:
    return SessionRow(id="s-000001", title=title, notes=notes, facts=facts, options={})


def test_now_is_aware_utc() -> None:
    before = dt.datetime.now(dt.UTC)
    now = utc_now()
    assert now.tzinfo is dt.UTC and before <= now <= dt.datetime.now(dt.UTC)


def test_naive_times_are_taken_as_utc_and_aware_ones_converted() -> None:
    assert utc(NAIVE) == NAIVE.replace(tzinfo=dt.UTC)
    berlin = dt.datetime(2026, 11, 27, 15, 10, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    converted = utc(berlin)
    assert converted == NAIVE.replace(tzinfo=dt.UTC) and converted.tzinfo is dt.UTC and converted.hour == 14


def test_an_actions_key_ignores_case_and_spacing() -> None:
    assert action_key("  Add a  CI gate\n") == action_key("add a ci GATE") == "add a ci gate"


def test_a_sessions_title_is_its_title_else_what_happened_else_its_first_line_of_notes() -> None:
    facts = {"what_happened": "Checkout was down for three hours"}
    assert session_title(_session("notes", title="Outage", facts=facts)) == "Outage"
    assert session_title(_session("notes", facts=facts)) == "Checkout was down for three hours"
    assert (
        session_title(_session("\n  \n  pushed the config  \nmore", facts={"what_happened": ""})) == "pushed the config"
    )
    assert session_title(_session("x" * 100)) == "x" * 80
    assert session_title(_session(" \n ")) == "(no notes)"


def test_only_error_findings_are_counted() -> None:
    findings = [{"severity": "error"}, {"severity": "warning"}, {"severity": "error"}, "not a finding", {}]
    assert count_errors(findings) == 2
    assert count_errors([]) == 0


def test_a_version_row_becomes_its_info_in_utc_with_its_errors_counted() -> None:
    row = VersionRow(
        session_id="s-000001",
        number=3,
        source="refined",
        summary="shorter",
        draft={},
        findings=[{"severity": "error"}, {"severity": "warning"}],
        complete=False,
        created_at=NAIVE,
    )
    assert version_info(row) == VersionInfo(
        number=3,
        source="refined",
        summary="shorter",
        created_at=NAIVE.replace(tzinfo=dt.UTC),
        complete=False,
        n_errors=1,
    )


def test_an_action_row_becomes_its_state_in_utc() -> None:
    row = ActionRow(
        session_id="s-000001",
        index=1,
        action="Add a CI gate",
        owner="me",
        due=dt.date(2026, 12, 4),
        measure="deploys need a green run",
        status="dropped",
        reason="replaced by the platform check",
        evidence=None,
        updated_at=NAIVE,
    )
    assert action_state(row) == ActionState(
        index=1,
        action="Add a CI gate",
        owner="me",
        due=dt.date(2026, 12, 4),
        measure="deploys need a green run",
        status="dropped",
        reason="replaced by the platform check",
        evidence=None,
        updated_at=NAIVE.replace(tzinfo=dt.UTC),
    )
