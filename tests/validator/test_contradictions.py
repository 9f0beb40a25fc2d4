"""The rules added for what real drafts got wrong: the act not named (OWN_ACT) and contradictions with the notes
(GND_NEGATES, GND_ALREADY_DONE, GND_RESTORED). Non-apologies anywhere (TXT_NON_APOLOGY) are in test_prose.py."""

from __future__ import annotations

import datetime as dt

import pytest
from validator_support import NOTES, good_draft

from assistant.domain.schema import Draft, PlanAction
from assistant.domain.step_inputs import StepInputs
from assistant.validator import validate
from assistant.validator.checks import context_for, step_problems
from assistant.validator.contradictions import Promise, check_contradictions
from assistant.validator.corpus import facts_with
from assistant.validator.findings import Context, Finding
from assistant.validator.rules.ownership import check_ownership

TODAY = dt.date(2026, 11, 27)
INTERN = "standup tues: deploy failed, i pointed at the intern publicly in standup and said she broke it."
OUTAGE = (
    "pushed the config change w/o staging tests, checkout down 3h. "
    "I rolled back at 17:05 and I already wrote the incident timeline."
)
MIGRATION = "ran the migration script on the prod db instead of staging. backups also failed. db restored by 2pm"


def rules_of(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


def gnd(text: str, notes: str, *, step: str = "positive", promise: Promise = "clauses") -> set[str]:
    return rules_of(check_contradictions(text, step, Context(today=TODAY, notes=notes), promise=promise))


# -------------------------------------------------------------------- OWN_ACT


ACT = "ran the migration script on the prod db instead of staging"


def test_owning_a_side_issue_instead_of_the_act_is_an_error_that_says_what_to_write() -> None:
    found = [
        f
        for f in check_ownership("I take full responsibility for the failed backups.", _act_ctx())
        if f.rule == "OWN_ACT"
    ]
    assert len(found) == 1 and found[0].severity == "error"
    assert found[0].suggestion == f"Say plainly what you did: {ACT}"


@pytest.mark.parametrize(
    "text",
    [
        "I ran the migration script on the production database instead of staging.",
        "I ran the wrong script against the live database.",  # run, script, database: half of six
    ],
)
def test_naming_half_the_acts_words_by_stem_is_enough(text: str) -> None:
    assert "OWN_ACT" not in rules_of(check_ownership(text, _act_ctx()))


def test_no_act_in_the_facts_means_no_act_check() -> None:
    assert "OWN_ACT" not in rules_of(check_ownership("I take full responsibility.", Context(today=TODAY)))


def test_the_act_is_checked_from_a_draft_and_from_a_step_text() -> None:
    draft = good_draft()
    draft.facts.act = "pushed the payments config change friday w/o running staging tests"
    assert validate(draft).errors == []
    side_issue = draft.model_copy(update={"ownership": "I take full responsibility for the lost orders."})
    assert "OWN_ACT" in rules_of(validate(side_issue).errors)
    report = validate("I own the backups failing.", step="ownership", facts=facts_with(act=ACT), notes=MIGRATION)
    assert "OWN_ACT" in rules_of(report.errors)


def _act_ctx() -> Context:
    return Context(today=TODAY, facts=facts_with(act=ACT))


# ---------------------------------------------------------------- GND_NEGATES


def test_a_negated_copy_of_a_notes_clause_is_a_contradiction() -> None:
    found = check_contradictions("I did not point at the intern publicly.", "ownership", Context(notes=INTERN))
    assert [(f.rule, f.severity, f.span) for f in found] == [
        ("GND_NEGATES", "error", "did not point at the intern publicly")
    ]
    assert "pointed at the intern publicly in standup" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "I didn't check my own config before blaming her.",  # denies something the notes don't say
        "I will not point at anyone in standup again.",  # a promise
        "I did not realise the intern's change was not the cause.",  # "did not realise"
    ],
)
def test_denials_that_agree_with_the_notes_or_promise_are_clean(text: str) -> None:
    assert gnd(text, INTERN) == set()


def test_what_the_notes_say_happened_instead_may_be_denied() -> None:
    assert gnd("I did not run the migration script on staging first.", MIGRATION) == set()
    assert gnd("I did not run the migration script on the production database.", MIGRATION) == {"GND_NEGATES"}


INSPECTION = "signed off the conveyor belt inspection on line 3 w/o doing it, we were short 2 people that night"


def test_a_clause_done_without_something_is_denied_only_by_denying_what_it_says_was_done() -> None:
    # the notes say the inspection was not done: saying so again agrees with them (a false alarm in session 13)
    assert gnd("I did not inspect the conveyor belt on line 3 before signing off.", INSPECTION, step="lessons") == set()
    assert gnd("I did not sign off the conveyor belt inspection on line 3.", INSPECTION, step="ownership") == {
        "GND_NEGATES"
    }


# ----------------------------------------------------------- GND_ALREADY_DONE


def test_planning_what_the_notes_say_is_done_is_an_error_naming_it() -> None:
    found = check_contradictions("Write the incident timeline", "plan", Context(notes=OUTAGE), promise="action", item=0)
    assert [(f.rule, f.item) for f in found] == [("GND_ALREADY_DONE", 0)]
    assert found[0].message == (
        'Already done according to your notes: "I already wrote the incident timeline"; '
        "report it as done instead of planning it."
    )


