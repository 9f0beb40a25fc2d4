"""Which of the model's edits a refine request asks for, decided by the program.

A small model asked to turn "make Priya the owner of that action" into edits also rewrote the lessons and
moved the check-ins. The program keeps an edit only when the request says something of its kind (a
date word for a date edit, the section's name for a rewrite of a section, a tone word for the tone), in
English, German, Spanish or French; :func:`unasked` gives the reason for one it does not keep. And when the
request names exactly one action by its words ("the checklist", "the support briefing"), an edit of an action
is about that one, whatever number the model gave (:func:`~assistant.domain.edit_naming.named_action`).
"""

from __future__ import annotations

import re

from assistant.domain.edit_naming import named_action
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


word_starts = _words  # for edit_values: a pattern of word beginnings


MONTHS = (
    r"jan(?:uary)?\b|feb(?:ruary)?\b|mar(?:ch)?\b|apr(?:il)?\b|may\b|june?\b|july?\b|aug(?:ust)?\b|sep(?:t|tember)?\b|"
    r"oct(?:ober)?\b|nov(?:ember)?\b|dec(?:ember)?\b|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}\b"
)
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|weds?|thu|thur|thurs|fri|sat|sun)"
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
        MONTHS,
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
        # a day the request gives, with its number or as when it is due: "put it down for Tue 1st", "the 8th",
        # "by wednesday"; not a weekday said in passing ("I called them on Monday")
        _DAY + r"\.?,?\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\b",
        r"the\s+\d{1,2}(?:st|nd|rd|th)\b",
        r"(?:by|due|for|until|till)\s+(?:next\s+|this\s+)?" + _DAY + r"\b",
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
        r"chat\b",
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
        r"message(?!d\b)",  # not "I messaged him on Sunday"
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
        r"direct(?!ly\b)",  # not "I messaged him directly"
        r"(?:more|less|too|very) directly",
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
    # a fact is added to the notes only when the request asks for that ("add that ...", "note that ...", "for the
    # record"): "I'll just DM her on slack" states a fact nobody asked to keep
    "fact": _words(
        r"add",
        r"put(?:ting)? (?:it |this |that )?in\b",
        r"note",
        r"mention",
        r"include",
        r"for the record",
        r"fyi",
        r"keep in mind",
        r"füg",
        r"ergänz",
        r"hinzu",
        r"erwähn",
        r"añad",
        r"agreg",
        r"menciona",
        r"ajout",
        r"mentionn",
        r"précis",
    ),
    "add": _words(
        r"add (?:an? |one |another |this )?(?:new )?(?:action|step|item|task)",
        r"one more (?:thing|step|action|item|task)",
        r"put (?:an? |one |another |one more )?(?:new |extra )?(?:action|step|item|task) in",  # "put a step in for …"
        r"new (?:action|step|item|task)",
        r"(?:in|into|to) the plan\b",
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
        r"owns?\b",  # not "owned it" (the mistake), "ownership"
        r"assign",
        r"herself",
        r"himself",
        r"themselves",
        r"responsible",
        r"who (?:does|will|should|owns|is doing|takes|is going to|'ll|can)\b",  # not "the merchants who lost orders"
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
        r"messgr",
        r"kennzahl",
        r"nachweis",
        r"medida",
        r"mesure",
        r"preuve",
    ),
}
_KIND_NAMES = {"dates": "the dates", "channel": "the channel", "length": "the length", "tone": "the tone",
               "drop": "dropping an action", "add": "adding an action", "reword": "rewording an action",
               "owner": "who owns an action", "measure": "an action's measure", "subject": "the subject",
               "fact": "adding a fact to your notes"}  # fmt: skip


def edit_kind(edit: Edit) -> str | None:
    """The kind of an edit, as the request must speak of it ("dates", "tone", a section's name, ...)."""
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
        case AddFact():  # its words are checked against the request's own by the refine step too
            return "fact"
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
    kind = edit_kind(edit)
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
