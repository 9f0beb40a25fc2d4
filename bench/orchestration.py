"""Orchestration overhead: the full pipeline against a simulated server with known latency.

Run: python bench/orchestration.py [--ttft 0.2] [--per-token 0.005] [--runs 5] [--no-write]

The simulated server (``bench/sim_server.py``, its own process) answers every call after
``ttft`` plus ``per_token`` per output token, so the fastest possible draft is the critical
path of the step graph::

    intake + max(pain, ownership, lessons, plan + report_back, positive) + compose

with each step costing ``ttft + tokens * per_token`` for the tokens it really produced.
Goals: draft wall / bound <= 1.10; first visible token / one call's time to first token
<= 1.10; 8 and 32 concurrent drafts with 0 errors (throughput and p95 reported).
Results go to stdout and to the "orchestration" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime as dt
import io
import os
import platform
import pstats
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
NOTES = (ROOT / "examples" / "software-outage.md").read_text(encoding="utf-8")
PARALLEL = ("pain", "ownership", "lessons", "positive")
GOAL_RATIO = 1.10


def machine() -> str:
    """Cores, CPU model, Python and OS, one line."""
    cpu = platform.processor() or platform.machine()
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        models = [ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")]
    cpu = models[0] if models else cpu
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def load() -> str:
    """``os.getloadavg()`` as text: another process may be using the CPU at the same time."""
    return "load " + "/".join(f"{x:.2f}" for x in os.getloadavg())


def update_section(name: str, text: str, path: Path = RESULTS) -> None:
    """Replace (or append) the block between ``<!-- name:start -->`` and ``<!-- name:end -->``."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{text.strip()}\n{end}"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Regain benchmarks\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    new = pattern.sub(lambda _: block, old) if pattern.search(old) else old.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(new, encoding="utf-8")


