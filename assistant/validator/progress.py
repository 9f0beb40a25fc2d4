"""Checks a progress update: the PRG rules plus the general text rules that apply to any message.

The general rules are reused, with their findings relabelled to step ``report_back_update``:
placeholders, HTML, links and length (from the message rules), blame and excuses
(from the ownership rules), and numbers and names (from grounding, against the
progress notes, the original notes and the plan).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from assistant.domain.report_back import ActionProgress, ActionStatus, ProgressUpdate, UpdateOutput
from assistant.domain.schema import Message, PlanAction
from assistant.domain.step_inputs import StepInputs
from assistant.validator.checks import context_for
from assistant.validator.findings import Finding, Report
from assistant.validator.grounding import check_grounding
from assistant.validator.message import check_message
from assistant.validator.rules.ownership import check_ownership
from assistant.validator.rules.progress import check_progress

STEP = "report_back_update"
_MESSAGE_RULES = ("MSG_PLACEHOLDER", "MSG_HTML", "MSG_LINK", "MSG_LENGTH")
_OWNERSHIP_RULES = {"OWN_BLAME": "error", "OWN_EXCUSE": "warning"}
_GROUNDING_RULES = ("GND_NUMBER", "GND_NAME")  # claims of work done: PRG_UNGROUNDED


def _relabel(finding: Finding, **update: Any) -> Finding:
    return finding.model_copy(update={"step": STEP, **update})


def validate_progress(update: ProgressUpdate) -> Report:
    """Every finding on a progress update, PRG rules first."""
    plan_text = "\n".join(f"{a.action} {a.owner} {a.measure}" for a in update.plan)
    source = "\n".join((update.progress_notes, update.notes, plan_text))
    ctx = context_for(notes=source, facts=None, today=update.today, leader=update.leader)
    message = Message(channel="email", subject=update.subject, body=update.body)
    findings = check_progress(update)
    findings += [_relabel(f) for f in check_message(message, ctx) if f.rule in _MESSAGE_RULES]
    findings += [
        _relabel(f, severity=_OWNERSHIP_RULES[f.rule])
        for f in check_ownership(update.body, ctx)
        if f.rule in _OWNERSHIP_RULES
    ]
    dates = [update.today, update.next_checkin, *(a.due for a in update.plan)]
    findings += [
        _relabel(f) for f in check_grounding(update.body, STEP, ctx, dates=dates) if f.rule in _GROUNDING_RULES
    ]
    return Report(findings=findings)


def apply_statuses(
    actions: list[ActionProgress],
    fixed: dict[int, ActionProgress],
    plan_size: int,
    previous: dict[int, ActionProgress] | None = None,
) -> list[ActionProgress]:
    """One status per plan action, in order: the user's explicit ones over the model's, then the
    previous ones, then not started."""
    by_index = {**(previous or {}), **{a.index: a for a in actions}}
    for index, given in fixed.items():
        model_said = by_index.get(index)
        evidence = given.evidence or (model_said.evidence if model_said else "")
        by_index[index] = given.model_copy(update={"evidence": evidence})
    default = ActionProgress(index=0, status="not_started", evidence="", reason=None)
    return [by_index.get(i) or default.model_copy(update={"index": i}) for i in range(plan_size)]


def provisional_update(output: UpdateOutput, inputs: StepInputs) -> ProgressUpdate:
    """The update a fresh model output would make, for checking it before it is accepted."""
    plan: list[PlanAction] = inputs.plan
    fixed: dict[int, ActionProgress] = inputs.fixed_progress
    today: dt.date = inputs.today
    return ProgressUpdate(
        today=today,
        progress_notes=inputs.notes,
        notes=inputs.original_notes,
        leader=inputs.leader,
        plan=plan,
        actions=apply_statuses(output.actions, fixed, len(plan), inputs.previous_progress),
        subject=output.subject,
        body=output.body,
        next_checkin=output.next_checkin,
    )


def progress_problems(output: UpdateOutput, inputs: StepInputs) -> list[str]:
    """Errors for a fresh report-back update, in plain words, for a re-ask (warnings are left to the user). The
    step's own check leaves the next check-in's date and the message's placeholders to these rules."""
    report = validate_progress(provisional_update(output, inputs))
    return [f.plain() for f in report.findings if f.severity == "error"]


def fixed_statuses(fixed: dict[int, ActionProgress]) -> dict[int, ActionStatus]:
    """The statuses alone, as the chain's structural check wants them."""
    return {i: a.status for i, a in fixed.items()}
