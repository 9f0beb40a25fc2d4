"""What the program checks in the model's edits (``assistant/domain/edit_guards.py``): rewordings that change nothing
or copy the draft, owners the request does not name, a drop for a sentence, a new action's copied framing and dates."""

from __future__ import annotations

import datetime as dt

from chain_support import sample_draft

from assistant.domain.edit_guards import (
    date_for_action,
    model_edit_refusal,
    new_actions_date,
    one_of_each,
    tidied_edit,
)
from assistant.domain.edit_types import (
    AddAction,
    AddFact,
    DropAction,
    ReplaceSection,
    RewordAction,
    SetDate,
    SetMeasure,
    SetOwner,
    ShiftDates,
)
from assistant.domain.edit_values import relative_shift

GATE = "Add a CI gate that blocks config deploys unless the staging tests passed"
CHECKLIST = "Write a pre-deploy checklist for payments config changes"


def test_a_rewording_that_says_the_same_or_copies_the_draft_is_not_applied() -> None:
    draft = sample_draft()
    request = "reword the checklist step"
    same = RewordAction(number=1, action=f"{GATE} – what you'll see: Dana's note.")
    assert model_edit_refusal(same, request, draft) == "action 1 already says so"
    quotes = RewordAction(number=2, action=CHECKLIST.replace("payments", "'payments'"))
    assert model_edit_refusal(quotes, request, draft) == "action 2 already says so"
    assert model_edit_refusal(RewordAction(number=2, action=GATE), request, draft) == "it repeats action 1"
    lesson = RewordAction(number=2, action=draft.lessons[0])
    assert model_edit_refusal(lesson, request, draft) == "it repeats a lesson of the draft, not your request"
    new = RewordAction(number=2, action="Write a pre-deploy checklist for every config change")
    assert model_edit_refusal(new, request, draft) is None
    measure = SetMeasure(number=1, measure=draft.plan[0].measure + ".")
    assert model_edit_refusal(measure, request, draft) == "action 1's measure already says so"
    assert model_edit_refusal(AddAction(action=CHECKLIST, measure="m"), "add a step", draft) == "it repeats action 2"


def test_an_owner_is_someone_the_request_names() -> None:
    draft = sample_draft()
    request = "Lukas from platform owns the checklist now"
    assert model_edit_refusal(SetOwner(number=2, owner="Lukas"), request, draft) is None
    assert model_edit_refusal(SetOwner(number=2, owner="Dana"), request, draft) == (
        "your request does not name Dana as the owner"
    )
    long = SetOwner(number=1, owner="IT's monthly sharing report showing zero links")
    assert model_edit_refusal(long, "the measure is IT's monthly sharing report showing zero links", draft)


def test_a_request_about_a_sentence_drops_no_action() -> None:
    draft = sample_draft()
    for request in ("Drop the line about it being my decision", "Quita la frase donde digo que fue mi decisión"):
        assert model_edit_refusal(DropAction(number=1), request, draft) == (
            "your request is about a sentence of the message, not an action of the plan"
        )
    assert model_edit_refusal(DropAction(number=2), "drop the checklist step", draft) is None


def test_a_new_action_loses_copied_framing_and_gets_a_stated_date_or_none() -> None:
    draft = sample_draft()
    request = "Ajoute une étape au plan : mettre en place un accès sécurisé, d'ici mercredi 2/12."
    added = AddAction(
        action="Add a step to the plan: set up secure access for the auditors",
        measure="Both auditors have access (owner: me; due 2026-12-04)",
        owner="the auditors",
        due=dt.date(2026, 12, 4),
    )
    assert tidied_edit(added, request, draft) == AddAction(
        action="Set up secure access for the auditors",
        measure="Both auditors have access",
        owner="me",
        due=dt.date(2026, 12, 2),
    )
    invented = AddAction(action="Run a rollback drill", measure="m", due=dt.date(2027, 3, 12))
    assert tidied_edit(invented, "add a rollback drill with on-call", draft).due is None
    named = AddAction(action="Run a rollback drill", measure="m", owner="Priya", due=dt.date(2026, 12, 18))
    assert tidied_edit(named, "add a rollback drill run by Priya by Dec 18", draft) == named


