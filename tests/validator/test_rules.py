"""The validator's linguistic rules (``assistant/validator/rules/``) against the labelled corpus.

One test per rule checks precision and recall on ``tests/data/validator_corpus.jsonl``;
focused tests pin the tricky cases. The plan rules are in test_rules_plan.py, the phrase lists'
examples and spans in test_phrases.py.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest

from assistant.validator.corpus import RULES_BY_KIND, findings_for, load_corpus
from assistant.validator.findings import Context, Finding
from assistant.validator.rules.lessons import check_lesson
from assistant.validator.rules.ownership import check_ownership
from assistant.validator.rules.pain import check_pain
from assistant.validator.rules.positive import check_positive

CORPUS = Path(__file__).parents[1] / "data" / "validator_corpus.jsonl"
TODAY = dt.date(2026, 11, 27)
GOAL_PRECISION = 0.90
GOAL_RECALL = 0.85
KIND_OF = {code: kind for kind, codes in RULES_BY_KIND.items() for code in codes}
CTX = Context(today=TODAY)


@functools.cache
def corpus() -> tuple[dict[str, Any], ...]:
    return tuple(load_corpus(CORPUS))


def check_row(row: dict[str, Any]) -> list[Finding]:
    return findings_for(row, TODAY)


def rules_of(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


# --------------------------------------------------------------- the corpus goals


@pytest.mark.parametrize("code", list(KIND_OF))
def test_rule_meets_its_precision_and_recall_goal_on_the_corpus(code: str) -> None:
    tp = fp = fn = 0
    wrong = []
    for row in corpus():
        if row["kind"] != KIND_OF[code]:
            continue
        got, want = code in rules_of(check_row(row)), code in row["expect"]
        tp += got and want
        fp += got and not want
        fn += want and not got
        if got != want:
            wrong.append(row["id"])
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    assert tp + fn > 0, f"the corpus has no positive example of {code}"
    assert precision >= GOAL_PRECISION and recall >= GOAL_RECALL, (
        f"{code}: precision {precision:.2f} (goal {GOAL_PRECISION}), recall {recall:.2f} (goal {GOAL_RECALL}); "
        f"wrong on {wrong}"
    )


# ------------------------------------------------------- the tricky cases, by name


def test_a_but_clause_that_leads_back_to_the_writer_is_not_an_excuse() -> None:
    assert "OWN_EXCUSE" not in rules_of(check_ownership("I didn't test it, but that's on me.", CTX))


def test_a_but_clause_with_the_writers_own_situation_is_an_excuse() -> None:
    found = check_ownership("I'm sorry I missed the call, but I was swamped with the audit.", CTX)
    assert "OWN_EXCUSE" in rules_of(found)


@pytest.mark.parametrize(
    ("text", "excuse"),
    [
        ("I approved the batch without the receipts, I was trying to clear the queue before quarter end.", True),
        ("I approved 9 accounts without the check; I wanted it under 100 by Friday.", True),
        ("I was trying to fix the outage when I deleted the wrong table.", False),  # what happened, no aim as a reason
    ],
)
def test_the_aim_offered_as_the_reason_is_an_excuse(text: str, excuse: bool) -> None:
    assert ("OWN_EXCUSE" in rules_of(check_ownership(text, CTX))) is excuse


def test_an_outside_fact_the_writer_then_owns_is_not_blame() -> None:
    found = check_ownership("The vendor's API changed, which I should have caught.", CTX)
    assert "OWN_BLAME" not in rules_of(found)


def test_another_party_failing_is_blame_and_the_span_names_them() -> None:
    text = "I shipped it. Honestly the QA team should have caught this."
    blame = [f for f in check_ownership(text, CTX) if f.rule == "OWN_BLAME"]
    assert len(blame) == 1 and "QA team" in (blame[0].span or "")
    assert blame[0].message == 'This names "the QA team" as the cause.'


def test_naming_who_found_the_problem_is_not_blame() -> None:
    found = check_ownership("Priya spotted the wrong total before it went out. I entered it, and I'm sorry.", CTX)
    assert rules_of(found) == set()


def test_regretting_any_inconvenience_is_a_non_apology() -> None:
    assert "OWN_NON_APOLOGY" in rules_of(check_ownership("I moved the date. I regret any inconvenience.", CTX))


def test_mistakes_were_made_is_passive() -> None:
    assert "OWN_PASSIVE" in rules_of(check_ownership("Mistakes were made.", CTX))


def test_a_passive_stays_flagged_after_a_general_i_take_responsibility() -> None:
    found = check_ownership("I take responsibility. The invoice was sent to the wrong client.", CTX)
    assert "OWN_PASSIVE" in rules_of(found)


def test_a_state_or_nothing_happening_is_not_passive() -> None:
    found = check_ownership("I forgot to renew the certificate, so the portal was down. Nothing was lost.", CTX)
    assert "OWN_PASSIVE" not in rules_of(found)


def test_a_bare_sorry_or_we_is_not_ownership() -> None:
    assert "OWN_FIRST_PERSON" in rules_of(check_ownership("I'm sorry. The file went out early.", CTX))
    assert "OWN_FIRST_PERSON" in rules_of(check_ownership("We sent the file out early.", CTX))
    assert "OWN_FIRST_PERSON" not in rules_of(check_ownership("I sent the file out early.", CTX))


def test_words_that_only_look_like_minimizing_are_clean() -> None:
    for text in (
        "The client was justifiably upset: I sent them the wrong figures.",
        "I only realised on Monday that I had sent the wrong file.",
        "The impact is not small: I double-charged 90 customers.",
    ):
        assert "OWN_MINIMIZE" not in rules_of(check_ownership(text, CTX)), text


def test_im_useless_is_melodrama() -> None:
    assert "PAIN_MELODRAMA" in rules_of(check_pain("I'm useless.", CTX))


def test_one_intensifier_is_fine_but_stacked_ones_are_melodrama() -> None:
    impact = " you had to call the client back on Sunday."
    assert "PAIN_MELODRAMA" not in rules_of(check_pain("I'm so sorry" + impact, CTX))
    assert "PAIN_MELODRAMA" in rules_of(check_pain("I'm so so so sorry" + impact, CTX))


def test_pain_needs_both_regret_and_impact() -> None:
    assert "PAIN_NO_REGRET" in rules_of(check_pain("I'm sorry for my mistake.", CTX))
    assert "PAIN_NO_REGRET" in rules_of(check_pain("You had to redo the report.", CTX))
    assert "PAIN_NO_REGRET" not in rules_of(check_pain("I'm sorry you had to redo the report.", CTX))


def test_an_outcome_promise_is_an_overpromise_warning() -> None:
    found = [f for f in check_positive("This will never happen again.", CTX) if f.rule == "POS_OVERPROMISE"]
    assert len(found) == 1 and found[0].severity == "warning"


def test_a_promise_about_ones_own_behaviour_or_a_refusal_to_promise_is_not_an_overpromise() -> None:
    for text in (
        "I'll never again send a quote without a second reviewer.",
        "I can't promise nothing will ever go wrong again, but I'll tell you within the hour if it does.",
    ):
        assert "POS_OVERPROMISE" not in rules_of(check_positive(text, CTX)), text


def test_hopes_are_not_commitments() -> None:
    assert "POS_NO_COMMITMENT" in rules_of(check_positive("Hopefully things calm down now.", CTX))
    assert "POS_NO_COMMITMENT" not in rules_of(check_positive("I'll send you the log every Friday.", CTX))


def test_a_platitude_with_facts_is_only_a_platitude() -> None:
    found = check_lesson("I sent the wrong file to the client. Attention to detail matters.", CTX, item=2)
    assert rules_of(found) == {"LES_PLATITUDE"}
    assert all(f.item == 2 for f in found)


def test_facts_alone_restate_as_a_warning() -> None:
    found = check_lesson("I sent the wrong file to the client, and they noticed.", CTX)
    assert [(f.rule, f.severity) for f in found] == [("LES_RESTATES", "warning")]


@pytest.mark.parametrize(
    "text",
    [
        "If the agency had sent the rota on time, I would have spotted the gap.",
        "The landlord's delay meant I filed the notice late.",
        "I lost the draft because HR wiped the shared folder.",
        "The till froze, and that's why I charged the table twice.",
        "The office had the dates swapped, so I booked the wrong week.",
    ],
)
def test_indirect_blame_on_others_tools_or_circumstances(text: str) -> None:
    assert "OWN_BLAME" in rules_of(check_ownership(text, CTX))


def test_a_counterfactual_about_someone_catching_it_or_a_consequence_is_not_blame() -> None:
    for text in (
        "If the nurse hadn't caught it, the patient would have had a double dose. I charted it wrong.",
        "I pushed the change without review, and the booking site went down for an hour.",
    ):
        assert "OWN_BLAME" not in rules_of(check_ownership(text, CTX)), text


@pytest.mark.parametrize(
    "text",
    [
        "The refund has been issued twice.",
        "I'm sorry the order was cancelled.",
        "The staff were overpaid in March.",
        "It slipped through on Friday.",
    ],
)
def test_perfect_tense_prefixed_participles_and_reported_passives_hide_the_actor(text: str) -> None:
    assert "OWN_PASSIVE" in rules_of(check_ownership(text, CTX))


@pytest.mark.parametrize(
    "text",
    [
        "I misprinted the labels, but hardly anyone reads them.",
        "I sent it late; the delay was negligible.",
        "I booked the wrong room, no real damage done.",
        "I got the date wrong, easily fixed.",
    ],
)
def test_shrinking_the_harm_is_minimizing(text: str) -> None:
    assert "OWN_MINIMIZE" in rules_of(check_ownership(text, CTX))


def test_naming_the_people_it_landed_on_is_impact() -> None:
    assert "PAIN_NO_REGRET" not in rules_of(check_pain("I'm sorry the passengers were rebooked overnight.", CTX))


@pytest.mark.parametrize("text", ["Haste makes waste.", "Everyone makes mistakes.", "Lesson learned.", "Slow down."])
def test_stock_sayings_are_platitudes(text: str) -> None:
    assert rules_of(check_lesson(text, CTX)) == {"LES_PLATITUDE"}


def test_an_insight_into_ones_own_habits_is_a_lesson() -> None:
    assert check_lesson("It taught me that I tend to skim the last page of a contract.", CTX) == []


@pytest.mark.parametrize(
    "text",
    [
        "I'll redo it, if you still want me on the project.",
        "I'll fix it, though I wonder if I'm the right person for this.",
        "I'll send it tonight. Maybe I should step aside.",
    ],
)
def test_doubting_ones_place_is_crushed(text: str) -> None:
    assert "POS_CRUSHED" in rules_of(check_positive(text, CTX))


def test_outcome_promises_about_things_or_people_are_overpromises_but_own_habits_are_not() -> None:
    for text in ("I'll add the check, and no invoice will ever go out wrong again.", "I won't let this happen again."):
        assert "POS_OVERPROMISE" in rules_of(check_positive(text, CTX)), text
    found = rules_of(check_positive("I won't skip the handover sheet again.", CTX))
    assert "POS_OVERPROMISE" not in found and "POS_NO_COMMITMENT" not in found


def test_a_lesson_whose_change_is_work_the_notes_say_is_done_is_an_error() -> None:
    ctx = Context(today=TODAY, notes="sent it w/ the comments in\nalready asked their counsel to delete it")
    done = check_lesson("I sent it in a hurry, so I now ask their counsel to delete it.", ctx, item=0)
    assert [(f.rule, f.severity, f.span, f.item) for f in done if f.rule == "LES_ALREADY_DONE"] == [
        ("LES_ALREADY_DONE", "error", "ask their counsel to delete it", 0)
    ]
    habit = check_lesson("I sent it in a hurry, so I now scrub every file before it leaves.", ctx, item=0)
    assert "LES_ALREADY_DONE" not in rules_of(habit)
    assert "LES_ALREADY_DONE" not in rules_of(check_lesson("I now ask their counsel to delete it.", CTX))  # no notes
