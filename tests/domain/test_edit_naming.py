"""Which action of the plan a refine request names by its words."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.domain.edit_naming import about_named_action, named_action
from assistant.domain.edit_types import SetDate, ShiftDates

# The actions of bench/refine_set/drafts/outage-chat-three.json
ACTIONS = [
    "Add a CI gate that blocks config deploys unless the staging tests passed",
    "Write a pre-deploy checklist for payments config changes",
    "Brief the support team on the new deploy gate",
]


@pytest.mark.parametrize(
    ("request_text", "number"),
    [
        ("The support briefing can happen a week sooner, please move just that one.", 3),
        ("I need a few more days for the checklist, make it due on December 16.", 2),
        ("Support already knows about the gate, so the briefing isn't needed; take it out of the plan.", 3),
        ("For the CI gate, the measure should be: a test deploy without a green staging run is blocked.", 1),
        ("Make it shorter and warmer", None),
        ("The deploy one should move", None),  # "deploy" is in all three: no one action is named
    ],
)
def test_the_action_a_request_names_by_its_words(request_text: str, number: int | None) -> None:
    assert named_action(request_text, ACTIONS) == number


def test_an_edit_is_about_the_action_the_request_names_unless_it_gives_a_number() -> None:
    wrong = SetDate(target="action", number=1, date=dt.date(2026, 12, 16))
    request = "I need a few more days for the checklist, make it due on December 16."
    assert about_named_action(wrong, request, ACTIONS) == wrong.model_copy(update={"number": 2})
    shifted = ShiftDates(target="action", action=2, amount=-7)
    assert about_named_action(shifted, "the support briefing a week sooner", ACTIONS).action == 3  # type: ignore[union-attr]
    assert about_named_action(wrong, "action 1: the checklist is due December 16", ACTIONS) == wrong
    plan_wide = ShiftDates(target="plan", amount=7)
    assert about_named_action(plan_wide, "move the checklist a week later", ACTIONS) == plan_wide


LOOK_BACK_PLAN = [
    'Add "check the contents of a folder before sharing it with others" to my checklist for this work',
    "Go back over my other work of the same kind from the last month, to find any other case like this one",
]


@pytest.mark.parametrize(
    "request_text",
    [
        "Farid is going to do the sweep of my other shared folders, put him down as owner of that step",
        "the going-back-through-last-month step will take longer, give it one more week",
        "Scratch the step about going back through last month's sends.",
        "The look-back over my other shared folders won't be done by the 11th",
        "the lookback can wait a week",
    ],
)
def test_the_programs_look_back_is_named_by_what_people_call_it(request_text: str) -> None:
    """Its words share few with these, and "shared folders" shares more with the checklist's habit."""
    assert named_action(request_text, LOOK_BACK_PLAN) == 2


def test_a_plan_without_the_look_back_is_named_by_its_words_as_before() -> None:
    plan = [LOOK_BACK_PLAN[0], "Ask IT to switch on a 7-day expiry for shared links"]
    # no look back to name: the words decide ("folders", "other"), as before
    assert named_action("the sweep of my other shared folders", plan) == 1
    assert named_action("the expiry for shared links can wait", plan) == 2


def test_the_words_before_step_name_the_action_whatever_else_the_request_says() -> None:
    actions = ["Add the calendar check to my checklist", "Tell Renata about the missed VAT return deadline"]
    request = "The UK return is the real test of whether the new checklist step works."
    assert named_action(request, actions) == 1


def test_an_actions_acronym_typed_in_lower_case_names_it_but_a_plain_word_does_not() -> None:
    # "gate" alone is in the first action and the third: "ci" tells them apart
    assert named_action("ci gate thursday instead of friday", ACTIONS) == 1
    assert named_action("move the gate", ACTIONS) is None
    assert named_action("it is the gate", ["Ask IT to lock the gate", "Brief support on the gate"]) is None
