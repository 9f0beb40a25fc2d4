"""Shared inputs and prompt assertions for the per-step chain tests (not itself a test module)."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.runnables import Runnable

from assistant.chains.intake import settle_facts
from assistant.chains.lessons import to_lessons
from assistant.chains.plan import settle_plan
from assistant.chains.report_back import report_back
from assistant.domain.language import language_instruction
from assistant.domain.schema import (
    Draft,
    DraftOptions,
    Facts,
    IntakeOutput,
    LessonPartsOutput,
    Message,
    PlanAction,
    PlanStepsOutput,
)
from assistant.domain.settle import wording
from assistant.domain.step_inputs import StepInputs
from assistant.model.prompts import load_prompt
from assistant.model.testing import STEP_MARKERS, good_script
from assistant.workflows.assemble import assemble_message
from assistant.workflows.draft import Pipeline
from assistant.workflows.step_inputs import (
    compose_inputs,
    intake_inputs,
    pain_inputs,
    with_lessons,
    with_plan,
    writing_inputs,
)

TODAY = dt.date(2026, 11, 27)
# The software-outage example (examples/software-outage.md): the notes good_script()'s intake quotes.
NOTES = (
    "pushed the payments config change on friday afternoon w/o running the staging tests "
    "(wanted to get it out before the weekend)\n"
    "checkout was down ~3h (14:10-17:05), ~400 orders lost, support got 60+ tickets\n"
    "on-call (Priya) found it, I rolled back at 17:05\n"
    "Dana (my manager, eng director) had to explain it to the VP on Saturday\n"
    "I already wrote the incident timeline"
)
GOOD: dict[str, Any] = good_script(TODAY.isoformat())
PAIN = f"{GOOD['pain']['statement']} {wording(None).landed}"  # a draft's pain: the model's sentence, the program's line


def sample_facts() -> Facts:
    """The facts the intake chain settles from the good script's quotes of :data:`NOTES`."""
    return settle_facts(IntakeOutput.model_validate(GOOD["intake"]), NOTES)


def sample_plan() -> list[PlanAction]:
    """The good script's plan with the owner and due dates the plan chain settles (dues 4 and 11 Dec)."""
    return settle_plan(PlanStepsOutput.model_validate(GOOD["plan"]).actions, TODAY).actions


def sample_lessons() -> list[str]:
    """The good script's lessons as the lessons chain joins them (weak point, then what I now do)."""
    return to_lessons(LessonPartsOutput.model_validate(GOOD["lessons"])).lessons


def sample_draft(**update: Any) -> Draft:
    """A finished draft built from the good script's answers, its message assembled by the program."""
    plan = sample_plan()
    draft = Draft(
        notes=NOTES,
        today=TODAY,
        facts=sample_facts(),
        pain=PAIN,
        ownership=GOOD["ownership"]["statement"],
        lessons=sample_lessons(),
        plan=plan,
        positive=GOOD["positive"]["statement"],
        report_back=report_back(plan).checkins,
        message=Message(channel="email", subject="", body=""),
    )
    draft = draft.model_copy(update={"message": assemble_message(draft, draft.options)})
    return draft.model_copy(update=update)


def step_inputs(step: str, options: DraftOptions | None = None) -> StepInputs:
    """The inputs the pipeline gives ``step`` for the sample notes."""
    options = options or DraftOptions()
    if step == "intake":
        return intake_inputs(NOTES, TODAY, options)
    if step == "pain":
        return pain_inputs(NOTES, TODAY, options)
    if step == "report_back":
        return with_plan(writing_inputs(sample_facts(), NOTES, TODAY, options), sample_plan())
    if step == "compose":
        return compose_inputs(sample_draft(), options)
    if step == "positive":  # written after the lessons, on the habit the first one names
        return with_lessons(writing_inputs(sample_facts(), NOTES, TODAY, options), sample_lessons())
    return writing_inputs(sample_facts(), NOTES, TODAY, options)


def facts_changed(inputs: StepInputs, update: dict[str, Any]) -> StepInputs:
    """``inputs`` with some of their facts changed."""
    assert inputs.facts is not None
    return inputs.model_copy(update={"facts": inputs.facts.model_copy(update=update)})


OPEN_LINE = "haven't answered the 60+ tickets yet"


def open_step_inputs(step: str) -> StepInputs:
    """:func:`step_inputs` for notes that leave something open (the plan then asks the model for an action)."""
    inputs = step_inputs(step)
    return inputs.model_copy(update={"notes": f"{inputs.notes}\n{OPEN_LINE}"})


def prompt_line(step: str, **value: str) -> str:
    """The line of ``prompts/<step>.md`` that holds the one placeholder given, filled in: what the model reads
    there (so a test checks the value without copying the prompt's label)."""
    ((name, text),) = value.items()
    line = next(line for line in load_prompt(step).template.splitlines() if "{" + name + "}" in line)
    return line.replace("{" + name + "}", text) + "\n"


def validated_chain(step: str, model: BaseChatModel, max_reasks: int = 2) -> Runnable[StepInputs, Any]:
    """The step's chain as a draft runs it: its own checks, then the validator's (placeholders, the message's
    length and every other rule of :func:`~assistant.validator.checks.step_problems`)."""
    return Pipeline(model, max_reasks=max_reasks).chains[step]


def run(chain: Runnable[StepInputs, Any], inputs: StepInputs) -> Any:
    return asyncio.run(chain.ainvoke(inputs))


def messages_of(call: dict[str, Any]) -> list[BaseMessage]:
    messages: list[BaseMessage] = call["messages"]
    return messages


def assert_prompt_layout(call: dict[str, Any], step: str) -> None:
    """System message is the shared one; the notes sit in <notes> tags in the user message only (a step given
    only the program's quotes of them has those in the tags, and not the notes)."""
    system, user = messages_of(call)[:2]
    assert isinstance(system, SystemMessage) and isinstance(user, HumanMessage)
    assert system.content == load_prompt("system").render()
    assert NOTES not in str(system.content)
    if not load_prompt(step).with_notes:
        assert NOTES not in str(user.content) and "<notes>" in str(user.content)
        assert STEP_MARKERS[step] in str(user.content)
        return
    assert f"<notes>\n{NOTES}\n</notes>" in str(user.content)
    notes_part = load_prompt("notes").render(notes=NOTES, language=language_instruction(NOTES))
    assert str(user.content).startswith(notes_part.rstrip("\n"))
    assert STEP_MARKERS[step] in str(user.content)


def assert_reask(call: dict[str, Any], bad_answer: str, *needles: str) -> None:
    """The call re-asks: it replays the bad answer and lists the problems in plain words."""
    *_, previous, reask = messages_of(call)
    assert isinstance(previous, AIMessage) and previous.content == bad_answer
    assert isinstance(reask, HumanMessage)
    assert str(reask.content).startswith("Your answer has these problems:")
    for needle in needles:
        assert needle in str(reask.content)


def assert_json_schema_requested(call: dict[str, Any], step: str, type_name: str) -> None:
    kwargs = call["kwargs"]
    response_format = kwargs["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == type_name
    assert response_format["json_schema"]["strict"] is True
    assert kwargs.get("max_tokens") == load_prompt(step).max_tokens
