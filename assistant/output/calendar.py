"""Check-in dates as an iCalendar (``.ics``) file, so the user's calendar reminds them to report back.

Each check-in is one all-day event with a reminder at 09:00 the day before. UIDs are
derived from the session id and the date, so exporting again updates the events
instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from icalendar import Alarm, Calendar, Event
from icalendar.enums import TRANSP

from assistant.domain.report_back import ProgressUpdate
from assistant.domain.schema import CheckIn

PRODID = "-//Regain//Check-ins//EN"
_NAMESPACE = uuid.UUID("6f1f5a8e-3c1b-4c55-9a57-2d3e0c0b7a11")
REMINDER = dt.timedelta(hours=-15)  # all-day events start at midnight: 09:00 the day before


def checkin_uid(date: dt.date, session_id: str | None = None, report: str = "") -> str:
    """A stable UID for a check-in: from the session id and date, or from the date and report without a session."""
    key = f"{session_id}|{date.isoformat()}" if session_id else f"-|{date.isoformat()}|{report}"
    return f"{uuid.uuid5(_NAMESPACE, key)}@regain"


def _summary(title_prefix: str, leader: str | None) -> str:
    return title_prefix.format(leader=leader or "your leader")


def _event(checkin: CheckIn, summary: str, session_id: str | None, stamp: dt.datetime) -> Event:
    event = Event.new(
        uid=checkin_uid(checkin.date, session_id, checkin.report),
        stamp=stamp,
        start=checkin.date,
        end=checkin.date + dt.timedelta(days=1),
        summary=summary,
        description=f"What to report: {checkin.report}",
        transparency=TRANSP.TRANSPARENT,
    )
    event.add_component(Alarm.new_display(description=f"Tomorrow: {summary}", trigger=REMINDER))
    return event


def checkins_ics(
    checkins: Sequence[CheckIn],
    *,
    title_prefix: str = "Report back to {leader}",
    session_id: str | None = None,
    leader: str | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """An ``.ics`` file with one all-day event per check-in, each with a reminder the day before.

    ``title_prefix`` may contain ``{leader}`` (the leader's name, or "your leader");
    ``now`` sets DTSTAMP (default: the current UTC time).
    """
    stamp = now or dt.datetime.now(dt.UTC)
    summary = _summary(title_prefix, leader)
    key = session_id or ",".join(checkin_uid(c.date, None, c.report) for c in checkins)
    calendar = Calendar.new(prodid=PRODID, name=summary, uid=uuid.uuid5(_NAMESPACE, f"calendar|{key}"))
    for checkin in sorted(checkins, key=lambda c: c.date):
        calendar.add_component(_event(checkin, summary, session_id, stamp))
    data: bytes = calendar.to_ical()
    return data


def next_checkin_ics(
    update: ProgressUpdate,
    *,
    title_prefix: str = "Report back to {leader}",
    session_id: str | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """An ``.ics`` file with the next check-in a progress update promises."""
    return checkins_ics(
        [update.next_checkin_entry()], title_prefix=title_prefix, session_id=session_id, leader=update.leader, now=now
    )
