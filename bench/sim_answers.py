"""The simulated server's answers (bench/sim_server.py): for ``response_format`` ``json_schema``, a minimal
valid instance of the schema (arrays get ``minItems`` items, ``"format": "date"`` gets today + 14 days,
strings come from :data:`FIELD_TEXT` by field name, else ``"I will add a check."``), and its token count.

The texts fit the ``examples/software-outage.md`` notes so that Regain's validator accepts every step on
the first attempt. Stdlib only.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

DEFAULT_TEXT = "I will add a check."

# Texts by schema title and field, matched to the software-outage example notes.
FIELD_TEXT: dict[str, dict[str, Any]] = {
    "Facts": {
        "what_happened": "I pushed a payments config change on Friday without running the staging tests.",
        "act": "pushed the payments config change on friday afternoon w/o running the staging tests",
        "impact": "Checkout was down about 3 hours and about 400 orders were lost.",
        "cause": "I skipped the staging tests to ship before the weekend.",
        "affected": ["customers", "support", "Dana"],
        "leader_name": "Dana",
        "leader_role": "engineering director",
        "already_done": ["rolled back the change", "wrote the incident timeline"],
    },
    "IntakeOutput": {
        "act": "pushed the payments config change on friday afternoon w/o running the staging tests",
        "impact": "checkout was down ~3h (14:10-17:05), ~400 orders lost, support got 60+ tickets",
        "cause": "wanted to get it out before the weekend",
        "already_done": ["I rolled back at 17:05", "I already wrote the incident timeline"],
    },
    "LessonPart": {
        "weak_point": "I treated the staging tests as optional when I was in a hurry",
        "habit": "run the staging tests before every config deploy, whatever the deadline",
    },
    "PlanStep": {
        "action": "Add a CI gate that blocks config deploys unless the staging tests passed",
        "measure": "A deploy without a green staging run is rejected by the pipeline",
    },
    "PainOutput": {
        "statement": "I'm sorry. About 400 orders were lost and you had to explain it to the VP; that weighs on me."
    },
    "OwnershipOutput": {"statement": "I pushed the change without running the staging tests. That was my decision."},
    "LessonsOutput": {
        "lessons": [
            "I treated the staging tests as optional when I was in a hurry, so I now run them before every "
            "config deploy."
        ]
    },
    "PlanAction": {
        "action": "Add a CI gate that blocks config deploys unless the staging tests passed",
        "owner": "me",
        "measure": "A deploy without a green staging run is rejected by the pipeline",
    },
    "PositiveOutput": {"statement": "I'm on it, and I'll show you the gate working within two weeks."},
    "CheckIn": {"report": "Whether the CI gate is live, with a blocked test deploy."},
    "MessageOutput": {
        "subject": "Friday's checkout outage",
        "body": (
            "Dana, I'm sorry about Friday: about 400 orders were lost and you had to explain it to the VP. "
            "I pushed the change without running the staging tests; that was my decision. "
            "I learned that skipping staging tests to beat a deadline moves the risk onto customers. "
            "My plan: I will add a CI gate that blocks config deploys without a green staging run by {due}. "
            "I'm committed to making this right, and I'll update you on {due} with the gate working."
        ),
    },
}

# bench/single_shot.py asks for every part in one flat object.
_STATEMENTS = {"pain": "PainOutput", "ownership": "OwnershipOutput", "positive": "PositiveOutput"}
FIELD_TEXT["SingleShotOutput"] = {step: FIELD_TEXT[title]["statement"] for step, title in _STATEMENTS.items()}
FIELD_TEXT["SingleShotOutput"]["lessons"] = FIELD_TEXT["LessonsOutput"]["lessons"]


def _due(today: dt.date | None = None) -> str:
    return ((today or dt.date.today()) + dt.timedelta(days=14)).isoformat()


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        path = node["$ref"].removeprefix("#/").split("/")
        target: Any = root
        for part in path:
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def instance_for(schema: dict[str, Any], *, today: dt.date | None = None) -> Any:
    """A minimal instance of ``schema`` that validates against it."""
    return _instance(schema, schema, None, None, _due(today))


def _instance(node: dict[str, Any], root: dict[str, Any], owner: str | None, field: str | None, due: str) -> Any:
    node = _resolve(node, root)
    known = FIELD_TEXT.get(owner or "", {}).get(field or "")
    for key in ("anyOf", "oneOf"):
        if key in node:
            options = [_resolve(o, root) for o in node[key]]
            non_null = [o for o in options if o.get("type") != "null"]
            if known is None and len(non_null) < len(options):
                return None
            return _instance(non_null[0] if non_null else options[0], root, owner, field, due)
    if "const" in node:
        return node["const"]
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type")
    if kind == "object":
        title = node.get("title", owner)
        props: dict[str, Any] = node.get("properties", {})
        return {name: _instance(sub, root, title, name, due) for name, sub in props.items()}
    if kind == "array":
        if isinstance(known, list):
            return known[: node.get("maxItems", len(known))] or known[:1]
        count = max(1, int(node.get("minItems", 1)))
        return [_instance(node.get("items", {}), root, owner, field, due) for _ in range(count)]
    if kind == "string":
        if node.get("format") == "date":
            return due
        text = known if isinstance(known, str) else DEFAULT_TEXT
        return text.replace("{due}", due)[: node.get("maxLength", len(text))]
    if kind == "integer":
        return int(node.get("minimum", 1))
    if kind == "number":
        return float(node.get("minimum", 1.0))
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return DEFAULT_TEXT


def answer_text(body: dict[str, Any]) -> str:
    """The reply text for a chat-completions request body."""
    fmt = body.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        return json.dumps(instance_for(fmt["json_schema"]["schema"]))
    if fmt.get("type") == "json_object":
        return json.dumps({"answer": DEFAULT_TEXT})
    return "OK"


def tokens_of(text: str) -> list[str]:
    """The text in 4-character pieces: one piece per simulated token."""
    return [text[i : i + 4] for i in range(0, len(text), 4)] or [""]


def count_tokens(text: str) -> int:
    """Simulated token count, ``ceil(len(text) / 4)``."""
    return max(1, math.ceil(len(text) / 4))
