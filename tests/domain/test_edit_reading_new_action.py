"""A new action a refine request gives in so many words (``assistant/domain/edit_reading_new_action.py``); more cases,
read through the plan reading, are in ``test_edit_reading_plan.py``."""

from __future__ import annotations

import datetime as dt

import pytest
from chain_support import sample_draft

from assistant.domain.edit_reading import read_edits
from assistant.domain.edit_reading_new_action import new_action
from assistant.domain.edit_types import AddAction, DropAction, SetDate


def test_after_a_colon_in_its_own_sentence_or_said_as_a_thing() -> None:
    draft = sample_draft()
    assert new_action("one more step: brief support on the gate, done when support confirms it", draft) == AddAction(
        action="Brief support on the gate", measure="Support confirms it"
    )
    request = "add a step? I'd like to fix the alert, finished by Tuesday. What Dana would see is a test page firing."
    assert new_action(request, draft) == AddAction(
        action="Fix the alert", measure="A test page firing", due=dt.date(2026, 12, 1)
    )
    assert new_action("one more step: rollback drill with on-call", draft) == AddAction(
        action="Run a rollback drill with on-call", measure="The date it took place and who took part"
    )


def test_what_it_leaves_to_the_model() -> None:
    draft = sample_draft()
    assert new_action("one more step: a talk with the team", draft) is None  # what is done is not said
    assert new_action("noch ein Schritt: eine Übung mit dem Team machen", draft) is None  # not English, no measure
    assert new_action("make it warmer", draft) is None


def test_a_dash_for_a_colon_and_a_doer_as_the_owner() -> None:
    draft = sample_draft()
    request = "one more step for the plan - answer the open tickets. measure = the queue at zero. no fixed date yet"
    assert new_action(request, draft) == AddAction(action="Answer the open tickets", measure="The queue at zero")
    request = (
        "Please add a step to the plan: Bogdan from IT sets up a staging gate for config. "
        "He said he can have it done by Dec 3rd."
    )
    assert new_action(request, draft) == AddAction(
        action="Set up a staging gate for config",
        measure="I'll show you it in use on the next real case",
        owner="Bogdan",
        due=dt.date(2026, 12, 3),
    )


def test_the_owner_as_a_label_or_as_the_doer_with_a_team_or_a_future() -> None:
    draft = sample_draft()
    labelled = new_action(
        "New action: - separate folder for the 2 auditors, only their 6 files - owner: Kenji (IT) - due Wed 2 Dec - "
        "measure: both auditors confirm they can open all 6 files",
        draft,
    )
    assert labelled == AddAction(
        action="Set up a separate folder for the 2 auditors, only their 6 files",
        measure="Both auditors confirm they can open all 6 files",
        owner="Kenji",
        due=dt.date(2026, 12, 2),
    )
    femi = new_action(
        "one more step pls: Femi (mkt ops) switches on the seed-list test send in our email tool. we know its done "
        "when the tool blocks any campaign that skipped the seed test",
        draft,
    )
    assert femi is not None and (femi.owner, femi.action) == (
        "Femi",
        "Switch on the seed-list test send in our email tool",
    )
    kasia = new_action("add a step pls - Kasia Nowak in IT is going to set up named accounts for the auditors", draft)
    assert kasia is not None and (kasia.owner, kasia.action) == ("Kasia", "Set up named accounts for the auditors")


def test_who_owns_the_new_action_and_its_date_in_the_sentence_after_it() -> None:
    request = (
        "one more step in the plan: set up a restricted folder for the auditors. Olu from IT owns that one, due "
        "Friday the 11th"
    )
    added = new_action(request, sample_draft())
    assert added is not None
    assert (added.action, added.owner, added.due) == (
        "Set up a restricted folder for the auditors",
        "Olu",
        dt.date(2026, 12, 11),
    )


