"""The refine workflow, shared by the web UI and ``regain refine``: a request becomes typed edits, the
program applies them, assembles the message again and runs the validator again.

A plain request ("two weeks later", "drop action 3", "shorter") is parsed without a model; any
other goes to the model, which answers with edits only. The reply says what was applied, and for
an edit that was not applied, what was understood and why not. When nothing was applied the draft
is returned as it was (``changed`` is False), so callers save no new version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from langchain_core.runnables import Runnable, RunnableConfig

from assistant.chains._answer_checks import example_leaks
from assistant.chains._step import FormatState
from assistant.chains.refine_edits import build_refine_edits_chain, without_unstated_facts
from assistant.chains.refine_rewrite import build_refine_rewrite_chain, mended, rewrite_problems
from assistant.chains.refine_translate import action_words, as_step, build_refine_translate_chain
from assistant.domain.edit_guards import model_edit_refusal, new_actions_date, one_of_each, tidied_edit
from assistant.domain.edit_leftover import needs_model, unread_date
from assistant.domain.edit_reading import asks_to_drop, mentions_checkins, read_edits, states_a_date
from assistant.domain.edit_reading_cannot import cannot_do, without_cannot
from assistant.domain.edit_reading_dates import keeps_checkins
from assistant.domain.edit_reading_rewrite import RewriteAsked, rewrites_asked
from assistant.domain.edit_requests import parse_request
from assistant.domain.edit_scope import edit_kind, unasked
from assistant.domain.edit_translation import ACTION_PART, Foreign, draft_language, to_translate, with_translations
from assistant.domain.edit_types import (
    AddFact,
    DropAction,
    Edit,
    EditPlan,
    ReplaceSection,
    RewriteOutput,
    Section,
    SetDate,
    SetLength,
    SetTone,
    ShiftDates,
    TranslateOutput,
    describe,
)
from assistant.domain.edit_values import settled_edit
from assistant.domain.errors import InputError, OutputValidationError
from assistant.domain.schema import Draft, StepUsage
from assistant.domain.step_inputs import StepInputs
from assistant.model.budget import CallBudget, with_budget
from assistant.model.prompts import load_prompt
from assistant.validator.checks import step_errors, validate_draft
from assistant.workflows.draft import Pipeline
from assistant.workflows.edits import apply_edits, of_checkins
from assistant.workflows.events import Listener, StepEvent, StepTracker
from assistant.workflows.step_inputs import refine_inputs, rewrite_inputs, translate_inputs

MAX_REQUEST_CHARS = 2_000
# Edits that words said of one section may look like: its length, its tone, a date it mentions.
_SECTION_WORDS = (SetLength, SetTone, SetDate, ShiftDates)
STEP = "refine_edits"
REWRITE_STEP = "refine_rewrite"
TRANSLATE_STEP = "refine_translate"
T = TypeVar("T")


@dataclass
class Refinement:
    """What a refine request did: the draft after it, the edits applied and refused, and the reply."""

    draft: Draft
    reply: str
    applied: list[tuple[Edit, str]] = field(default_factory=list)
    refused: list[tuple[Edit, str]] = field(default_factory=list)
    understood: str = ""
    not_possible: str = ""
    used_model: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when some edit was applied (only then is a new version worth saving)."""
        return bool(self.applied)

    @property
    def added_facts(self) -> list[str]:
        """The facts added to the notes."""
        return [e.fact for e, _ in self.applied if isinstance(e, AddFact)]

    def edits_json(self) -> list[dict[str, object]]:
        """The applied edits as JSON-ready dicts, each with what it did (for ``--json``)."""
        return [{**e.model_dump(mode="json"), "done": what} for e, what in self.applied]


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:] + "." if text else ""


def reply_for(result: Refinement) -> str:
    """The reply: only what was applied, then what was not and why."""
    lines = [_sentence(what) for _, what in result.applied]
    for edit, why in result.refused:
        lines.append(_sentence(f"I did not {describe(edit)}: {why}"))
    if result.not_possible:
        lines.append(_sentence(f"Not done: {result.not_possible}"))
    if result.problems and result.applied:
        lines.append("Some problems remain; see the checks beside each step.")
    if not result.applied:
        understood = f"I understood: {result.understood.strip().rstrip('.')}. " if result.understood.strip() else ""
        lines.insert(0, f"{understood}Nothing in the draft changed, so no new version is saved.")
    return "\n".join(line for line in lines if line)


