"""The refine bench: the requests of bench/refine_set/ run through the refine workflow, each scored.

Each request (bench/refine_set/requests.yaml) names a saved draft (bench/refine_set/drafts/*.json) and states
what must change. The request is run as the UI and ``regain refine`` run it (:func:`assistant.workflows.refine.arefine`,
on a model loaded once), and scored on the draft's *view* (:func:`view`): the parts the request names changed as
stated, and every other part is as it was. A request that cannot be done must change nothing and so save no
version. A request marked ``plain`` must be answered by the program (its parser), without the model, within
:data:`PLAIN_LIMIT_S`. The wall time of every request is reported; results go to bench/RESULTS.md (section
``refine``) with ``--write-results``.

Targets on the embedded model (issue 14): at least 85% of the requests pass, the median refine takes at most
20 s, and the plain requests take at most 1 s.

    python bench/refine.py                     # the embedded model
    python bench/refine.py --backend sim       # the simulated server, for development (seconds)
    python bench/refine.py --only r01 r25
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_backend import SIM_NOTE, add_backend_args, command_line, open_bench_model  # noqa: E402
from orchestration import load, machine, update_section  # noqa: E402

from assistant.domain.edit_types import describe  # noqa: E402
from assistant.domain.schema import Draft  # noqa: E402
from assistant.workflows.draft import Pipeline  # noqa: E402
from assistant.workflows.refine import Refinement, arefine  # noqa: E402

SET = ROOT / "bench" / "refine_set"
PLAIN_LIMIT_S = 1.0
ANY = "any"


@dataclass
class Case:
    """One request of the refine set and the change it expects."""

    id: str
    draft: str
    request: str
    plain: bool
    expect: dict[str, Any]


@dataclass
class Scored:
    """One request's outcome."""

    case: str
    plain: bool
    wall: float = 0.0
    used_model: bool = False
    changed: bool = False
    problems: list[str] = field(default_factory=list)
    reply: str = ""
    failed: str | None = None

    @property
    def passed(self) -> bool:
        """The draft changed as asked, nothing else changed, and a plain request needed no model, in time."""
        return self.failed is None and not self.problems


def load_cases(only: list[str] | None = None, set_file: str = "requests.yaml") -> list[Case]:
    """The requests of the set (those whose id starts with one of ``only``, when given); ``set_file`` in
    bench/refine_set/ (heldout.yaml: requests written by someone who had not seen how they are parsed)."""
    rows = yaml.safe_load((SET / set_file).read_text(encoding="utf-8"))
    cases = [Case(r["id"], r["draft"], r["request"], bool(r["plain"]), r["expect"] or {}) for r in rows]
    return [c for c in cases if not only or any(c.id.startswith(prefix) for prefix in only)]


def load_draft(name: str) -> Draft:
    """A saved draft of the set."""
    return Draft.model_validate_json((SET / "drafts" / f"{name}.json").read_text(encoding="utf-8"))


def view(draft: Draft) -> dict[str, Any]:
    """The parts of a draft a request may change, flat (the message body is assembled from them)."""
    out: dict[str, Any] = {
        "pain": draft.pain,
        "ownership": draft.ownership,
        "lessons": "\n".join(draft.lessons),
        "positive": draft.positive,
        "subject": draft.message.subject,
        "notes": draft.notes,
        "channel": draft.options.channel,
        "length": draft.options.length,
        "tone": draft.options.tone,
        "plan.count": len(draft.plan),
    }
    for i, action in enumerate(draft.plan, 1):
        out.update({f"plan.{i}.action": action.action, f"plan.{i}.owner": action.owner,
                    f"plan.{i}.due": action.due, f"plan.{i}.measure": action.measure})  # fmt: skip
    out.update({f"checkins.{i}": checkin.date for i, checkin in enumerate(draft.report_back, 1)})
    return out


