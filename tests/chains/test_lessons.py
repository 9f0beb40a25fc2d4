"""Step 3, show your learning: the model writes each lesson's weak point and habit, the program joins them."""

from __future__ import annotations

import contextlib
import json

import pytest
from chain_support import (
    GOOD,
    TODAY,
    assert_json_schema_requested,
    assert_prompt_layout,
    assert_reask,
    facts_changed,
    prompt_line,
    run,
    sample_lessons,
    step_inputs,
    validated_chain,
)

from assistant.chains import build_lessons_chain
from assistant.chains.lessons import lesson_text, lessons_problems, program_lesson
from assistant.domain.errors import OutputValidationError
from assistant.domain.schema import LessonPart, LessonPartsOutput, LessonsOutput
from assistant.domain.step_inputs import StepInputs
from assistant.model.testing import ScriptedChatModel

ACT = "pushed the payments config change on friday afternoon without running the staging tests"
WEAK = "I treated the staging tests as optional when I was in a hurry"
HABIT = "run the staging tests before every config deploy, whatever the deadline"
JOINED = (
    "I treated the staging tests as optional when I was in a hurry, so I now run the staging tests before every "
    "config deploy, whatever the deadline."
)


def _parts(*pairs: tuple[str, str]) -> str:
    return json.dumps({"lessons": [{"weak_point": w, "habit": h} for w, h in pairs]})


def test_happy_path_joins_each_weak_point_and_habit_into_one_lesson() -> None:
    model = ScriptedChatModel(script={"lessons": GOOD["lessons"]})
    out = run(build_lessons_chain(model), step_inputs("lessons"))
    assert out == LessonsOutput(lessons=[JOINED])
    assert out.lessons == sample_lessons()
    assert_prompt_layout(model.calls[0], "lessons")
    assert_json_schema_requested(model.calls[0], "lessons", "LessonPartsOutput")


def test_the_prompt_carries_the_act_and_the_cause_in_plain_words() -> None:
    model = ScriptedChatModel(script={"lessons": GOOD["lessons"]})
    run(build_lessons_chain(model), step_inputs("lessons"))
    user = str(model.calls[0]["messages"][1].content)
    assert prompt_line("lessons", act=ACT) in user
    assert (
        prompt_line("lessons", why="Why, from my notes: <notes>wanted to get it out before the weekend</notes>") in user
    )


@pytest.mark.parametrize(
    ("weak", "habit", "expected"),
    [
        (WEAK, HABIT, JOINED),
        ("i skipped the check.", "So I now check every order.", "I skipped the check, so I now check every order."),
        ("I skipped the check", "I will Check every order", "I skipped the check, so I now check every order."),
        ("", "check every order", "I now check every order."),
        ("I skipped the check", "", "I skipped the check."),
        # an aim adds nothing to the habit, and "ensure to" only hides its verb
        (
            "I skipped it",
            "check the date before filing to avoid such penalties",
            "I skipped it, so I now check the date before filing.",
        ),
        ("I skipped it", "check the codes, which could prevent errors", "I skipped it, so I now check the codes."),
        (
            "I skipped it",
            "check the tariff update before filing, ensuring that the customs charges are accurate and",
            "I skipped it, so I now check the tariff update before filing.",
        ),
        (
            "I skipped it",
            "check the key's users, and ensure that all services are",
            "I skipped it, so I now check the key's users.",
        ),
        ("I skipped it", "run the tests, and I make sure that all.", "I skipped it, so I now run the tests."),
        ("I skipped it", "from now on, I will ensure to check the list", "I skipped it, so I now check the list."),
        ("I skipped it", "make sure that I check the list", "I skipped it, so I now check the list."),
        # a time no one can check
        (
            "I didn't report it",
            "report it to the DPO as soon as possible after finding it",
            "I didn't report it, so I now report it to the DPO after finding it.",
        ),
    ],
)
def test_lesson_text(weak: str, habit: str, expected: str) -> None:
    assert lesson_text(LessonPart(weak_point=weak, habit=habit)) == expected


