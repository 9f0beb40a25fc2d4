"""The single-shot benchmark (bench/single_shot.py): a fair prompt, the same Draft shape, figures from real calls.

No timing goals here: the simulated server answers at once; the checks are on what the benchmark counts.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import importlib
import sys
from pathlib import Path
from typing import Any

from assistant.chains._step import chat_prompt
from assistant.domain.language import language_instruction
from assistant.domain.schema import DraftOptions
from assistant.model.parsing import parse_output, response_format_for
from assistant.model.prompts import load_prompt
from assistant.validator.checks import validate_draft

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
single_shot = importlib.import_module("single_shot")
sim = importlib.import_module("sim_server")
answers = importlib.import_module("sim_answers")
NOTES = (ROOT / "examples" / "software-outage.md").read_text(encoding="utf-8")
TODAY = dt.date(2026, 11, 27)


def test_messages_share_the_steps_system_and_notes_prefix() -> None:
    ours = single_shot.single_shot_messages(NOTES, TODAY, DraftOptions())
    step = chat_prompt(load_prompt("lessons")).format_messages(
        notes=NOTES, act="x", why="", skipped="", language=language_instruction(NOTES)
    )
    notes_block = load_prompt("notes").render(notes=NOTES, language=language_instruction(NOTES)).rstrip("\n")
    assert ours[0].content == step[0].content == load_prompt("system").template
    assert str(ours[1].content).startswith(notes_block)
    assert str(step[1].content).startswith(notes_block)
    assert "report_back" in str(ours[1].content) and "{" not in load_prompt("system").template


def test_an_answer_becomes_a_draft_the_validator_accepts() -> None:
    response_format: Any = response_format_for(single_shot.SingleShotOutput, "json_schema")
    schema = response_format["json_schema"]["schema"]
    answer = single_shot.SingleShotOutput.model_validate(answers.instance_for(schema, today=TODAY))
    draft = single_shot.draft_from(answer, NOTES, TODAY, DraftOptions(), "sim-model")
    assert draft.facts.leader_name == "Dana"
    assert draft.plan and draft.report_back and draft.message.body
    assert validate_draft(draft).errors == []
    assert parse_output(answer.model_dump_json(), single_shot.SingleShotOutput) == answer


def _compare() -> tuple[Any, Any]:
    files = [ROOT / "examples" / "software-outage.md"]
    with sim.serve_in_thread(sim.Latency(ttft=0.0, per_token=0.0)) as server:
        argv = ["--backend", "url", "--base-url", server.base_url, "--model", "m"]
        args = single_shot.build_parser().parse_args(argv)
        outcomes, model, _ = asyncio.run(single_shot.bench(args, files))
    return outcomes, model


def test_regain_makes_one_call_per_model_step_on_the_simulated_server() -> None:
    outcomes, _ = _compare()
    # the intake and the four writing steps the model writes: the example's notes leave nothing open, so the plan
    # makes no call (it is the lesson's habit and the look back)
    assert {o.mode: o for o in outcomes}["regain"].calls == 5


def test_compares_the_three_modes_on_the_simulated_server() -> None:
    outcomes, model = _compare()
    by_mode = {o.mode: o for o in outcomes}
    assert list(by_mode) == ["single-shot", "regain", "regain-plain"]
    assert all(o.failed is None and o.errors == 0 for o in outcomes)
    assert by_mode["single-shot"].calls == 1 and by_mode["regain"].calls > 1
    assert by_mode["regain"].prompt > by_mode["single-shot"].prompt > 0
    assert by_mode["regain"].cached > 0 and by_mode["regain"].completion > 0
    text = single_shot.report(outcomes, model, "t", "python bench/single_shot.py")
    assert "regain / single-shot: total tokens" in text and "| software-outage.md | single-shot |" in text


def test_a_garbled_answer_is_counted_as_failed_not_raised() -> None:
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    model = FakeListChatModel(responses=["not json at all"])
    model.__dict__["model_name"] = "fake"
    outcome = asyncio.run(single_shot.run_single_shot(model, "x.md", NOTES, TODAY))
    assert outcome.failed is not None and outcome.failed.startswith("unparseable")
    assert single_shot.summary([outcome])["single-shot"]["failed"] == 1


def test_a_server_error_is_counted_as_failed_not_raised() -> None:
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from assistant.domain.errors import ModelAPIError

    class Refusing(FakeListChatModel):
        async def _agenerate(self, *args: Any, **kwargs: Any) -> Any:
            raise ModelAPIError("The server at x refused the request (400).")

    model = Refusing(responses=[])
    model.__dict__["model_name"] = "fake"
    outcome = asyncio.run(single_shot.run_single_shot(model, "x.md", NOTES, TODAY))
    assert outcome.failed == "ModelAPIError: The server at x refused the request (400)."
