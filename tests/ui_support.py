"""Shared inputs for the UI and refine tests (not itself a test module)."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from assistant.pipeline import Pipeline
from assistant.testing import STEP_MARKERS, Answer, ScriptedChatModel, good_script

TODAY = dt.date(2026, 11, 27)
NOTES = (
    "pushed the payments config change friday w/o running staging tests, checkout down ~3h, ~400 orders lost. "
    "Dana (my manager, eng director) had to explain it to the VP. "
    "I rolled back the change and wrote the incident timeline."
)
REFINE_MARKER = "Task: revise the draft"


def refine_answer(**changes: Any) -> dict[str, Any]:
    """A refine answer that changes nothing, with ``changes`` applied."""
    answer: dict[str, Any] = {
        "reply": "Done.",
        "new_facts": [],
        "pain": None,
        "ownership": None,
        "lessons": None,
        "plan": None,
        "positive": None,
        "report_back": None,
        "subject": None,
        "body": None,
    }
    return {**answer, **changes}


LATER_BODY = (
    "Dana, I'm sorry about Friday: about 400 orders were lost and you had to explain it to the VP. "
    "I pushed the change without running the staging tests; that was my decision. "
    "I learned that skipping staging tests to beat a deadline moves the risk onto customers. "
    "My plan: I will add a CI gate that blocks config deploys without a green staging run by 2026-12-25. "
    "I'm committed to making this right, and I'll update you on 2026-12-25 with the gate working."
)


def later_dates_answer() -> dict[str, Any]:
    """The refine answer to 'make the plan dates two weeks later'."""
    good = good_script()
    plan = [{**good["plan"]["actions"][0], "due": "2026-12-25"}]  # type: ignore[index]
    checkins = [{**good["report_back"]["checkins"][0], "date": "2026-12-25"}]  # type: ignore[index]
    return refine_answer(
        reply="I moved the plan and the check-in two weeks later, to 2026-12-25.",
        plan=plan,
        report_back=checkins,
        body=LATER_BODY,
    )


def scripted_model(**answers: Answer | list[Answer]) -> ScriptedChatModel:
    """The good script for every step, with ``answers`` added or replaced (e.g. ``refine=...``)."""
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


@pytest.fixture
def refine_marker(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Let the scripted model recognise the refine prompt."""
    monkeypatch.setitem(STEP_MARKERS, "refine", REFINE_MARKER)
    yield


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
