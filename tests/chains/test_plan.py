"""Step 4, outline a path forward: the model writes actions and measures, the program the owner and dates."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import pytest
from chain_support import (
    GOOD,
    TODAY,
    assert_json_schema_requested,
    assert_prompt_layout,
    assert_reask,
    open_step_inputs,
    prompt_line,
    run,
    step_inputs,
    validated_chain,
)

from assistant.chains import build_plan_chain
from assistant.chains.plan import (
    asked_actions,
    evidence_for,
    habit_step,
    learned_text,
    plan_inputs,
    plan_problems,
    planned_steps,
    says_the_cause_again,
    settle_plan,
    tidy_steps,
)
from assistant.domain.errors import OutputValidationError
from assistant.domain.schema import PlanAction, PlanOutput, PlanStep, PlanStepsOutput
from assistant.domain.settle import due_dates, wording
from assistant.model.testing import ScriptedChatModel

ACT = "pushed the payments config change on friday afternoon without running the staging tests"
HABIT = "run the staging tests before every config deploy"
LESSON = f"I treated the staging tests as optional under a deadline, so I now {HABIT}."
LOOKBACK = wording(None).lookback


def _open_inputs() -> dict[str, Any]:
    return open_step_inputs("plan")


def _plan(**first: str) -> dict[str, Any]:
    plan = copy.deepcopy(GOOD["plan"])
    plan["actions"][0].update(first)
    return plan


def test_happy_path_adds_owner_me_and_due_dates_a_week_apart() -> None:
    model = ScriptedChatModel(script={"plan": GOOD["plan"]})
    out = run(build_plan_chain(model), step_inputs("plan"))
    assert isinstance(out, PlanOutput)
    assert out.actions == [
        PlanAction(
            action="Add a CI gate that blocks config deploys unless the staging tests passed",
            owner="me",
            due=dt.date(2026, 12, 4),
            measure="A deploy without a green staging run is rejected by the pipeline",
        ),
        PlanAction(action=LOOKBACK[0], owner="me", due=dt.date(2026, 12, 11), measure=LOOKBACK[1]),
    ]
    assert_prompt_layout(model.calls[0], "plan")
    assert_json_schema_requested(model.calls[0], "plan", "PlanStepsOutput")


def test_the_prompt_carries_the_act_the_cause_and_what_is_already_done() -> None:
    model = ScriptedChatModel(script={"plan": GOOD["plan"]})
    run(build_plan_chain(model), step_inputs("plan"))
    user = str(model.calls[0]["messages"][1].content)
    assert prompt_line("plan", act=ACT) in user
    assert prompt_line("plan", why="Why, from my notes: <notes>wanted to get it out before the weekend</notes>") in user
    assert prompt_line("plan", done="I rolled back at 17:05; I already wrote the incident timeline") in user


def test_plan_inputs_say_nothing_yet_when_nothing_is_done() -> None:
    inputs = step_inputs("plan")
    facts = inputs.facts.model_copy(update={"already_done": []})
    assert plan_inputs(inputs.model_copy(update={"facts": facts})).text("done") == "nothing yet"


def test_settle_plan_takes_the_dues_from_due_dates() -> None:
    steps = [PlanStep(action=f"Do thing {i}.", measure=f"Thing {i} shows.") for i in range(3)]
    plan = settle_plan(steps, TODAY).actions
    assert [a.due for a in plan] == due_dates(TODAY, 3) == [dt.date(2026, 12, 4), dt.date(2026, 12, 11),
                                                            dt.date(2026, 12, 18)]  # fmt: skip
    assert [(a.owner, a.action, a.measure) for a in plan][0] == ("me", "Do thing 0", "Thing 0 shows")


def test_settle_plan_moves_a_weekend_due_date_to_monday() -> None:
    saturday = dt.date(2026, 11, 21)
    plan = settle_plan([PlanStep(action="Add a check", measure="The form blocks it")], saturday).actions
    assert plan[0].due == dt.date(2026, 11, 30)


def test_a_measure_that_restates_its_action_becomes_what_the_action_leaves_to_see() -> None:
    """A re-ask seldom mends a restated measure and costs a whole answer: the program names the evidence. Restated
    is what PLAN_MEASURE calls so (:func:`~assistant.domain.restating.restates`): the action's words, reported done."""
    restated = json.dumps(_plan(measure="The CI gate that blocks config deploys is added"))
    model = ScriptedChatModel(script={"plan": [restated, GOOD["plan"]]})
    out = run(build_plan_chain(model), step_inputs("plan"))
    action = GOOD["plan"]["actions"][0]["action"]
    assert out.actions[0].measure == evidence_for(action) == "I'll show you it in use on the next real case"
    assert len(model.calls) == 1


