"""Conversions between database rows and the store's records, and the small rules they share."""

from __future__ import annotations

import datetime as dt
from typing import Any

from assistant.domain.records import ActionState, VersionInfo
from assistant.store.models import ActionRow, SessionRow, VersionRow


def utc_now() -> dt.datetime:
    """The current time in UTC."""
    return dt.datetime.now(dt.UTC)


def utc(value: dt.datetime) -> dt.datetime:
    """Datetimes come back naive from SQLite and aware from PostgreSQL; both are UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def action_key(text: str) -> str:
    return " ".join(text.lower().split())


def session_title(row: SessionRow) -> str:
    if row.title:
        return row.title
    if row.facts and row.facts.get("what_happened"):
        return str(row.facts["what_happened"])[:80]
    first = next((line.strip() for line in row.notes.splitlines() if line.strip()), "")
    return first[:80] or "(no notes)"


def count_errors(findings: list[Any]) -> int:
    return sum(1 for f in findings if isinstance(f, dict) and f.get("severity") == "error")


def version_info(row: VersionRow) -> VersionInfo:
    return VersionInfo(
        number=row.number,
        source=row.source,
        summary=row.summary,
        created_at=utc(row.created_at),
        complete=row.complete,
        n_errors=count_errors(row.findings),
    )


def action_state(row: ActionRow) -> ActionState:
    return ActionState(
        index=row.index,
        action=row.action,
        owner=row.owner,
        due=row.due,
        measure=row.measure,
        status=row.status,
        reason=row.reason,
        evidence=row.evidence,
        updated_at=utc(row.updated_at),
    )
