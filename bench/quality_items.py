"""The quality bench's mechanical items (bench/quality.py): R1 the leader, R2 the act, R6 the plan, R7 grounded,
R8 report back, R9 the message, scored on a draft against its note's front matter (bench/quality_set/README.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.domain.schema import Draft
from assistant.domain.text_checks import LENGTH_WORDS, message_size, placeholder_matches

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CLOSES = re.compile(
    r"^(?:thanks|thank you|best|kind regards|regards|cheers|sincerely|danke|viele grüße|gracias|saludos|merci|"
    r"cordialement|–|-)\b",
    re.I | re.M,
)
_GREETING = re.compile(r"^(?:hi|hello|dear|hey|hallo|liebe|hola|estimad[oa]|bonjour)\b|^[A-Z][a-z]+,", re.M | re.I)


@dataclass
class Case:
    """One note of the quality set and what a correct draft must respect."""

    id: str
    notes: str
    meta: dict[str, Any]


@dataclass
class Scored:
    """One draft of one mode on one case."""

    case: str
    mode: str
    wall: float = 0.0
    first_text: float | None = None
    loaded: float | None = None  # the model ready to answer, from starting the command
    tokens: int = 0
    items: dict[str, list[str]] = field(default_factory=dict)  # item -> problems ([] = pass)
    errors: list[str] = field(default_factory=list)  # validator error rules
    failed: str | None = None

    @property
    def passed(self) -> bool:
        return self.failed is None and not self.errors and all(not p for p in self.items.values())


def _stem(word: str) -> str:
    word = word.lower().strip(".,;:()\"'")
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _has_word(text: str, word: str) -> bool:
    stems = {_stem(w) for w in re.findall(r"[\w$€£.-]+", text.lower())}
    target = _stem(word)
    return target in stems or any(s.startswith(target[:5]) for s in stems if len(target) >= 5)


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def _date_numbers(draft: Draft) -> set[str]:
    days = [a.due for a in draft.plan] + [c.date for c in draft.report_back] + [draft.today]
    out = set()
    for d in days:  # the parts of a date, and the whole of one written "10.12.2026" (German), which reads as one
        out |= {str(v) for v in (d.year, d.month, d.day, f"{d.month:02d}", f"{d.day:02d}")}
        out |= {f"{d.day}.{d.month}.{d.year}", f"{d.day:02d}.{d.month:02d}.{d.year}"}
    return out


def score(draft: Draft, case: Case) -> dict[str, list[str]]:
    """The problems per mechanical item ([] when it passes)."""
    meta, body, channel = case.meta, draft.message.body, draft.options.channel
    # who the message is addressed to: its greeting ("Hi Dana," / "Dana,"), not the first sentence after it
    first = body.split(",", 1)[0] if "," in body else ""
    head = first if len(first.split()) <= 3 else ""
    leader, colleagues = meta.get("leader"), meta.get("colleagues") or []
    r1 = [f"addresses colleague {c}" for c in colleagues if c != leader and re.search(rf"\b{c}\b", head)]
    if channel == "talking_points":
        if (draft.facts.leader_name or None) != leader:
            r1.append(f"leader settled as {draft.facts.leader_name!r}, notes name {leader!r}")
    elif leader and not re.search(rf"\b{re.escape(leader)}\b", head):
        r1.append(f"does not open by addressing {leader}")
    elif not leader and draft.facts.leader_name and re.search(rf"\b{draft.facts.leader_name}\b", head):
        r1.append(f"addresses {draft.facts.leader_name}, but the notes name no leader")
    words = meta.get("act_words") or []
    found = [w for w in words if _has_word(draft.ownership, w)]
    need = len(words) if len(words) <= 2 else len(words) - 1
    r2 = [] if len(found) >= need else [f"ownership lacks the act's words {sorted(set(words) - set(found))}"]
    r6 = [] if 2 <= len(draft.plan) <= 4 else [f"{len(draft.plan)} actions"]
    for i, action in enumerate(draft.plan, 1):
        if action.owner.strip().lower() not in ("me", "i", "myself"):
            r6.append(f"action {i} owned by {action.owner!r}")
        if not 3 <= (action.due - draft.today).days <= 42:
            r6.append(f"action {i} due {action.due} ({(action.due - draft.today).days} days out)")
    prose = " ".join([draft.pain, draft.ownership, *draft.lessons, draft.positive, body, draft.message.subject]
                     + [f"{a.action} {a.measure}" for a in draft.plan])  # fmt: skip
    invented = sorted(_numbers(prose) - _numbers(case.notes) - _date_numbers(draft))
    r7 = [f"number {n} is not in the notes" for n in invented]
    impact_numbers = {n.replace(",", "") for item in meta.get("numbers") or [] for n in _NUMBER.findall(item)}
    if impact_numbers and not (_numbers(draft.pain) & impact_numbers) and not (_numbers(body) & impact_numbers):
        r7.append("no number of the notes in the pain or the message")
    for done in meta.get("already_done") or []:
        for i, action in enumerate(draft.plan, 1):
            if all(_has_word(action.action, w) for w in done["words"]):
                r7.append(f"action {i} plans what is done: {done['text']!r}")
    r8 = [] if draft.report_back else ["no check-ins"]
    dates = [c.date for c in draft.report_back]
    if len(set(dates)) < len(dates) or len({c.report.strip().lower() for c in draft.report_back}) < len(dates):
        r8.append("two check-ins share a date or a text")
    dues = sorted(a.due for a in draft.plan)
    if dates and dues and (min(dates) < dues[0] or max(dates) < dues[-1]):
        r8.append("a check-in comes before the action it reports is due")
    r9 = [f"placeholder {m.group(0)}" for m in placeholder_matches(body)]
    if channel != "talking_points":
        if not _GREETING.search(body.lstrip().splitlines()[0] if body.strip() else ""):
            r9.append("no greeting")
        if channel == "email" and not _CLOSES.search("\n".join(body.strip().splitlines()[-2:])):
            r9.append("no sign-off")
    limit = LENGTH_WORDS[channel][draft.options.length]
    if message_size(body, channel) > limit:
        r9.append(f"{message_size(body, channel)} > {limit} ({'lines' if channel == 'talking_points' else 'words'})")
    return {"R1": r1, "R2": r2, "R6": r6, "R7": r7, "R8": r8, "R9": r9}


def judge(draft: Draft, case: Case, mode: str, wall: float, first_text: float | None = None) -> Scored:
    """A scored draft."""
    tokens = sum(u.prompt_tokens + u.completion_tokens for u in draft.usage.values())
    errors = [f.rule for f in draft.findings if f.severity == "error"]
    errors += [f"{step}: unresolved" for step in draft.unresolved]  # a step's own checks, shown to the user too
    return Scored(case.id, mode, wall, first_text, tokens=tokens, items=score(draft, case), errors=errors)
