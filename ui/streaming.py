"""Run an async pipeline call in a background thread and watch its progress from a generator.

Gradio streams a generator handler's yields to the page. The pipeline is async and
reports :class:`~assistant.workflows.events.StepEvent` objects to a listener; here the
listener puts them on a queue that the handler drains between yields.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from assistant.model.guard import scrub_stream
from assistant.workflows.events import Listener, StepEvent
from ui.render import escape_text

T = TypeVar("T")
LIVE_CHARS = 600
_WRITING = ("start", "token", "attempt")
_JSON_ESCAPES = {"n": "\n", "t": "\t", "r": "", "b": "", "f": "", "/": "/", "\\": "\\", '"': '"'}

_STATUS = {
    "waiting": "waiting",
    "start": "writing…",
    "token": "writing…",
    "attempt": "asking again",
    "done": "**done**",
    "unresolved": "**done, with problems**",
    "failed": "**failed**",
}
_LABELS = {
    "intake": "Facts from your notes",
    "pain": "1. Pain",
    "ownership": "2. Ownership",
    "lessons": "3. Lessons",
    "plan": "4. Plan",
    "positive": "5. Positive",
    "report_back": "6. Report back",
    "report_back_update": "Progress update",
    "compose": "Message",
    "refine_edits": "Your change",
    "refine_rewrite": "Your change",
    "refine_translate": "Your words, translated",
}


def readable_stream(raw: str) -> str:
    """The string values in a (possibly unfinished) JSON answer, one a line; other text as it is.

    Keys, brackets and numbers are dropped, so ``{"statement": "I'm sor`` reads ``I'm sor``.
    """
    start = min((i for i in (raw.find("{"), raw.find("[")) if i != -1), default=-1)
    if start == -1:
        return raw.strip()
    values: list[str] = []
    stack: list[str] = []
    previous = ""  # the last structural character outside strings
    i = start
    while i < len(raw):
        char = raw[i]
        if char == '"':
            text, i = _json_string(raw, i + 1)
            in_object = bool(stack) and stack[-1] == "{"
            if not in_object or previous == ":":
                values.append(text)
            previous = '"'
            continue
        if char in "{[":
            stack.append(char)
        elif char in "}]" and stack:
            stack.pop()
        if not char.isspace():
            previous = char
        i += 1
    return "\n".join(v.strip() for v in values if v.strip())


def _json_string(raw: str, i: int) -> tuple[str, int]:
    """The decoded JSON string starting at ``raw[i]`` (after its quote) and the index after it."""
    out: list[str] = []
    while i < len(raw):
        char = raw[i]
        if char == '"':
            return "".join(out), i + 1
        if char != "\\":
            out.append(char)
            i += 1
            continue
        code = raw[i + 1 : i + 2]
        if code == "u":
            digits = raw[i + 2 : i + 6]
            if len(digits) < 4:
                break
            with contextlib.suppress(ValueError):
                out.append(chr(int(digits, 16)))
            i += 6
            continue
        out.append(_JSON_ESCAPES.get(code, code))
        i += 2
    return "".join(out), len(raw)


class _Finished:
    def __init__(self, result: Any = None, error: BaseException | None = None) -> None:
        self.result = result
        self.error = error


class BackgroundRun(Generic[T]):
    """An async function of a listener, run to completion in its own thread and event loop."""

    def __init__(self, work: Callable[[Listener], Coroutine[Any, Any, T]]) -> None:
        self._queue: queue.Queue[StepEvent | _Finished] = queue.Queue()
        self._finished: _Finished | None = None
        self._thread = threading.Thread(target=self._main, args=(work,), daemon=True, name="regain-run")
        self._thread.start()

    def _main(self, work: Callable[[Listener], Coroutine[Any, Any, T]]) -> None:
        try:
            result = asyncio.run(work(self._queue.put))
        except BaseException as exc:  # handed to the caller's thread by result()
            self._queue.put(_Finished(error=exc))
        else:
            self._queue.put(_Finished(result=result))

    def batches(self, interval: float = 0.25) -> Iterator[list[StepEvent]]:
        """Events in batches about ``interval`` seconds apart, until the work has finished."""
        while self._finished is None:
            batch: list[StepEvent] = []
            deadline = time.monotonic() + interval
            while self._finished is None:
                try:
                    item = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    break
                if isinstance(item, _Finished):
                    self._finished = item
                else:
                    batch.append(item)
            yield batch

    def result(self) -> T:
        """The work's return value (after :meth:`batches` is exhausted); re-raises its error."""
        for _ in self.batches():
            pass
        assert self._finished is not None
        if self._finished.error is not None:
            raise self._finished.error
        return self._finished.result  # type: ignore[no-any-return]


@dataclass
class StepBoard:
    """Which steps are running or done, and their tokens so far, as a small Markdown table."""

    steps: tuple[str, ...]
    status: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, int] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    streamed: dict[str, str] = field(default_factory=dict)
    focus: str | None = None
    started: float = field(default_factory=time.monotonic)

    def update(self, events: list[StepEvent]) -> None:
        """Take a batch of events: statuses, token counts and the text streamed so far per step."""
        for event in events:
            if event.step not in self.steps:
                continue
            self.tokens[event.step] = max(self.tokens.get(event.step, 0), event.tokens)
            if event.kind == "token" and self.status.get(event.step) in ("done", "unresolved", "failed"):
                continue
            self.status[event.step] = event.kind
            if event.kind in ("start", "attempt"):
                self.streamed[event.step] = ""  # a new answer starts
            if event.kind == "token":
                self.streamed[event.step] = self.streamed.get(event.step, "") + event.text
                # The first of the six steps written is what the reader waits for: it takes the view
                # from the quotes of the notes, which are written at the same time.
                if self.focus is None or not self.writing(self.focus) or self.focus == "intake":
                    self.focus = event.step
            if event.kind == "attempt":
                self.notes[event.step] = f"attempt {event.attempt}"

    def writing(self, step: str) -> bool:
        """Whether the step has started and not finished."""
        return self.status.get(step) in _WRITING

    def live_text(self) -> tuple[str, str] | None:
        """``(step label, readable text)`` of the step being written now, or None when none is."""
        step = self.focus
        if step is None or not self.writing(step):
            return None
        text = scrub_stream(readable_stream(self.streamed.get(step, "")))  # the output guard has not run yet
        if not text:
            return None
        if len(text) > LIVE_CHARS:
            text = "…" + text[-LIVE_CHARS:]
        return _LABELS.get(step, step), text

    def finished(self) -> int:
        return sum(1 for s in self.steps if self.status.get(s) in ("done", "unresolved", "failed"))

    def markdown(self, headline: str | None = None) -> str:
        elapsed = time.monotonic() - self.started
        head = headline or f"**Writing your draft…** {self.finished()} of {len(self.steps)} steps, {elapsed:.0f}s"
        rows = ["| Step | Status | Tokens |", "|---|---|---:|"]
        for step in self.steps:
            status = _STATUS[self.status.get(step, "waiting")]
            extra = f" ({self.notes[step]})" if step in self.notes and self.status.get(step) == "attempt" else ""
            rows.append(f"| {_LABELS.get(step, step)} | {status}{extra} | {self.tokens.get(step, 0)} |")
        return head + "\n\n" + "\n".join(rows) + self._live_markdown()

    def _live_markdown(self) -> str:
        live = self.live_text()
        if live is None:
            return ""
        label, text = live
        return f"\n\n**Now writing: {escape_text(label)}**\n\n> {escape_text(text)}"
