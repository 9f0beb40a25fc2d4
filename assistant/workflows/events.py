"""The events a running pipeline streams (each step started, writing, done) and its token accounting.

:class:`StepTracker` is a langchain callback handler: every model call made inside
a step carries the tag ``step:<name>``, so the tracker can count tokens per step as
they stream and sum the usage each call reports. It forwards :class:`StepEvent`
objects to a listener (the CLI's status line, the UI's step board).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from uuid import UUID

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.outputs import LLMResult

from assistant.domain.schema import StepUsage

EventKind = Literal["start", "token", "attempt", "done", "unresolved", "failed", "status"]


@dataclass(frozen=True)
class StepEvent:
    """Something a user may want to see while a draft is being written."""

    kind: EventKind
    step: str
    tokens: int = 0
    text: str = ""
    attempt: int = 0


Listener = Callable[[StepEvent], None]


@dataclass(frozen=True)
class StepResult:
    """A finished step's output, as the draft uses it, and the problems it was kept with (none when clean)."""

    output: Any
    unresolved: tuple[str, ...] = ()


StepHook = Callable[[str, StepResult], None]
"""Called with a step's name and result the moment the step finishes (the autosave saves it)."""


def _step_of(tags: list[str] | None) -> str | None:
    for tag in tags or []:
        if tag.startswith("step:"):
            return tag[5:]
    return None


class StepTracker(BaseCallbackHandler):
    """Counts streamed tokens and reported usage per step, and reports each step's events.

    ``done`` holds the results of steps finished before (a resumed draft): they are not run again.
    ``on_step`` hears of every step as it finishes (see :meth:`finished`).
    """

    run_inline = True

    def __init__(
        self,
        listener: Listener | None = None,
        *,
        done: Mapping[str, StepResult] | None = None,
        on_step: StepHook | None = None,
    ) -> None:
        self.listener = listener
        self.done = dict(done or {})
        self.on_step = on_step
        self.usage: dict[str, StepUsage] = {}
        self.tokens: dict[str, int] = {}
        self.unresolved: dict[str, list[str]] = {}
        self._lock = threading.Lock()

    def emit(self, event: StepEvent) -> None:
        """Send an event to the listener, if any."""
        if self.listener is not None:
            self.listener(event)

    def finished(self, step: str, result: StepResult) -> None:
        """A step has finished: tell ``on_step`` (the autosave keeps it at once)."""
        if self.on_step is not None:
            self.on_step(step, result)

    def on_chat_model_start(
        self,
        serialized: dict[str, Any],
        messages: list[list[Any]],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        step = _step_of(tags)
        if step is None:
            return
        with self._lock:
            usage = self.usage.setdefault(step, StepUsage())
            usage.attempts += 1
            attempt = usage.attempts
        if attempt > 1:
            self.emit(StepEvent("attempt", step, tokens=self.tokens.get(step, 0), attempt=attempt))

    def on_llm_new_token(
        self,
        token: str | list[str | dict[str, Any]],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        step = _step_of(tags)
        if step is None:
            return
        with self._lock:
            self.tokens[step] = self.tokens.get(step, 0) + 1
            count = self.tokens[step]
        self.emit(StepEvent("token", step, tokens=count, text=token if isinstance(token, str) else ""))

    def on_llm_end(
        self,
        response: LLMResult,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        step = _step_of(tags)
        if step is None:
            return
        for generations in response.generations:
            for generation in generations:
                meta = getattr(getattr(generation, "message", None), "usage_metadata", None)
                if not meta:
                    continue
                with self._lock:
                    usage = self.usage.setdefault(step, StepUsage())
                    usage.prompt_tokens += meta.get("input_tokens", 0)
                    usage.completion_tokens += meta.get("output_tokens", 0)
                    usage.cached_tokens += meta.get("input_token_details", {}).get("cache_read", 0) or 0
