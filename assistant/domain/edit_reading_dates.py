"""The dates a refine request states with everything they need (:func:`read_dates`), and the cues the readings of
:mod:`assistant.domain.edit_reading` share: the check-ins, a clause that keeps something as it is, an action named by
its place or its words, a new action.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from assistant.domain.edit_naming import named_action
from assistant.domain.edit_types import (
    Edit,
    SetDate,
    ShiftDates,
)
from assistant.domain.edit_values import counted, relative_shift, stated_date, stated_dates
from assistant.domain.schema import Draft
from assistant.domain.settle import working_day


def cues(*alternatives: str) -> re.Pattern[str]:
    """A pattern of any of ``alternatives``, each starting a word, in any case."""
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


CHECKINS = cues(r"check[- ]?ins?\b", r"catch-?ups?", r"report(?:ing)?(?:-| )backs?", r"syncs?\b", r"rückmeld",
                  r"seguimientos?", r"points? d'étape", r"points? de suivi", r"suivis?\b", r"terugkoppel")  # fmt: skip
_PLAN_WORDS = cues(r"deadlines?", r"due dates?", r"dates", r"(?:every|each) date\b", r"the plan",
                    r"the (?:whole|entire) (?:plan|timeline|schedule)", r"plan steps",
                    r"datums", r"het plan",
                    r"(?:both|all|all the|every|each of the) steps", r"actions", r"tasks",
                    r"items",
                    r"fristen", r"termine", r"aufgaben", r"aktionen", r"fechas", r"plazos", r"acciones", r"tareas",
                    r"échéances", r"tâches", r"scadenze", r"(?:del|il|el|le|du|im|do|o) (?:piano|plan|plano)\b",
                    r"prazos", r"termijnen")  # fmt: skip
_CHECKIN_DATES = cues(
    r"(?:check[- ]?ins?|report(?:ing)?[- ]backs?|catch-?ups?|syncs?)(?:\s+|-)(?:dates?|days?|termine?)"
)
# The check-ins along with what else is moved: "check-ins included", "the check-ins too", "and the check-ins".
_CHECKINS_TOO = cues(r"check[- ]?ins? (?:too|to(?=\s*(?:[.!?]|$))|included|as well|also)\b",
                     r"including (?:the )?check[- ]?ins?", r"and (?:both|all) (?:the )?check[- ]?ins\b",
                     r"check[- ]?ins? (?:mogen |gaan |kunnen )?(?:mee|ook)\b",
                     r"and (?:the )?check[- ]?ins?", r"check[- ]?ins? (?:inklusive|incluidos|compris)",
                     # "The check-ins can move along with it", "the check-ins should follow"
                     r"check[- ]?ins? (?:\w+ ){0,2}(?:move along|come along|go along|follow|move with)",
                     r"seguimientos? (?:tambi[eé]n|incluidos)", r"suivis? (?:aussi|compris|inclus)",
                     r"(?:check[- ]?ins?|rückmeldungen?|termine) auch\b")  # fmt: skip
_EVERY = cues(r"every", r"all\b", r"both\b", r"everything", r"everyth\w*", r"evr?ything", r"everthing", r"alles\b",
              r"whole(?! (?:week|day|month|sprint|afternoon|morning|evening|weekend)\b)", r"timeline", r"the plan\b",
               r"each of", r"alle[ns]?\b", r"beide", r"jede[nrs]?\b", r"todas?\b", r"todos\b", r"cada\b", r"toutes?\b",
               r"tous\b", r"chaque\b", r"tutt[eio]\b", r"tudo\b")  # fmt: skip
_EVERYTHING_I = re.compile(r"\beverything\s+(?:I|I've|I'd|we|we've|he|she|they)\b", re.IGNORECASE)
# A clause that keeps something as it is: "the CI gate is fine where it is", "die Fristen bitte so lassen".
# A clause that keeps something as it is, up to its end or a "but" ("keep the plan dates as they are but make my
# report-backs …": the check-ins are asked for).
KEEP = re.compile(
    r"(?:(?!\bbut\b)[^.;!?,])*\b(?:fine (?:where|as) (?:it|they) (?:is|are)|(?:is|are) fine\b|stays?\b|"
    r"as (?:it|they) (?:is|are)|keep|"
    r"leave|unchanged|don'?t (?:touch|move|change)|so lassen|bleib|lass\w*|dejar?|deja|igual|laisse[rz]?|tel quel|"
    r"ne bougent pas|ne bouge pas|restent|blijven|ficam|iguais|déja\w*|deix[ae]\w*|lascia\w*|come (?:sono|stanno)|"
    r"como est[aá]n|como estão|nicht (?:ändern|verschieben|anfassen)|non (?:toccare|cambiare|spostare)|"
    r"no (?:los |las )?(?:cambies|muevas|toques)|niet (?:veranderen|verschuiven|aanpassen)|"
    r"zoals (?:ze|het) (?:zijn|is)|"
    # one thing kept: "El gate de CI se queda como está", "resta com'è", "bleibt wie er ist", "reste tel quel"
    r"como est[aá]\b|se queda|com'è|rest[ae]\b|fica\b|wie (?:er|es|sie) (?:ist|sind)|"
    r"comme (?:il|elle|ils|elles) (?:est|sont))"
    r"(?:(?!\bbut\b)[^.;!?,])*",
    re.IGNORECASE,
)


def keeps_checkins(request: str) -> bool:
    """True when a clause of the request keeps the check-ins as they are ("leave the check-ins alone", "las fechas de
    seguimiento déjalas como están", "i check-in lasciali come sono")."""
    return any(CHECKINS.search(kept.group()) for kept in KEEP.finditer(request))


_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4,
             "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4,
             "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4,
             "lunedì": 0, "lunedi": 0, "martedì": 1, "martedi": 1, "mercoledì": 2, "mercoledi": 2, "giovedì": 3,
             "giovedi": 3, "venerdì": 4, "venerdi": 4,
             "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4,
             "segunda-feira": 0, "terça-feira": 1, "terça": 1, "quarta-feira": 2, "quinta-feira": 3, "sexta-feira": 4,
             "tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4}  # fmt: skip
# The weekday names, the longest first, as one pattern's alternatives.
_DAY_NAMES = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_WEEKDAY = re.compile(r"\b(" + _DAY_NAMES + r")s?\b\.?", re.IGNORECASE)
ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1,
            "erste": 1, "ersten": 1, "zweite": 2, "zweiten": 2, "dritte": 3, "letzte": -1, "letzten": -1,
            "primer": 1, "primera": 1, "segunda": 2, "segundo": 2, "premier": 1, "première": 1,
            "deuxième": 2, "troisième": 3, "dernier": -1, "dernière": -1, "tercer": 3, "tercero": 3, "tercera": 3,
            "último": -1, "última": -1, "primo": 1, "prima": 1, "secondo": 2, "seconda": 2, "terzo": 3, "terza": 3,
            "ultimo": -1, "ultima": -1, "eerste": 1, "tweede": 2, "derde": 3, "laatste": -1, "primeiro": 1,
            "primeira": 1, "terceiro": 3, "terceira": 3}  # fmt: skip
