"""The validator on real public statements: the development half of tests/data/REAL_CORPUS.md.

Today's figures per rule family are a floor, so that a change to a rule or a phrase list that
loses ground on real text fails here. The held-out half (real_heldout.jsonl) is never read by a
test: only bench/validator_quality.py scores it.
"""

from __future__ import annotations

import functools
import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
bench = importlib.import_module("validator_quality")

REAL_DEV = ROOT / "tests" / "data" / "real_dev.jsonl"
KINDS = {"apology", "ownership", "action_item", "retraction"}
STEPS = {"pain", "ownership", "lessons", "positive"}
# (TP, FP, FN) per family on real_dev.jsonl. First measured with the rules of the commit that added
# this set, before any rule was changed for it; raised after the rules were tuned on this half (issue 12);
# re-measured when batch 2 was appended; raised again after the rules were tuned on the grown half.
# Precision and recall may not fall below these.
BASELINE: dict[str, tuple[int, int, int]] = {
    "ownership": (66, 2, 17),
    "excuse": (24, 3, 3),
    "blame": (9, 0, 11),
    "non_apology": (16, 3, 0),
    "minimizing": (18, 0, 4),
    "passive_evasion": (37, 0, 5),
    "self_attack": (12, 1, 0),
    "vague_commitment": (20, 1, 1),
    "owner_missing": (27, 3, 0),
    "due_missing": (28, 5, 0),
    "measure_missing": (31, 3, 0),
    "vague": (12, 1, 3),
}


@functools.cache
def dev_rows() -> tuple[dict[str, Any], ...]:
    return tuple(bench.load_corpus(REAL_DEV))


@functools.cache
def dev_scores() -> dict[str, Any]:
    return bench.score_real(list(dev_rows()))


def test_every_dev_line_is_well_formed() -> None:
    rows = dev_rows()
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert row["kind"] in KINDS, row["id"]
        assert row["text"].strip() and row["source"].strip(), row["id"]
        if row["kind"] == "action_item":
            assert row["step"] == "plan", row["id"]
        else:
            assert row["step"] in STEPS, row["id"]
        assert set(row["labels"]) <= set(bench.families_of(row)), row["id"]


def test_the_baseline_names_every_family_with_its_support() -> None:
    assert set(BASELINE) == set(bench.FAMILY_CODES)
    for family, (tp, _, fn) in BASELINE.items():
        support = sum(family in row["labels"] for row in dev_rows())
        assert tp + fn == support, f"{family}: the labels changed; re-measure the baseline and say why in the commit"


@pytest.mark.parametrize("family", list(BASELINE))
def test_precision_and_recall_on_real_text_do_not_fall(family: str) -> None:
    tp, fp, fn = BASELINE[family]
    s = dev_scores()[family]
    precision, recall = bench.real_metrics(s)
    wrong = f"false positives {s.fp_ids}, missed {s.fn_ids}"
    if tp + fp and precision is not None:
        assert precision >= tp / (tp + fp), f"{family}: precision {precision:.2f} < {tp / (tp + fp):.2f}; {wrong}"
    assert recall is not None and recall >= tp / (tp + fn), (
        f"{family}: recall {recall:.2f} < {tp / (tp + fn):.2f}; {wrong}"
    )


def test_all_families_together_do_not_lose_precision() -> None:
    """Covers a family that never fired today and starts firing wrongly."""
    tp = sum(s.tp for s in dev_scores().values())
    fp = sum(s.fp for s in dev_scores().values())
    base_tp = sum(t for t, _, _ in BASELINE.values())
    base_fp = sum(f for _, f, _ in BASELINE.values())
    assert tp / (tp + fp) >= base_tp / (base_tp + base_fp)
