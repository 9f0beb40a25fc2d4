"""The Sessions tab and the autosave of edits (``ui/sessions_tab.py``): its components and what each one runs."""

from __future__ import annotations

from typing import Any

import gradio as gr
import pytest
from ui_support import built_tab, handler_of, wired

from ui import sessions
from ui.sections import SECTIONS


@pytest.fixture(scope="module")
def tab() -> tuple[Any, dict[str, Any]]:
    return built_tab("build_sessions_tab")


def test_the_versions_table_and_a_resume_button_shown_only_when_needed(tab: tuple[Any, dict[str, Any]]) -> None:
    _app, c = tab
    assert isinstance(c["versions"], gr.Dataframe) and not c["versions"].interactive
    assert c["versions"].headers == sessions.VERSION_HEADERS
    assert c["resume"].visible is False
    assert c["confirm"].value is False and c["delete"].variant == "stop"


def test_refreshing_opening_the_tab_or_picking_shows_the_session(tab: tuple[Any, dict[str, Any]]) -> None:
    app, c = tab
    assert wired(app, c["refresh"]) == [("click", "refresh_sessions", "public")]
    assert ("select", "refresh_sessions", "public") in wired(app, c["tab"])
    assert wired(app, c["picker"]) == [("input", "show", "public")]
    show = handler_of(app, c["picker"], "input")
    assert show.outputs == [c["versions"], c["a"], c["b"], c["info"], c["resume"]]
    refresh = handler_of(app, c["refresh"], "click")
    then = [fn.name for fn in app.fns.values() if fn.trigger_after == refresh._id]
    assert then == ["show"]


def test_each_button_runs_its_handler(tab: tuple[Any, dict[str, Any]]) -> None:
    app, c = tab
    names = {key: [name for _event, name, _api in wired(app, c[key])] for key in (
        "open", "resume", "compare", "restore", "choose", "export", "delete")}  # fmt: skip
    assert names == {
        "open": ["open_picked"],
        "resume": ["resume_draft"],
        "compare": ["diff_versions"],
        "restore": ["restore_picked"],
        "choose": ["choose_version"],
        "export": ["export_session"],
        "delete": ["delete_session"],
    }
    assert handler_of(app, c["compare"], "click").outputs == [c["diff"]]
    assert handler_of(app, c["export"], "click").outputs == [c["json"], c["markdown"]]


def test_delete_needs_the_confirmation_and_an_interrupted_draft_is_finished_two_at_a_time(
    tab: tuple[Any, dict[str, Any]],
) -> None:
    app, c = tab
    delete = handler_of(app, c["delete"], "click")
    assert delete.inputs[0] is c["picker"] and delete.inputs[2] is c["confirm"]
    assert delete.outputs[0] is c["picker"] and delete.outputs[2] is c["confirm"] and delete.outputs[3] is c["info"]
    after = [(fn.name, fn.trigger_only_on_success) for fn in app.fns.values() if fn.trigger_after == delete._id]
    assert after == [("show", True)]
    resume = handler_of(app, c["resume"], "click")
    assert resume.inputs[0] is c["picker"] and resume.concurrency_limit == 2


def test_an_edit_is_saved_when_its_box_is_left_not_on_each_keystroke(tab: tuple[Any, dict[str, Any]]) -> None:
    app, _c = tab
    saves = [fn for fn in app.fns.values() if fn.name == "save_draft"]
    assert len(saves) == len(SECTIONS) + 2  # every section, the subject and the body
    assert all([event for _id, event in fn.targets] == ["blur"] for fn in saves)
    assert all(fn.api_visibility == "private" and not fn.queue for fn in saves)
