"""Local model efficiency: a full draft's wall time vs the raw generation bound, and prefix-cache reuse per step.

Run (the real run, on the embedded model; ~4-6 min): python bench/local_efficiency.py
Development: python bench/local_efficiency.py --backend sim
Other servers: python bench/local_efficiency.py --backend url --base-url http://host:port/v1 --model M

1. Warm-up call, then ``--runs`` full drafts (``Pipeline`` + ``adraft`` as the product runs them) on one example.
   Every call is logged with the server's ``usage`` and llama.cpp ``timings`` (``bench/bench_backend.py``).
2. The server's raw speed, measured before and after the drafts with the prompt cache off: one streamed call with
   a fixed prompt, the same kind of ``response_format`` json_schema the steps use and ``max_tokens`` ``--gen-tokens``
   (tokens/s from ``timings.predicted_per_second``, else from the stream), then two such calls at once (the embedded
   server has 2 slots). Then one evaluation of the shared prefix (system guidance + the notes block, cache off).
3. Bounds: serial = completion tokens / tokens/s + prefix eval (the issue's bound; goal wall <= 1.3x);
   critical path = prefix eval + (intake + max(pain, ownership, lessons, plan + report_back, positive) + compose)
   at single-stream speed; two slots = as critical path, but the middle steps take at least their total tokens /
   the two-stream aggregate speed. Steps run on 2 parallel slots, so wall can be below the serial bound.
Results go to stdout and the "local_efficiency" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_backend import (  # noqa: E402
    SIM_NOTE,
    BenchModel,
    CallRecord,
    add_backend_args,
    command_line,
    open_bench_model,
)
from orchestration import load, machine, profile_top, update_section  # noqa: E402

from assistant.domain.errors import RegainError  # noqa: E402
from assistant.domain.language import language_instruction  # noqa: E402
from assistant.domain.notes import clean_notes  # noqa: E402
from assistant.domain.schema import MessageOutput, StepUsage  # noqa: E402
from assistant.model.parsing import response_format_for  # noqa: E402
from assistant.model.prompts import load_prompt  # noqa: E402
from assistant.workflows.draft import STEPS, Pipeline, adraft  # noqa: E402

GOAL = 1.3
MIDDLE = ("pain", "ownership", "lessons", "positive")
SPEED_PROMPT = (
    "Write a detailed email to your team about next quarter's product launch: goals, dates, owners, risks and "
    "what each person should do this week. Use at least 400 words."
)


async def _call(bm: BenchModel, messages: list[dict[str, str]], max_tokens: int) -> CallRecord:
    """One streamed call with the prompt cache off; its record (timings, usage) plus the time of the first token."""
    index = len(bm.log.calls)
    stream = await bm.chat_model.async_client.chat.completions.create(
        model=bm.chat_model.model_name,
        messages=messages,
        max_tokens=max_tokens,
        temperature=0.0,
        response_format=response_format_for(MessageOutput, "json_schema"),
        stream=True,
        stream_options={"include_usage": True},
        extra_body={"cache_prompt": False},
    )
    first = None
    async for chunk in stream:
        if first is None and chunk.choices and chunk.choices[0].delta.content:
            first = time.perf_counter()
    record = bm.log.calls[index]
    record.end = record.end or time.perf_counter()
    record.first = first or record.end
    return record


def _tps(record: CallRecord) -> float:
    t = record.timings or {}
    if t.get("predicted_per_second"):
        return float(t["predicted_per_second"])
    n = int((record.usage or {}).get("completion_tokens", 0))
    return max(n - 1, 1) / max(record.end - record.first, 1e-9)


async def raw_speed(bm: BenchModel, gen_tokens: int, streams: int) -> dict[str, Any]:
    """Generation speed of ``streams`` simultaneous calls: per-stream and aggregate tokens/s."""
    messages = [{"role": "user", "content": SPEED_PROMPT}]
    records = await asyncio.gather(*(_call(bm, messages, gen_tokens) for _ in range(streams)))
    per = [_tps(r) for r in records]
    tokens = [int((r.usage or {}).get("completion_tokens", 0)) for r in records]
    return {"per_stream": per, "aggregate": sum(per), "tokens": tokens, "load": load()}


async def prefix_eval(bm: BenchModel, notes: str) -> dict[str, Any]:
    """One evaluation of the shared prefix (system + notes block), cache off: seconds and tokens."""
    cleaned = clean_notes(notes, max_chars=bm.settings.max_notes_chars)
    block = load_prompt("notes").render(notes=cleaned, language=language_instruction(cleaned))
    human = block.rstrip("\n") + "\n\nTask: reply with the word OK."
    messages = [{"role": "system", "content": load_prompt("system").template}, {"role": "user", "content": human}]
    record = await _call(bm, messages, 1)
    t = record.timings or {}
    prompt = int((record.usage or {}).get("prompt_tokens", 0))
    if t.get("prompt_ms") is not None:
        return {"seconds": t["prompt_ms"] / 1000, "tokens": int(t.get("prompt_n", prompt)), "source": "timings"}
    return {"seconds": record.first - record.start, "tokens": prompt, "source": "client TTFT"}


async def one_draft(bm: BenchModel, pipeline: Pipeline, notes: str) -> dict[str, Any]:
    """A full draft: wall, per-step times from progress events, the calls it made, main-thread CPU."""
    times: dict[str, list[float]] = {}
    start = time.perf_counter()

    def listen(event: Any) -> None:
        if event.kind in ("start", "done", "unresolved", "failed"):
            times.setdefault(event.step, []).append(time.perf_counter() - start)

    index, cpu0 = len(bm.log.calls), time.thread_time()
    failed, errors = "", 0
    try:
        draft = await adraft(notes, pipeline, listener=listen, today=dt.date.today())
    except RegainError as exc:
        failed = f"{type(exc).__name__}: {str(exc)[:200]}"
        usage = usage_from(bm.log.since(index))
    else:
        usage = draft.usage
        errors = sum(1 for f in draft.findings if f.severity == "error")
    wall, cpu = time.perf_counter() - start, time.thread_time() - cpu0
    return {
        "wall": wall,
        "client_cpu": cpu,
        "usage": usage,
        "step_wall": {s: (t[-1] - t[0]) for s, t in times.items() if len(t) > 1},
        "calls": bm.log.since(index),
        "errors": errors,
        "failed": failed,
        "load": load(),
    }


def usage_from(calls: list[CallRecord]) -> dict[str, StepUsage]:
    """Per-step usage from the logged calls (what ``Draft.usage`` holds), for a draft that did not finish."""
    usage: dict[str, StepUsage] = {}
    for call in calls:
        u, reported = usage.setdefault(call.step, StepUsage()), call.usage or {}
        u.attempts += 1
        u.prompt_tokens += int(reported.get("prompt_tokens", 0))
        u.completion_tokens += int(reported.get("completion_tokens", 0))
        u.cached_tokens += int((reported.get("prompt_tokens_details") or {}).get("cached_tokens", 0) or 0)
    return usage


def bounds(completion: dict[str, int], tps1: float, agg: float, prefix_s: float) -> dict[str, float]:
    """Serial, critical-path and two-slot bounds for these completion tokens per step."""

    def gen(step: str) -> float:
        return completion.get(step, 0) / tps1

    chain = [gen(s) for s in MIDDLE] + [gen("plan") + gen("report_back")]
    middle_tokens = sum(completion.get(s, 0) for s in (*MIDDLE, "plan", "report_back"))
    edges = prefix_s + gen("intake") + gen("compose")
    return {
        "serial": sum(completion.values()) / tps1 + prefix_s,
        "critical": edges + max(chain),
        "two_slots": edges + max(max(chain), middle_tokens / agg),
    }


def step_table(run: dict[str, Any]) -> list[str]:
    """Per step: tokens, cache reuse, server prompt-eval and generation time, the step's wall."""
    rows = [
        "| step | calls | prompt tok | cached tok | hit | evaluated tok | prompt eval s | completion tok | gen s "
        "| tok/s | step wall s |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for step in STEPS:
        u = run["usage"].get(step)
        if u is None:
            continue
        calls = [c for c in run["calls"] if c.step == step]
        timed = [c.timings for c in calls if c.timings]
        evaluated = sum(int(t.get("prompt_n", 0)) for t in timed)
        prompt_s = sum(float(t.get("prompt_ms", 0)) for t in timed) / 1000
        gen_s = sum(float(t.get("predicted_ms", 0)) for t in timed) / 1000
        hit = u.cached_tokens / u.prompt_tokens if u.prompt_tokens else 0.0
        tps = sum(int(t.get("predicted_n", 0)) for t in timed) / gen_s if gen_s else float("nan")
        rows.append(
            f"| {step} | {u.attempts} | {u.prompt_tokens} | {u.cached_tokens} | {hit:.0%} | "
            f"{evaluated if timed else 'n/a'} | {prompt_s:.2f} | {u.completion_tokens} | {gen_s:.2f} | {tps:.1f} | "
            f"{run['step_wall'].get(step, float('nan')):.2f} |"
        )
    return rows


def analysis(run: dict[str, Any], b: dict[str, float], tps1: float, prefix_s: float) -> list[str]:
    """Where the time went beyond the serial bound, from the server's own timings."""
    timed = [c.timings for c in run["calls"] if c.timings]
    completion = sum(u.completion_tokens for u in run["usage"].values())
    ratio = run["wall"] / b["serial"]
    lines = [
        f"- wall / serial bound: **{ratio:.2f}** (goal <= {GOAL}: "
        + ("met" if ratio <= GOAL else f"MISSED by {(ratio / GOAL - 1) * 100:.0f}%")
        + f"); wall / critical-path bound {run['wall'] / b['critical']:.2f}; "
        f"wall / two-slot bound {run['wall'] / b['two_slots']:.2f}.",
        f"- Client (orchestration) CPU on the event-loop thread: {run['client_cpu']:.2f} s "
        f"({run['client_cpu'] / run['wall']:.1%} of wall).",
    ]
    if timed:
        prompt_s = sum(float(t.get("prompt_ms", 0)) for t in timed) / 1000
        gen_s = sum(float(t.get("predicted_ms", 0)) for t in timed) / 1000
        reask = [c for s in STEPS for c in [c for c in run["calls"] if c.step == s][1:]]
        reask_tok = sum(int((c.usage or {}).get("completion_tokens", 0)) for c in reask)
        lines += [
            f"- Server prompt evaluation over all calls: {prompt_s:.1f} s, of which the bound counts {prefix_s:.1f} s "
            f"(one shared prefix); the rest is each step's own task text, facts and re-ask history.",
            f"- Server generation over all calls: {gen_s:.1f} s (summed over slots) for {completion} tokens, "
            f"vs {completion / tps1:.1f} s at the single-stream speed; two streams share the 2 cores.",
            f"- Re-asks: {len(reask)} extra calls, {reask_tok} completion tokens (counted in the bound too).",
        ]
    return lines


async def bench(args: argparse.Namespace, notes: str) -> dict[str, Any]:
    with open_bench_model(args) as bm:
        print(f"model: {bm.description}", flush=True)
        settings = bm.settings
        pipeline = Pipeline(bm.chat_model, max_reasks=settings.max_reasks, structured_output=settings.structured_output)
        await _call(bm, [{"role": "user", "content": "Reply with OK."}], 4)  # warm-up
        before = await raw_speed(bm, args.gen_tokens, 1)
        print(f"raw speed before: {before['per_stream'][0]:.1f} tok/s", flush=True)
        runs = []
        for i in range(args.runs):
            runs.append(await one_draft(bm, pipeline, notes))
            print(f"draft {i + 1}: {runs[-1]['wall']:.1f} s {runs[-1]['failed']} {runs[-1]['load']}", flush=True)
        after = await raw_speed(bm, args.gen_tokens, 1)
        two = await raw_speed(bm, args.gen_tokens, 2)
        prefix = await prefix_eval(bm, notes)
        profile = await profile_top(one_draft(bm, pipeline, notes), 15) if args.profile else ""
        await bm.aclose()
        return {
            "model": bm.description,
            "before": before,
            "after": after,
            "two": two,
            "prefix": prefix,
            "runs": runs,
            "profile": profile,
            "settings": f"temperature {settings.temperature}, seed {args.seed}, max_reasks {settings.max_reasks}, "
            f"parallel slots {settings.local_parallel}",
        }


def report(res: dict[str, Any], args: argparse.Namespace, command: str) -> str:
    tps1 = statistics.fmean([res["before"]["per_stream"][0], res["after"]["per_stream"][0]])
    agg, prefix = res["two"]["aggregate"], res["prefix"]
    lines = [
        "## Local model efficiency",
        "",
        *([SIM_NOTE, ""] if args.backend == "sim" else []),
        f"Run {dt.datetime.now().isoformat(timespec='seconds')} on {machine()}.",
        f"Command: `{command}`",
        f"Model: {res['model']}; {res['settings']}; notes `examples/{args.example}`.",
        f"Raw speed (one stream, cache off, json_schema, max_tokens {args.gen_tokens}): "
        f"{res['before']['per_stream'][0]:.1f} tok/s before ({res['before']['load']}), "
        f"{res['after']['per_stream'][0]:.1f} after ({res['after']['load']}); bound uses the mean {tps1:.1f}.",
        f"Two streams at once: {' + '.join(f'{x:.1f}' for x in res['two']['per_stream'])} = {agg:.1f} tok/s "
        f"aggregate ({res['two']['load']}).",
        f"Shared prefix (system + notes block): {prefix['tokens']} tokens evaluated in {prefix['seconds']:.2f} s "
        f"({prefix['source']}, cache off).",
        "",
        "| run | wall s | completion tok | serial bound s | wall/serial | critical-path bound s | two-slot bound s "
        "| validator errors (or failure) | load |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for i, run in enumerate(res["runs"], 1):
        completion = {s: u.completion_tokens for s, u in run["usage"].items()}
        b = bounds(completion, tps1, agg, prefix["seconds"])
        lines.append(
            f"| {i} | {run['wall']:.1f} | {sum(completion.values())} | {b['serial']:.1f} | "
            f"{run['wall'] / b['serial']:.2f} | {b['critical']:.1f} | {b['two_slots']:.1f} | "
            f"{run['failed'] or run['errors']} | {run['load']} |"
        )
    last = res["runs"][0]  # the first draft on these notes: nothing of them is cached yet
    b = bounds({s: u.completion_tokens for s, u in last["usage"].items()}, tps1, agg, prefix["seconds"])
    lines += ["", "Per step, run 1 (first draft on these notes; server timings summed over the step's calls):", ""]
    lines += step_table(last)
    prompt_total = sum(u.prompt_tokens for u in last["usage"].values())
    cached_total = sum(u.cached_tokens for u in last["usage"].values())
    lines += [
        "",
        f"- Prefix cache: {cached_total} of {prompt_total} prompt tokens reused "
        f"({cached_total / max(prompt_total, 1):.0%}).",
        *analysis(last, b, tps1, prefix["seconds"]),
    ]
    if res["profile"]:
        lines += ["", "cProfile of one more draft, event-loop thread only (the server runs in its own threads):"]
        lines += ["", "```", res["profile"], "```"]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """The command line: the backend options and this benchmark's own."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_backend_args(parser)
    parser.add_argument("--example", default="software-outage.md", help="notes file in examples/")
    parser.add_argument("--runs", type=int, default=1, help="full drafts")
    parser.add_argument("--gen-tokens", type=int, default=200, help="max_tokens of the raw-speed call")
    parser.add_argument("--profile", action="store_true", help="cProfile one more draft (client side)")
    parser.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    return parser


def main() -> None:
    args = build_parser().parse_args()
    notes = (ROOT / "examples" / args.example).read_text(encoding="utf-8")
    res = asyncio.run(bench(args, notes))
    text = report(res, args, command_line("bench/local_efficiency.py", sys.argv[1:]))
    print(text)
    if not args.no_write:
        update_section("local_efficiency", text)


if __name__ == "__main__":
    main()
