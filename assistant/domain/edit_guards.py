"""What the program checks in the model's edits before it applies them (:func:`model_edit_refusal`,
:func:`tidied_edit`): the things a program can know exactly about a draft and a request, which a small model gets
wrong.

- A rewording that says what the action already says (the quotes changed, the plan line copied after it) changes
  nothing; one that repeats another action or a lesson of the draft is the draft copied, not the request.
- An owner is someone the request names, by their name ("Lena", not "lena from the support team").
- A fact for the notes states something: it does not ask for anything, and it is more than a date.
- A request about a sentence of the message ("the line where I say …") drops no action; a section rewritten with
  the same words (its label copied before them) changes nothing.
- A new action's due date is one the request states, or none (then the program gives it one).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from assistant.domain.edit_clauses import clauses
from assistant.domain.edit_reading_dates import cues, named_in, next_weekday, placed_in
from assistant.domain.edit_types import (
    AddAction,
    AddFact,
    DropAction,
    Edit,
    ReplaceSection,
    RewordAction,
    SetDate,
    SetMeasure,
    SetOwner,
    ShiftDates,
    section_text,
)
from assistant.domain.edit_values import PLAN_LINE, relative_shift, stated_amounts, stated_date, stated_dates
from assistant.domain.schema import Draft

_SAME = 0.9  # a text whose words are this alike to another's (after :func:`_plain`) repeats it
# A request about a sentence of the message, not an action of the plan.
_A_SENTENCE = cues(
    r"(?:line|sentence|bit|part|phrase|wording|paragraph) (?:about|where|that|saying|with|in which)",
    r"where i (?:say|said|write|wrote)", r"la frase", r"la phrase", r"den satz", r"die zeile", r"de zin", r"a frase",
)  # fmt: skip
# Framing a small model copies from the request into a new action: "Add a step to the plan: …", "New step -> …".
_FRAMING = re.compile(
    r"^\s*(?:(?:please\s+)?(?:add|include|put in|insert)\s+(?:a|an|one more|another|a new)\s+(?:new\s+)?"
    r"(?:step|action|item|task)(?:\s+(?:to|in|for)\s+the\s+plan)?|(?:a\s+)?new\s+(?:step|action|item|task)"
    r"(?:\s+(?:to|in|for)\s+the\s+plan)?)\s*(?::|->|→|-|–)\s*",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]{2,}")
_LABEL = re.compile(r"^\s*(?:pain|ownership|lessons|positive|subject|message subject)\s*:\s*", re.IGNORECASE)
# A "fact" that asks for something is the request copied: "… please add a third action: …", "can you put …".
_ASKING = cues(
    r"please", r"pls", r"can you", r"could you", r"add (?:a|an|the|one more|another) (?:\w+ )?(?:action|step)",
    r"(?:in|to) the (?:plan|notes)", r"bitte", r"s'il te pla[iî]t", r"por favor",
)  # fmt: skip
_FACT_WORDS = 4  # "done by friday the 18th" is a due date, not a fact
# An owner's description after the name: "Lena from the support team", "Sam (support ops)".
_OWNER_TAIL = re.compile(r"\s*(?:\bfrom\b|\bof\b|\bat\b|\bin\b|\bwho\b|\(|,|[–—-]\s).*$", re.IGNORECASE)


def _plain(text: str) -> str:
    """``text`` for comparing: the plan line after it cut, quotes and punctuation gone, lower case."""
    return " ".join(_WORD.findall(PLAN_LINE.sub("", text).lower()))


def says_the_same(a: str, b: str) -> bool:
    """True when ``a`` says word for word what ``b`` says (quotes, punctuation and a plan line aside)."""
    return _plain(a) == _plain(b)


def _alike(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` share nine words in ten, in order."""
    return difflib.SequenceMatcher(None, _plain(a).split(), _plain(b).split()).ratio() >= _SAME


def _repeats(text: str, draft: Draft, own: int | None = None) -> str | None:
    """What of the draft ``text`` repeats (another action than action ``own``, or a lesson), else None."""
    for i, action in enumerate(draft.plan, 1):
        if i != own and _alike(text, action.action):
            return f"it repeats action {i}"
    if any(_alike(text, lesson) for lesson in draft.lessons):
        return "it repeats a lesson of the draft, not your request"
    return None


