"""The .ics export of check-ins, read back with icalendar."""

from __future__ import annotations

import datetime as dt

from icalendar import Alarm, Calendar, Event

from assistant.domain.report_back import ActionProgress, ProgressUpdate
from assistant.domain.schema import CheckIn, PlanAction
from assistant.output.calendar import checkin_uid, checkins_ics, next_checkin_ics

NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)
CHECKINS = [
    CheckIn(date=dt.date(2026, 12, 18), report="Two weeks of deploy logs, every config deploy gated."),
    CheckIn(date=dt.date(2026, 12, 11), report="Whether the CI gate is live, with a blocked deploy; and the runbook."),
]


def events_of(data: bytes) -> list[Event]:
    calendar = Calendar.from_ical(data)
    return [c for c in calendar.walk("VEVENT") if isinstance(c, Event)]


def test_one_all_day_event_per_check_in_earliest_first_with_what_to_report() -> None:
    data = checkins_ics(CHECKINS, session_id="s-1", leader="Dana", now=NOW)
    calendar = Calendar.from_ical(data)
    assert calendar["PRODID"] == "-//Regain//Check-ins//EN" and calendar["VERSION"] == "2.0"
    events = events_of(data)
    assert [e.start for e in events] == [dt.date(2026, 12, 11), dt.date(2026, 12, 18)]
    assert [e.end for e in events] == [dt.date(2026, 12, 12), dt.date(2026, 12, 19)]
    assert all(not isinstance(e.start, dt.datetime) for e in events)  # all-day: DATE values
    first = events[0]
    assert str(first["SUMMARY"]) == "Report back to Dana"
    assert str(first["DESCRIPTION"]) == f"What to report: {CHECKINS[1].report}"  # commas and ; survive
    assert first.stamp == NOW


def test_each_event_reminds_the_day_before() -> None:
    (event,) = events_of(checkins_ics(CHECKINS[:1], leader="Dana", now=NOW))
    (alarm,) = [c for c in event.subcomponents if isinstance(c, Alarm)]
    assert str(alarm["ACTION"]) == "DISPLAY"
    trigger = alarm.TRIGGER
    assert trigger == dt.timedelta(hours=-15)
    assert str(alarm["DESCRIPTION"]) == "Tomorrow: Report back to Dana"


def test_uids_are_stable_per_session_and_date_and_differ_across_sessions() -> None:
    first = [str(e["UID"]) for e in events_of(checkins_ics(CHECKINS, session_id="s-1", now=NOW))]
    again = [str(e["UID"]) for e in events_of(checkins_ics(CHECKINS, session_id="s-1"))]
    other = [str(e["UID"]) for e in events_of(checkins_ics(CHECKINS, session_id="s-2", now=NOW))]
    assert first == again and len(set(first)) == 2 and not set(first) & set(other)
    assert first[0] == checkin_uid(dt.date(2026, 12, 11), "s-1") and first[0].endswith("@regain")
    assert checkins_ics(CHECKINS, session_id="s-1", now=NOW) == checkins_ics(CHECKINS, session_id="s-1", now=NOW)


def test_without_a_leader_or_session_the_title_is_generic_and_uids_still_stable() -> None:
    data = checkins_ics(CHECKINS, now=NOW)
    assert {str(e["SUMMARY"]) for e in events_of(data)} == {"Report back to your leader"}
    assert data == checkins_ics(CHECKINS, now=NOW)
    custom = checkins_ics(CHECKINS, title_prefix="Check-in with {leader} (Regain)", leader="Sam", now=NOW)
    assert str(events_of(custom)[0]["SUMMARY"]) == "Check-in with Sam (Regain)"


def test_the_next_check_in_of_a_progress_update() -> None:
    plan = [
        PlanAction(action="Add a CI gate", owner="me", due=dt.date(2026, 12, 11), measure="Deploys blocked"),
        PlanAction(action="Write a runbook", owner="me", due=dt.date(2026, 12, 20), measure="In the wiki"),
    ]
    update = ProgressUpdate(
        today=dt.date(2026, 12, 4),
        progress_notes="gate done",
        leader="Dana",
        plan=plan,
        actions=[
            ActionProgress(index=0, status="done", evidence="", reason=None),
            ActionProgress(index=1, status="in_progress", evidence="", reason=None),
        ],
        subject="Update",
        body="Dana, ...",
        next_checkin=dt.date(2026, 12, 18),
    )
    (event,) = events_of(next_checkin_ics(update, session_id="s-1", now=NOW))
    assert event.start == dt.date(2026, 12, 18) and str(event["SUMMARY"]) == "Report back to Dana"
    assert str(event["DESCRIPTION"]) == "What to report: Progress on: Write a runbook"
