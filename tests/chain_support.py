"""Shared inputs and prompt assertions for the per-step chain tests (not itself a test module)."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.runnables import Runnable

from assistant.chains._format import facts_text, leader_text, plan_text, today_text
from assistant.language import language_instruction
from assistant.pipeline import compose_inputs
from assistant.prompts import load_prompt
from assistant.schema import CheckIn, Draft, DraftOptions, Facts, Message, PlanAction
from assistant.testing import STEP_MARKERS, good_script

TODAY = dt.date(2026, 11, 27)
NOTES = (
    "pushed the payments config change on friday w/o running the staging tests\n"
    "checkout down ~3h, ~400 orders lost\n"
    "Dana (my manager) had to explain it to the VP"
)
GOOD: dict[str, Any] = good_script(TODAY.isoformat())


def sample_facts() -> Facts:
    return Facts.model_validate(GOOD["intake"])


def sample_draft(**update: Any) -> Draft:
    """A finished draft built from the good script's answers."""
    draft = Draft(
        notes=NOTES,
        today=TODAY,
        facts=sample_facts(),
        pain=GOOD["pain"]["statement"],
        ownership=GOOD["ownership"]["statement"],
        lessons=GOOD["lessons"]["lessons"],
        plan=[PlanAction.model_validate(a) for a in GOOD["plan"]["actions"]],
        positive=GOOD["positive"]["statement"],
        report_back=[CheckIn.model_validate(c) for c in GOOD["report_back"]["checkins"]],
        message=Message(channel="email", **GOOD["compose"]),
    )
    return draft.model_copy(update=update)


def step_inputs(step: str, options: DraftOptions | None = None) -> dict[str, Any]:
    """The inputs the pipeline gives ``step`` for the sample notes."""
    base: dict[str, Any] = {"notes": NOTES, "today": today_text(TODAY), "today_date": TODAY}
    facts = sample_facts()
    if step == "intake":
        return base
    if step == "report_back":
        return {**base, "plan": plan_text(sample_draft().plan)}
    if step == "compose":
        return compose_inputs(sample_draft(), options or DraftOptions())
    return {**base, "facts": facts_text(facts), "leader": leader_text(facts)}


def run(chain: Runnable[dict[str, Any], Any], inputs: dict[str, Any]) -> Any:
    return asyncio.run(chain.ainvoke(inputs))


def messages_of(call: dict[str, Any]) -> list[BaseMessage]:
    messages: list[BaseMessage] = call["messages"]
    return messages


def assert_prompt_layout(call: dict[str, Any], step: str) -> None:
    """System message is the shared one; the notes sit in <notes> tags in the user message only."""
    system, user = messages_of(call)[:2]
    assert isinstance(system, SystemMessage) and isinstance(user, HumanMessage)
    assert system.content == load_prompt("system").render()
    assert NOTES not in str(system.content)
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
