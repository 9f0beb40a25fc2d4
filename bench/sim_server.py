"""A simulated OpenAI-compatible chat server with a latency model, for benchmarks.

``python bench/sim_server.py --port 0 --ttft 0.2 --per-token 0.005`` prints
``READY http://127.0.0.1:<port>/v1`` and serves until killed.

Latency model: the first token is sent ``ttft`` seconds after the request, token ``i``
(from 0) at ``ttft + i * per_token``, and the stream ends at ``ttft + n * per_token``
for ``n`` output tokens.
Tokens are counted as ``ceil(len(text) / 4)`` and streamed as 4-character pieces. The
schedule is kept against absolute deadlines, so an overloaded server sends late tokens
together instead of drifting.

Prompts, like llama.cpp: the longest token prefix shared with a recent prompt is reused
(``usage.prompt_tokens_details.cached_tokens``; ``"cache_prompt": false`` turns it off), the
first token waits ``per_prompt_token`` per uncached prompt token, and answers carry
llama.cpp's ``timings`` (in the last streamed chunk, or in the JSON body).

Answers (``bench/sim_answers.py``): for ``response_format`` ``json_schema``, a minimal valid
instance of the schema, with texts that fit the ``examples/software-outage.md`` notes so that
Regain's validator accepts every step on the first attempt.

Stdlib only (``asyncio`` streams, HTTP/1.1 keep-alive, chunked SSE), so one event loop
serves any number of parallel streams.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sim_answers import answer_text, count_tokens, tokens_of

MODEL = "sim-model"


@dataclass
class Latency:
    """Seconds before the first token, and per further output token."""

    ttft: float = 0.2
    per_token: float = 0.005
    per_prompt_token: float = 0.0


class PrefixCache:
    """The last ``size`` prompts, as token lists; a new prompt reuses its longest shared prefix."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self.prompts: list[list[str]] = []

    def reuse(self, tokens: list[str], *, enabled: bool = True) -> int:
        """Tokens of ``tokens`` already evaluated (0 when disabled); then remember ``tokens``."""
        best = max((len(os.path.commonprefix([old, tokens])) for old in self.prompts), default=0) if enabled else 0
        self.prompts = [*self.prompts[-(self.size - 1) :], tokens] if self.size > 0 else []
        # A fully cached prompt still evaluates its last token, as llama.cpp does.
        return min(best, len(tokens) - 1)


def prompt_tokens_of(body: dict[str, Any]) -> list[str]:
    """The request's messages as one token list (``<|role|>content`` in 4-character pieces)."""
    text = "".join(f"<|{m.get('role', '')}|>{m.get('content', '')}" for m in body.get("messages", []))
    return tokens_of(text)


# ---------------------------------------------------------------- HTTP


