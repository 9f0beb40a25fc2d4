"""Single-shot baseline vs Regain's chains: wall time, tokens and validator errors per draft.

Run (the real run, on the embedded model; slow, ~4 min per Regain draft):
    python bench/single_shot.py
Development, against the simulated server: python bench/single_shot.py --backend sim
Any OpenAI-compatible server: python bench/single_shot.py --backend url --base-url http://host:port/v1 --model M

For each example in ``examples/`` (``--examples N`` takes the first N), the same model, temperature and seed:
- ``single-shot``: one call asking for the facts, all six steps and the message in one JSON object
  (``bench/prompts/single_shot.md``, one ``response_format`` json_schema), with the same system guidance and
  notes block as Regain's steps (``load_prompt("system")`` / ``("notes")``), parsed into the same Draft shape
  with the same free post-processing Regain applies (leader named in the notes, placeholder lines dropped);
- ``regain``: ``Pipeline`` + ``adraft`` as the product runs it (validator-driven re-asks, ``max_reasks`` from settings);
- ``regain-plain`` (unless ``--no-plain``): ``validate=False, max_reasks=0``, which shows what re-asks cost.
Every draft goes through the same validator (``validate_draft``). Tokens are the server's reported usage (Regain:
summed over steps and re-asks from ``Draft.usage``). Goal: Regain total tokens <= 1.5x the single shot, with far
fewer validator errors. Per example the order is single-shot, regain, regain-plain; a server's prefix cache carries
over between them (the "cached" column shows it).
Results go to stdout and the "single_shot" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import datetime as dt
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_backend import SIM_NOTE, add_backend_args, command_line, open_bench_model  # noqa: E402
from orchestration import load, machine, update_section  # noqa: E402

from assistant.chains._format import today_text  # noqa: E402
from assistant.chains.compose import length_text, tidy_message  # noqa: E402
from assistant.domain.errors import RegainError  # noqa: E402
from assistant.domain.language import language_instruction  # noqa: E402
from assistant.domain.notes import clean_notes  # noqa: E402
from assistant.domain.schema import (  # noqa: E402
    CHANNEL_LABELS,
    CheckIn,
    Draft,
    DraftOptions,
    Facts,
    Message,
    MessageOutput,
    PlanAction,
    StepUsage,
)
from assistant.domain.settle import leader_in_notes  # noqa: E402
from assistant.model.parsing import OutputParseError, parse_output, response_format_for  # noqa: E402
from assistant.model.prompts import load_prompt  # noqa: E402
from assistant.validator.checks import validate_draft  # noqa: E402
from assistant.workflows.draft import Pipeline, adraft  # noqa: E402

BENCH_PROMPTS = ROOT / "bench" / "prompts"
GOAL_TOKENS = 1.5
MODES = ("single-shot", "regain", "regain-plain")


class SingleShotOutput(BaseModel):
    """Everything Regain's eight calls produce, asked for in one JSON object (same fields and limits)."""

    model_config = ConfigDict(extra="forbid")

    facts: Facts = Field(description="Facts taken from the notes.")
    pain: str = Field(max_length=600, description="Two or three sincere first-person sentences of regret.")
    ownership: str = Field(max_length=600, description="Two or three first-person sentences taking responsibility.")
    lessons: list[Annotated[str, StringConstraints(max_length=300)]] = Field(
        min_length=1, max_length=4, description="Specific lessons tied to the cause, one sentence each."
    )
    plan: list[PlanAction] = Field(min_length=1, max_length=4, description="Two to four concrete actions.")
    positive: str = Field(max_length=400, description="One or two forward-looking, committed sentences.")
    report_back: list[CheckIn] = Field(min_length=1, max_length=3, description="Dated check-ins, earliest first.")
    message: MessageOutput = Field(description="The composed message to the leader.")


@dataclass
class Outcome:
    """One draft by one mode on one example."""

    mode: str
    example: str
    wall: float = 0.0
    calls: int = 0
    prompt: int = 0
    cached: int = 0
    completion: int = 0
    errors: int = 0
    warnings: int = 0
    rules: list[str] = field(default_factory=list)
    failed: str | None = None

    @property
    def total(self) -> int:
        return self.prompt + self.completion


def single_shot_messages(notes: str, today: dt.date, options: DraftOptions) -> list[BaseMessage]:
    """System guidance, then the notes block, then the one task: the layout of Regain's steps."""
    task = load_prompt("single_shot", BENCH_PROMPTS).render(
        today=today_text(today),
        channel=CHANNEL_LABELS[options.channel],
        tone=options.tone,
        length=length_text(options.channel, options.length),
    )
    human = load_prompt("notes").render(notes=notes, language=language_instruction(notes)).rstrip("\n") + "\n\n" + task
    return [SystemMessage(load_prompt("system").template), HumanMessage(human)]


