"""The benchmark's simulated OpenAI-compatible server answers schema-valid JSON and streams.

A correctness check of ``bench/sim_server.py`` only (no timing goals): the orchestration
benchmark is meaningful only if every step is answered validly on the first attempt.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import openai
import pytest
from chain_support import OPEN_LINE
from pydantic import BaseModel

from assistant.domain.schema import Facts, MessageOutput, PlanOutput, ReportBackOutput
from assistant.model.parsing import response_format_for
from assistant.workflows.draft import Pipeline, adraft

ROOT = Path(__file__).resolve().parents[2]


def _load_sim() -> ModuleType:
    sys.path.insert(0, str(ROOT / "bench"))  # for its sim_answers
    spec = importlib.util.spec_from_file_location("sim_server", ROOT / "bench" / "sim_server.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["sim_server"] = module
    spec.loader.exec_module(module)
    return module


sim = _load_sim()
answers = importlib.import_module("sim_answers")


@pytest.fixture
def server() -> Iterator[Any]:
    with sim.serve_in_thread(sim.Latency(ttft=0.0, per_token=0.0)) as srv:
        yield srv


def _client(server: Any) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key="test", max_retries=0)


@pytest.mark.parametrize("output_type", [Facts, PlanOutput, ReportBackOutput, MessageOutput])
def test_instance_for_validates_against_the_schema(output_type: type[BaseModel]) -> None:
    schema = response_format_for(output_type, "json_schema")["json_schema"]["schema"]  # type: ignore[index]
    output_type.model_validate(answers.instance_for(schema, today=dt.date(2026, 1, 1)))


def test_dates_are_after_today() -> None:
    schema = response_format_for(PlanOutput, "json_schema")["json_schema"]["schema"]  # type: ignore[index]
    plan = PlanOutput.model_validate(answers.instance_for(schema, today=dt.date(2026, 1, 1)))
    assert all(action.due == dt.date(2026, 1, 15) for action in plan.actions)


def test_models_are_listed(server: Any) -> None:
    assert [m.id for m in _client(server).models.list()] == [sim.MODEL]


def test_streams_schema_valid_json_with_usage(server: Any) -> None:
    stream = _client(server).chat.completions.create(
        model=sim.MODEL,
        messages=[{"role": "user", "content": "hi"}],
        response_format=response_format_for(PlanOutput, "json_schema"),  # type: ignore[arg-type]
        stream=True,
        stream_options={"include_usage": True},
    )
    pieces, usage, finish = [], None, None
    for chunk in stream:
        usage = chunk.usage or usage
        if chunk.choices:
            finish = chunk.choices[0].finish_reason or finish
            pieces.append(chunk.choices[0].delta.content or "")
    text = "".join(pieces)
    PlanOutput.model_validate_json(text)
    assert len([p for p in pieces if p]) > 1
    assert finish == "stop"
    assert usage is not None and usage.completion_tokens == sim.count_tokens(text)


def test_answers_without_streaming(server: Any) -> None:
    reply = _client(server).chat.completions.create(
        model=sim.MODEL,
        messages=[{"role": "user", "content": "hi"}],
        response_format=response_format_for(MessageOutput, "json_schema"),  # type: ignore[arg-type]
    )
    MessageOutput.model_validate_json(reply.choices[0].message.content or "")
    assert reply.usage is not None and reply.usage.completion_tokens > 0


def _three_drafts() -> tuple[list[Any], Any]:
    import asyncio

    from assistant.model.llm import OpenAIChatModel

    async def run(server: Any) -> Any:
        aclient = openai.AsyncOpenAI(base_url=server.base_url, api_key="test", max_retries=0)
        model = OpenAIChatModel(client=_client(server), async_client=aclient, model_name=sim.MODEL)
        notes = (ROOT / "examples" / "software-outage.md").read_text(encoding="utf-8")
        notes += f"{OPEN_LINE}\n"  # something open: the plan asks the model too, so every model step runs
        try:
            return await asyncio.gather(*(adraft(notes, Pipeline(model)) for _ in range(3)))
        finally:
            await aclient.close()

    with sim.serve_in_thread(sim.Latency(ttft=0.05, per_token=0.0)) as server:
        drafts = asyncio.run(run(server))
    return drafts, server


def test_pipeline_completes_in_parallel() -> None:
    drafts, server = _three_drafts()
    for draft in drafts:
        assert set(draft.usage) == {"intake", "pain", "ownership", "lessons", "plan", "positive"}
        assert draft.complete is True and draft.message.assembled is True
        assert draft.message.body.startswith("Hi Dana,\n\n")
    assert server.peak_active >= 5  # the five middle steps of each draft overlap


def test_pipeline_completes_without_reasks() -> None:
    drafts, _ = _three_drafts()
    for draft in drafts:
        assert {step: u.attempts for step, u in draft.usage.items()} == dict.fromkeys(draft.usage, 1)
        assert draft.unresolved == {}


def test_reports_prefix_reuse_and_timings(server: Any) -> None:
    system = {"role": "system", "content": "Shared guidance. " * 20}

    def ask(task: str, **extra: Any) -> Any:
        messages: Any = [system, {"role": "user", "content": task}]
        return _client(server).chat.completions.create(model=sim.MODEL, messages=messages, **extra)

    first = ask("Task one.")
    second = ask("Task two.")
    uncached = ask("Task two.", extra_body={"cache_prompt": False})
    assert first.usage is not None and second.usage is not None and uncached.usage is not None
    assert first.usage.prompt_tokens_details.cached_tokens == 0
    assert second.usage.prompt_tokens_details.cached_tokens >= 85
    assert uncached.usage.prompt_tokens_details.cached_tokens == 0
    timings = second.model_extra["timings"]
    assert timings["cache_n"] + timings["prompt_n"] == second.usage.prompt_tokens
    assert timings["predicted_n"] == second.usage.completion_tokens
