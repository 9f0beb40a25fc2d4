"""Typed outputs of step 6 continued: progress on the plan and the progress update to the leader.

:class:`UpdateOutput` is what the ``report_back_update`` chain asks the model for;
:class:`ProgressUpdate` is what :func:`assistant.workflows.report_back.areport_back_update` returns. The
store keeps one :class:`ActionProgress` per plan action.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, model_validator

from assistant.domain.errors import InputError
from assistant.domain.schema import CheckIn, Finding, PlanAction, StepUsage, _Strict

ActionStatus = Literal["not_started", "in_progress", "done", "dropped"]

STATUS_LABELS: dict[str, str] = {
    "not_started": "not started",
    "in_progress": "in progress",
    "done": "done",
    "dropped": "dropped",
}


class ActionProgress(_Strict):
    """Where one plan action stands."""

    index: int = Field(ge=0, description="The plan action's number, counting from 0.")
    status: ActionStatus = Field(description="not_started, in_progress, done or dropped.")
    evidence: str = Field(
        max_length=300, description="What the progress notes say was done or shown; empty if they say nothing."
    )
    reason: str | None = Field(max_length=300, description="Why the action was dropped; null unless dropped.")

    @model_validator(mode="after")
    def _dropped_needs_a_reason(self) -> ActionProgress:
        if self.status == "dropped" and not (self.reason or "").strip():
            raise ValueError(f"action {self.index} is dropped, so give the reason it was dropped")
        return self


class UpdateOutput(_Strict):
    """The progress update the model writes: every action's status, and the message."""

    actions: list[ActionProgress] = Field(
        min_length=1, max_length=8, description="One entry per plan action, in plan order."
    )
    subject: str = Field(max_length=120, description="A short, plain subject line.")
    body: str = Field(max_length=2000, description="The progress update to the leader, plain text, ready to send.")
    next_checkin: dt.date = Field(description="Date of the next check-in, YYYY-MM-DD, after today.")


class ProgressUpdate(BaseModel):
    """A progress update on a recovery plan: the statuses after it, the message, and its checks."""

    today: dt.date = Field(description="The date the update was written for.")
    progress_notes: str = Field(description="The user's progress notes, as cleaned.")
    notes: str = Field(default="", description="The original notes about the mistake (for grounding).")
    leader: str | None = Field(default=None, description="The leader the update is written to, if known.")
    plan: list[PlanAction] = Field(default_factory=list, description="The plan the update reports on.")
    actions: list[ActionProgress] = Field(description="Every plan action's status after this update.")
    subject: str = Field(description="Subject line of the update.")
    body: str = Field(description="The progress update to the leader, plain text.")
    next_checkin: dt.date = Field(description="Date of the next check-in.")
    model: str = Field(default="", description="The model that wrote the update.")
    usage: dict[str, StepUsage] = Field(default_factory=dict, description="Token use of the report_back_update step.")
    findings: list[Finding] = Field(default_factory=list, description="The validator's findings on this update.")
    unresolved: list[str] = Field(
        default_factory=list,
        description="Problems the update still had after its re-asks: the last version is kept, marked as not passing.",
    )

    def next_checkin_entry(self) -> CheckIn:
        """The next check-in as a :class:`~assistant.domain.schema.CheckIn` (for the calendar and the store)."""
        pending = [
            self.plan[a.index].action
            for a in self.actions
            if a.status in ("not_started", "in_progress") and a.index < len(self.plan)
        ]
        report = "Progress on: " + "; ".join(pending) if pending else "Results of the finished plan."
        return CheckIn(date=self.next_checkin, report=report[:300])


def action_progress(index: int, status: str, evidence: str = "", reason: str | None = None) -> ActionProgress:
    """An :class:`ActionProgress` from user input; bad input is an :class:`InputError`, not a traceback."""
    try:
        return ActionProgress(index=index, status=status, evidence=evidence, reason=reason)  # type: ignore[arg-type]
    except ValidationError as exc:
        problem = exc.errors()[0]
        if problem["type"] == "value_error":
            raise InputError(f"Action {index + 1} is dropped: give the reason it was dropped.") from exc
        if problem["loc"] == ("status",):
            raise InputError(f"'{status}' is not a status; use not_started, in_progress, done or dropped.") from exc
        raise InputError(f"Action {index + 1}: {problem['msg']}.") from exc
