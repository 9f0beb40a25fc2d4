"""The shared step machinery: structured-output fallback shared across steps, and re-asks."""

from __future__ import annotations

import asyncio
import copy
import json
import re
from typing import Any

import pytest
from chain_support import GOOD, assert_reask, messages_of, run, step_inputs
from langchain_core.callbacks import AsyncCallbackManagerForLLMRun
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatResult
from pydantic import Field

from assistant.chains import build_ownership_chain, build_pain_chain, build_plan_chain, build_positive_chain
from assistant.chains._answer_checks import example_leaks, wrong_language
from assistant.chains._step import REFUSAL_PROBLEM, FormatState, reask_text, refusal_of
from assistant.domain.errors import ModelAPIError, ModelRefusalError, OutputTruncatedError, OutputValidationError
from assistant.domain.schema import OwnershipOutput, PainOutput, PositiveOutput
from assistant.model.llm import ResponseFormatUnsupported
from assistant.model.prompts import load_prompt
from assistant.model.testing import ScriptedChatModel


class RefusingModel(ScriptedChatModel):
    """Refuses requests whose response_format type is in ``refuse``, like a server that lacks it."""

    refuse: set[str | None] = Field(default_factory=set)
    refused: list[str | None] = Field(default_factory=list)

    def _answer(self, messages: list[BaseMessage], kwargs: dict[str, Any], tags: list[str] | None) -> str:
        kind = (kwargs.get("response_format") or {}).get("type")
        if kind in self.refuse:
            self.refused.append(kind)
            raise ResponseFormatUnsupported(f"The server does not accept this response_format: {kind}")
        return super()._answer(messages, kwargs, tags)


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

    names = ("pain", "ownership", "positive")

    async def all_steps() -> list[Any]:
        runs = (c.ainvoke(step_inputs(name)) for c, name in zip(chains, names, strict=True))
        return await asyncio.gather(*runs, return_exceptions=True)

    results = asyncio.run(all_steps())
    assert not [r for r in results if isinstance(r, BaseException)]
    assert state.current() == "prompt"


def test_step_chain_also_runs_synchronously() -> None:
    model = ScriptedChatModel(script=GOOD)
    assert build_positive_chain(model).invoke(step_inputs("positive")).statement == GOOD["positive"]["statement"]
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
    with pytest.raises(ModelRefusalError, match="Refusal: the model refused to write the 'ownership' step") as info:
        run(build_ownership_chain(model, max_reasks=2), step_inputs("ownership"))
    assert len(model.calls_for("ownership")) == 2 and info.value.last_parsed is None
    assert reask_text([REFUSAL_PROBLEM]) in str(model.calls_for("ownership")[1]["messages"][-1].content)
    # the pain has the program's regret for the notes' harm to stand in
    assert run(build_pain_chain(Refusing(script=GOOD), max_reasks=2), step_inputs("pain")).statement.startswith(
        "I'm sorry for what this caused:"
    )


def test_refusal_detection_leaves_json_and_plain_answers_alone() -> None:
    assert refusal_of(AIMessage(content='{"statement": "I\'m sorry, I can\'t undo it."}')) is None
    assert refusal_of(AIMessage(content="Here is the answer.")) is None
    assert refusal_of(AIMessage(content="I won't write that.")) == "I won't write that."


def test_a_length_cut_is_asked_shorter_once_then_names_max_tokens() -> None:
    model = ScriptedChatModel(script={**GOOD, "ownership": '{"statement": "I pushed'}, finish_reason="length")
    limit = load_prompt("ownership").max_tokens
    match = f"Output cut at max_tokens.*max_tokens {limit} in prompts/ownership.md"
    with pytest.raises(OutputTruncatedError, match=match):
        run(build_ownership_chain(model, max_reasks=2), step_inputs("ownership"))
    assert len(model.calls_for("ownership")) == 2
    assert "too long" in str(model.calls_for("ownership")[1]["messages"][-1].content)


