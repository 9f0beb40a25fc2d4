"""A draft being written, saved step by step: what an interrupted draft is resumed from.

The notes, the options and the date are saved before the model starts; each step's output (as the draft
uses it, with any problems it was kept with) is added the moment the step finishes. ``regain draft
--resume ID`` runs only the steps the checkpoint does not hold, on the same notes, options and date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from assistant.domain.schema import (
    DraftOptions,
    Facts,
    LessonsOutput,
    OwnershipOutput,
    PainOutput,
    PlanOutput,
    PositiveOutput,
    ReportBackOutput,
)

STEP_OUTPUTS: dict[str, type[BaseModel]] = {
    "intake": Facts,
    "pain": PainOutput,
    "ownership": OwnershipOutput,
    "lessons": LessonsOutput,
    "plan": PlanOutput,
    "positive": PositiveOutput,
    "report_back": ReportBackOutput,
}
"""The output type of each step a checkpoint can hold (the message is assembled again, never saved here)."""


class SavedStep(BaseModel):
    """One finished step of a checkpoint."""

    output: dict[str, Any] = Field(description="The step's output as JSON (its type: STEP_OUTPUTS[step]).")
    unresolved: list[str] = Field(
        default_factory=list, description="Problems the output was kept with after its re-asks ([] when clean)."
    )


class DraftCheckpoint(BaseModel):
    """What an interrupted draft is resumed from: its notes, options, date and the steps already written."""

    notes: str = Field(description="The notes, as given.")
    today: dt.date = Field(description="The date the draft plans from; a resumed draft keeps it.")
    options: DraftOptions = Field(default_factory=DraftOptions, description="Message options.")
    steps: dict[str, SavedStep] = Field(default_factory=dict, description="The finished steps, by name.")

    def outputs(self) -> dict[str, tuple[BaseModel, list[str]]]:
        """Each saved step's typed output with its unresolved problems; steps this version does not know are
        left out (they are written again)."""
        return {
            name: (STEP_OUTPUTS[name].model_validate(saved.output), list(saved.unresolved))
            for name, saved in self.steps.items()
            if name in STEP_OUTPUTS
        }