def test_work_done_per_the_facts_counts_too() -> None:
    ctx = Context(today=TODAY, notes="pushed config w/o tests", facts=facts_with(already_done=["wrote the timeline"]))
    found = check_contradictions("I'll write up the timeline and walk you through it.", "report_back", ctx)
    assert rules_of(found) == {"GND_ALREADY_DONE"}


@pytest.mark.parametrize(
    "text",
    [
        "Share the incident timeline with the support leads",  # new work on what is done
        "Write the final incident report",  # other work than what was done
        "Add a CI gate that blocks config deploys without a green staging run",
    ],
)
def test_new_work_is_not_already_done(text: str) -> None:
    assert gnd(text, OUTAGE, step="plan", promise="action") == set()


def test_a_measure_is_not_a_promise() -> None:
    assert gnd("The incident timeline is written and shared", OUTAGE, step="plan", promise="none") == set()


# -------------------------------------------------------------- GND_RESTORED


@pytest.mark.parametrize(
    "text",
    ["I will restore checkout by Monday.", "I'll bring the service back online.", "I will roll back the change."],
)
def test_promising_to_restore_what_the_notes_say_is_back_is_an_error(text: str) -> None:
    assert gnd(text, OUTAGE) == {"GND_RESTORED"}


def test_recovering_the_data_after_the_notes_restored_the_db_is_an_error() -> None:
    assert gnd("I will recover the data.", MIGRATION) == {"GND_RESTORED"}
    assert gnd("Restore the database from last night's snapshot", MIGRATION, promise="action") == {"GND_RESTORED"}


@pytest.mark.parametrize(
    "text",
    [
        "I will restore your trust by adding a staging gate.",
        "I will recover the lost orders by calling each customer.",
        "I will restore the failed backups and test a restore weekly.",
    ],
)
def test_restoring_trust_or_what_stayed_lost_is_fine(text: str) -> None:
    assert gnd(text, OUTAGE + " backups also failed, 400 orders lost.") == set()


def test_a_pending_rollback_is_not_a_restore() -> None:
    assert gnd("I will restore checkout tonight.", "checkout down 3h; rollback still pending") == set()


# ------------------------------------------------------------------ whole drafts


def _draft_with(**update: object) -> Draft:
    return good_draft().model_copy(update=update)


def test_the_good_draft_still_passes() -> None:
    assert validate(good_draft()).errors == []


def test_a_draft_that_plans_the_rollback_and_promises_to_restore_checkout_fails() -> None:
    action = PlanAction(
        action="Roll back the config change", owner="me", due=dt.date(2026, 12, 1), measure="Checkout error rate is 0"
    )
    body = good_draft().message.body + " I will restore checkout this week."
    draft = _draft_with(
        plan=[*good_draft().plan, action], message=good_draft().message.model_copy(update={"body": body})
    )
    found = {(f.rule, f.step) for f in validate(draft).errors}
    assert {("GND_RESTORED", "plan"), ("GND_RESTORED", "message")} <= found


def test_a_draft_that_denies_the_notes_fails() -> None:
    draft = _draft_with(lessons=["I did not push the payments config change; the pipeline did it on its own."])
    assert "GND_NEGATES" in rules_of(validate(draft).errors)


def test_a_reask_for_the_plan_tells_the_model_what_is_already_done() -> None:
    draft = good_draft()
    inputs = StepInputs(notes=NOTES, facts=draft.facts, today=TODAY)

    class Output:
        actions = [PlanAction(action="Write the incident timeline", owner="me", due=dt.date(2026, 12, 4), measure="x")]

    problems = step_problems("plan", Output(), inputs)
    assert any(p.startswith('Already done according to your notes: "wrote the incident timeline"') for p in problems)
    assert context_for(notes=NOTES, facts=draft.facts, today=TODAY).notes == NOTES


def _planned(action: str, notes: str, done: list[str]) -> list[Finding]:
    ctx = Context(today=TODAY, notes=notes, facts=facts_with(already_done=done))
    return [
        f for f in check_contradictions(action, "plan", ctx, promise="action", item=0) if f.rule == "GND_ALREADY_DONE"
    ]


def test_an_action_naming_done_work_with_another_verb_is_already_done() -> None:
    done = ["set deadline reminders for me + Joost"]
    (finding,) = _planned("Add a deadline reminder to the VAT return", "missed the VAT deadline", done)
    assert (finding.span, finding.item, finding.step) == ("Add a deadline reminder to the VAT return", 0, "plan")
    assert finding.message.startswith('Already done according to your notes: "set deadline reminders for me + Joost"')
    assert _planned("Add a checklist step for the VAT return", "missed the VAT deadline", done) == []


def test_an_action_about_what_is_open_or_other_work_is_not_the_done_work_it_names() -> None:
    memo = "already drafted the restatement memo, needs controller sign-off"
    done = ["already drafted the restatement memo"]
    assert _planned("Ask the controller to sign off the restatement memo", memo, done) == []
    rota = "update: fixed the rota, covered one shift myself"
    assert _planned("Cover the second short shift", rota, ["covered one shift myself"]) == []
    assert _planned("Cover the short shift", rota, ["covered one shift myself"]) != []
