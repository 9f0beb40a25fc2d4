"""Intake: pull the facts out of the user's notes (``prompts/intake.md``)."""

from __future__ import annotations

from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable

from assistant.chains._checks import not_blank
from assistant.chains._step import FormatState, build_step_chain
from assistant.schema import Facts


def check_facts(facts: Facts, inputs: dict[str, Any]) -> list[str]:
    """The facts must at least say what happened (all-empty facts mean the notes are not about a mistake)."""
    if not any(part.strip() for part in (facts.what_happened, facts.impact, facts.cause)):
        return []
    return not_blank("what_happened field", facts.what_happened)


def build_intake_chain(
    model: BaseChatModel, *, max_reasks: int = 2, format_state: FormatState | None = None
) -> Runnable[dict[str, Any], Facts]:
    """Runnable taking ``{"notes"}`` and returning :class:`Facts`."""
    return build_step_chain(
        "intake", model, Facts, max_reasks=max_reasks, checks=[check_facts], format_state=format_state
    )