def _rule_for(key: str, expect: dict[str, Any]) -> tuple[str, Any] | None:
    """The longest expectation key covering ``key`` (itself, or a key above it), with its value."""
    covering = [k for k in expect if key == k or key.startswith(f"{k}.")]
    if not covering:
        return None
    best = max(covering, key=len)
    return best, expect[best]


def _matches(before: Any, after: Any, rule: Any) -> str | None:
    """Why ``after`` does not satisfy ``rule`` (None when it does)."""
    if rule == ANY:
        return None
    if rule is None:
        return None if after is None else f"should be gone, is {after!r}"
    if after is None:
        return "is gone"
    if isinstance(rule, dict) and "shift_days" in rule:
        if before is None or after != before + dt.timedelta(days=rule["shift_days"]):
            return f"should move {rule['shift_days']:+d} days from {before}, is {after}"
        return None
    if isinstance(rule, dict) and "contains" in rule:
        return None if str(rule["contains"]).lower() in str(after).lower() else f"lacks {rule['contains']!r}"
    if isinstance(rule, dict) and "not_contains" in rule:
        return None if str(rule["not_contains"]).lower() not in str(after).lower() else "still holds it"
    return None if str(after) == str(rule) else f"should be {rule}, is {after}"


def check(before: Draft, after: Draft, expect: dict[str, Any]) -> list[str]:
    """The problems of ``after``: a part not changed as ``expect`` states, or another part changed."""
    old, new = view(before), view(after)
    problems = []
    for key in sorted(old.keys() | new.keys(), key=lambda k: (k.split(".")[0], len(k), k)):
        rule = _rule_for(key, expect)
        if rule is None:
            if old.get(key) != new.get(key):
                problems.append(f"{key} changed unasked: {old.get(key)} -> {new.get(key)}")
            continue
        why = _matches(old.get(key), new.get(key), rule[1])
        if why and rule[1] is None:  # one problem for a part that should be gone, not one per field of it
            why, key = "should be gone", rule[0]
        if why and f"{key} {why}" not in problems:
            problems.append(f"{key} {why}")
    for key, rule in expect.items():
        if rule not in (ANY, None) and not any(k == key or k.startswith(f"{key}.") for k in old.keys() | new.keys()):
            problems.append(f"{key} is not in the draft")
    return problems


def judge(case: Case, before: Draft, result: Refinement, wall: float) -> Scored:
    """A scored request."""
    problems = check(before, result.draft, case.expect)
    if not case.expect and result.changed:
        problems.append("a request that cannot be done saved a new version")
    if case.expect and not result.changed:  # with each edit the program refused, and why
        refused = "; ".join(f"{describe(edit)}: {why}" for edit, why in result.refused)
        problems.append(f"nothing was applied ({refused})" if refused else "nothing was applied")
    if case.plain and result.used_model:
        problems.append("a plain request went to the model")
    if case.plain and wall > PLAIN_LIMIT_S:
        problems.append(f"a plain request took {wall:.2f} s (> {PLAIN_LIMIT_S:.0f} s)")
    return Scored(case.id, case.plain, wall, result.used_model, result.changed, problems, result.reply)


async def run_cases(cases: list[Case], pipeline: Pipeline, *, replies: bool = False) -> list[Scored]:
    """Every request on its draft, one after the other (with ``replies``, each reply printed after its row)."""
    results = []
    for case in cases:
        before = load_draft(case.draft)
        start = time.perf_counter()
        try:
            result = await arefine(before, case.request, pipeline)
        except Exception as exc:  # noqa: BLE001 - a failed refine is a scored failure, not a crash of the bench
            scored = Scored(case.id, case.plain, time.perf_counter() - start, failed=f"{type(exc).__name__}: {exc}")
        else:
            scored = judge(case, before, result, time.perf_counter() - start)
        results.append(scored)
        print(_row(scored), load(), flush=True)
        if replies:
            print("    " + scored.reply.replace("\n", "\n    "), flush=True)
    return results