def _checked_request(request: str) -> str:
    request = request.strip()
    if not request:
        raise InputError("Write what you would like to change, for example 'make it shorter'.")
    if len(request) > MAX_REQUEST_CHARS:
        raise InputError(f"The request is {len(request):,} characters; keep it under {MAX_REQUEST_CHARS:,}.")
    return request


def _finished(
    draft: Draft,
    edits: list[Edit],
    *,
    validate: bool,
    understood: str = "",
    not_possible: str = "",
    usage: dict[str, StepUsage] | None = None,
    problems: list[str] | None = None,
    refused: list[tuple[Edit, str]] | None = None,
    request: str = "",
) -> Refinement:
    """Apply ``edits``, check the result, and write the reply; the draft as it was when nothing applied.
    ``refused`` are edits already turned down, with the reason. When ``request`` keeps the check-ins as they are
    ("move the plan a week, leave the check-ins"), a new plan does not move them."""
    applied = apply_edits(draft, edits, keep_checkins=keeps_checkins(request))
    updated = applied.draft
    if applied.changed:
        if usage:
            updated = updated.model_copy(update={"usage": {**updated.usage, **usage}})
        if validate:  # the findings belong to the refined text, not to the draft before it
            updated = updated.model_copy(update={"findings": validate_draft(updated).findings})
    result = Refinement(
        draft=updated if applied.changed else draft,
        reply="",
        applied=applied.done,
        refused=[*(refused or []), *applied.refused],
        understood=understood or "; ".join(describe(e) for e in edits),
        not_possible=not_possible,
        used_model=usage is not None,
        problems=problems or [],
    )
    result.reply = reply_for(result)
    return result


def asked_edits(edits: list[Edit], request: str, draft: Draft) -> tuple[list[Edit], list[tuple[Edit, str]]]:
    """The edits the request asks for: what the program reads in it by itself (the tone, length and channel in the
    user's own words, date edits stated in full; :mod:`assistant.domain.edit_reading`), then the model's edits of
    other kinds that the request asks for, with the values it states exactly (the action it names, the direction
    of a shift); and the model's other edits with the reason they are not applied (:mod:`assistant.domain.edit_scope`;
    a date or channel edit for a request to send or schedule the message; the check-ins moved on their own for a
    request that does not speak of them)."""
    actions = [a.action for a in draft.plan]
    kept: list[Edit] = read_edits(request, draft)
    read = {edit_kind(edit) for edit in kept}
    cannot = cannot_do(request)
    refused: list[tuple[Edit, str]] = []
    for edit in edits:
        kind = edit_kind(edit)
        if kind in read:  # the program read this kind itself: its reading stands
            continue
        reason = unasked(edit, request, actions)
        if reason is None and cannot and kind in ("dates", "channel"):
            reason = cannot
        if reason is None and isinstance(edit, DropAction) and not asks_to_drop(request):
            reason = "your request does not ask to drop an action"
        if reason is None and of_checkins(edit) and not mentions_checkins(request):
            reason = "your request does not mention the check-ins (they follow the plan's dates)"
        if reason is None and kind == "dates" and not states_a_date(request, draft.today):
            reason = "your request states no date, weekday or amount of time to move it by"
        if reason is None:
            edit = tidied_edit(settled_edit(edit, request, actions, draft.today), request, draft)
            reason = model_edit_refusal(edit, request, draft)
        if reason is not None:
            refused.append((edit, reason))
        elif edit not in kept:  # two edits made one
            kept.append(edit)
    late = new_actions_date(kept, request, draft)
    kept = [e for e in kept if all(e is not edit for edit, _ in late)]
    return one_of_each(kept, request), refused + late


def refine_plainly(draft: Draft, request: str, *, validate: bool = True) -> Refinement | None:
    """The refinement of a request the program reads all of by itself, without a model: a plain one ("two weeks
    later"), or one whose edits it reads in the user's own words and that leaves nothing to the model
    (:mod:`assistant.domain.edit_reading`); None when the request needs the model."""
    return _by_program(draft, request, validate=validate)[0]


@dataclass
class _Read:
    """What the program read in a request by itself: its edits, what it asks that Regain cannot do, and, when that is
    all the request asks for, the user's words the model must still translate (``foreign``; None when the request
    needs the model for more)."""

    edits: list[Edit]
    cannot: str | None
    foreign: list[Foreign] | None


