"""Validator throughput: full drafts checked per second on one core, and latency percentiles.

Run: python bench/validator_speed.py [--seconds 5]
Goal: >= 1,000 drafts/s. Pins itself to one CPU where the OS allows it.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from validator_support import good_draft  # noqa: E402

from assistant.validator import validate  # noqa: E402

GOAL = 1_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to run")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    draft = good_draft()
    validate(draft)  # warm up: load phrase lists, compile patterns
    latencies: list[float] = []
    deadline = time.perf_counter() + args.seconds
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        validate(draft)
        latencies.append(time.perf_counter() - start)
    latencies.sort()
    rate = len(latencies) / sum(latencies)
    p50 = statistics.median(latencies) * 1e3
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1e3
    texts = 2 + len(draft.lessons) + 2 * len(draft.plan) + 1 + len(draft.report_back) + 1
    verdict = "PASS" if rate >= GOAL else f"MISS by {GOAL / rate:.2f}x"
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}, 1 core")
    print(f"draft: {texts} texts; runs: {len(latencies)}")
    print(f"throughput: {rate:,.0f} drafts/s (goal >= {GOAL:,}) {verdict}")
    print(f"latency: p50 {p50:.3f} ms, p99 {p99:.3f} ms")
    print("command: python bench/validator_speed.py")


if __name__ == "__main__":
    main()
