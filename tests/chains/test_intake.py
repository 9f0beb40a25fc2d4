"""Intake chain: the model quotes the notes; the program checks the quotes and settles the Facts."""

from __future__ import annotations

import json

import pytest
from chain_support import (
    GOOD,
    NOTES,
    TODAY,
    assert_json_schema_requested,
    assert_prompt_layout,
    assert_reask,
    run,
    sample_facts,
    step_inputs,
)

from assistant.chains import build_intake_chain
from assistant.chains.intake import fallback_act, intake_problems, looks_like_cause, settle_facts
from assistant.domain.errors import OutputValidationError
from assistant.domain.schema import Facts, IntakeOutput
from assistant.domain.step_inputs import StepInputs
from assistant.model.testing import ScriptedChatModel

# Notes with a "now:" line, for an act that is what was done afterwards.
DONE_NOTES = (
    "deleted the shared proposals folder w/o checking who used it\n"
    "sales lost 2 days of work on 5 proposals\n"
    "now: restored the folder from last night's backup"
)
DONE_GOOD = {
    "act": "deleted the shared proposals folder w/o checking who used it",
    "impact": "sales lost 2 days of work on 5 proposals",
    "cause": "",
    "already_done": ["restored the folder from last night's backup"],
}


def _quotes(**changes: object) -> dict[str, object]:
    return {**GOOD["intake"], **changes}


def test_happy_path_settles_the_facts_and_sends_the_notes_in_the_user_message() -> None:
    model = ScriptedChatModel(script={"intake": GOOD["intake"]})
    facts = run(build_intake_chain(model), step_inputs("intake"))
    assert facts == sample_facts()
    assert facts.act == "pushed the payments config change on friday afternoon w/o running the staging tests"
    assert facts.impact == "checkout was down ~3h (14:10-17:05), ~400 orders lost, support got 60+ tickets"
    assert facts.cause == "wanted to get it out before the weekend"
    assert facts.leader_name == "Dana"
    assert facts.already_done == ["I rolled back at 17:05", "I already wrote the incident timeline"]
    assert len(model.calls) == 1
    assert_prompt_layout(model.calls[0], "intake")
    assert_json_schema_requested(model.calls[0], "intake", "IntakeOutput")


def test_intake_prompt_fixes_the_temperature() -> None:
    model = ScriptedChatModel(script={"intake": GOOD["intake"]})
    run(build_intake_chain(model), step_inputs("intake"))
    assert model.calls[0]["kwargs"]["temperature"] == 0.0


def test_notes_with_braces_are_passed_verbatim() -> None:
    notes = "the {config} value was {{wrong}}\n3 orders failed"
    answer = {"act": "the {config} value was {{wrong}}", "impact": "3 orders failed", "cause": "", "already_done": []}
    model = ScriptedChatModel(script={"intake": answer})
    facts = run(build_intake_chain(model), step_inputs("intake").model_copy(update={"notes": notes}))
    assert f"<notes>\n{notes}\n</notes>" in str(model.calls[0]["messages"][1].content)
    assert facts.act == "the {config} value was {{wrong}}"


def test_prose_wrapped_json_is_accepted_without_a_reask() -> None:
    answer = f"Sure! Here are the quotes:\n{json.dumps(GOOD['intake'])}\nHope this helps."
    model = ScriptedChatModel(script={"intake": answer})
    assert run(build_intake_chain(model), step_inputs("intake")).leader_name == "Dana"
    assert len(model.calls) == 1


def test_invalid_json_is_reasked_and_a_good_second_answer_accepted() -> None:
    bad = "The facts are: what happened was a config change."
    model = ScriptedChatModel(script={"intake": [bad, GOOD["intake"]]})
    facts = run(build_intake_chain(model), step_inputs("intake"))
    assert facts.act == GOOD["intake"]["act"]
    assert len(model.calls) == 2
    assert_reask(model.calls[1], bad, "did not contain a valid JSON object")


def test_missing_field_is_named_in_the_reask() -> None:
    bad = json.dumps({k: v for k, v in GOOD["intake"].items() if k != "impact"})
    model = ScriptedChatModel(script={"intake": [bad, GOOD["intake"]]})
    run(build_intake_chain(model), step_inputs("intake"))
    assert_reask(model.calls[1], bad, "The field 'impact' is missing.")


def test_cut_off_answer_says_it_was_too_long() -> None:
    bad = json.dumps(GOOD["intake"])[:60]
    model = ScriptedChatModel(script={"intake": [bad, GOOD["intake"]]}, finish_reason="length")
    run(build_intake_chain(model), step_inputs("intake"))
    assert_reask(model.calls[1], bad, "cut off because it was too long", "cut off before it ended")


def test_a_quote_that_is_not_in_the_notes_is_reasked() -> None:
    bad = json.dumps(_quotes(act="deleted the production database during the demo"))
    model = ScriptedChatModel(script={"intake": [bad, GOOD["intake"]]})
    facts = run(build_intake_chain(model), step_inputs("intake"))
    assert facts.act == GOOD["intake"]["act"]
    assert len(model.calls) == 2
    assert_reask(
        model.calls[1],
        bad,
        'The act "deleted the production database during the demo" is not in my notes; copy the words exactly',
    )


def test_an_act_that_is_a_now_line_is_reasked() -> None:
    bad = json.dumps({**DONE_GOOD, "act": "now: restored the folder from last night's backup"})
    model = ScriptedChatModel(script={"intake": [bad, DONE_GOOD]})
    facts = run(build_intake_chain(model), step_inputs("intake").model_copy(update={"notes": DONE_NOTES}))
    assert facts.act == "deleted the shared proposals folder w/o checking who used it"
    assert len(model.calls) == 2
    assert_reask(
        model.calls[1],
        bad,
        'The act "now: restored the folder from last night\'s backup" is what was done afterwards; '
        "quote what I did that caused the harm instead.",
    )


