"""Whether a text only restates another: a plan measure its action ("Contact list updated" for "Update the
supplier contact list"), or a plan action the act it should put right.

The one algorithm of the validator's ``PLAN_MEASURE`` and of the plan step, which replaces such a measure with
what the action leaves to be seen and asks again for an action that is the act once more. Pure functions.
"""

from __future__ import annotations

import functools
import re

_TOKEN = re.compile(r"[a-z0-9]+")
_SUFFIXES = ("ations", "ation", "ions", "ion", "ings", "ing", "ies", "ied", "ed", "es", "s", "e")

# fmt: off
STOPWORDS = frozenset(str.split(
    "a an the of for to in on at by with and or is are was were be been being has have had it its this that these "
    "those my our your their his her me i we you they from into as so now new q1 q2 q3 q4"
))
"""Words that say nothing of the work."""

STATUS_WORDS = frozenset(str.split(
    "done complete completed finished sent scheduled booked held conducted created added updated set setup up place "
    "implemented made carried out started fixed sorted resolved right correct fine ok okay working better improved "
    "ready handled addressed yes tbd achieved successful successfully accomplished"
))
"""Words that only report work as done ("sent", "in place")."""

IRREGULAR = {
    "sent": "send", "held": "hold", "made": "make", "built": "build", "written": "write", "wrote": "write",
    "done": "do", "ran": "run", "paid": "pay", "told": "tell", "kept": "keep", "met": "meet", "led": "lead",
    "read": "read", "set": "set", "put": "put", "began": "begin", "begun": "begin", "brought": "bring",
    "bought": "buy", "taught": "teach", "found": "find", "gave": "give", "given": "give", "took": "take",
    "taken": "take",
}
"""Irregular past forms and their verbs."""
# fmt: on


@functools.lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A lower-case word without its ending ("updated" -> "updat", "sent" -> "send")."""
    word = IRREGULAR.get(word, word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> list[str]:
    """Stems of the words of ``text`` that carry content, in order."""
    return [stem(token) for token in _TOKEN.findall(text.lower()) if token not in STOPWORDS]


def _covered(token: str, stems: set[str]) -> bool:
    """The stem is among ``stems``, or shares a prefix of four or more letters with one."""
    return token in stems or any(
        min(len(token), len(other)) >= 4 and (token.startswith(other) or other.startswith(token)) for other in stems
    )


def restates(text: str, *, action: str) -> bool:
    """Every content word of ``text`` is in ``action``, and it only reports the action as done.

    "Only reports it as done" means ``text`` has a status word ("sent", "done") or repeats the
    action's leading word; "Carrier confirms the step" after "Talk to the carrier about a
    confirmation step" has neither, so it is a real check. An empty text restates nothing.
    """
    tokens = _TOKEN.findall(text.lower())
    if not tokens:
        return False
    said = {stem(token) for token in tokens if token not in STOPWORDS | STATUS_WORDS}
    done = content_stems(action)
    if not all(_covered(token, set(done)) for token in said):
        return False
    return not said or any(token in STATUS_WORDS for token in tokens) or (bool(done) and _covered(done[0], said))
