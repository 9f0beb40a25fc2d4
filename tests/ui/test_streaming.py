"""Watching a running pipeline from a generator (``ui/streaming.py``): its answers made readable as they stream, the
background run, and the step board."""

from __future__ import annotations

import pytest

from assistant.workflows.events import Listener, StepEvent
from ui.render import escape_text
from ui.streaming import LIVE_CHARS, BackgroundRun, StepBoard, readable_stream


def test_readable_stream_reads_unfinished_json() -> None:
    assert readable_stream('{"statement": "I\'m sor') == "I'm sor"
    plan = '```json\n{"actions": [{"action": "Add a \\"gate\\"", "owner": "me", "n": 3, "due": "2026-'
    assert readable_stream(plan) == 'Add a "gate"\nme\n2026-'
    assert readable_stream('{"lessons": ["one", "two\\nthree"]}') == "one\ntwo\nthree"
    assert readable_stream("plain words") == "plain words"


def test_readable_stream_decodes_escapes_and_drops_keys() -> None:
    assert readable_stream('{"a": "caf\\u00e9 \\/ x\\ty"}') == "café / x\ty"
    assert readable_stream('{"a": "half \\u00') == "half"  # a cut-off escape is left out
    assert readable_stream('["x", {"k": "v"}]') == "x\nv"
    assert readable_stream('{"empty": "  ", "n": 1}') == ""


def test_a_background_run_hands_over_its_events_and_its_result() -> None:
    async def work(listener: Listener) -> str:
        listener(StepEvent("start", "pain"))
        listener(StepEvent("done", "pain", tokens=3))
        return "draft"

    run = BackgroundRun(work)
    events = [event for batch in run.batches(interval=0.01) for event in batch]
    assert events == [StepEvent("start", "pain"), StepEvent("done", "pain", tokens=3)]
    assert run.result() == "draft"


def test_a_background_runs_error_is_raised_in_the_callers_thread() -> None:
    async def work(listener: Listener) -> str:
        raise ValueError("the model went away")

    with pytest.raises(ValueError, match="the model went away"):
        BackgroundRun(work).result()


def test_the_board_shows_each_steps_status_and_tokens() -> None:
    board = StepBoard(steps=("intake", "pain", "ownership"))
    board.update(
        [
            StepEvent("start", "intake"),
            StepEvent("done", "intake", tokens=12),
            StepEvent("start", "pain"),
            StepEvent("attempt", "pain", tokens=4, attempt=2),
            StepEvent("token", "compose", tokens=99),  # not on this board
        ]
    )
    text = board.markdown("Writing")
    assert text.startswith("Writing\n\n| Step | Status | Tokens |\n|---|---|---:|\n")
    assert "| Facts from your notes | **done** | 12 |" in text
    assert "| 1. Pain | asking again (attempt 2) | 4 |" in text
    assert "| 2. Ownership | waiting | 0 |" in text and "compose" not in text
    assert board.finished() == 1 and board.writing("pain") and not board.writing("intake")
    assert board.markdown().startswith("**Writing your draft…** 1 of 3 steps, ")


def test_a_late_token_does_not_reopen_a_finished_step() -> None:
    board = StepBoard(steps=("pain",))
    board.update([StepEvent("start", "pain"), StepEvent("unresolved", "pain", tokens=5), StepEvent("token", "pain", 6)])
    assert board.status["pain"] == "unresolved" and board.tokens["pain"] == 6
    assert "| 1. Pain | **done, with problems** | 6 |" in board.markdown()


def test_the_live_text_is_the_step_being_written_readable_and_cut_to_its_end() -> None:
    board = StepBoard(steps=("intake", "pain"))
    assert board.live_text() is None
    board.update([StepEvent("start", "intake"), StepEvent("token", "intake", 1, text='{"act": "pushed')])
    assert board.live_text() == ("Facts from your notes", "pushed")
    board.update([StepEvent("start", "pain"), StepEvent("token", "pain", 1, text='{"statement": "I am sorry')])
    assert board.live_text() == ("1. Pain", "I am sorry")  # the six steps take the view from the notes' quotes
    board.update([StepEvent("token", "pain", 2, text=" and more" * 100)])
    label, text = board.live_text() or ("", "")
    assert label == "1. Pain" and text.startswith("…") and len(text) == LIVE_CHARS + 1 and text.endswith("and more")
    assert f"**Now writing: {escape_text('1. Pain')}**" in board.markdown()
    board.update([StepEvent("attempt", "pain", 2, attempt=2)])
    assert board.live_text() is None  # a new answer starts empty
