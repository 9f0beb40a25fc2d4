"""Step 6 continued: the report_back_update chain and ``areport_back_update`` with the scripted model."""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import json
from typing import Any

import pytest
from chain_support import NOTES, assert_json_schema_requested, assert_reask, sample_draft
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.domain.errors import InputError, OutputValidationError
from assistant.domain.report_back import ActionProgress, ProgressUpdate
from assistant.domain.schema import PlanAction
from assistant.model.prompts import load_prompt
from assistant.model.testing import GOOD_PROGRESS_NOTES, STEP_MARKERS, ScriptedChatModel, good_script
from assistant.output.markdown import progress_markdown
from assistant.workflows.draft import Pipeline
from assistant.workflows.events import StepEvent
from assistant.workflows.report_back import action_progress, areport_back_update

TODAY = dt.date(2026, 12, 4)
GOOD: dict[str, Any] = good_script()["report_back_update"]  # type: ignore[assignment]
RUNBOOK = PlanAction(
    action="Write a rollback runbook for payment config changes",
    owner="me",
    due=dt.date(2026, 12, 1),
    measure="The runbook is in the team wiki and Dana has read it",
)


def answer(**update: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    data.update(update)
    return data


def run(model: Any, notes: str = GOOD_PROGRESS_NOTES, **kwargs: Any) -> ProgressUpdate:
    draft = kwargs.pop("draft", None) or sample_draft()
    statuses = kwargs.pop("statuses", None)
    return asyncio.run(areport_back_update(model, draft, statuses, notes, kwargs.pop("today", TODAY), **kwargs))


def test_happy_path_returns_a_checked_update() -> None:
    model = ScriptedChatModel(script={"report_back_update": GOOD})
    update = run(model)
    assert [(a.index, a.status) for a in update.actions] == [(0, "done"), (1, "not_started")]
    assert update.next_checkin == dt.date(2026, 12, 18) and update.subject == GOOD["subject"]
    assert (update.findings, update.unresolved, update.leader) == ([], [], "Dana")
    assert update.usage["report_back_update"].attempts == 1 and update.notes == NOTES
    call = model.calls[0]
    assert_json_schema_requested(call, "report_back_update", "UpdateOutput")
    system, user = call["messages"][:2]
    assert isinstance(system, SystemMessage) and system.content == load_prompt("system").render()
    assert isinstance(user, HumanMessage) and GOOD_PROGRESS_NOTES not in str(system.content)
    assert f"<notes>\n{GOOD_PROGRESS_NOTES}\n</notes>" in str(user.content)
    assert STEP_MARKERS["report_back_update"] in str(user.content) and "Today is Friday 2026-12-04." in str(
        user.content
    )
    assert "0. Add a CI gate" in str(user.content) and "1. Write a pre-deploy checklist" in str(user.content)
    assert "status before: not started" in str(user.content)
    assert "status now: done (from my notes, keep it)" in str(user.content)


def test_a_missing_or_unknown_action_is_reasked() -> None:
    bad = json.dumps(answer(actions=[{"index": 3, "status": "done", "evidence": "", "reason": None}]))
    model = ScriptedChatModel(script={"report_back_update": [bad, GOOD]})
    update = run(model)
    assert update.actions[0].status == "done"
    assert_reask(model.calls[1], bad, "There is no action 3", "missing: 0")


def test_dropped_without_a_reason_is_rejected() -> None:
    bad = json.dumps(answer(actions=[{"index": 0, "status": "dropped", "evidence": "", "reason": None}]))
    model = ScriptedChatModel(script={"report_back_update": [bad, GOOD]})
    run(model)
    assert_reask(model.calls[1], bad, "action 0 is dropped, so give the reason it was dropped")
    with pytest.raises(InputError, match="Action 1 is dropped: give the reason"):
        action_progress(0, "dropped")
    with pytest.raises(InputError, match="'finished' is not a status"):
        action_progress(0, "finished")
    assert action_progress(0, "dropped", reason="the gate covers it").reason == "the gate covers it"


def test_a_past_next_check_in_is_reasked() -> None:
    bad = json.dumps(answer(next_checkin="2026-12-04"))
    model = ScriptedChatModel(script={"report_back_update": [bad, GOOD]})
    run(model)
    assert_reask(model.calls[1], bad, "The next check-in (2026-12-04) is not after today (2026-12-04). Pick a date")
    assert str(model.calls[1]["messages"][-1].content).count("not after today") == 1  # one reporter: PRG_NO_NEXT


def test_the_validator_catches_a_hidden_slip_and_the_honest_answer_passes() -> None:
    draft = sample_draft(plan=[sample_draft().plan[0], RUNBOOK])
    notes = "added the CI gate on wednesday, it blocked a test deploy\nrunbook: only an outline so far"
    gate = {"index": 0, "status": "done", "evidence": "It blocked a test deploy.", "reason": None}
    runbook = {"index": 1, "status": "in_progress", "evidence": "An outline.", "reason": None}
    glossed = json.dumps(answer(actions=[gate, runbook]))
    honest = answer(
        actions=[gate, runbook],
        body=GOOD["body"].replace(" I'll", " The rollback runbook is late: only an outline is written. I'll"),
    )
    model = ScriptedChatModel(script={"report_back_update": [glossed, honest]})
    update = run(model, notes, draft=draft)
    assert_reask(model.calls[1], glossed, 'Action "Write a rollback runbook for payment..." is past its due')
    assert update.findings == [] and update.body.count("late") == 1


def test_an_ungrounded_claim_is_reasked_and_kept_as_unresolved_when_it_persists() -> None:
    bad = answer(body=GOOD["body"].replace("I added", "I trained the support team, and I added"))
    events: list[StepEvent] = []
    model = ScriptedChatModel(script={"report_back_update": bad})
    update = run(model, max_notes_chars=5000, listener=events.append)
    assert len(model.calls) == 2  # the re-ask did not reduce the problems: no third call
    assert update.body.startswith("Dana, a short update")
    assert [f.rule for f in update.findings] == ["PRG_UNGROUNDED"]
    assert update.unresolved and "progress notes don't mention" in update.unresolved[0]
    assert [e.kind for e in events if e.kind not in ("token", "attempt")] == ["start", "unresolved"]
    assert "Needs your attention" in progress_markdown(update)


def test_statuses_the_user_sets_override_the_models_reading() -> None:
    notes = "CI gate merged but not switched on yet"
    body = "Dana, the CI gate is merged but not switched on yet. I'll update you on 2026-12-18."
    said_done = answer(body=body)
    checklist = {"index": 1, "status": "not_started", "evidence": "", "reason": None}
    kept = answer(
        body=body,
        actions=[{"index": 0, "status": "in_progress", "evidence": "Merged.", "reason": None}, checklist],
    )
    model = ScriptedChatModel(script={"report_back_update": [said_done, kept]})
    update = run(model, notes, statuses=[action_progress(0, "in_progress")])
    assert_reask(model.calls[1], json.dumps(said_done), "Action 0 is 'in_progress' (set by me or from my notes)")
    assert "status now: in progress (set by me, keep it)" in str(model.calls[0]["messages"][1].content)
    assert update.actions == [
        ActionProgress(index=0, status="in_progress", evidence="Merged.", reason=None),
        ActionProgress(index=1, status="not_started", evidence="", reason=None),
    ]


def test_the_users_status_wins_even_when_the_model_keeps_disagreeing() -> None:
    model = ScriptedChatModel(script={"report_back_update": GOOD})
    update = run(model, statuses=[action_progress(0, "in_progress", evidence="gate in review")])
    assert update.actions[0].status == "in_progress" and update.actions[0].evidence == "gate in review"
    assert update.unresolved and "PRG_STATUS_MISMATCH" in {f.rule for f in update.findings}


def test_previous_statuses_are_shown_to_the_model() -> None:
    model = ScriptedChatModel(script={"report_back_update": GOOD})
    run(model, previous=[action_progress(0, "in_progress", evidence="draft PR")])
    assert "status before: in progress;" in str(model.calls[0]["messages"][1].content)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"notes": "  \n"}, "The progress notes are empty"),
        ({"statuses": [action_progress(3, "done")]}, r"names action 4, but the plan has 2 action\(s\)"),
        ({"statuses": [action_progress(0, "done"), action_progress(0, "done")]}, "gives action 1 twice"),
        ({"draft": sample_draft(plan=[])}, "The draft has no plan actions"),
        ({"notes": "x" * 200, "max_notes_chars": 100}, "the limit is 100"),
    ],
)
def test_bad_input_is_an_input_error_before_any_model_call(kwargs: dict[str, Any], message: str) -> None:
    model = ScriptedChatModel(script={"report_back_update": GOOD})
    with pytest.raises(InputError, match=message):
        run(model, **kwargs)
    assert model.calls == []


