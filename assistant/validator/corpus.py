"""The labelled corpus format shared by the rule tests and ``bench/validator_quality.py``.

Each JSONL line has ``id``, ``kind``, the text (or a plan item's fields) and ``expect``:
the complete set of rule codes of that kind that must fire.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from assistant.validator.findings import Context, Finding
from assistant.validator.rules.lessons import check_lesson
from assistant.validator.rules.ownership import check_ownership
from assistant.validator.rules.pain import check_pain
from assistant.validator.rules.plan import check_plan_action
from assistant.validator.rules.positive import check_positive

CORPUS_TODAY = dt.date(2026, 11, 27)
RULES_BY_KIND: dict[str, tuple[str, ...]] = {
    "ownership": (
        "OWN_FIRST_PERSON",
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
}
TEXT_CHECKS = {"ownership": check_ownership, "pain": check_pain, "lesson": check_lesson, "positive": check_positive}


def load_corpus(path: Path) -> list[dict[str, Any]]:
    """The rows of a labelled JSONL file, in file order."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def findings_for(row: dict[str, Any], today: dt.date = CORPUS_TODAY) -> list[Finding]:
    """Run the check of the row's kind (plan items against ``today`` and the row's agreed owners)."""
    if row["kind"] == "plan_item":
        ctx = Context(today=today, agreed_owners=tuple(row.get("agreed_owners") or ()))
        return check_plan_action({k: row.get(k) for k in ("action", "owner", "due", "measure")}, ctx)
    return TEXT_CHECKS[row["kind"]](row["text"], Context(today=today))
