"""The values a refine request states exactly, which the program sets whatever the model wrote.

A small model often picks the right kind of edit with the wrong value: "a week sooner" answered with a week
later, "on the 16th" with a date it worked out wrong, "the checklist" with the first action. What the request
states in so many words (an amount and a direction, a calendar date, the action it names) is the program's
(:func:`settled_edit`). The tone, length and channel a request asks for, and date edits it states in full, are read
by :mod:`assistant.domain.edit_reading`, which builds on :func:`relative_shift` and :func:`stated_date`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from assistant.domain.edit_naming import about_named_action, named_action
from assistant.domain.edit_scope import MONTHS
from assistant.domain.edit_scope import word_starts as _words
from assistant.domain.edit_types import AddAction, Edit, RewordAction, SetDate, SetMeasure, ShiftDates

_EARLIER = _words(r"earlier", r"sooner", r"bring (?:[\w'-]+ ){0,4}forward", r"pull (?:[\w'-]+ ){0,4}(?:in|forward)\b",
                  r"move (?:[\w'-]+ ){0,4}up\b", r"ahead of", r"früher", r"nach vorne", r"vorzieh", r"vorgezogen",
                  r"vorverleg", r"antes", r"adelant", r"plus tôt", r"avance", r"naar voren", r"eerder",
                  r"vervroeg", r"(?:days?|weeks?) early\b", r"anticip", r"antecip", r"più presto",
                  r"mais cedo")  # fmt: skip
_LATER = _words(r"later", r"more time", r"postpone", r"delay", r"push(?:ed)? (?:[\w'-]+ ){0,4}(?:back|out)\b",
                r"(?:move|shift|bump) (?:[\w'-]+ ){0,4}(?:back|out)\b", r"slip", r"slide", r"runway",
                r"extra time", r"extend", r"take longer", r"more days", r"behind\b", r"später", r"mehr zeit",
                r"nach hinten", r"más tarde", r"más tiempo", r"retras", r"aplaz", r"plus tard", r"plus de temps",
                r"repousse", r"report(?:e|er|ez)\b", r"décal", r"opschuiv", r"schuift op",
                r"schuif\w* (?:\w+ ){0,3}op\b", r"later zetten", r"uitstel", r"slide",
                r"più avanti", r"più tardi", r"posticip", r"rimand", r"mais tarde", r"adi[ae]r?\b")  # fmt: skip
_EVERY = _words(r"every", r"all\b", r"whole plan", r"alle", r"todas", r"todos", r"toutes", r"tous")


# The words that introduce a due date: "by wed the 16th", "due the 11th", "bis Freitag", "até 18/12", "tot vrijdag".
DUE_WORDS = (
    "by",
    "due",
    "until",
    "before",
    "bis",
    "para el",
    "avant le",
    "d'ici le",
    "d'ici",
    "até",
    "tot",
    "entro",
    "entro il",
)
# Those whose words up to the clause's end are a due date to cut from a new action's wording
# (:mod:`assistant.domain.edit_reading_plan`): not "before", which as often names an event that is part of the action
# ("run a drill before the release").
DUE_CLAUSE_WORDS = tuple(word for word in DUE_WORDS if word != "before")
_DUE_WORD = re.compile(r"\b(?:" + "|".join(DUE_WORDS) + r")\b", re.IGNORECASE)


def _due_stated(request: str, today: dt.date) -> dt.date | None:
    """The date the request gives after a due word ("by wed the 16th"), not any date it mentions ("what went wrong
    on the 3rd")."""
    dues = list(_DUE_WORD.finditer(request))
    return stated_date(request[dues[-1].end() :], today) if dues else None


def settled_edit(edit: Edit, request: str, actions: list[str], today: dt.date | None = None) -> Edit:
    """``edit`` with what the request states exactly put right: the direction of a shift ("a week sooner"
    moves earlier), and the action it names by its words (a shift of the whole plan "for the checklist" is a
    shift of that action). A small model often picks the right kind of edit with the wrong value."""
    edit = about_named_action(edit, request, actions)
    if isinstance(edit, RewordAction | AddAction):  # the prompt's plan line copied into the action's words
        edit = edit.model_copy(update={"action": PLAN_LINE.sub("", edit.action).strip() or edit.action})
    if isinstance(edit, SetMeasure | AddAction):
        edit = edit.model_copy(update={"measure": PLAN_LINE.sub("", edit.measure).strip() or edit.measure})
    match edit:
        case AddAction() if today is not None and (day := _due_stated(request, today)) is not None:
            return edit.model_copy(update={"due": day}) if day != edit.due else edit  # "by wed the 16th"
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


def moves_dates(request: str) -> bool:
    """True when the request says which way a date moves ("sooner", "push it back", "später")."""
    return bool(_EARLIER.search(request) or _LATER.search(request))


# How the prompt shows a plan action's other fields ("(owner: me; due 2026-12-11; done when: …)"), or the message
# its measure (" – what you'll see: …"), which a small model copies after an action's new wording.
PLAN_LINE = re.compile(
    r"\s*(?:[–—-]\s*what (?:you|she|he|they|\w+)(?:'ll| will)? see\b.*|\((?:owner|due|done when)\b[^)]*\)?)\s*$",
    re.IGNORECASE,
)
_CHECKINS = _words(r"check-?ins?", r"report", r"termin", r"rückmeld", r"seguimiento", r"point")
_SMALL = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)
_AMOUNT = re.compile(
    r"\b(?P<n>\d{1,2}|an?|" + "|".join(_SMALL[1:]) + r"|one|another|one more|an extra|a further|a couple of|"
    r"a couple|couple of|ein(?:e[nm]?)?|zwei|drei|vier|fünf|zehn|una?|dos|tres|cuatro|cinco|diez|une?|deux|trois|"
    r"quatre|cinq|dix|een|twee|drie|vijf|tien|uma|duas|dois|três|tre|quattro|cinque|dieci|"
    r"due(?=\s+(?:settiman|giorn)))\s+(?:(?:whole|full|entire)\s+(?=(?:days?|weeks?)\s+(?:more|extra)\b))?"
    r"(?P<more>(?:more|extra|further|additional)\s+)?"
    r"(?P<unit>days?|weeks?|wks?|tage?n?|wochen?|d[ií]as?|semanas?|jours?|semaines?|weken|dagen|settiman[ae]|"
    r"giorn[oi])\b"
    r"|\b(?P<fortnight>a fortnight)\b",
    re.IGNORECASE,
)
_AMOUNTS = {"another": 1, "one more": 1, "an extra": 1, "a further": 1, "a couple of": 2, "a couple": 2,
            "couple of": 2, "a": 1, "an": 1, "ein": 1, "eine": 1, "einen": 1, "einem": 1, "zwei": 2, "drei": 3,
            "vier": 4, "fünf": 5, "zehn": 10, "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
            "diez": 10, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "dix": 10, "een": 1, "twee": 2,
            "drie": 3, "vijf": 5, "tien": 10, "uma": 1, "duas": 2, "dois": 2, "três": 3, "tre": 3, "quattro": 4,
            "cinque": 5, "dieci": 10, "due": 2,
            **{word: n for n, word in enumerate(_SMALL, 1)}}  # fmt: skip