@contextmanager
def sim_server(ttft: float, per_token: float, per_prompt_token: float = 0.0) -> Iterator[tuple[str, int]]:
    """Start ``bench/sim_server.py`` in its own process; yield its base URL and pid."""
    cmd = [sys.executable, str(ROOT / "bench" / "sim_server.py"), "--ttft", str(ttft), "--per-token", str(per_token)]
    cmd += ["--per-prompt-token", str(per_prompt_token)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line.startswith("READY "):
            raise RuntimeError(f"sim server did not start: {line!r}")
        yield line.split()[1], proc.pid
    finally:
        proc.terminate()
        proc.wait(10)


def open_pipeline(base_url: str) -> Any:
    """A Pipeline built the way the CLI/UI build it for a remote server (assistant.model.backend)."""
    from assistant.model.backend import open_backend
    from assistant.model.settings import Settings
    from assistant.workflows.draft import Pipeline

    settings = Settings(backend="openai", base_url=base_url, model="sim-model")
    with open_backend(settings) as backend:
        return Pipeline(backend.chat_model, max_reasks=settings.max_reasks), backend


async def one_draft(pipeline: Any) -> dict[str, Any]:
    """One timed draft: wall, first token, tokens and attempts per step."""
    from assistant.workflows.draft import adraft

    first: list[float] = []
    start = time.perf_counter()

    def listen(event: Any) -> None:
        if event.kind == "token" and not first:
            first.append(time.perf_counter() - start)

    draft = await adraft(NOTES, pipeline, listener=listen, today=dt.date.today())
    wall = time.perf_counter() - start
    tokens = {step: u.completion_tokens for step, u in draft.usage.items()}
    attempts = {step: u.attempts for step, u in draft.usage.items()}
    return {
        "wall": wall,
        "first": first[0] if first else float("nan"),
        "tokens": tokens,
        "attempts": attempts,
        "unresolved": dict(draft.unresolved),
        "assembled": draft.message.assembled,
    }


def bound(tokens: dict[str, int], ttft: float, per_token: float) -> float:
    """Critical path of the step graph for these token counts."""

    def cost(step: str) -> float:
        return ttft + tokens[step] * per_token

    middle = max([cost(s) for s in PARALLEL] + [cost("plan") + cost("report_back")])
    return cost("intake") + middle + cost("compose")


async def call_ttft(backend: Any, runs: int) -> float:
    """Median time to first content token of one bare streamed call through the openai client."""
    from assistant.domain.schema import PainOutput
    from assistant.model.parsing import response_format_for

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        stream = await backend.chat_model.async_client.chat.completions.create(
            model=backend.model_name,
            messages=[{"role": "user", "content": "hi"}],
            response_format=response_format_for(PainOutput, "json_schema"),
            stream=True,
            stream_options={"include_usage": True},
        )
        got = None
        async for chunk in stream:
            if got is None and chunk.choices and chunk.choices[0].delta.content:
                got = time.perf_counter() - start
        times.append(got or float("nan"))
    return statistics.median(times)


async def concurrent(pipeline: Any, n: int) -> dict[str, Any]:
    """``n`` drafts at once on one pipeline."""
    cpu0, start = time.process_time(), time.perf_counter()
    results = await asyncio.gather(*(one_draft(pipeline) for _ in range(n)), return_exceptions=True)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu0
    ok = [r for r in results if isinstance(r, dict)]
    errors = [r for r in results if not isinstance(r, dict)]
    walls = sorted(r["wall"] for r in ok)
    p95 = walls[min(len(walls) - 1, max(0, round(0.95 * len(walls)) - 1))] if walls else float("nan")
    reasks = sum(sum(a - 1 for a in r["attempts"].values()) for r in ok)
    return {
        "n": n,
        "wall": wall,
        "throughput": len(ok) / wall,
        "p50": statistics.median(walls) if walls else 0,
        "p95": p95,
        "errors": len(errors),
        "error_text": [repr(e)[:200] for e in errors[:3]],
        "reasks": reasks,
        "cpu": cpu,
        "load": load(),
    }


async def profile_top(coro: Any, limit: int = 18) -> str:
    """cProfile one awaited run; the top functions by own and by cumulative time."""
    prof = cProfile.Profile()
    prof.enable()
    try:
        await coro
    finally:
        prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(limit)
    stats.sort_stats("cumulative").print_stats(limit + 12)
    return "\n".join(ln for ln in out.getvalue().splitlines() if ln.strip())


def cpu_of(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def bench(args: argparse.Namespace, base_url: str, server_pid: int) -> dict[str, Any]:
    pipeline, backend = open_pipeline(base_url)
    await one_draft(pipeline)  # warm-up: imports, connections, prompt files
    singles = []
    for _ in range(args.runs):
        singles.append({**await one_draft(pipeline), "load": load()})
    one_ttft = await call_ttft(backend, 5)
    conc = []
    for n in args.concurrency:
        before = cpu_of(server_pid)
        conc.append({**await concurrent(pipeline, n), "server_cpu": cpu_of(server_pid) - before})
    profiles: dict[str, str] = {}
    if args.profile:
        profiles["one draft"] = await profile_top(one_draft(pipeline))
        n = max(args.concurrency)
        profiles[f"{n} concurrent drafts"] = await profile_top(concurrent(pipeline, n))
    await backend.chat_model.async_client.close()
    return {"singles": singles, "call_ttft": one_ttft, "concurrent": conc, "profiles": profiles}


def report(args: argparse.Namespace, res: dict[str, Any], command: str, profiles: dict[str, str]) -> str:
    ttft, per = args.ttft, args.per_token
    rows = []
    ratios, first_ratios = [], []
    for i, r in enumerate(res["singles"], 1):
        b = bound(r["tokens"], ttft, per)
        ratios.append(r["wall"] / b)
        first_ratios.append(r["first"] / res["call_ttft"])
        reasks = sum(a - 1 for a in r["attempts"].values())
        rows.append(
            f"| {i} | {r['wall']:.3f} | {b:.3f} | {r['wall'] / b:.3f} | {r['first']:.3f} | "
            f"{r['first'] / res['call_ttft']:.3f} | {reasks} | {r['load']} |"
        )
    tokens = res["singles"][-1]["tokens"]
    med_ratio, med_first = statistics.median(ratios), statistics.median(first_ratios)
    lines = [
        "## Orchestration (simulated server)",
        "",
        f"Run {dt.datetime.now().isoformat(timespec='seconds')} on {machine()}.",
        f"Command: `{command}`",
        f"Latency model: {ttft * 1000:.0f} ms to first token + {per * 1000:.1f} ms per output token "
        "(tokens = len/4); server in its own process.",
        f"Output tokens per step: {', '.join(f'{k} {v}' for k, v in tokens.items())}.",
        f"One bare streamed call's time to first token (openai client, median of 5): {res['call_ttft'] * 1000:.1f} ms.",
        "",
        "| run | wall s | bound s | wall/bound | first token s | first/call TTFT | re-asks | load (1/5/15 min) |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"- wall / bound, median: **{med_ratio:.3f}** (goal <= {GOAL_RATIO}: "
        f"{'met' if med_ratio <= GOAL_RATIO else f'MISSED by {(med_ratio / GOAL_RATIO - 1) * 100:.1f}%'})",
        f"- first visible token / one call's TTFT, median: **{med_first:.3f}** (goal <= {GOAL_RATIO}: "
        f"{'met' if med_first <= GOAL_RATIO else f'MISSED by {(med_first / GOAL_RATIO - 1) * 100:.1f}%'})",
        "",
        "| concurrent drafts | batch wall s | drafts/s | p50 s | p95 s | p95/bound | errors | re-asks | client CPU s "
        "| server CPU s | load |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    b_last = bound(tokens, ttft, per)
    for c in res["concurrent"]:
        lines.append(
            f"| {c['n']} | {c['wall']:.2f} | {c['throughput']:.2f} | {c['p50']:.2f} | {c['p95']:.2f} | "
            f"{c['p95'] / b_last:.2f} | {c['errors']} | {c['reasks']} | {c['cpu']:.2f} | "
            f"{c['server_cpu']:.2f} | {c['load']} |"
        )
        if c["error_text"]:
            lines.append(f"|  | errors: {'; '.join(c['error_text'])} |||||||||")
    for name, text in profiles.items():
        lines += ["", f"cProfile, {name} (top by own time):", "", "```", text, "```"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ttft", type=float, default=0.2, help="simulated seconds to first token")
    parser.add_argument("--per-token", type=float, default=0.005, help="simulated seconds per output token")
    parser.add_argument("--runs", type=int, default=5, help="single-draft runs")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--profile", action="store_true", help="cProfile a single draft and the largest batch")
    parser.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    command = "python bench/orchestration.py " + " ".join(sys.argv[1:])
    with sim_server(args.ttft, args.per_token) as (base_url, pid):
        res = asyncio.run(bench(args, base_url, pid))
    text = report(args, res, command, res["profiles"])
    print(text)
    if not args.no_write:
        update_section("orchestration", text)


if __name__ == "__main__":
    main()
