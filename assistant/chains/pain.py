"""Step 1, show your pain (``prompts/pain.md``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable

from assistant.chains._checks import finish_sentences, not_blank, placeholders
from assistant.chains._step import Check, FormatState, build_step_chain
from assistant.schema import PainOutput


def check_pain(pain: PainOutput, inputs: dict[str, Any]) -> list[str]:
    """Structural problems of the pain statement."""
    return not_blank("statement", pain.statement) + placeholders(pain.statement)


def tidy_pain(output: PainOutput) -> PainOutput:
    """Trim whitespace and an unfinished last sentence."""
    return output.model_copy(update={"statement": finish_sentences(output.statement)})


def build_pain_chain(
    model: BaseChatModel,
    *,
    max_reasks: int = 2,
    format_state: FormatState | None = None,
    extra_check: Check | None = None,
    salvage: Callable[[PainOutput, dict[str, Any]], PainOutput | None] | None = None,
) -> Runnable[dict[str, Any], PainOutput]:
    """Runnable taking the shared inputs and returning :class:`PainOutput`."""

    return build_step_chain(
        "pain",
        model,
        PainOutput,
        max_reasks=max_reasks,
        checks=[check_pain, extra_check],
        format_state=format_state,
        salvage=salvage,
        repair=tidy_pain,
    )
