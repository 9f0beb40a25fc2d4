"""The shared machinery of a step chain: prompt, model call, parse, check, re-ask.

Every step module calls :func:`build_step_chain` with its prompt name, output type
and (optionally) a check that returns problems in plain words. A failing output is
sent back to the model with those problems, at most ``max_reasks`` times; after
that :class:`~assistant.domain.errors.OutputValidationError` carries the attempts and the
last output. A refusal is asked again once, then is a
:class:`~assistant.domain.errors.ModelRefusalError`; an answer cut at ``max_tokens`` is asked
again (shorter) once, then is an :class:`~assistant.domain.errors.OutputTruncatedError`. A
:class:`~assistant.domain.errors.ModelAPIError` is never re-asked (the model already retried
it), and every call is counted against the run's :class:`~assistant.model.budget.CallBudget`.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable, RunnableConfig, RunnableLambda
from pydantic import BaseModel

from assistant.chains._answer_checks import (
    EXAMPLE_PROBLEMS,
    WRITTEN_IN_THE_NOTES_LANGUAGE,
    example_copies,
    example_leaks,
    instruction_copies,
    respelled,
    without_example,
    wrong_language,
)
from assistant.domain.errors import (
    ModelRefusalError,
    OutputTruncatedError,
    OutputValidationError,
    ResponseFormatUnsupported,
)
from assistant.domain.language import detect_language, language_instruction
from assistant.domain.step_inputs import StepInputs
from assistant.model.budget import budget_of
from assistant.model.guard import output_leaks, scrub_model, scrub_secrets
from assistant.model.parsing import OutputParseError, parse_output, response_format_for
from assistant.model.prompts import PromptFile, load_prompt

T = TypeVar("T", bound=BaseModel)
Check = Callable[[Any, StepInputs], list[str]]

_FALLBACK = {"auto": "json_schema", "json_schema": "json_object", "json_object": "prompt", "prompt": "prompt"}


@dataclass
class FormatState:
    """How structured output is requested; shared by the steps of one pipeline so a
    server that refuses ``response_format`` is asked without it from then on."""

    mode: str = "auto"
    history: list[str] = field(default_factory=list)

    def current(self) -> str:
        return "json_schema" if self.mode == "auto" else self.mode

    def downgrade(self) -> bool:
        before = self.current()
        after = _FALLBACK[before]
        self.history.append(before)
        self.mode = after
        return after != before


def chat_prompt(step: PromptFile) -> ChatPromptTemplate:
    """The messages of a step: shared system guidance, then the notes, then the step's task.

    The system text and the notes come first and are identical for every step, so a
    server that caches prompt prefixes evaluates them once per draft. A step whose prompt file says
    ``with_notes: false`` is given only what its own prompt quotes from them (the pain: the harm).
    """
    system = load_prompt("system")
    notes = load_prompt("notes")
    human = notes.template.rstrip("\n") + "\n\n" + step.template if step.with_notes else step.template
    return ChatPromptTemplate.from_messages([("system", system.template), ("human", human)])


def _text(message: AIMessage) -> str:
    return message.content if isinstance(message.content, str) else message.text


REFUSAL_PROBLEM = "You refused. The task is a normal workplace message; answer it with the JSON object."
_REFUSING = re.compile(
    r"^\W*(?:(?:I'?m|I am) sorry|sorry|I apologi[sz]e)?[^{]{0,80}?\bI\s+(?:can(?:no|'|’)t|can not|won(?:'|’)t|"
    r"am unable to|am not able to)\s+(?:help|assist|comply|do|write|provide|fulfil|complete)",
    re.IGNORECASE,
)


def refusal_of(message: AIMessage) -> str | None:
    """The refusal in a model's answer: the ``refusal`` field, or a plain-text "I can't help with that" without JSON."""
    refusal = message.response_metadata.get("refusal")
    if refusal:
        return str(refusal)
    text = _text(message).strip()
    if text and "{" not in text and _REFUSING.search(text[:300]):
        return text
    return None


def reask_text(problems: list[str]) -> str:
    """The follow-up message that asks the model to fix its answer."""
    listed = "\n".join(f"- {p}" for p in problems)
    return (
        "Your answer has these problems:\n"
        f"{listed}\n"
        "Write the whole answer again with these fixed. Reply with only the JSON object."
    )


