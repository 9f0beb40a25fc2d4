"""What one step chain is given: the values the program settled, typed, and the texts its prompt declares.

Every step gets a :class:`StepInputs`, built in one place (:mod:`assistant.workflows.step_inputs`). A chain's checks
read the typed values (``inputs.today``, ``inputs.facts``, ``inputs.plan``); its prompt gets
:meth:`StepInputs.prompt_variables`: the notes and the texts, each a variable some prompt file declares.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain.report_back import ActionProgress, ActionStatus
from assistant.domain.schema import Channel, CheckIn, Facts, Length, PlanAction


class StepInputs(BaseModel):
    """The inputs of one step: typed values for the program, texts for the prompt."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    notes: str = ""
    """The notes the step is about: the incident's notes, or the progress notes when reporting back."""
    today: dt.date
    leader: str | None = None
    """The leader the user named (``--leader``) or the notes name, when known."""
    facts: Facts | None = None
    """What intake settled (None for intake itself and for the pain, which is written first)."""
    lessons: list[str] = Field(default_factory=list)
    plan: list[PlanAction] = Field(default_factory=list)
    report_back: list[CheckIn] = Field(default_factory=list)
    channel: Channel = "email"
    length: Length = "medium"
    request: str = ""
    """A refine request, in the user's words."""
    harm: str = ""
    """The harm the program found in the notes, as the regret says it (the pain step's checks and stand-in)."""
    original_notes: str = ""
    """When reporting back: the incident's notes (``notes`` are the progress notes)."""
    fixed_statuses: dict[int, ActionStatus] = Field(default_factory=dict)
    """When reporting back: the statuses the user or the progress notes settled, by action index."""
    fixed_progress: dict[int, ActionProgress] = Field(default_factory=dict)
    previous_progress: dict[int, ActionProgress] = Field(default_factory=dict)
    texts: dict[str, str] = Field(default_factory=dict)
    """The prompt's variables besides the notes ("today", "leader", "act", "impact" …), as text."""

    def text(self, name: str) -> str:
        """The prompt text ``name``, or "" when this step has none."""
        return self.texts.get(name, "")

    def with_texts(self, texts: Mapping[str, str] | None = None, **more: str) -> StepInputs:
        """These inputs with more (or other) prompt texts."""
        return self.model_copy(update={"texts": {**self.texts, **(texts or {}), **more}})

    def prompt_variables(self) -> dict[str, str]:
        """What the prompt template is filled with: the notes and the texts."""
        return {**self.texts, "notes": self.notes}
