"""Which of the model's edits a refine request asks for, decided by the program.

A small model asked to turn "make Priya the owner of that action" into edits also rewrote the lessons and
moved the check-ins. The program keeps an edit only when the request says something of its kind (a
date word for a date edit, the section's name for a rewrite of a section, a tone word for the tone), in
English, German, Spanish or French; :func:`unasked` gives the reason for one it does not keep. And when the
request names exactly one action by its words ("the checklist", "the support briefing"), an edit of an action
is about that one, whatever number the model gave (:func:`named_action`).
"""

from __future__ import annotations

import re
from typing import Literal

from assistant.domain.edit_types import (
    AddAction,
    AddFact,
    DropAction,
    Edit,
    ReplaceSection,
    RewordAction,
    SetChannel,
    SetDate,
    SetLength,
    SetMeasure,
    SetOwner,
    SetTone,
    ShiftDates,
)


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


_MONTHS = (
    r"jan(?:uary)?\b|feb(?:ruary)?\b|mar(?:ch)?\b|apr(?:il)?\b|may\b|june?\b|july?\b|aug(?:ust)?\b|sep(?:t|tember)?\b|"
    r"oct(?:ober)?\b|nov(?:ember)?\b|dec(?:ember)?\b|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}\b"
)
# What each kind of edit needs the request to say (word beginnings: "postpon" for "postpone", "postponed").
_KINDS: dict[str, re.Pattern[str]] = {
    "dates": _words(
        r"dates?\b",
        r"due\b",
        r"deadline",
        r"later\b",
        r"earlier\b",
        r"sooner\b",
        r"postpon",
        r"delay",
        r"push",
        r"pull\b",
        r"move",
        r"shift",
        r"reschedul",
        r"bring (?:it |them )?forward",
        r"more time",
        r"extra time",
        r"extend",
        r"check-?ins?\b",
        r"schedule",
        r"weeks?\b",
        _MONTHS,
        r"verschieb",
        r"später",
        r"früher",
        r"nach hinten",
        r"nach vorne",
        r"termin",
        r"frist",
        r"woche",
        r"aplaz",
        r"retras",
        r"adelant",
        r"más tarde",
        r"fecha",
        r"plazo",
        r"semana",
        r"décal",
        r"reporte",
        r"plus tard",
        r"plus tôt",
        r"échéance",
        r"semaine",
    ),
    "pain": _words(
        r"sorry",
        r"apolog",
        r"regret",
        r"pain\b",
        r"impact",
        r"harm",
        r"opening",
        r"first paragraph",
        r"entschuldig",
        r"tut mir leid",
        r"lo siento",
        r"disculp",
        r"désolé",
    ),
    "ownership": _words(
        r"ownership",
        r"own (?:it|up|the)",
        r"responsib",
        r"blame",
        r"fault",
        r"mistake",
        r"verantwort",
        r"responsab",
        r"culpa",
        r"faute",
    ),
    "lessons": _words(r"lesson", r"learn", r"gelernt", r"lehre", r"lecci", r"aprend", r"leçon", r"appris"),
    "positive": _words(
        r"positive",
        r"commit",
        r"confiden",
        r"upbeat",
        r"optimis",
        r"clos",
        r"ending",
        r"end\b",
        r"last paragraph",
        r"zuversicht",
        r"positiv",
        r"compromis",
        r"engage",
    ),
    "subject": _words(r"subject", r"title", r"headline", r"betreff", r"asunto", r"objet"),
    "channel": _words(
        r"e-?mail",
        r"mail\b",
        r"chat",
        r"slack",
        r"teams\b",
        r"talking points",
        r"bullet",
        r"1:1",
        r"one-on-one",
        r"meeting",
        r"in person",
        r"say (?:it|this)",
        r"nachricht",
        r"gespräch",
        r"correo",
        r"mensaje",
        r"puntos",
        r"courriel",
        r"message",
        r"réunion",
    ),
    "length": _words(
        r"short",
        r"long",
        r"briefer",
        r"more brief",
        r"concise",
        r"length",
        r"trim",
        r"tighten",
        r"condense",
        r"wordy",
        r"fewer words",
        r"kürzer",
        r"länger",
        r"kurz",
        r"corto",
        r"largo",
        r"breve",
        r"court",
        r"plus long",
    ),
    "tone": _words(
        r"tone",
        r"warm",
        r"cold",
        r"soft",
        r"friendl",
        r"formal",
        r"direct",
        r"blunt",
        r"stiff",
        r"harsh",
        r"gentle",
        r"kind\b",
        r"polite",
        r"casual",
        r"neutral",
        r"ton\b",
        r"freundlich",
        r"herzlich",
        r"förmlich",
        r"cálid",
        r"amable",
        r"formal",
        r"chaleureu",
        r"aimable",
    ),
    "drop": _words(
        r"drop",
        r"remove",
        r"delete",
        r"cut",
        r"take (?:it|that|this|them)? ?out",
        r"n[o']t needed",
        r"no longer need",
        r"unnecessary",
        r"without",
        r"skip",
        r"get rid",
        r"streich",
        r"entfern",
        r"lösch",
        r"quit",
        r"elimin",
        r"borra",
        r"supprim",
        r"enlève",
        r"retire",
    ),
    "add": _words(
        r"add (?:an? |one |another |this )?(?:new )?(?:action|step|item|task)",
        r"another action",
        r"new action",
        r"also (?:do|plan|schedule)",
        r"include (?:an? )?(?:action|step)",
        r"extra action",
        r"ergänz",
        r"hinzu",
        r"añad",
        r"agreg",
        r"ajout",
    ),
    "reword": _words(
        r"reword",
        r"rephrase",
        r"wording",
        r"word it",
        r"say",
        r"change",
        r"rename",
        r"rewrite",
        r"instead",
        r"formulier",
        r"änder",
        r"cambi",
        r"reformul",
        r"modifi",
    ),
    "owner": _words(
        r"owner",
        r"own",
        r"assign",
        r"herself",
        r"himself",
        r"themselves",
        r"responsible",
        r"who\b",
        r"take over",
        r"hand (?:it|that|this) (?:to|over)",
        r"zuständig",
        r"verantwortlich",
        r"responsable",
        r"encarg",
    ),
    "measure": _words(
        r"measure",
        r"done when",
        r"success",
        r"evidence",
        r"metric",
        r"show",
        r"proof",
        r"criteri",
        r"how (?:you|we|dana|they|my \w+) (?:will )?(?:know|see)",
        r"messen",
        r"nachweis",
        r"medida",
        r"mesure",
        r"preuve",
    ),
}
_KIND_NAMES = {"dates": "the dates", "channel": "the channel", "length": "the length", "tone": "the tone",
               "drop": "dropping an action", "add": "adding an action", "reword": "rewording an action",
               "owner": "who owns an action", "measure": "an action's measure", "subject": "the subject"}  # fmt: skip