def test_a_measure_that_only_says_what_it_will_ensure_is_replaced() -> None:
    vague = _plan(measure="The check will ensure that the script runs on the right database")
    assert tidy_steps(PlanStepsOutput.model_validate(vague)).actions[0].measure == evidence_for(
        vague["actions"][0]["action"]
    )


def test_with_something_open_and_no_lesson_a_single_action_is_reasked() -> None:
    one = json.dumps({"actions": [{"action": "Add a CI gate", "measure": "A deploy without tests is rejected"}]})
    model = ScriptedChatModel(script={"plan": [one, GOOD["plan"]]})
    out = run(build_plan_chain(model), _open_inputs())
    assert len(model.calls) == 2 and len(out.actions) == 2
    assert "Give 2 actions; you gave 1." in str(model.calls[1]["messages"][-1].content)
    assert [a.action for a in out.actions] == [a["action"] for a in GOOD["plan"]["actions"]]


def test_with_nothing_open_and_no_lesson_the_model_writes_one_action_and_the_plan_adds_the_look_back() -> None:
    model = ScriptedChatModel(script={"plan": GOOD["plan"]})
    out = run(build_plan_chain(model), step_inputs("plan"))
    assert "Task: step 4, one action I will take" in str(model.calls[0]["messages"][1].content)
    # a second action the model wrote anyway would be repair work the notes do not ask for
    assert [a.action for a in out.actions] == [GOOD["plan"]["actions"][0]["action"], LOOKBACK[0]]


def test_with_a_lesson_and_nothing_open_the_program_writes_the_plan_without_the_model() -> None:
    model = ScriptedChatModel(script={"plan": GOOD["plan"]})
    out = run(build_plan_chain(model), step_inputs("plan").model_copy(update={"lessons": [LESSON]}))
    assert model.calls == []
    assert [(a.action, a.measure, a.owner) for a in out.actions] == [
        (f'Add "{HABIT}" to my checklist for this work',
         "My checklist with the new step, ticked on every case from now on", "me"),
        (*LOOKBACK, "me"),
    ]  # fmt: skip
    assert [a.due for a in out.actions] == due_dates(TODAY, 2)


def test_with_a_lesson_and_something_open_the_model_writes_the_action_for_what_is_open() -> None:
    answer = {"actions": [{"action": "Answer each of the 60+ tickets with what happened", "measure": "60+ replies"}]}
    model = ScriptedChatModel(script={"plan": answer})
    out = run(build_plan_chain(model), _open_inputs().model_copy(update={"lessons": [LESSON]}))
    user = str(model.calls[0]["messages"][1].content)
    assert "one action I will take, about my case only. It does what is still open above: it starts with" in user
    assert prompt_line("plan", open="haven't answered the 60+ tickets yet") in user
    assert [a.action for a in out.actions] == [
        f'Add "{HABIT}" to my checklist for this work',
        "Answer each of the 60+ tickets with what happened",
    ]


def test_an_action_that_is_not_about_what_is_open_gives_way_to_the_look_back() -> None:
    """A small model's repair action beside the point ("provide them with the latest backup" for missing rows)
    is worse than the program's look back; no re-ask, which seldom mends it."""
    off = {"actions": [{"action": "Add a CI gate for config deploys", "measure": "A deploy without tests fails"}]}
    model = ScriptedChatModel(script={"plan": [off]})
    out = run(build_plan_chain(model), _open_inputs().model_copy(update={"lessons": [LESSON]}))
    assert len(model.calls) == 1
    assert [a.action for a in out.actions][1] == LOOKBACK[0]


