"""Typed edits applied to a finished draft: dates computed, check-ins settled again, message assembled again."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from pydantic import TypeAdapter, ValidationError
from ui_support import NOTES, TODAY, scripted_model

from assistant.chains.refine import ADDED_MARKER
from assistant.chains.report_back import report_back
from assistant.domain.edit_types import (
    AddAction,
    AddFact,
    DropAction,
    Edit,
    ReplaceSection,
    RewordAction,
    SetChannel,
    SetDate,
    SetLength,
    SetMeasure,
    SetOwner,
    SetTone,
    ShiftDates,
)
from assistant.domain.schema import Draft
from assistant.workflows.assemble import assemble_message
from assistant.workflows.draft import Pipeline, adraft
from assistant.workflows.edits import apply_edits


@pytest.fixture(scope="module")
def draft() -> Draft:
    return asyncio.run(adraft(NOTES, Pipeline(scripted_model()), today=TODAY))


def _dues(d: Draft) -> list[str]:
    return [a.due.isoformat() for a in d.plan]


def _checkins(d: Draft) -> list[str]:
    return [c.date.isoformat() for c in d.report_back]


def test_the_fixture_draft(draft: Draft) -> None:
    assert _dues(draft) == ["2026-12-04", "2026-12-11"]
    assert _checkins(draft) == ["2026-12-07", "2026-12-14"]


def test_shifting_the_plan_moves_every_due_date_and_settles_the_checkins_again(draft: Draft) -> None:
    result = apply_edits(draft, [ShiftDates(target="plan", amount=1, unit="weeks")])
    assert _dues(result.draft) == ["2026-12-11", "2026-12-18"]
    assert _checkins(result.draft) == ["2026-12-14", "2026-12-21"]
    assert result.draft.report_back == report_back(result.draft.plan).checkins
    assert result.draft.message == assemble_message(result.draft, result.draft.options, draft.message.subject)
    assert "(by Fri 11 Dec)" in result.draft.message.body and "Mon 21 Dec" in result.draft.message.body
    assert [what for _, what in result.done] == ["moved every due date one week later; the check-ins follow"]
    assert (result.draft.pain, result.draft.lessons, result.draft.notes) == (draft.pain, draft.lessons, draft.notes)


def test_days_land_on_working_days_and_one_action_moves_alone(draft: Draft) -> None:
    result = apply_edits(draft, [ShiftDates(target="action", action=2, amount=1, unit="days")])
    assert _dues(result.draft) == ["2026-12-04", "2026-12-14"]  # Sat 12 Dec -> Mon 14 Dec
    assert _checkins(result.draft) == ["2026-12-07", "2026-12-15"]
    assert [what for _, what in result.done] == [
        "moved action 2 one day later (a date that fell on a weekend is on the Monday after)"  # the reply says so
    ]


def test_only_the_checkins_move(draft: Draft) -> None:
    result = apply_edits(draft, [ShiftDates(target="checkins", amount=2, unit="days")])
    assert _dues(result.draft) == _dues(draft)
    assert _checkins(result.draft) == ["2026-12-09", "2026-12-16"]
    assert [what for _, what in result.done] == ["moved the check-ins two days later"]  # no weekend: nothing added


def test_dates_before_the_draft_are_refused_and_nothing_changes(draft: Draft) -> None:
    result = apply_edits(draft, [ShiftDates(target="plan", amount=-2, unit="weeks")])
    assert not result.changed and result.draft is draft
    assert result.refused[0][1] == "2026-11-20 is not after the draft's date 2026-11-27"
    past = apply_edits(draft, [SetDate(target="action", number=1, date=dt.date(2026, 11, 1))])
    assert not past.changed


def test_set_date_of_an_action_and_of_a_checkin(draft: Draft) -> None:
    result = apply_edits(draft, [SetDate(target="action", number=1, date=dt.date(2026, 12, 2))])
    assert _dues(result.draft) == ["2026-12-02", "2026-12-11"]
    assert _checkins(result.draft) == ["2026-12-03", "2026-12-14"]
    checkin = apply_edits(draft, [SetDate(target="checkin", number=2, date=dt.date(2026, 12, 15))])
    assert _checkins(checkin.draft) == ["2026-12-07", "2026-12-15"]


def test_drop_add_reword_owner_and_measure(draft: Draft) -> None:
    result = apply_edits(
        draft,
        [
            DropAction(number=2),
            AddAction(action="Pair with Sam on the next config deploy", measure="Sam signs off the deploy log"),
            RewordAction(number=1, action="Add a CI gate for payments config deploys"),
            SetOwner(number=2, owner="Sam"),
            SetMeasure(number=1, measure="A deploy without a green staging run is blocked"),
        ],
    )
    plan = result.draft.plan
    assert [a.action for a in plan] == [
        "Add a CI gate for payments config deploys",
        "Pair with Sam on the next config deploy",
    ]
    assert [a.owner for a in plan] == ["me", "Sam"]
    assert plan[0].measure == "A deploy without a green staging run is blocked"
    assert _dues(result.draft) == ["2026-12-04", "2026-12-11"]  # the new action a week after the last
    assert result.draft.report_back == report_back(plan).checkins
    assert (
        "I will pair with Sam" in result.draft.message.body and "pre-deploy checklist" not in result.draft.message.body
    )
    assert len(result.done) == 5 and result.refused == []


def test_actions_out_of_range_or_the_last_one_are_refused(draft: Draft) -> None:
    result = apply_edits(draft, [DropAction(number=3), SetOwner(number=0, owner="Sam")])
    assert [why for _, why in result.refused] == [
        "the plan has actions 1 to 2, not 3",
        "the plan has actions 1 to 2, not 0",
    ]
    one = apply_edits(draft, [DropAction(number=2)]).draft
    assert (
        apply_edits(one, [DropAction(number=1)]).refused[0][1]
        == "it is the plan's only action; a plan needs at least one"
    )


def test_replace_sections_and_the_subject(draft: Draft) -> None:
    result = apply_edits(
        draft,
        [
            ReplaceSection(section="positive", text="I'm fully on it."),
            ReplaceSection(section="lessons", text="- I now run the staging tests first.\n- I ask for a review."),
            ReplaceSection(section="subject", text="About Friday"),
        ],
    )
    assert result.draft.positive == "I'm fully on it."
    assert result.draft.lessons == ["I now run the staging tests first.", "I ask for a review."]
    assert result.draft.message.subject == "About Friday"
    assert "I'm fully on it." in result.draft.message.body


def test_channel_length_and_tone(draft: Draft) -> None:
    chat = apply_edits(draft, [SetChannel(channel="chat")]).draft
    assert chat.options.channel == chat.message.channel == "chat" and "\n" not in chat.message.body
    short = apply_edits(draft, [SetLength(length="shorter")]).draft
    assert short.options.length == "short" and len(short.message.body) < len(draft.message.body)
    assert apply_edits(short, [SetLength(length="shorter")]).refused[0][1] == "the message is already short"
    assert apply_edits(draft, [SetTone(tone="warm")]).draft.options.tone == "warm"
    assert apply_edits(draft, [SetChannel(channel="email")]).refused[0][1] == "the message's channel is already email"


def test_a_fact_goes_into_the_notes_once(draft: Draft) -> None:
    result = apply_edits(draft, [AddFact(fact="I already told the support team")])
    assert result.draft.notes == f"{draft.notes}\n\n{ADDED_MARKER}\n- I already told the support team"
    again = apply_edits(result.draft, [AddFact(fact="I already told the support team")])
    assert again.refused[0][1] == "the notes already say it"


def test_edits_are_parsed_by_their_op() -> None:
    adapter: TypeAdapter[Edit] = TypeAdapter(Edit)
    edit = adapter.validate_python({"op": "shift_dates", "target": "plan", "amount": 2, "unit": "weeks"})
    assert edit == ShiftDates(target="plan", amount=2, unit="weeks")
    with pytest.raises(ValidationError):
        adapter.validate_python({"op": "shift_dates", "target": "plan", "amount": 2, "unit": "years"})


def test_a_new_action_due_before_the_others_is_still_the_last(draft: Draft) -> None:
    early = AddAction(action="Tell support how to page me", measure="They have the link", due=dt.date(2026, 12, 2))
    plan = apply_edits(draft, [early]).draft.plan
    assert [a.action for a in plan[:2]] == [a.action for a in draft.plan]  # the others keep their numbers
    assert plan[2].action == "Tell support how to page me" and plan[2].due == dt.date(2026, 12, 2)


def test_check_ins_moved_with_the_plan_move_as_far_from_where_they_were(draft: Draft) -> None:
    shift = [ShiftDates(target="plan", amount=-3, unit="days"), ShiftDates(target="checkins", amount=-3, unit="days")]
    after = apply_edits(draft, shift).draft
    assert [c.date for c in after.report_back] == [c.date - dt.timedelta(days=3) for c in draft.report_back]
    assert [a.due for a in after.plan] == [a.due - dt.timedelta(days=3) for a in draft.plan]


def test_check_ins_moved_after_one_action_got_a_date_move_from_where_they_were(draft: Draft) -> None:
    edits = [
        SetDate(target="action", number=1, date=dt.date(2026, 12, 8)),
        ShiftDates(target="checkins", amount=1, unit="weeks"),
    ]
    after = apply_edits(draft, edits).draft
    assert after.plan[0].due == dt.date(2026, 12, 8)
    assert [c.date for c in after.report_back] == [c.date + dt.timedelta(days=7) for c in draft.report_back]


def test_two_check_ins_set_past_each_other_land_on_the_dates_asked(draft: Draft) -> None:
    edits = [SetDate(target="checkin", number=1, date=dt.date(2026, 12, 16)),
             SetDate(target="checkin", number=2, date=dt.date(2026, 12, 23))]  # fmt: skip
    assert _checkins(apply_edits(draft, edits).draft) == ["2026-12-16", "2026-12-23"]  # from 7 and 14 Dec
