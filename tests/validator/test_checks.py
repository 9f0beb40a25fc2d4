"""Running the rules of every step (``assistant/validator/checks.py``): contexts, one step's findings, whole drafts and
texts, and what a re-ask is told."""

from __future__ import annotations

import datetime as dt

import pytest
from validator_support import NOTES, TODAY, good_draft

from assistant.domain.schema import Finding, Message, MessageOutput, PositiveOutput
from assistant.domain.step_inputs import StepInputs
from assistant.validator.checks import (
    LANGUAGE_NEUTRAL_RULES,
    agreed_owners,
    check_step,
    context_for,
    reask_findings,
    step_problems,
    validate_draft,
    validate_text,
)
from assistant.validator.findings import Context

GERMAN = (
    "Ich habe am Freitag die Konfiguration ohne die Staging-Tests geändert. Der Checkout war drei Stunden "
    "nicht erreichbar und wir haben etwa 400 Bestellungen verloren. Dana (meine Chefin) musste es dem VP erklären."
)


def rules_of(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


def test_the_owners_the_notes_say_agreed_to_take_something_on() -> None:
    notes = "Priya agreed to pair on it. Marco said he'll review the checklist. I agreed to fix it."
    assert agreed_owners(notes) == ("Marco", "Priya")
    assert agreed_owners(None) == () and agreed_owners("Priya found the bug.") == ()
    # a capitalised word that opens the sentence is no name
    assert agreed_owners("Priya agreed to pair on it. Then Marco said he'll review the checklist.") == (
        "Marco",
        "Priya",
    )


def test_a_context_holds_what_is_known_and_today_when_no_date_is_given() -> None:
    ctx = context_for(notes="Priya agreed to pair on it.", facts=None, today=None, leader="Dana", length="short")
    assert ctx == Context(
        today=dt.date.today(),
        notes="Priya agreed to pair on it.",
        agreed_owners=("Priya",),
        leader="Dana",
        length="short",
    )


def test_placeholders_and_html_are_errors_on_their_words_in_every_step() -> None:
    text = "I'm sorry, [Name]; I <b>lost</b> the orders."
    found = [f for f in check_step("pain", text, Context(today=TODAY)) if f.rule in ("TXT_PLACEHOLDER", "TXT_HTML")]
    assert [f.rule for f in found] == ["TXT_PLACEHOLDER", "TXT_HTML", "TXT_HTML"]
    assert [f.span for f in found] == ["[Name]", "<b>", "</b>"] and all(f.severity == "error" for f in found)
    lessons = check_step("lessons", ["I check the target first.", "I ask [Name] to review."], Context(today=TODAY))
    assert [(f.rule, f.item) for f in lessons if f.rule == "TXT_PLACEHOLDER"] == [("TXT_PLACEHOLDER", 1)]


def test_the_ownership_statement_gets_only_its_own_non_apology_rule() -> None:
    found = rules_of(check_step("ownership", "I apologize for any inconvenience.", Context(today=TODAY)))
    assert "OWN_NON_APOLOGY" in found and "TXT_NON_APOLOGY" not in found
    assert "TXT_NON_APOLOGY" in rules_of(check_step("pain", "I apologize for any inconvenience.", Context(today=TODAY)))


def test_a_vague_promise_is_looked_for_in_the_statements_only() -> None:
    ctx = Context(today=TODAY)
    assert "TXT_VAGUE_PROMISE" in rules_of(check_step("positive", "We will avoid it next time.", ctx))
    assert "TXT_VAGUE_PROMISE" not in rules_of(check_step("lessons", ["We will avoid it next time."], ctx))


def test_an_unknown_step_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown step 'summary'"):
        check_step("summary", "text", Context(today=TODAY))


def test_a_message_is_checked_with_its_channel() -> None:
    message = Message(channel="chat", subject="", body="Hi [Name], I broke checkout.")
    assert "MSG_PLACEHOLDER" in rules_of(check_step("message", message, Context(today=TODAY)))


def test_a_text_is_checked_as_its_step_lessons_line_by_line_and_plan_only_from_json() -> None:
    report = validate_text("- I check first.\n\n* I ask [Name].", step="lessons", facts=None, notes=None, today=TODAY)
    assert [(f.rule, f.item, f.span) for f in report.errors if f.rule == "TXT_PLACEHOLDER"] == [
        ("TXT_PLACEHOLDER", 1, "[Name]")
    ]
    for step in ("plan", "report_back"):
        with pytest.raises(ValueError, match="from a draft's JSON"):
            validate_text("Add a gate", step=step, facts=None, notes=None, today=TODAY)


def test_a_draft_in_another_language_keeps_only_the_language_neutral_findings_and_says_so() -> None:
    draft = good_draft().model_copy(update={"notes": GERMAN, "pain": "Sorry for the trouble, [Name]."})
    report = validate_draft(draft)
    assert report.findings[-1].rule == "TXT_LANGUAGE" and report.findings[-1].severity == "warning"
    assert "German" in report.findings[-1].message
    assert {f.rule for f in report.findings[:-1]} <= LANGUAGE_NEUTRAL_RULES
    assert ("TXT_PLACEHOLDER", "pain") in {(f.rule, f.step) for f in report.errors}
    assert "TXT_NON_APOLOGY" in rules_of(validate_draft(draft.model_copy(update={"notes": NOTES})).errors)


def test_a_step_without_rules_has_nothing_to_reask() -> None:
    assert step_problems("intake", object(), StepInputs(notes=NOTES, today=TODAY)) == []


def test_a_reask_names_a_placeholder_and_the_length_once() -> None:
    message = MessageOutput(subject="Friday", body="Hi [Name], " + " ".join(["sorry"] * 98))
    inputs = StepInputs(notes=NOTES, today=TODAY, channel="chat", length="short")
    problems = step_problems("compose", message, inputs)
    assert [p for p in problems if "placeholder" in p or "words" in p] == [
        "The chat has 100 words; keep it to 60 or fewer. Shorten each part to its essentials.",
        'The message still has a placeholder. ("[Name]") Replace it with the real words, or remove it.',
    ]


def test_a_steps_placeholder_reaches_the_reask() -> None:
    inputs = StepInputs(notes=NOTES, today=TODAY)
    problems = step_problems("positive", PositiveOutput(statement="I'll show <leader> the fix."), inputs)
    assert 'The text still has a placeholder. ("<leader>") Replace it with real words.' in problems


def _finding(rule: str) -> Finding:
    return Finding(rule=rule, step="pain", severity="error", message="m", suggestion="s")


def test_other_languages_are_reasked_only_for_language_neutral_rules() -> None:
    found = [_finding("PAIN_NO_REGRET"), _finding("GND_NUMBER"), _finding("TXT_HTML")]
    assert reask_findings(found, NOTES) == found
    assert [f.rule for f in reask_findings(found, GERMAN)] == ["GND_NUMBER", "TXT_HTML"]
    assert {"GND_NUMBER", "TXT_HTML", "MSG_LINK"} <= LANGUAGE_NEUTRAL_RULES
