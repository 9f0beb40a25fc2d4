"""Step 2, own the problem (``prompts/ownership.md``)."""

from __future__ import annotations

from collections.abc import Callable

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable

from assistant.chains._step import Check, FormatState, build_step_chain
from assistant.domain.schema import OwnershipOutput
from assistant.domain.step_inputs import StepInputs
from assistant.domain.text_checks import finish_sentences, not_blank


def ownership_problems(ownership: OwnershipOutput, inputs: StepInputs) -> list[str]:
    """Structural problems of the ownership statement."""
    return not_blank("statement", ownership.statement)


def tidy_ownership(output: OwnershipOutput) -> OwnershipOutput:
    """Trim whitespace and an unfinished last sentence."""
    return output.model_copy(update={"statement": finish_sentences(output.statement)})


def build_ownership_chain(
    model: BaseChatModel,
    *,
    max_reasks: int = 2,
    format_state: FormatState | None = None,
    extra_check: Check | None = None,
    salvage: Callable[[OwnershipOutput, StepInputs], OwnershipOutput | None] | None = None,
) -> Runnable[StepInputs, OwnershipOutput]:
    """Runnable taking the shared inputs and returning :class:`OwnershipOutput`."""

    return build_step_chain(
        "ownership",
        model,
        OwnershipOutput,
        max_reasks=max_reasks,
        checks=[ownership_problems, extra_check],
        format_state=format_state,
        salvage=salvage,
        repair=tidy_ownership,
    )
