"""Report back with progress: progress notes + a draft's plan -> statuses and an update to the leader.

``areport_back_update`` cleans the progress notes, runs the ``report_back_update`` chain (re-asking on
structural problems and on the validator's errors), puts the statuses the user set
over the model's reading of the notes, and returns a checked :class:`ProgressUpdate`.
It stores nothing: the caller (CLI, UI) keeps the result.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import RunnableConfig

from assistant.chains._step import FormatState
from assistant.chains.report_back_update import build_update_chain
from assistant.domain.errors import InputError, OutputValidationError
from assistant.domain.notes import clean_notes
from assistant.domain.report_back import ActionProgress, ProgressUpdate, UpdateOutput, action_progress
from assistant.domain.report_back_reading import Reading, read_progress
from assistant.domain.schema import CheckIn, Draft
from assistant.validator.progress import apply_statuses, progress_problems, validate_progress
from assistant.workflows.draft import Pipeline
from assistant.workflows.events import Listener, StepEvent, StepTracker
from assistant.workflows.step_inputs import update_inputs

STEP = "report_back_update"


def _by_index(statuses: Sequence[ActionProgress] | None, plan_size: int, what: str) -> dict[int, ActionProgress]:
    out: dict[int, ActionProgress] = {}
    for entry in statuses or ():
        if entry.index >= plan_size:
            raise InputError(
                f"{what} names action {entry.index + 1}, but the plan has {plan_size} action(s); "
                "give statuses only for the plan's actions."
            )
        if entry.index in out:
            raise InputError(f"{what} gives action {entry.index + 1} twice; give each action once.")
        out[entry.index] = entry
    return out


def notes_statuses(readings: Mapping[int, Reading], before: dict[int, ActionProgress]) -> dict[int, ActionProgress]:
    """Statuses that a line of the progress notes clearly gives (:mod:`assistant.domain.report_back_reading`), so the
    model only has to write the update; a line that reads as not done never takes back earlier progress."""
    out: dict[int, ActionProgress] = {}
    for index, reading in readings.items():
        earlier = before.get(index)
        if reading.status == "not_started" and earlier is not None and earlier.status != "not_started":
            continue
        out[index] = action_progress(index, reading.status)  # evidence: the model's, else the line (below)
    return out


def _with_note_lines(
    actions: list[ActionProgress], inferred: Collection[int], readings: Mapping[int, Reading]
) -> list[ActionProgress]:
    """Actions whose status came from a note line get that line as evidence when the model gave none."""
    return [
        a.model_copy(update={"evidence": readings[a.index].line[:300]})
        if a.index in inferred and not a.evidence.strip()
        else a
        for a in actions
    ]


async def areport_back_update(
    model_or_pipeline: BaseChatModel | Pipeline,
    draft: Draft,
    statuses: Sequence[ActionProgress] | None,
    progress_notes: str,
    today: dt.date | None = None,
    *,
    previous: Sequence[ActionProgress] | None = None,
    checkins: Sequence[CheckIn] | None = None,
    max_notes_chars: int = 20_000,
    listener: Listener | None = None,
) -> ProgressUpdate:
    """Write a progress update on ``draft``'s plan from short progress notes.

    ``statuses`` are the statuses the user set for this update (e.g. in the Report back
    tab): they override what the model reads from the notes. ``previous`` are the
    statuses before it (e.g. from the store), shown to the model as the starting
    point. ``checkins`` default to the draft's report-back step.
    """
    if isinstance(model_or_pipeline, Pipeline):
        model, max_reasks = model_or_pipeline.model, model_or_pipeline.max_reasks
        mode, validate = model_or_pipeline.structured_output, model_or_pipeline.validate
    else:
        model, max_reasks, mode, validate = model_or_pipeline, 2, "auto", True
    today = today or dt.date.today()
    if not draft.plan:
        raise InputError("The draft has no plan actions to report on; draft or refine the plan first.")
    if not progress_notes.strip():
        raise InputError(
            "The progress notes are empty: write a few lines on what you did since the plan "
            "(what is done, started, late or dropped)."
        )
    notes = clean_notes(progress_notes, max_chars=max_notes_chars)
    by_user = _by_index(statuses, len(draft.plan), "The statuses you set")
    # previous statuses (e.g. from the store) beyond the current plan are stale, not the user's mistake
    before = _by_index(
        [p for p in previous or () if p.index < len(draft.plan)], len(draft.plan), "The previous statuses"
    )
    readings = read_progress(draft.plan, notes)
    from_notes = notes_statuses(readings, before)
    fixed = {**from_notes, **by_user}
    inputs = update_inputs(
        draft, notes, today, fixed=fixed, previous=before, checkins=draft.report_back if checkins is None else checkins,
        readings=readings, by_user=set(by_user),
    )  # fmt: skip
    chain = build_update_chain(
        model,
        max_reasks=max_reasks,
        format_state=FormatState(mode=mode),
        extra_check=progress_problems if validate else None,
    )
    tracker = StepTracker(listener)
    config: RunnableConfig = {"callbacks": [tracker]}
    unresolved: list[str] = []
    tracker.emit(StepEvent("start", STEP))
    try:
        output: UpdateOutput = await chain.ainvoke(inputs, config=config)
    except OutputValidationError as exc:
        if exc.last_parsed is None:
            tracker.emit(StepEvent("failed", STEP, tokens=tracker.tokens.get(STEP, 0)))
            raise
        output, unresolved = exc.last_parsed, exc.problems
        tracker.emit(StepEvent("unresolved", STEP, tokens=tracker.tokens.get(STEP, 0), text="; ".join(unresolved)))
    else:
        tracker.emit(StepEvent("done", STEP, tokens=tracker.tokens.get(STEP, 0)))
    update = ProgressUpdate(
        today=today,
        progress_notes=notes,
        notes=draft.notes,
        leader=inputs.leader,
        plan=draft.plan,
        actions=_with_note_lines(
            apply_statuses(output.actions, fixed, len(draft.plan), before), set(from_notes) - set(by_user), readings
        ),
        subject=output.subject.strip(),
        body=output.body.strip(),
        next_checkin=output.next_checkin,
        model=str(getattr(model, "model_name", "") or type(model).__name__),
        usage=tracker.usage,
        unresolved=unresolved,
    )
    if not validate:
        return update
    return update.model_copy(update={"findings": validate_progress(update).findings})


def report_back_update(*args: Any, **kwargs: Any) -> ProgressUpdate:
    """Synchronous :func:`areport_back_update`."""
    return asyncio.run(areport_back_update(*args, **kwargs))