_ONE_CHECKIN = re.compile(r"\b(" + "|".join(ORDINAL) + r")\s+(?:check[- ]?in|catch-?up|sync|report[- ]?back|"
                          r"time I (?:report back|check in|update)|rückmeldung|seguimiento)",
                          re.IGNORECASE)  # fmt: skip
# A weekday that is the day itself: "by Wednesday", "next Wednesday", "to Wednesday". Not edit_values.DUE_WORDS,
# which introduce any due date: "before Wednesday" is not Wednesday, and "next", "to" or "pour" say a day only
# before a weekday ("to the team", "next step").
_NEXT_WEEKDAY = re.compile(
    r"(?:\b(?:next|due|by|until|to|till|this coming|bis|para el|pour|entro|até|per|(?:let'?s )?say|"
    r"(?:done|ready|finished|completed?|"
    r"live)(?: on)?|(?:el |le |la |o |a )?(?:próxim[oa]|prochaine?|nächsten?|kommenden?|volgende|komende|prossim[oa]))|"
    r"\bd['’]ici)\s+"
    r"(?:next\s+|el\s+|le\s+)?(" + _DAY_NAMES + r")(?!\w)"
    # "mercoledì prossimo", "mercredi prochain", "quarta que vem"
    r"|\b(" + _DAY_NAMES + r")\s+(?:prossim[oa]|prochain|que vem|próxim[oa])\b",
    re.IGNORECASE,
)
# "make it the Tuesday after": that weekday after the date the action has (not "Tuesday after the offsite").
_WEEKDAY_AFTER = re.compile(
    r"\b(?:the\s+)?(?P<day>" + _DAY_NAMES + r")\s+after(?:\s+(?:that|it|this))?\s*(?:[.!?,;]|$)", re.IGNORECASE
)
_DAY_AFTER = cues(r"the day after", r"a day later", r"the next day", r"am tag danach", r"el día siguiente",
                   r"le lendemain")  # fmt: skip
