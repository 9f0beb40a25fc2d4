"""The cheap, certain checks on text that the step chains and the validator share.

One definition each of: a leftover template placeholder, HTML markup, an empty text, a date
in the past or too far out, and a message's size against its channel's limit. The chains'
structural checks (``assistant.chains``, each ``<step>_problems``: plain words for a re-ask), the validator's
rules (``assistant.validator``, ``check_*``: findings) and the output guard (``assistant.model.guard``) all use
these. Pure functions: no model, nothing from the rest of the assistant.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

PLACEHOLDER = re.compile(r"\[[A-Z][A-Za-z ]{0,30}\]|<[A-Za-z][A-Za-z _-]{0,30}>|\{[a-z_]+\}")
"""A template placeholder left in the text: ``[Your Name]``, ``<leader>``, ``{date}``."""

HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)
"""An HTML tag, opening or closing, or an HTML comment: the one HTML pattern of the validator, the step checks and
the output guard (:mod:`assistant.model.guard`)."""

HTML_MARKUP = re.compile(rf"{HTML_TAG.pattern}|&[a-z]+;|javascript:", re.IGNORECASE | re.DOTALL)
"""An HTML tag, an entity or a ``javascript:`` link: what a message to the leader must not carry."""

# A bare "<manager>" is a leftover placeholder; these names are markup ("<b>", "<script>").
_TAG_NAMES = frozenset(
    str.split(
        "a abbr audio b base body br button canvas code div em embed form frame frameset h1 h2 h3 h4 h5 h6 head hr "
        "html i iframe img input label li link marquee math meta noscript object ol option p pre script select small "
        "source span strong style sub sup svg table tbody td template textarea th tr u ul video xml"
    )
)
_TAG_NAME = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9-]*)")


def is_markup(tag: str) -> bool:
    """Whether a ``<...>`` match is HTML (a known element, a closing tag, attributes or a comment), not a leftover
    placeholder such as ``<leader>``."""
    if tag.startswith("<!--") or tag.startswith("</") or "=" in tag or tag.rstrip(">").endswith("/"):
        return True
    name = _TAG_NAME.match(tag)
    return name is not None and name.group(1).lower() in _TAG_NAMES


def placeholder_matches(text: str) -> list[re.Match[str]]:
    """The leftover placeholders in ``text`` (``[Your Name]``, ``<leader>``, ``{date}``; ``<b>`` is markup)."""
    return [m for m in PLACEHOLDER.finditer(text) if not is_markup(m.group(0))]


def markup_matches(text: str, pattern: re.Pattern[str] = HTML_TAG) -> list[re.Match[str]]:
    """The HTML in ``text`` (``pattern``: :data:`HTML_TAG`, or :data:`HTML_MARKUP` with entities and
    ``javascript:``); a ``<leader>`` is a placeholder, not markup."""
    return [m for m in pattern.finditer(text) if not m.group(0).startswith("<") or is_markup(m.group(0))]


URL = re.compile(r"\b(?:https?|ftp|file)://[^\s<>\"'()\[\]]+|\bwww\.[^\s<>\"'()\[\]]+", re.IGNORECASE)
"""A link or bare web address: model text may carry one only when the notes have it (the guard, ``MSG_LINK``)."""


def notes_urls(notes: str | None) -> set[str]:
    """The whole links in the notes: a link in model text is from the notes only when it is one of these."""
    return {m.group(0).rstrip(".,;:!?") for m in URL.finditer(notes or "")}


IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
"""A Markdown image."""

HORIZON_DAYS = 120

LENGTH_WORDS = {
    "email": {"short": 120, "medium": 200, "long": 250},
    "chat": {"short": 60, "medium": 90, "long": 120},
    "talking_points": {"short": 6, "medium": 7, "long": 8},
}
"""The size limit of a message per channel and length: words for prose, bullet lines for talking points."""


def placeholders(text: str) -> list[str]:
    """Problems for leftover template placeholders such as [Name] or <leader>."""
    found = sorted({m.group(0) for m in placeholder_matches(text)})
    return [f"Replace the placeholder {p} with real words or leave it out." for p in found]


def not_blank(label: str, text: str) -> list[str]:
    """A problem if the text is empty."""
    return [] if text.strip() else [f"The {label} is empty; write it."]


def date_problem(value: dt.date, today: dt.date) -> Literal["past", "too_far"] | None:
    """What is wrong with a date that must come after today and within :data:`HORIZON_DAYS`: the one date check
    of the step checks and the validator's date rules (``PLAN_DUE``, ``RB_DATE``, ``PRG_NO_NEXT``)."""
    if value <= today:
        return "past"
    if (value - today).days > HORIZON_DAYS:
        return "too_far"
    return None


def finish_sentences(text: str) -> str:
    """Drop an unfinished trailing fragment (a hard length limit can stop mid-word)."""
    text = text.strip()
    if not text or text[-1] in ".!?)\"'":
        return text
    cut = max(text.rfind(". "), text.rfind("! "), text.rfind("? "))
    return text[: cut + 1] if cut > 0 else text


def message_size(body: str, channel: str) -> int:
    """What :data:`LENGTH_WORDS` limits: lines for talking points, words otherwise."""
    if channel == "talking_points":
        return len([line for line in body.splitlines() if line.strip()])
    return len(body.split())


SENTENCE = re.compile(r"(?:[^.!?]|[.!?](?=[^\s.!?]))+(?:[.!?]+|$)")  # "1.2M" and "e.g." stay whole