@pytest.mark.parametrize(
    "lesson",
    [
        "I skipped the metadata scrub, so I now skipped the metadata scrub b/c it was late.",  # the cause again
        "I was in a hurry, so I now check.",  # too short to be a step
        "I was in a hurry.",  # no habit
    ],
)
def test_a_lesson_without_a_habit_to_build_in_leaves_the_first_action_to_the_model(lesson: str) -> None:
    inputs = step_inputs("plan").model_copy(update={"lessons": [lesson]})
    assert habit_step(inputs) is None and asked_actions(inputs) == 1


def test_a_habit_that_is_work_already_done_leaves_the_first_action_to_the_model() -> None:
    lesson = "I left it in drafts, so I now set a deadline reminder for myself and Joost."
    inputs = step_inputs("plan")
    inputs = inputs.model_copy(update={"notes": inputs.notes + "\nnow: set deadline reminders for me + Joost"})
    assert inputs.facts is not None
    facts = inputs.facts.model_copy(update={"already_done": ["set deadline reminders for me + Joost"]})
    assert habit_step(inputs.model_copy(update={"facts": facts, "lessons": [lesson]})) is None


def test_a_habit_that_says_the_cause_again_leaves_the_first_action_to_the_model() -> None:
    inputs = step_inputs("plan")
    facts = inputs.facts.model_copy(update={"cause": "skipped the metadata scrub b/c it was late"})
    lesson = "I sent it with the comments in, so I now skip the metadata scrub b/c it was late."
    assert habit_step(inputs.model_copy(update={"facts": facts, "lessons": [lesson]})) is None
    good = "I sent it with the comments in, so I now run the metadata scrub before any agreement leaves."
    assert habit_step(inputs.model_copy(update={"facts": facts, "lessons": [good]})) is not None


@pytest.mark.parametrize(
    ("habit", "cause", "again"),
    [
        ("skip the metadata scrub b/c it was late", "skipped the metadata scrub b/c it was late", True),
        ("skip the metadata scrub on late sends", "skipped the metadata scrub b/c it was late", True),
        (
            "check the batch-id before uploading the payment file",
            "skipped the batch-id check b/c it said failed",
            False,
        ),
        ("check the batch-id before uploading the payment file", "", False),
    ],
)
def test_says_the_cause_again(habit: str, cause: str, again: bool) -> None:
    assert says_the_cause_again(habit, cause) is again


def test_an_action_that_says_again_what_i_did_wrong_is_reasked() -> None:
    again = {"actions": [{"action": f"Push {ACT[7:]}", "measure": "The deploy log"}]}
    problems = plan_problems(PlanStepsOutput.model_validate(again), step_inputs("plan"))
    assert any("says again what I did wrong" in p for p in problems)


def test_the_programs_actions_are_in_the_language_of_the_notes() -> None:
    notes = "hab die tourenplanung mit der alten kundenliste hochgeladen, 23 stopps falsch\nSven hat es gemerkt"
    lesson = "Ich habe es nicht geprüft, so I now prüfe ich die Liste gegen das CRM."
    inputs = step_inputs("plan").model_copy(update={"notes": notes, "lessons": [lesson]})
    steps = planned_steps([], inputs)
    assert steps[0].action.startswith("„prüfe ich die Liste gegen das CRM“ als Schritt auf meine Checkliste")
    assert (steps[1].action, steps[1].measure) == wording("German").lookback


def test_a_blank_action_is_reasked() -> None:
    bad = json.dumps(_plan(action="  "))
    model = ScriptedChatModel(script={"plan": [bad, GOOD["plan"]]})
    run(build_plan_chain(model), step_inputs("plan"))
    assert_reask(model.calls[1], bad, "The action of item 1 is empty; write it.")


def test_a_placeholder_is_reasked_by_the_validator() -> None:
    bad = json.dumps(_plan(action="Tell [Name] about the CI gate for config deploys"))
    model = ScriptedChatModel(script={"plan": [bad, GOOD["plan"]]})
    run(validated_chain("plan", model), step_inputs("plan"))
    assert_reask(model.calls[1], bad, 'The text still has a placeholder. ("[Name]") Replace it with real words.')