_DAY_BEFORE = cues(r"the day before", r"a day earlier", r"am tag davor", r"el día anterior", r"la veille")
# A new action: its date is the new action's, for the model (:data:`_FOR_THE_MODEL`).
NEW_ACTION = cues(r"one more (?:thing|step|action|item|task)",
                    r"(?:another|new|extra|additional) (?:action|step|item|task)",
                    r"add (?:an? |one |this )?(?:(?:second|third|fourth|fifth|2nd|3rd|4th|5th) )?"
                    r"(?:action|step|item|task)",
                    r"for the plan\s*:",
                    r"put (?:in )?(?:a|one more|another|an extra|a new) (?:action|step|item|task)",
                    r"in (?:its|it's|their) place\b",
                    r"put in (?:instead|its place)\b",
                    r"ajout\w* une (?:action|étape|tâche)",
                    r"(?:füg|ergänz)\w* (?:bitte |noch |doch )*(?:eine[nm]? )?(?:aktion|schritt|punkt)",
                    r"(?:añad|agreg)\w* (?:una |un )?(?:acción|tarea|paso)",
                    r"(?:mais um|novo|outro) passo", r"acrescent\w* (?:um |mais um )?(?:passo|ação|item)",
                    r"nog een (?:stap|actie)", r"(?:voeg|toevoeg)\w* (?:een )?(?:stap|actie)",
                    r"aggiung\w* (?:un['’]\s?|una |un |un altro |un'altra )?(?:terz[oa] |quart[oa] )?"
                    r"(?:azione|passo|punto|step)",
                    r"add one more(?=\s*(?::|$))",
                    r"to the plan\b")  # fmt: skip
# The check-ins on the days the actions are due, not the working day after.
_ON_DUE_DAY = cues(
    r"on the (?:\w+ )?(?:day )?(?:each|every|the) (?:step|action|item|task|one)s? (?:is|are|falls?) (?:actually )?due",
    r"on (?:the|their|its) (?:own )?due (?:dates?|days?)",
    r"an (?:denen|dem) (?:\w+ ){0,3}fällig",  # "auf die Freitage, an denen die jeweiligen Schritte fällig sind"
    r"(?:the )?same day (?:as )?(?:the )?(?:step|action|it|they)s? "
    r"(?:is|are )?due",
)
_SAME_WEEK = cues(r"(?:those|that|the same|each|their) weeks?", r"(?:that|the|this) same week",
                   r"(?:der|dieser|jener) woche", r"(?:esa|la) (?:misma )?semana",
                   r"cette semaine", r"instead", r"each time", r"every time", r"jedes mal", r"cada vez",
                   r"chaque fois", r"jeweils", r"telkens", r"ogni volta", r"em vez d", r"invece", r"au lieu",
                   r"en lugar", r"the day after each", r"(?:to|on|onto) (?:the )?(?:mon|tues|wednes|thurs|fri)days\b",
                   r"(?:sposta|spost\w+) (?:[\w-]+ ){0,3}al\b", r"décal\w* (?:[\w'-]+ ){0,5}au\b",
                   r"mud\w* (?:[\w-]+ ){0,4}para\b",
                   r"(?:pas|mov|muev|cambi)\w* (?:[\w-]+ ){0,4}al\b")  # fmt: skip
# The day a request leaves: "on the tuesday instead of the monday".
_LEFT_DAY = re.compile(
    r"\b(?:instead of|rather than|not on|statt|en lugar del?|au lieu du)\s+(?:the\s+|a\s+|el\s+|le\s+)?\w+",
    re.IGNORECASE,
)


