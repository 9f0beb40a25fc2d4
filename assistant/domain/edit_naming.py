"""Which action of the plan a refine request names by its words ("the checklist", "the support briefing").

A small model often counts the actions wrong: when the request names exactly one by its words and gives no number
of its own, an edit of an action is about that one (:func:`about_named_action`).
"""

from __future__ import annotations

import re

from assistant.domain.edit_types import DropAction, Edit, RewordAction, SetDate, SetMeasure, SetOwner, ShiftDates
from assistant.domain.settle import WORDINGS

_STOP = frozenset(
    {
        "that", "this", "with", "from", "have", "will", "into", "about", "just", "please", "make", "move", "them",
        "they", "their", "there", "then", "than", "what", "when", "action", "actions", "item", "step", "plan", "date",
        "dates", "week", "weeks", "days", "later", "earlier", "sooner", "owner", "measure", "drop", "remove", "sure",
        "need", "needs", "needed", "also", "should", "could", "would", "can't", "isn't", "back", "forward", "push",
        "pull", "bring", "delay", "postpone", "more", "extra", "another", "until", "before", "after",
        "first", "second", "third", "last", "next",  # a place in a list ("the last check-in"), not an action's word
    }
)  # fmt: skip


def _stems(text: str) -> set[str]:
    """The words of ``text`` by their first five letters, and its acronyms ("CI", "QA")."""
    words = {w[:5] for w in re.findall(r"[a-zäöüßéèáíóúñ0-9]+", text.lower()) if len(w) >= 4 and w not in _STOP}
    return words | {w.lower() for w in re.findall(r"\b[A-Z]{2,3}\b", text)}


# The program's own look back over my other recent work, by the names people give it: "the look-back over my other
# shared folders", "the sweep", "the going-back-through-last-month step", "the part about going back over last
# month's work". Its words ("Go back over my other work of the same kind …") share few with any of these.
_LOOK_BACK = re.compile(
    r"\blook(?:ing)?[- ]?back\b|\bsweep\b|\bgo(?:ing)?[- ]+back[- ]+(?:over|through)\b"
    r"|\blast[- ]month'?s?[- ]+(?:work|sends|cases|files|folders|shares)\b"
    r"|\bmy\s+(?:other|older|past)\s+(?:work|sends|cases|files|folders|shares|shared)\b"
    # "the audit of old shared links", "the review of my past sends"
    r"|\b(?:audit|review|check|sweep)\s+of\s+(?:my\s+|the\s+|all\s+)?(?:old|older|other|past|previous|earlier)\b"
    # in the other languages read: "la revisión del trabajo del último mes", "der Rückblick", "la revue du mois"
    r"|\b(?:revisi[oó]n|repaso|revisione|revis[aã]o|revue|r[üu]ckblick|terugblik)\b[^.?!]{0,40}?"
    r"\b(?:[uú]ltimo mes|mes pasado|ultimo mese|mese scorso|[uú]ltimo m[eê]s|dernier mois|mois dernier|letzten monat|"
    r"vorigen monat|afgelopen maand|vorige maand)",
    re.IGNORECASE,
)


def _is_look_back(action: str) -> bool:
    return any(action.startswith(words.lookback[0][:24]) for words in WORDINGS.values())


_CALLED = re.compile(r"\b(?P<words>[\w-]+(?:\s+[\w-]+)?)\s+(?:step|action|item|task)\b", re.IGNORECASE)


# Short words that are also acronyms of actions ("IT", "PR") but in lower case are plain words ("it", "or").
_PLAIN_SHORT = frozenset(
    ("it", "is", "at", "on", "in", "to", "do", "go", "us", "me", "we", "or", "so", "no", "up", "an", "as", "be", "by",
     "he", "if", "my", "of", "ok", "and", "the", "for", "but", "not", "all", "any", "can", "her", "his", "its", "one",
     "our", "out", "see", "she", "two", "was", "who", "why", "you", "day", "new", "now", "due", "way", "own", "get")
)  # fmt: skip


def _acronyms_typed(request: str, actions: list[str]) -> set[str]:
    """The actions' acronyms the request types in lower case ("the ci gate" for "Add a CI gate …")."""
    acronyms = {w.lower() for action in actions for w in re.findall(r"\b[A-Z]{2,3}\b", action)} - _PLAIN_SHORT
    return acronyms & set(re.findall(r"\b[a-z]{2,3}\b", request))


def named_action(request: str, actions: list[str]) -> int | None:
    """The number (from 1) of the one action the request names by its words ("the checklist"), else None: the
    program's look back when the request calls it by one of its names, else the action sharing the most words with
    the request, at least twice as many as any other."""
    look_backs = [i for i, action in enumerate(actions, 1) if _is_look_back(action)]
    if len(look_backs) == 1 and _LOOK_BACK.search(request):
        return look_backs[0]
    # "the new checklist step", "the support briefing item": the words before "step" name it, whatever else is said
    called = {w for m in _CALLED.finditer(request) for w in _stems(m["words"])}
    by_call = [i for i, action in enumerate(actions, 1) if called & _stems(action)]
    if len(by_call) == 1:
        return by_call[0]
    asked = _stems(request) | _acronyms_typed(request, actions)
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
