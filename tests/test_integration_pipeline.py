"""The real HTTP path: the pipeline through the openai client against the embedded model's
server, replayed from cassettes recorded with Qwen2.5-Coder-1.5B-Instruct.

The pipeline runs with ``validate=False`` here: re-asks driven by the validator put the
validator's wording into request bodies, and the cassettes should not have to be
re-recorded for every rule change. Validator-driven re-asks are covered with the fake
model in ``test_validator.py``; the validator still runs on the replayed draft below.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import re
from pathlib import Path

import pytest
import yaml
from cassette_support import CASSETTES, cassette_backend

from assistant.backend import ping
from assistant.pipeline import Pipeline, acompose, adraft
from assistant.schema import Draft, DraftOptions
from assistant.validator import validate

pytestmark = pytest.mark.integration
EXAMPLES = Path(__file__).parent.parent / "examples"
TODAY = dt.date(2026, 11, 27)


@functools.cache
def _draft(example: str, cassette: str, **options: str) -> Draft:
    with cassette_backend(cassette) as backend:
        pipeline = Pipeline(backend.chat_model, validate=False)
        notes = (EXAMPLES / example).read_text(encoding="utf-8")
        return asyncio.run(adraft(notes, pipeline, today=TODAY, options=DraftOptions(**options)))  # type: ignore[arg-type]


def test_outage_draft_has_all_six_steps_and_a_message() -> None:
    draft = _draft("software-outage.md", "pipeline_software_outage")
    assert draft.facts.what_happened
    assert "400" in draft.facts.impact or "400" in draft.facts.what_happened
    assert draft.pain and draft.ownership and draft.positive
    assert draft.lessons and draft.plan and draft.report_back
    assert all(action.due > TODAY for action in draft.plan)
    assert all(checkin.date > TODAY for checkin in draft.report_back)
    assert draft.message.channel == "email" and len(draft.message.body.split()) > 20
    assert set(draft.usage) == {"intake", "pain", "ownership", "lessons", "plan", "positive", "report_back", "compose"}
    assert all(u.prompt_tokens > 0 and u.completion_tokens > 0 for u in draft.usage.values())


def test_the_validator_runs_on_the_real_draft() -> None:
    draft = _draft("software-outage.md", "pipeline_software_outage")
    report = validate(draft)
    assert all(f.message and f.suggestion for f in report.findings)
    assert {f.step for f in report.findings} <= {
        "pain",
        "ownership",
        "lessons",
        "plan",
        "positive",
        "report_back",
        "message",
    }


def test_shared_prompt_prefix_is_reused_by_the_server() -> None:
    draft = _draft("software-outage.md", "pipeline_software_outage")
    steps_after_intake = [u for name, u in draft.usage.items() if name != "intake"]
    assert sum(u.cached_tokens for u in steps_after_intake) > 0


def test_chat_message_for_a_missed_deadline() -> None:
    draft = _draft("missed-deadline.md", "pipeline_missed_deadline", channel="chat", leader="Marco")
    assert draft.message.channel == "chat"
    assert draft.facts.leader_name == "Marco"
    assert draft.message.body


def test_recompose_for_talking_points_reuses_the_steps() -> None:
    draft = _draft("software-outage.md", "pipeline_software_outage")
    with cassette_backend("recompose_talking_points") as backend:
        again = asyncio.run(
            acompose(draft, Pipeline(backend.chat_model, validate=False), DraftOptions(channel="talking_points"))
        )
    assert again.message.channel == "talking_points"
    assert again.plan == draft.plan and again.ownership == draft.ownership
    assert again.message.body != draft.message.body


def test_ping_through_the_openai_client() -> None:
    with cassette_backend("ping") as backend:
        assert ping(backend)


def test_cassettes_hold_no_secrets() -> None:
    files = sorted(CASSETTES.glob("*.yaml"))
    assert files, "no cassettes recorded"
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"sk-[A-Za-z0-9]{8,}", text), path
        assert "Bearer" not in text, path
        for interaction in yaml.safe_load(text)["interactions"]:
            headers = {k.lower() for k in interaction["request"]["headers"]}
            assert "authorization" not in headers and "cookie" not in headers, path
