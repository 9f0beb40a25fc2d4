"""The inputs of every step, built here and nowhere else: the notes, the settled facts and the options, as a typed
:class:`~assistant.domain.step_inputs.StepInputs`.

The program puts in what it settles (the leader, the harm found in the notes, the act without its excuse,
figures in plain words); :mod:`assistant.workflows.draft`, :mod:`assistant.workflows.refine` and
:mod:`assistant.workflows.report_back` run the steps on them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence

from assistant.chains._format import checkins_text, leader_text, lessons_text, plan_text, today_text
from assistant.chains.compose import length_text
from assistant.chains.refine import draft_text, edits_examples, edits_menu, offered_kinds
from assistant.chains.refine_rewrite import PARTS, rewrite_example
from assistant.chains.report_back_update import progress_plan_text
from assistant.domain.edit_types import Section, section_text
from assistant.domain.harm_said import addressed_to, named_subject, without_asides
from assistant.domain.language import detect_language
from assistant.domain.notes import normalise_text
from assistant.domain.notes_reading import impact_in_notes, mine_first, skipped_step, without_excuses
from assistant.domain.report_back import ActionProgress
from assistant.domain.report_back_reading import Reading
from assistant.domain.schema import (
    CHANNEL_LABELS,
    Channel,
    CheckIn,
    Draft,
    DraftOptions,
    Facts,
    Length,
    PlanAction,
)
from assistant.domain.settle import leader_in_notes, plain_words
from assistant.domain.step_inputs import StepInputs
from assistant.validator.progress import fixed_statuses


def intake_inputs(notes: str, today: dt.date, options: DraftOptions) -> StepInputs:
    """The intake step's inputs: the notes, and the leader the user or the notes name."""
    leader = options.leader or leader_in_notes(notes)
    return StepInputs(notes=notes, today=today, leader=leader, texts={"today": today_text(today)})


def pain_inputs(notes: str, today: dt.date, options: DraftOptions) -> StepInputs:
    """The pain step's inputs: the notes, the harm the program finds in them, and the leader."""
    leader = options.leader or leader_in_notes(notes)
    language = detect_language(notes)
    harm = plain_words(impact_in_notes(notes), language)
    # the regret is said to the leader: "Dana had to tell the VP" is "you had to tell the VP"
    said = without_asides(addressed_to(named_subject(harm, notes, leader), leader)) if language is None else harm
    texts = {"today": today_text(today), "leader": leader or "my manager", "impact": said}
    return StepInputs(notes=notes, today=today, leader=options.leader, harm=said, texts=texts)


def writing_inputs(facts: Facts, notes: str, today: dt.date, options: DraftOptions) -> StepInputs:
    """The inputs every writing step gets: the notes, the settled facts, and their quotes in plain words."""
    language = detect_language(notes)
    why = f"Why, from my notes: <notes>{plain_words(facts.cause, language)}</notes>" if facts.cause else ""
    texts = {
        "today": today_text(today),
        "leader": leader_text(facts, options.leader) if facts.leader_name or options.leader else "my manager",
        "act": plain_words(mine_first(without_excuses(facts.act)), language),
        "why": why,
        "impact": plain_words(facts.impact or facts.act, language),
        "skipped": _skipped_line(facts, language),
    }
    return StepInputs(notes=notes, today=today, leader=options.leader, facts=facts, texts=texts)


def with_lessons(shared: StepInputs, lessons: list[str]) -> StepInputs:
    """The shared inputs and the lessons written (the plan and the positive build on them)."""
    return shared.model_copy(update={"lessons": lessons})


def with_plan(shared: StepInputs, plan: list[PlanAction]) -> StepInputs:
    """The shared inputs and the plan (the report-back schedule is dated from it)."""
    return shared.model_copy(update={"plan": plan})


def compose_inputs(draft: Draft, options: DraftOptions) -> StepInputs:
    """Inputs of the compose (polish) step for a finished set of six parts."""
    texts = {
        "leader": leader_text(draft.facts, options.leader),
        "channel": CHANNEL_LABELS[options.channel],
        "tone": options.tone,
        "length": length_text(options.channel, options.length),
        "pain": draft.pain,
        "ownership": draft.ownership,
        "lessons": lessons_text(draft.lessons),
        "plan": plan_text(draft.plan),
        "positive": draft.positive,
        "report_back": checkins_text(draft.report_back),
    }
    return _draft_inputs(draft, texts, leader=options.leader, channel=options.channel, length=options.length)


