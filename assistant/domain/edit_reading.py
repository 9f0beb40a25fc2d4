"""What the program reads in a refine request by itself, in the user's own words, whatever the model answers.

People rarely say "set the tone to warm". They say "it reads a bit like a form letter", "she lives in Slack",
"trim it so it fits on one screen", "the checklist needs another ten days, the gate is fine where it is". A small
model turns such requests into the wrong edit or the wrong value often (a rewrite of every section for "too cold",
a shift of the check-ins for "the checklist needs another week"). The program reads:

- a **tone**, **length** or **channel** from cues (:func:`read_tone`, :func:`read_length`, :func:`read_channel`):
  what the user asks for ("more human", "to the point") or what they find wrong ("cold", "too casual");
- a **date change** with everything it needs (:func:`read_dates`): how far and which way, or the calendar day,
  and of what (every due date, the check-ins, or the one action the request names);
- **dropping** the one action the request names, or **handing it over** to the one person it names
  (:func:`read_plan_edits`);
- a request Regain **cannot do** (:func:`cannot_do`): send, schedule, fax or print the message.

:func:`read_edits` gives the edits read; they replace the model's edits of the same kind. Anything it does not
read is left to the model, whose edits are then checked (:mod:`assistant.domain.edit_scope`) and put right
(:mod:`assistant.domain.edit_values`). It reads English, German, Spanish and French cues.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from assistant.domain.edit_scope import named_action
from assistant.domain.edit_types import (
    AddAction,
    DropAction,
    Edit,
    RewordAction,
    SetChannel,
    SetDate,
    SetLength,
    SetMeasure,
    SetOwner,
    SetTone,
    ShiftDates,
)
from assistant.domain.edit_values import relative_shift, stated_date, stated_dates
from assistant.domain.schema import Draft


def _cues(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


# What the text is, when the user finds it wrong ("reads a bit cold"), and what they want it to be.
_SEEMS = r"(?:reads?|sounds?|feels?|seems?|comes? across|looks?|is|it's|its|too|bit|kind of|kinda|so|very|little)"
_TONE_CUES: dict[str, re.Pattern[str]] = {
    "warm": _cues(
        r"warm", r"kind(?:er|ly|ness)?\b(?! of)", r"soft(?:en|er)", r"friendl", r"gentle",
        r"(?:more|sound|sounds|feel|feels|less|so) human", r"human touch", r"like a (?:human|person)",
        r"(?:more|less|too) personal", r"personal touch", r"caring", r"(?:i|that i) (?:actually |really |truly )?care",
        r"how (?:this|it|much it) (?:hit|affected)", r"empath", r"heartfelt", r"from the heart",
        r"cold", r"frosty", r"icy", r"clinical", r"robotic", r"stiff", r"impersonal", r"form letter",
        r"(?:like|as if) (?:i'm |i am |i was )?(?:filing|writing|reading) a report",
        r"(?:too|so|very|sounds?|reads?) corporate", r"harsh", rf"{_SEEMS} (?:\w+ ){{0,2}}blunt",
        r"herzlich", r"wärmer", r"freundlich", r"menschlich", r"persönlicher", r"kalt", r"distanziert",
        r"cálid", r"calid", r"amable", r"cariño", r"cercan", r"(?:me |le )importa", r"fr[ií]o", r"fr[ií]a",
        r"chaleureu", r"aimable", r"humain", r"froid",
    ),
    "formal": _cues(
        r"formal", r"professional", r"polished", r"buttoned", r"too casual", r"chatty", r"informal", r"sloppy",
        r"too relaxed", r"förmlich", r"formell", r"professionell", r"salopp", r"lässig", r"profesional", r"formel",
        r"professionnel", r"soutenu",
    ),
    "direct": _cues(
        r"direct(?:er|ly)?\b(?! message)", r"to the point",
        r"(?:say|tell|put|want|wants|like|likes|give|be) (?:it |this |things |me )?straight",
        r"straight(?:forward| to the point| talk)", r"cushion", r"hedg", r"tiptoe", r"around the bush", r"sugar ?coat",
        r"waffl", r"fluff", r"padding", r"cut to the chase", r"get to the point", r"spit it out", r"wishy",
        r"too soft", r"too apologetic", r"grovel", r"(?:be|more|brutally) blunt", r"blunter",
        r"direkt", r"auf den punkt", r"klartext", r"sin rodeos", r"directo\b", r"droit au but", r"sans détour",
    ),
    "neutral": _cues(
        r"neutral", r"less emotional", r"tone it down", r"dial it back", r"too emotional", r"over the top",
        r"dramatic", r"matter[- ]of[- ]fact", r"even[- ]keeled", r"measured", r"less edge", r"calmer", r"sachlich",
        r"neutre", r"menos emotiv",
    ),
}  # fmt: skip
# Hints of a tone, not words about it: who will read it ("the VP", "that kind of audience"), how the leader was
# ("she was really decent about it"). Read only in a request that asks for nothing the model must write, since
# "add that the VP thanked support" states a fact.
_TONE_HINTS: dict[str, re.Pattern[str]] = {
    "warm": _cues(
        r"appreciat", r"grateful", r"thank", r"support(?:ed|ive) me",
        r"(?:been|was|is|were) (?:\w+ ){0,2}(?:decent|kind(?! of)|supportive|patient|gracious|understanding|generous)",
    ),
    "formal": _cues(
        r"executive", r"up the chain", r"the vp\b", r"vps?\b", r"leadership", r"senior (?:management|leaders)",
        r"the board\b", r"ceo\b", r"cfo\b", r"cto\b", r"audience", r"hold up in front", r"geschäftsführ",
        r"vorstand", r"direction\b", r"officer\b", r"(?:incident|personnel|official|hr) (?:file|record)", r"on record",
        r"regulator", r"compliance team",
    ),
}  # fmt: skip


def _one(cues: dict[str, re.Pattern[str]], text: str, current: str | None) -> str | None:
    """The one value whose cues the text has; the current value is not asked for when another is."""
    found = [value for value, pattern in cues.items() if pattern.search(text)]
    if len(found) > 1 and current in found:
        found.remove(current)
    return found[0] if len(found) == 1 else None


def read_tone(request: str, current: str | None = None, *, hints: bool = True) -> str | None:
    """The one tone the request asks for, in its own words ("more human", "no cushioning") or by what it finds wrong
    ("it reads cold", "too casual"), or with ``hints`` by who reads it or how the leader was ("it has to hold up in
    front of the VP"); None when it reads none, or two (besides the ``current`` one)."""
    tone = _one(_TONE_CUES, request, current)
    if tone is None and hints and not any(p.search(request) for p in _TONE_CUES.values()):
        tone = _one(_TONE_HINTS, request, current)
    return tone


_LONGER = _cues(
    r"longer", r"flesh(?:ed)? (?:it |this )?out", r"more detail", r"detailed", r"expand", r"elaborat", r"thin\b",
    r"more to it", r"too short", r"too brief", r"say more", r"more context", r"not (?:long|detailed) enough",
    r"länger", r"ausführlich", r"más largo", r"más detall", r"plus long", r"plus de détails", r"développ",
)  # fmt: skip
_SHORTER = _cues(
    r"shorter", r"shorten", r"(?:make|keep|be) (?:it |this )?(?:\w+ )?short\b", r"short and sweet", r"trim",
    r"cut (?:it |this |that |the message |the email )?(?:down|back)", r"condens",
    r"tighten", r"concise", r"briefer", r"(?:keep|make) it brief", r"be brief", r"too long", r"long-?winded",
    r"wordy", r"verbose", r"wall of text", r"tl;?dr", r"one screen", r"skim", r"a lot to (?:get through|read|take in)",
    r"fewer words", r"less text", r"too much text", r"pare (?:it )?down",
    r"kürzer", r"kürz", r"knapp", r"zu lang", r"más corto", r"más breve", r"acorta", r"demasiado largo",
    r"plus court", r"raccourc", r"trop long",
)  # fmt: skip


_NOT_LENGTH = _cues(
    r"(?:take|takes|taking|took|need|needs|last|lasts) (?:a (?:bit|little|lot) )?longer",
    r"longer than",
    r"no longer",
    r"short (?:on|of) ",
    r"short-?term",
    r"shortly",
    r"in short",
)


def read_length(request: str) -> Literal["shorter", "longer"] | None:
    """ "shorter" or "longer" when the request asks for that in its own words ("trim it so it fits on one screen",
    "flesh it out", "feels a little thin"), not of time ("the checklist will take longer"); None when it reads
    neither, or both."""
    request = _NOT_LENGTH.sub(" ", request)
    longer = bool(_LONGER.search(request))
    shorter = bool(_SHORTER.search(_LONGER.sub(" ", request)))
    if longer == shorter:
        return None
    return "longer" if longer else "shorter"


_CHANNEL_CUES: dict[str, re.Pattern[str]] = {
    "chat": _cues(
        r"chat", r"slack", r"(?:on|in|via|over|a) teams\b", r"teams message", r"dms?\b", r"direct message", r"pm\b",
        r"whatsapp", r"instant message",
    ),
    "talking_points": _cues(
        r"talking points?", r"bullets?\b", r"bullet points?", r"1:1\b(?!s)", r"1-on-1\b(?!s)", r"one[- ]on[- ]one",
        r"de vive voix", r"points? à aborder", r"liste de points", r"puntos", r"stichpunkt",
    ),
    "email": _cues(r"e-?mail", r"mail\b", r"courriel", r"correo"),
}  # fmt: skip
# Hints of a channel: how it will be said ("in person", "while we talk"); read as _TONE_HINTS are.
_CHANNEL_HINTS: dict[str, re.Pattern[str]] = {
    "chat": _cues(r"text (?:her|him|them)\b", r"paste (?:it |this )?(?:there|in|into)"),
    "talking_points": _cues(
        r"in person", r"face to face", r"to (?:her|his|their|your) face",
        r"say (?:it|this) (?:to (?:her|him|them) )?(?:out loud|aloud)", r"work from (?:it|them)", r"glance at",
        r"notes? (?:for|to talk|i can talk)", r"talk (?:it |this )?through", r"en persona", r"cara a cara",
        r"persönlich", r"im gespräch", r"unter vier augen",
    ),
}  # fmt: skip
# The channel the request leaves: "instead of an email", "she never checks her inbox", "rather than type it out".
_LEFT = _cues(
    r"(?:instead of|rather than|not as|not an?|statt|anstatt|en lugar de|en vez de|au lieu d)\b[^,.;!?]*",
    r"(?:never|rarely|doesn't|does not|won't|hardly (?:ever )?)\s+(?:\w+\s+){0,3}(?:e-?mails?|inbox|mail)\b",
)


def read_channel(request: str, current: str | None = None, *, hints: bool = True) -> str | None:
    """The one channel the request asks for ("she lives in Slack", "a few bullets for our 1:1"; with ``hints``, "I'll
    say it in person"), not the one it leaves ("instead of an email", "she never checks her inbox", or the
    ``current`` one when it names another); None when it reads none, or two."""
    asked = _LEFT.sub(" ", request)
    channel = _one(_CHANNEL_CUES, asked, current)
    if channel is None and hints:
        found = {value for value, p in {**_CHANNEL_CUES, **_CHANNEL_HINTS}.items() if p.search(asked)}
        found = {value for value in found if value != current} if len(found) > 1 else found
        channel = found.pop() if len(found) == 1 else None
    return channel


_CANNOT = _cues(
    r"(?:^|(?<=[.!?;,])\s*|(?:can|could|would|will) (?:you|u)\s+(?:just\s+)?|please\s+|pls\s+|and\s+)"
    r"(?:send|schedule|fax|print|deliver|post|forward|mail|e-?mail)\s+"
    r"(?:it|this|that|the (?:message|email|draft|note))\b",
    r"by fax", r"\bfax\b", r"send (?:it|this) (?:for me|to (?:her|him|them))",
    r"übersetz", r"translate", r"tradu[cz]",
    r"(?:pull|fetch|grab|get|look up|query|export)\b[^.?!]{0,40}\bfrom\s+(?:grafana|datadog|jira|splunk|kibana|sentry|"
    r"salesforce|confluence|the (?:logs?|dashboards?|database|crm|metrics))",
)  # fmt: skip


# "I'll send this to him over Teams": the user sends it; that is no request to Regain.
_I_WILL = re.compile(r"\bi(?:'ll|'d| will| would| can| am going to|'m going to| plan to)\b", re.IGNORECASE)


def cannot_do(request: str) -> str | None:
    """What Regain cannot do that the request asks for (send, schedule, fax or print the message; translate it; look
    up numbers in another tool),
    said plainly with what to do instead; None when it asks for nothing of that kind."""
    clauses = re.split(r"(?<=[.!?;])\s+", request)
    if not any(_CANNOT.search(c) and not _I_WILL.search(c) for c in clauses):
        return None
    if re.search(
        r"\bfrom\s+(?:grafana|datadog|jira|splunk|kibana|sentry|salesforce|confluence|the )", request, re.IGNORECASE
    ) and not re.search(r"\b(?:send|schedule|fax|print)\b", request, re.IGNORECASE):
        return ("Regain cannot look things up in other tools: look up the numbers yourself and ask to add them "
                "(\"add that …\")")  # fmt: skip
    if re.search(r"übersetz|translat|tradu", request, re.IGNORECASE):
        return ("Regain writes the message in the language of your notes and cannot translate it: write the notes in "
                "that language and draft again")  # fmt: skip
    return ("Regain writes the message but cannot send, schedule, fax or print it: copy it into your email or chat "
            "and send it yourself")  # fmt: skip


_CHECKINS = _cues(r"check[- ]?ins?\b", r"catch-?ups?", r"report(?:ing)?(?:-| )backs?", r"syncs?\b", r"rückmeld",
                  r"seguimientos?", r"points? d'étape", r"suivis?\b")  # fmt: skip
_PLAN_WORDS = _cues(r"deadlines?", r"due dates?", r"dates", r"the plan", r"actions", r"tasks", r"items",
                    r"fristen", r"termine", r"aufgaben", r"aktionen", r"fechas", r"plazos", r"acciones", r"tareas",
                    r"échéances", r"tâches")  # fmt: skip
_EVERY = _cues(r"every", r"all\b", r"both\b", r"everything", r"everyth\w*", r"whole", r"timeline", r"the plan\b",
               r"each of", r"alle[ns]?\b", r"beide", r"jede[nrs]?\b", r"todas?\b", r"todos\b", r"cada\b", r"toutes?\b",
               r"tous\b", r"chaque\b")  # fmt: skip
# A clause that keeps something as it is: "the CI gate is fine where it is", "die Fristen bitte so lassen".
_KEEP = re.compile(
    r"[^.;!?,]*\b(?:fine (?:where|as) (?:it|they) (?:is|are)|stays?\b|as (?:it|they) (?:is|are)|keep|leave|unchanged|"
    r"don'?t (?:touch|move|change)|so lassen|bleib|lass\w*|dejar?|deja|igual|laisse[rz]?|tel quel)[^.;!?,]*",
    re.IGNORECASE,
)
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4,
             "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4,
             "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4,
             "tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4}  # fmt: skip
_WEEKDAY = re.compile(r"\b(" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")s?\b\.?", re.IGNORECASE)
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1,
            "erste": 1, "ersten": 1, "zweite": 2, "zweiten": 2, "dritte": 3, "letzte": -1, "letzten": -1,
            "primer": 1, "primera": 1, "segunda": 2, "segundo": 2, "premier": 1, "première": 1,
            "deuxième": 2}  # fmt: skip
