"""The values a refine request states exactly: amount and direction, date, the action named."""

from __future__ import annotations

import datetime as dt

import pytest
from chain_support import sample_draft

from assistant.domain.edit_reading_plan import read_plan_edits
from assistant.domain.edit_types import AddAction, Edit, RewordAction, SetDate, ShiftDates
from assistant.domain.edit_values import (
    DUE_CLAUSE_WORDS,
    DUE_WORDS,
    relative_shift,
    settled_edit,
    stated_date,
    stated_dates,
)

# The actions of bench/refine_set/drafts/outage-chat-three.json
ACTIONS = [
    "Add a CI gate that blocks config deploys unless the staging tests passed",
    "Write a pre-deploy checklist for payments config changes",
    "Brief the support team on the new deploy gate",
]


@pytest.mark.parametrize(
    ("edit", "request_text", "settled"),
    [
        (
            ShiftDates(target="action", action=3, amount=1, unit="weeks"),
            "The support briefing can happen a week sooner, please move just that one.",
            ShiftDates(target="action", action=3, amount=-1, unit="weeks"),
        ),
        (
            ShiftDates(target="plan", amount=1, unit="weeks"),
            "Für die Checkliste brauche ich eine Woche mehr Zeit.",
            ShiftDates(target="action", action=2, amount=1, unit="weeks"),
        ),
        (
            ShiftDates(target="plan", amount=1, unit="weeks"),
            "Move all dates for the checklist a week later",  # "all": the whole plan, as the model said
            ShiftDates(target="plan", amount=1, unit="weeks"),
        ),
    ],
)
def test_the_values_the_request_states_exactly_are_the_programs(edit: Edit, request_text: str, settled: Edit) -> None:
    assert settled_edit(edit, request_text, ACTIONS) == settled


@pytest.mark.parametrize(
    ("request_text", "shift"),
    [
        ("The support briefing can happen a week sooner, please move just that one.", (-1, "weeks")),
        ("Für die Checkliste brauche ich eine Woche mehr Zeit.", (1, "weeks")),
        ("push the dates 3 days later", (3, "days")),
        ("I need a few more days for the checklist, make it due on December 16.", None),  # no amount
        ("move it a week later and the check-ins two days earlier", None),  # two amounts
        ("can you push everything back by a week? same steps, just a week later", (1, "weeks")),  # one, said twice
        ("Move the checklist a week later. Move the briefing a week earlier.", None),  # the same, two ways
        ("push both deadlines back ten days", (10, "days")),
        ("the rollout will slip by a fortnight", (2, "weeks")),
        ("give the review five more days", (5, "days")),  # more time: later
        ("Können wir die Fristen um zwei Tage vorziehen? Nächste Woche habe ich mehr Zeit.", (-2, "days")),
    ],
)
def test_how_far_a_request_moves_a_date(request_text: str, shift: tuple[int, str] | None) -> None:
    assert relative_shift(request_text) == shift


def test_a_date_the_model_worked_out_for_a_relative_request_is_the_programs_shift() -> None:
    sooner = "The support briefing can happen a week sooner, please move just that one."
    set_date = SetDate(target="action", number=3, date=dt.date(2026, 12, 25))
    assert settled_edit(set_date, sooner, ACTIONS) == ShiftDates(target="action", action=3, amount=-1, unit="weeks")
    checkins = ShiftDates(target="checkins", amount=1, unit="weeks")
    assert settled_edit(checkins, sooner, ACTIONS) == ShiftDates(target="action", action=3, amount=-1, unit="weeks")
    dated = "Move the support briefing to Dec 11, a week sooner"  # a date of its own: the model's date stands
    assert settled_edit(set_date, dated, ACTIONS) == set_date


TODAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("request_text", "date"),
    [
        ("lets do the support team briefing on wed the 16th instead", dt.date(2026, 12, 16)),
        ("make it due on December 16.", dt.date(2026, 12, 16)),
        ("16th of December for the checklist", dt.date(2026, 12, 16)),
        ("Checkliste bis 16.12. bitte", dt.date(2026, 12, 16)),
        ("action 1 due on 2026-12-08", dt.date(2026, 12, 8)),
        ("the 3rd", dt.date(2026, 12, 3)),  # this month's 3rd is past: the next one
        ("Dec 16 or Dec 18", None),  # two dates: the model's choice
        ("review due 17/12 please", dt.date(2026, 12, 17)),
        ("review due 12/17 please", dt.date(2026, 12, 17)),
        # the 11th of December, not the 12th of November, which is past: the reading within the weeks a plan spans
        ("review due 12/11 please", dt.date(2026, 12, 11)),
        ("d'ici mercredi 2/12", dt.date(2026, 12, 2)),  # 2 December, not 12 February
        ("review due 3/4 please", None),  # 3 April or 4 March, both months away: not read
        ("Due 18/12. Marta should see it", dt.date(2026, 12, 18)),  # "12. Marta" is no date in March
        ("every link I shared since 1 October listed", None),  # a date past, said in a measure
        ("am 16. Dezember", dt.date(2026, 12, 16)),
        ("el 16 de diciembre", dt.date(2026, 12, 16)),
        ("move it a week later", None),
    ],
)
def test_the_one_calendar_date_a_request_states(request_text: str, date: dt.date | None) -> None:
    assert stated_date(request_text, TODAY) == date