# A reason that says when something else is: "… since the UK one is due the 7th".
_BECAUSE = re.compile(
    r"[,;]?\s*\b(?:since|because|given that|'cause|cuz|as)\b(?! (?:soon|well|much|long|far|late|early|of)\b)"
    r"[^.;!?,]*\b(?:is|are|was|were|'s)\s+(?:due|on|set for|booked for)\b[^.;!?,]*",
    re.IGNORECASE,
)


def read_dates(request: str, draft: Draft) -> list[Edit]:
    """The date edits the request states with everything they need, else []: how far and which way ("another ten
    days", "zwei Tage früher"), or the calendar day ("wednesday the 16th", "17/12"); and of what: the check-ins,
    every due date, or the one action the request names by its words (a clause that keeps something as it is, "the
    gate is fine where it is", names nothing). The check-ins on another weekday of their weeks too."""
    if NEW_ACTION.search(request):
        return []
    # a reason that states a date is no date asked for: "due fri 4 dec since the UK one is due the 7th"
    without_reason = _BECAUSE.sub(" ", request)
    request = without_reason if stated_dates(without_reason, draft.today) else request
    asked = KEEP.sub(" ", request)
    if (relative := relative_to_action(asked, draft)) is not None:  # "make it due 3 days after the checklist step"
        day, of, rest = relative
        action = placed_in(CHECKINS.sub(" ", rest), draft) or named_in(CHECKINS.sub(" ", rest), draft)
        if action is None and _NOT_THEN.search(rest):  # "… can't wait until the 11th, put it on the same day as …"
            action = _due_on(stated_dates(rest, draft.today), draft)
        if action is not None and action != of and day > draft.today:
            return [SetDate(target="action", number=action, date=day)]
    # "step 1 due 2026-12-02", "the first step … by Wednesday the 2nd": the action by its place, else by its words
    about = CHECKINS.sub(" ", asked)
    placed = placed_in(about, draft)
    action = placed or named_in(about, draft)
    checkins = (
        bool(CHECKINS.search(asked))
        and action is None
        and not _PLAN_WORDS.search(_CHECKIN_DATES.sub(" ", asked))  # "the report-back dates": the check-ins' own
        and not re.search(r"\beverything\b|\ball of it\b", asked, re.IGNORECASE)
        and not _CHECKINS_TOO.search(asked)
    )  # "push everything out a week, check-ins too": the plan, and the check-ins follow
    known = {a.due for a in draft.plan} | {c.date for c in draft.report_back}
    if action is None and not checkins and _NOT_THEN.search(asked):  # "won't be done by the 11th": the action due then
        action = _due_on(stated_dates(asked, draft.today), draft)
    if checkins and (one := _one_checkin(asked, draft, known)) is not None:
        return [one]
    if action is not None and _named_checkin_alone(asked, draft) and (one := _one_checkin(asked, draft, known)):
        return [one]  # "the UK return is due on the 7th …, so make the first check-in Thursday 3 Dec"
    if checkins and (each := _each_checkin(asked, draft)):  # "make my report-backs Tuesday 8 Dec and Tuesday 15 Dec"
        return each
    if checkins and _ON_DUE_DAY.search(asked):  # "report back on the day each step is due": each on its due date
        return _checkins_on_due_days(draft)
    said_of_checkins = [c for c in re.split(r"(?<=[.!?;])\s+", asked) if CHECKINS.search(c)]
    if not checkins and action is not None and said_of_checkins and _SAME_WEEK.search(" ".join(said_of_checkins)):
        # "mondays are her finance syncs. can the check ins each move to the tuesday of that same week?": the
        # check-ins, whatever action a word elsewhere seems to name
        about_checkins = _SAME_WEEK.sub(
            " ", CHECKINS.sub(" ", " ".join(c for c in said_of_checkins if _SAME_WEEK.search(c)))
        )
        checkins = placed_in(about_checkins, draft) is None and named_in(about_checkins, draft) is None
    if checkins:
        said = " ".join(c for c in re.split(r"(?<=[.!?;,])\s+", asked) if CHECKINS.search(c))
        weekday = {w.lower() for w in _WEEKDAY.findall(_LEFT_DAY.sub(" ", said))}
        if len(weekday) > 1:  # "mondays are her finance syncs. can the check ins each move to the tuesday of that week"
            said = " ".join(c for c in re.split(r"(?<=[.!?;,])\s+", said) if _SAME_WEEK.search(c))
            weekday = {w.lower() for w in _WEEKDAY.findall(_LEFT_DAY.sub(" ", said))}
        if len(weekday) == 1 and _SAME_WEEK.search(said):
            day = _WEEKDAYS[weekday.pop()]
            moved = [c.date + dt.timedelta(days=day - c.date.weekday()) for c in draft.report_back]
            return [SetDate(target="checkin", number=i, date=d) for i, d in enumerate(moved, 1) if d > draft.today]
    shift = relative_shift(request)
    # "going back through everything I shared last month": what an action is about, not every date
    every = _EVERY.search(_EVERYTHING_I.sub(" ", asked))
    if action is not None and not placed and joined_to_another(about, draft, action):
        return []  # "el checklist y la sesión con el equipo de soporte …": not the checklist alone; for the model
    several = places_in(about, draft) if not checkins and (action is None or placed) else set()
    if not several and not checkins and not placed:
        several = named_together(about, draft)
    if several:  # "Schritt 1 und 2": both, though only step 1 is named with its noun
        action = None
    if shift is not None:
        amount, unit = shift
        if checkins:
            return [ShiftDates(target="checkins", amount=amount, unit=unit)]
        if several and len(several) < len(draft.plan):  # "Schritt 1 und 2 um eine Woche": those, not every date
            return [ShiftDates(target="action", action=n, amount=amount, unit=unit) for n in sorted(several)]
        # "move both plan steps, and the check-ins, one week later": the plan, whatever action the rest names
        plan_wide = bool(every and (_PLAN_WORDS.search(asked) or _CHECKINS_TOO.search(asked)))
        if action is not None and not plan_wide and not every:
            return [ShiftDates(target="action", action=action, amount=amount, unit=unit)]
        if plan_wide or (action is None and (every or _PLAN_WORDS.search(asked))):
            plan = ShiftDates(target="plan", amount=amount, unit=unit)
            # "check-ins too": they move by as much, not only settle after the plan's new dates
            return (
                [plan, ShiftDates(target="checkins", amount=amount, unit=unit)]
                if _CHECKINS_TOO.search(asked)
                else [plan]
            )
        return []
    if action is None and not checkins and every and (after := _WEEKDAY_AFTER.search(asked)) is not None:
        # "Move all three due dates to the Monday after": each to that weekday after the date it has
        moved = [_weekday_after(a.due, after["day"]) for a in draft.plan]
        return [SetDate(target="action", number=i, date=d) for i, d in enumerate(moved, 1) if d > draft.today]
    if action is not None and not checkins and (after := _WEEKDAY_AFTER.search(asked)) is not None:
        # "the checklist won't be ready by the 11th, make it the Tuesday after": that weekday after the date it has
        day = _weekday_after(draft.plan[action - 1].due, after["day"])
        return [SetDate(target="action", number=action, date=day)] if day > draft.today else []
    due = draft.plan[action - 1].due if action is not None else None
    if action and due and not checkins and _SAME_WEEK.search(asked) and not stated_dates(asked, draft.today) - {due}:
        # "ci gate thursday instead of friday, same week": that weekday of the week it is due in (a date said is the
        # one it is due on: "I'm off on friday the 11th … make it the thursday instead")
        days = {_WEEKDAYS[w.lower()] for w in _WEEKDAY.findall(_LEFT_DAY.sub(" ", asked))} - {due.weekday()}
        if len(days) == 1 and (day := due + dt.timedelta(days=days.pop() - due.weekday())) > draft.today:
            return [SetDate(target="action", number=action, date=day)]
    day = stated_date(request, draft.today, known)
    if day is None and not stated_dates(request, draft.today):  # a weekday only when no calendar date is stated
        day = next_weekday(asked, draft.today)
    if day is not None and action is not None and not checkins:
        return [SetDate(target="action", number=action, date=day)]
    if day is not None and several:  # "make steps 1 and 2 due fri 18 dec"
        return [SetDate(target="action", number=n, date=day) for n in sorted(several)]
    return []