_ONE_CHECKIN = re.compile(r"\b(" + "|".join(_ORDINAL) + r")\s+(?:check[- ]?in|catch-?up|sync|rückmeldung|seguimiento)",
                          re.IGNORECASE)  # fmt: skip
_NEXT_WEEKDAY = re.compile(
    r"\b(?:next|due|by|until|to|till|this coming|bis|para el|pour)\s+(?:next\s+|el\s+|le\s+)?("
    + "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_DAY_AFTER = _cues(r"the day after", r"a day later", r"the next day", r"am tag danach", r"el día siguiente",
                   r"le lendemain")  # fmt: skip
_DAY_BEFORE = _cues(r"the day before", r"a day earlier", r"am tag davor", r"el día anterior", r"la veille")
# A new action: its date is the new action's, for the model (:data:`_FOR_THE_MODEL`).
_NEW_ACTION = _cues(r"one more (?:thing|step|action|item|task)",
                    r"(?:another|new|extra|additional) (?:action|step|item|task)",
                    r"add (?:an? |one |this )?(?:action|step|item|task)", r"for the plan\s*:",
                    r"to the plan\b")  # fmt: skip
_SAME_WEEK = _cues(r"(?:those|that|the same|each|their) weeks?", r"(?:der|dieser|jener) woche", r"esa semana",
                   r"cette semaine", r"instead", r"each time", r"every time", r"jedes mal", r"cada vez",
                   r"chaque fois")  # fmt: skip
