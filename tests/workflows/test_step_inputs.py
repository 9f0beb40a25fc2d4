"""The inputs of every step, built in one place (``assistant/workflows/step_inputs.py``)."""

from __future__ import annotations

import datetime as dt

import pytest
from chain_support import NOTES, TODAY, sample_draft, sample_facts, sample_lessons, sample_plan

from assistant.domain.report_back import ActionProgress
from assistant.domain.schema import CheckIn, DraftOptions, Message
from assistant.domain.step_inputs import StepInputs
from assistant.workflows.step_inputs import (
    compose_inputs,
    intake_inputs,
    pain_inputs,
    refine_inputs,
    update_inputs,
    with_lessons,
    with_plan,
    writing_inputs,
)

NO_NAMES = "pushed the config w/o tests, checkout down ~3h"
LATER = dt.date(2026, 12, 8)  # a Tuesday


def test_intake_gets_the_notes_today_and_the_leader_the_user_or_the_notes_name() -> None:
    inputs = intake_inputs(NOTES, TODAY, DraftOptions())
    assert (inputs.notes, inputs.today, inputs.leader) == (NOTES, TODAY, "Dana")  # "Dana (my manager, ...)"
    assert inputs.texts == {"today": "Friday 2026-11-27"}
    assert intake_inputs(NOTES, TODAY, DraftOptions(leader="Sam")).leader == "Sam"


def test_the_pain_gets_the_harm_in_plain_words_said_to_the_leader() -> None:
    inputs = pain_inputs(NOTES, TODAY, DraftOptions())
    assert inputs.harm == inputs.texts["impact"]
    assert "about 400 orders lost" in inputs.harm and "~" not in inputs.harm  # "~400" in plain words
    assert inputs.texts["leader"] == "Dana" and inputs.leader is None  # only the user's choice is fixed
    assert pain_inputs(NO_NAMES, TODAY, DraftOptions()).texts["leader"] == "my manager"


def test_a_writing_step_gets_the_act_without_shorthand_and_why_in_the_notes_words() -> None:
    facts = sample_facts()
    inputs = writing_inputs(facts, NOTES, TODAY, DraftOptions())
    assert inputs.facts == facts and inputs.leader is None
    assert "without running the staging tests" in inputs.texts["act"] and "w/o" not in inputs.texts["act"]
    assert inputs.texts["why"] == f"Why, from my notes: <notes>{facts.cause}</notes>"
    assert set(inputs.texts) == {"today", "leader", "act", "why", "impact", "skipped"}
    nameless = facts.model_copy(update={"leader_name": None, "cause": ""})
    texts = writing_inputs(nameless, NOTES, TODAY, DraftOptions()).texts
    assert texts["leader"] == "my manager" and texts["why"] == ""
    assert writing_inputs(nameless, NOTES, TODAY, DraftOptions(leader="Sam")).texts["leader"] == "Sam"


def test_lessons_and_plan_are_added_to_copies_of_the_shared_inputs() -> None:
    shared = writing_inputs(sample_facts(), NOTES, TODAY, DraftOptions())
    lessons, plan = sample_lessons(), sample_plan()
    assert with_lessons(shared, lessons).lessons == lessons and shared.lessons == []
    assert with_plan(shared, plan).plan == plan and shared.plan == []
    assert with_plan(shared, plan).texts == shared.texts


def test_compose_gets_the_six_parts_as_text_and_the_messages_options() -> None:
    draft = sample_draft()
    inputs = compose_inputs(draft, DraftOptions(channel="talking_points", length="short", tone="warm"))
    assert (inputs.channel, inputs.length, inputs.plan, inputs.report_back) == (
        "talking_points",
        "short",
        draft.plan,
        draft.report_back,
    )
    texts = inputs.texts
    assert texts["channel"] == "talking points for a 1:1 conversation" and texts["tone"] == "warm"
    assert texts["length"].startswith("at most ") and texts["length"].endswith(" bullet lines")
    assert (texts["pain"], texts["ownership"], texts["positive"]) == (draft.pain, draft.ownership, draft.positive)
    assert texts["plan"].startswith(f"1. {draft.plan[0].action} (owner: ")
    assert texts["lessons"].splitlines() == [f"- {lesson}" for lesson in draft.lessons]
    assert len(texts["report_back"].splitlines()) == len(draft.report_back)


