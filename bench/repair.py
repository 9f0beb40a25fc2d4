"""Repair measured: drafts with zero validator errors before and after validator-driven re-asks.

Runs the pipeline over the example notes on the configured model (the embedded one
by default) twice: once with the validator only reporting (no re-asks on findings,
``before``) and once with re-asks on findings (``after``). Prints the share of drafts
with zero errors, the mean errors and the mean model calls per draft.

Run: python bench/repair.py [--examples software-outage.md ...] [--out bench/repair.md]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import platform
import time
from pathlib import Path

from assistant.model.backend import open_backend
from assistant.model.settings import Settings
from assistant.validator import validate
from assistant.workflows.draft import Pipeline, adraft

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 27)


def _run(pipeline: Pipeline, notes: str) -> tuple[int, int, float]:
    started = time.monotonic()
    draft = asyncio.run(adraft(notes, pipeline, today=TODAY))
    calls = sum(u.attempts for u in draft.usage.values())
    return len(validate(draft).errors), calls, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", nargs="*", help="example files (default: all in examples/)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "repair.md"))
    args = parser.parse_args()
    files = (
        [ROOT / "examples" / name for name in args.examples]
        if args.examples
        else sorted((ROOT / "examples").glob("*.md"))
    )
    settings = Settings()
    rows = []
    with open_backend(settings) as backend:
        print(f"model: {backend.describe()}")
        for mode, validate_steps in (("before", False), ("after", True)):
            pipeline = Pipeline(backend.chat_model, max_reasks=settings.max_reasks, validate=validate_steps)
            for path in files:
                errors, calls, seconds = _run(pipeline, path.read_text(encoding="utf-8"))
                rows.append((mode, path.name, errors, calls, seconds))
                print(f"{mode:6} {path.name:24} errors={errors:2d} calls={calls:2d} {seconds:6.0f}s", flush=True)
    lines = [
        "# Repair: validator-driven re-asks",
        "",
        f"Machine: {platform.machine()}, model: {backend.describe()}",
        "",
    ]
    lines += ["| mode | drafts | zero-error share | mean errors | mean model calls |", "|---|---:|---:|---:|---:|"]
    for mode in ("before", "after"):
        subset = [r for r in rows if r[0] == mode]
        zero = sum(1 for r in subset if r[2] == 0) / len(subset)
        lines.append(
            f"| {mode} | {len(subset)} | {zero:.0%} | {sum(r[2] for r in subset) / len(subset):.1f} "
            f"| {sum(r[3] for r in subset) / len(subset):.1f} |"
        )
    lines += ["", "| mode | example | errors | calls | seconds |", "|---|---|---:|---:|---:|"]
    lines += [f"| {m} | {n} | {e} | {c} | {s:.0f} |" for m, n, e, c, s in rows]
    lines += ["", "Command: `python bench/repair.py`"]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
