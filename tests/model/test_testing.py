"""The scripted chat model: it answers by the step tag of the call, never by the prompt's wording."""

from __future__ import annotations

import json

import pytest
from chain_support import run, step_inputs
from langchain_core.messages import HumanMessage

from assistant.chains.ownership import build_ownership_chain
from assistant.model.testing import STEP_MARKERS, ScriptedChatModel, good_script, step_of


def test_the_step_is_read_from_the_step_tag() -> None:
    assert step_of(["regain", "step:plan"]) == "plan"
    with pytest.raises(AssertionError, match="exactly one 'step:<name>' tag"):
        step_of(["regain"])
    with pytest.raises(AssertionError, match="found: pain, plan"):
        step_of(["step:plan", "step:pain"])


def test_a_call_is_answered_by_its_tag_whatever_its_prompt_says() -> None:
    model = ScriptedChatModel(script=good_script())
    misleading = [HumanMessage(content=f"{STEP_MARKERS['pain']} write the apology.")]
    reply = model.invoke(misleading, config={"tags": ["step:ownership"]})
    assert json.loads(str(reply.content)) == good_script()["ownership"]
    assert [c["step"] for c in model.calls] == ["ownership"]


def test_an_untagged_call_fails_and_says_how_to_tag_it() -> None:
    model = ScriptedChatModel(script=good_script())
    with pytest.raises(AssertionError, match=r"config=\{'tags': \['step:<name>'\]\}"):
        model.invoke([HumanMessage(content=f"{STEP_MARKERS['pain']} write it.")])


def test_a_step_chain_tags_its_calls() -> None:
    model = ScriptedChatModel(script=good_script())
    run(build_ownership_chain(model), step_inputs("ownership"))
    assert [c["step"] for c in model.calls] == ["ownership"]