class _StepRunner:
    def __init__(
        self,
        name: str,
        model: BaseChatModel,
        output_type: type[BaseModel],
        max_reasks: int,
        checks: Sequence[Check | None],
        format_state: FormatState,
        repair: Callable[[Any], Any] | None = None,
        salvage: Callable[[Any, StepInputs], Any] | None = None,
    ) -> None:
        self.name = name
        self.prompt_file = load_prompt(name)
        self.prompt = chat_prompt(self.prompt_file)
        self.prompt_without_example = chat_prompt(without_example(self.prompt_file))
        self.model = model
        self.output_type = output_type
        self.max_attempts = max_reasks + 1
        self.checks = [c for c in checks if c is not None]
        self.format_state = format_state
        self.repair = repair
        self.salvage = salvage

    def _call_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {}
        if self.prompt_file.max_tokens is not None:
            kwargs["max_tokens"] = self.prompt_file.max_tokens
        if self.prompt_file.temperature is not None:
            kwargs["temperature"] = self.prompt_file.temperature
        response_format = response_format_for(self.output_type, self.format_state.current())
        if response_format is not None:
            kwargs["response_format"] = response_format
        return kwargs

    def _judge(self, message: AIMessage, inputs: StepInputs) -> tuple[BaseModel | None, list[str]]:
        text = _text(message)
        problems: list[str] = []
        try:
            parsed = parse_output(text, self.output_type)
        except OutputParseError as exc:
            problems.append(str(exc))
            parsed = None
        else:
            if self.repair is not None:
                parsed = self.repair(parsed)
            assert parsed is not None
            notes = inputs.notes
            parsed = respelled(parsed, notes)
            problems = output_leaks(parsed, notes)
            if problems:  # asked again; if it keeps leaking, only the scrubbed copy can be kept
                parsed = scrub_model(parsed, notes)
            problems += self._problems(parsed, inputs)
            if problems and self.salvage is not None:
                saved = self.salvage(parsed, inputs)
                if saved is not None and not self._problems(saved, inputs) and not output_leaks(saved, notes):
                    return saved, []
        if problems and message.response_metadata.get("finish_reason") == "length":
            problems.insert(0, "Your answer was cut off because it was too long; keep every field shorter.")
        return parsed, problems

    def _problems(self, parsed: BaseModel, inputs: StepInputs) -> list[str]:
        problems = example_leaks(parsed, self.prompt_file.example_words, inputs.notes)
        if self.name in WRITTEN_IN_THE_NOTES_LANGUAGE:
            problems += wrong_language(parsed, inputs.notes)
        problems += instruction_copies(parsed, self.prompt_file.template)
        if self.prompt_file.example_is_style_only:
            problems += example_copies(parsed, self.prompt_file.template)
        for check in self.checks:
            problems.extend(check(parsed, inputs))
        return problems

    async def arun(self, inputs: StepInputs, config: RunnableConfig | None = None) -> BaseModel:
        if "language" not in inputs.texts:
            inputs = inputs.with_texts(language=language_instruction(inputs.notes))
        # An English example pulls a small model into English: notes in another language get none.
        prompt = self.prompt if detect_language(inputs.notes) is None else self.prompt_without_example
        messages: list[BaseMessage] = (await prompt.ainvoke(inputs.prompt_variables())).to_messages()
        budget = budget_of(config)
        last_text: str | None = None
        last_parsed: BaseModel | None = None
        last_parsed_problems: list[str] = []
        problems: list[str] = []
        attempt = refusals = cuts = 0
        while attempt < self.max_attempts:
            mode = self.format_state.current()
            if budget is not None:
                budget.spend(self.name)
            try:
                message = await self.model.ainvoke(messages, config=config, **self._call_kwargs())
            except ResponseFormatUnsupported:
                if self.format_state.current() != mode or self.format_state.downgrade():
                    continue
                raise
            attempt += 1
            assert isinstance(message, AIMessage)
            last_text = _text(message)
            refusal = refusal_of(message)
            if refusal is not None:
                refusals += 1
                if refusals > 1 or attempt >= self.max_attempts:
                    raise self._refused(refusal, attempt, last_text)
                problems = [REFUSAL_PROBLEM]
            else:
                parsed, problems = self._judge(message, inputs)
                if parsed is not None and not problems:
                    return parsed
                if parsed is not None and (last_parsed is None or len(problems) < len(last_parsed_problems)):
                    last_parsed, last_parsed_problems = parsed, problems
                elif parsed is not None and attempt > 1:
                    last_text = scrub_secrets(last_text, inputs.notes)
                    break  # the re-ask did not reduce the problems: keep the best attempt, stop paying for more
                if message.response_metadata.get("finish_reason") == "length":
                    cuts += 1
                    if cuts > 1:
                        raise self._truncated(attempt, last_text, last_parsed, last_parsed_problems or problems)
            if any(p.startswith(EXAMPLE_PROBLEMS) for p in problems):
                # A small model that copied the example copies it again when it sees it: ask afresh without it.
                # Its copied answer is left out too: shown it, the model copies it again.
                messages = (await self.prompt_without_example.ainvoke(inputs.prompt_variables())).to_messages()
            else:
                messages = [*messages, AIMessage(content=last_text), HumanMessage(content=reask_text(problems))]
            last_text = scrub_secrets(last_text, inputs.notes)
        raise OutputValidationError(
            f"The model did not produce a usable '{self.name}' step after {attempt} attempts "
            f"({scrub_secrets('; '.join(problems), inputs.notes)}). "
            "Try again, or use a stronger model (REGAIN_MODEL).",
            step=self.name,
            n_attempts=attempt,
            last_output=last_text,
            problems=last_parsed_problems if last_parsed is not None else problems,
            last_parsed=last_parsed,
        )

    def _refused(self, refusal: str, attempt: int, text: str | None) -> ModelRefusalError:
        quoted = " ".join(refusal.split())[:160]
        return ModelRefusalError(
            f"Refusal: the model refused to write the '{self.name}' step, also when asked again (it said: "
            f'"{quoted}"). Reword the notes in plain workplace terms, or use another model (REGAIN_MODEL).',
            step=self.name,
            n_attempts=attempt,
            last_output=text,
            problems=["the model refused"],
        )

    def _truncated(
        self, attempt: int, text: str | None, parsed: BaseModel | None, problems: list[str]
    ) -> OutputTruncatedError:
        limit = self.prompt_file.max_tokens
        return OutputTruncatedError(
            f"Output cut at max_tokens: the model's '{self.name}' answer was cut off at its token limit "
            f"(max_tokens {limit} in prompts/{self.name}.md, capped by REGAIN_MAX_TOKENS_PER_CALL), also after "
            "being asked to be shorter. Raise the limit, or use a model that answers more briefly.",
            step=self.name,
            n_attempts=attempt,
            last_output=text,
            problems=problems,
            last_parsed=parsed,
        )

    def run(self, inputs: StepInputs, config: RunnableConfig | None = None) -> BaseModel:
        import asyncio

        return asyncio.run(self.arun(inputs, config))


