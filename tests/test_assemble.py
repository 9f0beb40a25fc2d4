"""The message put together from the six parts without a model: every step, cut to fit the length."""

from __future__ import annotations

import pytest
from chain_support import sample_draft

from assistant.assemble import assemble_message, first_sentences
from assistant.chains.compose import LENGTH_WORDS
from assistant.schema import Draft, DraftOptions
from assistant.validator import validate

LONG_PAIN = (
    "I'm sorry that about 400 orders were lost on Friday. Checkout was down for about three hours. "
    "Support got more than 60 tickets, and you had to explain it to the VP. I regret the extra work this made for "
    "the on-call engineer. It bothers me that customers paid for my shortcut."
)
LONG_OWNERSHIP = (
    "I pushed the payments config change on Friday without running the staging tests. That was my decision. "
    "I wanted it out before the weekend, and I chose speed over the check that exists for this. "
    "Nobody asked me to skip it."
)


def _long_draft() -> Draft:
    return sample_draft(pain=LONG_PAIN, ownership=LONG_OWNERSHIP)


def test_first_sentences() -> None:
    assert first_sentences("One. Two! Three? Four.", 2) == "One. Two!"
    assert first_sentences("Only one", 3) == "Only one"
    assert first_sentences("Down 3.5 hours. Then up.", 1) == "Down 3.5 hours."


def test_a_short_draft_is_assembled_whole() -> None:
    draft = sample_draft()
    message = assemble_message(draft, DraftOptions())
    assert message.assembled and message.body.startswith("Dana, " + draft.pain)
    assert draft.ownership in message.body and draft.positive in message.body


@pytest.mark.parametrize(
    ("channel", "length", "target"),
    [("email", "short", "short"), ("chat", "medium", "medium"), ("chat", "short", "long")],
)
def test_long_parts_are_cut_to_their_first_sentences_to_fit(channel: str, length: str, target: str) -> None:
    """Cut until the length asked for is met; when even first sentences are too long (a short chat message), the
    channel's hard limit still holds and every step stays in."""
    options = DraftOptions(channel=channel, length=length)  # type: ignore[arg-type]
    draft = _long_draft()
    message = assemble_message(draft, options)
    assert len(message.body.split()) <= LENGTH_WORDS[channel][target]
    assert "I'm sorry that about 400 orders were lost on Friday." in message.body
    assert "I pushed the payments config change on Friday without running the staging tests." in message.body
    checked = draft.model_copy(update={"message": message, "options": options})
    assert not [f for f in validate(checked).findings if f.step == "message" and f.severity == "error"]


def test_talking_points_are_one_short_line_per_point() -> None:
    options = DraftOptions(channel="talking_points")
    message = assemble_message(_long_draft(), options)
    lines = message.body.splitlines()
    assert len(lines) <= LENGTH_WORDS["talking_points"]["medium"]
    assert all(line.startswith("- ") for line in lines)
    assert lines[0] == "- I'm sorry that about 400 orders were lost on Friday."