def test_refine_gets_the_request_cleaned_and_the_drafts_channel() -> None:
    draft = sample_draft()
    inputs = refine_inputs(draft, "make it shorter\r\n</request> please")
    assert inputs.request == "make it shorter\n(/request) please" == inputs.texts["request"]
    assert inputs.channel == draft.message.channel and inputs.plan == draft.plan
    assert {"edits", "examples", "today", "draft", "request"} == set(inputs.texts)


def test_a_report_back_gets_the_progress_notes_and_what_was_fixed_before() -> None:
    draft = sample_draft()
    fixed = {0: ActionProgress(index=0, status="done", evidence="gate added", reason=None)}
    previous = {1: ActionProgress(index=1, status="in_progress", evidence="draft", reason=None)}
    inputs = update_inputs(draft, "added the gate", LATER, fixed=fixed, previous=previous, checkins=[])
    assert (inputs.notes, inputs.original_notes, inputs.today) == ("added the gate", draft.notes, LATER)
    assert inputs.fixed_statuses == {0: "done"} and inputs.fixed_progress == fixed
    assert inputs.previous_progress == previous
    assert inputs.leader == "Dana"  # the notes' leader when the user named none
    assert inputs.texts["checkins"] == "none yet" and inputs.texts["today"] == "Tuesday 2026-12-08"
    assert inputs.texts["incident"] == draft.facts.what_happened
    lines = inputs.texts["plan"].splitlines()
    assert "status now: done (set by me, keep it)" in lines[0] and "status before: in progress" in lines[1]
    checkins = [CheckIn(date=dt.date(2026, 12, 7), report="The gate is live")]
    again = update_inputs(draft, "n", LATER, fixed={}, previous={}, checkins=checkins, by_user=[])
    assert again.texts["checkins"] == "- 2026-12-07: The gate is live"


def _draft_values(inputs: StepInputs) -> dict[str, object]:
    return inputs.model_dump(include={"notes", "today", "facts", "plan", "report_back"})


@pytest.mark.parametrize("step", ["compose", "refine"])
def test_a_step_on_a_whole_draft_gets_its_notes_facts_plan_check_ins_and_today(step: str) -> None:
    draft = sample_draft()
    inputs = compose_inputs(draft, DraftOptions()) if step == "compose" else refine_inputs(draft, "make it warmer")
    assert _draft_values(inputs) == draft.model_dump(include={"notes", "today", "facts", "plan", "report_back"})
    assert draft.today.isoformat() in inputs.text("today")


def test_compose_gets_the_options_chosen_and_no_request() -> None:
    options = DraftOptions(channel="chat", length="short", leader="Dana Smith")
    inputs = compose_inputs(sample_draft(), options)
    assert (inputs.leader, inputs.channel, inputs.length, inputs.request) == ("Dana Smith", "chat", "short", "")
    assert {"leader", "channel", "tone", "length", "pain", "plan", "report_back"} <= set(inputs.texts)


def test_refine_gets_the_drafts_leader_and_channel_and_the_request_tidied() -> None:
    draft = sample_draft(options=DraftOptions(leader="Dana Smith"))
    draft = draft.model_copy(update={"message": Message(channel="talking_points", subject="", body="- one")})
    inputs = refine_inputs(draft, "make it </request>warmer\r\n")
    assert (inputs.leader, inputs.channel, inputs.length) == ("Dana Smith", "talking_points", "medium")
    assert inputs.request == inputs.text("request") == "make it (/request)warmer"
    assert {"edits", "draft", "request"} <= set(inputs.texts)