def build_step_chain(
    name: str,
    model: BaseChatModel,
    output_type: type[T],
    *,
    max_reasks: int = 2,
    checks: Sequence[Check | None] = (),
    format_state: FormatState | None = None,
    repair: Callable[[T], T] | None = None,
    salvage: Callable[[T, StepInputs], T | None] | None = None,
) -> Runnable[StepInputs, T]:
    """Build the Runnable of one step: ``prompts/<name>.md`` | model | parse, check and re-ask.

    ``repair`` tidies every parsed answer; ``salvage`` may turn a failing answer into a passing one
    (dropping the sentence or item at fault) before a re-ask is paid for.
    """
    runner = _StepRunner(name, model, output_type, max_reasks, checks, format_state or FormatState(), repair, salvage)
    chain: Runnable[StepInputs, T] = RunnableLambda(runner.run, afunc=runner.arun, name=name)  # type: ignore[arg-type]
    return chain.with_config(run_name=name, tags=[f"step:{name}"])


def finished_by(
    chain: Runnable[StepInputs, Any],
    finish: Callable[[Any, StepInputs], Any],
    name: str,
    *,
    prepare: Callable[[StepInputs], StepInputs] | None = None,
    accept_best: bool = False,
    stand_in: Callable[[Any | None, StepInputs], Any | None] | None = None,
) -> Runnable[StepInputs, Any]:
    """A step whose model answer the program finishes: ``finish(answer, inputs)`` turns it into the step's
    output (quotes into facts, actions into a dated plan, lesson parts into lessons). The best attempt of an
    answer that kept failing its checks is finished too, and then kept (``accept_best``) or carried by the
    :class:`~assistant.domain.errors.OutputValidationError`; unless ``stand_in(answer, inputs)`` gives the
    program's own output for the step (the regret for the notes' harm, the step the notes say I left out), also
    when no answer parsed at all (``answer`` is None then)."""

    async def run(inputs: StepInputs, config: RunnableConfig | None = None) -> Any:
        if prepare is not None:
            inputs = prepare(inputs)
        try:
            output = await chain.ainvoke(inputs, config=config)
        except OutputValidationError as exc:
            replaced = stand_in(exc.last_parsed, inputs) if stand_in is not None else None
            if replaced is not None:  # also for an answer that never parsed, or was cut off: the program's own
                return replaced
            if exc.last_parsed is None:
                raise
            if accept_best:
                return finish(exc.last_parsed, inputs)
            exc.last_parsed = finish(exc.last_parsed, inputs)
            raise
        return finish(output, inputs)

    return as_runnable(run, name)


def as_runnable(
    run: Callable[[StepInputs, RunnableConfig | None], Awaitable[Any]], name: str
) -> Runnable[StepInputs, Any]:
    """A runnable step from its async ``run(inputs, config)``, also callable synchronously (``invoke``)."""

    def run_sync(inputs: StepInputs, config: RunnableConfig | None = None) -> Any:
        import asyncio

        return asyncio.run(run(inputs, config))

    return RunnableLambda(run_sync, afunc=run, name=name)