def draft_from(out: SingleShotOutput, notes: str, today: dt.date, options: DraftOptions, model: str) -> Draft:
    """The single shot's answer in Regain's Draft shape, with the same free post-processing as the pipeline."""
    message = tidy_message(out.message)
    return Draft(
        notes=notes,
        today=today,
        options=options,
        facts=out.facts.model_copy(update={"leader_name": leader_in_notes(notes) or out.facts.leader_name}),
        pain=out.pain.strip(),
        ownership=out.ownership.strip(),
        lessons=[lesson.strip() for lesson in out.lessons],
        plan=out.plan,
        positive=out.positive.strip(),
        report_back=out.report_back,
        message=Message(channel=options.channel, subject=message.subject, body=message.body),
        model=model,
    )


def _score(outcome: Outcome, draft: Draft) -> Outcome:
    report = validate_draft(draft)
    outcome.errors, outcome.warnings = len(report.errors), len(report.warnings)
    outcome.rules = [f.rule for f in report.errors]
    return outcome


async def run_single_shot_draft(
    model: Any, notes: str, today: dt.date, channel: str | None = None
) -> tuple[Draft | None, str | None, int]:
    """One call for the whole draft, parsed, post-processed and validated: (draft, None, tokens) or (None, why it
    failed, tokens). An answer that does not parse spent its tokens all the same (one cut at its limit, the most)."""
    options = DraftOptions(channel=channel or "email")
    notes = clean_notes(notes, max_chars=20_000)
    prompt = load_prompt("single_shot", BENCH_PROMPTS)
    try:
        message = await model.ainvoke(
            single_shot_messages(notes, today, options),
            max_tokens=prompt.max_tokens,
            response_format=response_format_for(SingleShotOutput, "json_schema"),
        )
    except RegainError as exc:
        return None, f"{type(exc).__name__}: {str(exc)[:140]}", 0
    usage = message.usage_metadata or {}
    tokens = usage.get("input_tokens", 0) + usage.get("output_tokens", 0)
    try:
        out = parse_output(message.text, SingleShotOutput)
    except OutputParseError as exc:
        finish = message.response_metadata.get("finish_reason")
        return None, f"unparseable (finish_reason {finish}): {str(exc)[:140]}", tokens
    draft = draft_from(out, notes, today, options, str(model.model_name))
    draft.usage = {
        "single_shot": StepUsage(
            attempts=1,
            prompt_tokens=usage.get("input_tokens", 0),
            completion_tokens=usage.get("output_tokens", 0),
            cached_tokens=(usage.get("input_token_details") or {}).get("cache_read", 0) or 0,
        )
    }
    return draft.model_copy(update={"findings": validate_draft(draft).findings}), None, tokens


async def run_single_shot(model: Any, example: str, notes: str, today: dt.date) -> Outcome:
    """One call for the whole draft; parse, post-process and validate it."""
    outcome = Outcome("single-shot", example, calls=1)
    start = time.perf_counter()
    draft, failed, _ = await run_single_shot_draft(model, notes, today)
    outcome.wall = time.perf_counter() - start
    if draft is None:
        outcome.failed = failed
        return outcome
    usage = draft.usage["single_shot"]
    outcome.prompt, outcome.completion, outcome.cached = (
        usage.prompt_tokens,
        usage.completion_tokens,
        usage.cached_tokens,
    )
    return _score(outcome, draft)


async def run_regain(pipeline: Pipeline, mode: str, example: str, notes: str, today: dt.date) -> Outcome:
    """One draft through Regain's chains; tokens summed over every step and re-ask."""
    outcome = Outcome(mode, example)
    start = time.perf_counter()
    try:
        draft = await adraft(notes, pipeline, today=today)
    except RegainError as exc:
        outcome.wall = time.perf_counter() - start
        outcome.failed = f"{type(exc).__name__}: {str(exc)[:140]}"
        return outcome
    outcome.wall = time.perf_counter() - start
    for usage in draft.usage.values():
        outcome.calls += usage.attempts
        outcome.prompt += usage.prompt_tokens
        outcome.cached += usage.cached_tokens
        outcome.completion += usage.completion_tokens
    return _score(outcome, draft)


async def bench(args: argparse.Namespace, files: list[Path]) -> tuple[list[Outcome], str, str]:
    today = dt.date.today()
    outcomes: list[Outcome] = []
    with open_bench_model(args) as bm:
        print(f"model: {bm.description}", flush=True)
        settings = bm.settings
        fmt = settings.structured_output
        pipelines = {
            "regain": Pipeline(bm.chat_model, max_reasks=settings.max_reasks, structured_output=fmt),
            "regain-plain": Pipeline(bm.chat_model, max_reasks=0, validate=False, structured_output=fmt),
        }
        for path in files:
            notes = path.read_text(encoding="utf-8")
            for mode in [m for m in MODES if m != "regain-plain" or not args.no_plain]:
                if mode == "single-shot":
                    outcome = await run_single_shot(bm.chat_model, path.name, notes, today)
                else:
                    outcome = await run_regain(pipelines[mode], mode, path.name, notes, today)
                outcomes.append(outcome)
                print(_row(outcome) + f" {load()}", flush=True)
        await bm.aclose()
        return outcomes, bm.description, f"temperature {settings.temperature}, seed {args.seed}"