_MORE = frozenset({"another", "one more", "an extra", "a further"})


def counted(word: str) -> int | None:
    """How many a count word says ("3", "two", "a couple of", "zwei", "una"); None for one this module does not know."""
    return int(word) if word.isdigit() else _AMOUNTS.get(word.lower())


def _sentence_at(text: str, index: int) -> str:
    """The sentence of ``text`` around ``index``."""
    start = max(text.rfind(mark, 0, index) for mark in ".!?;") + 1
    ends = [i for mark in ".!?;" if (i := text.find(mark, index)) >= 0]
    return text[start : min(ends) if ends else len(text)]


def _said(amount: re.Match[str], request: str) -> tuple[str, bool, bool]:
    """An amount as its sentence says it: the amount's words, and whether that sentence says earlier, later."""
    sentence = _sentence_at(request, amount.start())
    return " ".join(amount.group().lower().split()), bool(_EARLIER.search(sentence)), bool(_LATER.search(sentence))


_SIGNED = re.compile(r"(?<![\w+-])(?P<sign>[+\-–])\s?(?P<n>\d{1,2})\s?(?P<unit>d|w|days?|weeks?|wks?)\b", re.IGNORECASE)


# How an amount's unit begins when it counts weeks ("weeks", "wks", "Wochen", "semanas", "semaines", "weken").
_WEEK_UNITS = ("week", "wk", "woch", "seman", "semai", "weken", "settiman")


def _days_of(amount: re.Match[str]) -> int | None:
    """An amount in days ("a week" and "7 days" are one), None when it is more time without a number."""
    if amount["fortnight"]:
        return 14
    n = amount["n"].lower()
    count = counted(n)
    if count is None or amount["more"]:
        return None
    return count * (7 if amount["unit"].lower().startswith(_WEEK_UNITS) else 1)