def test_gives_up_with_the_last_output_settled_into_a_plan() -> None:
    bad = json.dumps(_plan(action="  "))
    model = ScriptedChatModel(script={"plan": bad})
    with pytest.raises(OutputValidationError) as info:
        run(build_plan_chain(model, max_reasks=2), step_inputs("plan"))
    assert (info.value.step, info.value.last_output) == ("plan", bad)
    assert info.value.n_attempts == 2 == len(model.calls)  # the re-ask did not reduce the problems
    assert isinstance(info.value.last_parsed, PlanOutput)
    assert [(a.owner, a.due) for a in info.value.last_parsed.actions] == [
        ("me", dt.date(2026, 12, 4)),
        ("me", dt.date(2026, 12, 11)),
    ]


def test_a_trailing_to_ensure_clause_is_cut_from_actions_and_measures() -> None:
    answer = _plan(
        action="Add a CI gate for config deploys, to ensure the staging tests always run",
        measure="A deploy without a green staging run is rejected in order to make sure nothing slips",
    )
    model = ScriptedChatModel(script={"plan": answer})
    out = run(build_plan_chain(model), step_inputs("plan"))
    assert (out.actions[0].action, out.actions[0].measure) == (
        "Add a CI gate for config deploys",
        "A deploy without a green staging run is rejected",
    )
    steps = [PlanStep(action="Call the team so as to ensure it lands", measure="All 5 confirmed")] * 2
    assert tidy_steps(PlanStepsOutput(actions=steps)).actions[0].action == "Call the team"
    steps = [PlanStep(action="Add a discount field to the quote form and ensure it is filled", measure="x")] * 2
    assert tidy_steps(PlanStepsOutput(actions=steps)).actions[0].action == "Add a discount field to the quote form"


def test_what_i_learned_is_each_lessons_habit() -> None:
    lessons = [
        "I treated the staging tests as optional, so I now run the staging tests before every config deploy.",
        "I now ask for a review of every rollout change.",
    ]
    assert learned_text(lessons) == (
        "run the staging tests before every config deploy; ask for a review of every rollout change"
    )
    assert learned_text([]) == "nothing written yet"


def test_an_action_that_names_work_already_done_is_reasked_whatever_its_verb() -> None:
    again = json.dumps(_plan(action="Review the incident timeline and update it"))
    model = ScriptedChatModel(script={"plan": [again, GOOD["plan"]]})
    run(validated_chain("plan", model), step_inputs("plan"))
    assert_reask(model.calls[1], again, 'Already done according to your notes: "I already wrote the incident timeline"')
    assert not plan_problems(PlanStepsOutput.model_validate(json.loads(again)), step_inputs("plan"))  # one reporter


def test_an_action_of_one_or_two_words_is_reasked() -> None:
    bare = json.dumps(_plan(action="Add"))
    model = ScriptedChatModel(script={"plan": [bare, GOOD["plan"]]})
    run(build_plan_chain(model), step_inputs("plan"))
    assert_reask(model.calls[1], bare, 'Action 1 is only "Add"; say what I will do and to what.')


@pytest.mark.parametrize(
    ("still_open", "verb"),
    [
        ("haven't apologised to him yet", '"Apologise to …"'),
        ("haven't told the client yet", '"Tell …"'),
        ("needs controller sign-off before it goes anywhere", '"Get the sign-off on …"'),
        ("facilities ticket from sept still open", '"Chase …"'),
    ],
)
def test_the_action_for_what_is_open_starts_with_the_verb_its_words_call_for(still_open: str, verb: str) -> None:
    """A small model copies the first verb it is shown ("Apologise to the driver" for missing rows): the program
    picks the verb from what is open, and the model writes the rest."""
    inputs = step_inputs("plan").model_copy(update={"lessons": [LESSON]})
    inputs = inputs.model_copy(update={"notes": f"{inputs.notes}\n{still_open}"})
    assert f"It does what is still open above: it starts with {verb}, then" in plan_inputs(inputs).texts["task"]


def test_without_a_verb_in_what_is_open_the_task_offers_several() -> None:
    inputs = step_inputs("plan").model_copy(update={"lessons": [LESSON]})
    inputs = inputs.model_copy(update={"notes": f"{inputs.notes}\nthe client is still unhappy"})
    task = plan_inputs(inputs).texts["task"]
    assert '("Tell", "Find", "Chase", "Finish")' in task and "{verb}" not in task