# The day a request leaves: "on the tuesday instead of the monday".
_LEFT_DAY = re.compile(
    r"\b(?:instead of|rather than|not on|statt|en lugar del?|au lieu du)\s+(?:the\s+|a\s+|el\s+|le\s+)?\w+",
    re.IGNORECASE,
)


def without_cannot(request: str) -> str:
    """The request without the clause that asks for what Regain cannot do ("send this to the VP by fax")."""
    return " ".join(
        c for c in re.split(r"(?<=[.!?;,])\s+", request) if not (_CANNOT.search(c) and not _I_WILL.search(c))
    )


def read_dates(request: str, draft: Draft) -> list[Edit]:
    """The date edits the request states with everything they need, else []: how far and which way ("another ten
    days", "zwei Tage früher"), or the calendar day ("wednesday the 16th", "17/12"); and of what: the check-ins,
    every due date, or the one action the request names by its words (a clause that keeps something as it is, "the
    gate is fine where it is", names nothing). The check-ins on another weekday of their weeks too."""
    if _NEW_ACTION.search(request):
        return []
    asked = _KEEP.sub(" ", request)
    action = _named(_CHECKINS.sub(" ", asked), draft)
    checkins = (
        bool(_CHECKINS.search(asked))
        and action is None
        and not _PLAN_WORDS.search(asked)
        and not re.search(r"\beverything\b|\ball of it\b", asked, re.IGNORECASE)
    )  # "push everything out a week, check-ins too": the plan, and the check-ins follow
    known = {a.due for a in draft.plan} | {c.date for c in draft.report_back}
    if action is None and not checkins:  # "won't be done by the 11th": the action due on the 11th
        action = _due_on(stated_dates(asked, draft.today), draft)
    if checkins and (one := _one_checkin(asked, draft, known)) is not None:
        return [one]
    if checkins:
        said = " ".join(c for c in re.split(r"(?<=[.!?;,])\s+", asked) if _CHECKINS.search(c))
        weekday = {w.lower() for w in _WEEKDAY.findall(_LEFT_DAY.sub(" ", said))}
        if len(weekday) == 1 and _SAME_WEEK.search(said):
            day = _WEEKDAYS[weekday.pop()]
            moved = [c.date + dt.timedelta(days=day - c.date.weekday()) for c in draft.report_back]
            return [SetDate(target="checkin", number=i, date=d) for i, d in enumerate(moved, 1) if d > draft.today]
    shift = relative_shift(request)
    if shift is not None:
        amount, unit = shift
        if checkins:
            return [ShiftDates(target="checkins", amount=amount, unit=unit)]
        if action is not None and not _EVERY.search(asked):
            return [ShiftDates(target="action", action=action, amount=amount, unit=unit)]
        if action is None and (_EVERY.search(asked) or _PLAN_WORDS.search(asked)):
            return [ShiftDates(target="plan", amount=amount, unit=unit)]
        return []
    day = stated_date(request, draft.today, known)
    if day is None and not stated_dates(request, draft.today):  # a weekday only when no calendar date is stated
        day = _next_weekday(asked, draft.today)
    if day is not None and action is not None and not checkins:
        return [SetDate(target="action", number=action, date=day)]
    return []


