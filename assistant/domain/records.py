"""What the store hands back: small pydantic records, never ORM rows."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, get_args

from pydantic import BaseModel, Field

from assistant.domain.report_back import ActionStatus
from assistant.domain.schema import DraftOptions, Facts

Source = Literal["generated", "edited", "refined", "restored", "checkin"]
Status = ActionStatus
SOURCES: tuple[Source, ...] = get_args(Source)
"""Who made a version; "checkin" is the stored name of a report-back update (kept for saved data)."""
STATUSES: tuple[ActionStatus, ...] = get_args(ActionStatus)


class VersionInfo(BaseModel):
    """One saved version of a session, without the draft itself."""

    number: int = Field(description="Version number, from 1.")
    source: str = Field(description="Who made it: generated, edited, refined, restored or checkin.")
    summary: str = Field(default="", description="What changed, in a few words.")
    created_at: dt.datetime = Field(description="When it was saved (UTC).")
    complete: bool = Field(description="False for a partial draft saved after a failure.")
    n_errors: int = Field(description="Error findings of the validator on this version.")


class ActionState(BaseModel):
    """A plan action and how far it has got."""

    index: int = Field(description="Position in the plan, from 0.")
    action: str = Field(description="What will be done.")
    owner: str = Field(description="Who does it.")
    due: dt.date | None = Field(default=None, description="Due date.")
    measure: str = Field(description="How anyone can see it is done.")
    status: str = Field(description="not_started, in_progress, done or dropped.")
    reason: str | None = Field(default=None, description="Why it was dropped (required for dropped).")
    evidence: str | None = Field(default=None, description="Notes showing progress or completion.")
    updated_at: dt.datetime = Field(description="When the status last changed (UTC).")


class ProgressRecord(BaseModel):
    """A saved progress update (report back)."""

    id: int = Field(description="Database id of the update.")
    created_at: dt.datetime = Field(description="When it was saved (UTC).")
    notes: str = Field(description="The user's progress notes.")
    update: dict[str, Any] = Field(description="The drafted progress update, as JSON.")
    version: int | None = Field(default=None, description="The session's latest version when it was saved.")


class SessionSummary(BaseModel):
    """One line of `regain sessions list`."""

    id: str = Field(description="Session id, e.g. s-7f3a9c.")
    title: str = Field(description="The session's title, or what happened.")
    created_at: dt.datetime = Field(description="When it was created (UTC).")
    updated_at: dt.datetime = Field(description="When it last changed (UTC).")
    n_versions: int = Field(description="How many versions it has.")
    latest_source: str | None = Field(default=None, description="Source of the latest version, None if none yet.")


class SessionRecord(BaseModel):
    """Everything about a session except the drafts' full text."""

    id: str = Field(description="Session id.")
    title: str = Field(description="The session's title, or what happened.")
    notes: str = Field(description="The user's notes (of the latest version).")
    options: DraftOptions = Field(description="Message options.")
    facts: Facts | None = Field(default=None, description="Facts of the latest version, None before the first draft.")
    created_at: dt.datetime = Field(description="When it was created (UTC).")
    updated_at: dt.datetime = Field(description="When it last changed (UTC).")
    chosen_version: int | None = Field(default=None, description="The version whose message the user chose.")
    versions: list[VersionInfo] = Field(default_factory=list, description="Every version, oldest first.")
    actions: list[ActionState] = Field(default_factory=list, description="Plan actions of the latest version.")
