"""The events a running pipeline streams and its token accounting (``assistant/workflows/events.py``)."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGeneration, LLMResult

from assistant.domain.schema import StepUsage
from assistant.workflows.events import StepEvent, StepResult, StepTracker


def _tracked() -> tuple[StepTracker, list[StepEvent]]:
    events: list[StepEvent] = []
    return StepTracker(events.append), events


def _start(tracker: StepTracker, tags: list[str] | None) -> None:
    tracker.on_chat_model_start({}, [[]], run_id=uuid4(), tags=tags)


def _result(*usages: dict[str, Any] | None) -> LLMResult:
    return LLMResult(generations=[[ChatGeneration(message=AIMessage(content="x", usage_metadata=u)) for u in usages]])


def test_tokens_are_counted_per_step_as_they_stream() -> None:
    tracker, events = _tracked()
    for token in ("I ", "am "):
        tracker.on_llm_new_token(token, run_id=uuid4(), tags=["seq:1", "step:pain"])
    tracker.on_llm_new_token("x", run_id=uuid4(), tags=["step:ownership"])
    tracker.on_llm_new_token([{"type": "text"}], run_id=uuid4(), tags=["step:pain"])
    assert tracker.tokens == {"pain": 3, "ownership": 1}
    assert events == [
        StepEvent("token", "pain", tokens=1, text="I "),
        StepEvent("token", "pain", tokens=2, text="am "),
        StepEvent("token", "ownership", tokens=1, text="x"),
        StepEvent("token", "pain", tokens=3, text=""),
    ]


def test_calls_outside_a_step_are_not_counted() -> None:
    tracker, events = _tracked()
    _start(tracker, None)
    _start(tracker, ["other"])
    tracker.on_llm_new_token("x", run_id=uuid4(), tags=[])
    tracker.on_llm_end(_result({"input_tokens": 5, "output_tokens": 1, "total_tokens": 6}), run_id=uuid4())
    assert (tracker.usage, tracker.tokens, events) == ({}, {}, [])


def test_a_second_call_of_a_step_is_a_new_attempt() -> None:
    tracker, events = _tracked()
    _start(tracker, ["step:plan"])
    assert events == [] and tracker.usage["plan"].attempts == 1
    tracker.on_llm_new_token("x", run_id=uuid4(), tags=["step:plan"])
    _start(tracker, ["step:plan"])
    assert tracker.usage["plan"].attempts == 2
    assert events[-1] == StepEvent("attempt", "plan", tokens=1, attempt=2)


def test_reported_usage_is_summed_per_step_with_cached_tokens() -> None:
    tracker, _events = _tracked()
    _start(tracker, ["step:pain"])
    first = {"input_tokens": 100, "output_tokens": 20, "total_tokens": 120, "input_token_details": {"cache_read": 64}}
    second = {"input_tokens": 50, "output_tokens": 10, "total_tokens": 60}
    tracker.on_llm_end(_result(first, None), run_id=uuid4(), tags=["step:pain"])
    tracker.on_llm_end(_result(second), run_id=uuid4(), tags=["step:pain"])
    assert tracker.usage["pain"] == StepUsage(attempts=1, prompt_tokens=150, completion_tokens=30, cached_tokens=64)


def test_events_and_finished_steps_go_nowhere_without_a_listener_or_hook() -> None:
    tracker = StepTracker()
    tracker.emit(StepEvent("start", "pain"))
    tracker.finished("pain", StepResult("out"))
    assert tracker.done == {} and tracker.unresolved == {}


def test_a_finished_step_is_passed_to_the_hook_and_done_steps_are_kept() -> None:
    heard: list[tuple[str, StepResult]] = []
    earlier = {"intake": StepResult("facts")}
    tracker = StepTracker(done=earlier, on_step=lambda step, result: heard.append((step, result)))
    tracker.finished("pain", StepResult("sorry", ("Name the harm.",)))
    assert heard == [("pain", StepResult("sorry", ("Name the harm.",)))]
    assert tracker.done == earlier and tracker.done is not earlier
    assert StepResult("x").unresolved == ()
