"""The Report back tab (``ui/report_back_tab.py``): its components, and the handlers that load a session and write
the update."""

from __future__ import annotations

from typing import Any

import gradio as gr
import pytest
from ui_support import built_tab, handler_of, wired

from ui import report_back


@pytest.fixture(scope="module")
def tab() -> tuple[Any, dict[str, Any]]:
    return built_tab("build_report_back_tab")


def test_one_hidden_row_per_action_the_plan_can_have(tab: tuple[Any, dict[str, Any]]) -> None:
    _app, c = tab
    assert len(c["rows"]) == report_back.MAX_ACTIONS
    for row in c["rows"]:
        assert set(row) == set(report_back.ROW_FIELDS)
        assert isinstance(row["row"], gr.Column) and row["row"].visible is False
        assert row["status"].value == report_back.FROM_NOTES
        assert [value for _label, value in row["status"].choices] == [
            report_back.FROM_NOTES,
            "not_started",
            "in_progress",
            "done",
            "dropped",
        ]


def test_the_update_is_shown_with_a_subject_a_copyable_body_and_its_checks(tab: tuple[Any, dict[str, Any]]) -> None:
    _app, c = tab
    assert isinstance(c["picker"], gr.Dropdown) and c["picker"].value is None
    assert isinstance(c["calendar"], gr.DownloadButton)
    assert "copy" in (c["body"].buttons or [])
    assert (c["notes"].elem_id, c["write"].elem_id, c["findings"].elem_id) == (
        "progress-notes",
        "progress-write",
        "progress-findings",
    )


def test_opening_the_tab_or_picking_a_session_loads_its_plan(tab: tuple[Any, dict[str, Any]]) -> None:
    app, c = tab
    assert wired(app, c["picker"]) == [("input", "load_progress", "public")]
    assert ("select", "refresh_sessions", "public") in wired(app, c["tab"])
    load = handler_of(app, c["picker"], "input")
    rows = [row[name] for row in c["rows"] for name in report_back.ROW_FIELDS]
    assert load.inputs == [c["picker"]]
    assert load.outputs == [c["intro"], *rows, c["history"], c["calendar"]]
    assert not load.queue


def test_writing_sends_the_notes_and_every_status_then_reloads(tab: tuple[Any, dict[str, Any]]) -> None:
    app, c = tab
    assert wired(app, c["write"]) == [("click", "write_update", "public")]
    write = handler_of(app, c["write"], "click")
    statuses = [row[name] for row in c["rows"] for name in ("status", "note")]
    assert write.inputs == [c["picker"], c["notes"], *statuses]
    assert write.outputs == [c["board"], c["subject"], c["body"], c["findings"], c["history"], c["calendar"]]
    assert write.show_progress == "hidden"
    reload = [fn for fn in app.fns.values() if fn.trigger_after == write._id]
    assert [(fn.name, fn.trigger_only_on_success) for fn in reload] == [("load_progress", True)]
