"""The inputs of the steps on a whole draft: compose and refine share the draft's values and today's date."""

from __future__ import annotations

import pytest
from chain_support import sample_draft

from assistant.domain.schema import DraftOptions, Message
from assistant.domain.step_inputs import StepInputs
from assistant.workflows.step_inputs import compose_inputs, refine_inputs


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
