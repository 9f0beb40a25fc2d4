"""The harm as the leader reads it: said to them, with its person named and without asides."""

from __future__ import annotations

import pytest

from assistant.domain.harm_said import addressed_to, named_subject, without_asides


@pytest.mark.parametrize(
    ("harm", "said"),
    [
        ("she raised it in her skip-level with Patrick (my manager), said she feels invisible",
         "she raised it in her skip-level with you, said she feels invisible"),
        ("Dana had to tell the VP", "you had to tell the VP"),
        ("my boss Anneke (CFO) got the letter directly, not from me", "you got the letter directly, not from me"),
        ("Dana's team lost 400 orders", "your team lost 400 orders"),
        ("400 orders lost, Danai noticed", "400 orders lost, Danai noticed"),  # another name
    ],
)  # fmt: skip
def test_the_harm_is_said_to_the_leader(harm: str, said: str) -> None:
    leader = "Anneke" if "Anneke" in harm else "Patrick" if "Patrick" in harm else "Dana"
    assert addressed_to(harm, leader) == said
    assert addressed_to(harm, None) == harm


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("he's been very quiet since, Fatima (his buddy) says so", "he's been very quiet since, Fatima says so"),
        ("told Bea (COO, my boss) this morning", "told Bea this morning"),
        ("~1,400 units (batch 7) shipped", "~1,400 units (batch 7) shipped"),  # a figure stays
    ],
)
def test_without_asides(text: str, plain: str) -> None:
    assert without_asides(text) == plain


@pytest.mark.parametrize(
    ("harm", "notes", "said"),
    [
        (
            "he's been very quiet since, Fatima says so",
            "tore into Leo's analysis in the mtg\nhe's been very quiet since, Fatima says so\n",
            "Leo's been very quiet since, Fatima says so",
        ),
        ("she raised it with Patrick", "cancelled my 1:1s w/ Noor\n", "Noor raised it with Patrick"),
        ("she raised it", "cancelled my 1:1s w/ Noor and Sam\n", "she raised it"),  # two people: whose is unclear
        ("he raised it", "sent Halvorsen Foods the quote\n", "he raised it"),  # a firm's name is two words
        ("he raised it", "told Patrick on Friday\n", "he raised it"),  # the leader is not the one meant
        ("the client raised it", "cancelled my 1:1s w/ Noor\n", "the client raised it"),
    ],
)
def test_named_subject(harm: str, notes: str, said: str) -> None:
    assert named_subject(harm, notes, "Patrick") == said