def test_a_length_cut_that_still_parses_is_kept_as_unresolved_by_the_caller() -> None:
    long = {"statement": "Sorry."}  # parses, but the validator-like check below rejects it
    model = ScriptedChatModel(script={**GOOD, "ownership": long}, finish_reason="length")
    chain = build_ownership_chain(model, max_reasks=2, extra_check=lambda out, inputs: ["Say more about the impact."])
    with pytest.raises(OutputValidationError) as info:
        run(chain, step_inputs("ownership"))
    assert info.value.last_parsed == OwnershipOutput(statement="Sorry.")
    assert info.value.problems == [
        "Your answer was cut off because it was too long; keep every field shorter.",
        "Say more about the impact.",
    ]
    assert len(model.calls_for("ownership")) == 2  # the second cut answer was no better: no third call


# --- re-asks: the best attempt, when to stop, what counts as a problem --------------------------


def _by_statement(problems: dict[str, list[str]]) -> Any:
    """A check that returns the problems listed for a statement (none for any other)."""
    return lambda out, inputs: problems.get(out.statement, [])


def _statement(text: str) -> str:
    return json.dumps({"statement": text})


def test_the_best_attempt_is_kept_and_a_worse_reask_stops_the_step() -> None:
    answers = [_statement("First try."), _statement("Second try."), _statement("Third try.")]
    check = _by_statement({"First try.": ["a", "b"], "Second try.": ["c"], "Third try.": ["d", "e", "f"]})
    model = ScriptedChatModel(script={"ownership": answers})
    with pytest.raises(OutputValidationError) as info:
        run(build_ownership_chain(model, max_reasks=5, extra_check=check), step_inputs("ownership"))
    assert len(model.calls_for("ownership")) == 3  # the third answer was worse: no fourth call
    assert info.value.last_parsed == OwnershipOutput(statement="Second try.")
    assert info.value.problems == ["c"]
    assert info.value.last_output == _statement("Third try.")


def test_a_reask_that_does_not_reduce_the_problems_stops_the_step() -> None:
    model = ScriptedChatModel(script={"ownership": _statement("Same again.")})
    check = _by_statement({"Same again.": ["Say more about the impact."]})
    with pytest.raises(OutputValidationError) as info:
        run(build_ownership_chain(model, max_reasks=5, extra_check=check), step_inputs("ownership"))
    assert len(model.calls_for("ownership")) == 2
    assert info.value.n_attempts == 2
    assert info.value.problems == ["Say more about the impact."]


def test_reasks_continue_while_each_one_has_fewer_problems() -> None:
    answers = [_statement("One."), _statement("Two."), _statement("Three."), GOOD["positive"]]
    check = _by_statement({"One.": ["a", "b", "c"], "Two.": ["a", "b"], "Three.": ["a"]})
    model = ScriptedChatModel(script={"positive": answers})
    out = run(build_positive_chain(model, max_reasks=3, extra_check=check), step_inputs("positive"))
    assert out.statement == GOOD["positive"]["statement"]
    assert len(model.calls_for("positive")) == 4


def test_a_distinctive_word_of_the_example_is_asked_afresh_without_the_example() -> None:
    leaked = _statement("I'm sorry that 400 orders were lost, like a late bouquet at a wedding.")
    model = ScriptedChatModel(script={"positive": [leaked, GOOD["positive"]]})
    out = run(build_positive_chain(model), step_inputs("positive"))
    assert out.statement == GOOD["positive"]["statement"]
    first, again = (messages_of(c) for c in model.calls_for("positive"))
    assert "Example for another case" in str(first[1].content)
    # a small model shown the example (or its own copy) copies it again: the re-ask is the prompt without both
    assert len(again) == 2
    assert "Example for another case" not in str(again[1].content) and "bouquet" not in str(again[1].content)
    assert "Task: step 5, be positive." in str(again[1].content)


def test_an_example_word_that_is_also_in_the_notes_is_no_problem() -> None:
    parsed = PainOutput(statement="I'm sorry the bouquet was late.")
    assert example_leaks(parsed, ("bouquet", "venue"), "the bouquet order went to the old address") == []
    assert example_leaks(parsed, ("bouquet",), "the order went to the old address") == [
        "The word 'bouquet' comes from the example, not from my notes; write about my notes only."
    ]


