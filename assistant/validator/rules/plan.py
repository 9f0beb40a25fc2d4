"""Step 4, outline a path forward: one action's verb, owner, due date, measure and vagueness.

Spans of ``PLAN_VERB`` and ``PLAN_VAGUE`` point into the action text; those of
``PLAN_OWNER``, ``PLAN_DUE`` and ``PLAN_MEASURE`` into the owner, due (as written, or
as YYYY-MM-DD for a date) and measure fields.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from assistant.domain.restating import restates
from assistant.domain.schema import PlanAction
from assistant.domain.text_checks import date_problem
from assistant.validator.findings import Context, Finding
from assistant.validator.rules import found, found_nowhere, normalize, pattern, words

_WORD = re.compile(r"[a-z][\w'-]*", re.IGNORECASE)
_PARENS = re.compile(r"\([^)]*\)")


def check_plan_action(action: PlanAction | dict[str, Any], ctx: Context, item: int | None = None) -> list[Finding]:
    """Findings for one plan action (``PLAN_VERB``, ``PLAN_OWNER``, ``PLAN_DUE``, ``PLAN_MEASURE``, ``PLAN_VAGUE``).

    ``action`` is a :class:`PlanAction` or a dict with the same keys, whose ``due`` may
    be a date or a string that doesn't parse.
    """
    fields = action.model_dump() if isinstance(action, PlanAction) else dict(action)
    text = str(fields.get("action") or "")
    owner = str(fields.get("owner") or "")
    measure = str(fields.get("measure") or "")
    return [
        *_verb(text, owner, ctx, item),
        *_owner(owner, ctx, item, action=text),
        *_due(fields.get("due"), ctx, item),
        *_measure(measure, text, item),
        *_vague(text, item),
    ]


# ------------------------------------------------------------------ PLAN_VERB


def _verb(text: str, owner: str, ctx: Context, item: int | None) -> list[Finding]:
    code = "PLAN_VERB"
    norm = normalize(text)
    bullet = pattern(code, "bullets").match(norm)
    offset = bullet.end() if bullet else 0
    rest = norm[offset:]
    found_words = list(_WORD.finditer(rest, 0, 80))[:4]
    if not found_words:
        return []
    first = found_words[0]
    lowered = [w.group(0).lower() for w in found_words]

    def hit(n_words: int, variant: str) -> list[Finding]:
        end = offset + found_words[min(n_words, len(found_words)) - 1].end()
        return [found(code, text, offset + first.start(), end, item=item, variant=variant)]

    links = pattern(code, "subject_links")
    if pattern(code, "hedges").match(rest):
        return hit(1, "hedge")
    if pattern(code, "pronouns").match(rest):
        hedged = any(w in ("try", "attempt", "aim") for w in lowered[1:4])
        return hit(3 if hedged else 2, "hedge" if hedged else "subject")
    if pattern(code, "noun_starts").match(rest):
        link = next((i for i, w in enumerate(lowered[1:4], start=1) if w != "to" and links.match(w)), None)
        return hit(link + 1, "subject") if link else hit(min(2, len(found_words)), "noun")
    first_word = text[offset + first.start() : offset + first.end()]  # as written, to tell an acronym
    verb_to = lowered[1:2] == ["to"] and pattern(code, "to_verbs").match(lowered[0])  # "Talk to ..."
    if len(lowered) > 1 and links.match(lowered[1]) and not verb_to and _names_a_doer(first_word, owner, ctx):
        return hit(2, "subject")
    word = lowered[0]
    if len(word) >= 6 and word.endswith("ing"):
        return hit(1, "noun")
    return []


def _names_a_doer(word: str, owner: str, ctx: Context) -> bool:
    """An acronym, a team word, or a name the owner field or the agreed owners use."""
    lowered = word.lower()
    names = {n.lower() for n in (*ctx.agreed_owners, *_WORD.findall(owner))}
    return (
        (word.isupper() and len(word) >= 2)
        or bool(pattern("PLAN_VERB", "team_words").match(lowered))
        or (lowered in names and lowered not in words("PLAN_OWNER", "self"))
    )


# ----------------------------------------------------------------- PLAN_OWNER


def _owner(owner: str, ctx: Context, item: int | None, action: str = "") -> list[Finding]:
    code = "PLAN_OWNER"
    if not owner.strip():
        if pattern(code, "self_in_action").match(normalize(action)):  # "I'll add ...": the writer's own
            return []
        return [found_nowhere(code, item=item, variant="missing")]
    own = words(code, "self")
    agreed = {name.strip().lower() for name in ctx.agreed_owners}
    lowered = normalize(owner).lower()
    for part in pattern(code, "splitter").split(lowered):
        name = _PARENS.sub("", part).strip(" .'\"")
        if not name or name in own or name in agreed:
            continue
        start = max(lowered.find(name), 0)
        variant = "leader" if name in words(code, "leader") else "other"
        who = owner[start : start + len(name)]
        return [found(code, owner, start, start + len(name), item=item, variant=variant, who=f'"{who}"')]
    return []


# ------------------------------------------------------------------- PLAN_DUE


def _due(due: object, ctx: Context, item: int | None) -> list[Finding]:
    code = "PLAN_DUE"
    written = due.isoformat() if isinstance(due, dt.date) else str(due or "").strip()
    if isinstance(due, dt.datetime):
        date: dt.date | None = due.date()
    elif isinstance(due, dt.date):
        date = due
    else:
        try:
            date = dt.date.fromisoformat(written)
        except ValueError:
            date = _window_end(written, ctx.today)
    if date is None:
        variant = "unparseable"
    elif (problem := date_problem(date, ctx.today)) is not None:
        variant = problem
    else:
        return []
    if not written:
        return [found_nowhere(code, item=item, variant=variant)]
    return [found(code, written, 0, len(written), item=item, variant=variant)]


_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10, "twelve": 12}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}


def _window_end(written: str, today: dt.date) -> dt.date | None:
    """The last day of a window written in words ("next 2 weeks", "Q1 2027"), or None."""
    norm = normalize(written).strip()
    window = pattern("PLAN_DUE", "window").match(norm)
    if window:
        count = window.group("n")
        n = int(count) if count.isdigit() else _NUMBERS[count]
        return today + dt.timedelta(days=n * _UNIT_DAYS[window.group("unit")])
    quarters = list(pattern("PLAN_DUE", "quarter").finditer(norm))
    if not quarters:
        return None
    q, year = int(quarters[-1].group("q")), int(quarters[-1].group("year"))
    first_of_next = dt.date(year + 1, 1, 1) if q == 4 else dt.date(year, 3 * q + 1, 1)
    return first_of_next - dt.timedelta(days=1)


# --------------------------------------------------------------- PLAN_MEASURE


def _measure(measure: str, action: str, item: int | None) -> list[Finding]:
    code = "PLAN_MEASURE"
    norm = normalize(measure)
    stripped = norm.strip()
    if not stripped:
        return [found_nowhere(code, item=item, variant="status")]
    feeling = pattern(code, "feeling").search(norm)
    if feeling:
        return [found(code, measure, *feeling.span(), item=item, variant="feeling")]
    if restates(norm, action=normalize(action)):
        start = norm.find(stripped)
        return [found(code, measure, start, start + len(stripped), item=item, variant="status")]
    comparative = pattern(code, "comparative").search(norm)
    if comparative and not pattern(code, "quantity").search(norm):
        return [found(code, measure, *comparative.span(), item=item, variant="vague")]
    return []


# ----------------------------------------------------------------- PLAN_VAGUE


def _vague(text: str, item: int | None) -> list[Finding]:
    code = "PLAN_VAGUE"
    norm = normalize(text)
    hits = [m.span() for m in pattern(code, "always").finditer(norm)]
    ok_before = pattern(code, "effort_ok_before")
    hits += [
        m.span()
        for m in pattern(code, "effort").finditer(norm)
        if not ok_before.search(norm[max(0, m.start() - 24) : m.start()])
    ]
    if not pattern(code, "outcome").search(norm):
        hits += [m.span() for m in pattern(code, "open_ended").finditer(norm)]
    out: list[Finding] = []
    last_end = -1
    for start, end in sorted(hits):
        if start >= last_end:
            out.append(found(code, text, start, end, item=item))
            last_end = end
    return out
