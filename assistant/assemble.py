"""Assemble the message from the six parts without a model.

Used when the model's composed message still fails its checks after the re-asks:
the parts have each passed their own checks, so a plain assembly of them is a
safe message that contains every step and nothing the notes don't support.
"""

from __future__ import annotations

import datetime as dt

from assistant.schema import Draft, DraftOptions, Message


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.isoformat()}"


def _first_name(draft: Draft, options: DraftOptions) -> str | None:
    name = options.leader or draft.facts.leader_name
    return name.split()[0].strip(",") if name else None


def assemble_message(draft: Draft, options: DraftOptions, subject: str = "") -> Message:
    """The six parts as an email, a chat message or talking points (``subject`` kept if given)."""
    name = _first_name(draft, options)
    actions = [f"{a.action} (by {_day(a.due)})" for a in draft.plan]
    checkin = draft.report_back[0] if draft.report_back else None
    report = f"I'll update you on {_day(checkin.date)}: {checkin.report}" if checkin else ""
    subject = subject or "What happened, and what I'm doing about it"
    if options.channel == "talking_points":
        lines = [draft.pain, draft.ownership, f"What I learned: {draft.lessons[0]}" if draft.lessons else ""]
        lines += [f"Plan: {a}" for a in actions[:2]] + [draft.positive, report]
        body = "\n".join(f"- {line}" for line in lines if line)
        return Message(channel="talking_points", subject=subject, body=body, assembled=True)
    greeting = f"{name}, " if name else ""
    if options.channel == "chat":
        parts = [f"{greeting}{draft.pain}", draft.ownership, f"My plan: {'; '.join(actions[:2])}.", report]
        return Message(channel="chat", subject=subject, body=" ".join(p for p in parts if p), assembled=True)
    lessons = " ".join(draft.lessons[:2])
    plan = "\n".join(f"- {a}" for a in actions)
    later = "\n".join(f"- {_day(c.date)}: {c.report}" for c in draft.report_back)
    body = (
        f"{greeting}{draft.pain}\n\n{draft.ownership}\n\nWhat I learned: {lessons}\n\n"
        f"What I'm doing:\n{plan}\n\n{draft.positive}\n\nI'll report back:\n{later}"
    )
    return Message(channel="email", subject=subject, body=body, assembled=True)