def _named(request: str, draft: Draft) -> int | None:
    """The one action the request names by its words (:func:`named_action`); the leader's name names none ("Renata
    can't stand hedging" is not about "Tell Renata about the missed deadline")."""
    for name in (draft.facts.leader_name or "").split():
        request = re.sub(rf"\b{re.escape(name)}\b", " ", request, flags=re.IGNORECASE)
    return named_action(request, [a.action for a in draft.plan])


def asks_to_drop(request: str) -> bool:
    """True when the request asks to drop something ("scrap", "get rid of", "not needed"), not only says "without"."""
    return bool(_DROP.search(request))


def mentions_checkins(request: str) -> bool:
    """True when the request speaks of the check-ins ("the first check in", "our catch-ups")."""
    return bool(_CHECKINS.search(request))


def _due_on(days: set[dt.date], draft: Draft) -> int | None:
    """The number of the one action due on one of ``days``, else None."""
    due = {i for i, a in enumerate(draft.plan, 1) if a.due in days}
    return due.pop() if len(due) == 1 else None


def _next_weekday(request: str, today: dt.date) -> dt.date | None:
    """The day "next thursday", "on Friday" or "by Wednesday" is: the first such day after ``today`` (one weekday)."""
    days = {_WEEKDAYS[m.lower()] for m in _NEXT_WEEKDAY.findall(request)}
    if len(days) != 1:
        return None
    return today + dt.timedelta(days=(days.pop() - today.weekday() - 1) % 7 + 1)


