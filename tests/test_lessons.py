"""Step 3, show your learning."""

from __future__ import annotations

import json

import pytest
from chain_support import GOOD, assert_json_schema_requested, assert_prompt_layout, assert_reask, run, step_inputs

from assistant.chains import build_lessons_chain
from assistant.errors import OutputValidationError
from assistant.schema import LessonsOutput
from assistant.testing import ScriptedChatModel


def test_happy_path_returns_the_lessons() -> None:
    model = ScriptedChatModel(script={"lessons": GOOD["lessons"]})
    out = run(build_lessons_chain(model), step_inputs("lessons"))
    assert out == LessonsOutput.model_validate(GOOD["lessons"])
    assert_prompt_layout(model.calls[0], "lessons")
    assert_json_schema_requested(model.calls[0], "lessons", "LessonsOutput")


def test_duplicate_lessons_are_reasked() -> None:
    lesson = GOOD["lessons"]["lessons"][0]
    bad = json.dumps({"lessons": [lesson, lesson.upper()]})
    model = ScriptedChatModel(script={"lessons": [bad, GOOD["lessons"]]})
    assert run(build_lessons_chain(model), step_inputs("lessons")).lessons == GOOD["lessons"]["lessons"]
    assert_reask(model.calls[1], bad, "Two lessons are the same")


def test_empty_list_is_reasked_with_the_field_named() -> None:
    bad = json.dumps({"lessons": []})
    model = ScriptedChatModel(script={"lessons": [bad, GOOD["lessons"]]})
    run(build_lessons_chain(model), step_inputs("lessons"))
    assert_reask(model.calls[1], bad, "The field 'lessons' is wrong")


def test_gives_up_keeping_the_last_output() -> None:
    bad = json.dumps({"lessons": ["Check with <manager> first."]})
    model = ScriptedChatModel(script={"lessons": bad})
    with pytest.raises(OutputValidationError) as info:
        run(build_lessons_chain(model, max_reasks=1), step_inputs("lessons"))
    assert (info.value.n_attempts, info.value.last_output) == (2, bad)
    assert info.value.problems == ["Replace the placeholder <manager> with real words or leave it out."]