def test_a_new_action_asked_in_italian_with_its_measure() -> None:
    request = (
        "Aggiungi un'azione: spostare le scadenze dal mio calendario al tracker del team, entro il 3 dicembre. "
        "Come misura: tutte e due le scadenze nel tracker con un promemoria a Matteo."
    )
    added = new_action(request, sample_draft())
    assert added is not None
    assert added.action == "Spostare le scadenze dal mio calendario al tracker del team"
    assert "Matteo" in added.measure and added.due == dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("request_", "action", "owner", "due", "measure"),
    [
        ("can u add another step - Ingrid from RevOps locks the price field in the template. she hasnt given me a "
         "date yet", "Lock the price field in the template", "Ingrid", None, None),
        ("add one more: Henrik puts both returns into the team tracker, by tuesday",
         "Put both returns into the team tracker", "Henrik", dt.date(2026, 12, 1), None),
        ("need one more action: I move the deadlines into the team tracker, done by Monday. proof is that Joost can "
         "open the tracker and see both", "Move the deadlines into the team tracker", "me", dt.date(2026, 11, 30),
         "Joost can open the tracker and see both"),
        ("new step: Olusegun in IT sets up a locked down share for the auditors. he said wednesday works for him",
         "Set up a locked down share for the auditors", "Olusegun", dt.date(2026, 12, 2), None),
        ("add another step - Ravi and me run a 30 min rollback drill with the on-call rota, in two weeks. not sure "
         "yet how we'd measure it", "Run a 30 min rollback drill with the on-call rota", "Ravi", dt.date(2026, 12, 11),
         None),
        ("add one more: me and Priya do a rollback drill on staging thursday next week, measure = rollback done in "
         "under 10 min", "Do a rollback drill on staging thursday next week", "Priya", dt.date(2026, 12, 3),
         "Rollback done in under 10 min"),
        ("add step: alerting on the checkout error rate, page on-call if over 2%. owner me, due 15/12",
         "Alerting on the checkout error rate, page on-call if over 2%", "me", dt.date(2026, 12, 15), None),
    ],
)  # fmt: skip
def test_new_actions_with_their_doer_date_and_measure_said_as_people_say_them(
    request_: str, action: str, owner: str, due: dt.date | None, measure: str | None
) -> None:
    added = new_action(request_, sample_draft())
    assert added is not None
    assert (added.action, added.owner, added.due) == (action, owner, due)
    assert added.measure == measure if measure else len(added.measure.split()) >= 3


def test_a_new_action_after_an_arrow_with_its_due_date_and_what_the_leader_sees() -> None:
    request = (
        "New step for the plan -> set up a rule in our deploy tool so no config change ships without staging "
        "tests. Due 18/12. Dana should be able to see that a deploy without tests gets blocked."
    )
    added = new_action(request, sample_draft())
    assert added is not None
    assert added.action == "Set up a rule in our deploy tool so no config change ships without staging tests"
    assert (added.owner, added.due) == ("me", dt.date(2026, 12, 18))


def test_a_new_actions_owner_with_a_team_in_brackets_or_after_owner_without_a_colon() -> None:
    added = new_action(
        "one more step pls - Lukas (platform) and me make the staging tests mandatory in the deploy tool, due 17/12. "
        "measure = no deploy can ship without a logged staging run",
        sample_draft(),
    )
    assert added is not None and (added.owner, added.due) == ("Lukas", dt.date(2026, 12, 17))
    added = new_action(
        "New step please: run a postmortem review with the payments team, owner Priya, by Wednesday 16 Dec. "
        "Measure: every follow-up item is logged in Jira.",
        sample_draft(),
    )
    assert added is not None
    assert (added.action, added.owner, added.due) == ("Run a postmortem review with the payments team", "Priya",
                                                      dt.date(2026, 12, 16))  # fmt: skip


def test_a_new_action_for_someone_named_before_the_colon() -> None:
    request = "Add one more action for Jana (AP team lead): name a backup person for every deadline. Due the 18th."
    added = new_action(request, sample_draft())
    assert added is not None and (added.owner, added.due) == ("Jana", dt.date(2026, 12, 18))


