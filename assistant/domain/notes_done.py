"""What the notes say is already done (the work the writer did about the mistake before writing), and
what they say is still open.

A plan must not promise that work again, and a message must not offer to restore what
the notes say is back. Jotted notes say it in a few ways, all handled here:

- a status line or sentence: ``now: checkout back up, refunds sent`` (also ``update:``,
  ``status:``, ``done:``), one item per comma or semicolon;
- a clause with "already": ``already wrote the incident timeline``;
- a clause with a repair verb: rolled back, restored, fixed, reverted, re-sent, sent the
  correction, apologised to, called the client, refunded, recovered, "back up/online".

A clause that is negated, still to do ("need to roll back", "not fixed yet") or that
describes the mistake itself ("refunded them twice by mistake") is left out. Pure text
functions: no model, nothing from the rest of the assistant.
"""

from __future__ import annotations

import re

_STATUS_LINE = re.compile(r"^\s*(?:[-*•>]\s*)?(?:now|update|updates|status|done|so\s+far)\s*:\s*(.*)$", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n")
# Commas, semicolons, dashes as separators, and turns that start a different claim ("... but not the VP").
_CLAUSE = re.compile(
    r"\s*[,;]\s*|\s+[-\u2013\u2014]+\s+|\s*(?:->|=>)\s*|\s+\b(?:but|though|although|however|except|whereas|"
    r"while)\b\s+",
    re.I,
)
_DONE = re.compile(
    r"\balready\b"
    r"|\brolled\s+(?:[\w'-]+\s+){0,2}?back\b|\broll(?:ed)?[- ]?back\s+(?:done|complete|finished|at\b|by\b|\d)"
    r"|\brestored\b|\breverted\b|\brecovered\b|\bre-?sent\b|\brefunded\b"
    r"|\bfixed\b(?![\s-]+(?:price|rate|fee|cost|term|income|asset|date|width|point|amount|sum)s?\b)"
    r"|\bsent\s+(?:out\s+)?(?:a\s+|the\s+|an?\s+)?correct(?:ion|ed)\b"
    r"|\bapologi[sz]ed\b"
    r"|\b(?:called|phoned|rang|emailed)\s+(?:the\s+|our\s+|my\s+|each\s+|every\s+|all\s+(?:the\s+)?)?"
    r"(?:client|customer|vendor|supplier|patient|tenant|guest)s?\b"
    r"|\b(?:is|was|were|are|'s|came|got|went)\s+back\s+(?:up|online)\b"
    r"|\bback\s+(?:up|online)\s*(?:$|at\b|by\b|after\b|since\b|within\b|\d|\(|now\b|again\b)"
    r"|\b(?:working|running)\s+again\b",
    re.I,
)
# Still to do, or not done: "need to roll back", "haven't fixed it", "rollback pending".
_NOT_DONE = re.compile(
    r"n't\b|\b(?:not|no|never|cannot|yet|still|pending|todo|to\s+do|tbd|need|needs|have\s+to|has\s+to|will|going\s+to|"
    r"should|must|plan\s+to|planning|trying|tomorrow|next\s+week|asap|waiting|hopefully|maybe)\b",
    re.I,
)
# The mistake itself, told with a repair verb: "refunded them twice by mistake", "restored the wrong backup".
_MISTAKE = re.compile(
    r"\b(?:by\s+mistake|by\s+accident|accidentally|in\s+error|twice|instead\s+of|wrong(?:ly)?)\b", re.I
)
_TRIM = " \t-*•>.:;,"


def _items(text: str) -> list[str]:
    return [part.strip(_TRIM) for part in _CLAUSE.split(text) if part and part.strip(_TRIM)]


def _done(clause: str, *, status: bool) -> bool:
    """A clause that says work is done: a status item, or a clause with a done word; not pending, not the mistake."""
    if _NOT_DONE.search(clause) or _MISTAKE.search(clause):
        return False
    return status or _DONE.search(clause) is not None


def done_in_notes(notes: str) -> list[str]:
    """The lines or clauses of ``notes`` that say work about the mistake is already done, as written, in order.

    >>> done_in_notes("pushed it w/o tests, checkout down 3h. rolled back at 17:05\\nnow: refunds sent, blog post tbd")
    ['rolled back at 17:05', 'refunds sent']
    """
    found: list[str] = []
    for sentence in _SENTENCE.split(notes):
        status = _STATUS_LINE.match(sentence)  # at a line's or a sentence's start: "... tues. status: ..."
        for item in _items(status.group(1) if status else sentence):
            if _done(item, status=status is not None) and item not in found:
                found.append(item)
    return found


# Still open: harm not yet put right, a sign-off still needed ("haven't told the client yet", "~3k rows still
# missing", "needs controller sign-off", "droht mit kündigung"). A reply awaited ("no reply yet") is not: the only
# action it asks for is the one already done, which a small model then plans again.
_OPEN = re.compile(
    r"\b(?:yet|still\s+(?:missing|open|bouncing|failing|waiting|pending|unpaid|unanswered|down|broken|out|at\s+risk)|"
    r"haven'?t|have\s+not|hasn'?t|pending|at\s+risk|remain(?:s|ing)?\s+(?:open|missing|unpaid)|"
    r"needs?\s+(?:[\w-]+\s+){0,2}(?:sign-?off|approval|review)|noch\s+(?:offen|nicht)|droht|offen)\b",
    re.I,
)
_AWAITED = re.compile(r"\b(?:no\s+(?:reply|answer|response|word)|waiting\s+(?:for|on))\b", re.I)
# The message itself is not open work: "need to write this up for my boss", "wants it in writing".
_THE_MESSAGE = re.compile(
    r"\b(?:write\s+(?:this|it)\s+up|writeup|write-up|in\s+writing|get\s+this\s+to|tell\s+(?:my\s+)?(?:boss|manager|lead))\b",
    re.I,
)


def open_in_notes(notes: str) -> list[str]:
    """The lines of ``notes`` that say something is still open (not put right, awaited), as written, in order.

    A line that is about the message to the leader itself ("need to write this up") is left out, and so
    is the part of a line the notes give as done.

    >>> open_in_notes("sent the quote w/ 40% off\\nhaven't told the client yet\\nnow: asked to delete it, no reply yet")
    ["haven't told the client yet"]
    """
    done = set(done_in_notes(notes))
    found: list[str] = []
    for sentence in _SENTENCE.split(notes):
        status = _STATUS_LINE.match(sentence)
        items = _items(status.group(1) if status else sentence)
        for item in items:
            if "(" in item and ")" not in item:  # "~120 still bouncing (old addresses, separate problem)"
                item = item.split("(")[0].strip(_TRIM)
            if item in done or not _OPEN.search(item) or _THE_MESSAGE.search(item) or _AWAITED.search(item):
                continue
            if len(item.split()) < 4:  # "still pending": the whole line says what
                item = (status.group(1) if status else sentence).strip(_TRIM)
            if item not in found:
                found.append(item)
    return found


# What to do about an open item, by what it says is open (English notes): the verb the plan's action starts with.
_OPEN_VERBS = (
    (re.compile(r"\bapologi[sz]", re.I), "Apologise to"),
    (re.compile(r"\b(?:said|told|tell|informed|contacted|let\s+\w+\s+know)\b", re.I), "Tell"),
    (re.compile(r"\bsign-?off\b|\bsigned\s+off\b|\bapprov", re.I), "Get the sign-off on"),
    (re.compile(r"\bmissing\b|\blost\b", re.I), "Recover"),
    (re.compile(r"\b(?:bouncing|failing|broken|wrong)\b", re.I), "Fix"),
    (re.compile(r"\bticket\b|\brequest\b", re.I), "Chase"),
    (re.compile(r"\bpending\b|\bre-?check|\breview\b", re.I), "Finish"),
    (re.compile(r"\bat\s+risk\b", re.I), "Protect"),
    (re.compile(r"\bhaven't\s+touched\b|\bnot\s+started\b|\bdue\b", re.I), "Work on"),
)


def open_verb(item: str) -> str | None:
    """The verb an action about the open ``item`` starts with, or None when the item's words give none.

    >>> open_verb("haven't apologised to him yet"), open_verb("gap of ~3k rows still missing")
    ('Apologise to', 'Recover')
    """
    return next((verb for pattern, verb in _OPEN_VERBS if pattern.search(item)), None)


_NOT_WORK = frozenset(
    str.split("will with that this every each already their them they from into about have been also")
)  # words of four letters or more that name no work


def work_words(text: str) -> set[str]:
    """The words of ``text`` that name work (four letters or more), cut to their first five letters."""
    return {w[:5] for w in re.findall(r"[a-z][a-z-]{3,}", text.lower()) if w not in _NOT_WORK}


def repeats_done(work: str, done: list[str]) -> str | None:
    """The already-done item whose work ``work`` names again ("Add a deadline reminder" after "set deadline
    reminders"), whatever verb it uses: most of the item's words are in it. The plan step asks again for an action
    that does; the validator's ``LES_ALREADY_DONE`` reports a lesson whose new habit does."""
    words = work_words(work)
    for item in done:
        said = work_words(item)
        shared = len(said & words)
        if shared >= 2 and shared >= 0.6 * len(said):
            return item
    return None


__all__ = ["done_in_notes", "open_in_notes", "open_verb", "repeats_done", "work_words"]