def test_duplicate_lessons_are_reasked() -> None:
    bad = _parts((WEAK, HABIT), (WEAK.upper(), HABIT.upper()))
    model = ScriptedChatModel(script={"lessons": [bad, GOOD["lessons"]]})
    assert run(build_lessons_chain(model), step_inputs("lessons")).lessons == [JOINED]
    assert_reask(model.calls[1], bad, "Two lessons are the same; make each lesson different.")


def test_empty_list_is_reasked_with_the_field_named() -> None:
    bad = json.dumps({"lessons": []})
    model = ScriptedChatModel(script={"lessons": [bad, GOOD["lessons"]]})
    run(build_lessons_chain(model), step_inputs("lessons"))
    assert_reask(model.calls[1], bad, "The field 'lessons' is wrong")


def test_an_english_lesson_must_say_what_changes() -> None:
    lessons = LessonsOutput(lessons=["Skipping tests is risky.", "I now run the tests before every deploy."])
    assert lessons_problems(
        lessons, StepInputs(notes="pushed the change without the tests, 400 orders lost", today=TODAY)
    ) == ['Lesson 1 does not say what I now do differently; end it with what changes ("so I now ...").']


def test_a_lesson_in_another_language_is_not_held_to_the_english_wording() -> None:
    notes = "Ich habe die Änderung ohne Tests eingespielt, und deshalb sind 400 Bestellungen verloren gegangen."
    lessons = LessonsOutput(lessons=["Tests zu überspringen ist riskant."])
    assert lessons_problems(lessons, StepInputs(notes=notes, today=TODAY)) == []


def test_gives_up_keeping_the_last_output_as_lessons_when_the_notes_name_no_step_left_out() -> None:
    bad = _parts(("I did not check with <manager> first", "ask first"))
    model = ScriptedChatModel(script={"lessons": bad})
    inputs = step_inputs("lessons")
    inputs = facts_changed(inputs, update={"act": "pushed the config on friday", "cause": ""})
    with pytest.raises(OutputValidationError) as info:
        run(validated_chain("lessons", model, max_reasks=1), inputs)
    assert (info.value.n_attempts, info.value.last_output) == (2, bad)
    assert info.value.problems == ['The text still has a placeholder. ("<manager>") Replace it with real words.']
    joined = "I did not check with <manager> first, so I now ask first."
    assert info.value.last_parsed == LessonsOutput(lessons=[joined])


def test_the_step_the_notes_say_i_left_out_becomes_the_habit_when_every_answer_fails() -> None:
    bad = _parts(("I did not check with <manager> first", "ask first"))
    model = ScriptedChatModel(script={"lessons": bad})
    inputs = step_inputs("lessons")
    inputs = facts_changed(inputs, update={"act": "sent the quote, didn't reread the pdf"})
    out = run(build_lessons_chain(model, max_reasks=1), inputs)
    assert out == LessonsOutput(lessons=["I didn't reread the pdf, so I now reread the pdf every time."])


def test_a_habit_that_is_not_the_step_left_out_is_reasked() -> None:
    inputs = step_inputs("lessons")
    inputs = facts_changed(inputs, update={"act": "sent the quote, didn't reread the pdf"})
    generic = LessonsOutput(lessons=["I typed it in the wrong field, so I now double-check my work before sending."])
    assert lessons_problems(generic, inputs) == [
        'Lesson 1: make what I now do the step my notes say I left out ("didn\'t reread the pdf"), and say when I '
        "do it."
    ]
    taken_up = LessonsOutput(lessons=["I typed it in the wrong field, so I now reread every quote pdf before sending."])
    assert lessons_problems(taken_up, inputs) == []
    # a step named only by generic words ("w/o checking what else used it") asks for no word in particular
    inputs = facts_changed(inputs, update={"act": "rotated the key w/o checking what else used it"})
    any_check = LessonsOutput(lessons=["I trusted the old key, so I now check every key's users before rotating it."])
    assert lessons_problems(any_check, inputs) == []


