"""Step 5, be positive."""

from __future__ import annotations

import json

import pytest
from chain_support import GOOD, assert_json_schema_requested, assert_prompt_layout, assert_reask, run, step_inputs

from assistant.chains import build_positive_chain
from assistant.domain.errors import OutputValidationError
from assistant.domain.schema import PositiveOutput
from assistant.model.testing import ScriptedChatModel


def test_happy_path_returns_the_statement() -> None:
    model = ScriptedChatModel(script={"positive": GOOD["positive"]})
    out = run(build_positive_chain(model), step_inputs("positive"))
    assert out == PositiveOutput.model_validate(GOOD["positive"])
    assert_prompt_layout(model.calls[0], "positive")
    assert_json_schema_requested(model.calls[0], "positive", "PositiveOutput")


def test_placeholder_is_reasked() -> None:
    bad = json.dumps({"statement": "I'll show <leader> the fix by {date}."})
    model = ScriptedChatModel(script={"positive": [bad, GOOD["positive"]]})
    assert run(build_positive_chain(model), step_inputs("positive")).statement == GOOD["positive"]["statement"]
    assert_reask(model.calls[1], bad, "placeholder <leader>", "placeholder {date}")


def test_wrong_type_is_reasked() -> None:
    bad = json.dumps({"statement": ["I'm on it."]})
    model = ScriptedChatModel(script={"positive": [bad, GOOD["positive"]]})
    run(build_positive_chain(model), step_inputs("positive"))
    assert_reask(model.calls[1], bad, "The field 'statement' is wrong")


def test_gives_up_after_max_reasks() -> None:
    model = ScriptedChatModel(script={"positive": ""})
    with pytest.raises(OutputValidationError) as info:
        run(build_positive_chain(model, max_reasks=1), step_inputs("positive"))
    assert (info.value.n_attempts, info.value.last_output) == (2, "")
    assert "empty" in str(info.value)