def test_unparseable_output_after_the_reasks_is_an_output_validation_error() -> None:
    model = ScriptedChatModel(script={"report_back_update": "not JSON"})
    with pytest.raises(OutputValidationError) as info:
        run(model)
    assert (info.value.step, info.value.n_attempts) == ("report_back_update", 3)


def test_a_pipeline_brings_its_settings_and_can_skip_the_validator() -> None:
    bad = answer(body=GOOD["body"].replace("I added", "I trained the support team, and I added"))
    model = ScriptedChatModel(script={"report_back_update": bad})
    update = run(Pipeline(model, max_reasks=0, validate=False))
    assert len(model.calls) == 1 and update.findings == [] and update.unresolved == []


def test_progress_markdown_shows_statuses_the_update_and_the_next_check_in() -> None:
    update = run(ScriptedChatModel(script={"report_back_update": GOOD}))
    text = progress_markdown(update)
    assert "| Add a CI gate that blocks config deploys unless the staging tests passed | 2026-12-04 | done |" in text
    assert "| Write a pre-deploy checklist for payments config changes | 2026-12-11 | not started |" in text
    assert GOOD["body"] in text and "**Next check-in:** 2026-12-18" in text
    assert "> added the CI gate on wednesday" in text and "No problems found by the checks." in text


def test_a_placeholder_in_the_update_is_reasked_once() -> None:
    bad = answer(body=GOOD["body"].replace("I added", "[Name], I added"))
    model = ScriptedChatModel(script={"report_back_update": [bad, GOOD]})
    run(model)
    reask = str(model.calls[1]["messages"][-1].content)
    assert 'The message still has a placeholder. ("[Name]") Replace it with the real words, or remove it.' in reask
    assert reask.count("placeholder") == 1