def test_a_stated_date_is_the_programs_whatever_the_model_worked_out() -> None:
    wrong = SetDate(target="action", number=3, date=dt.date(2026, 12, 18))
    request = "lets do the support team briefing on wed the 16th instead"
    assert settled_edit(wrong, request, ACTIONS, TODAY) == SetDate(
        target="action", number=3, date=dt.date(2026, 12, 16)
    )
    shift = ShiftDates(target="action", action=3, amount=2, unit="days")
    assert settled_edit(shift, request, ACTIONS, TODAY) == SetDate(
        target="action", number=3, date=dt.date(2026, 12, 16)
    )


def test_more_time_without_a_direction_is_later() -> None:
    assert relative_shift("the checklist is gonna need another week") == (1, "weeks")
    assert relative_shift("it needs an extra 3 days") == (3, "days")


def test_a_part_read_as_one_date_is_not_read_again_and_a_known_date_is_not_the_new_one() -> None:
    assert stated_date("the 3rd of January", TODAY) == dt.date(2027, 1, 3)  # not also "the 3rd"
    said = "not by the 11th; 18/12 works"
    assert stated_date(said, TODAY) is None  # two dates
    assert stated_date(said, TODAY, known={dt.date(2026, 12, 11)}) == dt.date(2026, 12, 18)


def test_a_new_actions_due_date_is_the_one_the_request_states() -> None:
    answered = AddAction(
        action="Ask IT to turn on link expiry", measure="IT confirms the setting", due=dt.date(2026, 11, 16)
    )
    request = "one more thing in the plan: ask IT to turn on link expiry, by wed the 16th. Rest is fine."
    settled = settled_edit(answered, request, ["Write a checklist"], dt.date(2026, 11, 27))
    assert settled == answered.model_copy(update={"due": dt.date(2026, 12, 16)})  # the model picked last month's 16th


def test_a_new_actions_due_date_is_the_one_after_a_due_word() -> None:
    answered = AddAction(
        action="Review what went wrong with the team", measure="Notes shared", due=dt.date(2026, 12, 4)
    )
    request = "Add a step: review what went wrong on the 3rd with the team, due the 11th"
    settled = settled_edit(answered, request, ["Write a checklist"], dt.date(2026, 11, 27))
    assert settled.due == dt.date(2026, 12, 11)  # type: ignore[union-attr]
    no_due = "Add a step: review what went wrong on the 3rd with the team"
    assert settled_edit(answered, no_due, ["Write a checklist"], dt.date(2026, 11, 27)) == answered


def test_every_due_word_introduces_a_new_actions_due_date() -> None:
    answered = AddAction(
        action="Go through the alerts with support", measure="Support knows them", due=dt.date(2026, 12, 4)
    )
    for word in DUE_WORDS:
        request = f"Add a step: go through the alerts with support, {word} 18/12"
        settled = settled_edit(answered, request, ["Write a checklist"], dt.date(2026, 11, 27))
        assert settled.due == dt.date(2026, 12, 18), word  # type: ignore[union-attr]


def test_a_due_date_is_cut_from_a_new_actions_words_but_not_what_it_is_before() -> None:
    assert set(DUE_CLAUSE_WORDS) == set(DUE_WORDS) - {"before"}
    request = (
        "Add an action: run a deploy drill before the release by Dec 18, done when the drill log shows a blocked deploy"
    )
    assert read_plan_edits(request, sample_draft()) == [
        AddAction(
            action="Run a deploy drill before the release",
            measure="The drill log shows a blocked deploy",
            due=dt.date(2026, 12, 18),
        )
    ]
    request = "Add an action: run a deploy drill tot 18/12, done when the drill log shows a blocked deploy"
    assert read_plan_edits(request, sample_draft())[0].action == "Run a deploy drill"  # type: ignore[union-attr]


def test_the_prompts_plan_line_copied_into_an_actions_wording_is_cut() -> None:
    actions = ["Add a CI gate that blocks config deploys", "Tell Renata about the penalties"]
    copied = RewordAction(number=2, action="Tell Renata about the penalties (owner: me; due 2026-12-11; done when: …)")
    assert settled_edit(copied, "reword step 2", actions) == RewordAction(
        number=2, action="Tell Renata about the penalties"
    )


def test_a_dutch_shift() -> None:
    assert relative_shift("Kun je alle deadlines drie dagen naar voren halen?") == (-3, "days")


def test_two_days_of_one_month_are_both_read_and_a_steps_number_is_no_day() -> None:
    today = dt.date(2026, 11, 27)
    both = [dt.date(2026, 12, 8), dt.date(2026, 12, 15)]
    for said in ("le 8 et le 15 décembre", "on the 8th and 15th of December", "am 8. und 15. Dezember"):
        assert sorted(stated_dates(said, today)) == both
    assert stated_dates("step 2 and 3 December", today) == {dt.date(2026, 12, 3)}