# A date said relative to an action's: "3 days after the checklist step", "same day as the checklist step".
_RELATIVE_TO = re.compile(
    r"\b(?:(?P<n>\d{1,2}|a|one|two|three|four|five|a couple of)\s+(?P<unit>days?|weeks?)\s+(?P<dir>after|before)|"
    r"(?P<same>(?:on\s+)?(?:the\s+)?same\s+day\s+as)|the\s+day\s+(?P<next>after|before))\s+(?P<what>[^.,;!?]{3,60})",
    re.IGNORECASE,
)


def relative_to_action(request: str, draft: Draft) -> tuple[dt.date, int, str] | None:
    """A date the request says relative to an action's due date or a check-in's ("3 days after the checklist step",
    "until same day as the checklist step", "the day after the first check-in"): the date (a working day), the action
    it is said of (0 for a check-in), and the request without those words; None when it says none, or names no one
    action or check-in there."""
    said = _RELATIVE_TO.search(request)
    if said is None:
        return None
    checkin = _ONE_CHECKIN.search(said["what"])
    if checkin is not None and draft.report_back:  # "put it on the same day as my first check-in"
        place = ORDINAL[checkin.group(1).lower()]
        if place > len(draft.report_back):
            return None
        number, day = 0, draft.report_back[place - 1 if place > 0 else -1].date
    else:
        named = named_in(said["what"], draft)
        if named is None:
            return None
        number, day = named, draft.plan[named - 1].due
    if said["next"]:  # "the day after the first check-in"
        day += dt.timedelta(days=1 if said["next"].lower() == "after" else -1)
    elif not said["same"]:
        count = counted(said["n"])
        if count is None:  # none: every count word _RELATIVE_TO matches is known
            return None
        days = count * (7 if said["unit"].lower().startswith("week") else 1)
        day += dt.timedelta(days=days if said["dir"].lower() == "after" else -days)
    return working_day(day), number, request[: said.start()] + " " + request[said.end() :]