def stated_amounts(request: str) -> set[int]:
    """Every amount of time the request states, in days ("a week", "ten days", "-3d"), whatever it says of them."""
    days = {int(m["n"]) * (7 if m["unit"].lower().startswith("w") else 1) for m in _SIGNED.finditer(request)}
    for amount in _AMOUNT.finditer(request):
        if amount["fortnight"]:
            days.add(14)
        elif (count := counted(amount["n"].lower())) is not None:
            days.add(count * (7 if amount["unit"].lower().startswith(_WEEK_UNITS) else 1))
        elif amount["n"].lower() in _MORE:
            days.add(7 if amount["unit"].lower().startswith(_WEEK_UNITS) else 1)
    return days


def relative_shift(request: str) -> tuple[int, Literal["days", "weeks"]] | None:
    """How far the request moves a date, when it says so once ("a week sooner", "eine Woche mehr Zeit"): the
    amount (negative for earlier) and the unit; None when it says no amount, two different ones, or no direction."""
    if (signed := _SIGNED.search(request)) is not None:  # "dates +3d", "-1w"
        n = int(signed["n"]) * (-1 if signed["sign"] in "-–" else 1)
        return n, ("weeks" if signed["unit"].lower().startswith("w") else "days")
    amounts = list(_AMOUNT.finditer(request))
    if len(amounts) > 1 and len({_said(a, request) for a in amounts}) == 1:
        amounts = amounts[:1]  # "push everything back by a week? same steps, just a week later": said twice
    if len(amounts) > 1 and len({_days_of(a) for a in amounts}) == 1:  # "about a week behind … slip by 7 days"
        directed = [a for a in amounts if any(_said(a, request)[1:])]
        if len({_said(a, request)[1:] for a in directed}) <= 1:  # not "a week later … a week earlier"
            amounts = directed[-1:] or amounts[:1]
    if len(amounts) != 1:
        return None
    if amounts[0]["fortnight"]:
        n, unit = "2", "weeks"
    else:
        n, unit = amounts[0]["n"].lower(), amounts[0]["unit"].lower()
    before = request[: amounts[0].start()].lower().rstrip()
    after = request[amounts[0].end() :].lower().lstrip()
    more = (
        n in _MORE
        or bool(amounts[0]["more"])
        or before.endswith(tuple(_MORE))
        or after.startswith(("more", "extra", "más", "mas ", "mehr", "de plus", "supplémentaires", "adicionales"))
    )  # "tres días más", "drei Tage mehr"
    for text in (_sentence_at(request, amounts[0].start()), request):  # the amount's own sentence says it first
        earlier = bool(_EARLIER.search(text))
        later = bool(_LATER.search(text)) or (more and not earlier)  # "another week", "ten more days": more time
        if earlier != later:
            break
    else:
        return None
    amount = counted(n)
    if amount is None:  # none: every count word _AMOUNT matches is one of _AMOUNTS
        return None
    weeks = unit.startswith(_WEEK_UNITS)
    return (-amount if earlier else amount), ("weeks" if weeks else "days")


# Month names by their beginnings, in English, German, Spanish and French ("Dec", "Dezember", "dic.", "déc").
_MONTH_NUMBER = {"jan": 1, "ene": 1, "feb": 2, "fév": 2, "fev": 2, "mar": 3, "mär": 3, "apr": 4, "abr": 4, "avr": 4,
                 "may": 5, "mai": 5, "jun": 6, "juin": 6, "jul": 7, "juil": 7, "aug": 8, "ago": 8, "aoû": 8, "sep": 9,
                 "oct": 10, "okt": 10, "nov": 11, "dec": 12, "dez": 12, "dic": 12, "déc": 12, "gennaio": 1,
                 "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9, "ottobre": 10, "setembro": 9, "outubro": 10,
                 "mei": 5, "maart": 3}  # fmt: skip
# Not a weekday that begins like a month ("mardi 8 décembre", "martes 8 de diciembre": Tuesday, not March).
_MONTH_STEMS = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))
_MONTH = r"(?!mardi\b|martes\b)(?P<month>" + _MONTH_STEMS + r")(?P<tail>[a-zéû]*)\.?"
# The months in full, so that a word that only begins like one is not read as it ("Marta", "Mayor", "Junior").
_MONTH_WORDS = frozenset((
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "januar", "februar", "märz", "juni", "juli", "oktober", "dezember", "enero", "febrero", "marzo",
    "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre", "octubre", "noviembre", "diciembre",
    "janvier", "février", "fevrier", "mars", "avril", "juin", "juillet", "août", "aout", "septembre", "octobre",
    "novembre", "décembre", "decembre", "sept",
    # Italian, Portuguese, Dutch
    "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre", "janeiro",
    "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro", "novembro", "dezembro", "januari",
    "februari", "maart", "augustus", "mei",
))  # fmt: skip
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|\.)?"
_STATED = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?!\d)", re.IGNORECASE),  # "Dec 16", "December 16th"
    re.compile(rf"\b{_DAY}\s+(?:of\s+|de\s+)?{_MONTH}", re.IGNORECASE),  # "16 Dec", "16th of December", "16. Dezember"
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<mon>[01]?\d)\.(?P<year>\d{4})?"),  # "16.12." / "16.12.2026"
    # "the 16th": its month is the next; not "the 2nd step"
    re.compile(
        r"\bthe\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:step|action|item|task|one|point|paragraph|"
        r"check|bullet|line|sentence|lesson|part|time))",
        re.IGNORECASE,
    ),
    # "Tue 1st", "wednesday 16th": a weekday before the day of the month
    re.compile(
        r"\b(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b",
        re.IGNORECASE,
    ),
)
# "17/12" is the 17th of December and "12/17" too; "12/11" could be either (:func:`stated_dates` takes the reading
# within the weeks a plan spans, when only one is).
_SLASHED = re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?:/(?P<year>\d{4}))?(?![\d/])")


