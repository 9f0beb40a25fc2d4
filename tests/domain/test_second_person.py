"""A text that names its reader in the third person, turned to speak to them."""

from __future__ import annotations

import pytest

from assistant.domain.second_person import addressed_to, given_to


@pytest.mark.parametrize(
    ("text", "turned"),
    [
        ("I'm sorry that Dana lost her whole Monday to the incident call.",
         "I'm sorry that you lost your whole Monday to the incident call."),
        ("I'm sorry I let Dana down and that she has had to answer for it.",
         "I'm sorry I let you down and that you have had to answer for it."),
        ("I'm sorry that Dana's week went on my mistake, and that the VP heard it from her first.",
         "I'm sorry that your week went on my mistake, and that the VP heard it from you first."),
        ("I know Dana trusts me with releases.", "I know you trust me with releases."),
        ("Dana, I'm sorry for the lost orders.", "I'm sorry for the lost orders."),
        ("I'm sorry, Dana. Dana was left to explain it herself.", "I'm sorry. You were left to explain it yourself."),
        ("It cost Dana her evening. I'm sorry.", "It cost you your evening. I'm sorry."),
    ],
)  # fmt: skip
def test_the_reader_named_in_the_third_person_is_you(text: str, turned: str) -> None:
    assert addressed_to(text, "Dana") == turned


@pytest.mark.parametrize(
    "text",
    [
        "I'm sorry that Dana had to tell Sam about her weekend.",  # whose weekend?
        "I'm sorry Dana and he both lost her evening.",  # both "he" and "her"
        "I'm sorry for the lost orders.",  # does not name her
    ],
)
def test_a_text_that_cannot_surely_be_turned_is_left_alone(text: str) -> None:
    assert addressed_to(text, "Dana") is None


def test_only_the_sentences_naming_the_reader_change() -> None:
    text = "The VP asked her team for a summary. I'm sorry that Dana had to write it."
    assert addressed_to(text, "Dana") == "The VP asked her team for a summary. I'm sorry that you had to write it."


def test_the_users_own_words_about_the_reader_as_she_speak_to_them() -> None:
    request = "Change the closing line - say I'll demo the gate to her live at the standup on Thursday 10 Dec."
    words = "I'll demo the gate to her live at the standup on Thursday 10 Dec."
    assert given_to(words, "Dana", request) == "I'll demo the gate to you live at the standup on Thursday 10 Dec."
    # another person in the request: whose "her" is it? left as it is
    assert given_to("I'll send her the notes.", "Dana", "Priya asked; say I'll send her the notes.") == (
        "I'll send her the notes."
    )
    assert addressed_to("I will show Dana her live dashboard.", "Dana") == "I will show you your live dashboard."