def _row(o: Outcome) -> str:
    head = f"| {o.example} | {o.mode} | {o.wall:.1f} | {o.calls} | {o.prompt} | {o.cached} | {o.completion} | {o.total}"
    if o.failed:
        return f"{head} | failed: {o.failed} |"
    return f"{head} | {o.errors} errors, {o.warnings} warnings |"


def _mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else float("nan")


def summary(outcomes: list[Outcome]) -> dict[str, dict[str, float]]:
    """Per mode: means over the drafts that produced a draft, and the count of those that did not."""
    result: dict[str, dict[str, float]] = {}
    for mode in MODES:
        done = [o for o in outcomes if o.mode == mode and not o.failed]
        ran = [o for o in outcomes if o.mode == mode]
        if not ran:
            continue
        result[mode] = {
            "drafts": len(done),
            "failed": len(ran) - len(done),
            "wall": _mean([o.wall for o in done]),
            "calls": _mean([o.calls for o in done]),
            "prompt": _mean([o.prompt for o in done]),
            "cached": _mean([o.cached for o in done]),
            "completion": _mean([o.completion for o in done]),
            "total": _mean([o.total for o in done]),
            "errors": _mean([o.errors for o in done]),
            "warnings": _mean([o.warnings for o in done]),
            "zero_error": sum(1 for o in done if o.errors == 0),
        }
    return result


def verdict(ratio: float, goal: float) -> str:
    """'met' or by how much the goal was missed."""
    return "met" if ratio <= goal else f"MISSED by {(ratio / goal - 1) * 100:.0f}% ({ratio:.2f}x vs {goal}x)"


def report(outcomes: list[Outcome], model: str, sampling: str, command: str, *, simulated: bool = False) -> str:
    means = summary(outcomes)
    lines = [
        "## Single-shot baseline vs Regain",
        "",
        *([SIM_NOTE, ""] if simulated else []),
        f"Run {dt.datetime.now().isoformat(timespec='seconds')} on {machine()}; {load()} at the end.",
        f"Command: `{command}`",
        f"Model: {model}; {sampling}; email, neutral, medium; every draft checked by `validate_draft`.",
        "",
        "| example | mode | wall s | calls | prompt tok | cached | completion tok | total tok | validator |",
        "|---|---|---|---|---|---|---|---|---|",
        *[_row(o) for o in outcomes],
        "",
        "| mode | drafts (failed) | wall s | calls | prompt tok | cached | completion tok | total tok "
        "| errors/draft | warnings/draft | zero-error drafts |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for mode, m in means.items():
        lines.append(
            f"| {mode} (mean) | {m['drafts']:.0f} ({m['failed']:.0f}) | {m['wall']:.1f} | {m['calls']:.1f} | "
            f"{m['prompt']:.0f} | {m['cached']:.0f} | {m['completion']:.0f} | {m['total']:.0f} | {m['errors']:.2f} | "
            f"{m['warnings']:.2f} | {m['zero_error']:.0f} |"
        )
    base = means.get("single-shot")
    lines.append("")
    for mode in ("regain", "regain-plain"):
        if not base or base["total"] <= 0 or mode not in means:
            continue
        m = means[mode]
        ratio = m["total"] / base["total"]
        processed = (m["total"] - m["cached"]) / max(1.0, base["total"] - base["cached"])
        lines.append(
            f"- {mode} / single-shot: total tokens **{ratio:.2f}x** "
            f"(goal <= {GOAL_TOKENS}x: {verdict(ratio, GOAL_TOKENS)}); "
            f"prompt {m['prompt'] / base['prompt']:.2f}x, completion {m['completion'] / base['completion']:.2f}x; "
            f"tokens the server had to process (total - cached) {processed:.2f}x; "
            f"wall {m['wall'] / base['wall']:.2f}x; "
            f"validator errors per draft {m['errors']:.2f} vs {base['errors']:.2f}."
        )
    for mode in MODES:
        counts = collections.Counter(r for o in outcomes if o.mode == mode for r in o.rules)
        if counts:
            lines.append(f"- {mode} error rules: " + ", ".join(f"{r} {n}" for r, n in counts.most_common()))
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """The command line: the backend options and this benchmark's own."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_backend_args(parser)
    parser.add_argument("--examples", type=int, default=0, help="first N example notes (default: all)")
    parser.add_argument("--no-plain", action="store_true", help="skip Regain without validation and re-asks")
    parser.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    return parser


def main() -> None:
    args = build_parser().parse_args()
    files = sorted((ROOT / "examples").glob("*.md"))
    files = files[: args.examples] if args.examples else files
    outcomes, model, sampling = asyncio.run(bench(args, files))
    command = command_line("bench/single_shot.py", sys.argv[1:])
    text = report(outcomes, model, sampling, command, simulated=args.backend == "sim")
    print(text)
    if not args.no_write:
        update_section("single_shot", text)


if __name__ == "__main__":
    main()
