"""Content words and rough stems, for comparing a text with the notes it must agree with.

"pointed at the intern publicly" and "point at the intern in public" share the stems
``point``, ``intern`` and ``public``. Used by the act rule (``OWN_ACT``) and the
contradiction rules (``GND_NEGATES``, ``GND_ALREADY_DONE``, ``GND_RESTORED``). The word
lists live in ``phrases.yaml`` under ``content_words``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable

from assistant.validator.phrases import phrases

Word = tuple[str, str]  # (the word as lower-cased, its stem)

_TOKEN = re.compile(r"[a-z]+")
_RE_PREFIX = re.compile(r"\bre-(?=[a-z])")
# (suffix, replacement, shortest stem left); applied again until none fits.
_SUFFIXES = (
    ("ies", "y", 2),
    ("ied", "y", 2),
    ("ing", "", 2),
    ("ed", "", 2),
    ("es", "", 2),
    ("ly", "", 4),
    ("s", "", 3),
    ("e", "", 2),
)
_KEEP_DOUBLE = frozenset("lsfz")
_PREFIX_MATCH = 5  # "deploy" covers "deployment": a shared start of five letters or more


@functools.cache
def _lists() -> tuple[frozenset[str], dict[str, str], dict[str, str]]:
    data = phrases()["content_words"]
    skip = frozenset(str(w).lower() for w in (*data["stopwords"], *data["generic_verbs"]))
    abbreviations = {str(k).lower(): str(v).lower() for k, v in data["abbreviations"].items()}
    irregular = {str(k).lower(): str(v).lower() for k, v in data["irregular"].items()}
    return skip, abbreviations, irregular


@functools.lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A rough stem of a lower-case word: "pointed", "points", "pointing" -> "point"; "ran" -> "run"."""
    _skip, abbreviations, irregular = _lists()
    word = abbreviations.get(word, word)
    word = irregular.get(word, word)
    changed = True
    while changed:
        changed = False
        for suffix, replacement, shortest in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
                word = word[: -len(suffix)] + replacement
                if suffix in ("ing", "ed") and len(word) >= 4 and word[-1] == word[-2] and word[-1] not in _KEEP_DOUBLE:
                    word = word[:-1]  # "running" -> "runn" -> "run"
                changed = True
                break
    return word


@functools.lru_cache(maxsize=4096)
def content_words(text: str) -> tuple[Word, ...]:
    """The words of ``text`` that carry content, with their stems, in order (stopwords and generic verbs left out)."""
    skip, abbreviations, _irregular = _lists()
    lowered = _RE_PREFIX.sub("", text.lower())
    out: list[Word] = []
    for token in _TOKEN.findall(lowered):
        if token in skip or len(token) < 2:
            continue
        out.append((token, stem(token)))
    return tuple(out)


def stems_of(text: str) -> frozenset[str]:
    """The set of content stems of ``text``."""
    return _stems_of(text)


@functools.lru_cache(maxsize=4096)
def _stems_of(text: str) -> frozenset[str]:
    return frozenset(s for _w, s in content_words(text))


def covered(word_stem: str, stems: Collection[str]) -> bool:
    """``word_stem`` is one of ``stems``, or shares a start of five letters or more with one ("deploy"/"deployment")."""
    if word_stem in stems:
        return True
    if len(word_stem) < _PREFIX_MATCH:
        return False
    return any(
        len(other) >= _PREFIX_MATCH and (other.startswith(word_stem) or word_stem.startswith(other)) for other in stems
    )


def overlap(words: Iterable[str], stems: frozenset[str]) -> int:
    """How many of ``words`` (stems, counted once each) are covered by ``stems``."""
    return sum(1 for w in set(words) if covered(w, stems))
