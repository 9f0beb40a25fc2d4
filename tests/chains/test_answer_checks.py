"""Tests of the program's checks of an answer against its own prompt (``assistant/chains/_answer_checks.py``)."""

from __future__ import annotations

from assistant.chains._answer_checks import example_copies, instruction_copies, without_example
from assistant.domain.schema import LessonPartsOutput, PainOutput
from assistant.model.prompts import load_prompt


def test_without_example_leaves_out_the_example_and_its_answer() -> None:
    prompt = without_example(load_prompt("pain"))
    assert "Example for another case" not in prompt.template and "Answer:" not in prompt.template
    assert prompt.template.startswith(load_prompt("pain").template.split("\n\n")[0] + "\n\n")
    assert "{impact}" in prompt.template and "{leader}" in prompt.template
    assert "Now the JSON object for my case above." in prompt.template


def test_without_example_leaves_out_every_case_of_several_examples() -> None:
    prompt = without_example(load_prompt("lessons"))
    assert "Answer:" not in prompt.template and "bouquet" not in prompt.template and "florist" not in prompt.template
    assert "Task: step 3" in prompt.template and prompt.template.rstrip().endswith("my case above.")


def test_seven_words_of_the_instructions_are_not_a_copy() -> None:
    template = "Task: say I'm sorry for the harm and name it with the numbers.\nAnswer: {{}}"
    assert instruction_copies(PainOutput(statement="Sorry for the harm and name it."), template) == []
    assert instruction_copies(PainOutput(statement="Sorry for the harm and name it with."), template) == [
        "You copied words from my instructions; write about my case in your own words."
    ]


def test_example_copies_only_counts_the_example_answer() -> None:
    template = (
        "Task: the form cannot be sent until it is checked.\n"
        'Answer: {{"statement": "The list is sent to every customer today"}}'
    )
    assert example_copies(PainOutput(statement="The form cannot be sent until it is checked."), template) == []
    assert example_copies(PainOutput(statement="Now the list is sent to every customer."), template) == [
        "You copied the example; write about my case, in words that fit it."
    ]


def test_example_copies_compares_texts_not_the_field_names_every_answer_shares() -> None:
    template = (
        'Answer: {{"lessons": [{{"weak_point": "I trusted the old bouquet order", "habit": "check the venue"}}]}}'
    )
    mine = LessonPartsOutput.model_validate(
        {"lessons": [{"weak_point": "I trusted the DNS warning", "habit": "check the renewal ticket every week"}]}
    )
    assert example_copies(mine, template) == []  # '"lessons": [{"weak_point": "I trusted the' is only the shape
    copied = LessonPartsOutput.model_validate(
        {"lessons": [{"weak_point": "Again I trusted the old bouquet order", "habit": "x"}]}
    )
    assert example_copies(copied, template) == ["You copied the example; write about my case, in words that fit it."]
