"""The labelled corpus format shared by the rule tests and ``bench/validator_quality.py``.

Each JSONL line has ``id``, ``kind``, the text (or a plan item's fields) and ``expect``:
the complete set of rule codes of that kind that must fire. Some kinds carry more:

- ``ownership`` may have ``act``, the writer's act quoted from the notes (for ``OWN_ACT``);
- ``prose`` has ``step``, the step the text is checked as (``TXT_NON_APOLOGY``);
- ``grounding`` has ``notes``, ``step``, optionally ``already_done`` and, for the plan,
  ``part`` (``action`` or ``measure``): the text is checked against the notes (``GND_*``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from assistant.domain.schema import Facts
from assistant.validator.contradictions import Promise, check_contradictions
from assistant.validator.findings import Context, Finding
from assistant.validator.rules.lessons import check_lesson
from assistant.validator.rules.ownership import check_ownership
from assistant.validator.rules.pain import check_pain
from assistant.validator.rules.plan import check_plan_action
from assistant.validator.rules.positive import check_positive
from assistant.validator.rules.prose import check_non_apology

CORPUS_TODAY = dt.date(2026, 11, 27)
RULES_BY_KIND: dict[str, tuple[str, ...]] = {
    "ownership": (
        "OWN_FIRST_PERSON",
        "OWN_ACT",
        "OWN_BLAME",
        "OWN_EXCUSE",
        "OWN_NON_APOLOGY",
        "OWN_PASSIVE",
        "OWN_MINIMIZE",
    ),
    "pain": ("PAIN_NO_REGRET", "PAIN_MELODRAMA"),
    "lesson": ("LES_PLATITUDE", "LES_RESTATES"),
    "plan_item": ("PLAN_VERB", "PLAN_OWNER", "PLAN_DUE", "PLAN_MEASURE", "PLAN_VAGUE"),
    "positive": ("POS_NO_COMMITMENT", "POS_CRUSHED", "POS_OVERPROMISE"),
    "prose": ("TXT_NON_APOLOGY",),
    "grounding": ("GND_NEGATES", "GND_ALREADY_DONE", "GND_RESTORED"),
}
_PROMISE_OF_PART: dict[str, Promise] = {"action": "action", "measure": "none"}
TEXT_CHECKS = {"ownership": check_ownership, "pain": check_pain, "lesson": check_lesson, "positive": check_positive}


def load_corpus(path: Path) -> list[dict[str, Any]]:
    """The rows of a labelled JSONL file, in file order."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def facts_with(*, act: str = "", already_done: list[str] | None = None) -> Facts:
    """Facts that hold only an act and work already done, the rest left empty."""
    return Facts(
        what_happened="",
        act=act,
        impact="",
        cause="",
        affected=[],
        leader_name=None,
        leader_role=None,
        already_done=already_done or [],
    )


def findings_for(row: dict[str, Any], today: dt.date = CORPUS_TODAY) -> list[Finding]:
    """Run the check of the row's kind (plan items against ``today`` and the row's agreed owners)."""
    kind = row["kind"]
    if kind == "plan_item":
        ctx = Context(today=today, agreed_owners=tuple(row.get("agreed_owners") or ()))
        return check_plan_action({k: row.get(k) for k in ("action", "owner", "due", "measure")}, ctx)
    if kind == "prose":
        return check_non_apology(row["text"], row["step"])
    if kind == "grounding":
        facts = facts_with(already_done=row["already_done"]) if row.get("already_done") else None
        ctx = Context(today=today, notes=row["notes"], facts=facts)
        promise = _PROMISE_OF_PART.get(row.get("part") or "", "clauses")
        return check_contradictions(row["text"], row["step"], ctx, promise=promise)
    facts = facts_with(act=row["act"]) if row.get("act") else None
    return TEXT_CHECKS[kind](row["text"], Context(today=today, facts=facts))