def run(args: argparse.Namespace) -> list[Scored]:
    """The set's requests on the chosen backend (the model loaded once, before the first request)."""
    cases = load_cases(args.only, args.set)
    with open_bench_model(args) as bm:
        settings = bm.settings
        pipeline = Pipeline(bm.chat_model, max_reasks=settings.max_reasks, structured_output=settings.structured_output)

        async def go() -> list[Scored]:
            try:
                return await run_cases(cases, pipeline, replies=args.replies)
            finally:
                await bm.aclose()

        return asyncio.run(go())


# --- report --------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "/").split())[:300]


def _row(s: Scored) -> str:
    how = "model" if s.used_model else "program"
    state = "PASS" if s.passed else f"FAIL: {_cell(s.failed or '; '.join(s.problems))}"
    return f"| {s.case} | {'plain' if s.plain else 'model'} | {how} | {s.wall:.2f} | {state} |"


def summary(results: list[Scored]) -> dict[str, float]:
    """Passes, wall median and maximum, over all requests and the plain ones."""
    walls = [r.wall for r in results] or [float("nan")]
    plain = [r for r in results if r.plain]
    model = [r.wall for r in results if r.used_model]
    return {
        "requests": len(results),
        "passed": sum(r.passed for r in results),
        "wall_median": statistics.median(walls),
        "wall_max": max(walls),
        "model_requests": len(model),
        "model_wall_median": statistics.median(model) if model else float("nan"),
        "plain": len(plain),
        "plain_passed": sum(r.passed for r in plain),
        "plain_wall_max": max((r.wall for r in plain), default=float("nan")),
    }


def report(results: list[Scored], args: argparse.Namespace, command: str) -> str:
    """The Markdown section for bench/RESULTS.md."""
    s = summary(results)
    n = int(s["requests"]) or 1
    lines = ["## Refine set: requests that do what was asked (bench/refine.py)", "",
             f"`{command}` on {dt.date.today().isoformat()}, {machine()}; backend {args.backend}, "
             f"temperature {args.temperature}; {load()} at the end.", ""]  # fmt: skip
    if args.backend == "sim":
        lines += [SIM_NOTE + " For refine_edits it answers the schema's first edit (every date 52 days earlier), "
                  "which the program refuses: the model's requests fail, honestly.", ""]  # fmt: skip
    within = "yes" if s["plain_wall_max"] <= PLAIN_LIMIT_S else "no"
    lines += [
        "| requests | did what was asked, nothing else | wall median | wall max | model requests: wall median | "
        "plain requests: passed, wall max (≤ 1 s) |",
        "|---|---|---|---|---|---|",
        f"| {int(s['requests'])} | {int(s['passed'])} ({s['passed'] / n:.0%}; target ≥ 85%) | {s['wall_median']:.2f} s "
        f"| {s['wall_max']:.2f} s | {int(s['model_requests'])}: {s['model_wall_median']:.2f} s (target ≤ 20 s) "
        f"| {int(s['plain_passed'])}/{int(s['plain'])}, {s['plain_wall_max']:.2f} s ({within}) |",
        "",
        "Wall: `arefine` on a model already loaded, from the request to the checked draft. The set and what each "
        "request expects: bench/refine_set/requests.yaml.",
        "",
        "| request | kind | answered by | wall s | result |",
        "|---|---|---|---|---|",
    ]
    lines += [_row(r) for r in results]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_backend_args(parser)
    parser.add_argument("--only", nargs="*", help="request id prefixes to run (default: all)")
    parser.add_argument(
        "--set", default="requests.yaml", help="the request file in bench/refine_set/ (heldout.yaml: written blind)"
    )
    parser.add_argument("--replies", action="store_true", help="print each request's reply after its row")
    parser.add_argument("--write-results", action="store_true", help="update the section in bench/RESULTS.md")
    parser.add_argument("--results", default=str(ROOT / "bench" / "RESULTS.md"), help="the results file")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    results = run(args)
    text = report(results, args, command_line("bench/refine.py", sys.argv[1:] if argv is None else argv))
    print(text)
    if args.write_results:
        update_section("refine", text, Path(args.results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
