"""Rules for every prose step (``assistant/validator/rules/prose.py``): a non-apology (``TXT_NON_APOLOGY``) and a
vague promise (``TXT_VAGUE_PROMISE``) wherever they are."""

from __future__ import annotations

import datetime as dt

import pytest
from validator_support import good_draft

from assistant.domain.schema import CheckIn, Finding
from assistant.validator import validate
from assistant.validator.findings import Context
from assistant.validator.phrases import phrases
from assistant.validator.rules import words
from assistant.validator.rules.ownership import check_ownership
from assistant.validator.rules.prose import check_non_apology, check_vague_promise

TODAY = dt.date(2026, 11, 27)


def rules_of(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


# ------------------------------------------------------------- TXT_NON_APOLOGY


NON_APOLOGIES = [
    "I apologize for any inconvenience.",
    "I'm sorry for any inconvenience this may have caused.",
    "Sorry for the trouble.",
    "I regret that it caused concern.",
    "I apologize if anyone was upset.",
]


@pytest.mark.parametrize("text", NON_APOLOGIES)
@pytest.mark.parametrize("step", ["pain", "lessons", "positive", "report_back", "message"])
def test_the_non_apologies_real_drafts_used_are_errors_in_every_prose_step(text: str, step: str) -> None:
    found = check_non_apology(text, step, item=1)
    assert [(f.rule, f.severity, f.step, f.item) for f in found] == [("TXT_NON_APOLOGY", "error", step, 1)]
    assert text[found[0].start : found[0].end] == found[0].span


@pytest.mark.parametrize("text", NON_APOLOGIES)
def test_the_ownership_statement_gets_its_own_rule_for_them(text: str) -> None:
    assert "OWN_NON_APOLOGY" in rules_of(check_ownership(text, Context(today=TODAY)))


@pytest.mark.parametrize(
    "text",
    [
        "I'm sorry for the confusion my email caused the night team.",
        "I'm sorry I caused you so much extra work over the weekend.",
        "I regret not checking the target database before I ran the script.",
        "The trouble started when I skipped the staging run.",
        "I know the timing was inconvenient for you.",
    ],
)
def test_a_plain_apology_for_the_act_is_clean(text: str) -> None:
    assert check_non_apology(text, "pain") == []


def test_every_non_apology_pattern_needs_one_of_the_keywords_the_fast_path_looks_for() -> None:
    keywords = words("TXT_NON_APOLOGY", "keywords")
    for item in phrases()["rules"]["TXT_NON_APOLOGY"]["patterns"]:
        assert any(k in item for k in keywords), item


def test_a_non_apology_fails_a_whole_draft_wherever_it_is() -> None:
    draft = good_draft()
    changed = draft.model_copy(
        update={
            "positive": "Sorry for the trouble; I'll show you the gate working by mid-December.",
            "report_back": [
                CheckIn(date=dt.date(2026, 12, 11), report="Show the gate, and apologize for any inconvenience.")
            ],
        }
    )
    found = [(f.rule, f.step) for f in validate(changed).errors]
    assert ("TXT_NON_APOLOGY", "positive") in found and ("TXT_NON_APOLOGY", "report_back") in found


# ----------------------------------------------------------- TXT_VAGUE_PROMISE


@pytest.mark.parametrize("step", ["pain", "ownership", "positive"])
def test_a_vague_promise_is_a_warning_on_its_words_in_the_step_given(step: str) -> None:
    text = "I sent the wrong file. We will avoid it next time."
    found = check_vague_promise(text, step, item=2)
    assert [(f.rule, f.severity, f.step, f.item) for f in found] == [("TXT_VAGUE_PROMISE", "warning", step, 2)]
    assert found[0].start is not None and found[0].start > text.index("We") - 1
    assert text[found[0].start : found[0].end] == found[0].span


def test_each_vague_promise_is_one_finding() -> None:
    found = check_vague_promise("We will avoid it next time, and I will be more careful.", "positive")
    assert len(found) == 2
    assert found[0].end is not None and found[1].start is not None and found[0].end <= found[1].start


def test_a_promise_with_something_checkable_in_it_is_clean() -> None:
    assert check_vague_promise("I'll post each deploy in the channel from Monday.", "positive") == []
    assert check_non_apology("I'll post each deploy in the channel from Monday.", "positive") == []
