"""Compose the message to the leader from the six steps (``prompts/compose.md``)."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable

from assistant.chains._step import Check, FormatState, build_step_chain
from assistant.domain.schema import MessageOutput
from assistant.domain.step_inputs import StepInputs
from assistant.domain.text_checks import LENGTH_WORDS, markup_matches, not_blank, placeholder_matches


def length_text(channel: str, length: str) -> str:
    """The length instruction for a channel: words for prose, bullets for talking points."""
    limit = LENGTH_WORDS[channel][length]
    return f"at most {limit} bullet lines" if channel == "talking_points" else f"at most {limit} words"


def _only_a_placeholder(line: str) -> bool:
    """A line that is nothing but a placeholder ("[Your Name]") or a tag ("<br>"): dropped without a re-ask."""
    return any(m.group(0) == line for m in [*placeholder_matches(line), *markup_matches(line)])


def tidy_message(message: MessageOutput) -> MessageOutput:
    """Drop lines that hold only a placeholder, such as a '[Your Name]' signature."""
    kept = [line for line in message.body.splitlines() if not _only_a_placeholder(line.strip())]
    return message.model_copy(update={"body": "\n".join(kept).strip(), "subject": message.subject.strip()})


def message_problems(message: MessageOutput, inputs: StepInputs) -> list[str]:
    """The message must have a body. Its length against the one chosen and its placeholders are the validator's
    (``MSG_LENGTH``, ``MSG_PLACEHOLDER``), which the pipeline adds to the step's checks."""
    return not_blank("body", message.body)


def build_compose_chain(
    model: BaseChatModel,
    *,
    max_reasks: int = 2,
    format_state: FormatState | None = None,
    extra_check: Check | None = None,
) -> Runnable[StepInputs, MessageOutput]:
    """Runnable taking the notes, the six parts and the message options; returns :class:`MessageOutput`."""

    return build_step_chain(
        "compose",
        model,
        MessageOutput,
        max_reasks=max_reasks,
        checks=[message_problems, extra_check],
        format_state=format_state,
        repair=tidy_message,
    )
