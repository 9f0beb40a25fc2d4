"""A first reading of progress notes, without a model: which line speaks of which plan action, and what it says.

A small model often maps short notes to the wrong actions ("set up the staging environment" read as
nothing done). This reading gives the report_back_update step a hint per action – the note line that matches it
best and whether that line reads as done, started or not done – which the prompt shows beside the plan.
It only suggests: the model (and the user's own statuses) decide.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.domain.language import stem
from assistant.domain.report_back import ActionStatus
from assistant.domain.schema import PlanAction

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "from",
        "it",
        "its",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "this",
        "that",
        "these",
        "those",
        "my",
        "our",
        "we",
        "i",
        "me",
        "you",
        "your",
        "all",
        "any",
        "each",
        "every",
        "new",
        "next",
        "more",
        "less",
        "up",
        "out",
        "into",
        "over",
        "after",
        "before",
        "so",
        "as",
        "than",
        "then",
    ]
)
_NOT_DONE = re.compile(
    r"\b(?:not|never|haven'?t|hasn'?t|didn'?t|isn'?t|wasn'?t|yet|slipp(?:ed|ing)|late|delayed|behind|stuck)\b"
    r"|n't\b",
    re.IGNORECASE,
)
_STARTED = re.compile(
    r"\b(?:start(?:ed)?|begun|began|working on|in progress|halfway|half done|draft(?:ed)?|wip|partly|partially)\b",
    re.IGNORECASE,
)
_DONE = re.compile(
    r"\b(?:done|finished|completed?|merged|shipped|live|deployed|released|set up|sent|green|passed|works?|"
    r"[a-z]{2,}ed|ran|wrote|built|made|held|met|gave|took|put)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reading:
    """What the notes seem to say about one action."""

    index: int
    status: ActionStatus
    line: str


def _content(text: str) -> set[str]:
    return {stem(w.lower()) for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 2}


def _lines(notes: str) -> list[str]:
    parts = re.split(r"[\n;]+|(?<=[.!?])\s+", notes)
    return [p.strip(" -*•\t") for p in parts if p.strip(" -*•\t")]


def _status_of(line: str) -> ActionStatus:
    if _NOT_DONE.search(line):
        return "in_progress" if _STARTED.search(line) else "not_started"
    if _STARTED.search(line):
        return "in_progress"
    return "done" if _DONE.search(line) else "in_progress"


def read_progress(plan: Sequence[PlanAction], progress_notes: str) -> dict[int, Reading]:
    """For each action that a line of the notes clearly speaks of, that line and what it reads as.

    A line speaks of an action when it shares the action's verb and one more content word, or at least
    three fifths of the action's content words (at least two).
    """
    lines = _lines(progress_notes)
    out: dict[int, Reading] = {}
    for index, action in enumerate(plan):
        words = _content(action.action)
        verb = next((stem(w.lower()) for w in _WORD.findall(action.action)), "")
        best: tuple[int, str] | None = None
        for line in lines:
            shared = words & _content(line)
            score = len(shared) + (1 if verb in shared else 0)
            enough = (verb in shared and len(shared) >= 2) or (len(shared) >= 2 and 5 * len(shared) >= 3 * len(words))
            if enough and (best is None or score > best[0]):
                best = (score, line)
        if best is not None:
            out[index] = Reading(index, _status_of(best[1]), best[1])
    return out


def reading_text(reading: Reading | None) -> str:
    """The hint shown beside an action in the report_back_update prompt."""
    if reading is None:
        return "my notes say nothing clear about it"
    return f'my notes seem to say {reading.status.replace("_", " ")}: "{reading.line[:120]}"'
