"""Refine a draft from a chat request: run the refine chain, apply the changed parts, re-validate.

When the request changes the parts but the model leaves the message alone, the
message is composed again from the new parts so the two stay consistent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from langchain_core.runnables import RunnableConfig

from assistant.budget import CallBudget, with_budget
from assistant.chains._step import FormatState
from assistant.chains.refine import build_refine_chain, grounded_facts, notes_with_facts, refine_inputs
from assistant.errors import InputError, OutputValidationError
from assistant.pipeline import Pipeline, acompose
from assistant.progress import Listener, ProgressEvent, StepTracker
from assistant.schema import Draft, Message, RefineOutput
from assistant.validator.checks import check_step, context_for, reask_findings, validate_draft
from ui.sections import section_changes

PARTS = ("pain", "ownership", "lessons", "plan", "positive", "report_back")
MAX_REQUEST_CHARS = 2_000


@dataclass
class Refinement:
    """The refined draft, the model's reply, and what changed."""

    draft: Draft
    reply: str
    changes: list[tuple[str, str, str]]
    added_facts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def refinement_problems(out: RefineOutput, inputs: dict[str, Any]) -> list[str]:
    """Validator errors in the parts a refinement changes, in plain words, for a re-ask."""
    notes = notes_with_facts(inputs["notes"], grounded_facts(out.new_facts, inputs["request"]))
    ctx = context_for(
        notes=notes, facts=inputs["facts_model"], today=inputs["today_date"], leader=inputs["leader_override"]
    )
    plan = out.plan if out.plan is not None else inputs["plan_model"]
    found = []
    for step in PARTS:
        value = getattr(out, step)
        if value is not None:
            found += check_step(step, value, ctx, plan=plan)
    if out.body is not None:
        message = Message(channel=inputs["channel_key"], subject=out.subject or "", body=out.body)
        checkins = out.report_back if out.report_back is not None else inputs.get("report_back_model") or []
        found += check_step("message", message, ctx, plan=plan, checkin_dates=[c.date for c in checkins])
    return [f.plain() for f in reask_findings(found, notes) if f.severity == "error"]


def apply_refinement(draft: Draft, out: RefineOutput, request: str) -> tuple[Draft, list[str]]:
    """The draft with the refinement's changed parts, and the facts from the request added to the notes."""
    update: dict[str, Any] = {}
    for step in PARTS:
        value = getattr(out, step)
        if value is None:
            continue
        if isinstance(value, str):
            value = value.strip()
        elif step == "lessons":
            value = [lesson.strip() for lesson in value]
        if value != getattr(draft, step):
            update[step] = value
    if out.subject is not None or out.body is not None:
        subject = (out.subject if out.subject is not None else draft.message.subject).strip()
        body = (out.body if out.body is not None else draft.message.body).strip()
        if (subject, body) != (draft.message.subject, draft.message.body):
            update["message"] = Message(channel=draft.message.channel, subject=subject, body=body)
    facts = grounded_facts(out.new_facts, request)
    notes = notes_with_facts(draft.notes, facts)
    if notes != draft.notes:
        update["notes"] = notes
    return draft.model_copy(update=update), facts


async def arefine(
    draft: Draft,
    request: str,
    pipeline: Pipeline,
    *,
    listener: Listener | None = None,
    budget: CallBudget | None = None,
) -> Refinement:
    """Change ``draft`` as ``request`` asks, with one model call (two if the message must be rewritten).

    ``budget`` caps the model calls (default: a new one of ``pipeline.max_calls``).
    """
    request = request.strip()
    if not request:
        raise InputError("Write what you would like to change, for example 'make it shorter'.")
    if len(request) > MAX_REQUEST_CHARS:
        raise InputError(f"The request is {len(request):,} characters; keep it under {MAX_REQUEST_CHARS:,}.")
    chain = build_refine_chain(
        pipeline.model,
        max_reasks=pipeline.max_reasks,
        format_state=FormatState(mode=pipeline.structured_output),
        extra_check=refinement_problems if pipeline.validate else None,
    )
    tracker = StepTracker(listener)
    budget = budget if budget is not None else CallBudget(pipeline.max_calls)
    config: RunnableConfig = with_budget({"callbacks": [tracker]}, budget)
    tracker.emit(ProgressEvent("start", "refine"))
    problems: list[str] = []
    try:
        out = await chain.ainvoke(refine_inputs(draft, request), config=config)
    except OutputValidationError as exc:
        if not isinstance(exc.last_parsed, RefineOutput):
            tracker.emit(ProgressEvent("failed", "refine", tokens=tracker.tokens.get("refine", 0)))
            raise
        out, problems = exc.last_parsed, exc.problems
    except BaseException:
        tracker.emit(ProgressEvent("failed", "refine", tokens=tracker.tokens.get("refine", 0)))
        raise
    tracker.emit(ProgressEvent("done", "refine", tokens=tracker.tokens.get("refine", 0)))
    updated, facts = apply_refinement(draft, out, request)
    parts_changed = any(getattr(updated, step) != getattr(draft, step) for step in PARTS)
    if parts_changed and updated.message == draft.message:
        updated = await acompose(updated, pipeline, updated.options, listener=listener, budget=budget)
    updated = updated.model_copy(update={"usage": {**updated.usage, **tracker.usage}})
    if pipeline.validate:  # the findings belong to the refined text, not to the draft before it
        updated = updated.model_copy(update={"findings": validate_draft(updated).findings})
    return Refinement(
        draft=updated,
        reply=out.reply.strip(),
        changes=section_changes(draft, updated),
        added_facts=facts,
        problems=problems,
    )