def test_a_lesson_whose_change_is_work_already_done_is_reasked_by_the_validator() -> None:
    inputs = step_inputs("lessons").model_copy(
        update={"notes": "sent it w/ the comments in\nalready asked their counsel to delete it"}
    )
    bad = _parts(("I sent it in a hurry", "ask their counsel to delete it"))
    model = ScriptedChatModel(script={"lessons": [bad, _parts(("I sent it in a hurry", "scrub every file first"))]})
    with contextlib.suppress(OutputValidationError):
        run(validated_chain("lessons", model, max_reasks=1), inputs)
    assert_reask(
        model.calls[1],
        bad,
        'This lesson names work your notes say is already done ("already asked their counsel to delete it") as the '
        'change. ("ask their counsel to delete it") End it with what you now do differently every time',
    )
    done = LessonsOutput(lessons=["I sent it in a hurry, so I now ask their counsel to delete it."])
    assert not any("already done" in p for p in lessons_problems(done, inputs))  # the validator's, not the step's


def test_a_lesson_that_ends_with_what_happened_is_reasked() -> None:
    inputs = step_inputs("lessons")
    cause_again = LessonsOutput(
        lessons=["I sent it with the comments still in, so I now skipped the metadata scrub b/c it was late."]
    )
    assert any("ends with what happened" in p for p in lessons_problems(cause_again, inputs))
    habit = LessonsOutput(lessons=["I sent it with the comments still in, so I now scrub the metadata before sending."])
    assert not any("ends with what happened" in p for p in lessons_problems(habit, inputs))
    regret = LessonsOutput(lessons=["I did not check it, so I now should have double-checked the template first."])
    assert any("ends with what happened" in p for p in lessons_problems(regret, inputs))


def test_the_programs_lesson_takes_a_check_the_notes_say_was_skipped_when_the_facts_have_none() -> None:
    inputs = step_inputs("lessons")
    inputs = facts_changed(inputs, update={"act": "sent the proposal to the wrong contact"})
    inputs = inputs.model_copy(
        update={"notes": "sent the proposal to the wrong contact\nreused an old thread and didn't check the attachment"}
    )
    assert program_lesson(None, inputs) == LessonPartsOutput(
        lessons=[LessonPart(weak_point="I didn't check the attachment", habit="check the attachment every time")]
    )


def test_a_mistake_with_people_gets_the_programs_lesson_without_a_model_call() -> None:
    """A 1.5B model turns criticism in public into a check ("double-check my work before presenting it")."""
    act = 'tore into Leo\'s analysis in the all-hands prep mtg in front of ~15 people, called it "sloppy"'
    inputs = facts_changed(step_inputs("lessons"), {"act": act, "cause": ""})
    model = ScriptedChatModel(script={"lessons": GOOD["lessons"]})
    out = run(validated_chain("lessons", model), inputs)
    assert model.calls == []
    assert out == LessonsOutput(
        lessons=[
            "I criticised someone's work in front of others instead of one to one, so I now raise a problem with "
            "someone's work one to one, and check my own part in it first."
        ]
    )


def test_a_mistake_with_people_in_notes_in_another_language_is_left_to_the_model() -> None:
    act = "cancelled my 1:1s w/ Noor 4 weeks running"
    inputs = facts_changed(step_inputs("lessons"), {"act": act}).model_copy(
        update={"notes": "hab die 1:1s mit Noor vier wochen lang abgesagt, immer für dringende sachen\n"}
    )
    model = ScriptedChatModel(script={"lessons": GOOD["lessons"]})
    with contextlib.suppress(OutputValidationError):  # the scripted lesson is English: asked again, then given up
        run(build_lessons_chain(model), inputs)
    assert model.calls and model.calls_for("lessons") == model.calls


def test_with_no_step_left_out_in_the_notes_the_one_the_weak_point_names_stands_in_for_a_platitude() -> None:
    weak = "I didn't check the lot numbers against the recount sheet before releasing the pick wave, which led to it"
    parts = LessonPartsOutput(lessons=[LessonPart(weak_point=weak, habit="double-check all important details")])
    inputs = facts_changed(step_inputs("lessons"), {"act": "released the pick wave early", "cause": ""})
    inputs = inputs.model_copy(update={"notes": "released the pick wave early\n~1,400 units shipped\n"})
    lesson = program_lesson(parts, inputs)
    assert lesson is not None
    assert lesson.lessons[0].habit == (
        "check the lot numbers against the recount sheet before releasing the pick wave every time"
    )
    trusted = LessonPartsOutput(lessons=[LessonPart(weak_point="I trusted the old sheet", habit="be careful")])
    assert program_lesson(trusted, inputs) is None
