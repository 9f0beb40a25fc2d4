"""Assemble the message from the six parts, without a model: the default way a message is made.

The parts have each passed their own checks, so the program puts them together in the
order of the six steps, in one voice, for the channel and tone asked for: a greeting with the
leader's first name (or none), each part once (a sentence that repeats an earlier one is
dropped), the plan with its due dates, the check-in dates, and a sign-off. Long parts are cut
to their first sentences until the message fits the length asked for.
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.chains.compose import LENGTH_WORDS, message_size
from assistant.schema import CheckIn, Draft, DraftOptions, Message, PlanAction
from assistant.settle import greeting, sign_off

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“(])")
_WORDS = re.compile(r"[a-z0-9']+")


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def first_sentences(text: str, n: int) -> str:
    """The first ``n`` sentences of ``text`` (all of it when it has fewer)."""
    sentences = _SENTENCE_END.split(text.strip())
    return " ".join(sentences[:n]).strip()


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def _same(a: str, b: str) -> bool:
    """Two sentences that say the same thing: most of the shorter one's words are in the longer one."""
    wa, wb = set(_WORDS.findall(a.lower())), set(_WORDS.findall(b.lower()))
    if not wa or not wb:
        return False
    small, large = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(small & large) / len(small) >= 0.8


def _without_repeats(parts: list[str]) -> list[str]:
    """Each part with the sentences that repeat an earlier part's sentence removed."""
    seen: list[str] = []
    out: list[str] = []
    for part in parts:
        kept = [s for s in _sentences(part) if not any(_same(s, earlier) for earlier in seen)]
        seen += kept
        out.append(" ".join(kept))
    return out


def _shortened(draft: Draft, n: int) -> Draft:
    """The draft with every prose part cut to ``n`` sentences (each lesson and check-in to one)."""
    return draft.model_copy(
        update={
            "pain": first_sentences(draft.pain, n),
            "ownership": first_sentences(draft.ownership, n),
            "lessons": [first_sentences(lesson, 1) for lesson in draft.lessons[: max(1, n)]],
            "positive": first_sentences(draft.positive, max(1, n - 1)),
        }
    )


def _fits(message: Message, options: DraftOptions) -> bool:
    return message_size(message.body, options.channel) <= LENGTH_WORDS[options.channel][options.length]


def assemble_message(draft: Draft, options: DraftOptions, subject: str = "") -> Message:
    """The six parts as an email, a chat message or talking points (``subject`` kept if given), cut to fit
    the channel and length asked for: whole parts when they fit, else their first sentences."""
    message = _assemble(draft, options, subject)
    for n in (2, 1):
        if _fits(message, options):
            break
        message = _assemble(_shortened(draft, n), options, subject)
    if not _fits(message, options) and len(draft.plan) > 2:  # the last resort: the first two actions
        message = _assemble(_shortened(draft, 1).model_copy(update={"plan": draft.plan[:2]}), options, subject)
    return message


def _action(action: PlanAction) -> str:
    text = action.action.strip().rstrip(".")
    word = text.split()[0] if text.split() else ""
    text = text if len(word) > 1 and word.isupper() else text[:1].lower() + text[1:]
    return f"{text} (by {_day(action.due)})"


def _when(checkins: list[CheckIn]) -> str:
    if not checkins:
        return ""
    days = [_day(c.date) for c in checkins]
    listed = days[0] if len(days) == 1 else ", ".join(days[:-1]) + f" and {days[-1]}"
    return f"I'll report back on {listed} with where each step stands and what you can see for it."


def subject_for(draft: Draft) -> str:
    """A plain subject line."""
    return "My mistake, and what I'm doing about it"


def _assemble(draft: Draft, options: DraftOptions, subject: str) -> Message:
    leader = options.leader or draft.facts.leader_name
    hello = greeting(leader, options.channel, options.tone)
    bye = sign_off(options.sender, options.channel, options.tone)
    pain, ownership, positive, *lessons = _without_repeats(
        [draft.pain, draft.ownership, draft.positive, *draft.lessons]
    )
    lessons = [lesson for lesson in lessons if lesson]
    actions = [_action(a) for a in draft.plan]
    when = _when(draft.report_back)
    subject = subject or subject_for(draft)
    if options.channel == "talking_points":
        lines = [first_sentences(pain, 1), first_sentences(ownership, 1)]
        lines += [f"What I learned: {lessons[0]}" if lessons else ""]
        lines += [f"Plan: I will {a}" for a in actions[:3]]
        lines += [first_sentences(positive, 1), when]
        body = "\n".join(f"- {line}" for line in lines if line)
        return Message(channel="talking_points", subject=subject, body=body, assembled=True)
    if options.channel == "chat":
        plan = f"My plan: I will {'; '.join(actions[:3])}." if actions else ""
        learned = f"What I learned: {lessons[0]}" if lessons else ""
        parts = [hello, pain, ownership, learned, plan, positive, when, bye]
        return Message(channel="chat", subject=subject, body=" ".join(p for p in parts if p).strip(), assembled=True)
    learned = "What I learned: " + " ".join(lessons) if lessons else ""
    plan = "Here is my plan:\n" + "\n".join(f"- I will {a}" for a in actions) if actions else ""
    blocks = [hello, pain, ownership, learned, plan, positive, when, bye]
    return Message(channel="email", subject=subject, body="\n\n".join(b for b in blocks if b).strip(), assembled=True)
