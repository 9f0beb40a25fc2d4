"""Refine, the model's part: the request as typed edits, parsed, checked and re-asked."""

from __future__ import annotations

import asyncio
import json

from chain_support import assert_json_schema_requested, assert_reask, run
from refine_support import FACT_ANSWER, POSITIVE
from ui_support import NOTES, TODAY, scripted_model

from assistant.chains.refine import draft_text, edits_examples, edits_menu
from assistant.chains.refine_edits import build_refine_edits_chain
from assistant.domain.edit_types import AddFact, EditPlan, ReplaceSection
from assistant.domain.schema import Draft
from assistant.model.prompts import load_prompt
from assistant.model.testing import STEP_MARKERS
from assistant.workflows.draft import Pipeline, adraft
from assistant.workflows.step_inputs import refine_inputs


def _draft() -> Draft:
    return asyncio.run(adraft(NOTES, Pipeline(scripted_model()), today=TODAY))


def test_prompt_declares_its_variables_and_a_request_naming_no_kind_is_offered_every_edit() -> None:
    prompt = load_prompt("refine_edits")
    assert set(prompt.variables) == {"today", "draft", "request", "edits", "examples"}  # the notes come with every step
    assert STEP_MARKERS["refine_edits"] in prompt.template
    menu = edits_menu("Send this to the VP by fax tonight.")
    for op in ("shift_dates", "set_date", "replace_section", "drop_action", "add_action", "reword_action"):
        assert f'"op": "{op}"' in menu
    for op in ("set_owner", "set_measure", "set_channel", "set_length", "set_tone", "add_fact"):
        assert f'"op": "{op}"' in menu


def test_a_request_is_offered_only_the_edits_of_the_kinds_it_speaks_of() -> None:
    menu = edits_menu("Priya offered to brief support herself, so make her the owner of that action.")
    # no fact offered: the request states one ("Priya offered"), but asks for nothing to be added to the notes
    assert [line.split('"op": "')[1].split('"')[0] for line in menu.splitlines() if '"op"' in line] == ["set_owner"]
    apology = edits_menu("Make the apology less stiff")
    assert '"section": "pain"' in apology and "ownership" not in apology and '"op": "set_tone"' in apology
    added = edits_menu("Add that I already called the merchants on Monday.")
    assert '"op": "add_action"' not in added and '"op": "add_fact"' in added


def test_the_examples_shown_are_of_the_kinds_offered_from_another_case() -> None:
    owner = edits_examples("Priya offered to brief support herself, so make her the owner of that action.")
    assert '"op": "set_owner"' in owner and owner.count("Request:") == 1 and "Label every tray" in owner
    assert edits_examples("Send this to the VP by fax tonight.") == ""  # no kind named: no example
    words = set(load_prompt("refine_edits").example_words)
    assert {"tray", "allergens", "muffins"} <= words  # the case's words, which must not reach an answer


def test_the_answer_is_parsed_into_typed_edits() -> None:
    draft = _draft()
    model = scripted_model(refine_edits=FACT_ANSWER)
    out = run(build_refine_edits_chain(model), refine_inputs(draft, "add that I already told the support team"))
    assert isinstance(out, EditPlan)
    assert out.edits == [
        AddFact(fact="I already told the support team"),
        ReplaceSection(section="positive", text=POSITIVE),
    ]
    call = model.calls_for("refine_edits")[0]
    user = str(call["messages"][1].content)
    assert "<request>\nadd that I already told the support team\n</request>" in user
    # only the parts a new fact touches, and the numbered plan: not the other sections
    assert draft_text(draft, {"fact"}) in user and draft.plan[0].action in user and draft.pain not in user
    assert_json_schema_requested(call, "refine_edits", "EditPlan")


def test_a_request_that_names_no_kind_of_edit_sees_the_whole_draft() -> None:
    draft = _draft()
    inputs = refine_inputs(draft, "hmm, not sure about this")
    assert (
        inputs.text("draft") == draft_text(draft)
        and draft.pain in inputs.text("draft")
        and draft.positive in inputs.text("draft")
    )


def test_a_fact_not_in_the_request_is_dropped_without_a_reask() -> None:
    invented = {"op": "add_fact", "fact": "I refunded 400 customers"}
    answer = {**FACT_ANSWER, "edits": [*FACT_ANSWER["edits"], invented]}  # type: ignore[list-item]
    model = scripted_model(refine_edits=answer)
    out = run(build_refine_edits_chain(model), refine_inputs(_draft(), "add that I already told the support team"))
    assert out.edits == [
        AddFact(fact="I already told the support team"),
        ReplaceSection(section="positive", text=POSITIVE),
    ]
    assert len(model.calls_for("refine_edits")) == 1


def test_only_invented_facts_are_reasked() -> None:
    bad = {**FACT_ANSWER, "edits": [{"op": "add_fact", "fact": "I refunded 400 customers"}]}
    model = scripted_model(refine_edits=[json.dumps(bad), FACT_ANSWER])
    out = run(build_refine_edits_chain(model), refine_inputs(_draft(), "add that I already told the support team"))
    assert len(out.edits) == 2
    assert_reask(model.calls_for("refine_edits")[1], json.dumps(bad), "'I refunded 400 customers' is not in my request")


def test_no_edits_needs_a_reason() -> None:
    bad = {"understood": "Translate it.", "edits": [], "not_possible": ""}
    good = {**bad, "not_possible": "Translating the message is not an edit I can make."}
    model = scripted_model(refine_edits=[json.dumps(bad), good])
    out = run(build_refine_edits_chain(model), refine_inputs(_draft(), "translate it to Klingon"))
    assert out.edits == [] and out.not_possible.startswith("Translating")
    assert_reask(model.calls_for("refine_edits")[1], json.dumps(bad), "there are no edits and not_possible is empty")
