"""A refine request read clause by clause (``assistant/domain/edit_clauses.py``), when read whole it leaves part of
itself to the model."""

from __future__ import annotations

import datetime as dt

from chain_support import sample_draft

from assistant.domain.edit_clauses import clauses, numbered_items, read_by_clauses, without_taken_back
from assistant.domain.edit_reading import needs_model, read_edits
from assistant.domain.edit_types import AddAction, DropAction, Edit, SetDate, SetMeasure, SetTone, ShiftDates


def test_clauses_are_sentences_and_joined_clauses_about_one_thing_each() -> None:
    assert clauses("the gate by Tue the 8th, and the checklist by 15/12") == [
        "the gate by Tue the 8th",
        "the checklist by 15/12",
    ]
    assert clauses("Scrap the gate. Make it warmer and also shorter!") == [
        "Scrap the gate.",
        "Make it warmer",
        "shorter!",
    ]
    assert clauses("make it warmer, kinder") == ["make it warmer, kinder"]


def test_a_drop_and_a_date_each_in_its_own_sentence() -> None:
    draft = sample_draft()  # 1: the CI gate (4 Dec), 2: the checklist (11 Dec)
    request = "Honestly the gate is overkill now. Take that step out. And the checklist realistically lands on 16/12."
    assert read_edits(request, draft) == [
        SetDate(target="action", number=2, date=dt.date(2026, 12, 16)),
        DropAction(number=1),  # last, so that no number moves before the date is set
    ]


def test_clauses_that_contradict_or_leave_something_to_the_model_give_the_whole_reading() -> None:
    whole: list[Edit] = [SetTone(tone="warm")]

    def read(clause: str) -> list[Edit]:
        return [SetTone(tone="warm" if "warm" in clause else "formal")]

    assert read_by_clauses("Make it warm. Make it formal.", whole, read, needs_model) == whole
    assert read_by_clauses("Make it warm. Add a lesson about reviews.", whole, lambda c: [], needs_model) == whole


def test_a_clause_taken_back_is_not_read() -> None:
    request = "checklist step: due 14/12, and can Tomas own it? no wait, scratch that, keep me as the owner"
    assert without_taken_back(request) == "checklist step: due 14/12, keep me as the owner"
    edits = read_edits(request, sample_draft())
    assert edits == [SetDate(target="action", number=2, date=dt.date(2026, 12, 14))]
    assert not needs_model(request, edits)


def test_the_items_of_a_numbered_list_are_read_one_by_one() -> None:
    request = (
        "two things. 1) add an action: move the payment flags into the config repo. owner Priya, due 18 Dec, "
        "measure: every flag change has a reviewed PR. 2) the checklist needs 3 more days"
    )
    assert numbered_items(request)[0] == "two things."
    assert read_edits(request, sample_draft()) == [
        AddAction(
            action="Move the payment flags into the config repo",
            measure="Every flag change has a reviewed PR",
            owner="Priya",
            due=dt.date(2026, 12, 18),
        ),
        ShiftDates(target="action", action=2, amount=3, unit="days"),
    ]
    # no list: a date "1." or a lone "2)" is no item
    assert numbered_items("move step 2) to Friday") == ("", [])
    assert numbered_items("1) drop the checklist") == ("", [])


def test_a_clause_for_another_action_after_a_comma() -> None:
    request = (
        'two changes: the checklist moves to Tue 8 Dec, and for the CI gate the measure should be "a demo to Dana"'
    )
    assert read_edits(request, sample_draft()) == [
        SetDate(target="action", number=2, date=dt.date(2026, 12, 8)),
        SetMeasure(number=1, measure="A demo to Dana"),
    ]


def test_a_clause_that_draws_the_conclusion_settles_what_the_context_before_it_seemed_to_ask() -> None:
    draft = sample_draft()
    request = (
        "the DPO is meeting on wed the 9th and I'd like my checklist done before that. so make the checklist due "
        "tuesday the 8th"
    )
    assert read_edits(request, draft) == [SetDate(target="action", number=2, date=dt.date(2026, 12, 8))]
    # without the "so", two dates for one action: nothing is read by clauses
    request = "I'd like my checklist done wed the 9th. Make the checklist due tuesday the 8th"
    assert SetDate(target="action", number=2, date=dt.date(2026, 12, 8)) not in read_edits(request, draft)