def refine_inputs(draft: Draft, request: str) -> StepInputs:
    """The inputs of the refine_edits step for a draft and the user's request."""
    asked = normalise_text(request)
    texts = {
        "edits": edits_menu(request),
        "examples": edits_examples(request),
        "draft": draft_text(draft, offered_kinds(request)),
        "request": asked,
    }
    return _draft_inputs(draft, texts, leader=draft.options.leader, channel=draft.message.channel, request=asked)


def rewrite_inputs(draft: Draft, section: Section, said: str) -> StepInputs:
    """The inputs of the refine_rewrite step: one section of ``draft`` as it reads, and what the request ``said``
    of it. The request's own words count as notes for its checks (a number it gives may go in)."""
    part, guide = PARTS[section]
    current = section_text(draft, section)
    asked = normalise_text(said)
    texts = {"part": part, "guide": guide, "current": current, "request": asked, "example": rewrite_example(section),
             "leader": leader_text(draft.facts, draft.options.leader)}  # fmt: skip
    inputs = _draft_inputs(draft, texts, leader=draft.options.leader, channel=draft.message.channel, request=asked)
    return inputs.model_copy(update={"notes": f"{draft.notes.rstrip()}\n\n{asked}"})


def translate_inputs(draft: Draft, text: str, part: str, language: str) -> StepInputs:
    """The inputs of the refine_translate step: the user's words for a ``part`` of ``draft``, and the draft's
    ``language``."""
    texts = {"language": language, "part": part, "text": normalise_text(text)}
    return _draft_inputs(draft, texts, leader=draft.options.leader, channel=draft.message.channel)


def _draft_inputs(
    draft: Draft,
    texts: dict[str, str],
    *,
    leader: str | None,
    channel: Channel,
    length: Length = "medium",
    request: str = "",
) -> StepInputs:
    """The inputs of a step on a whole draft (compose, refine): its notes, date, facts, plan and check-ins, today's
    date and ``texts`` for the prompt, and the leader, channel, length and request the step is given."""
    return StepInputs(
        notes=draft.notes,
        today=draft.today,
        leader=leader,
        facts=draft.facts,
        plan=draft.plan,
        report_back=draft.report_back,
        channel=channel,
        length=length,
        request=request,
        texts={"today": today_text(draft.today), **texts},
    )


def update_inputs(
    draft: Draft,
    progress_notes: str,
    today: dt.date,
    *,
    fixed: dict[int, ActionProgress],
    previous: dict[int, ActionProgress],
    checkins: Sequence[CheckIn],
    readings: Mapping[int, Reading] | None = None,
    by_user: Collection[int] | None = None,
) -> StepInputs:
    """The inputs of the report_back_update chain for a draft and cleaned progress notes (``readings``: what the notes
    seem to say per action; ``by_user``: which fixed statuses the user set, the rest came from the notes)."""
    fixed_status = fixed_statuses(fixed)
    plan = progress_plan_text(draft.plan, previous, fixed_status, today, readings=readings, by_user=by_user)
    texts = {
        "incident": draft.facts.what_happened,
        "plan": plan,
        "checkins": checkins_text(list(checkins)) or "none yet",
        "leader": leader_text(draft.facts, draft.options.leader),
        "today": today_text(today),
    }
    return StepInputs(
        notes=progress_notes,
        today=today,
        leader=draft.options.leader or draft.facts.leader_name,
        plan=draft.plan,
        original_notes=draft.notes,
        fixed_statuses=fixed_status,
        fixed_progress=fixed,
        previous_progress=previous,
        texts=texts,
    )


def _skipped_line(facts: Facts, language: str | None) -> str:
    """The step my act left out, when the notes name one and the act or the cause don't already say it all."""
    step = skipped_step(without_excuses(facts.act), facts.cause)
    return f"The step I left out, from my notes: <notes>{plain_words(step, language)}</notes>" if step else ""
