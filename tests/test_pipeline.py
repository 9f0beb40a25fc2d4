"""The whole pipeline over the scripted model."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import Any

import pytest
from chain_support import GOOD, NOTES, TODAY

from assistant.errors import InputError, OutputValidationError, PartialDraftError
from assistant.pipeline import STEPS, Pipeline, acompose, adraft
from assistant.progress import ProgressEvent
from assistant.schema import Draft, DraftOptions
from assistant.testing import ScriptedChatModel, good_script

SIX = ["pain", "ownership", "lessons", "plan", "positive", "report_back"]


def _draft(model: ScriptedChatModel, **kwargs: Any) -> Draft:
    return asyncio.run(adraft(NOTES, Pipeline(model, max_reasks=kwargs.pop("max_reasks", 2)), today=TODAY, **kwargs))


def _user_text(model: ScriptedChatModel, step: str) -> str:
    return str(model.calls_for(step)[0]["messages"][1].content)


def test_full_draft_has_every_field() -> None:
    model = ScriptedChatModel(script=good_script())
    draft = _draft(model)
    assert draft.facts.leader_name == "Dana"
    assert draft.pain == GOOD["pain"]["statement"] and draft.ownership == GOOD["ownership"]["statement"]
    assert draft.lessons == GOOD["lessons"]["lessons"] and draft.positive == GOOD["positive"]["statement"]
    assert [a.action for a in draft.plan] == [GOOD["plan"]["actions"][0]["action"]]
    assert [c.date for c in draft.report_back] == [dt.date(2026, 12, 11)]
    assert (draft.message.channel, draft.message.subject) == ("email", GOOD["compose"]["subject"])
    assert draft.message.body == GOOD["compose"]["body"]
    assert (draft.notes, draft.today, draft.model, draft.unresolved) == (NOTES, TODAY, "scripted", {})
    assert sorted(c["step"] for c in model.calls) == sorted(STEPS)
    Draft.model_validate(json.loads(draft.model_dump_json()))


def test_every_step_shares_the_system_message_and_notes_prefix() -> None:
    model = ScriptedChatModel(script=good_script())
    _draft(model)
    assert len({str(c["messages"][0].content) for c in model.calls}) == 1
    prefixes = {str(c["messages"][1].content).split("</notes>")[0] for c in model.calls}
    assert prefixes == {f"My notes about what happened, between <notes> tags:\n<notes>\n{NOTES}\n"}


def test_later_steps_see_earlier_results() -> None:
    model = ScriptedChatModel(script=good_script())
    draft = _draft(model)
    assert draft.plan[0].action in _user_text(model, "report_back")
    compose = _user_text(model, "compose")
    for part in [
        draft.pain,
        draft.ownership,
        *draft.lessons,
        draft.plan[0].action,
        draft.positive,
        draft.report_back[0].report,
    ]:
        assert part in compose
    assert GOOD["intake"]["impact"] in _user_text(model, "pain")


def test_independent_steps_run_concurrently() -> None:
    events: list[ProgressEvent] = []
    _draft(ScriptedChatModel(script=good_script()), listener=events.append)
    order = [(e.kind, e.step) for e in events if e.kind in ("start", "done")]
    independent = ["pain", "ownership", "lessons", "plan", "positive"]
    first_done = min(order.index(("done", s)) for s in independent)
    assert all(order.index(("start", s)) < first_done for s in independent)
    assert order.index(("done", "plan")) < order.index(("start", "report_back"))
    assert all(order.index(("done", s)) < order.index(("start", "compose")) for s in ["intake", *SIX])


def test_leader_option_overrides_the_notes() -> None:
    model = ScriptedChatModel(script=good_script())
    draft = _draft(model, options=DraftOptions(leader="Sam Patel"))
    assert draft.facts.leader_name == "Sam Patel"
    assert "Leader: Sam Patel\n" in _user_text(model, "pain")
    assert "to my leader (Sam Patel)" in _user_text(model, "compose")


def test_progress_events_and_usage_per_step() -> None:
    events: list[ProgressEvent] = []
    draft = _draft(ScriptedChatModel(script=good_script()), listener=events.append)
    for kind in ("start", "done"):
        assert sorted(e.step for e in events if e.kind == kind) == sorted(STEPS)
    tokens = [e for e in events if e.kind == "token"]
    assert {e.step for e in tokens} == set(STEPS)
    done_intake = next(e for e in events if e.kind == "done" and e.step == "intake")
    assert done_intake.tokens == max(e.tokens for e in tokens if e.step == "intake") > 0
    assert set(draft.usage) == set(STEPS)
    for usage in draft.usage.values():
        assert (usage.attempts, usage.prompt_tokens) == (1, 100) and usage.completion_tokens > 0


def test_step_that_keeps_failing_checks_is_kept_as_unresolved() -> None:
    bad_pain = {"statement": "[Name], I am sorry."}
    events: list[ProgressEvent] = []
    model = ScriptedChatModel(script={**good_script(), "pain": bad_pain})
    draft = _draft(model, max_reasks=1, listener=events.append)
    assert draft.pain == bad_pain["statement"]
    assert list(draft.unresolved) == ["pain"]
    assert "Replace the placeholder [Name] with real words or leave it out." in draft.unresolved["pain"]
    assert draft.usage["pain"].attempts == 2 == len(model.calls_for("pain"))
    assert ("unresolved", "pain") in [(e.kind, e.step) for e in events]
    assert [e.attempt for e in events if e.kind == "attempt"] == [2]


def test_step_whose_output_never_parses_raises() -> None:
    events: list[ProgressEvent] = []
    model = ScriptedChatModel(script={**good_script(), "lessons": "Lesson: test first."})
    with pytest.raises(PartialDraftError) as info:
        _draft(model, max_reasks=1, listener=events.append)
    cause = info.value.__cause__
    assert isinstance(cause, OutputValidationError)
    assert (cause.step, cause.n_attempts, cause.last_output) == ("lessons", 2, "Lesson: test first.")
    assert set(info.value.failed_steps) == {"lessons", "compose"}
    assert info.value.draft.complete is False and info.value.draft.lessons == []
    assert info.value.draft.pain == GOOD["pain"]["statement"]
    assert ("failed", "lessons") in [(e.kind, e.step) for e in events]
    assert model.calls_for("compose") == []


def test_notes_are_checked_before_any_model_call() -> None:
    model = ScriptedChatModel(script=good_script())
    with pytest.raises(InputError, match="limit is 100"):
        asyncio.run(adraft("x" * 101, Pipeline(model), today=TODAY, max_notes_chars=100))
    assert model.calls == []


def test_acompose_rewrites_only_the_message() -> None:
    model = ScriptedChatModel(script=good_script())
    pipeline = Pipeline(model)
    draft = asyncio.run(adraft(NOTES, pipeline, today=TODAY))
    points = (
        "- I'm sorry about Friday's outage\n- It was my call to skip the staging tests\n"
        "- I learned that skipping tests moves the risk onto customers\n- Plan: add a CI gate by 2026-12-11\n"
        "- I'm committed to making this right\n- I'll update you on 2026-12-11"
    )
    model.script["compose"] = {"subject": "", "body": points}
    options = DraftOptions(channel="talking_points", tone="warm", length="short")
    again = asyncio.run(acompose(draft, pipeline, options))
    assert [c["step"] for c in model.calls[len(STEPS) :]] == ["compose"]
    assert "talking points for a 1:1 conversation" in str(model.calls[-1]["messages"][1].content)
    assert (again.message.channel, again.message.body) == ("talking_points", points)
    assert again.options == options
    assert again.model_dump(exclude={"message", "options", "usage", "findings"}) == draft.model_dump(
        exclude={"message", "options", "usage", "findings"}
    )


def test_leader_named_in_the_notes_wins_over_the_models_guess() -> None:
    from assistant.pipeline import _settle_leader
    from assistant.schema import Facts

    guess = Facts.model_validate({**good_script()["intake"], "leader_name": "Priya"})  # type: ignore[dict-item]
    notes = "on-call (Priya) found it. Dana (my manager, eng director) had to tell the VP"
    assert _settle_leader(guess, notes).leader_name == "Dana"
    assert _settle_leader(guess, "my boss Helen found out from the CFO").leader_name == "Helen"
    assert _settle_leader(guess, "no leader named here").leader_name == "Priya"
