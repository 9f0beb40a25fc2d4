"""The six-step pipeline: notes -> facts -> the six steps -> the message.

The program settles what it can know exactly; the model writes the sentences::

    settled by the program: leader, greeting, sign-off, due dates, check-in dates, the message's order
    pain (the harm the program finds in the notes), then
    intake (quotes, checked) --+--> ownership
                               +--> lessons --+--> plan --> report_back (no model)
                                              +--> positive (on the lesson's habit)
    all six ------------------------------------> message (assembled; a model polish is opt-in)
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableConfig

from assistant.chains import (
    build_compose_chain,
    build_intake_chain,
    build_lessons_chain,
    build_ownership_chain,
    build_pain_chain,
    build_plan_chain,
    build_positive_chain,
    build_report_back_chain,
)
from assistant.chains._step import FormatState
from assistant.chains.lessons import to_lessons
from assistant.chains.pain import with_landed
from assistant.chains.plan import planned_steps, settle_plan
from assistant.domain.errors import (
    ModelAPIError,
    OffTopicError,
    OutputValidationError,
    PartialDraftError,
    RegainError,
    UsageLimitError,
)
from assistant.domain.notes import off_topic_message, screen_notes
from assistant.domain.schema import (
    SIX_STEPS,
    Draft,
    DraftOptions,
    Facts,
    LessonPartsOutput,
    Message,
    MessageOutput,
    PainOutput,
    PlanStepsOutput,
)
from assistant.domain.step_inputs import StepInputs
from assistant.model.budget import CallBudget, with_budget
from assistant.validator.checks import step_problems, validate_draft
from assistant.workflows.assemble import assemble_message
from assistant.workflows.events import Listener, StepEvent, StepHook, StepResult, StepTracker
from assistant.workflows.salvage import salvage_lessons, salvage_plan, salvage_statement
from assistant.workflows.step_inputs import (
    compose_inputs,
    intake_inputs,
    pain_inputs,
    with_lessons,
    with_plan,
    writing_inputs,
)

STEPS = ("intake", *SIX_STEPS, "compose")
R = TypeVar("R")
_SALVAGE: dict[str, Any] = {
    "pain": salvage_statement("pain"),
    "ownership": salvage_statement("ownership"),
    "positive": salvage_statement("positive"),
    "lessons": salvage_lessons,
    "plan": salvage_plan,
}


@dataclass
class Pipeline:
    """The step chains for one model, with shared structured-output state.

    ``polish`` asks the model to rewrite the assembled message as one text (for larger
    models; off by default, since a small model's rewrite runs long and drops parts).
    """

    model: BaseChatModel
    max_reasks: int = 2
    structured_output: str = "auto"
    validate: bool = True
    max_calls: int | None = None
    polish: bool = False
    chains: dict[str, Runnable[StepInputs, Any]] = field(init=False)

    def __post_init__(self) -> None:
        state = FormatState(mode=self.structured_output)
        builders: dict[str, Callable[..., Runnable[StepInputs, Any]]] = {
            "intake": build_intake_chain,
            "pain": build_pain_chain,
            "ownership": build_ownership_chain,
            "lessons": build_lessons_chain,
            "plan": build_plan_chain,
            "positive": build_positive_chain,
            "compose": build_compose_chain,
        }
        self.chains = {"report_back": build_report_back_chain()}
        for name, build in builders.items():
            kwargs: dict[str, Any] = {"max_reasks": self.max_reasks, "format_state": state}
            if self.validate and name != "intake":
                kwargs["extra_check"] = partial(_validator_check, name)
                if name in _SALVAGE:
                    kwargs["salvage"] = _SALVAGE[name]
            self.chains[name] = build(self.model, **kwargs)


def _validator_check(step: str, output: Any, inputs: StepInputs) -> list[str]:
    if isinstance(output, PlanStepsOutput):
        output = settle_plan(planned_steps(output.actions, inputs), inputs.today)
    elif isinstance(output, LessonPartsOutput):
        output = to_lessons(output, inputs)
    elif isinstance(output, PainOutput):
        output = with_landed(output, inputs)  # checked as the draft will have it, with the program's line
    return step_problems(step, output, inputs)


async def _run_step(
    pipeline: Pipeline, name: str, inputs: StepInputs, tracker: StepTracker, config: RunnableConfig
) -> Any:
    if name in tracker.done:  # written before the draft was interrupted: not asked of the model again
        return _reused(name, tracker)
    tracker.emit(StepEvent("start", name))
    try:
        result = await pipeline.chains[name].ainvoke(inputs, config=config)
    except OutputValidationError as exc:
        if exc.last_parsed is None:
            tracker.emit(StepEvent("failed", name, tokens=tracker.tokens.get(name, 0)))
            raise
        tracker.unresolved[name] = exc.problems
        tracker.emit(StepEvent("unresolved", name, tokens=tracker.tokens.get(name, 0), text="; ".join(exc.problems)))
        tracker.finished(name, StepResult(exc.last_parsed, tuple(exc.problems)))
        return exc.last_parsed
    except BaseException:
        tracker.emit(StepEvent("failed", name, tokens=tracker.tokens.get(name, 0)))
        raise
    tracker.emit(StepEvent("done", name, tokens=tracker.tokens.get(name, 0), text=_step_text(result) or ""))
    tracker.finished(name, StepResult(result))
    return result


def _reused(name: str, tracker: StepTracker) -> Any:
    """A step's saved result, reported as finished (with its problems, if it was kept with some)."""
    saved = tracker.done[name]
    if saved.unresolved:
        tracker.unresolved[name] = list(saved.unresolved)
        tracker.emit(StepEvent("unresolved", name, text="; ".join(saved.unresolved)))
    else:
        tracker.emit(StepEvent("done", name, text=_step_text(saved.output) or ""))
    return saved.output


def _step_text(result: Any) -> str | None:
    """The text of a finished step, for progress listeners that show it as soon as it is written."""
    if hasattr(result, "statement"):
        return str(result.statement)
    if hasattr(result, "lessons"):
        return " ".join(result.lessons)
    return None


def _model_name(model: BaseChatModel) -> str:
    return str(getattr(model, "model_name", "") or type(model).__name__)


def _validated(draft: Draft) -> Draft:
    return draft.model_copy(update={"findings": validate_draft(draft).findings})


async def acompose(
    draft: Draft,
    pipeline: Pipeline,
    options: DraftOptions,
    *,
    listener: Listener | None = None,
    budget: CallBudget | None = None,
) -> Draft:
    """The message for the options asked for (channel, tone, length), without redoing the steps.

    The message is assembled from the parts by the program. With ``pipeline.polish`` the model
    rewrites it, and its version is kept only when it has fewer errors than the assembled one.
    ``budget`` caps the model calls (default: a new one of ``pipeline.max_calls``).
    """
    assembled = assemble_message(draft, options)
    unresolved = {k: v for k, v in draft.unresolved.items() if k != "compose"}
    updated = draft.model_copy(update={"message": assembled, "options": options, "unresolved": unresolved})
    tracker = StepTracker(listener)
    if not pipeline.polish:
        tracker.emit(StepEvent("done", "compose", text=assembled.body))
        return _validated(updated) if pipeline.validate else updated
    budget = budget if budget is not None else CallBudget(pipeline.max_calls)
    config = with_budget({"callbacks": [tracker]}, budget)
    try:
        out: MessageOutput = await _run_step(pipeline, "compose", compose_inputs(draft, options), tracker, config)
    except STEP_FAILURES:  # the polish failed: the assembled message stands
        return _validated(updated) if pipeline.validate else updated
    polished = updated.model_copy(
        update={
            "message": Message(channel=options.channel, subject=out.subject.strip(), body=out.body.strip()),
            "usage": {**draft.usage, **tracker.usage},
            "unresolved": unresolved | tracker.unresolved,
        }
    )
    if not pipeline.validate:
        return polished
    report, fallback = validate_draft(polished), validate_draft(updated)
    if len(fallback.errors) <= len(report.errors):
        kept = updated.model_copy(update={"usage": polished.usage, "findings": fallback.findings})
        return kept
    return polished.model_copy(update={"findings": report.findings})


async def adraft(
    notes: str,
    pipeline: Pipeline,
    *,
    options: DraftOptions | None = None,
    today: dt.date | None = None,
    max_notes_chars: int = 20_000,
    listener: Listener | None = None,
    budget: CallBudget | None = None,
    done: Mapping[str, StepResult] | None = None,
    on_step: StepHook | None = None,
) -> Draft:
    """Turn rough notes into a complete :class:`Draft` (all six steps and the message).

    When some steps fail after their retries and re-asks, the steps that succeeded are
    kept: :class:`~assistant.domain.errors.PartialDraftError` carries them as a draft with
    ``complete=False`` and ``failed_steps``, with a message assembled from the parts there
    are. When the intake step fails there is no draft, and its own error is raised.
    ``budget`` caps the model calls (default: a new one of ``pipeline.max_calls``; the UI
    passes one per browser session).

    ``done`` holds steps finished before (by name, intake's :class:`Facts` included): they are reused,
    not run again, so an interrupted draft resumes where it stopped. ``on_step`` is called as each step
    finishes, with its result (:class:`~assistant.workflows.autosave.DraftAutosave` saves it).
    """
    options = options or DraftOptions()
    today = today or dt.date.today()
    notes = screen_notes(notes, max_chars=max_notes_chars)
    tracker = StepTracker(listener, done=done, on_step=on_step)
    budget = budget if budget is not None else CallBudget(pipeline.max_calls)
    config = with_budget({"callbacks": [tracker]}, budget)
    base = intake_inputs(notes, today, options)

    # The pain needs only the harm, which the program finds in the notes, so it is written first, alone: on
    # the embedded model the server's two slots share the cores, and beside intake it took twice as long.
    early_pain = asyncio.ensure_future(_run_step(pipeline, "pain", pain_inputs(notes, today, options), tracker, config))
    try:
        await asyncio.wait([early_pain])
        facts: Facts = await _run_step(pipeline, "intake", base, tracker, config)
    except BaseException:
        early_pain.cancel()
        raise
    if not any(part.strip() for part in (facts.act, facts.impact, facts.what_happened)):
        early_pain.cancel()
        raise OffTopicError(off_topic_message())
    if options.leader:
        facts = facts.model_copy(update={"leader_name": options.leader})
    shared = writing_inputs(facts, notes, today, options)
    failures: dict[str, BaseException] = {}

    async def step(name: str, inputs: StepInputs) -> Any:
        try:
            return await _run_step(pipeline, name, inputs, tracker, config)
        except STEP_FAILURES as exc:
            failures[name] = exc
            return None

    lessons_done = asyncio.ensure_future(step("lessons", shared))

    async def lessons_written() -> StepInputs:
        lessons = await lessons_done
        return with_lessons(shared, lessons.lessons if lessons else [])

    async def plan_then_report() -> tuple[Any, Any]:
        # The plan builds on what the lessons say I now do: its first action makes that part of the work.
        plan = await step("plan", await lessons_written())
        if plan is None:
            _skipped(tracker, failures, "report_back", "the 'plan' step failed")
            return None, None
        return plan, await step("report_back", with_plan(shared, plan.actions))

    async def positive_after_lessons() -> Any:
        # The positive is about the habit the lesson names (the one the plan puts on my checklist).
        return await step("positive", await lessons_written())

    async def pain_step() -> Any:
        try:
            return await early_pain
        except STEP_FAILURES as exc:
            failures["pain"] = exc
            return None

    pain, ownership, lessons, (plan, report), positive = await asyncio.gather(
        pain_step(),
        step("ownership", shared),
        lessons_done,
        plan_then_report(),
        positive_after_lessons(),
    )
    draft = Draft(
        notes=notes,
        today=today,
        options=options,
        facts=facts,
        pain=pain.statement.strip() if pain else "",
        ownership=ownership.statement.strip() if ownership else "",
        lessons=[lesson.strip() for lesson in lessons.lessons] if lessons else [],
        plan=plan.actions if plan else [],
        positive=positive.statement.strip() if positive else "",
        report_back=report.checkins if report else [],
        message=Message(channel=options.channel, subject="", body=""),
        model=_model_name(pipeline.model),
        usage=tracker.usage,
        unresolved=tracker.unresolved,
    )
    if failures:
        raise _partial(draft.model_copy(update={"message": assemble_message(draft, options)}), failures,
                       pipeline.validate)  # fmt: skip
    try:
        return await acompose(draft, pipeline, options, listener=listener, budget=budget)
    except STEP_FAILURES as exc:
        raise _partial(draft, {"compose": exc}, pipeline.validate) from exc


STEP_FAILURES = (ModelAPIError, OutputValidationError, UsageLimitError)


class _NotRun(RegainError):
    """A step that was not run because one it depends on failed."""


def _skipped(tracker: StepTracker, failures: dict[str, BaseException], name: str, why: str) -> None:
    failures[name] = _NotRun(f"Not written, because {why}.")
    tracker.emit(StepEvent("failed", name))


def _partial(draft: Draft, failures: dict[str, BaseException], validate: bool) -> PartialDraftError:
    """The error carrying a draft marked incomplete, its failed parts empty, its findings only on the rest."""
    order = sorted(failures, key=STEPS.index)
    failed = {name: " ".join(str(failures[name]).split()) for name in order}
    findings = []
    if validate:
        hidden = set(failed)
        findings = [f for f in validate_draft(draft).findings if f.step not in hidden]
    incomplete = draft.model_copy(update={"complete": False, "failed_steps": failed, "findings": findings})
    root = next((name for name in order if not isinstance(failures[name], _NotRun)), order[0])
    first = failures[root]
    kind = "usage_limit" if isinstance(first, UsageLimitError) else "invalid_output"
    error = PartialDraftError(
        f"The draft is incomplete – {len(failed)} step(s) failed ({', '.join(order)}); the other steps are kept. "
        f"{failed[root]}",
        draft=incomplete,
        failed_steps=failed,
        cause=getattr(first, "cause", kind),
    )
    error.__cause__ = first
    return error


def draft(notes: str, pipeline: Pipeline, **kwargs: Any) -> Draft:
    """Synchronous :func:`adraft`."""
    return asyncio.run(adraft(notes, pipeline, **kwargs))