def _kind(edit: Edit) -> str | None:
    match edit:
        case ShiftDates() | SetDate():
            return "dates"
        case ReplaceSection(section=section):
            return section
        case SetChannel():
            return "channel"
        case SetLength():
            return "length"
        case SetTone():
            return "tone"
        case DropAction():
            return "drop"
        case AddAction():
            return "add"
        case RewordAction():
            return "reword"
        case SetOwner():
            return "owner"
        case SetMeasure():
            return "measure"
        case AddFact():  # checked against the request's own words by the refine step
            return None
    return None


_WHOLE = _words(r"rewrite (?:it|the whole|everything|all)", r"whole (?:thing|message|draft)", r"every (?:part|section)",
                r"all (?:the )?(?:parts|sections)")  # fmt: skip


def mentioned_kinds(request: str) -> set[str]:
    """The kinds of edit the request speaks of ("dates", "owner", "pain", ...); every section when it asks for the
    whole text rewritten."""
    kinds = {kind for kind, words in _KINDS.items() if words.search(request)}
    if _WHOLE.search(request):
        kinds |= {"pain", "ownership", "lessons", "positive"}
    return kinds


_AN_ACTION = _words(r"action", r"item", r"step", r"task", r"#\s*\d", r"aktion", r"punkt", r"acci[oó]n", r"tâche")


def unasked(edit: Edit, request: str, actions: list[str] | None = None) -> str | None:
    """Why ``edit`` is not what ``request`` asks for (its kind is never mentioned; for a rewording, given the
    draft's ``actions``, no action either), or None when it may be."""
    kind = _kind(edit)
    if (
        isinstance(edit, RewordAction)
        and actions is not None
        and not _AN_ACTION.search(request)
        and named_action(request, actions) is None
    ):
        return "your request does not name an action to reword"
    if kind is None or _KINDS[kind].search(request):
        return None
    if isinstance(edit, ReplaceSection) and _WHOLE.search(request):
        return None
    what = _KIND_NAMES.get(kind, f"the {kind}")
    return f"your request does not mention {what}"


