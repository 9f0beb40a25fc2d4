"""Step 5, be positive (``prompts/positive.md``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable

from assistant.chains._step import Check, FormatState, build_step_chain
from assistant.domain.schema import PositiveOutput
from assistant.domain.text_checks import finish_sentences, not_blank, placeholders


def check_positive(positive: PositiveOutput, inputs: dict[str, Any]) -> list[str]:
    """Structural problems of the positive statement."""
    return not_blank("statement", positive.statement) + placeholders(positive.statement)


def tidy_positive(output: PositiveOutput) -> PositiveOutput:
    """Trim whitespace and an unfinished last sentence."""
    return output.model_copy(update={"statement": finish_sentences(output.statement)})


def build_positive_chain(
    model: BaseChatModel,
    *,
    max_reasks: int = 2,
    format_state: FormatState | None = None,
    extra_check: Check | None = None,
    salvage: Callable[[PositiveOutput, dict[str, Any]], PositiveOutput | None] | None = None,
) -> Runnable[dict[str, Any], PositiveOutput]:
    """Runnable taking the shared inputs and returning :class:`PositiveOutput`."""

    return build_step_chain(
        "positive",
        model,
        PositiveOutput,
        max_reasks=max_reasks,
        checks=[check_positive, extra_check],
        format_state=format_state,
        salvage=salvage,
        repair=tidy_positive,
    )