def _one_checkin(request: str, draft: Draft, known: set[dt.date]) -> SetDate | None:
    """The one check-in the request names by its place ("the first check-in") on the day it states ("the 8th", "the
    day after the 7th"), else None."""
    places = {_ORDINAL[m.lower()] for m in _ONE_CHECKIN.findall(request)}
    if len(places) != 1 or not draft.report_back:
        return None
    place = places.pop()
    number = len(draft.report_back) if place < 0 else place
    if number > len(draft.report_back):
        return None
    current = draft.report_back[number - 1].date
    days = stated_dates(request, draft.today)
    if len(days) > 1:
        days -= known
    said = " ".join(c for c in re.split(r"[.!?;,]\s+|\s+-+\s+", request) if _ONE_CHECKIN.search(c))
    weekday = {_WEEKDAYS[w.lower()] for w in _WEEKDAY.findall(_LEFT_DAY.sub(" ", said))}
    if len(days) == 1 and not (days <= known and len(weekday) == 1):
        day = days.pop()
        if _DAY_AFTER.search(request) != _DAY_BEFORE.search(request):  # "out on the 7th, so the day after"
            day += dt.timedelta(days=1 if _DAY_AFTER.search(request) else -1)
    elif len(weekday) == 1:  # "on wed instead": that day of its week
        day = current + dt.timedelta(days=weekday.pop() - current.weekday())
    else:
        return None
    return SetDate(target="checkin", number=number, date=day) if day > draft.today and day not in known else None


