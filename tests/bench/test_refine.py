"""The refine bench (bench/refine.py): its set, its scoring, a model that answers every request as it should
(so each request's stated change is one a right answer meets), and a whole run against the simulated server so
that it does not rot. No timing is asserted beyond the plain requests' limit, which the bench itself checks."""

from __future__ import annotations

import asyncio
import importlib
import json
import re
import sys
from pathlib import Path
from typing import Any

from langchain_core.messages import BaseMessage

from assistant.model.testing import ScriptedChatModel
from assistant.workflows.draft import Pipeline

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
refine = importlib.import_module("refine")

# What a model that understands every model request of the set answers (the plain ones never reach it).
RIGHT_EDITS: dict[str, list[dict[str, Any]]] = {
    "r06": [{"op": "shift_dates", "target": "action", "action": 3, "amount": -1, "unit": "weeks"}],
    "r07": [{"op": "set_date", "target": "action", "number": 2, "date": "2026-12-16"}],
    "r12": [{"op": "set_tone", "tone": "warm"}],
    "r14": [{"op": "set_channel", "channel": "talking_points"}],
    "r17": [{"op": "drop_action", "number": 3}],
    "r18": [{"op": "set_owner", "number": 3, "owner": "Priya"}],
    "r19": [{"op": "set_measure", "number": 1, "measure": "A test deploy without a green staging run is blocked"}],
    "r20": [{"op": "add_fact", "fact": "I already called the three biggest affected merchants on Monday"}],
    "r21": [
        {
            "op": "add_action",
            "action": "Run a deploy drill with the on-call team",
            "measure": "The drill log shows a blocked deploy",
            "owner": "me",
            "due": None,
        }
    ],  # fmt: skip
    "r22": [],
    "r27": [{"op": "shift_dates", "target": "action", "action": 2, "amount": 1, "unit": "weeks"}],
    "r28": [{"op": "reword_action", "number": 2, "action": "Write a pre-deploy checklist for every config change"}],
}


def _right_answer(messages: list[BaseMessage]) -> str:
    text = str(messages[-1].content)
    case = next(c for c in refine.load_cases() if f"<request>\n{c.request}\n</request>" in text)
    edits = RIGHT_EDITS[case.id[:3]]
    return json.dumps({"understood": case.request, "edits": edits, "not_possible": "" if edits else "no fax"})


def test_the_set_covers_every_kind_of_request() -> None:
    cases = refine.load_cases()
    assert len(cases) >= 20 and len({c.id for c in cases}) == len(cases)
    keys = {key for c in cases for key in c.expect}
    assert {"plan.1.due", "plan.3.due", "checkins", "length", "tone", "channel", "notes", "plan.count"} <= keys
    assert {"plan.3.owner", "plan.1.measure"} <= keys
    assert sum(1 for c in cases if not c.expect) >= 3  # requests that cannot be done
    assert any("Woche" in c.request for c in cases) and any("corto" in c.request for c in cases)
    assert 8 <= sum(c.plain for c in cases) < len(cases)
    assert {c.id[:3] for c in cases if not c.plain} == set(RIGHT_EDITS)
    for case in cases:
        refine.load_draft(case.draft)


def test_a_change_asked_for_passes_and_one_not_asked_for_fails() -> None:
    before = refine.load_draft("outage-email")
    plan = [before.plan[0].model_copy(update={"owner": "Priya"}), before.plan[1]]
    owner_changed = before.model_copy(update={"plan": plan})
    assert refine.check(before, owner_changed, {"plan.1.owner": {"contains": "priya"}}) == []
    assert refine.check(before, owner_changed, {}) == ["plan.1.owner changed unasked: me -> Priya"]
    assert refine.check(before, owner_changed, {"plan.2.owner": "Priya"}) == [
        "plan.1.owner changed unasked: me -> Priya",
        "plan.2.owner should be Priya, is me",
    ]
    dropped = before.model_copy(update={"plan": before.plan[:1]})
    assert refine.check(before, dropped, {"plan.count": 1, "plan.2": None}) == []
    assert refine.check(before, before, {"plan.count": 1, "plan.2": None}) == [
        "plan.2 should be gone",
        "plan.count should be 1, is 2",
    ]


def test_right_answers_pass_every_request_and_plain_ones_need_no_model() -> None:
    model = ScriptedChatModel(script={"refine_edits": _right_answer})
    results = asyncio.run(refine.run_cases(refine.load_cases(), Pipeline(model)))
    assert [(r.case, r.problems, r.failed) for r in results if not r.passed] == []
    # the model is asked only where the program does not read the whole request by itself
    assert len(model.calls_for("refine_edits")) == sum(r.used_model for r in results) <= len(RIGHT_EDITS)
    assert all(not r.used_model and r.wall <= refine.PLAIN_LIMIT_S for r in results if r.plain)


def test_a_whole_run_on_the_simulated_server(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    assert refine.main(["--backend", "sim", "--results", str(results), "--write-results"]) == 0
    section = results.read_text(encoding="utf-8")
    assert "<!-- refine:start -->" in section and "**Simulated server**" in section
    rows = [line for line in section.splitlines() if re.match(r"\| r\d\d-", line)]
    assert len(rows) == len(refine.load_cases())
    # The plain requests are the parser's, and pass; so is a request to fax the message, which the program reads
    # as one it cannot do; for a rewording by paraphrase, the simulated model's one edit is refused by the program.
    assert all(" | plain | program | " in row and row.endswith("| PASS |") for row in rows if "| plain |" in row)
    assert any(row.startswith("| r22-cannot-fax | model | program |") and row.endswith("| PASS |") for row in rows)
    assert any(
        row.startswith("| r28-reword-by-paraphrase | model | model |") and "nothing was applied" in row for row in rows
    )


def test_the_held_out_requests_load_and_name_saved_drafts() -> None:
    cases = refine.load_cases(set_file="heldout.yaml")
    assert len(cases) >= 12 and len({c.id for c in cases}) == len(cases)
    for case in cases:
        assert refine.load_draft(case.draft).plan  # every request is about a draft the set holds