def test_a_new_action_due_the_same_day_as_another_and_no_measure_wanted() -> None:
    request = (
        "pls add one more step in plan: make a separate folder with only the 6 auditor files. Michal from IT will do "
        "this, until same day as the CI gate step. measure is not needed i think"
    )
    added = new_action(request, sample_draft())
    assert added is not None
    assert (added.owner, added.due) == ("Michal", dt.date(2026, 12, 4))


def test_owner_date_and_measure_said_in_labelled_clauses_around_the_action() -> None:
    draft = sample_draft()
    # the owner as "me as owner", the measure after "what she'll see is"
    request = (
        "Add one to the plan: a blameless retro with support and payments, me as owner, done by Friday 18 Dec, "
        "and what she'll see is the retro notes in the wiki with an owner on each follow-up."
    )
    assert new_action(request, draft) == AddAction(
        action="Run a blameless retro with support and payments",
        measure="The retro notes in the wiki with an owner on each follow-up",
        owner="me",
        due=dt.date(2026, 12, 18),
    )
    # the owner, the date and "the measure is that" in a sentence after the action's
    request = (
        "please add an action: require a dry run of every config change on staging. Owner Lukas, due Friday "
        "18 December, and the measure is that the pipeline refuses a change with no dry run on record."
    )
    assert new_action(request, draft) == AddAction(
        action="Require a dry run of every config change on staging",
        measure="The pipeline refuses a change with no dry run on record",
        owner="Lukas",
        due=dt.date(2026, 12, 18),
    )


def test_a_doer_from_a_team_whose_name_ends_in_s_and_what_the_leader_sees_after_a_colon() -> None:
    request = (
        "add a step for that: Jonas in platform ops changes the deploy tool so nothing ships w/o a staging run. "
        "due fri 18 dec. what dana sees: the tool blocks a deploy that had no staging run"
    )
    assert new_action(request, sample_draft()) == AddAction(
        action="Change the deploy tool so nothing ships w/o a staging run",
        measure="The tool blocks a deploy that had no staging run",
        owner="Jonas",
        due=dt.date(2026, 12, 18),
    )


def test_an_owner_with_a_surname_and_a_desk_before_the_measure_and_a_target_as_measure() -> None:
    draft = sample_draft()
    request = (
        "add a step pls: the open support tickets get answered with the template. Femi Adeyemi on the support desk "
        "is taking it, measure = the shared inbox has no open tickets left"
    )
    assert new_action(request, draft) == AddAction(
        action="The open support tickets get answered with the template",
        measure="The shared inbox has no open tickets left",
        owner="Femi",
    )
    request = "Add a step: Jonas and me do a rollback drill on staging, target is a bad config rolled back in 9 min"
    assert new_action(request, draft) == AddAction(
        action="Do a rollback drill on staging", measure="A bad config rolled back in 9 min", owner="Jonas"
    )


def test_the_action_in_the_sentence_after_the_one_that_asks_for_it() -> None:
    request = (
        "I'd like one more item in the plan. Run a rollback drill with on-call so everyone has practised it. "
        "Done when every on-call engineer has done one rollback in staging."
    )
    assert new_action(request, sample_draft()) == AddAction(
        action="Run a rollback drill with on-call so everyone has practised it",
        measure="Every on-call engineer has done one rollback in staging",
    )
    # a remark after the cue's sentence is no action
    assert new_action("I'd like one more item in the plan. Honestly not sure what yet.", sample_draft()) is None


def test_someone_who_offered_to_do_it_in_the_sentence_after_the_ask() -> None:
    request = (
        "Would it be possible to add one more step, please? Jonas from platform has very kindly offered to make the "
        "staging run compulsory in the deploy tool. He reckons he can have that done by Wednesday 16 December. We'll "
        "know it works when the tool refuses a deploy without a staging run."
    )
    assert new_action(request, sample_draft()) == AddAction(
        action="Make the staging run compulsory in the deploy tool",
        measure="The tool refuses a deploy without a staging run",
        owner="Jonas",
        due=dt.date(2026, 12, 16),
    )


