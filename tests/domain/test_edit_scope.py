"""Which of the model's edits a refine request asks for."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.domain.edit_scope import mentioned_kinds, unasked
from assistant.domain.edit_types import (
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

# The actions of bench/refine_set/drafts/outage-chat-three.json
ACTIONS = [
    "Add a CI gate that blocks config deploys unless the staging tests passed",
    "Write a pre-deploy checklist for payments config changes",
    "Brief the support team on the new deploy gate",
]
LESSONS = ReplaceSection(section="lessons", text="I now run the staging tests.")


@pytest.mark.parametrize(
    ("request_text", "edit"),
    [
        ("Priya offered to brief support herself, so make her the owner of that action.", LESSONS),
        (
            "Priya offered to brief support herself, so make her the owner of that action.",
            ShiftDates(target="plan", amount=1),
        ),
        (
            "Add that I already called the three biggest affected merchants on Monday.",
            ShiftDates(target="checkins", amount=1),
        ),
        ("Send this to the VP by fax tonight.", SetDate(target="checkin", number=1, date=dt.date(2026, 12, 8))),
        ("This sounds a bit cold for Dana, can you soften the tone?", ReplaceSection(section="pain", text="Sorry.")),
        ("Support already knows about the gate; take the briefing out of the plan.", SetLength(length="short")),
        ("Hazlo más corto, por favor.", ShiftDates(target="checkins", amount=7)),
    ],
)
def test_an_edit_of_a_kind_the_request_never_mentions_is_unasked(request_text: str, edit: Edit) -> None:
    assert unasked(edit, request_text) is not None


@pytest.mark.parametrize(
    ("request_text", "edit"),
    [
        ("Priya offered to brief support herself, so make her the owner of that action.",
         SetOwner(number=3, owner="Priya")),
        ("I need a few more days for the checklist, make it due on December 16.",
         SetDate(target="action", number=2, date=dt.date(2026, 12, 16))),
        ("The support briefing can happen a week sooner, please move just that one.",
         ShiftDates(target="action", action=3, amount=-1, unit="weeks")),
        ("Verschiebe bitte alle Termine um eine Woche nach hinten.", ShiftDates(target="plan", amount=1, unit="weeks")),
        ("Hazlo más corto, por favor.", SetLength(length="shorter")),
        ("This sounds a bit cold for Dana, can you soften the tone?", SetTone(tone="warm")),
        ("I'd rather say this to Dana in our 1:1, give me talking points instead of an email.",
         SetChannel(channel="talking_points")),
        ("Support already knows about the gate, so the briefing isn't needed; take it out of the plan.",
         DropAction(number=3)),
        ("For the CI gate, the measure should be: a test deploy without a green staging run is blocked.",
         SetMeasure(number=1, measure="A test deploy without a green staging run is blocked")),
        ("Make the apology less stiff", ReplaceSection(section="pain", text="I'm sorry that ...")),
        ("Rewrite the whole thing in plainer words", ReplaceSection(section="lessons", text="I now ...")),
        ("Add that I already called the merchants.", AddFact(fact="I already called the merchants")),
    ],
)  # fmt: skip
def test_an_edit_the_request_speaks_of_is_asked(request_text: str, edit: Edit) -> None:
    assert unasked(edit, request_text) is None


def test_the_reason_names_what_the_request_left_out() -> None:
    assert unasked(LESSONS, "make Priya the owner of action 3") == "your request does not mention the lessons"
    assert unasked(ShiftDates(target="plan", amount=1), "fax it") == "your request does not mention the dates"


def test_a_rewording_needs_the_request_to_name_an_action() -> None:
    reword = RewordAction(number=1, action="I will add a CI gate")
    assert unasked(reword, "give me talking points instead, say it plainly", ACTIONS) == (
        "your request does not name an action to reword"
    )
    assert unasked(reword, "reword action 1 to say it plainly", ACTIONS) is None
    assert unasked(reword, "say the staging tests part more plainly", ACTIONS) is None  # by its words


def test_a_fact_is_added_to_the_notes_only_when_the_request_asks_for_that() -> None:
    fact = AddFact(fact="Marco agreed to own the CI gate")
    assert unasked(fact, "Marco said he'd own the CI gate, he agreed, so put him down for that one.") == (
        "your request does not mention adding a fact to your notes"
    )
    assert unasked(fact, "Add that Marco agreed to own the CI gate.") is None
    assert unasked(fact, "Bitte ergänze, dass Marco das CI-Gate übernimmt.") is None


@pytest.mark.parametrize(
    ("request_text", "kinds"),
    [
        # a fact told in words that also begin other kinds' words: the model may only add the fact
        ("fyi the VP already knows it was me, I messaged him directly on Sunday and owned it. work that in", {"fact"}),
        # "apologised" speaks of the pain; "who lost orders" names no owner
        ("I already phoned the two merchants who lost orders and apologised to them, can you add it", {"fact", "pain"}),
        ("Priya owns the checklist now", {"owner"}),
        ("who will do the checklist? Priya", {"owner"}),
        ("say it more directly", {"tone", "reword", "channel"}),
    ],
)
def test_words_that_only_begin_like_a_kind_do_not_offer_it(request_text: str, kinds: set[str]) -> None:
    assert mentioned_kinds(request_text) == kinds


def test_a_day_given_by_its_number_or_as_when_it_is_due_mentions_the_dates() -> None:
    gate = SetDate(target="action", number=1, date=dt.date(2026, 12, 1))
    assert unasked(gate, "the gate is basically done, put it down for Tue 1st") is None
    assert unasked(gate, "the gate can be ready by wednesday") is None
    assert unasked(gate, "add that I called the merchants on Monday") is not None  # a weekday said in passing
