"""A refine request read clause by clause, when reading it whole leaves part of it to the model.

"Honestly briefing support is overkill … Take that step out. And the checklist realistically lands on 16/12, not the
11th." Read whole, the request names two actions, so the date goes to the wrong one and the drop is not read. Each
clause names one: read one by one, the edits together say everything the request asks for. They are used only when
they do (nothing is left for the model), keep every kind of edit the whole reading found, and never give one thing
two values.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.domain.edit_types import AddAction, DropAction, Edit

_CLAUSE_END = re.compile(
    r"(?<=[.!?;])\s+|,\s+(?:and\s+)?(?=(?:also\s+)?(?:the|my|step|action|item|for the)\b)|\s+and also\s+"
)
_MIN_CLAUSES = 2

Reader = Callable[[str], list[Edit]]
NeedsModel = Callable[[str, list[Edit]], bool]


def _key(edit: Edit) -> tuple[object, ...]:
    """What an edit is about: two edits with one key and different values contradict each other."""
    data = edit.model_dump()
    about = tuple(data.get(name) for name in ("target", "action", "number", "section") if name in data)
    if edit.op in ("add_fact", "add_action"):  # each new fact or action is a thing of its own
        about += (str(data.get("fact") or data.get("action")),)
    return (edit.op, *about)


# Taking back what was just asked: "can Tomas own it? no wait, scratch that, keep me as the owner".
_TAKEN_BACK = re.compile(
    r"[^,.;!?]*[,.;!?]\s*(?:(?:no|oh|hmm|um|actually|sorry)[,.!]?\s+)*(?:wait[,.!]?\s+)?"
    r"(?:scratch that|never ?mind(?: that)?|forget (?:that|it)|ignore that)\b[,.;!]?\s*",
    re.IGNORECASE,
)


def without_taken_back(request: str) -> str:
    """The request without a clause the user takes back right after it ("…, and can Tomas own it? no wait, scratch
    that, …")."""
    return _TAKEN_BACK.sub(" ", request).strip()


def clauses(request: str) -> list[str]:
    """The request's sentences, and the clauses of a sentence joined by ", and the …" or "and also"."""
    return [c.strip() for c in _CLAUSE_END.split(request) if c and c.strip(" .,;")]


# "two things. 1) add an action: … 2) the checklist needs 3 more days": the items of a numbered list.
_ITEM_MARK = re.compile(r"(?:^|(?<=\s))\(?(?P<n>[1-5])\)\s+|(?:^|(?<=[.!?;,:]\s))(?P<m>[1-5])\.\s+(?=[A-Za-z])")


def numbered_items(request: str) -> tuple[str, list[str]]:
    """The text before a numbered list in the request, and its items ("1) …  2) …", "(1) … (2) …", "1. … 2. …"),
    each without its number; ("", []) unless it numbers two items or more from 1 on."""
    marks = list(_ITEM_MARK.finditer(request))
    if len(marks) < _MIN_CLAUSES or [int(m["n"] or m["m"]) for m in marks] != list(range(1, len(marks) + 1)):
        return "", []
    ends = [m.start() for m in marks[1:]] + [len(request)]
    items = [request[m.end() : end].strip(" ,;") for m, end in zip(marks, ends, strict=True)]
    return request[: marks[0].start()].strip(" ,;"), items


def read_items(request: str, read: Reader, needs_model: NeedsModel) -> list[Edit] | None:
    """The edits of a numbered list's items, each read alone, when every item is read in full and no two values are
    given for one thing; the text before the list ("two things.") counts only when it asks for something. Else None."""
    before, items = numbered_items(request)
    if not items:
        return None
    found: dict[tuple[object, ...], Edit] = {}
    for item, numbered in [(before, False), *((item, True) for item in items)]:
        edits = read(item) if item else []
        if (numbered and not edits) or (item and needs_model(item, edits)) or not _added(found, edits):
            return None
    return _in_order(found)


def _added(found: dict[tuple[object, ...], Edit], edits: list[Edit], *, settles: bool = False) -> bool:
    """Add ``edits`` to ``found``; False when one gives a thing a second value, unless the clause ``settles`` it
    ("… I'd like it done before the DPO meets on wed the 9th. so make it due tuesday the 8th": the conclusion)."""
    for edit in edits:
        key = _key(edit)
        if key in found and found[key] != edit and not settles:
            return False
        found[key] = edit
    return True


def _in_order(found: dict[tuple[object, ...], Edit]) -> list[Edit]:
    """The edits found, in the order they apply: every number is the draft's, as the user sees it, so drops come
    last, the highest first."""
    kept = [e for e in found.values() if not isinstance(e, DropAction)]
    return kept + sorted((e for e in found.values() if isinstance(e, DropAction)), key=lambda e: -e.number)


# A clause that draws the conclusion of what came before it: "so make …", "therefore …".
_SO = re.compile(r"(?:and\s+)?(?:so|therefore|hence|which means)\b(?!\s+(?:far|much|many|long)\b)", re.IGNORECASE)


def read_by_clauses(request: str, whole: list[Edit], read: Reader, needs_model: NeedsModel) -> list[Edit]:
    """The edits of ``request``'s clauses read one by one, when together they leave nothing to the model, are more
    than ``whole`` (the request read whole) and of every kind it has, with no two values for one thing; else
    ``whole``."""
    parts = clauses(request)
    if len(parts) < _MIN_CLAUSES:
        return whole
    found: dict[tuple[object, ...], Edit] = {}
    adding = False
    for part in parts:
        edits = read(part)
        if adding and not edits:  # a new action's date or measure may run on into the next clause: read whole
            return whole
        adding = adding or any(isinstance(e, AddAction) for e in edits)
        if not _added(found, edits, settles=bool(_SO.match(part))):
            return whole
    edits = _in_order(found)
    if len(edits) <= len(whole) or not {e.op for e in whole} <= {e.op for e in edits} or needs_model(request, edits):
        return whole
    return edits
