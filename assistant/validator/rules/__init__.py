"""The linguistic rules of the trust-repair validator, one module per step.

The words and patterns live in ``assistant/validator/phrases.yaml`` (read once by
:mod:`assistant.validator.phrases`); this package holds the few helpers every step's
module shares: compiling a list into one pattern, straightening quotes, splitting
sentences and clauses, and building a :class:`~assistant.validator.findings.Finding` from a rule's entry.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from assistant.validator.findings import Finding, span_finding
from assistant.validator.phrases import phrases

# Same-length replacements, so offsets in the normalised text are offsets in the original.
_QUOTES = (("\u2018", "'"), ("\u2019", "'"), ("\u02bc", "'"), ("\u201c", '"'), ("\u201d", '"'))
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=[^\s.!?]))+(?:[.!?]+|$)")  # "3.9%" and "e.g." stay whole
_CLAUSE_BREAK = re.compile(
    r"[,;:()\u2013\u2014]|\s-\s|\b(?:and|but|so|because|although|though|however|which|who|whereas|while|when|since"
    r"|after|before|until|if|that|then|yet)\b"
)


def rule(code: str) -> dict[str, Any]:
    """The entry of one rule in ``phrases.yaml``."""
    entry: dict[str, Any] = phrases()["rules"][code]
    return entry


@functools.cache
def pattern(code: str, key: str) -> re.Pattern[str]:
    """The rule's list (or single pattern) ``key`` as one regex, for lower-cased text.

    Items that start with ``\\b`` share one leading ``\\b(?=[\\w'])``: a word start, or
    the quote of "'ll". With the text lower-cased beforehand (:func:`normalize`) and no
    IGNORECASE, this runs several times faster than the plain alternation.
    """
    value = rule(code)[key]
    items = [value] if isinstance(value, str) else list(value)
    bounded = [item[2:] for item in items if item.startswith(r"\b")]
    parts = [rf"\b(?=[\w'])(?:{'|'.join(f'(?:{item})' for item in bounded)})"] if bounded else []
    parts += [f"(?:{item})" for item in items if not item.startswith(r"\b")]
    return re.compile("|".join(parts))


@functools.cache
def words(code: str, key: str) -> frozenset[str]:
    """The rule's word list ``key``, lower-cased."""
    return frozenset(str(word).lower() for word in rule(code)[key])


def normalize(text: str) -> str:
    """The text lower-cased with curly quotes straightened; same length, so offsets carry over."""
    if text.isascii():
        return text.lower()
    for curly, straight in _QUOTES:
        text = text.replace(curly, straight)
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two ("İ"): keep those as they are
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, leading spaces left out."""
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            spans.append((start, end))
    return spans


def sentence_at(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence span holding character ``pos``."""
    for start, end in spans:
        if start <= pos < end:
            return start, end
    return 0, pos


def clause_start(text: str, lo: int, pos: int) -> int:
    """Where the clause holding ``pos`` starts, looking back no further than ``lo``."""
    start = lo
    for match in _CLAUSE_BREAK.finditer(text, lo, pos):
        start = match.end()
    while start < pos and text[start].isspace():
        start += 1
    return start


def clause_end(text: str, pos: int, hi: int) -> int:
    """Where the clause holding ``pos`` ends, looking ahead no further than ``hi``."""
    match = _CLAUSE_BREAK.search(text, pos, hi)
    end = match.start() if match else hi
    while end > pos and text[end - 1] in " .!?\n":
        end -= 1
    return end


def _text_of(entry: dict[str, Any], variant: str | None, fields: dict[str, str]) -> tuple[str, str]:
    source = entry["messages"][variant] if variant else entry
    return source["message"].format(**fields), source["suggestion"].format(**fields)


def found(
    code: str,
    text: str,
    start: int,
    end: int,
    *,
    item: int | None = None,
    variant: str | None = None,
    step: str | None = None,
    **fields: str,
) -> Finding:
    """A finding of rule ``code`` pointing at ``text[start:end]``, worded from ``phrases.yaml``.

    ``variant`` picks one of the rule's ``messages``; ``fields`` fill its ``{names}``. ``step``
    overrides the rule's own step, for rules that apply to every step (``TXT_*``, ``GND_*``).
    """
    entry = rule(code)
    message, suggestion = _text_of(entry, variant, fields)
    where = step or entry["step"]
    return span_finding(code, where, entry["severity"], text, start, end, message, suggestion, item=item)


def found_nowhere(code: str, *, item: int | None = None, variant: str | None = None, **fields: str) -> Finding:
    """A finding of rule ``code`` about something missing, so with no words to point at."""
    entry = rule(code)
    message, suggestion = _text_of(entry, variant, fields)
    return Finding(
        rule=code, step=entry["step"], severity=entry["severity"], message=message, suggestion=suggestion, item=item
    )