def read_edits(request: str, draft: Draft) -> list[Edit]:
    """The edits the program reads in the request by itself (one of each kind at most): the tone, the length, the
    channel (when it is not the draft's already), the dates, or else dropping or handing over the action it names;
    a clause asking for what Regain cannot do (:func:`cannot_do`) is not read."""
    request = without_cannot(request)
    edits: list[Edit] = []
    hints = not _FOR_THE_MODEL["other"].search(request)  # "add that she thanked me": a fact, not a tone
    tone = read_tone(request, draft.options.tone, hints=hints)
    if tone is not None and tone != draft.options.tone:
        edits.append(SetTone(tone=tone))  # type: ignore[arg-type]
    length = read_length(request)
    if length is not None:
        edits.append(SetLength(length=length))
    channel = read_channel(request, draft.options.channel, hints=hints)
    if channel is not None and channel != draft.options.channel:
        edits.append(SetChannel(channel=channel))  # type: ignore[arg-type]
    dates = read_dates(request, draft)
    return edits + dates + ([] if dates else read_plan_edits(request, draft))


_DROP = _cues(
    r"drop", r"remove", r"delete", r"scrap", r"(?:take|leave) (?:\w+ ){0,5}out\b", r"get rid", r"skip (?:the|that)",
    r"cut (?:the|that|this) (?!message|email|note|text)", r"n[o']t (?:be )?needed", r"no longer need", r"don'?t need",
    r"overkill", r"streich", r"entfern", r"lösch", r"quita", r"elimin", r"borra", r"supprim", r"enlève",
)  # fmt: skip
_OWNER = _cues(
    r"owner", r"own(?:s|ing)?\b", r"assign", r"put (?:him|her|them|me) down", r"take (?:over|on)\b",
    r"hand (?:it|that|this) (?:to|over)", r"offered to",
    r"will (?:take|own|handle|run|do) (?:the|that|this|it|over)",
    r"(?:he|she|they)(?:'ll| will) (?:do|write|run|handle|take)",
    r"zuständig", r"verantwortlich", r"übernimmt", r"responsable", r"encarg", r"s'en charge",
)  # fmt: skip
# Capitalised words that begin sentences or name things, not people ("Actually", "The", "CI").
_NOT_NAMES = frozenset(
    (
        "i", "i'm", "i'll", "i'd", "the", "a", "an", "and", "but", "so", "also", "actually", "can", "could", "would",
        "will", "please", "put", "make", "give", "let", "have", "assign", "hand", "she", "he", "they", "we", "it",
        "this", "that", "just", "ok", "okay", "hmm", "since", "because", "yes", "no", "maybe", "then", "now", "our",
        "my", "her", "his", "their", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "ci",
        "qa", "vp", "cto", "ceo", "cfo", "slack", "teams",
    )
)  # fmt: skip


