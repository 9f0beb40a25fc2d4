"""Assemble the message from the six parts without a model.

Used when the model's composed message still fails its checks after the re-asks:
the parts have each passed their own checks, so a plain assembly of them is a
safe message that contains every step and nothing the notes don't support. Long
parts are cut to their first sentences until the message fits the length asked for.
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.chains.compose import LENGTH_WORDS, message_size
from assistant.schema import Draft, DraftOptions, Message

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“(])")


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.isoformat()}"


def _first_name(draft: Draft, options: DraftOptions) -> str | None:
    name = options.leader or draft.facts.leader_name
    return name.split()[0].strip(",") if name else None


def first_sentences(text: str, n: int) -> str:
    """The first ``n`` sentences of ``text`` (all of it when it has fewer)."""
    sentences = _SENTENCE_END.split(text.strip())
    return " ".join(sentences[:n]).strip()


def _shortened(draft: Draft, n: int) -> Draft:
    """The draft with every prose part cut to ``n`` sentences (each lesson and check-in to one)."""
    checkins = [c.model_copy(update={"report": first_sentences(c.report, 1)}) for c in draft.report_back]
    return draft.model_copy(
        update={
            "pain": first_sentences(draft.pain, n),
            "ownership": first_sentences(draft.ownership, n),
            "lessons": [first_sentences(lesson, 1) for lesson in draft.lessons],
            "positive": first_sentences(draft.positive, max(1, n - 1)),
            "report_back": checkins,
        }
    )


def _fits(message: Message, options: DraftOptions) -> bool:
    return message_size(message.body, options.channel) <= LENGTH_WORDS[options.channel][options.length]


def assemble_message(draft: Draft, options: DraftOptions, subject: str = "") -> Message:
    """The six parts as an email, a chat message or talking points (``subject`` kept if given), cut to fit
    the channel and length asked for: whole parts when they fit, else their first sentences."""
    if options.channel == "talking_points":  # one short line per point, whatever the length
        draft = _shortened(draft, 1)
    message = _assemble(draft, options, subject)
    for n in (3, 2, 1):
        if _fits(message, options):
            break
        message = _assemble(_shortened(draft, n), options, subject)
    return message


def _assemble(draft: Draft, options: DraftOptions, subject: str) -> Message:
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
        learned = f"I learned: {draft.lessons[0]}" if draft.lessons else ""
        plan = f"My plan: {'; '.join(actions[:2])}."
        when = f"I'll update you on {_day(checkin.date)}." if checkin else ""
        parts = [f"{greeting}{draft.pain}", draft.ownership, learned, plan, draft.positive, when]
        return Message(channel="chat", subject=subject, body=" ".join(p for p in parts if p), assembled=True)
    lessons = " ".join(draft.lessons[:2])
    plan = "\n".join(f"- {a}" for a in actions)
    later = "\n".join(f"- {_day(c.date)}: {c.report}" for c in draft.report_back[:2])
    body = (
        f"{greeting}{draft.pain}\n\n{draft.ownership}\n\nWhat I learned: {lessons}\n\n"
        f"What I'm doing:\n{plan}\n\n{draft.positive}\n\nI'll report back:\n{later}"
    )
    return Message(channel="email", subject=subject, body=body, assembled=True)
