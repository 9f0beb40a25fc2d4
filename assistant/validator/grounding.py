"""Grounding: numbers, names and claims of work done must come from the notes.

Plan and check-in dates are structured fields and are not checked here; a date
written in a text is fine when it is one of the plan's or check-ins' dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

from assistant.domain.language import stem
from assistant.validator.findings import Context, Finding, span_finding

# not "1:1" (a one-to-one meeting)
_NUMBER = re.compile(
    r"(?<![\w.:])(?!1:1(?![\d:]))(?:\d{4}-\d{2}-\d{2}|[$€£]?\d+(?:[.,:]\d+)*(?:\s?(?:%|k|K|m|M|h|hrs?|x)\b)?)(?![\w-])"
)
_DIGITS = re.compile(r"\d+")
_CAPITALISED = re.compile(r"\b([A-Z][a-zA-Z]+(?:[-'][A-Za-z]+)?)\b")
_SENTENCE_START = set(".!?:;-*•\n\"'“(")
_DONE_CLAIM = re.compile(
    r"\b(?:I(?:'ve| have)(?: already)?|I already|I've now|I have now)\s+"
    r"((?:re-?)?[a-z]+(?:ed|en|t|ne|wn|ck|un|ld|ght)\b)(?:\s+(?:back|up|out|in|down|off))?",
    re.IGNORECASE,
)
_COMMON_CAPITALS = {
    "I",
    "I'm",
    "I've",
    "I'll",
    "I'd",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    *("Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun"),
    *("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"),
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Dear",
    "Hi",
    "Hello",
    "Thanks",
    "Thank",
    "Best",
    "Regards",
    "Subject",
    "Step",
    "Plan",
    "Lessons",
    "Lesson",
    "Owner",
    "Due",
    "OK",
    "Okay",
    "My",
    "The",
    "This",
    "That",
    "We",
    "You",
    "It",
    "And",
    "But",
    "So",
    "Next",
    "First",
    "Second",
    "Third",
    "Finally",
    "Also",
    "Going",
    "Check",
    "Check-in",
    "Action",
    "Actions",
}


def note_stems(text: str) -> frozenset[str]:
    """The stems of every word of ``text``."""
    return _note_stems(text)


@lru_cache(maxsize=256)
def _note_stems(notes: str) -> frozenset[str]:
    return frozenset(stem(w) for w in re.findall(r"[A-Za-z]+", notes))


@lru_cache(maxsize=256)
def _digits_in(text: str) -> frozenset[str]:
    return frozenset(_DIGITS.findall(text))


@lru_cache(maxsize=256)
def _known_words(notes: str, leaders: str) -> str:
    return f"{notes.lower()} {leaders.lower()}"


def _allowed_numbers(ctx: Context, dates: Iterable[dt.date]) -> set[str]:
    allowed = set(_digits_in(ctx.notes or ""))
    if ctx.facts is not None:
        facts = ctx.facts
        allowed |= _digits_in(" ".join([facts.what_happened, facts.impact, facts.cause, *facts.already_done]))
    for day in dates:
        allowed |= {str(day.year), str(day.month), f"{day.month:02d}", str(day.day), f"{day.day:02d}"}
    return allowed


def check_grounding(
    text: str, step: str, ctx: Context, *, dates: Iterable[dt.date] = (), item: int | None = None
) -> list[Finding]:
    """Unsupported numbers and names (errors/warnings) and claims of work the notes don't mention (errors)."""
    if not ctx.notes:
        return []
    findings: list[Finding] = []
    allowed: set[str] | None = None
    for match in _NUMBER.finditer(text):
        if allowed is None:
            allowed = _allowed_numbers(ctx, list(dates))
        digits = _DIGITS.findall(match.group(0))
        if digits and not all(d in allowed for d in digits):
            findings.append(
                span_finding(
                    "GND_NUMBER",
                    step,
                    "error",
                    text,
                    match.start(),
                    match.end(),
                    "This number does not appear in your notes.",
                    "Use only the figures from your notes, or add the figure to the notes if it is right.",
                    item,
                )
            )
    stems = _note_stems(ctx.notes)
    facts = ctx.facts
    leaders = (ctx.leader, facts.leader_name, facts.leader_role) if facts is not None else (ctx.leader,)
    known = _known_words(ctx.notes, " ".join(p for p in leaders if p))
    for match in _CAPITALISED.finditer(text):
        word = match.group(1)
        before = text[max(0, match.start(1) - 8) : match.start(1)].rstrip(" \t")
        if not before or before[-1] in _SENTENCE_START or before[-1].isdigit():
            continue
        if word in _COMMON_CAPITALS or word.lower() in known or stem(word) in stems:
            continue
        findings.append(
            span_finding(
                "GND_NAME",
                step,
                "warning",
                text,
                match.start(1),
                match.end(1),
                "This name does not appear in your notes.",
                "Check it is right; name only people, teams and systems your notes mention.",
                item,
            )
        )
    for match in _DONE_CLAIM.finditer(text):
        verb = match.group(1)
        if stem(verb) in stems:
            continue
        findings.append(
            span_finding(
                "GND_DONE",
                step,
                "error",
                text,
                match.start(),
                match.end(),
                "This says you already did something your notes don't mention.",
                "Only claim work you have really done; put new work in the plan instead.",
                item,
            )
        )
    return findings
