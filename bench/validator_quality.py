"""Precision and recall of each linguistic validator rule on the labelled corpus.

Run from the repository root, in the project's venv:

    python bench/validator_quality.py

Each corpus line is checked with its step's function; the rule codes of the findings
(errors and warnings) are compared with the line's ``expect`` list, for the rules of
that kind only. Prints a table per rule (TP/FP/FN, precision, recall, F1, the goal,
PASS/MISS), the ids each rule got wrong, and the time per text, and writes the table to
bench/validator_quality.md.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.validator.corpus import CORPUS_TODAY, RULES_BY_KIND, findings_for, load_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "validator_corpus.jsonl"
HELDOUT = ROOT / "tests" / "data" / "validator_heldout.jsonl"
REPORT = ROOT / "bench" / "validator_quality.md"
COMMAND = "python bench/validator_quality.py"
TODAY = CORPUS_TODAY
GOAL_PRECISION = 0.90
GOAL_RECALL = 0.85


@dataclass
class RuleScore:
    """Counts for one rule, and the ids it got wrong."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    fp_ids: list[str] = field(default_factory=list)
    fn_ids: list[str] = field(default_factory=list)

    def metrics(self) -> tuple[float, float, float]:
        """Precision, recall and F1 (precision is 1.0 when the rule never fires)."""
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    @property
    def passes(self) -> bool:
        precision, recall, _ = self.metrics()
        return precision >= GOAL_PRECISION and recall >= GOAL_RECALL


def score(rows: list[dict[str, Any]]) -> dict[str, RuleScore]:
    """Per rule, in the order of RULES_BY_KIND."""
    stats = {code: RuleScore() for codes in RULES_BY_KIND.values() for code in codes}
    for row in rows:
        predicted = {f.rule for f in findings_for(row)}
        for code in RULES_BY_KIND[row["kind"]]:
            got, want, s = code in predicted, code in row["expect"], stats[code]
            if got and want:
                s.tp += 1
            elif got:
                s.fp += 1
                s.fp_ids.append(row["id"])
            elif want:
                s.fn += 1
                s.fn_ids.append(row["id"])
    return stats


def table(stats: dict[str, RuleScore]) -> list[str]:
    """The results as Markdown table lines."""
    lines = [
        "| rule | TP | FP | FN | precision | recall | F1 | goal | result |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for code, s in stats.items():
        goal = f"P>={GOAL_PRECISION:.2f} R>={GOAL_RECALL:.2f}"
        if s.tp + s.fp + s.fn == 0:  # no line of the set is about this rule (the held-out set predates it)
            lines.append(f"| {code} | 0 | 0 | 0 | - | - | - | {goal} | no lines |")
            continue
        precision, recall, f1 = s.metrics()
        lines.append(
            f"| {code} | {s.tp} | {s.fp} | {s.fn} | {precision:.2f} | {recall:.2f} | {f1:.2f} "
            f"| {goal} | {'PASS' if s.passes else 'MISS'} |"
        )
    return lines


def disagreements(stats: dict[str, RuleScore]) -> list[str]:
    """The corpus ids each rule got wrong."""
    lines = [
        f"- {code}: false positives {', '.join(s.fp_ids) or '-'}; missed {', '.join(s.fn_ids) or '-'}"
        for code, s in stats.items()
        if s.fp_ids or s.fn_ids
    ]
    return lines or ["- none"]


def time_per_text(rows: list[dict[str, Any]], rounds: int = 7) -> float:
    """Seconds to check one corpus line: the best of a few rounds, so other load on the machine counts less."""
    for row in rows:  # warm up: load phrases, compile patterns
        findings_for(row)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for row in rows:
            findings_for(row)
        best = min(best, time.perf_counter() - start)
    return best / len(rows)


def main() -> int:
    rows = load_corpus(CORPUS)
    stats = score(rows)
    lines = table(stats)
    misses = [code for code, s in stats.items() if not s.passes]
    wrong = disagreements(stats)
    print("\n".join(lines))
    print("\nDisagreements with the labels:")
    print("\n".join(wrong))
    per_text = time_per_text(rows)
    print(f"\n{len(rows)} corpus lines; {per_text * 1e6:.0f} us per text, about {per_text * 15e3:.2f} ms for 15 texts.")
    print(f"Goals missed: {', '.join(misses) if misses else 'none'}")
    print(f"Rerun: {COMMAND}")
    REPORT.write_text(
        "# Validator rule quality on the labelled corpus\n\n"
        f"Corpus: `tests/data/validator_corpus.jsonl` ({len(rows)} lines); today is {TODAY.isoformat()} for plans.\n"
        "Predicted = rule codes of the findings (errors and warnings), compared with `expect` for the rules of "
        "each line's kind.\n\n" + "\n".join(lines) + "\n\n## Lines each rule got wrong\n\n" + "\n".join(wrong) + "\n\n"
        f"Rerun: `{COMMAND}`\n",
        encoding="utf-8",
    )
    held = load_corpus(HELDOUT)
    held_stats = score(held)
    held_lines = table(held_stats)
    held_wrong = disagreements(held_stats)
    print(f"\nHeld-out set ({len(held)} lines, written without seeing the rules or the corpus):")
    print("\n".join(held_lines))
    with REPORT.open("a", encoding="utf-8") as report:
        report.write(
            "\n## Held-out set\n\n"
            f"`tests/data/validator_heldout.jsonl` ({len(held)} lines) was written independently, without seeing "
            "the rules or the corpus above; the rules were not tuned on it. This is the honest estimate for new "
            "text.\n\n" + "\n".join(held_lines) + "\n\n### Lines each rule got wrong\n\n" + "\n".join(held_wrong) + "\n"
        )
    print(f"Wrote {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
