"""The quality bench: drafts from every note of bench/quality_set/, scored on the rubric's mechanical items.

For each note, Regain is run as a user runs it (``regain draft NOTE --json --no-save``, a new process, so
the wall time includes starting and loading the model) and the single-shot baseline (bench/single_shot.py,
one prompt for everything, on a model loaded once) beside it. Every draft is written as Markdown under
``--drafts`` (default bench/drafts/) for a person to read, and scored on the mechanical items of
/work/shared/QUALITY.md, using the note's front matter (see bench/quality_set/README.md):

- R1 the leader: the greeting names the leader the notes name, and no colleague; no name when none is named.
- R2 the act: the ownership statement holds the act's key words.
- R6 plan: 2–4 actions, each owned by "me", due 3–42 days out.
- R7 grounded: no number the notes don't have; the pain keeps a number of the notes' impact; nothing already
  done is planned again.
- R8 report back: distinct check-ins, none before the earliest due date, the last not before the last one.
- R9 message: a greeting and a sign-off (email, chat), no placeholder, within the channel's length.
- the validator's errors on the draft.

A draft passes when every item passes and the validator reports no error. Results go to bench/RESULTS.md
(section ``quality``) with ``--write-results``.

    python bench/quality.py                    # the embedded model (about 40 min for both modes)
    python bench/quality.py --backend sim      # the simulated server, for development (seconds)
    python bench/quality.py --only q01 q05 --no-baseline
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_backend import SIM_NOTE, add_backend_args, command_line, open_bench_model  # noqa: E402
from orchestration import load, machine, sim_server, update_section  # noqa: E402
from quality_items import Case, Scored, judge  # noqa: E402
from single_shot import run_single_shot_draft  # noqa: E402

from assistant.domain.schema import Draft  # noqa: E402
from assistant.output.markdown import draft_markdown  # noqa: E402

SET = ROOT / "bench" / "quality_set"
ITEMS = ("R1", "R2", "R6", "R7", "R8", "R9")


def load_cases(only: list[str] | None = None) -> list[Case]:
    """The notes of the set, with their front matter."""
    cases = []
    for path in sorted(SET.glob("q*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---", 2)
        case = Case(path.stem, body.strip() + "\n", yaml.safe_load(front))
        if not only or any(case.id.startswith(prefix) for prefix in only):
            cases.append(case)
    return cases


# --- running -------------------------------------------------------------------------------------


def _regain_command() -> list[str]:
    script = Path(sys.executable).parent / "regain"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from assistant.cli import main; main()"]


def run_regain(case: Case, today: dt.date, env: dict[str, str], workdir: Path) -> tuple[Scored, Draft | None]:
    """``regain draft`` on one note, as a user runs it; the wall from starting the command."""
    notes_file = workdir / f"{case.id}.txt"
    notes_file.write_text(case.notes, encoding="utf-8")
    cmd = [*_regain_command(), "draft", str(notes_file), "--json", "--no-save", "--today", today.isoformat(),
           "--channel", case.meta.get("channel", "email")]  # fmt: skip
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    first_text: float | None = None
    loaded: float | None = None
    assert proc.stderr is not None and proc.stdout is not None
    err_lines = []
    for line in proc.stderr:  # progress lines; "✓ step (…)" marks a step's text shown
        err_lines.append(line)
        if loaded is None and line.startswith("Using "):
            loaded = time.perf_counter() - start
        if first_text is None and re.match(r"[✓!] (pain|ownership|lessons|plan|positive)\b", line):
            first_text = time.perf_counter() - start
    out = proc.stdout.read()
    proc.wait()
    wall = time.perf_counter() - start
    try:
        draft = Draft.model_validate(json.loads(out))
    except ValueError:
        tail = " ".join("".join(err_lines[-2:]).split())[:200]
        return Scored(case.id, "regain", wall, first_text, failed=f"exit {proc.returncode}: {tail}"), None
    scored = judge(draft, case, "regain", wall, first_text)
    scored.loaded = loaded
    if proc.returncode not in (0,):
        scored.failed = f"exit {proc.returncode} (incomplete: {', '.join(draft.failed_steps)})"
    return scored, draft


def write_markdown(path: Path, case: Case, draft: Draft | None, scored: Scored) -> None:
    """A draft with its notes and its scores, for a person to read."""
    ready = f" · model ready at {scored.loaded:.0f} s" if scored.loaded is not None else ""
    first = f" · first step's text at {scored.first_text:.0f} s" if scored.first_text is not None else ""
    lines = [f"# {case.id} – {scored.mode}", "", f"wall {scored.wall:.0f} s{ready}{first} · tokens {scored.tokens}", ""]
    if draft is not None and draft.usage:
        calls = ", ".join(f"{step} {u.attempts}" for step, u in draft.usage.items())
        lines += [f"model calls per step: {calls}", ""]
    if draft is not None and draft.unresolved:
        lines += [f"unresolved: {draft.unresolved}", ""]
    verdict = "PASS" if scored.passed else "FAIL"
    lines += [f"**{verdict}** – validator errors: {', '.join(scored.errors) or 'none'}"]
    lines += [f"- {item}: {'; '.join(p) if p else 'ok'}" for item, p in scored.items.items()]
    if scored.failed:
        lines += [f"- failed: {scored.failed}"]
    lines += ["", "## Notes", "", "```", case.notes.strip(), "```", ""]
    if draft is not None:
        lines += ["## Message", "", "```", draft.message.body, "```", "", draft_markdown(draft)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _env(args: argparse.Namespace, base_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REGAIN_", "OPENAI_"))}
    env["REGAIN_DATA_DIR"] = str(Path(args.drafts) / ".data")
    env["REGAIN_TEMPERATURE"] = str(args.temperature)
    if os.environ.get("REGAIN_CACHE_DIR"):
        env["REGAIN_CACHE_DIR"] = os.environ["REGAIN_CACHE_DIR"]
    if base_url:
        env.update(REGAIN_BACKEND="openai", OPENAI_BASE_URL=base_url, OPENAI_API_KEY="sim", REGAIN_MODEL="sim-model")
    else:
        env["REGAIN_BACKEND"] = "local"
    return env


def run(args: argparse.Namespace) -> list[Scored]:
    """Regain on every case, then the single-shot baseline on every case."""
    cases = load_cases(args.only)
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    drafts = Path(args.drafts)
    drafts.mkdir(parents=True, exist_ok=True)
    results: list[Scored] = []
    server = sim_server(args.sim_ttft, args.sim_per_token, args.sim_per_prompt_token) if args.backend == "sim" else None
    base_url = server.__enter__()[0] if server is not None else args.base_url
    try:
        env = _env(args, base_url)
        for case in cases:
            scored, draft = run_regain(case, today, env, drafts)
            write_markdown(drafts / f"{case.id}.md", case, draft, scored)
            results.append(scored)
            print(_row(scored), load(), flush=True)
    finally:
        if server is not None:
            server.__exit__(None, None, None)
    if not args.no_baseline:
        results += asyncio.run(_baseline(args, cases, today, drafts))
    return results


async def _baseline(args: argparse.Namespace, cases: list[Case], today: dt.date, drafts: Path) -> list[Scored]:
    out = []
    with open_bench_model(args) as bm:
        for case in cases:
            start = time.perf_counter()
            draft, failed, tokens = await run_single_shot_draft(
                bm.chat_model, case.notes, today, case.meta.get("channel")
            )
            wall = time.perf_counter() - start
            if draft is None:  # its tokens were spent all the same
                scored = Scored(case.id, "single-shot", wall, failed=failed, tokens=tokens)
            else:
                scored = judge(draft, case, "single-shot", wall)
            write_markdown(drafts / f"{case.id}.single-shot.md", case, draft, scored)
            out.append(scored)
            print(_row(scored), load(), flush=True)
        await bm.aclose()
    return out


# --- report --------------------------------------------------------------------------------------


def _row(s: Scored) -> str:
    items = " ".join(f"{k}{'✓' if not v else '✗'}" for k, v in s.items.items())
    first = f"{s.first_text:.0f}" if s.first_text is not None else "–"
    state = s.failed or ("PASS" if s.passed else f"errors: {', '.join(s.errors) or 'none'}")
    return f"| {s.case} | {s.mode} | {s.wall:.0f} | {first} | {s.tokens} | {items} | {state} |"


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def summary(results: list[Scored]) -> dict[str, dict[str, float]]:
    """Per mode: drafts, passes, per-item passes, mean validator errors, wall median/p90, mean tokens."""
    out: dict[str, dict[str, float]] = {}
    for mode in ("regain", "single-shot"):
        rows = [r for r in results if r.mode == mode]
        if not rows:
            continue
        walls = [r.wall for r in rows]
        firsts = [r.first_text for r in rows if r.first_text is not None]
        stats: dict[str, float] = {
            "drafts": len(rows),
            "passed": sum(r.passed for r in rows),
            "failed_runs": sum(r.failed is not None for r in rows),
            "errors": statistics.fmean(len(r.errors) for r in rows),
            "wall_median": statistics.median(walls),
            "wall_p90": _pct(walls, 0.9),
            "first_text_median": statistics.median(firsts) if firsts else float("nan"),
            "tokens": statistics.fmean(r.tokens for r in rows),
        }
        for item in ITEMS:
            stats[item] = sum(1 for r in rows if r.items and not r.items.get(item))
        out[mode] = stats
    return out


def report(results: list[Scored], args: argparse.Namespace, command: str) -> str:
    """The Markdown section for bench/RESULTS.md."""
    s = summary(results)
    lines = [
        "## Quality set: sendable drafts (bench/quality.py)",
        "",
        f"`{command}` on {dt.date.today().isoformat()}, {machine()}; backend {args.backend}, "
        f"temperature {args.temperature}; drafts in `{args.drafts}`.",
        "",
    ]
    if args.backend == "sim":
        lines += [SIM_NOTE, ""]
    lines += ["| mode | drafts | pass all | " + " | ".join(ITEMS) + " | validator errors/draft | wall median | "
              "wall p90 | first text median | tokens/draft |", "|---" * (8 + len(ITEMS)) + "|"]  # fmt: skip
    for mode, st in s.items():
        n = int(st["drafts"])
        lines.append(
            f"| {mode} | {n} | {int(st['passed'])} ({st['passed'] / n:.0%}) | "
            + " | ".join(f"{int(st[i])}" for i in ITEMS)
            + f" | {st['errors']:.1f} | {st['wall_median']:.0f} s | {st['wall_p90']:.0f} s | "
            f"{st['first_text_median']:.0f} s | {st['tokens']:.0f} |"
        )
    if "regain" in s and "single-shot" in s and s["single-shot"]["tokens"]:
        ratio = s["regain"]["tokens"] / s["single-shot"]["tokens"]
        lines += ["", f"Regain's tokens are {ratio:.2f}× the single shot's (goal ≤ 1.5×)."]
    lines += ["", "Regain's wall is from starting `regain draft` (model loading included); the single shot's is its "
              "one call on a model already loaded.", "", "| case | mode | wall s | first text s | tokens | items | "
              "result |", "|---|---|---|---|---|---|---|"]  # fmt: skip
    lines += [_row(r) for r in results]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_backend_args(parser)
    parser.add_argument("--only", nargs="*", help="case id prefixes to run (default: all)")
    parser.add_argument("--today", help="the date to draft for, YYYY-MM-DD (default: today)")
    parser.add_argument("--drafts", default=str(ROOT / "bench" / "drafts"), help="folder for the Markdown drafts")
    parser.add_argument("--no-baseline", action="store_true", help="skip the single-shot baseline")
    parser.add_argument("--write-results", action="store_true", help="update the section in bench/RESULTS.md")
    parser.add_argument("--results", default=str(ROOT / "bench" / "RESULTS.md"), help="the results file")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    results = run(args)
    text = report(results, args, command_line("bench/quality.py", sys.argv[1:] if argv is None else argv))
    print(text)
    if args.write_results:
        update_section("quality", text, Path(args.results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