# Words in quotes: double quotes, or single ones that open after a space and close before one ("it's", "don't" are
# no quotes).
_QUOTED_ELSEWHERE = re.compile(r"[\"“][^\"”]{4,80}[\"”]|(?:(?<=\s)|^)['‘][^'’]{4,80}['’](?=[\s.,;:!?]|$)")


_AFFILIATION = re.compile(
    r"(?P<name>\b(?-i:[A-Z])[a-zà-ÿ]+)(?:\s+(?:from|in|on|of|at)\s+(?:the\s+|our\s+|my\s+)?(?:[\w-]+\s+){0,2}|['’]s\s+)"
    r"(?:team|desk|group|squad|department|dept)\b",  # "Lukas from the platform team", "Priya's team"
    re.IGNORECASE,
)


def named_in(request: str, draft: Draft) -> int | None:
    """The one action the request names by its words (:func:`named_action`); the leader's name names none ("Renata
    can't stand hedging" is not about "Tell Renata about the missed deadline"), unless the request quotes it with the
    action's words ('Why is "tell Renata" a step??')."""
    actions = [a.action for a in draft.plan]
    names = (draft.facts.leader_name or "").split()
    for quoted in re.findall(r"[\"“']([^\"”']{4,80})[\"”']", request):
        said = any(re.search(rf"\b{re.escape(name)}\b", quoted, re.IGNORECASE) for name in names)
        if said and (named := named_action(quoted, actions)) is not None:
            return named
    for name in names:  # "the renata step": the leader's name as what the step is called
        called = re.search(rf"\b{re.escape(name)}\s+(?:step|action|item|task|one)\b", request, re.IGNORECASE)
        if called and (named := named_action(called.group(), actions)) is not None:
            return named
        request = re.sub(rf"\b{re.escape(name)}\b", " ", request, flags=re.IGNORECASE)
    # where a person works names no action ("Lukas from the platform team offered to write the checklist")
    request = _AFFILIATION.sub(r"\g<name>", request)
    # words quoted from elsewhere name no action ("the proof for the checklist step is weak, 'ticked on every case'
    # means nothing"): the action named outside the quotes, when one is
    unquoted = _QUOTED_ELSEWHERE.sub(" ", request)
    return (named_action(unquoted, actions) if unquoted != request else None) or named_action(request, actions)


def _checkins_on_due_days(draft: Draft) -> list[Edit]:
    """Each check-in moved to the due date it reports on (the latest one before it), when that is after today."""
    moved: list[Edit] = []
    for i, checkin in enumerate(draft.report_back, 1):
        due = max((a.due for a in draft.plan if a.due <= checkin.date), default=None)
        if due is not None and due != checkin.date and due > draft.today:
            moved.append(SetDate(target="checkin", number=i, date=due))
    return moved


