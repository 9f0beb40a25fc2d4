"""The shared step machinery: structured-output fallback shared across steps, and re-asks."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from chain_support import GOOD, run, step_inputs
from langchain_core.callbacks import AsyncCallbackManagerForLLMRun
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatResult
from pydantic import Field

from assistant.chains import build_ownership_chain, build_pain_chain, build_positive_chain
from assistant.chains._step import REFUSAL_PROBLEM, FormatState, reask_text, refusal_of
from assistant.errors import ModelAPIError, ModelRefusalError, OutputTruncatedError
from assistant.llm import ResponseFormatUnsupported
from assistant.testing import ScriptedChatModel


class RefusingModel(ScriptedChatModel):
    """Refuses requests whose response_format type is in ``refuse``, like a server that lacks it."""

    refuse: set[str | None] = Field(default_factory=set)
    refused: list[str | None] = Field(default_factory=list)

    def _answer(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> str:
        kind = (kwargs.get("response_format") or {}).get("type")
        if kind in self.refuse:
            self.refused.append(kind)
            raise ResponseFormatUnsupported(f"The server does not accept this response_format: {kind}")
        return super()._answer(messages, kwargs)


def _formats(model: ScriptedChatModel) -> list[str | None]:
    return [(c["kwargs"].get("response_format") or {}).get("type") for c in model.calls]


def test_format_state_downgrades_in_order() -> None:
    state = FormatState()
    assert state.current() == "json_schema"
    assert state.downgrade() and state.current() == "json_object"
    assert state.downgrade() and state.current() == "prompt"
    assert not state.downgrade() and state.current() == "prompt"
    assert state.history == ["json_schema", "json_object", "prompt"]


def test_refused_json_schema_falls_back_and_the_next_step_starts_there() -> None:
    model = RefusingModel(script=GOOD, refuse={"json_schema"})
    state = FormatState()
    assert run(build_pain_chain(model, format_state=state), step_inputs("pain")).statement
    assert run(build_ownership_chain(model, format_state=state), step_inputs("ownership")).statement
    assert model.refused == ["json_schema"]  # the second step was never asked with json_schema
    assert _formats(model) == ["json_object", "json_object"]
    assert state.current() == "json_object"


def test_server_without_any_response_format_ends_in_prompt_mode() -> None:
    model = RefusingModel(script=GOOD, refuse={"json_schema", "json_object"})
    state = FormatState()
    assert run(build_pain_chain(model, format_state=state), step_inputs("pain")).statement
    assert model.refused == ["json_schema", "json_object"]
    assert _formats(model) == [None]
    assert "response_format" not in model.calls[0]["kwargs"]


def test_refusal_in_prompt_mode_is_raised_not_looped() -> None:
    model = RefusingModel(script=GOOD, refuse={None})
    with pytest.raises(ResponseFormatUnsupported):
        run(build_pain_chain(model, format_state=FormatState(mode="prompt")), step_inputs("pain"))
    assert model.refused == [None]


def test_refusals_do_not_count_as_attempts() -> None:
    model = RefusingModel(script={"pain": ["not json", GOOD["pain"]]}, refuse={"json_schema"})
    assert run(build_pain_chain(model, max_reasks=1), step_inputs("pain")).statement
    assert len(model.calls) == 2


def test_reask_text_lists_every_problem() -> None:
    text = reask_text(["The field 'a' is missing.", "Use fewer words."])
    assert "- The field 'a' is missing.\n- Use fewer words.\n" in text
    assert text.endswith("Reply with only the JSON object.")


class ConcurrentRefusingModel(ScriptedChatModel):
    """Refuses any response_format, but only once ``in_flight`` requests are waiting (concurrent steps)."""

    in_flight: int = 0
    expected: int = 3

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        if kwargs.get("response_format") is not None:
            self.in_flight += 1
            for _ in range(1000):
                if self.in_flight >= self.expected:
                    break
                await asyncio.sleep(0)
            raise ResponseFormatUnsupported("The server does not accept this response_format.")
        return await super()._agenerate(messages, stop, run_manager, **kwargs)


def test_concurrent_refusals_share_one_downgrade() -> None:
    model = ConcurrentRefusingModel(script=GOOD)
    state = FormatState()
    chains = [b(model, format_state=state) for b in (build_pain_chain, build_ownership_chain, build_positive_chain)]

    async def all_steps() -> list[Any]:
        return await asyncio.gather(*(c.ainvoke(step_inputs("pain")) for c in chains), return_exceptions=True)

    results = asyncio.run(all_steps())
    assert not [r for r in results if isinstance(r, BaseException)]
    assert state.current() == "prompt"


def test_step_chain_also_runs_synchronously() -> None:
    model = ScriptedChatModel(script=GOOD)
    assert build_pain_chain(model).invoke(step_inputs("pain")).statement == GOOD["pain"]["statement"]
    assert model.calls[0]["kwargs"]["response_format"]["type"] == "json_schema"


def _raising(exc: Exception) -> ScriptedChatModel:
    def fail(messages: list[BaseMessage]) -> str:
        raise exc

    return ScriptedChatModel(script={**GOOD, "pain": fail})


def test_a_model_api_error_is_not_reasked() -> None:
    model = _raising(ModelAPIError("Server error 500 (3 attempts)", cause="server_error", attempts=3))
    with pytest.raises(ModelAPIError, match="Server error 500"):
        run(build_pain_chain(model, max_reasks=2), step_inputs("pain"))
    assert len(model.calls_for("pain")) == 1  # the model's retry layer already retried; no second layer here


@pytest.mark.parametrize(
    "refusal",
    [{"refusal": "I can't help with that."}, {"content": "I'm sorry, but I cannot assist with that request."}],
)
def test_a_refusal_is_asked_again_once_then_named(refusal: dict[str, str]) -> None:
    class Refusing(ScriptedChatModel):
        def _result(self, text: str) -> ChatResult:
            result = super()._result(refusal.get("content", ""))
            result.generations[0].message.response_metadata["refusal"] = refusal.get("refusal")
            return result

    model = Refusing(script=GOOD)
    with pytest.raises(ModelRefusalError, match="Refusal: the model refused to write the 'pain' step") as info:
        run(build_pain_chain(model, max_reasks=2), step_inputs("pain"))
    assert len(model.calls_for("pain")) == 2 and info.value.last_parsed is None
    assert reask_text([REFUSAL_PROBLEM]) in str(model.calls_for("pain")[1]["messages"][-1].content)


def test_refusal_detection_leaves_json_and_plain_answers_alone() -> None:
    assert refusal_of(AIMessage(content='{"statement": "I\'m sorry, I can\'t undo it."}')) is None
    assert refusal_of(AIMessage(content="Here is the answer.")) is None
    assert refusal_of(AIMessage(content="I won't write that.")) == "I won't write that."


def test_a_length_cut_is_asked_shorter_once_then_names_max_tokens() -> None:
    model = ScriptedChatModel(script={**GOOD, "pain": '{"statement": "I am so'}, finish_reason="length")
    with pytest.raises(OutputTruncatedError, match="Output cut at max_tokens.*max_tokens 400 in prompts/pain.md"):
        run(build_pain_chain(model, max_reasks=2), step_inputs("pain"))
    assert len(model.calls_for("pain")) == 2
    assert "too long" in str(model.calls_for("pain")[1]["messages"][-1].content)


def test_a_length_cut_that_still_parses_is_kept_as_unresolved_by_the_caller() -> None:
    long = {"statement": "Sorry."}  # parses, but the validator-like check below rejects it
    model = ScriptedChatModel(script={**GOOD, "pain": long}, finish_reason="length")
    chain = build_pain_chain(model, max_reasks=2, extra_check=lambda out, inputs: ["Say more about the impact."])
    with pytest.raises(OutputTruncatedError) as info:
        run(chain, step_inputs("pain"))
    assert info.value.last_parsed is not None and info.value.problems[-1] == "Say more about the impact."