def test_the_one_i_do_it_with_after_the_action_and_put_in_instead() -> None:
    request = (
        "the checklist is pointless now, so get rid of that step. Put in instead: answer the open tickets, me "
        "together with Jonas from support, by Tue 8 Dec. Measure = zero open tickets in the shared inbox."
    )
    assert read_edits(request, sample_draft()) == [
        AddAction(
            action="Answer the open tickets",
            measure="Zero open tickets in the shared inbox",
            owner="Jonas",
            due=dt.date(2026, 12, 8),
        ),
        DropAction(number=2),
    ]


def test_someone_and_i_doing_it_in_the_sentence_after_the_ask_before_a_labelled_measure() -> None:
    request = (
        "Add a third action please. Kofi in platform ops and I will change the deploy template so the flags come "
        "from the config repo. Due Friday 18 December. Measure: the next deploy takes its flags from the repo."
    )
    assert new_action(request, sample_draft()) == AddAction(
        action="Change the deploy template so the flags come from the config repo",
        measure="The next deploy takes its flags from the repo",
        owner="Kofi",
        due=dt.date(2026, 12, 18),
    )


def test_someone_going_to_do_it_in_the_sentence_after_the_ask_and_the_day_they_say() -> None:
    request = (
        "Add another step please. Ravi from platform is going to set up a mandatory staging run in the deploy tool. "
        "He says Friday 18 December. What Dana will be able to see: no deploy without a staging run in the log."
    )
    assert new_action(request, sample_draft()) == AddAction(
        action="Set up a mandatory staging run in the deploy tool",
        measure="No deploy without a staging run in the log",
        owner="Ravi",
        due=dt.date(2026, 12, 18),
    )


def test_a_step_to_do_something_with_its_doer_and_a_date_for_another_action_after_it() -> None:
    draft = sample_draft()
    added = new_action("Add a step to set up a restricted space for the auditors that holds only those 6 files.", draft)
    assert added is not None
    assert (added.action, added.owner, added.due) == (
        "Set up a restricted space for the auditors that holds only those 6 files",
        "me",
        None,
    )
    added = new_action(
        "Add an action for Priya to walk the on-call rotation through the new gate, due 2026-12-10.", draft
    )
    assert added is not None
    assert (added.action, added.owner, added.due) == (
        "Walk the on-call rotation through the new gate",
        "Priya",
        dt.date(2026, 12, 10),
    )
    request = (
        "Add an action for me to walk Priya through the new gate, due 2026-12-10. Also the CI gate itself will "
        "realistically be Wednesday the 9th, not the 4th."
    )
    read = read_edits(request, draft)
    assert SetDate(target="action", number=1, date=dt.date(2026, 12, 9)) in read
    assert [e.action for e in read if isinstance(e, AddAction)] == ["Walk Priya through the new gate"]


def test_them_in_a_new_action_is_what_the_request_counted_before_it() -> None:
    request = (
        "ugh forgot the most urgent thing. there are still ~40 customer replies nobody has answered. add an action: "
        "Jonas from support answers all of them by tuesday, and what Dana will see is zero open replies"
    )
    added = new_action(request, sample_draft())
    assert added is not None
    assert (added.action, added.owner) == ("Answer all ~40 customer replies nobody has answered", "Jonas")
    request = (
        "The two auditors can't get to their 6 files. Please add a step for that: a separate folder holding only "
        "those 6 files, shared with the auditors' named accounts. It should be done the day after the first check-in."
    )
    added = new_action(request, sample_draft())
    assert added is not None
    assert added.action.startswith("Set up a separate folder holding only those 6 files")
    assert added.due == dt.date(2026, 12, 8)


def test_a_new_action_in_german_with_its_measure_and_a_date_with_a_comma() -> None:
    request = (
        "Füg bitte noch einen Schritt hinzu: ich beantworte die ca. 40 offenen Kundenantworten bis Dienstag, 8. "
        "Dezember. Woran Marta es sieht: null offene Antworten im Support-Postfach."
    )
    added = new_action(request, sample_draft())
    assert added is not None
    assert (added.action, added.measure, added.due) == (
        "Ich beantworte die ca. 40 offenen Kundenantworten",
        "Null offene Antworten im Support-Postfach",
        dt.date(2026, 12, 8),
    )