def _named(owner: str, request: str) -> bool:
    """True when the request names ``owner`` (one of its words of three letters or more, as a word)."""
    words = [w for w in _WORD.findall(owner) if len(w) >= 3]
    return (
        bool(words)
        and len(owner.split()) <= 4
        and any(re.search(rf"\b{re.escape(w)}\b", request, re.IGNORECASE) for w in words)
    )


# A request's own asking words after a fact: "…, add that pls", "… - please put that in".
_ASKING_TAIL = re.compile(
    r"[\s,;.–—-]*(?:(?:and\s+)?(?:please\s+|pls\s+)?(?:add|include|put|mention)\s+(?:that|this|it)\b.*|"
    r"(?:pls|please|thanks?|thx)\W*)$",
    re.IGNORECASE,
)


def date_for_action(number: int, request: str, draft: Draft) -> dt.date | None:
    """The date the request gives action ``number`` in the part of it that names that action ("The checklist can be
    ready sooner, say Wednesday the 9th. Also add …"), not its present due date; else None."""
    known = {draft.plan[number - 1].due} if 1 <= number <= len(draft.plan) else set()
    found = {
        day
        for clause in clauses(request)
        if number in (placed_in(clause, draft), named_in(clause, draft))
        and (day := stated_date(clause, draft.today, known) or next_weekday(clause, draft.today)) is not None
    }
    return found.pop() if len(found) == 1 else None


def date_for_new(text: str, request: str, draft: Draft) -> dt.date | None:
    """The date the request gives in the part of it that holds a new action's words, else None."""
    words = set(_WORD.findall(text.lower()))
    scored = sorted(((len(words & set(_WORD.findall(c.lower()))), c) for c in clauses(request)), reverse=True)
    if not scored or not scored[0][0] or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    clause = scored[0][1]
    return stated_date(clause, draft.today) or next_weekday(clause, draft.today)


def model_edit_refusal(edit: Edit, request: str, draft: Draft) -> str | None:
    """Why the model's ``edit`` is not applied, on what the program knows exactly, or None when it may be."""
    match edit:
        case RewordAction(number=n, action=text) if 1 <= n <= len(draft.plan):
            if says_the_same(text, draft.plan[n - 1].action):
                return f"action {n} already says so"
            return _repeats(text, draft, own=n)
        case SetMeasure(number=n, measure=text) if 1 <= n <= len(draft.plan) and says_the_same(
            text, draft.plan[n - 1].measure
        ):
            return f"action {n}'s measure already says so"
        case AddAction(action=text):
            return _repeats(text, draft)
        case SetOwner(owner=owner) if not _named(owner, request):
            return f"your request does not name {owner} as the owner"
        case ReplaceSection(section=section, text=text) if section != "lessons" and says_the_same(
            text, section_text(draft, section)
        ):
            return f"the {section} already says so"
        case DropAction() if _A_SENTENCE.search(request):
            return "your request is about a sentence of the message, not an action of the plan"
        case ShiftDates(amount=amount, unit=unit) if relative_shift(request) is None and abs(amount) * (
            7 if unit == "weeks" else 1
        ) not in stated_amounts(request):  # "needs a whole week more" answered with seven weeks
            said = f"{abs(amount)} {unit[:-1] if abs(amount) == 1 else unit}"
            return f"your request states no amount of time I can read as {said}; say how far, as in 'a week later'"
        case AddFact(fact=fact) if _ASKING.search(fact):
            return "that is your request, not a fact for the notes"
        case AddFact(fact=fact) if len([w for w in _WORD.findall(fact) if len(w) >= 3]) < _FACT_WORDS:
            return "that is too short to be a fact for the notes"
    return None