def test_copied_instructions_are_reasked() -> None:
    task = next(line for line in load_prompt("positive").template.splitlines() if line.startswith("Task:"))
    task = task.removeprefix("Task: ")
    copied = _statement(task.rstrip(",. ") + ".")  # the task line, word for word
    model = ScriptedChatModel(script={"positive": [copied, GOOD["positive"]]})
    run(build_positive_chain(model), step_inputs("positive"))
    reask = str(model.calls_for("positive")[1]["messages"][-1].content)
    assert "- You copied words from my instructions; write about my case in your own words." in reask


def _six_words_of_the_example_answer(name: str) -> str:
    """Six words in a row of a prompt's example answer with none of its distinctive words (those are a
    problem of their own)."""
    prompt = load_prompt(name)
    line = next(line for line in prompt.template.splitlines() if line.startswith("Answer:"))
    answer = json.loads(line.removeprefix("Answer:").replace("{{", "{").replace("}}", "}"))
    texts = [value for item in answer["actions"] for value in item.values()]
    for text in texts:
        words = text.split()
        for i in range(len(words) - 5):
            window = words[i : i + 6]
            if not any(re.sub(r"'s$|[^a-z]", "", w.lower()) in prompt.example_words for w in window):
                return " ".join(window)
    raise AssertionError(f"no six plain words in a row in the example of prompts/{name}.md")


def test_six_words_of_a_style_only_example_answer_are_asked_afresh() -> None:
    plan = copy.deepcopy(GOOD["plan"])
    plan["actions"][0]["measure"] = _six_words_of_the_example_answer("plan")
    copied = json.dumps(plan)
    model = ScriptedChatModel(script={"plan": [copied, GOOD["plan"]]})
    assert load_prompt("plan").example_is_style_only is True
    run(build_plan_chain(model), step_inputs("plan"))  # no lesson to build in: the model is asked
    assert len(model.calls_for("plan")) == 2
    again = messages_of(model.calls_for("plan")[1])
    assert len(again) == 2 and "Answer:" not in str(again[1].content)


def test_a_salvage_that_passes_every_check_saves_the_reask() -> None:
    bad = _statement("I'm sorry 400 orders were lost. I apologize for any inconvenience.")
    check = _by_statement({"I'm sorry 400 orders were lost. I apologize for any inconvenience.": ["non-apology"]})

    def salvage(output: PositiveOutput, inputs: dict[str, Any]) -> PositiveOutput:
        return PositiveOutput(statement="I'm sorry 400 orders were lost.")

    model = ScriptedChatModel(script={"positive": bad})
    out = run(build_positive_chain(model, extra_check=check, salvage=salvage), step_inputs("positive"))
    assert out.statement == "I'm sorry 400 orders were lost."
    assert len(model.calls_for("positive")) == 1


def test_a_salvage_that_still_fails_a_check_is_not_used() -> None:
    bad = _statement("Sorry for any inconvenience.")
    check = _by_statement({"Sorry for any inconvenience.": ["non-apology"], "Sorry.": ["too short"]})
    model = ScriptedChatModel(script={"positive": [bad, GOOD["positive"]]})
    chain = build_positive_chain(
        model, extra_check=check, salvage=lambda out, inputs: PositiveOutput(statement="Sorry.")
    )
    out = run(chain, step_inputs("positive"))
    assert out.statement == GOOD["positive"]["statement"]
    assert_reask(model.calls_for("positive")[1], bad, "- non-apology")


def test_an_english_answer_to_notes_in_another_language_is_reasked() -> None:
    german = "hab die tourenplanung für mo mit der alten kundenliste hochgeladen, 23 stopps falsch\nich war es"
    english = json.dumps({"statement": "I uploaded the tour plan for Monday with the old customer list."})
    deutsch = json.dumps({"statement": "Ich habe die Tourenplanung für Mo mit der alten Kundenliste hochgeladen."})
    model = ScriptedChatModel(script={"ownership": [english, deutsch]})
    inputs = step_inputs("ownership").model_copy(update={"notes": german})
    out = run(build_ownership_chain(model), inputs)
    assert out.statement.startswith("Ich habe")
    assert "Write every text in German, the language of my notes, not in English." in str(
        model.calls_for("ownership")[1]["messages"][-1].content
    )
    assert wrong_language(OwnershipOutput(statement="I pushed it."), "pushed config w/o tests") == []
