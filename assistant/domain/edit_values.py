"""The values a refine request states exactly, which the program sets whatever the model wrote.

A small model often picks the right kind of edit with the wrong value: "soften it" answered with the neutral
tone, "a week sooner" with a week later, "on the 16th" with a date it worked out wrong. What the request
states in so many words (a tone, a channel, an amount and a direction, a calendar date, the action it names)
is the program's (:func:`settled_edit`); a channel or tone asked for but left out of the model's answer is added
(:func:`asked_channel`, :func:`asked_tone`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from assistant.domain.edit_scope import MONTHS, about_named_action, named_action
from assistant.domain.edit_scope import word_starts as _words
from assistant.domain.edit_types import Edit, SetChannel, SetDate, SetTone, ShiftDates

_TONE_ASKED: dict[str, re.Pattern[str]] = {
    "warm": _words(r"warm", r"soft", r"friendl", r"kinder", r"gentle", r"cold", r"harsh", r"herzlich", r"freundlich",
                   r"cálid", r"amable", r"chaleureu", r"aimable"),
    "formal": _words(r"formal", r"professional", r"too casual", r"förmlich", r"formel"),
    "direct": _words(r"direct", r"to the point", r"straight", r"blunt", r"fluff", r"direkt", r"directo"),
    "neutral": _words(r"neutral", r"less emotional", r"sachlich", r"neutre"),
}  # fmt: skip
_CHANNEL_ASKED: dict[str, re.Pattern[str]] = {
    "talking_points": _words(r"talking points?", r"bullets?\b", r"bullet points?", r"1:1", r"one-on-one", r"stichpunkt",
                             r"puntos"),
    "chat": _words(r"chat", r"slack", r"teams message", r"dm\b", r"direct message", r"nachricht"),
    "email": _words(r"e-?mail", r"mail"),
}  # fmt: skip
# "talking points instead of an email": the channel after these is the one the request leaves.
_NOT_THIS = re.compile(r"\b(?:instead of|rather than|not as|not an?|statt|anstatt|en lugar de|au lieu d)\b[^,.;]*",
                       re.IGNORECASE)  # fmt: skip
_EARLIER = _words(r"earlier", r"sooner", r"bring forward", r"früher", r"nach vorne", r"antes", r"adelant", r"plus tôt",
                  r"avance")  # fmt: skip
_LATER = _words(r"later", r"more time", r"postpone", r"delay", r"push back", r"extra time", r"später", r"mehr zeit",
                r"nach hinten", r"más tarde", r"más tiempo", r"plus tard", r"plus de temps", r"repousse")  # fmt: skip
_EVERY = _words(r"every", r"all\b", r"whole plan", r"alle", r"todas", r"todos", r"toutes", r"tous")


def _only(asked: dict[str, re.Pattern[str]], text: str) -> str | None:
    found = [value for value, pattern in asked.items() if pattern.search(text)]
    return found[0] if len(found) == 1 else None


def settled_edit(edit: Edit, request: str, actions: list[str], today: dt.date | None = None) -> Edit:
    """``edit`` with what the request states exactly put right: the tone or channel it names ("soften it" is
    warm; "talking points instead of an email" is talking points), the direction of a shift ("a week sooner"
    moves earlier), and the action it names by its words (a shift of the whole plan "for the checklist" is a
    shift of that action). A small model often picks the right kind of edit with the wrong value."""
    edit = about_named_action(edit, request, actions)
    channel = _only(_CHANNEL_ASKED, _NOT_THIS.sub(" ", request))
    match edit:
        case SetTone() if (tone := _only(_TONE_ASKED, request)) and tone != edit.tone:
            return edit.model_copy(update={"tone": tone})
        case SetChannel() if channel and channel != edit.channel:
            return edit.model_copy(update={"channel": channel})
        case SetDate(target="action") if today is not None and (day := stated_date(request, today)) is not None:
            return edit.model_copy(update={"date": day}) if day != edit.date else edit
        case ShiftDates(target="action", action=int(number)) if (
            today is not None and relative_shift(request) is None and (day := stated_date(request, today)) is not None
        ):  # "on the 16th" answered with a shift
            return SetDate(target="action", number=number, date=day)
        case SetDate(target="action") if (shift := relative_shift(request)) is not None and not _A_DATE.search(request):
            # "a week sooner" answered with a date: the program does the arithmetic
            return ShiftDates(target="action", action=edit.number, amount=shift[0], unit=shift[1])
        case ShiftDates():
            shift = relative_shift(request)
            if shift is not None:
                edit = edit.model_copy(update={"amount": shift[0], "unit": shift[1]})
            earlier, later = bool(_EARLIER.search(request)), bool(_LATER.search(request))
            if earlier != later and (edit.amount < 0) != earlier:
                edit = edit.model_copy(update={"amount": -edit.amount})
            number = named_action(request, actions)
            if (
                edit.target in ("plan", "checkins")
                and number is not None
                and not _EVERY.search(request)
                and not (edit.target == "checkins" and _CHECKINS.search(request))
            ):
                edit = edit.model_copy(update={"target": "action", "action": number})
    return edit


_A_DATE = re.compile(MONTHS, re.IGNORECASE)
_CHECKINS = _words(r"check-?ins?", r"report", r"termin", r"rückmeld", r"seguimiento", r"point")
_AMOUNT = re.compile(
    r"\b(?P<n>\d{1,2}|an?|one|two|three|four|another|one more|an extra|a further|a couple of|ein(?:e[nm]?)?|zwei|"
    r"drei|vier|una?|dos|tres|une?|deux|trois)\s+"
    r"(?P<unit>days?|weeks?|tage?n?|wochen?|d[ií]as?|semanas?|jours?|semaines?)\b",
    re.IGNORECASE,
)
_AMOUNTS = {"another": 1, "one more": 1, "an extra": 1, "a further": 1, "a couple of": 2, "a": 1, "an": 1, "one": 1,
            "two": 2, "three": 3, "four": 4, "ein": 1, "eine": 1, "einen": 1, "einem": 1, "zwei": 2, "drei": 3,
            "vier": 4, "un": 1, "una": 1, "dos": 2, "tres": 3, "une": 1, "deux": 2, "trois": 3}  # fmt: skip


_MORE = frozenset({"another", "one more", "an extra", "a further"})


def relative_shift(request: str) -> tuple[int, Literal["days", "weeks"]] | None:
    """How far the request moves a date, when it says so once ("a week sooner", "eine Woche mehr Zeit"): the
    amount (negative for earlier) and the unit; None when it says no amount, two, or no direction."""
    amounts = list(_AMOUNT.finditer(request))
    if len(amounts) != 1:
        return None
    n, unit = amounts[0]["n"].lower(), amounts[0]["unit"].lower()
    earlier = bool(_EARLIER.search(request))
    later = bool(_LATER.search(request)) or (n in _MORE and not earlier)  # "another week": more time
    if earlier == later:
        return None
    amount = int(n) if n.isdigit() else _AMOUNTS[n]
    weeks = unit.startswith(("week", "woch", "seman", "semai"))
    return (-amount if earlier else amount), ("weeks" if weeks else "days")


_ASKED_CHANNEL = re.compile(
    r"\b(?:give me|as|into|switch to|want|prefer|rather have|make it|turn it into)\s+(?:an?\s+|the\s+|some\s+)?"
    r"(talking points|bullet points|chat(?: message)?|slack message|e-?mail)\b",
    re.IGNORECASE,
)


def asked_channel(request: str) -> str | None:
    """The channel a request asks for in so many words ("give me talking points instead of an email"), else None;
    the channel it leaves ("instead of an email") is not the one it asks for."""
    found = {
        _CHANNELS_BY_WORD[m[1].lower().split()[0].replace("-", "")]
        for m in _ASKED_CHANNEL.finditer(_NOT_THIS.sub(" ", request))
    }
    return found.pop() if len(found) == 1 else None


_CHANNELS_BY_WORD = {"talking": "talking_points", "bullet": "talking_points", "chat": "chat", "slack": "chat",
                     "email": "email"}  # fmt: skip


_MONTH_NUMBER = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}  # fmt: skip
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_STATED = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b", re.IGNORECASE),  # "Dec 16", "December 16th"
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}", re.IGNORECASE),  # "16 Dec", "16th of December"
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<mon>[01]?\d)\.(?P<year>\d{4})?"),  # "16.12." / "16.12.2026"
    re.compile(r"\bthe\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b", re.IGNORECASE),  # "the 16th": its month is the next
)


def stated_date(request: str, today: dt.date) -> dt.date | None:
    """The one calendar date the request states ("Dec 16", "16 December", "the 16th", "16.12.", "2026-12-16"),
    the next such day after ``today`` when it gives no year; None when it states none, or several."""
    found: set[dt.date] = set()
    for pattern in _STATED:
        for match in pattern.finditer(request):
            parts = match.groupdict()
            if parts.get("month"):
                month = _MONTH_NUMBER[parts["month"][:3].lower()]
            elif parts.get("mon"):
                month = int(parts["mon"])
            else:
                month = today.month
            day = _next_day(int(parts["day"]), month, int(parts["year"]) if parts.get("year") else None, today,
                            roll_month=not (parts.get("month") or parts.get("mon")))  # fmt: skip
            if day is not None:
                found.add(day)
        if found:
            break
    return found.pop() if len(found) == 1 else None


def _next_day(day: int, month: int, year: int | None, today: dt.date, *, roll_month: bool) -> dt.date | None:
    """The date after ``today`` with this day (and month, and year when given), or None when there is none."""
    candidates = [(year, month)] if year else [(today.year, month), (today.year + 1, month)]
    if roll_month:  # "the 16th": this month or the next
        following = (today.year + (today.month // 12), today.month % 12 + 1)
        candidates = [(today.year, today.month), following]
    for y, m in candidates:
        try:
            date = dt.date(y, m, day)  # type: ignore[arg-type]
        except ValueError:
            continue
        if date > today:
            return date
    return None


def asked_tone(request: str) -> str | None:
    """The one tone a request asks for, in the tone's name or other words ("soften it", "more buttoned-up and
    professional"), else None."""
    return _only(_TONE_ASKED, request)
