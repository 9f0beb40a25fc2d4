"""Quick structural checks a step's output must pass before it is accepted.

These are the cheap, certain problems (dates in the past, placeholders, empty
text); the trust-repair validator adds the judgement calls on top.
"""

from __future__ import annotations

import datetime as dt
import re

PLACEHOLDER = re.compile(r"\[[A-Z][A-Za-z ]{0,30}\]|<[a-z][a-z _-]{0,30}>|\{[a-z_]+\}")
HORIZON_DAYS = 120


def placeholders(text: str) -> list[str]:
    """Problems for leftover template placeholders such as [Name] or <leader>."""
    found = sorted(set(PLACEHOLDER.findall(text)))
    return [f"Replace the placeholder {p} with real words or leave it out." for p in found]


def not_blank(label: str, text: str) -> list[str]:
    """A problem if the text is empty."""
    return [] if text.strip() else [f"The {label} is empty; write it."]


def future_date(label: str, value: dt.date, today: dt.date) -> list[str]:
    """Problems if a date is not after today or too far out."""
    if value <= today:
        return [f"The {label} {value.isoformat()} is not after today ({today.isoformat()}); pick a later date."]
    if (value - today).days > HORIZON_DAYS:
        return [f"The {label} {value.isoformat()} is too far away; pick a date within {HORIZON_DAYS // 30} months."]
    return []


def finish_sentences(text: str) -> str:
    """Drop an unfinished trailing fragment (a hard length limit can stop mid-word)."""
    text = text.strip()
    if not text or text[-1] in ".!?)\"'":
        return text
    cut = max(text.rfind(". "), text.rfind("! "), text.rfind("? "))
    return text[: cut + 1] if cut > 0 else text
