"""The public validator API, the `regain check` command, and re-asks driven by findings."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from validator_support import NOTES, TODAY, good_draft

from assistant.cli import main
from assistant.model.testing import ScriptedChatModel, good_script
from assistant.validator import validate
from assistant.workflows.draft import Pipeline, adraft


def test_a_good_draft_has_no_errors() -> None:
    report = validate(good_draft())
    assert report.errors == [], [f.plain() for f in report.errors]


def test_a_bad_ownership_text_is_caught_with_span_and_advice() -> None:
    report = validate("Mistakes were made, and I'm sorry if anyone was offended.", step="ownership")
    rules = {f.rule for f in report.errors}
    assert {"OWN_PASSIVE", "OWN_NON_APOLOGY"} <= rules
    for f in report.findings:
        assert f.message and f.suggestion
        if f.span and f.start is not None:
            assert "Mistakes were made, and I'm sorry if anyone was offended."[f.start : f.end] == f.span


def test_a_plain_text_message_is_checked_as_a_message() -> None:
    report = validate("Hi [Name], sorry.", channel="chat")
    assert "MSG_PLACEHOLDER" in {f.rule for f in report.errors}


def test_check_command_on_draft_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "draft.json"
    path.write_text(good_draft().model_dump_json(), encoding="utf-8")
    assert main(["check", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True


def test_check_command_on_a_step_text_fails_with_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "statement.txt"
    path.write_text("The QA team didn't catch the bug, so it shipped.", encoding="utf-8")
    assert main(["check", "--step", "ownership", str(path)]) == 1
    out = capsys.readouterr().out
    assert "OWN_BLAME" in out and "error(s)" in out


def test_check_command_rejects_json_that_is_not_a_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"hello": 1}', encoding="utf-8")
    assert main(["check", str(path)]) == 2
    assert capsys.readouterr().err.startswith("regain: error:")


def test_pipeline_reasks_a_step_the_validator_rejects() -> None:
    script = good_script()
    script["ownership"] = [
        {"statement": "The QA team should have caught it before it shipped."},
        {"statement": "I pushed the change without running the staging tests. That was my decision."},
    ]
    model = ScriptedChatModel(script=script)
    draft = asyncio.run(adraft(NOTES, Pipeline(model), today=TODAY))
    calls = model.calls_for("ownership")
    assert len(calls) == 2
    reask = str(calls[1]["messages"][-1].content)
    assert "QA team" in reask
    assert draft.ownership.startswith("I pushed")
    assert "ownership" not in draft.unresolved


def test_draft_carries_findings_from_the_validator() -> None:
    model = ScriptedChatModel(script=good_script())
    draft = asyncio.run(adraft(NOTES, Pipeline(model), today=TODAY))
    assert draft.findings == validate(draft).findings


def test_validate_is_part_of_the_public_api() -> None:
    import assistant

    report = assistant.validate("I'm sorry if anyone was offended.", step="ownership")
    assert "OWN_NON_APOLOGY" in {f.rule for f in report.errors}