# A date the request moves away from: "won't be done by the 11th", "not the 4th", "instead of the 11th".
_NOT_THEN = cues(r"\w+n['’]t\b", r"(?:dont|doesnt|wont|cant|isnt|didnt|shouldnt)\b", r"not\b", r"instead of",
                 r"rather than", r"no longer", r"never")  # fmt: skip


def _due_on(days: set[dt.date], draft: Draft) -> int | None:
    """The number of the one action due on one of ``days``, else None."""
    due = {i for i, a in enumerate(draft.plan, 1) if a.due in days}
    return due.pop() if len(due) == 1 else None


_NEXT_WEEKS_DAY = re.compile(
    r"\b(?P<a>" + _DAY_NAMES + r")\s+(?:of\s+)?next week\b|\bnext week['’]?s?\s+(?P<b>" + _DAY_NAMES + r")\b",
    re.IGNORECASE,
)


def next_weekday(request: str, today: dt.date) -> dt.date | None:
    """The day "next thursday", "on Friday" or "by Wednesday" is: the first such day after ``today`` (one weekday);
    "thursday next week" is that day of the week after this one."""
    if re.search(r"\bend of next week\b", request, re.IGNORECASE):  # the Friday of the week after this one
        return today + dt.timedelta(days=7 - today.weekday() + 4)
    said = {_WEEKDAYS[(m["a"] or m["b"]).lower()] for m in _NEXT_WEEKS_DAY.finditer(request)}
    if len(said) == 1:
        return today + dt.timedelta(days=7 - today.weekday() + said.pop())
    days = {_WEEKDAYS[(a or b).lower()] for a, b in _NEXT_WEEKDAY.findall(request)}
    if len(days) != 1:
        return None
    return today + dt.timedelta(days=(days.pop() - today.weekday() - 1) % 7 + 1)


# The words for an action, and the articles before its place, in the languages read: "the 2nd step", "il primo
# punto", "el segundo paso", "der erste Schritt", "de tweede stap".
PLACE_NOUNS = (
    r"step|action|item|task|point|punto|paso|passo|étape|etape|schritt|punkt|stap|punt|actie|azione|"
    r"acción|accion|tarea|tâche|ação|acção|aufgabe"
)
_ARTICLES = r"the|il|lo|la|el|le|der|die|das|den|de|het|o|del|della|dello|dal|al|alla|du|do|da|dem|vom|zum"
# "step 1", "the first step"; at the start of a sentence without its article too ("2nd action due tue 8 dec")
_PLACE = re.compile(r"\b(?:" + PLACE_NOUNS + r")\s*#?\s*(?P<n>\d)\b|(?:\b(?:" + _ARTICLES + r")\s+|^\s*|(?<=[.!?;:]\s))"
                    r"(?P<ord>" + "|".join(ORDINAL) + r")\s+(?:" + PLACE_NOUNS + r")\b", re.IGNORECASE)  # fmt: skip


def placed_in(request: str, draft: Draft) -> int | None:
    """The one action the request names by its place ("step 1", "the first step", "the last item"), else None."""
    found = set()
    for m in _PLACE.finditer(request):
        n = int(m["n"]) if m["n"] else ORDINAL[m["ord"].lower()]
        found.add(len(draft.plan) if n == -1 else n)
    return found.pop() if len(found) == 1 and 1 <= next(iter(found)) <= len(draft.plan) else None


# Several actions by their places: "steps 1 and 2", "Schritt 1 und 2", "step 1 and step 2", "pasos 1 y 3", "1 & 2";
# "the first two actions", "the last 2 steps".
_AND = r"\s*(?:,|&|\+|/|\band\b|\bund\b|\by\b|\be\b|\bet\b|\ben\b)\s*"
_NOUNS = r"(?:" + PLACE_NOUNS + r")(?:s|es|e|en|i)?"
_PLACE_LIST = re.compile(
    r"\b" + _NOUNS + r"\s*#?\s*(?P<list>\d(?:" + _AND + r"(?:" + _NOUNS + r"\s*)?#?\s*\d)+)\b", re.IGNORECASE
)
_FIRST_LAST = re.compile(r"\b(?P<end>first|last)\s+(?P<n>two|2|three|3)\s+" + _NOUNS + r"\b", re.IGNORECASE)