def _person(request: str, draft: Draft) -> str | None:
    """The one person the request names (a capitalised word that is not a common word, the leader, or a word of the
    plan), else None."""
    leader = (draft.facts.leader_name or "").lower().split()
    plan_words = {w.lower() for a in draft.plan for w in re.findall(r"[A-Za-z]+", a.action)}
    names = {
        w for w in re.findall(r"\b[A-Z][a-zà-ÿ]+\b", request)
        if w.lower() not in _NOT_NAMES and w.lower() not in leader and w.lower() not in plan_words
    }  # fmt: skip
    return names.pop() if len(names) == 1 else None


_MEASURE = _cues(r"measure", r"metric", r"success", r"done when", r"proof", r"evidence", r"how (?:we|you|she|he) know",
                 r"messgr", r"kennzahl", r"nachweis", r"medida", r"prueba", r"mesure", r"preuve", r"criteri",
                 r"critère")  # fmt: skip
_REWORD = _cues(r"reword", r"rephrase", r"rename", r"wording", r"word it", r"rewrite", r"change (?:\w+ ){0,3}to\b",
                r"swap (?:it|that|this|that one)? ?(?:for|with)\b", r"too vague", r"what i (?:actually |really )?mean",
                r"replace (?:\w+ ){0,3}with\b", r"umformulier", r"reformul",
                r"cambia (?:\w+ ){0,3}(?:a|por)\b")  # fmt: skip
_ACTION_PLACE = re.compile(r"\b(?:the\s+)?(" + "|".join(_ORDINAL) + r")\s+(?:step|action|item|task|one|point)\b",
                           re.IGNORECASE)  # fmt: skip
_ACTION_NUMBER = re.compile(r"\b(?:step|action|item|task|point)\s*#?\s*(\d)\b", re.IGNORECASE)


def _placed_action(request: str, draft: Draft) -> int | None:
    """The one action the request names by its place ("the 2nd step", "the last action"), else None."""
    places = {_ORDINAL[m.lower()] for m in _ACTION_PLACE.findall(request)} | {
        int(n) for n in _ACTION_NUMBER.findall(request)
    }
    if len(places) != 1 or not draft.plan:
        return None
    place = places.pop()
    number = len(draft.plan) if place < 0 else place
    return number if number <= len(draft.plan) else None


# The new wording, after a colon, in quotes or after "be that": 'the measure should be: a test deploy is blocked',
# '… be "X"', 'I'd rather the proof be that the tracker lists every deadline'.
_NEW_WORDING = re.compile(
    r"""(?::\s*|["“](?=[^"”]{8,}["”])|\b(?:be|is|are) that\s+|\b(?:should|must|has to|needs to) be\s+|"""
    r"""\b(?:swap|replace) (?:it|that|this|that one) (?:for|with)\s+|\bmean(?:t)?(?: to do)? is\s+(?:to\s+)?)"""
    r"""(?P<text>[^"”:]{8,200}?)["”]?\s*[.!]?\s*$"""
)


def _worded(request: str, draft: Draft, cue: re.Pattern[str]) -> tuple[int, str] | None:
    """The action and the new wording the request gives for it in so many words (after a colon, in quotes, or after
    "be that"), when ``cue`` says what the wording is for before it; else None."""
    wording = _NEW_WORDING.search(request)
    if wording is None or not cue.search(request[: wording.start("text")]):
        return None
    before = request[: wording.start("text")]
    action = _placed_action(before, draft) or _named(before, draft)
    text = " ".join(re.split(r"(?<=[a-z)])\.\s+", wording["text"])[0].split()).rstrip(".")
    if action is None or len(text.split()) < 3:
        return None
    return action, text[:1].upper() + text[1:]


_DONE_WHEN = re.compile(r",?\s*(?:done when|measured by|measure:|success is|success means|so that|erledigt wenn|"
                        r"terminé quand|hecho cuando)\s*", re.IGNORECASE)  # fmt: skip