class SimServer:
    """The HTTP server; ``await start()`` then ``base_url``."""

    def __init__(self, latency: Latency, host: str = "127.0.0.1", port: int = 0) -> None:
        self.latency = latency
        self.host = host
        self.port = port
        self.requests = 0
        self.active = 0
        self.peak_active = 0
        self.cache = PrefixCache()
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[None]] = set()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._connection, self.host, self.port, backlog=1024)
        self.port = self._server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            for task in list(self._connections):
                task.cancel()
            await asyncio.gather(*self._connections, return_exceptions=True)
            await self._server.wait_closed()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._connections.add(task)
            task.add_done_callback(self._connections.discard)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                headers = {k.strip().lower(): v.strip() for k, v in (ln.split(":", 1) for ln in lines[1:] if ":" in ln)}
                length = int(headers.get("content-length", "0"))
                raw = await reader.readexactly(length) if length else b""
                await self._route(method, path.split("?")[0], raw, writer)
                if headers.get("connection", "").lower() == "close":
                    break
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            with contextlib.suppress(Exception):
                writer.close()

    async def _route(self, method: str, path: str, raw: bytes, writer: asyncio.StreamWriter) -> None:
        if method == "GET" and path.rstrip("/") in ("/v1/models", "/models"):
            await _send_json(
                writer, 200, {"object": "list", "data": [{"id": MODEL, "object": "model", "owned_by": "sim"}]}
            )
        elif method == "POST" and path.rstrip("/") in ("/v1/chat/completions", "/chat/completions"):
            try:
                body = json.loads(raw or b"{}")
            except json.JSONDecodeError:
                await _send_json(writer, 400, {"error": {"message": "invalid JSON body", "type": "invalid_request"}})
                return
            self.requests += 1
            self.active += 1
            self.peak_active = max(self.peak_active, self.active)
            try:
                await self._complete(body, writer)
            finally:
                self.active -= 1
        else:
            await _send_json(writer, 404, {"error": {"message": f"no route {method} {path}", "type": "not_found"}})

    async def _complete(self, body: dict[str, Any], writer: asyncio.StreamWriter) -> None:
        start = time.monotonic()
        text = answer_text(body)
        pieces = tokens_of(text)
        n_out = count_tokens(text)
        prompt = prompt_tokens_of(body)
        cached = self.cache.reuse(prompt, enabled=body.get("cache_prompt", True) is not False)
        n_in = len(prompt)
        usage = {
            "prompt_tokens": n_in,
            "completion_tokens": n_out,
            "total_tokens": n_in + n_out,
            "prompt_tokens_details": {"cached_tokens": cached},
        }
        ident, created = f"chatcmpl-{uuid.uuid4().hex[:12]}", int(time.time())
        model = body.get("model") or MODEL
        ttft = self.latency.ttft + (n_in - cached) * self.latency.per_prompt_token
        per = self.latency.per_token
        first = start + ttft

        def timings() -> dict[str, float]:
            prompt_ms, predicted_ms = ttft * 1000, max(time.monotonic() - first, 1e-9) * 1000
            return {"cache_n": cached, "prompt_n": n_in - cached, "prompt_ms": prompt_ms, "predicted_n": n_out,
                    "prompt_per_second": (n_in - cached) / max(ttft, 1e-9), "predicted_ms": predicted_ms,
                    "predicted_per_second": n_out / predicted_ms * 1000}  # fmt: skip

        if not body.get("stream"):
            await _sleep_until(first + n_out * per)
            message = {"role": "assistant", "content": text, "refusal": None}
            choice = {"index": 0, "message": message, "finish_reason": "stop", "logprobs": None}
            payload = {"id": ident, "object": "chat.completion", "created": created, "model": model}
            await _send_json(writer, 200, {**payload, "choices": [choice], "usage": usage, "timings": timings()})
            return
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        base = {"id": ident, "object": "chat.completion.chunk", "created": created, "model": model}

        def event(choices: list[dict[str, Any]], **extra: Any) -> bytes:
            return _chunk(b"data: " + json.dumps({**base, "choices": choices, **extra}).encode() + b"\n\n")

        writer.write(event([{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]))
        sent = 0
        while sent < len(pieces):
            await _sleep_until(first + sent * per)
            late = int((time.monotonic() - first) / per) + 1 if per else len(pieces)
            due = min(len(pieces), max(sent + 1, late))
            for piece in pieces[sent:due]:
                writer.write(event([{"index": 0, "delta": {"content": piece}, "finish_reason": None}]))
            sent = due
            await writer.drain()
        await _sleep_until(first + n_out * per)
        writer.write(event([{"index": 0, "delta": {}, "finish_reason": "stop"}], timings=timings()))
        if (body.get("stream_options") or {}).get("include_usage"):
            writer.write(event([], usage=usage))
        writer.write(_chunk(b"data: [DONE]\n\n") + b"0\r\n\r\n")
        await writer.drain()


def _chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


async def _sleep_until(deadline: float) -> None:
    delay = deadline - time.monotonic()
    if delay > 0:
        await asyncio.sleep(delay)


async def _send_json(writer: asyncio.StreamWriter, status: int, payload: dict[str, Any]) -> None:
    data = json.dumps(payload).encode()
    reason = {200: "OK", 400: "Bad Request", 404: "Not Found"}.get(status, "Error")
    writer.write(
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n".encode()
        + data
    )
    await writer.drain()


@contextlib.contextmanager
def serve_in_thread(latency: Latency | None = None) -> Iterator[SimServer]:
    """Run a :class:`SimServer` on its own event loop in a thread (tests, small tools)."""
    loop = asyncio.new_event_loop()
    server = SimServer(latency or Latency())
    ready = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(server.start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, name="sim-server", daemon=True)
    thread.start()
    ready.wait(10)
    try:
        yield server
    finally:
        asyncio.run_coroutine_threadsafe(server.close(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


async def _main(args: argparse.Namespace) -> None:
    server = SimServer(Latency(args.ttft, args.per_token, args.per_prompt_token), args.host, args.port)
    await server.start()
    print(f"READY {server.base_url}", flush=True)
    await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--ttft", type=float, default=0.2, help="seconds before the first token")
    parser.add_argument("--per-token", type=float, default=0.005, help="seconds per output token")
    parser.add_argument("--per-prompt-token", type=float, default=0.0, help="seconds per uncached prompt token")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_main(parser.parse_args()))


if __name__ == "__main__":
    main()
