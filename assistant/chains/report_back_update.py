"""Step 6 continued: a progress update to the leader, weeks after the draft (``prompts/checkin.md``).

The progress notes go in the shared ``<notes>`` block (they are this step's user
data); the plan, its statuses and the promised check-ins follow in the task part.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping, Sequence

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable

from assistant.chains._step import Check, FormatState, build_step_chain
from assistant.domain.report_back import STATUS_LABELS, ActionProgress, ActionStatus, UpdateOutput
from assistant.domain.report_back_reading import Reading, reading_text
from assistant.domain.schema import PlanAction
from assistant.domain.step_inputs import StepInputs
from assistant.domain.text_checks import not_blank, placeholders


def progress_plan_text(
    plan: Sequence[PlanAction],
    before: Mapping[int, ActionProgress],
    fixed: Mapping[int, ActionStatus],
    today: dt.date,
    *,
    readings: Mapping[int, Reading] | None = None,
    by_user: Collection[int] | None = None,
) -> str:
    """One line per action: number, text, due date, status before the notes, whether it is late, and what the
    progress notes seem to say about it (``readings``, from :func:`assistant.domain.report_back_reading.read_progress`).
    A fixed status is marked "set by me" when the user set it (``by_user``; all fixed ones when None), else
    "from my notes"."""
    lines = []
    for i, action in enumerate(plan):
        earlier = before[i].status if i in before else "not_started"
        status = fixed.get(i) or earlier
        label = f"status before: {STATUS_LABELS[earlier]}"
        if i in fixed:
            who = "set by me" if by_user is None or i in by_user else "from my notes"
            label += f"; status now: {STATUS_LABELS[status]} ({who}, keep it)"
        elif readings is not None:
            label += f"; {reading_text(readings.get(i))}"
        late = "; LATE, past due" if action.due < today and status in ("not_started", "in_progress") else ""
        lines.append(f"{i}. {action.action} (due {action.due.isoformat()}; {label}{late})")
    return "\n".join(lines)


_DROP_WORDS = re.compile(
    r"\b(?:drop(?:ped|ping)?|cancel(?:l?ed)?|abandon(?:ed)?|scrap(?:ped)?|replac(?:ed|ing)|won'?t|"
    r"will not|not doing|no longer|stopp?(?:ed)?|instead)\b",
    re.IGNORECASE,
)


def update_problems(output: UpdateOutput, inputs: StepInputs) -> list[str]:
    """One status per existing action, statuses I set kept, no placeholders in what it says of them. The next
    check-in's date and the message's placeholders are the validator's (``PRG_NO_NEXT``, ``MSG_PLACEHOLDER``)."""
    plan: Sequence[PlanAction] = inputs.plan
    fixed: Mapping[int, ActionStatus] = inputs.fixed_statuses
    problems: list[str] = []
    seen: set[int] = set()
    for entry in output.actions:
        if entry.index >= len(plan):
            problems.append(f"There is no action {entry.index}; the actions are numbered 0 to {len(plan) - 1}.")
        elif entry.index in seen:
            problems.append(f"Action {entry.index} is listed twice; give each action once.")
        elif entry.index in fixed and entry.status != fixed[entry.index]:
            problems.append(
                f"Action {entry.index} is '{fixed[entry.index]}' (set by me or from my notes); keep that status."
            )
        elif entry.status == "dropped" and entry.index not in fixed and not _DROP_WORDS.search(inputs.notes):
            problems.append(
                f"Action {entry.index} is marked dropped, but my progress notes do not say anything was dropped; "
                "give it the status the notes support (late actions stay not_started or in_progress)."
            )
        seen.add(entry.index)
        problems += placeholders(f"{entry.evidence} {entry.reason or ''}")
    missing = [i for i in range(len(plan)) if i not in seen]
    if missing:
        problems.append(f"Give a status for every action; missing: {', '.join(str(i) for i in missing)}.")
    problems += not_blank("subject", output.subject) + not_blank("body", output.body)
    return problems


def build_update_chain(
    model: BaseChatModel,
    *,
    max_reasks: int = 2,
    format_state: FormatState | None = None,
    extra_check: Check | None = None,
) -> Runnable[StepInputs, UpdateOutput]:
    """Runnable taking the report-back inputs (:func:`assistant.workflows.step_inputs.update_inputs`) and returning
    :class:`UpdateOutput`.

    ``inputs.notes`` are the progress notes; ``inputs.fixed_statuses`` maps action numbers to the
    statuses the user set, which the model must keep.
    """
    return build_step_chain(
        "report_back_update",
        model,
        UpdateOutput,
        max_reasks=max_reasks,
        checks=[update_problems, extra_check],
        format_state=format_state,
    )
