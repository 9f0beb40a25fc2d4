"""Refine a finished draft the way the user asks in plain words (``prompts/refine.md``).

The model returns only the parts that change (:class:`RefineOutput`), so the rest of
the draft stays exactly as the user left it. Facts the user states in the request
("I already rolled back the change") are returned as ``new_facts``; the caller adds
those that really come from the request to the notes, under :data:`ADDED_MARKER`, so
the validator's grounding checks accept them.
"""

from __future__ import annotations

import re
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable

from assistant.chains._format import checkins_text, facts_text, lessons_text, plan_text, today_text
from assistant.chains._step import Check, FormatState, build_step_chain
from assistant.notes import normalise_text
from assistant.schema import Draft, RefineOutput
from assistant.text_checks import future_date, not_blank, placeholders

ADDED_MARKER = "Added in chat:"
_WORD = re.compile(r"[a-z]{3,}")
_DIGITS = re.compile(r"\d+")


def draft_text(draft: Draft) -> str:
    """The draft's parts and message as labelled plain text, for the prompt."""
    return "\n".join(
        [
            f"Pain: {draft.pain}",
            f"Ownership: {draft.ownership}",
            "Lessons:",
            lessons_text(draft.lessons),
            "Plan:",
            plan_text(draft.plan),
            f"Positive: {draft.positive}",
            "Check-ins:",
            checkins_text(draft.report_back),
            f"Message subject: {draft.message.subject}",
            "Message body:",
            draft.message.body,
        ]
    )


def refine_inputs(draft: Draft, request: str) -> dict[str, Any]:
    """The inputs of the refine chain for a draft and the user's request."""
    return {
        "notes": draft.notes,
        "facts": facts_text(draft.facts),
        "facts_model": draft.facts,
        "today": today_text(draft.today),
        "today_date": draft.today,
        "leader_override": draft.options.leader,
        "draft": draft_text(draft),
        "request": normalise_text(request),
        "plan_model": draft.plan,
        "report_back_model": draft.report_back,
        "channel_key": draft.message.channel,
    }


def grounded_facts(new_facts: list[str], request: str) -> list[str]:
    """The new facts that really come from the request: their numbers and most of their words are in it."""
    said = request.lower()
    said_words = set(_WORD.findall(said))
    kept = []
    for fact in new_facts:
        words = _WORD.findall(fact.lower())
        numbers = _DIGITS.findall(fact)
        if not fact.strip() or not all(n in _DIGITS.findall(said) for n in numbers):
            continue
        if words and sum(w in said_words for w in words) / len(words) >= 0.6:
            kept.append(" ".join(fact.split()))
    return kept


def notes_with_facts(notes: str, facts: list[str]) -> str:
    """The notes with facts appended under :data:`ADDED_MARKER` (each once)."""
    new = [f for f in facts if f"- {f}" not in notes]
    if not new:
        return notes
    block = "\n".join(f"- {f}" for f in new)
    if ADDED_MARKER in notes:
        return f"{notes.rstrip()}\n{block}"
    return f"{notes.rstrip()}\n\n{ADDED_MARKER}\n{block}"


def check_refine(out: RefineOutput, inputs: dict[str, Any]) -> list[str]:
    """Structural problems of a refinement: empty or placeholder text, dates not after today."""
    today = inputs["today_date"]
    problems = not_blank("reply", out.reply)
    for name in ("pain", "ownership", "positive", "subject", "body"):
        value = getattr(out, name)
        if value is not None:
            problems += not_blank(name, value) + placeholders(value)
    for i, lesson in enumerate(out.lessons or [], 1):
        problems += not_blank(f"lesson {i}", lesson) + placeholders(lesson)
    for i, action in enumerate(out.plan or [], 1):
        problems += not_blank(f"action of plan item {i}", action.action) + not_blank(f"owner of item {i}", action.owner)
        problems += future_date(f"due date of plan item {i}", action.due, today)
        problems += placeholders(f"{action.action} {action.owner} {action.measure}")
    for i, checkin in enumerate(out.report_back or [], 1):
        problems += future_date(f"date of check-in {i}", checkin.date, today) + placeholders(checkin.report)
    return problems


def build_refine_chain(
    model: BaseChatModel,
    *,
    max_reasks: int = 2,
    format_state: FormatState | None = None,
    extra_check: Check | None = None,
) -> Runnable[dict[str, Any], RefineOutput]:
    """Runnable taking :func:`refine_inputs` and returning :class:`RefineOutput`."""

    return build_step_chain(
        "refine",
        model,
        RefineOutput,
        max_reasks=max_reasks,
        checks=[check_refine, extra_check],
        format_state=format_state,
    )