# Two days of one month: "the 8th and 15th of December", "le 8 et le 15 décembre", "am 8. und 15. Dezember".
_SHARED_MONTH = re.compile(
    r"\b(?P<first>[0-3]?\d)(?:st|nd|rd|th|\.)?\s+(?:and|et|y|e|und|en|&)\s+(?:the\s+|le\s+|el\s+|il\s+|den\s+)?"
    rf"{_DAY}\s+(?:of\s+|de\s+)?{_MONTH}",
    re.IGNORECASE,
)
_SINCE = re.compile(r"\b(?:since|seit|depuis|desde|sinds|dal)\s+(?:the\s+)?$", re.IGNORECASE)
_NEAR_DAYS = 42  # a plan's dates fall within six weeks; the other reading of "2/12" (12 February) does not


def stated_dates(request: str, today: dt.date) -> set[dt.date]:
    """Every calendar date the request states ("Dec 16", "16 December", "the 16th", "16.12.", "17/12", "2026-12-16"),
    the next such day after ``today`` when it gives no year; a part of the request read as one date is not read
    again ("the 3rd of January" is not also "the 3rd")."""
    found: set[dt.date] = set()
    spans: list[tuple[int, int]] = []
    for pattern in _STATED:
        for match in pattern.finditer(request):
            if any(start < match.end() and match.start() < end for start, end in spans):
                continue
            parts = match.groupdict()
            if _SINCE.search(request[: match.start()]):
                continue  # "every link shared since 1 October": a date past, in what is said, not a due date
            if parts.get("tail") and f"{parts['month']}{parts['tail']}".lower() not in _MONTH_WORDS:
                continue  # "12. Marta should see …": a name, not March
            if parts.get("month"):
                month = _MONTH_NUMBER[parts["month"].lower()]
            elif parts.get("mon"):
                month = int(parts["mon"])
            else:
                month = today.month
            day = _next_day(int(parts["day"]), month, int(parts["year"]) if parts.get("year") else None, today,
                            roll_month=not (parts.get("month") or parts.get("mon")))  # fmt: skip
            spans.append(match.span())
            if day is not None:
                found.add(day)
    for match in _SHARED_MONTH.finditer(request):  # "le 8 et le 15 décembre": the 8th is of December too
        if re.search(r"(?:step|action|item|task|point|#)\s*$", request[: match.start()], re.IGNORECASE):
            continue  # "step 2 and 3 December": a step's number
        day = _next_day(int(match["first"]), _MONTH_NUMBER[match["month"].lower()], None, today, roll_month=False)
        if day is not None:
            found.add(day)
    for match in _SLASHED.finditer(request):
        a, b = int(match["a"]), int(match["b"])
        if (a > 12 and b > 12) or any(start < match.end() and match.start() < end for start, end in spans):
            continue
        year = int(match["year"]) if match["year"] else None
        readings = {_next_day(day, month, year, today, roll_month=False) for day, month in ((a, b), (b, a))
                    if month <= 12}  # fmt: skip
        # "2/12" is 2 December or 12 February: the one in the weeks a plan spans, when only one is
        near = {d for d in readings if d is not None and (d - today).days <= _NEAR_DAYS}
        if len(readings - {None}) == 1 or len(near) == 1:
            found.add((near or readings - {None}).pop())  # type: ignore[arg-type]
    return found


def stated_date(request: str, today: dt.date, known: set[dt.date] | frozenset[dt.date] = frozenset()) -> dt.date | None:
    """The one calendar date the request states (:func:`stated_dates`); when it states several, the one that is not
    ``known`` already ("won't be done by the 11th, can we say 18/12" is the 18th when the 11th is the due date);
    None when it states none, or several new ones."""
    found = stated_dates(request, today)
    if len(found) > 1:
        found -= set(known)
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
