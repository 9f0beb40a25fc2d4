"""The shared step machinery: structured-output fallback shared across steps, and re-asks."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from chain_support import GOOD, run, step_inputs
from langchain_core.callbacks import AsyncCallbackManagerForLLMRun
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatResult
from pydantic import Field

from assistant.chains import build_ownership_chain, build_pain_chain, build_positive_chain
from assistant.chains._step import FormatState, reask_text
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