def places_in(request: str, draft: Draft) -> set[int]:
    """The several actions the request names by their places ("steps 1 and 2", "Schritt 1 und 2", "the first two
    actions"): their numbers, when there are two or more and all are in the plan; else an empty set."""
    found: set[int] = set()
    for m in _PLACE_LIST.finditer(request):
        found |= {int(n) for n in re.findall(r"\d", m["list"])}
    for m in _FIRST_LAST.finditer(request):
        n = 2 if m["n"].lower() in ("two", "2") else 3
        found |= (
            set(range(1, n + 1))
            if m["end"].lower() == "first"
            else set(range(len(draft.plan) - n + 1, len(draft.plan) + 1))
        )
    return found if len(found) > 1 and all(1 <= n <= len(draft.plan) for n in found) else set()


# A sentence about several actions: "… the checklist and the support briefing done sooner, pull both of them in".
_BOTH = cues(r"both", r"them\b", r"those\b", r"beide", r"amb[oa]s", r"les deux", r"entrambi", r"allebei", r"os dois",
             r"l[oa]s dos")  # fmt: skip
# "and" before another thing, not another request: "the checklist and the support briefing", not "… and move …"
_AND_THE = re.compile(r"\s+(?:and|&|und|y|et|e|en)\s+(?=(?:the|my|our|la|el|los|las|le|les|die|der|das|den|de|het|o|"
                      r"a|il|lo|i|gli)\s)", re.IGNORECASE)  # fmt: skip


def named_together(request: str, draft: Draft) -> set[int]:
    """The actions a clause names by their words, joined by "and", when its sentence speaks of them together ("the
    checklist and the support briefing done sooner, pull both of them in by 3 days"): two or more, else an empty
    set."""
    for sentence in re.split(r"(?<=[.!?;])\s+", request):
        if not _BOTH.search(sentence):
            continue
        for clause in re.split(r",\s+", sentence):
            named = {named_in(part, draft) for part in _AND_THE.split(clause)}
            if None not in named and len(named) > 1:
                return {n for n in named if n is not None}
    return set()


def joined_to_another(request: str, draft: Draft, action: int) -> bool:
    """True when a clause joins the action the request names to something else it cannot name, and says the date
    after both ("el checklist y la sesión con el equipo de soporte se retrasen diez días": the second is an action
    too, in words the program cannot match); the date is then not the one action's alone."""
    for clause in re.split(r"[.!?;,]\s+", request):
        parts = _AND_THE.split(clause)
        for first, second in itertools.pairwise(parts):
            dated = bool(relative_shift(second) or stated_dates(second, draft.today))
            if dated and named_in(first, draft) == action and named_in(second, draft) is None:
                return True
    return False


def _each_checkin(request: str, draft: Draft) -> list[Edit]:
    """A date for each check-in, in order, when the request states exactly as many new dates as there are."""
    days = sorted(stated_dates(request, draft.today) - {c.date for c in draft.report_back})
    if len(days) < 2 or len(days) != len(draft.report_back) or any(d <= draft.today for d in days):
        return []
    return [SetDate(target="checkin", number=i, date=d) for i, d in enumerate(days, 1)]


def _weekday_after(base: dt.date, weekday: str) -> dt.date:
    """The first ``weekday`` after ``base``."""
    return base + dt.timedelta(days=(_WEEKDAYS[weekday.lower()] - base.weekday() - 1) % 7 + 1)


def _named_checkin_alone(request: str, draft: Draft) -> bool:
    """True when a clause names one check-in by its place and no action ("…, so make the first check-in Thursday")."""
    for clause in re.split(r"[.!?;,]\s+", request):
        if _ONE_CHECKIN.search(clause):
            about = CHECKINS.sub(" ", clause)
            return placed_in(about, draft) is None and named_in(about, draft) is None
    return False


def _one_checkin(request: str, draft: Draft, known: set[dt.date]) -> SetDate | None:
    """The one check-in the request names by its place ("the first check-in") on the day it states ("the 8th", "the
    day after the 7th"), else None."""
    places = {ORDINAL[m.lower()] for m in _ONE_CHECKIN.findall(request)}
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
    if len(days) > 1 and len(in_said := stated_dates(said, draft.today)) == 1:
        days = in_said  # "due date wed 2 dec instead, and move the first check-in to thu 3 dec": the check-in's own
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
