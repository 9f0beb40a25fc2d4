"""The inputs each step of the draft gets, built from the notes, the settled facts and the options.

The program puts in what it settles (the leader, the harm found in the notes, the act without its excuse,
figures in plain words); :mod:`assistant.workflows.draft` runs the steps on them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from assistant.chains._format import checkins_text, leader_text, lessons_text, plan_text, today_text
from assistant.chains.compose import length_text
from assistant.domain.language import detect_language
from assistant.domain.notes_reading import impact_in_notes, skipped_step, without_excuses
from assistant.domain.schema import CHANNEL_LABELS, Draft, DraftOptions, Facts
from assistant.domain.settle import addressed_to, leader_in_notes, plain_words


def compose_inputs(draft: Draft, options: DraftOptions) -> dict[str, Any]:
    """Inputs of the compose (polish) step for a finished set of six parts."""
    return {
        "notes": draft.notes,
        "today_date": draft.today,
        "facts_model": draft.facts,
        "plan_model": draft.plan,
        "report_back_model": draft.report_back,
        "leader_override": options.leader,
        "leader": leader_text(draft.facts, options.leader),
        "channel": CHANNEL_LABELS[options.channel],
        "channel_key": options.channel,
        "tone": options.tone,
        "length": length_text(options.channel, options.length),
        "length_key": options.length,
        "pain": draft.pain,
        "ownership": draft.ownership,
        "lessons": lessons_text(draft.lessons),
        "plan": plan_text(draft.plan),
        "positive": draft.positive,
        "report_back": checkins_text(draft.report_back),
    }


def pain_inputs(notes: str, today: dt.date, options: DraftOptions) -> dict[str, Any]:
    """The pain step's inputs: the notes, the harm the program finds in them, and the leader."""
    leader = options.leader or leader_in_notes(notes)
    language = detect_language(notes)
    harm = plain_words(impact_in_notes(notes), language)
    return {
        "notes": notes,
        "today": today_text(today),
        "today_date": today,
        "leader_override": options.leader,
        "leader": leader or "my manager",
        # the regret is said to the leader: "Dana had to tell the VP" is "you had to tell the VP"
        "impact": addressed_to(harm, leader) if language is None else harm,
    }


def writing_inputs(facts: Facts, notes: str, today: dt.date, options: DraftOptions) -> dict[str, Any]:
    """The inputs every writing step gets: the notes, the settled facts, and their quotes in plain words."""
    language = detect_language(notes)
    why = f"Why, from my notes: <notes>{plain_words(facts.cause, language)}</notes>" if facts.cause else ""
    return {
        "notes": notes,
        "today": today_text(today),
        "today_date": today,
        "leader_override": options.leader,
        "facts_model": facts,
        "leader": leader_text(facts, options.leader) if facts.leader_name or options.leader else "my manager",
        "act": plain_words(without_excuses(facts.act), language),
        "why": why,
        "impact": plain_words(facts.impact or facts.act, language),
        "skipped": _skipped_line(facts, language),
    }


def _skipped_line(facts: Facts, language: str | None) -> str:
    """The step my act left out, when the notes name one and the act or the cause don't already say it all."""
    step = skipped_step(without_excuses(facts.act), facts.cause)
    return f"The step I left out, from my notes: <notes>{plain_words(step, language)}</notes>" if step else ""
