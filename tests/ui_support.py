"""Shared inputs for the UI and refine tests (not itself a test module)."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from chain_support import NOTES as CHAIN_NOTES

from assistant.model.testing import Answer, ScriptedChatModel, good_script
from assistant.workflows.draft import Pipeline

TODAY = dt.date(2026, 11, 27)
NOTES = CHAIN_NOTES  # the software-outage notes that good_script()'s intake quotes


def scripted_model(**answers: Answer | list[Answer]) -> ScriptedChatModel:
    """The good script for every step, with ``answers`` added or replaced (e.g. ``refine_edits=...``)."""
    script = good_script(TODAY.isoformat())
    script.update(answers)
    return ScriptedChatModel(script=script)


def slow_model(delay: float = 0.02, **answers: Answer | list[Answer]) -> ScriptedChatModel:
    """Like :func:`scripted_model`, but streaming its words ``delay`` seconds apart (a step seen mid-way)."""
    script = good_script(TODAY.isoformat())
    script.update(answers)
    return ScriptedChatModel(script=script, delay=delay)


def pipeline_for(model: ScriptedChatModel, **kwargs: Any) -> Pipeline:
    return Pipeline(model, **kwargs)


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served_app(app: Any, **launch: Any) -> Iterator[str]:
    """Serve a built app on a free loopback port (``launch`` goes to ``launch_app``); yields its base URL."""
    from ui.app import launch_app

    port = free_port()
    launch_app(app, port=port, prevent_thread_lock=True, quiet=True, **launch)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        app.close()


def later_dates_edits(weeks: int = 2) -> dict[str, Any]:
    """The refine_edits answer that moves every due date ``weeks`` weeks later."""
    return {
        "understood": f"Move every due date {weeks} weeks later.",
        "edits": [{"op": "shift_dates", "target": "plan", "action": None, "amount": weeks, "unit": "weeks"}],
        "not_possible": "",
    }


def fact_edits(fact: str, positive: str) -> dict[str, Any]:
    """The refine_edits answer that adds ``fact`` to the notes and rewrites the positive."""
    return {
        "understood": f"Say that {fact}.",
        "edits": [
            {"op": "add_fact", "fact": fact},
            {"op": "replace_section", "section": "positive", "text": positive},
        ],
        "not_possible": "",
    }


def built_tab(builder: str) -> tuple[Any, dict[str, Any]]:
    """The whole app built with the scripted model, and the components ``ui.app.<builder>()`` made for its tab."""
    from ui import app as ui_app

    made: dict[str, Any] = {}
    original = getattr(ui_app, builder)

    def capture() -> dict[str, Any]:
        made.update(original())
        return made

    setattr(ui_app, builder, capture)
    try:
        app = ui_app.build_app(lambda: pipeline_for(scripted_model()), today=TODAY)
    finally:
        setattr(ui_app, builder, original)
    return app, made


def wired(app: Any, component: Any) -> list[tuple[str, str, str]]:
    """``(event, handler name, api visibility)`` of every handler the app wires to ``component``."""
    return [
        (event, fn.name, fn.api_visibility)
        for fn in app.fns.values()
        for block_id, event in fn.targets
        if block_id == component._id
    ]


def handler_of(app: Any, component: Any, event: str) -> Any:
    """The one handler wired to ``component``'s ``event``."""
    (fn,) = [fn for fn in app.fns.values() if (component._id, event) in fn.targets]
    return fn
