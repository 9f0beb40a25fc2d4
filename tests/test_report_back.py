"""Step 6, report back with progress."""

from __future__ import annotations

import json

import pytest
from chain_support import GOOD, assert_json_schema_requested, assert_prompt_layout, assert_reask, run, step_inputs

from assistant.chains import build_report_back_chain
from assistant.errors import OutputValidationError
from assistant.schema import ReportBackOutput
from assistant.testing import ScriptedChatModel


def _checkins(*dates: str) -> str:
    return json.dumps({"checkins": [{"date": d, "report": f"Progress as of {d}."} for d in dates]})


def test_happy_path_returns_the_checkins_and_sees_the_plan() -> None:
    model = ScriptedChatModel(script={"report_back": GOOD["report_back"]})
    out = run(build_report_back_chain(model), step_inputs("report_back"))
    assert out == ReportBackOutput.model_validate(GOOD["report_back"])
    assert_prompt_layout(model.calls[0], "report_back")
    assert_json_schema_requested(model.calls[0], "report_back", "ReportBackOutput")
    assert "1. Add a CI gate" in str(model.calls[0]["messages"][1].content)


def test_past_date_is_reasked() -> None:
    bad = _checkins("2026-11-01")
    model = ScriptedChatModel(script={"report_back": [bad, GOOD["report_back"]]})
    run(build_report_back_chain(model), step_inputs("report_back"))
    assert_reask(model.calls[1], bad, "date of check-in 1 2026-11-01 is not after today")


def test_checkins_out_of_order_are_reasked() -> None:
    bad = _checkins("2026-12-18", "2026-12-04")
    model = ScriptedChatModel(script={"report_back": [bad, _checkins("2026-12-04", "2026-12-18")]})
    out = run(build_report_back_chain(model), step_inputs("report_back"))
    assert [c.date.isoformat() for c in out.checkins] == ["2026-12-04", "2026-12-18"]
    assert_reask(model.calls[1], bad, "List the check-ins earliest first.")


def test_gives_up_after_max_reasks() -> None:
    bad = _checkins("2026-11-27")
    model = ScriptedChatModel(script={"report_back": bad})
    with pytest.raises(OutputValidationError) as info:
        run(build_report_back_chain(model, max_reasks=1), step_inputs("report_back"))
    assert (info.value.n_attempts, info.value.last_output) == (2, bad)


def test_an_unfinished_last_sentence_of_a_report_is_dropped() -> None:
    answer = {
        "checkins": [
            {"date": "2026-12-11", "report": "I will show you the CI gate blocking a deploy. I will also show the"}
        ]
    }
    model = ScriptedChatModel(script={"report_back": answer})
    out = run(build_report_back_chain(model), step_inputs("report_back"))
    assert out.checkins[0].report == "I will show you the CI gate blocking a deploy."
