"""The whole pipeline over the scripted model."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import Any

import pytest
from chain_support import (
    GOOD,
    NOTES,
    PAIN,
    TODAY,
    prompt_line,
    sample_draft,
    sample_facts,
    sample_lessons,
)

from assistant.domain.errors import InputError, OutputValidationError, PartialDraftError
from assistant.domain.schema import Draft, DraftOptions, Message
from assistant.domain.settle import wording
from assistant.model.testing import ScriptedChatModel, good_script
from assistant.workflows.assemble import assemble_message
from assistant.workflows.draft import Pipeline, acompose, adraft
from assistant.workflows.events import StepEvent
from assistant.workflows.step_inputs import writing_inputs

SIX = ["pain", "ownership", "lessons", "plan", "positive", "report_back"]
# report_back and compose need no model; nor does the plan when the notes leave nothing open (the sample notes)
MODEL_STEPS = ["intake", "pain", "ownership", "lessons", "positive"]
# a line that leaves something open: the model writes the plan's action for it
OPEN = "\nhaven't answered the 60+ tickets yet"


def _draft(model: ScriptedChatModel, notes: str = NOTES, **kwargs: Any) -> Draft:
    pipeline = Pipeline(model, max_reasks=kwargs.pop("max_reasks", 2), polish=kwargs.pop("polish", False))
    return asyncio.run(adraft(notes, pipeline, today=TODAY, **kwargs))


def _user_text(model: ScriptedChatModel, step: str) -> str:
    return str(model.calls_for(step)[0]["messages"][1].content)


def test_full_draft_has_every_field_and_an_assembled_message() -> None:
    model = ScriptedChatModel(script=good_script())
    draft = _draft(model)
    assert draft.facts == sample_facts()
    assert draft.pain == PAIN and draft.ownership == GOOD["ownership"]["statement"]
    assert draft.lessons == sample_lessons() and draft.positive == GOOD["positive"]["statement"]
    habit = "run the staging tests before every config deploy, whatever the deadline"
    checklist, lookback = wording(None).checklist, wording(None).lookback
    assert [(a.action, a.measure) for a in draft.plan] == [(checklist[0].format(habit=habit), checklist[1]), lookback]
    assert [(a.owner, a.due) for a in draft.plan] == [("me", dt.date(2026, 12, 4)), ("me", dt.date(2026, 12, 11))]
    assert [c.date for c in draft.report_back] == [dt.date(2026, 12, 7), dt.date(2026, 12, 14)]
    assert draft.message == assemble_message(draft, DraftOptions())
    assert draft.message.assembled is True and draft.message.body.startswith(
        "Hi Dana,\n\nI'm sorry that about 400 orders"
    )
    assert (draft.notes, draft.today, draft.model, draft.unresolved) == (NOTES, TODAY, "scripted", {})
    assert (draft.complete, draft.failed_steps) == (True, {})
    assert sorted(c["step"] for c in model.calls) == sorted(MODEL_STEPS)
    Draft.model_validate(json.loads(draft.model_dump_json()))


def test_no_compose_call_by_default() -> None:
    model = ScriptedChatModel(script=good_script())
    _draft(model)
    assert model.calls_for("compose") == []


def test_the_sender_signs_the_message() -> None:
    draft = _draft(ScriptedChatModel(script=good_script()), options=DraftOptions(sender="Alex"))
    assert draft.message.body.endswith("\n\nThanks,\nAlex")


def test_every_step_shares_the_system_message_and_the_steps_given_the_notes_their_prefix() -> None:
    model = ScriptedChatModel(script=good_script())
    _draft(model)
    assert len({str(c["messages"][0].content) for c in model.calls}) == 1
    with_notes = [c for c in model.calls if c["step"] not in ("pain", "ownership", "positive")]
    assert {c["step"] for c in with_notes} == {"intake", "lessons"}  # the plan: no model call here
    prefixes = {str(c["messages"][1].content).split("</notes>")[0] for c in with_notes}
    assert prefixes == {f"My notes about what happened, between <notes> tags:\n<notes>\n{NOTES}\n"}
    # the pain is given only the harm, the ownership the act, the positive the lesson's habit: not the whole notes
    for call in model.calls_for("pain") + model.calls_for("ownership") + model.calls_for("positive"):
        asked = str(call["messages"][1].content)
        assert NOTES not in asked and "My notes about" not in asked


def test_writing_steps_see_the_settled_facts_in_plain_words() -> None:
    model = ScriptedChatModel(script=good_script())
    _draft(model, notes=NOTES + OPEN)
    act = "pushed the payments config change on friday afternoon without running the staging tests"
    for step in ("ownership", "lessons", "plan"):
        assert prompt_line(step, act=act) in _user_text(model, step), step
    done = "I rolled back at 17:05; I already wrote the incident timeline"
    assert prompt_line("plan", done=done) in _user_text(model, "plan")
    harm = "checkout was down about 3h (14:10-17:05), about 400 orders lost, support got 60+ tickets"
    assert prompt_line("pain", impact=harm) in _user_text(model, "pain")


def test_writing_inputs() -> None:
    inputs = writing_inputs(sample_facts(), NOTES, TODAY, DraftOptions())
    assert (
        inputs.text("act") == "pushed the payments config change on friday afternoon without running the staging tests"
    )
    assert inputs.text("why") == "Why, from my notes: <notes>wanted to get it out before the weekend</notes>"
    assert inputs.text("impact") == (
        "checkout was down about 3h (14:10-17:05), about 400 orders lost, support got 60+ tickets"
    )
    assert (inputs.text("leader"), inputs.leader, inputs.text("today")) == ("Dana", None, "Friday 2026-11-27")
    without = sample_facts().model_copy(update={"leader_name": None, "cause": ""})
    inputs = writing_inputs(without, NOTES, TODAY, DraftOptions())
    assert (inputs.text("leader"), inputs.text("why")) == ("my manager", "")
    assert writing_inputs(without, NOTES, TODAY, DraftOptions(leader="Sam")).text("leader") == "Sam"


def test_the_pain_comes_first_alone_then_the_steps_run_concurrently() -> None:
    events: list[StepEvent] = []
    _draft(ScriptedChatModel(script=good_script()), listener=events.append)
    order = [(e.kind, e.step) for e in events if e.kind in ("start", "done")]
    # the pain needs only the harm the program finds: written first, alone, so its text comes early
    assert order[:2] == [("start", "pain"), ("done", "pain")]
    assert order.index(("done", "pain")) < order.index(("start", "intake"))
    independent = ["ownership", "lessons"]
    first_done = min(order.index(("done", s)) for s in independent)
    assert all(order.index(("start", s)) < first_done for s in independent)
    assert all(order.index(("done", "intake")) < order.index(("start", s)) for s in independent)
    # the plan and the positive build on the lessons, the report back on the plan
    assert order.index(("done", "lessons")) < order.index(("start", "plan"))
    assert order.index(("done", "lessons")) < order.index(("start", "positive"))
    assert order.index(("done", "plan")) < order.index(("start", "report_back"))
    assert ("start", "compose") not in order


def test_the_plan_prompt_carries_what_the_lessons_say_i_now_do_the_harm_and_what_is_open() -> None:
    answer = {"actions": [{"action": "Answer each of the 60+ tickets with what happened", "measure": "60+ replies"}]}
    model = ScriptedChatModel(script={**good_script(), "plan": answer})
    draft = _draft(model, notes=NOTES + OPEN)
    learned = "run the staging tests before every config deploy, whatever the deadline"
    assert prompt_line("plan", learned=learned) in _user_text(model, "plan")
    assert "support got 60+ tickets" in _user_text(model, "plan")
    assert prompt_line("plan", open="haven't answered the 60+ tickets yet") in _user_text(model, "plan")
    # the lesson's habit is the first action; the model's (first) action is the second, for what is open
    assert draft.plan[0].action.startswith(f'Add "{learned}"')
    assert draft.plan[1].action == answer["actions"][0]["action"] and "plan" not in draft.unresolved


def test_with_nothing_open_the_program_writes_the_plan_and_no_model_is_asked() -> None:
    model = ScriptedChatModel(script=good_script())
    draft = _draft(model)
    assert model.calls_for("plan") == [] and len(draft.plan) == 2 and "plan" not in draft.unresolved


def test_leader_option_overrides_the_notes() -> None:
    model = ScriptedChatModel(script=good_script())
    draft = _draft(model, options=DraftOptions(leader="Sam Patel"))
    assert draft.facts.leader_name == "Sam Patel"
    assert prompt_line("pain", leader="Sam Patel") in _user_text(model, "pain")
    assert draft.message.body.startswith("Hi Sam,\n\n")


def test_the_leader_comes_from_the_notes_not_the_model() -> None:
    notes = NOTES.replace("Dana (my manager, eng director)", "my lead Tomasz")
    draft = _draft(ScriptedChatModel(script=good_script()), notes=notes)
    assert draft.facts.leader_name == "Tomasz"
    assert draft.message.body.startswith("Hi Tomasz,\n\n")


def test_notes_that_name_no_leader_give_a_plain_hello() -> None:
    notes = NOTES.replace("Dana (my manager, eng director) had to explain it to the VP on Saturday", "the VP heard")
    model = ScriptedChatModel(script=good_script())
    draft = _draft(model, notes=notes)
    assert draft.facts.leader_name is None
    assert prompt_line("pain", leader="my manager") in _user_text(model, "pain")
    assert draft.message.body.startswith("Hi,\n\nI'm sorry that about 400")


def test_step_events_and_usage_per_step() -> None:
    events: list[StepEvent] = []
    draft = _draft(ScriptedChatModel(script=good_script()), listener=events.append)
    assert sorted(e.step for e in events if e.kind == "start") == sorted(["intake", *SIX])
    # the assembled message is reported done too, with its text, though no model wrote it
    assert sorted(e.step for e in events if e.kind == "done") == sorted(["intake", *SIX, "compose"])
    assert next(e for e in events if e.kind == "done" and e.step == "compose").text == draft.message.body
    tokens = [e for e in events if e.kind == "token"]
    assert {e.step for e in tokens} == set(MODEL_STEPS)
    done_intake = next(e for e in events if e.kind == "done" and e.step == "intake")
    assert done_intake.tokens == max(e.tokens for e in tokens if e.step == "intake") > 0
    done_pain = next(e for e in events if e.kind == "done" and e.step == "pain")
    assert done_pain.text == PAIN
    assert set(draft.usage) == set(MODEL_STEPS)
    for usage in draft.usage.values():
        assert (usage.attempts, usage.prompt_tokens) == (1, 100) and usage.completion_tokens > 0


def test_step_that_keeps_failing_checks_is_kept_as_unresolved() -> None:
    bad = {"statement": "[Name], I pushed the payments config change without running the staging tests."}
    events: list[StepEvent] = []
    model = ScriptedChatModel(script={**good_script(), "ownership": bad})
    draft = _draft(model, max_reasks=1, listener=events.append)
    assert draft.ownership.startswith(bad["statement"])
    assert list(draft.unresolved) == ["ownership"]
    assert draft.unresolved["ownership"] == ['The text still has a placeholder. ("[Name]") Replace it with real words.']
    assert draft.usage["ownership"].attempts == 2 == len(model.calls_for("ownership"))
    assert ("unresolved", "ownership") in [(e.kind, e.step) for e in events]
    assert [e.attempt for e in events if e.kind == "attempt"] == [2]


def test_a_pain_that_keeps_failing_gives_way_to_the_programs_regret_for_the_harm() -> None:
    bad_pain = {"statement": "[Name], I am sorry about the 400 lost orders."}
    model = ScriptedChatModel(script={**good_script(), "pain": bad_pain})
    draft = _draft(model, max_reasks=1)
    assert draft.pain.startswith("I'm sorry for what this caused: ") and "[Name]" not in draft.message.body
    assert "400" in draft.pain and not draft.unresolved
    assert len(model.calls_for("pain")) == 2


def test_a_step_whose_output_never_parses_gives_a_partial_draft_with_an_assembled_message() -> None:
    events: list[StepEvent] = []
    model = ScriptedChatModel(script={**good_script(), "ownership": "Ownership: mine."})
    with pytest.raises(PartialDraftError) as info:
        _draft(model, max_reasks=1, listener=events.append)
    cause = info.value.__cause__
    assert isinstance(cause, OutputValidationError)
    assert (cause.step, cause.n_attempts, cause.last_output) == ("ownership", 2, "Ownership: mine.")
    assert set(info.value.failed_steps) == {"ownership"}
    draft = info.value.draft
    assert draft.complete is False and draft.ownership == ""
    assert draft.pain == PAIN
    assert draft.message.assembled is True
    assert draft.message.body.startswith("Hi Dana,\n\nI'm sorry that about 400")
    assert "What I learned" in draft.message.body and "Here is my plan:" in draft.message.body
    assert ("failed", "ownership") in [(e.kind, e.step) for e in events]
    assert model.calls_for("compose") == []


def test_lessons_that_never_parse_give_way_to_the_programs_lesson_on_the_step_left_out() -> None:
    model = ScriptedChatModel(script={**good_script(), "lessons": "Lesson: test first."})
    draft = _draft(model, max_reasks=1)  # the sample notes: "... w/o running the staging tests"
    assert draft.complete and draft.lessons == ["I now run the staging tests every time."]
    assert len(model.calls_for("lessons")) == 2


def test_a_failed_plan_skips_the_report_back_and_the_message_has_neither() -> None:
    model = ScriptedChatModel(script={**good_script(), "plan": "no plan"})
    with pytest.raises(PartialDraftError) as info:
        _draft(model, max_reasks=0, notes=NOTES + OPEN)
    assert set(info.value.failed_steps) == {"plan", "report_back"}
    assert info.value.failed_steps["report_back"] == "Not written, because the 'plan' step failed."
    body = info.value.draft.message.body
    assert "Here is my plan:" not in body and "report back" not in body
    assert "What I learned: I treated the staging tests as optional" in body


def test_notes_are_checked_before_any_model_call() -> None:
    model = ScriptedChatModel(script=good_script())
    with pytest.raises(InputError, match="limit is 100"):
        asyncio.run(adraft("x" * 101, Pipeline(model), today=TODAY, max_notes_chars=100))
    assert model.calls == []


def test_acompose_reassembles_the_message_without_a_model_call() -> None:
    model = ScriptedChatModel(script=good_script())
    pipeline = Pipeline(model)
    draft = asyncio.run(adraft(NOTES, pipeline, today=TODAY))
    calls = len(model.calls)
    options = DraftOptions(channel="talking_points", tone="warm", length="short")
    again = asyncio.run(acompose(draft, pipeline, options))
    assert len(model.calls) == calls
    assert again.message == assemble_message(draft, options)
    assert again.message.channel == "talking_points"
    assert again.message.body.splitlines()[0] == (
        "- I'm sorry that about 400 orders were lost and that you had to explain it to the VP."
    )
    assert again.options == options
    assert again.model_dump(exclude={"message", "options", "usage", "findings"}) == draft.model_dump(
        exclude={"message", "options", "usage", "findings"}
    )


def test_polish_calls_compose_and_keeps_a_rewrite_with_fewer_errors() -> None:
    draft = sample_draft(pain="[Name], I'm sorry that about 400 orders were lost.")  # the assembled one has it too
    model = ScriptedChatModel(script={"compose": GOOD["compose"]})
    polished = asyncio.run(acompose(draft, Pipeline(model, polish=True), DraftOptions()))
    assert len(model.calls_for("compose")) == 1
    assert polished.message == Message(channel="email", assembled=False, **GOOD["compose"])
    assert "MSG_PLACEHOLDER" not in {f.rule for f in polished.findings}
    assert polished.usage["compose"].attempts == 1


def test_polish_keeps_the_assembled_message_when_the_rewrite_is_worse() -> None:
    draft = sample_draft()
    model = ScriptedChatModel(script={"compose": {"subject": "Sorry", "body": "Dana, sorry about Friday."}})
    kept = asyncio.run(acompose(draft, Pipeline(model, polish=True), DraftOptions()))
    assert len(model.calls_for("compose")) == 2  # re-asked once; the re-ask was no better
    assert kept.message == assemble_message(draft, DraftOptions())
    assert kept.message.assembled is True
    assert "compose" not in kept.unresolved
    assert [f for f in kept.findings if f.severity == "error"] == []


def test_a_polished_draft_asks_for_compose_after_the_six_steps() -> None:
    model = ScriptedChatModel(script=good_script())
    draft = _draft(model, polish=True)
    assert sorted(c["step"] for c in model.calls) == sorted([*MODEL_STEPS, "compose"])
    # the rewrite has no more errors than the assembled message, so the assembled one stands
    assert draft.message == assemble_message(draft, DraftOptions())
    assert "to my leader (Dana)" in _user_text(model, "compose")


def test_the_pain_is_checked_with_the_programs_line_so_no_cost_is_asked_of_the_model() -> None:
    """The model's sentence names the harm; the leader's side is the program's line. Checked alone, the
    sentence would be re-asked for "the extra work", which a small model then invents."""
    answer = {"statement": "I'm sorry that about 400 orders were lost, which caused extra work for everyone."}
    model = ScriptedChatModel(script={**good_script(), "pain": answer})
    draft = _draft(model)
    assert draft.pain == f"I'm sorry that about 400 orders were lost. {wording(None).landed}"
    assert len(model.calls_for("pain")) == 1 and "pain" not in draft.unresolved