def _by_program(draft: Draft, request: str, *, validate: bool) -> tuple[Refinement | None, _Read]:
    """:func:`refine_plainly`'s refinement (None when the request needs the model), with what the program read in the
    request, so the model's path reads it only once."""
    edits = parse_request(_checked_request(request), actions=len(draft.plan))
    if edits is not None:
        return _finished(draft, edits, validate=validate, request=request), _Read(edits, None, [])
    read, cannot = read_edits(request, draft), cannot_do(request)
    asked = without_cannot(request) if cannot else request
    # the program read all of it by itself (what it cannot do aside: "pull the numbers from grafana and drop them in";
    # a date it states included), in the draft's language ("cambia la misura: …" on an English draft needs the model
    # to translate the measure)
    everything = bool(read or cannot) and not needs_model(asked, read) and not unread_date(asked, read, draft)
    foreign = to_translate(read, draft, request) if everything else None
    done = (
        _finished(draft, read, validate=validate, not_possible=cannot or "", request=request) if foreign == [] else None
    )
    return done, _Read(read, cannot, foreign)


async def _translated(
    draft: Draft,
    request: str,
    read: list[Edit],
    foreign: list[Foreign],
    cannot: str | None,
    pipeline: Pipeline,
    *,
    listener: Listener | None,
    budget: CallBudget | None,
) -> Refinement:
    """The edits the program read, with the user's words put into the draft's language by the model (one call
    each); words the model could not translate are applied as the user wrote them, and the reply says so."""
    tracker = StepTracker(listener)
    config: RunnableConfig = with_budget({"callbacks": [tracker]}, budget or CallBudget(pipeline.max_calls))
    language = draft_language(draft)
    chain = build_refine_translate_chain(
        pipeline.model,
        max_reasks=min(pipeline.max_reasks, 1),
        format_state=FormatState(mode=pipeline.structured_output),
    )
    done: dict[tuple[int, str], str] = {}
    problems: list[str] = []
    for words in foreign:
        # an action or measure as said, not as the program capitalised it ("Dare ai due auditor …" is no English)
        said = words.text if words.field == "text" else words.text[:1].lower() + words.text[1:]
        said = action_words(said) if words.part == ACTION_PART else said  # "ich beantworte …": from the verb
        inputs = translate_inputs(draft, said, words.part, language)
        out, failing = await _answer(chain, inputs, TranslateOutput, TRANSLATE_STEP, tracker, config)
        if failing is None:
            text = as_step(out.text) if words.part == ACTION_PART else out.text
            done[(words.index, words.field)] = text[:1].upper() + text[1:]
        else:
            problems.append(f"your words for {words.part} are kept as you wrote them: {'; '.join(failing)}")
    return _finished(
        draft,
        with_translations(read, done),
        validate=pipeline.validate,
        not_possible=cannot or "",
        usage=tracker.usage,
        problems=problems,
        request=request,
    )


async def _answer(
    chain: Runnable[StepInputs, Any],
    inputs: StepInputs,
    kind: type[T],
    step: str,
    tracker: StepTracker,
    config: RunnableConfig,
) -> tuple[T, list[str] | None]:
    """One model step's answer, with the step's events: the answer and None when it passed its checks, or the last
    answer of ``kind`` and its problems when it kept failing them; an answer of no use raises."""
    tracker.emit(StepEvent("start", step))
    failing: list[str] | None = None
    try:
        out = await chain.ainvoke(inputs, config=config)
    except OutputValidationError as exc:
        if not isinstance(exc.last_parsed, kind):
            tracker.emit(StepEvent("failed", step, tokens=tracker.tokens.get(step, 0)))
            raise
        out, failing = exc.last_parsed, list(exc.problems)
    except BaseException:
        tracker.emit(StepEvent("failed", step, tokens=tracker.tokens.get(step, 0)))
        raise
    tracker.emit(StepEvent("done", step, tokens=tracker.tokens.get(step, 0)))
    return out, failing


def _rewrite_check(section: Section, out: RewriteOutput, inputs: StepInputs) -> list[str]:
    """The validator's errors in a rewritten section, as a re-ask names them."""
    value: object = [line for line in out.text.splitlines() if line.strip()] if section == "lessons" else out.text
    return [f.plain() for f in step_errors(section, value, inputs)] if section != "subject" else []


