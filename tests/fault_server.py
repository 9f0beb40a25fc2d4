"""A fault-injecting OpenAI-compatible server on 127.0.0.1, for the fault tests (not itself a test module).

It serves ``/v1/models`` and ``/v1/chat/completions`` (streamed SSE or whole), answering by
default with the good script's valid output for the step the prompt belongs to (found by
:data:`assistant.model.testing.STEP_MARKERS`). Faults are planned per step (or for any step)::

    server.plan("pain", Fault.status(429, retry_after=0.2), Fault.status(500))   # the next two pain calls
    server.always("pain", Fault.status(503))                                     # every pain call
    server.plan(ANY, Fault("drop"))                                              # the next call of any step

Fault kinds: ``status`` (any HTTP error, with ``Retry-After``), ``hang`` (say nothing until the
server stops), ``drop`` (close the socket without a response), ``cut`` (send a few SSE chunks,
then close), ``malformed`` and ``truncated`` JSON content, ``refusal`` (the ``refusal`` field),
``refusal_text`` (a refusal in plain content) and ``length`` (truncated JSON with
``finish_reason: "length"``). Every request is recorded (:attr:`FaultServer.requests`) with its
step, body, fault and arrival time, so tests count attempts and measure waits by the server's
clock, not the test's.
"""

from __future__ import annotations

import contextlib
import functools
import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

from assistant.model.testing import STEP_MARKERS, good_script

MODEL = "fault-model"
MODELS = {"object": "list", "data": [{"id": MODEL, "object": "model", "created": 0, "owned_by": "tests"}]}
ANY = "*"
Kind = Literal["status", "hang", "drop", "cut", "malformed", "truncated", "refusal", "refusal_text", "length"]
REFUSAL = "I'm sorry, but I can't help with that."


@dataclass(frozen=True)
class Fault:
    """One planned misbehaviour of the server."""

    kind: Kind
    code: int = 500
    retry_after: float | None = None

    @classmethod
    def status(cls, code: int, *, retry_after: float | None = None) -> Fault:
        """An HTTP error answer, with a ``Retry-After`` header (seconds) when given."""
        return cls("status", code=code, retry_after=retry_after)


@dataclass(frozen=True)
class Request:
    """One request the server received."""

    step: str
    path: str
    body: dict[str, Any]
    at: float
    fault: Fault | None


def step_of_body(body: dict[str, Any]) -> str:
    """The step a chat request belongs to, by the task line of its prompt ('unknown' if none)."""
    text = "\n".join(str(m.get("content", "")) for m in body.get("messages", []))
    return next((step for step, marker in STEP_MARKERS.items() if marker in text), "unknown")


