"""A whole session as Markdown (``assistant/output/session_markdown.py``)."""

from __future__ import annotations

import datetime as dt

from chain_support import sample_draft

from assistant.domain.records import ActionState, ProgressRecord, SessionRecord, VersionInfo
from assistant.domain.schema import DraftOptions
from assistant.output.session_markdown import actions_markdown, session_markdown, versions_markdown

CREATED = dt.datetime(2026, 11, 27, 14, 10, tzinfo=dt.UTC)
UPDATED = dt.datetime(2026, 12, 4, 9, 5, tzinfo=dt.UTC)


def _version(number: int, **update: object) -> VersionInfo:
    info = VersionInfo(number=number, source="generated", created_at=CREATED, complete=True, n_errors=0)
    return info.model_copy(update=update)


def _action(index: int, **update: object) -> ActionState:
    state = ActionState(
        index=index, action="Add a CI gate", owner="me", measure="green runs", status="not_started", updated_at=UPDATED
    )
    return state.model_copy(update=update)


def _record(**update: object) -> SessionRecord:
    record = SessionRecord(
        id="s-7f3a9c",
        title="Checkout outage",
        notes="  pushed the config change\n",
        options=DraftOptions(),
        created_at=CREATED,
        updated_at=UPDATED,
    )
    return record.model_copy(update=update)


def test_versions_are_a_table_marking_the_chosen_and_partial_ones() -> None:
    rows = versions_markdown(
        [_version(1, summary="first | try\nagain", n_errors=2), _version(2, source="refined", complete=False)], chosen=1
    )
    assert rows == [
        "| Version | Saved (UTC) | Source | Errors | Summary |",
        "|---|---|---|---|---|",
        "| 1 (chosen) | 2026-11-27 14:10 | generated | 2 | first \\| try again |",
        "| 2 (partial) | 2026-11-27 14:10 | refined | 0 |  |",
    ]
    assert versions_markdown([]) == ["No draft saved yet, only the notes."]


def test_actions_are_a_table_with_their_status_in_words_and_why_dropped() -> None:
    rows = actions_markdown(
        [
            _action(0, due=dt.date(2026, 12, 4), status="in_progress", evidence="gate | merged"),
            _action(1, action="Write the checklist", status="dropped", reason="replaced"),
        ]
    )
    assert rows[2:] == [
        "| 0 | Add a CI gate | 2026-12-04 | in progress | gate \\| merged |",
        "| 1 | Write the checklist |  | dropped – replaced |  |",
    ]
    assert rows[0] == "| # | Action | Due | Status | Evidence |"
    assert actions_markdown([]) == ["No plan actions yet."]


def test_a_session_without_a_draft_has_its_header_notes_versions_and_actions() -> None:
    text = session_markdown(_record(), None, None, [])
    lines = text.splitlines()
    assert lines[0] == "# Session s-7f3a9c: Checkout outage"
    assert lines[2] == "Created 2026-11-27 14:10 UTC, updated 2026-12-04 09:05 UTC."
    assert "## Notes\n\npushed the config change\n" in text
    assert "## Draft" not in text and "## Progress updates" not in text
    assert "## Versions\n\nNo draft saved yet, only the notes." in text
    assert "## Plan progress\n\nNo plan actions yet." in text


def test_the_drafts_headings_go_one_level_down_under_its_own_heading() -> None:
    text = session_markdown(_record(versions=[_version(1), _version(2)], chosen_version=2), sample_draft(), 2, [])
    assert "## Draft (version 2)\n\n## Recovery draft\n" in text
    assert "\n### Facts from your notes\n" in text
    assert "\n# Recovery draft" not in text and "| 2 (chosen) |" in text


def test_progress_updates_show_their_notes_and_the_message_body() -> None:
    updates = [
        ProgressRecord(id=1, created_at=UPDATED, notes=" added the gate ", update={"body": " The gate is live. "}),
        ProgressRecord(id=2, created_at=UPDATED, notes="old format", update={"message": "Checklist done."}),
        ProgressRecord(id=3, created_at=UPDATED, notes="no body", update={"body": None}),
    ]
    text = session_markdown(_record(), None, None, updates)
    section = text.split("## Progress updates\n\n", 1)[1]
    assert section.split("\n") == [
        "### 2026-12-04 09:05 UTC", "", "added the gate", "", "The gate is live.", "",
        "### 2026-12-04 09:05 UTC", "", "old format", "", "Checklist done.", "",
        "### 2026-12-04 09:05 UTC", "", "no body", "",
    ]  # fmt: skip