async def _rewritten(
    draft: Draft,
    request: str,
    read: list[Edit],
    asked: list[RewriteAsked],
    pipeline: Pipeline,
    *,
    listener: Listener | None,
    budget: CallBudget | None,
) -> Refinement:
    """The request's sections written again by the model (one call each), with what the program read in it."""
    tracker = StepTracker(listener)
    config: RunnableConfig = with_budget({"callbacks": [tracker]}, budget or CallBudget(pipeline.max_calls))
    edits: list[Edit] = list(read)
    refused: list[tuple[Edit, str]] = []
    problems: list[str] = []
    for item in asked:
        chain = build_refine_rewrite_chain(
            pipeline.model,
            max_reasks=min(pipeline.max_reasks, 1),
            format_state=FormatState(mode=pipeline.structured_output),
            extra_check=partial(_rewrite_check, item.section) if pipeline.validate else None,
        )
        inputs = rewrite_inputs(draft, item.section, item.said)
        out, failing = await _answer(chain, inputs, RewriteOutput, REWRITE_STEP, tracker, config)
        if failing is not None and (mend := mended(out, inputs)) is not None:
            # what the program can mend is mended, whatever else the answer fails: the leader as "you", the old
            # sentences the request says are wrong left out
            mended_away = set(rewrite_problems(out, inputs)) - set(rewrite_problems(mend, inputs))
            out, failing = mend, [p for p in failing if p not in mended_away]
        edit = ReplaceSection(section=item.section, text=out.text)
        wrong: list[str] = []
        if failing is not None:  # the last answer goes in; the validator's findings show what is left
            problems += failing
            # but not words that are not the section's: the old text, the request or the example copied, a question
            words = load_prompt(REWRITE_STEP).example_words
            wrong = rewrite_problems(out, inputs) + example_leaks(out, words, inputs.notes)
            wrong = [w.replace("You copied", "it copies", 1) for w in wrong]  # said to the user, not the model
        reason = "; ".join(wrong) if wrong else model_edit_refusal(edit, request, draft)
        if reason is None:
            edits.append(edit)
        else:
            refused.append((edit, reason))
    return _finished(
        draft,
        edits,
        refused=refused,
        validate=pipeline.validate,
        not_possible=cannot_do(request) or "",
        usage=tracker.usage,
        problems=problems,
        request=request,
    )


async def arefine(
    draft: Draft,
    request: str,
    pipeline: Pipeline,
    *,
    listener: Listener | None = None,
    budget: CallBudget | None = None,
) -> Refinement:
    """Change ``draft`` as ``request`` asks: parsed edits, or the edits the program reads in the request's own words
    when that is all it asks for (:mod:`assistant.domain.edit_reading`), or else the model's edits with the program's
    readings; then applied and checked.

    ``budget`` caps the model calls (default: a new one of ``pipeline.max_calls``).
    """
    plain, by_program = _by_program(draft, request, validate=pipeline.validate)
    if plain is not None:
        return plain
    read, cannot = by_program.edits, by_program.cannot
    if by_program.foreign:  # all read, in words of another language: the model translates them
        return await _translated(
            draft, request, read, by_program.foreign, cannot, pipeline, listener=listener, budget=budget
        )
    # sections to write again, and nothing else for the model: the model writes only their words
    rewrites, rest = rewrites_asked(request, draft, read)
    if rewrites and not needs_model(without_cannot(rest) if cannot else rest, read):
        # a length, tone or date read only in what is said of a section is that section's, not the message's or the
        # plan's ("rewrite it as something short", "make it concrete: at the Monday 14 Dec check-in I'll show her …")
        said_elsewhere = {type(e) for e in read_edits(rest, draft)}
        read = [e for e in read if not isinstance(e, _SECTION_WORDS) or type(e) in said_elsewhere]
        return await _rewritten(draft, request, read, rewrites, pipeline, listener=listener, budget=budget)
    chain = build_refine_edits_chain(
        pipeline.model, max_reasks=pipeline.max_reasks, format_state=FormatState(mode=pipeline.structured_output)
    )
    tracker = StepTracker(listener)
    budget = budget if budget is not None else CallBudget(pipeline.max_calls)
    config: RunnableConfig = with_budget({"callbacks": [tracker]}, budget)
    inputs = refine_inputs(draft, request.strip())
    plan, failing = await _answer(chain, inputs, EditPlan, STEP, tracker, config)
    problems: list[str] = []
    if failing is not None:  # the last answer, its texts scrubbed, is applied and then checked
        # a fact the request does not state is never applied, though the answer kept failing on other counts
        plan = without_unstated_facts(plan, inputs) or plan
        problems = [p for p in failing if "is not in my request" not in p]
    asked, refused = asked_edits(plan.edits, request, draft)
    return _finished(
        draft,
        asked,
        refused=refused,
        validate=pipeline.validate,
        understood=plan.understood,
        not_possible=plan.not_possible or cannot_do(request) or "",
        usage=tracker.usage,
        problems=problems,
        request=request,
    )