_STOP = frozenset(
    {
        "that", "this", "with", "from", "have", "will", "into", "about", "just", "please", "make", "move", "them",
        "they", "their", "there", "then", "than", "what", "when", "action", "actions", "item", "step", "plan", "date",
        "dates", "week", "weeks", "days", "later", "earlier", "sooner", "owner", "measure", "drop", "remove", "sure",
        "need", "needs", "needed", "also", "should", "could", "would", "can't", "isn't",
    }
)  # fmt: skip


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-zäöüßéèáíóúñ0-9]+", text.lower()) if len(w) >= 4 and w not in _STOP}


def named_action(request: str, actions: list[str]) -> int | None:
    """The number (from 1) of the one action the request names by its words ("the checklist"), else None: the
    action sharing the most words with the request, at least twice as many as any other."""
    asked = _stems(request)
    shared = sorted(((len(asked & _stems(action)), i) for i, action in enumerate(actions, 1)), reverse=True)
    if not shared or shared[0][0] == 0:
        return None
    second = shared[1][0] if len(shared) > 1 else 0
    return shared[0][1] if shared[0][0] >= 2 * second and shared[0][0] > second else None


def about_named_action(edit: Edit, request: str, actions: list[str]) -> Edit:
    """``edit`` about the action the request names by its words, when it names exactly one and the request gives
    no number of its own ("action 2"): a small model often counted wrong."""
    if re.search(r"\b(?:action|item|step|#)\s*#?\d", request, re.IGNORECASE):
        return edit
    number = named_action(request, actions)
    if number is None:
        return edit
    match edit:
        case ShiftDates(target="action") if edit.action != number:
            return edit.model_copy(update={"action": number})
        case SetDate(target="action") | DropAction() | RewordAction() | SetOwner() | SetMeasure() if (
            edit.number != number
        ):
            return edit.model_copy(update={"number": number})
    return edit


# --- values the request states exactly ------------------------------------------------------------------------

# A tone the request asks for in other words than the tone's name ("soften it", "sounds cold").
_TONE_ASKED: dict[str, re.Pattern[str]] = {
    "warm": _words(r"warm", r"soft", r"friendl", r"kinder", r"gentle", r"cold", r"harsh", r"herzlich", r"freundlich",
                   r"cálid", r"amable", r"chaleureu", r"aimable"),
    "formal": _words(r"formal", r"professional", r"too casual", r"förmlich", r"formel"),
    "direct": _words(r"direct", r"to the point", r"straight", r"blunt", r"fluff", r"direkt", r"directo"),
    "neutral": _words(r"neutral", r"less emotional", r"sachlich", r"neutre"),
}  # fmt: skip
_CHANNEL_ASKED: dict[str, re.Pattern[str]] = {
    "talking_points": _words(r"talking points?", r"bullet points?", r"1:1", r"one-on-one", r"stichpunkt", r"puntos"),
    "chat": _words(r"chat", r"slack", r"teams message", r"nachricht"),
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


def settled_edit(edit: Edit, request: str, actions: list[str]) -> Edit:
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


_A_DATE = re.compile(_MONTHS, re.IGNORECASE)
_CHECKINS = _words(r"check-?ins?", r"report", r"termin", r"rückmeld", r"seguimiento", r"point")
_AMOUNT = re.compile(
    r"\b(?P<n>\d{1,2}|an?|one|two|three|four|ein(?:e[nm]?)?|zwei|drei|vier|una?|dos|tres|une?|deux|trois)\s+"
    r"(?P<unit>days?|weeks?|tage?n?|wochen?|d[ií]as?|semanas?|jours?|semaines?)\b",
    re.IGNORECASE,
)
_AMOUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "ein": 1, "eine": 1, "einen": 1, "einem": 1,
            "zwei": 2, "drei": 3, "vier": 4, "un": 1, "una": 1, "dos": 2, "tres": 3, "une": 1, "deux": 2,
            "trois": 3}  # fmt: skip


def relative_shift(request: str) -> tuple[int, Literal["days", "weeks"]] | None:
    """How far the request moves a date, when it says so once ("a week sooner", "eine Woche mehr Zeit"): the
    amount (negative for earlier) and the unit; None when it says no amount, two, or no direction."""
    amounts = list(_AMOUNT.finditer(request))
    earlier, later = bool(_EARLIER.search(request)), bool(_LATER.search(request))
    if len(amounts) != 1 or earlier == later:
        return None
    n, unit = amounts[0]["n"].lower(), amounts[0]["unit"].lower()
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