def test_of_two_rewordings_of_one_action_the_one_from_the_request_stays() -> None:
    request = "make the checklist cover every config change: payments, shipping, search"
    vague = RewordAction(number=2, action="Write a better checklist")
    asked = RewordAction(number=2, action="Write a checklist for every config change: payments, shipping, search")
    owner = SetOwner(number=2, owner="me")
    assert one_of_each([vague, owner, asked], request) == [owner, asked]


def test_each_date_goes_to_the_action_named_beside_it_and_a_new_actions_date_moves_no_other() -> None:
    draft = sample_draft()
    request = "The checklist can be ready sooner, say Wednesday the 9th. Also add a rollback drill with Priya, Dec 18."
    assert date_for_action(2, request, draft) == dt.date(2026, 12, 9)
    assert date_for_action(1, request, draft) is None
    drill = AddAction(action="Run a rollback drill with Priya", measure="m", due=dt.date(2026, 12, 25))
    assert tidied_edit(drill, request, draft).due == dt.date(2026, 12, 18)
    wrong = SetDate(target="action", number=2, date=dt.date(2026, 12, 7))
    assert tidied_edit(wrong, request, draft) == SetDate(target="action", number=2, date=dt.date(2026, 12, 9))
    new = "New step for the plan -> a seed-list rule in the email tool. Due 18/12. Marta should see a send blocked."
    seed = AddAction(action="Set up a seed-list rule in the email tool", measure="m", due=dt.date(2026, 12, 18))
    moved = SetDate(target="action", number=1, date=dt.date(2026, 12, 18))
    shifted = ShiftDates(target="plan", amount=7)
    assert new_actions_date([shifted, moved, seed], new, draft) == [
        (shifted, "the date your request states is the new action's"),
        (moved, "the date your request states is the new action's"),
    ]
    assert new_actions_date([wrong, drill], request, draft) == []  # the checklist's date is named beside it


def test_a_fact_loses_the_asking_after_it_and_a_request_copied_whole_is_no_fact() -> None:
    draft = sample_draft()
    request = "both auditors confirmd in writing that they deleted their copies, add that pls"
    fact = AddFact(fact="The auditors confirmed in writing that they deleted their copies, add that pls")
    tidied = tidied_edit(fact, request, draft)
    assert tidied == AddFact(fact="The auditors confirmed in writing that they deleted their copies")
    assert model_edit_refusal(tidied, request, draft) is None
    copied = AddFact(fact="The checklist can be ready sooner. Also please add a third action: a rollback drill")
    assert model_edit_refusal(copied, "…", draft) == "that is your request, not a fact for the notes"
    assert model_edit_refusal(AddFact(fact="done by friday the 18th"), "…", draft) == (
        "that is too short to be a fact for the notes"
    )
    owner = SetOwner(number=2, owner="lena from the support team")
    assert tidied_edit(owner, "lena from the support team will do it", draft) == SetOwner(number=2, owner="Lena")


def test_a_section_rewritten_with_its_label_and_the_same_words_changes_nothing() -> None:
    draft = sample_draft()
    labelled = ReplaceSection(section="ownership", text=f"Ownership: {draft.ownership}")
    tidied = tidied_edit(labelled, "priya should own the briefing", draft)
    assert tidied == ReplaceSection(section="ownership", text=draft.ownership)
    assert model_edit_refusal(tidied, "priya should own the briefing", draft) == "the ownership already says so"


def test_a_shift_by_an_amount_the_request_never_states_is_refused() -> None:
    draft = sample_draft()
    seven_weeks = ShiftDates(target="action", action=2, amount=7, unit="weeks")
    reason = model_edit_refusal(seven_weeks, "the checklist needs more time, push it back", draft)
    assert reason == "your request states no amount of time I can read as 7 weeks; say how far, as in 'a week later'"
    # an amount it states, even one it cannot place on one date ("a week … or two"), stands
    one_week = ShiftDates(target="action", action=2, amount=1, unit="weeks")
    assert model_edit_refusal(one_week, "push the checklist back a week, or maybe two weeks", draft) is None
    assert (
        model_edit_refusal(one_week.model_copy(update={"amount": 7, "unit": "days"}), "push it back a week", draft)
        is None
    )


def test_a_whole_week_more_is_one_week_later() -> None:
    assert relative_shift("the checklist needs a whole week more, push it back") == (1, "weeks")
    assert relative_shift("the checklist doesn't need a whole week, bring it forward by two days") == (-2, "days")
