"""The local-efficiency benchmark (bench/local_efficiency.py): its bounds, and a full run against the simulated server.

No timing goals: the checks are on the arithmetic and on what the benchmark reads from the server.
"""

from __future__ import annotations

import asyncio
import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
local_efficiency = importlib.import_module("local_efficiency")
sim = importlib.import_module("sim_server")
TOKENS = {
    "intake": 100, "pain": 20, "ownership": 30, "lessons": 10,
    "plan": 40, "positive": 10, "report_back": 30, "compose": 100,
}  # fmt: skip


def test_serial_bound_is_all_tokens_at_one_stream_speed_plus_the_prefix() -> None:
    b = local_efficiency.bounds(TOKENS, tps1=10.0, agg=20.0, prefix_s=2.0)
    assert b["serial"] == 340 / 10 + 2
    assert b["critical"] == 2 + 10 + 10 + 7  # plan + report_back is the longest middle branch


def test_two_slot_bound_is_limited_by_the_aggregate_speed() -> None:
    fast = local_efficiency.bounds(TOKENS, tps1=10.0, agg=40.0, prefix_s=0.0)
    slow = local_efficiency.bounds(TOKENS, tps1=10.0, agg=10.0, prefix_s=0.0)
    assert fast["two_slots"] == fast["critical"] == 27
    assert slow["two_slots"] == 20 + 140 / 10


def test_full_run_reads_usage_cache_and_timings_from_the_server() -> None:
    latency = sim.Latency(ttft=0.0, per_token=0.0002, per_prompt_token=0.00001)
    with sim.serve_in_thread(latency) as server:
        argv = ["--backend", "url", "--base-url", server.base_url, "--model", "m", "--gen-tokens", "50"]
        args = local_efficiency.build_parser().parse_args(argv)
        notes = (ROOT / "examples" / args.example).read_text(encoding="utf-8")
        res = asyncio.run(local_efficiency.bench(args, notes))
    run = res["runs"][0]
    assert not run["failed"] and run["errors"] == 0
    # report_back and the message are settled by the program: no calls of their own; nor the plan, as the example's
    # notes leave nothing open (the plan is the lesson's habit and the look back)
    assert set(run["usage"]) == {"intake", "pain", "ownership", "lessons", "positive"}
    assert all(call.timings and call.usage for call in run["calls"])
    # the system + notes prefix is reused by the steps after the intake (the pain runs alongside the intake)
    middle = [run["usage"][s] for s in ("ownership", "lessons", "positive")]
    assert all(u.cached_tokens > 0 for u in middle)
    assert res["prefix"]["source"] == "timings" and res["prefix"]["tokens"] > 100
    assert len(res["two"]["per_stream"]) == 2 and res["two"]["tokens"] == [res["after"]["tokens"][0]] * 2
    assert res["two"]["aggregate"] == sum(res["two"]["per_stream"]) and res["before"]["per_stream"][0] > 0
    text = local_efficiency.report(res, args, "python bench/local_efficiency.py")
    assert "wall / serial bound" in text and "| intake | 1 |" in text and "| compose |" not in text


def test_usage_from_calls_sums_per_step() -> None:
    record, cached = local_efficiency.CallRecord, {"cached_tokens": 9}
    calls = [
        record("intake", 0.0, usage={"prompt_tokens": 10, "completion_tokens": 5}),
        record("intake", 1.0, usage={"prompt_tokens": 12, "completion_tokens": 4, "prompt_tokens_details": cached}),
    ]
    usage = local_efficiency.usage_from(calls)["intake"]
    assert (usage.attempts, usage.prompt_tokens, usage.completion_tokens, usage.cached_tokens) == (2, 22, 9, 9)
