"""Step 5, be positive."""

from __future__ import annotations

import json

import pytest
from chain_support import (
    GOOD,
    assert_json_schema_requested,
    assert_prompt_layout,
    assert_reask,
    prompt_line,
    run,
    step_inputs,
    validated_chain,
)

from assistant.chains import build_positive_chain
from assistant.chains.positive import without_the_habit
from assistant.domain.schema import PositiveOutput
from assistant.domain.settle import wording
from assistant.model.testing import ScriptedChatModel


def test_happy_path_returns_the_statement() -> None:
    model = ScriptedChatModel(script={"positive": GOOD["positive"]})
    out = run(build_positive_chain(model), step_inputs("positive"))
    assert out == PositiveOutput.model_validate(GOOD["positive"])
    assert_prompt_layout(model.calls[0], "positive")
    assert_json_schema_requested(model.calls[0], "positive", "PositiveOutput")


def test_placeholder_is_reasked_by_the_validator() -> None:
    bad = json.dumps({"statement": "I'll show <leader> the fix by {date}."})
    model = ScriptedChatModel(script={"positive": [bad, GOOD["positive"]]})
    out = run(validated_chain("positive", model), step_inputs("positive"))
    assert out.statement == GOOD["positive"]["statement"]
    assert_reask(model.calls[1], bad, 'placeholder. ("<leader>")', 'placeholder. ("{date}")')


def test_wrong_type_is_reasked() -> None:
    bad = json.dumps({"statement": ["I'm on it."]})
    model = ScriptedChatModel(script={"positive": [bad, GOOD["positive"]]})
    run(build_positive_chain(model), step_inputs("positive"))
    assert_reask(model.calls[1], bad, "The field 'statement' is wrong")


def test_when_the_reasks_fail_the_programs_sentence_stands() -> None:
    model = ScriptedChatModel(script={"positive": ""})
    out = run(build_positive_chain(model, max_reasks=1), step_inputs("positive"))
    assert len(model.calls) == 2
    assert out.statement == wording(None).committed


def test_the_model_is_given_the_lessons_habit_and_not_the_notes() -> None:
    model = ScriptedChatModel(script={"positive": GOOD["positive"]})
    run(build_positive_chain(model), step_inputs("positive"))
    asked = str(model.calls[0]["messages"][1].content)
    habit = "run the staging tests before every config deploy, whatever the deadline"
    assert prompt_line("positive", habit=habit) in asked
    assert "pushed the payments config" not in asked


GERMAN = "Ich habe die Tourenplanung mit der alten Kundenliste hochgeladen.\n14 Kunden ohne Lieferung."


@pytest.mark.parametrize(
    ("lessons", "notes", "expected"),
    [
        ([], None, "I'm committed to making this right, and at each check-in I'll show you how it is going."),
        (  # the lesson's "habit" is work already done
            ["I rushed it, so I now wrote the incident timeline"],
            None,
            "I'm committed to making this right, and at each check-in I'll show you how it is going.",
        ),
        ([], GERMAN, wording("German").committed),
    ],
)
def test_without_a_habit_the_programs_sentence_stands_and_the_model_is_not_asked(
    lessons: list[str], notes: str | None, expected: str
) -> None:
    model = ScriptedChatModel(script={"positive": GOOD["positive"]})
    inputs = step_inputs("positive").model_copy(update={"lessons": lessons})
    inputs = inputs.model_copy(update={"notes": notes or inputs.notes})
    assert run(build_positive_chain(model), inputs).statement == expected
    assert model.calls == []


def test_a_long_habit_copied_whole_is_named_short() -> None:
    habit = "check every invite against everyone whose work it touches before it goes out"
    copied = f"I'm committed to making this right, and I'm confident the {habit} will catch this kind of slip."
    assert without_the_habit(copied, habit) == (
        "I'm committed to making this right, and I'm confident this new habit will catch this kind of slip."
    )
    short = "I'm confident the staging check will catch it."
    assert without_the_habit(short, "run the staging check") == short
