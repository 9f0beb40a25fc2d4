"""Step 2, own the problem."""

from __future__ import annotations

import json

import pytest
from chain_support import GOOD, assert_json_schema_requested, assert_prompt_layout, assert_reask, run, step_inputs

from assistant.chains import build_ownership_chain
from assistant.domain.errors import OutputValidationError
from assistant.domain.schema import OwnershipOutput
from assistant.model.testing import ScriptedChatModel


def test_happy_path_returns_the_statement() -> None:
    model = ScriptedChatModel(script={"ownership": GOOD["ownership"]})
    out = run(build_ownership_chain(model), step_inputs("ownership"))
    assert out == OwnershipOutput.model_validate(GOOD["ownership"])
    assert_prompt_layout(model.calls[0], "ownership")
    assert_json_schema_requested(model.calls[0], "ownership", "OwnershipOutput")


def test_extra_field_is_reasked_in_plain_words() -> None:
    bad = json.dumps({**GOOD["ownership"], "tone": "sincere"})
    model = ScriptedChatModel(script={"ownership": [bad, GOOD["ownership"]]})
    run(build_ownership_chain(model), step_inputs("ownership"))
    assert_reask(model.calls[1], bad, "The field 'tone' is not allowed; remove it.")


def test_extra_check_problems_are_reasked() -> None:
    def no_but(out: OwnershipOutput, inputs: dict[str, object]) -> list[str]:
        return ["Do not use 'but'."] if " but " in out.statement else []

    bad = json.dumps({"statement": "I pushed the change, but the tests were slow."})
    model = ScriptedChatModel(script={"ownership": [bad, GOOD["ownership"]]})
    run(build_ownership_chain(model, extra_check=no_but), step_inputs("ownership"))
    assert_reask(model.calls[1], bad, "Do not use 'but'.")


def test_gives_up_on_output_that_never_parses() -> None:
    model = ScriptedChatModel(script={"ownership": "I take responsibility."})
    with pytest.raises(OutputValidationError) as info:
        run(build_ownership_chain(model, max_reasks=0), step_inputs("ownership"))
    assert (info.value.n_attempts, info.value.last_output) == (1, "I take responsibility.")
    assert info.value.last_parsed is None
    assert "did not contain a valid JSON object" in str(info.value)