_BY_DATE = re.compile(r",?\s*\b(?:by|due|until|bis|para el|avant le)\s+[^,.;]*$", re.IGNORECASE)


def _new_action(request: str, draft: Draft) -> AddAction | None:
    """A new action the request gives in so many words, with its measure ("Add an action: run a deploy drill, done
    when the drill log shows a blocked deploy"; a due date at its end is the action's), else None."""
    colon = request.find(":")
    if colon < 0 or not _NEW_ACTION.search(request[:colon]):
        return None
    parts = _DONE_WHEN.split(request[colon + 1 :].strip(), maxsplit=1)
    if len(parts) != 2:  # no measure: for the model
        return None
    action, measure = (" ".join(p.split()).strip(" .") for p in parts)
    due = stated_date(request[colon:], draft.today)
    action = _BY_DATE.sub("", action).strip(" .") if due else action
    measure = _BY_DATE.sub("", measure).strip(" .") if due else measure
    if len(action.split()) < 3 or len(measure.split()) < 3:
        return None
    return AddAction(action=action[:1].upper() + action[1:], measure=measure[:1].upper() + measure[1:], due=due)


def read_plan_edits(request: str, draft: Draft) -> list[Edit]:
    """Dropping or handing over the one action the request names by its words or place ("scrap the support briefing,
    it's overkill"; "Jonas offered to write the checklist, put him down for it"; "get rid of the 2nd step"), or its
    new measure or wording in so many words ("the measure should be: …", "change that step to: …"), or a new action
    with its measure ("add an action: …, done when …"); else []."""
    if (added := _new_action(request, draft)) is not None:
        return [added]
    if (measure := _worded(request, draft, _MEASURE)) is not None:
        return [SetMeasure(number=measure[0], measure=measure[1])]
    if (reword := _worded(request, draft, _REWORD)) is not None:
        return [RewordAction(number=reword[0], action=reword[1])]
    asked = _CHECKINS.sub(" ", _KEEP.sub(" ", request))
    action = _placed_action(asked, draft) or _named(asked, draft)
    if action is None:
        return []
    if _OWNER.search(request) and (person := _person(request, draft)) is not None:
        return [SetOwner(number=action, owner=person)]
    if _DROP.search(request) and not _OWNER.search(request):
        return [DropAction(number=action)]
    return []


# What only the model can do, by kind: a new measure, action or fact in the user's words, a rewording, a section;
# and dropping an action or handing it over, when the program did not read which, or to whom.
_FOR_THE_MODEL: dict[str, re.Pattern[str]] = {
    "drop": _DROP,
    "owner": _OWNER,
    "measure": _cues(r"measure", r"metric", r"done when", r"success", r"evidence", r"proof", r"messgr", r"kennzahl"),
    "reword": _REWORD,
    "other": _cues(
        r"how (?:we|you|she|he|they) (?:will |would )?know", r"add", r"mention", r"note that", r"include",
        r"for the record", r"fyi", r"also say", r"one more (?:thing|step|action|item|task)",
        r"(?:another|new|extra|additional) (?:action|step|item|task)", r"for the plan\s*:", r"lesson", r"subject",
        r"headline", r"title", r"apolog", r"sorry", r"regret", r"opening", r"closing",
        r"(?:first|last) (?:paragraph|line|sentence)", r"sign-?off", r"greeting", r"ergänz", r"hinzu", r"erwähn",
        r"añad", r"agreg", r"menciona", r"ajout", r"mentionn",
    ),
}  # fmt: skip


def needs_model(request: str, read: list[Edit] | None = None) -> bool:
    """True when the request may ask for more than the program read by itself (``read``, from :func:`read_edits`):
    a new measure, action or fact, a rewording, a rewritten section, or dropping or handing over an action it did
    not read."""
    kinds = {DropAction: "drop", SetOwner: "owner", SetMeasure: "measure", RewordAction: "reword"}
    done = {kinds[type(e)] for e in read or [] if type(e) in kinds}
    if any(isinstance(e, AddAction) for e in read or []):  # "add an action: …, done when …": its measure too
        done |= {"other", "measure"}
    return any(pattern.search(request) for kind, pattern in _FOR_THE_MODEL.items() if kind not in done)