@dataclass
class FaultServer:
    """The server, run in a thread by :meth:`start`; the ``fault_server`` fixture starts and stops it."""

    answers: dict[str, Any] = field(default_factory=good_script)
    requests: list[Request] = field(default_factory=list)
    _plans: dict[str, deque[Fault]] = field(default_factory=dict)
    _always: dict[str, Fault] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stopping: threading.Event = field(default_factory=threading.Event)
    _httpd: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>/v1``."""
        assert self._httpd is not None, "start the server first"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def plan(self, step: str, *faults: Fault) -> None:
        """Queue faults for the next calls of ``step`` (or :data:`ANY` step), one per call."""
        with self._lock:
            self._plans.setdefault(step, deque()).extend(faults)

    def always(self, step: str, fault: Fault) -> None:
        """Answer every call of ``step`` (or :data:`ANY` step) with ``fault``, after any planned ones."""
        with self._lock:
            self._always[step] = fault

    def calls(self, step: str) -> list[Request]:
        """The chat requests of one step, in arrival order."""
        return [r for r in self.requests if r.step == step]

    def gaps(self, step: str) -> list[float]:
        """Seconds between consecutive requests of a step, by the server's clock."""
        times = [r.at for r in self.calls(step)]
        return [b - a for a, b in zip(times, times[1:], strict=False)]

    def _next_fault(self, step: str) -> Fault | None:
        with self._lock:
            for key in (step, ANY):
                queue = self._plans.get(key)
                if queue:
                    return queue.popleft()
            return self._always.get(step) or self._always.get(ANY)

    def record(self, path: str, body: dict[str, Any]) -> tuple[str, Fault | None]:
        """Record a chat request and pick its fault."""
        step = step_of_body(body)
        fault = self._next_fault(step)
        with self._lock:
            self.requests.append(Request(step, path, body, time.monotonic(), fault))
        return step, fault

    def answer_text(self, step: str) -> str:
        """The valid JSON answer of a step."""
        answer = self.answers.get(step, {})
        return answer if isinstance(answer, str) else json.dumps(answer)

    def start(self) -> FaultServer:
        """Listen on a free port of 127.0.0.1 and serve in a daemon thread."""
        handler = type("Handler", (_Handler,), {"fault_server": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        serve = functools.partial(self._httpd.serve_forever, poll_interval=0.05)  # quick to stop
        threading.Thread(target=serve, daemon=True, name="fault-server").start()
        return self

    def stop(self) -> None:
        """Release hanging requests and stop serving."""
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()


def _completion(content: str | None, finish: str, *, refusal: str | None = None) -> dict[str, Any]:
    message = {"role": "assistant", "content": content, "refusal": refusal}
    return {
        "id": "fault-1",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": MODEL,
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }


def _chunk(delta: dict[str, Any], finish: str | None = None, usage: bool = False) -> dict[str, Any]:
    chunk: dict[str, Any] = {
        "id": "fault-1",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": MODEL,
        "choices": [] if usage else [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    if usage:
        chunk["usage"] = {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}
    return chunk


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fault_server: FaultServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        """Quiet: tests read :attr:`FaultServer.requests` instead."""

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        if self.path.rstrip("/").endswith("/models"):
            self._json(200, MODELS)
        else:
            self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
            return
        server = self.fault_server
        step, fault = server.record(self.path, body)
        stream = bool(body.get("stream"))
        good = server.answer_text(step)
        if fault is None:
            self._answer(stream, good, "stop")
        elif fault.kind == "status":
            headers = {"Retry-After": f"{fault.retry_after:g}"} if fault.retry_after is not None else {}
            message = {401: "Incorrect API key provided.", 400: "Invalid request."}.get(fault.code, "Server failure.")
            self._json(fault.code, {"error": {"message": message, "type": "fault", "code": fault.code}}, headers)
        elif fault.kind == "hang":
            server._stopping.wait(30)
            self._drop()
        elif fault.kind == "drop":
            self._drop()
        elif fault.kind == "cut":
            self._cut(good)
        elif fault.kind == "malformed":
            self._answer(stream, "Sure! Here it is: {statement: 'oops',,}", "stop")
        elif fault.kind == "truncated":
            self._answer(stream, good[: len(good) // 2], "stop")
        elif fault.kind == "length":
            self._answer(stream, good[: len(good) // 2], "length")
        elif fault.kind == "refusal":
            self._answer(stream, None, "stop", refusal=REFUSAL)
        else:  # refusal_text
            self._answer(stream, REFUSAL, "stop")

    def _json(self, code: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _drop(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _start_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def _event(self, payload: dict[str, Any] | str) -> None:
        data = ("data: " + (payload if isinstance(payload, str) else json.dumps(payload)) + "\n\n").encode()
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _answer(self, stream: bool, content: str | None, finish: str, *, refusal: str | None = None) -> None:
        if not stream:
            self._json(200, _completion(content, finish, refusal=refusal))
            return
        self._start_stream()
        self._event(_chunk({"role": "assistant", "content": ""}))
        if refusal is not None:
            self._event(_chunk({"refusal": refusal}))
        text = content or ""
        step = max(1, len(text) // 4)
        for i in range(0, len(text), step):
            self._event(_chunk({"content": text[i : i + step]}))
        self._event(_chunk({}, finish))
        self._event(_chunk({}, usage=True))
        self._event("[DONE]")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _cut(self, content: str) -> None:
        self._start_stream()
        self._event(_chunk({"role": "assistant", "content": ""}))
        self._event(_chunk({"content": content[:20]}))
        self._drop()
