"""The model a benchmark runs on, and a log of every call's server-side timings.

Shared by ``bench/single_shot.py`` and ``bench/local_efficiency.py``. Three backends:

- ``local`` (default): the embedded llama.cpp model, built by :func:`assistant.model.backend.open_backend`
  with ``REGAIN_BACKEND=local`` (``REGAIN_LOCAL_MODEL_PATH`` picks another GGUF);
- ``sim``: ``bench/sim_server.py`` in its own process, with a latency model, for development;
- ``url``: any OpenAI-compatible server (``--base-url``, ``--model``).

The chat model's async client is rebuilt with an httpx2 transport (openai 3.x's HTTP library) that
tees every response and keeps, per call, the step (from the ``response_format`` schema name), the client-side
start and end, the reported ``usage`` and llama.cpp's ``timings`` (``prompt_n``,
``prompt_ms``, ``cache_n``, ``predicted_n``, ``predicted_ms``...), when the server sends them.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx2

SCHEMA_STEPS = {
    "Facts": "intake",
    "IntakeOutput": "intake",
    "LessonPartsOutput": "lessons",
    "PlanStepsOutput": "plan",
    "PainOutput": "pain",
    "OwnershipOutput": "ownership",
    "LessonsOutput": "lessons",
    "PlanOutput": "plan",
    "PositiveOutput": "positive",
    "ReportBackOutput": "report_back",
    "MessageOutput": "compose",
    "SingleShotOutput": "single_shot",
    "EditPlan": "refine_edits",
    "RewriteOutput": "refine_rewrite",
    "TranslateOutput": "refine_translate",
}


@dataclass
class CallRecord:
    """One chat-completions call as the client saw it, with what the server reported."""

    step: str
    start: float
    end: float = 0.0
    first: float = 0.0  # first content chunk, set by callers that read the stream themselves
    usage: dict[str, Any] | None = None
    timings: dict[str, Any] | None = None

    @property
    def wall(self) -> float:
        return self.end - self.start


@dataclass
class CallLog:
    """Every call made through the tapped client, in order of sending."""

    calls: list[CallRecord] = field(default_factory=list)

    def since(self, index: int) -> list[CallRecord]:
        """The calls made after the log had ``index`` entries."""
        return self.calls[index:]


def _step_of(content: bytes) -> str:
    try:
        body = json.loads(content or b"{}")
    except ValueError:
        return "other"
    name = ((body.get("response_format") or {}).get("json_schema") or {}).get("name", "")
    return SCHEMA_STEPS.get(name, "other")


def _read_reports(data: bytes, record: CallRecord) -> None:
    """Pick ``usage`` and ``timings`` out of a JSON body or an SSE stream."""
    text = data.decode("utf-8", errors="replace")
    payloads = [ln[5:].strip() for ln in text.splitlines() if ln.startswith("data:")] or [text]
    for payload in payloads:
        if '"usage"' not in payload and '"timings"' not in payload:
            continue
        try:
            obj = json.loads(payload)
        except ValueError:
            continue
        if isinstance(obj, dict):
            record.usage = obj.get("usage") or record.usage
            record.timings = obj.get("timings") or record.timings


class _TeeStream(httpx2.AsyncByteStream):
    def __init__(self, inner: httpx2.AsyncByteStream, record: CallRecord) -> None:
        self.inner = inner
        self.record = record
        self.data = bytearray()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self.inner:
            self.data += chunk
            yield chunk

    async def aclose(self) -> None:
        await self.inner.aclose()
        self.record.end = time.perf_counter()
        _read_reports(bytes(self.data), self.record)


class TimingTap(httpx2.AsyncBaseTransport):
    """An httpx transport that records every chat-completions call into a :class:`CallLog`."""

    def __init__(self, log: CallLog) -> None:
        self.log = log
        # The openai client's own connection limits (openai._constants.DEFAULT_CONNECTION_LIMITS).
        limits = httpx2.Limits(max_connections=1000, max_keepalive_connections=100)
        self.inner = httpx2.AsyncHTTPTransport(limits=limits)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if not request.url.path.endswith("/chat/completions"):
            return await self.inner.handle_async_request(request)
        record = CallRecord(step=_step_of(request.content), start=time.perf_counter())
        self.log.calls.append(record)
        response = await self.inner.handle_async_request(request)
        assert isinstance(response.stream, httpx2.AsyncByteStream)
        return httpx2.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=_TeeStream(response.stream, record),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        await self.inner.aclose()


def add_backend_args(parser: argparse.ArgumentParser) -> None:
    """The ``--backend`` choice and its options."""
    parser.add_argument("--backend", choices=["local", "sim", "url"], default="local", help="model to run on")
    parser.add_argument("--base-url", help="with --backend url: the server's /v1 address")
    parser.add_argument("--model", help="model name (default: the backend's)")
    parser.add_argument("--temperature", type=float, default=0.2, help="sampling temperature, both sides")
    parser.add_argument("--seed", type=int, default=42, help="sampling seed, where the server honours it")
    parser.add_argument("--sim-ttft", type=float, default=0.05, help="sim: seconds to first token")
    parser.add_argument("--sim-per-token", type=float, default=0.002, help="sim: seconds per output token")
    parser.add_argument("--sim-per-prompt-token", type=float, default=0.0005, help="sim: s per uncached prompt token")


@dataclass
class BenchModel:
    """The chat model to benchmark, where it runs, and the log of its calls."""

    chat_model: Any
    description: str
    settings: Any
    log: CallLog
    kind: str

    async def aclose(self) -> None:
        await self.chat_model.async_client.close()


@contextmanager
def open_bench_model(args: argparse.Namespace) -> Iterator[BenchModel]:
    """Yield a :class:`BenchModel` for ``args.backend``; servers started here are stopped after."""
    import openai

    from assistant.model.backend import open_backend
    from assistant.model.settings import Settings

    with _server_for(args) as base_url:
        overrides: dict[str, Any] = {"temperature": args.temperature}
        if args.backend == "local":
            overrides["backend"] = "local"
        else:
            overrides.update(backend="openai", base_url=base_url)
        if args.model or args.backend == "sim":
            overrides["model"] = args.model or "sim-model"
        settings = Settings(**overrides)
        with open_backend(settings) as backend:
            log = CallLog()
            aclient = openai.AsyncOpenAI(
                base_url=backend.base_url,
                api_key=backend.client.api_key,
                timeout=settings.timeout,
                max_retries=settings.max_retries,
                http_client=openai.DefaultAsyncHttpxClient(transport=TimingTap(log), timeout=settings.timeout),
            )
            model = backend.chat_model.model_copy(update={"async_client": aclient, "seed": args.seed})
            yield BenchModel(model, backend.describe(), settings, log, args.backend)


@contextmanager
def _server_for(args: argparse.Namespace) -> Iterator[str | None]:
    if args.backend == "url":
        if not args.base_url:
            raise SystemExit("--backend url needs --base-url (the server's /v1 address)")
        yield args.base_url
    elif args.backend == "sim":
        from orchestration import sim_server

        with sim_server(args.sim_ttft, args.sim_per_token, args.sim_per_prompt_token) as (url, _pid):
            yield url
    else:
        yield None


SIM_NOTE = (
    "**Simulated server** (development run): fixed answers fitted to `examples/software-outage.md`, tokens = "
    "characters / 4, a prefix cache over the last 8 prompts. The prompts are the real ones, so prompt and cached "
    "token counts are indicative; times, completion tokens and validator errors say nothing about a real model."
)


def command_line(script: str, argv: list[str]) -> str:
    """The exact command that was run, for the results."""
    return " ".join(["python", script, *argv])
