"""Step 6, report back with progress: the check-ins, settled by the program from the plan.

Nothing here needs a model: a check-in falls on the working day after a due date, reports
the actions due by then, and says what the leader will see (each action's measure). So the
check-ins are distinct, never before what they report, and never claim work not yet done.
"""

from __future__ import annotations

from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from assistant.domain.schema import CheckIn, PlanAction, ReportBackOutput
from assistant.domain.settle import checkin_dates, lower_first
from assistant.domain.step_inputs import StepInputs


def checkin_report(actions: list[PlanAction]) -> str:
    """What one check-in will show: each action due by then and its measure."""
    parts = [
        f"{a.action.strip().rstrip('.')} – what you'll see: {lower_first(a.measure.strip().rstrip('.'))}"
        for a in actions
    ]
    return ("Progress on: " + "; ".join(parts) + ".")[:300]


def report_back(plan: list[PlanAction]) -> ReportBackOutput:
    """Dated check-ins for a plan, earliest first (at most three)."""
    checkins = [
        CheckIn(date=day, report=checkin_report([plan[i] for i in items]))
        for day, items in checkin_dates([a.due for a in plan])
    ]
    return ReportBackOutput(checkins=checkins)


def build_report_back_chain(**_: Any) -> Runnable[StepInputs, ReportBackOutput]:
    """Runnable taking the plan (``inputs.plan``) and returning :class:`ReportBackOutput` (no model call)."""

    def run(inputs: StepInputs) -> ReportBackOutput:
        return report_back(inputs.plan)

    return RunnableLambda(run, name="report_back").with_config(run_name="report_back", tags=["step:report_back"])