def tidied_edit(edit: Edit, request: str, draft: Draft) -> Edit:
    """The model's ``edit`` with what it copied cut (the request's framing before a new action, the plan line after
    it), a new action's owner 'me' unless the request names its owner, and its due date one the request states:
    none when the request states no date (the program then gives it one), the only one it states when the model
    gave another."""
    if isinstance(edit, RewordAction | AddAction):
        text = _FRAMING.sub("", PLAN_LINE.sub("", edit.action)).strip()
        if text:
            edit = edit.model_copy(update={"action": text[:1].upper() + text[1:]})
    if isinstance(edit, SetMeasure | AddAction):
        edit = edit.model_copy(update={"measure": PLAN_LINE.sub("", edit.measure).strip() or edit.measure})
    if isinstance(edit, SetOwner | AddAction) and (name := _OWNER_TAIL.sub("", edit.owner).strip()):
        edit = edit.model_copy(update={"owner": name[:1].upper() + name[1:]})  # "lena from support": "Lena"
    if isinstance(edit, AddAction):
        if edit.owner.lower() not in ("me", "i", "myself") and not _named(edit.owner, request):
            edit = edit.model_copy(update={"owner": "me"})
        stated = stated_dates(request, draft.today) | {d for d in [next_weekday(request, draft.today)] if d}
        if len(stated) > 1 and (day := date_for_new(edit.action, request, draft)) is not None:
            edit = edit.model_copy(update={"due": day})  # "add a walk-through due Dec 10. Also the gate: the 9th"
        elif edit.due is not None and edit.due not in stated and relative_shift(request) is None:
            edit = edit.model_copy(update={"due": next(iter(stated)) if len(stated) == 1 else None})
    if relative_shift(request) is None:
        match edit:
            case SetDate(target="action", number=n) if (day := date_for_action(n, request, draft)) is not None:
                edit = edit.model_copy(update={"date": day})
            case ShiftDates(target="action", action=int(n)) if (day := date_for_action(n, request, draft)) is not None:
                edit = SetDate(target="action", number=n, date=day)  # a date answered with a shift
    if isinstance(edit, AddFact):
        edit = edit.model_copy(update={"fact": _ASKING_TAIL.sub("", edit.fact).strip() or edit.fact})
    if isinstance(edit, ReplaceSection):  # "Ownership: I pushed …": the prompt's label copied before the text
        edit = edit.model_copy(update={"text": _LABEL.sub("", edit.text).strip() or edit.text})
    return edit


def _from_request(edit: RewordAction | SetMeasure | SetOwner, request: str) -> float:
    text = (
        edit.action if isinstance(edit, RewordAction) else edit.measure if isinstance(edit, SetMeasure) else edit.owner
    )
    words = set(_WORD.findall(text.lower()))
    return len(words & set(_WORD.findall(request.lower()))) / (len(words) or 1)


def one_of_each(edits: list[Edit], request: str) -> list[Edit]:
    """``edits`` with one rewording, measure or owner per action: of two for the same action (a small model often
    gives three rewordings of one step), the one whose words come most from the request."""
    best: dict[tuple[str, int], RewordAction | SetMeasure | SetOwner] = {}
    for edit in edits:
        if isinstance(edit, RewordAction | SetMeasure | SetOwner):
            key = (edit.op, edit.number)
            if key not in best or _from_request(edit, request) > _from_request(best[key], request):
                best[key] = edit
    return [e for e in edits if not isinstance(e, RewordAction | SetMeasure | SetOwner) or best[(e.op, e.number)] is e]


def new_actions_date(edits: list[Edit], request: str, draft: Draft) -> list[tuple[Edit, str]]:
    """The date edits of the plan's actions in an answer that also adds an action, when the request gives no date to
    the part that names them and no amount to move them by: the date it states is the new action's ("New step: …
    Due 18/12" moves no other step)."""
    if relative_shift(request) is not None or not any(isinstance(e, AddAction) for e in edits):
        return []
    refused: list[tuple[Edit, str]] = []
    for edit in edits:
        match edit:
            case ShiftDates(target="plan") | ShiftDates(target="checkins"):
                refused.append((edit, "the date your request states is the new action's"))
            case ShiftDates(target="action", action=int(n)) | SetDate(target="action", number=n) if (
                date_for_action(n, request, draft) is None
            ):
                refused.append((edit, "the date your request states is the new action's"))
    return refused
