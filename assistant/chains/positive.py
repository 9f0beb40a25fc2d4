"""Step 5, be positive (``prompts/positive.md``).

The model writes one sentence of commitment around the habit the first lesson names (the same habit the
plan puts on my checklist). With no such habit there is nothing specific to be confident in, and the
program's sentence stands, with no model call; so it does when the model's sentence still fails its checks
after the re-asks, since the program's always passes them. Asked without a habit, a small model made up what
would "catch this kind of slip" ("the db cleanup will catch this kind of error").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableConfig

from assistant.chains._step import Check, FormatState, as_runnable, build_step_chain
from assistant.chains.plan import lesson_habit
from assistant.domain.errors import ModelRefusalError, OutputValidationError
from assistant.domain.language import detect_language
from assistant.domain.schema import PositiveOutput
from assistant.domain.settle import wording
from assistant.domain.step_inputs import StepInputs
from assistant.domain.text_checks import finish_sentences, not_blank


def positive_problems(positive: PositiveOutput, inputs: StepInputs) -> list[str]:
    """Structural problems of the positive statement."""
    return not_blank("statement", positive.statement)


def tidy_positive(output: PositiveOutput) -> PositiveOutput:
    """Trim whitespace and an unfinished last sentence."""
    return output.model_copy(update={"statement": finish_sentences(output.statement)})


def committed(inputs: StepInputs) -> PositiveOutput:
    """The program's sentence of commitment, in the notes' language, for a draft whose lesson names no habit."""
    return PositiveOutput(statement=wording(detect_language(inputs.notes)).committed)


def build_positive_chain(
    model: BaseChatModel,
    *,
    max_reasks: int = 2,
    format_state: FormatState | None = None,
    extra_check: Check | None = None,
    salvage: Callable[[PositiveOutput, StepInputs], PositiveOutput | None] | None = None,
) -> Runnable[StepInputs, PositiveOutput]:
    """Runnable taking the shared inputs and the ``lessons`` and returning :class:`PositiveOutput`."""
    written = build_step_chain(
        "positive",
        model,
        PositiveOutput,
        max_reasks=max_reasks,
        checks=[positive_problems, extra_check],
        format_state=format_state,
        salvage=salvage,
        repair=tidy_positive,
    )

    async def run(inputs: StepInputs, config: RunnableConfig | None = None) -> PositiveOutput:
        habit = lesson_habit(inputs)
        if habit is None:
            return committed(inputs)
        try:
            output = await written.ainvoke(inputs.with_texts(habit=habit), config=config)
        except ModelRefusalError:  # named to the user, not covered up
            raise
        except OutputValidationError:  # no usable sentence after the re-asks: the program's stands in for it
            return committed(inputs)
        if detect_language(inputs.notes) is not None:
            return output  # type: ignore[no-any-return]
        return output.model_copy(update={"statement": without_the_habit(output.statement, habit)})

    return as_runnable(run, "positive")


def without_the_habit(statement: str, habit: str) -> str:
    """The sentence with a long habit copied whole ("I'm confident the check every invite against everyone whose
    work it touches before it goes out will catch ...") named short instead ("this new habit"): my leader has just
    read it in the lesson, and a verb phrase after "the" is not English."""
    if len(habit.split()) < 5:
        return statement
    return re.sub(rf"\b(?:the|my|this)\s+{re.escape(habit.rstrip('.'))}", "this new habit", statement, flags=re.I)
