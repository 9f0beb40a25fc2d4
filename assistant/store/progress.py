"""Report back with progress, on a saved session: what the CLI's ``regain report-back`` and the UI's Report
back tab share.

:func:`update_basis` reads what a progress update starts from (the latest draft and the plan's
saved statuses); :func:`save_update` keeps the update and moves the actions' statuses in one go;
:func:`save_unfinished_update` keeps the progress notes when the model fails, so nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from assistant.domain.report_back import ActionProgress, ProgressUpdate, action_progress
from assistant.domain.schema import CheckIn, Draft
from assistant.store.store import Store


def update_basis(store: Store, session_id: str) -> tuple[Draft, list[ActionProgress]]:
    """The session's current draft and its actions' saved statuses (the starting point of an update)."""
    draft = store.load_version(session_id)
    previous = [action_progress(a.index, a.status, a.evidence or "", a.reason) for a in store.actions(session_id)]
    return draft, previous


def save_statuses(store: Store, session_id: str, entries: list[ActionProgress]) -> None:
    """Set the given actions' statuses (with their reason and evidence)."""
    for entry in entries:
        store.set_action_status(
            session_id, entry.index, entry.status, reason=entry.reason, evidence=entry.evidence or None
        )


def save_update(store: Store, session_id: str, update: ProgressUpdate) -> int:
    """Keep a drafted progress update and the statuses it reports; returns the update's id."""
    number = store.add_progress_update(session_id, update.progress_notes, update.model_dump(mode="json"))
    save_statuses(store, session_id, update.actions)
    return number


def save_unfinished_update(store: Store, session_id: str, progress_notes: str, error: BaseException) -> int:
    """Keep the progress notes of an update the model could not write, marked as not written."""
    record: dict[str, Any] = {"complete": False, "error": str(error)}
    return store.add_progress_update(session_id, progress_notes, record)


def planned_checkins(store: Store, session_id: str, *, after: dt.date | None = None) -> list[CheckIn]:
    """The session's check-ins: the draft's report-back dates and every next check-in promised in an update,
    one per date (the latest promise wins), optionally only those after ``after``."""
    by_date: dict[dt.date, CheckIn] = {c.date: c for c in store.load_version(session_id).report_back}
    for record in store.progress_updates(session_id):
        if record.update.get("complete") is False:
            continue
        update = ProgressUpdate.model_validate(record.update)
        entry = update.next_checkin_entry()
        by_date[entry.date] = entry
    dates = sorted(d for d in by_date if after is None or d > after)
    return [by_date[d] for d in dates]


def session_calendar(store: Store, session_id: str, *, after: dt.date | None = None) -> bytes:
    """The session's check-ins as an ``.ics`` file, with a reminder the day before each."""
    from assistant.output.calendar import checkins_ics

    draft = store.load_version(session_id)
    leader = draft.options.leader or draft.facts.leader_name
    return checkins_ics(planned_checkins(store, session_id, after=after), session_id=session_id, leader=leader)
