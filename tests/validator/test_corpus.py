"""The labelled corpus format (``assistant/validator/corpus.py``): loading rows and running the check of each kind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.validator.corpus import CORPUS_TODAY, RULES_BY_KIND, TEXT_CHECKS, facts_with, findings_for, load_corpus

DATA = Path(__file__).parents[1] / "data"
OUTAGE = (
    "pushed the config change w/o staging tests, checkout down 3h. "
    "I rolled back at 17:05 and I already wrote the incident timeline."
)


def rules(row: dict[str, Any]) -> set[str]:
    return {f.rule for f in findings_for(row)}


def test_rows_are_read_in_file_order_and_blank_lines_skipped(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    rows = [{"id": "a", "kind": "pain", "text": "Straße", "expect": []}, {"id": "b", "kind": "lesson", "expect": []}]
    path.write_text(json.dumps(rows[0], ensure_ascii=False) + "\n\n" + json.dumps(rows[1]) + "\n", encoding="utf-8")
    assert load_corpus(path) == rows


def test_every_row_of_the_shipped_corpora_has_a_kind_and_only_its_kinds_codes() -> None:
    for name in ("validator_corpus.jsonl", "validator_dev2.jsonl"):
        for row in load_corpus(DATA / name):
            assert row["kind"] in RULES_BY_KIND, row["id"]
            assert set(row["expect"]) <= set(RULES_BY_KIND[row["kind"]]), row["id"]


def test_facts_with_hold_only_the_act_and_work_already_done() -> None:
    facts = facts_with(act="pushed without tests", already_done=["rolled back"])
    assert (facts.act, facts.already_done, facts.what_happened, facts.affected) == (
        "pushed without tests",
        ["rolled back"],
        "",
        [],
    )
    assert facts_with().already_done == [] and facts_with().act == ""


def test_a_plan_item_is_checked_against_the_corpus_date_and_its_agreed_owners() -> None:
    item = {"kind": "plan_item", "action": "Add a CI gate for config deploys", "measure": "Deploys need a green run"}
    assert "PLAN_DUE" in rules({**item, "owner": "me", "due": CORPUS_TODAY.isoformat()})  # not after today
    assert "PLAN_OWNER" in rules({**item, "owner": "Priya", "due": "2026-12-16"})
    assert "PLAN_OWNER" not in rules({**item, "owner": "Priya", "due": "2026-12-16", "agreed_owners": ["Priya"]})


def test_prose_is_checked_as_its_step_and_text_kinds_with_their_own_rules() -> None:
    assert rules({"kind": "prose", "step": "lessons", "text": "Sorry for the trouble."}) == {"TXT_NON_APOLOGY"}
    assert set(TEXT_CHECKS) == {"ownership", "pain", "lesson", "positive"}
    text = "Mistakes were made, and I'm sorry if anyone was offended."
    assert {"OWN_PASSIVE", "OWN_NON_APOLOGY"} <= rules({"kind": "ownership", "text": text})


def test_the_act_of_an_ownership_row_is_what_own_act_looks_for() -> None:
    row = {"kind": "ownership", "text": "I take full responsibility for the failed backups."}
    act = "ran the migration script on the prod db instead of staging"
    assert "OWN_ACT" not in rules(row)
    assert "OWN_ACT" in rules({**row, "act": act})


def test_a_grounding_row_is_checked_against_its_notes_as_the_part_it_is() -> None:
    row = {
        "kind": "grounding",
        "notes": OUTAGE,
        "step": "plan",
        "part": "action",
        "text": "Write the incident timeline",
    }
    assert rules(row) == {"GND_ALREADY_DONE"}
    assert rules({**row, "part": "measure"}) == set()  # a measure promises nothing
    done = {
        **row,
        "notes": "pushed config w/o tests",
        "text": "Write up the timeline",
        "already_done": ["wrote the timeline"],
    }
    assert rules(done) == {"GND_ALREADY_DONE"}