def test_check_intake_accepts_quotes_that_are_in_the_notes() -> None:
    assert intake_problems(IntakeOutput.model_validate(GOOD["intake"]), StepInputs(notes=NOTES, today=TODAY)) == []


def test_check_intake_asks_for_an_empty_act() -> None:
    quotes = IntakeOutput.model_validate(_quotes(act=" "))
    assert intake_problems(quotes, StepInputs(notes=NOTES, today=TODAY)) == ["The act is empty; copy it from my notes."]


def test_a_quote_still_invented_after_the_reasks_is_replaced_by_the_notes_first_line() -> None:
    bad = _quotes(act="deleted the production database during the demo")
    model = ScriptedChatModel(script={"intake": bad})
    facts = run(build_intake_chain(model, max_reasks=2), step_inputs("intake"))
    # the re-ask brought no fewer problems, so the runner stopped after two calls and the program settled the act
    assert len(model.calls) == 2
    assert facts.act == (
        "pushed the payments config change on friday afternoon w/o running the staging tests "
        "(wanted to get it out before the weekend)"
    )


def test_an_answer_that_never_parses_gives_up_with_attempts_and_last_output() -> None:
    bad = "no JSON here"
    model = ScriptedChatModel(script={"intake": bad})
    with pytest.raises(OutputValidationError) as info:
        run(build_intake_chain(model, max_reasks=1), step_inputs("intake"))
    assert info.value.step == "intake"
    assert info.value.n_attempts == 2 == len(model.calls)
    assert info.value.last_output == bad
    assert info.value.last_parsed is None


def test_all_empty_quotes_are_off_topic_facts() -> None:
    empty = {"act": "", "impact": "", "cause": "", "already_done": []}
    model = ScriptedChatModel(script={"intake": empty})
    facts = run(
        build_intake_chain(model), step_inputs("intake").model_copy(update={"notes": "what a lovely day for a picnic"})
    )
    assert (facts.act, facts.impact, facts.what_happened, facts.leader_name) == ("", "", "", None)
    assert len(model.calls) == 1


def test_settle_facts_takes_the_leader_from_the_notes() -> None:
    facts = settle_facts(IntakeOutput.model_validate(GOOD["intake"]), NOTES)
    assert facts.leader_name == "Dana"


def test_settle_facts_takes_the_leader_given_over_the_notes() -> None:
    facts = settle_facts(IntakeOutput.model_validate(GOOD["intake"]), NOTES, leader="Helen")
    assert facts.leader_name == "Helen"


def test_settle_facts_has_no_leader_when_the_notes_name_none() -> None:
    facts = settle_facts(IntakeOutput.model_validate(DONE_GOOD), DONE_NOTES)
    assert facts.leader_name is None


def test_settle_facts_snaps_a_loose_quote_to_the_notes_words() -> None:
    loose = _quotes(impact="checkout was down ~3h, ~400 orders lost, support got 60+ tickets")
    facts = settle_facts(IntakeOutput.model_validate(loose), NOTES)
    assert facts.impact == "checkout was down ~3h (14:10-17:05), ~400 orders lost, support got 60+ tickets"


def test_settle_facts_drops_a_cause_that_is_a_plain_event() -> None:
    facts = settle_facts(IntakeOutput.model_validate(_quotes(cause="on-call (Priya) found it")), NOTES)
    assert facts.cause == ""


def test_settle_facts_replaces_an_act_that_is_work_already_done() -> None:
    quotes = IntakeOutput.model_validate({**DONE_GOOD, "act": "now: restored the folder from last night's backup"})
    facts = settle_facts(quotes, DONE_NOTES)
    assert facts.act == fallback_act(DONE_NOTES) == "deleted the shared proposals folder w/o checking who used it"


def test_the_intake_chain_settles_facts_as_the_facts_type() -> None:
    model = ScriptedChatModel(script={"intake": DONE_GOOD})
    facts = run(
        build_intake_chain(model), step_inputs("intake").model_copy(update={"notes": DONE_NOTES, "leader": "Sam"})
    )
    assert isinstance(facts, Facts)
    assert facts.leader_name == "Sam"
    assert facts.impact == "sales lost 2 days of work on 5 proposals"


def test_settle_facts_prefers_the_notes_first_person_act_over_an_event() -> None:
    notes = (
        "tls cert on the partner api gateway expired sat night. I owned the renewal ticket and snoozed the reminder "
        "twice\npartner integrations failed for ~11h, ~14k webhook calls rejected"
    )
    quotes = IntakeOutput(
        act="tls cert on the partner api gateway expired sat night",
        impact="partner integrations failed for ~11h, ~14k webhook calls rejected",
        cause="",
        already_done=[],
    )
    assert settle_facts(quotes, notes).act == "I owned the renewal ticket and snoozed the reminder twice"


@pytest.mark.parametrize(
    ("quote", "cause"),
    [
        ("wanted it out before the weekend", True),
        ("I ticked it from memory instead of checking the ledger", True),
        ("auto-renew was also broken since the dns migration (not mine, but I'd seen the warning and left it)", False),
        ("the tax portal was also down on deadline day but I'd have been late anyway", False),
        ("checkout was down 3h", False),  # a plain event
    ],
)
def test_a_cause_is_my_reason_not_an_event_or_a_side_issue(quote: str, cause: bool) -> None:
    assert looks_like_cause(quote) is cause
