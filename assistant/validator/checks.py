"""Runs the rules of every step over a draft or a single text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from assistant.domain.language import detect_language
from assistant.domain.schema import STATEMENT_STEPS, CheckIn, Draft, Facts, Message, PlanAction
from assistant.domain.settle import NOT_NAMES
from assistant.domain.step_inputs import StepInputs
from assistant.domain.text_checks import markup_matches, placeholder_matches
from assistant.validator.contradictions import Promise, check_contradictions
from assistant.validator.findings import Context, Finding, Report, span_finding
from assistant.validator.grounding import check_grounding
from assistant.validator.message import check_message
from assistant.validator.report_back import check_report_back
from assistant.validator.rules.lessons import check_lesson
from assistant.validator.rules.ownership import check_ownership
from assistant.validator.rules.pain import check_pain
from assistant.validator.rules.plan import check_plan_action
from assistant.validator.rules.positive import check_positive
from assistant.validator.rules.prose import check_non_apology, check_vague_promise

_AGREED = re.compile(
    r"\b([A-Z][a-z]+)\b[^.\n]{0,40}?\b(?:agreed|offered|volunteered|will help|said (?:she|he|they)(?:'ll| will))",
)


def agreed_owners(notes: str | None) -> tuple[str, ...]:
    """Names the notes say agreed to take something on ("Priya agreed to pair on it")."""
    found = set()
    for line in re.split(r"(?<=[.!?])\s+|\n", notes or ""):
        words = line.split()
        while words and words[0].strip(",;:") in NOT_NAMES:  # "Then Marco said he'll …": the name after it
            words = words[1:]
        found |= {m.group(1) for m in _AGREED.finditer(" ".join(words))}
    return tuple(sorted(found - NOT_NAMES))


def context_for(
    *,
    notes: str | None,
    facts: Facts | None,
    today: dt.date | None,
    leader: str | None = None,
    length: str | None = None,
) -> Context:
    """A rule context from what is known."""
    return Context(
        today=today or dt.date.today(),
        notes=notes,
        facts=facts,
        agreed_owners=agreed_owners(notes),
        leader=leader,
        length=length,
    )


def _basics(text: str, step: str, item: int | None = None) -> list[Finding]:
    found = [
        span_finding(
            "TXT_PLACEHOLDER",
            step,
            "error",
            text,
            m.start(),
            m.end(),
            "The text still has a placeholder.",
            "Replace it with real words.",
            item,
        )
        for m in placeholder_matches(text)
    ]
    found += [
        span_finding(
            "TXT_HTML",
            step,
            "error",
            text,
            m.start(),
            m.end(),
            "The text contains HTML markup.",
            "Use plain text only.",
            item,
        )
        for m in markup_matches(text)
    ]
    return found


def _prose(text: str, step: str, ctx: Context, item: int | None = None, promise: Promise = "clauses") -> list[Finding]:
    """Rules for any prose: non-apologies (ownership has its own rule), vague promises in the statements
    (lessons and plan actions have their own rules) and contradictions with the notes."""
    found = [] if step == "ownership" else check_non_apology(text, step, item)
    if step in STATEMENT_STEPS:
        found += check_vague_promise(text, step, item)
    return found + check_contradictions(text, step, ctx, promise=promise, item=item)


def check_step(
    step: str,
    value: Any,
    ctx: Context,
    *,
    plan: list[PlanAction] | None = None,
    checkin_dates: Iterable[dt.date] = (),
) -> list[Finding]:
    """Findings for one step's value: a string, a list of lessons, plan actions or check-ins, or a Message."""
    if step in STATEMENT_STEPS:
        rules = {"pain": check_pain, "ownership": check_ownership, "positive": check_positive}[step]
        return rules(value, ctx) + _basics(value, step) + check_grounding(value, step, ctx) + _prose(value, step, ctx)
    if step == "lessons":
        found: list[Finding] = []
        for i, lesson in enumerate(value):
            found += (
                check_lesson(lesson, ctx, item=i)
                + _basics(lesson, step, i)
                + check_grounding(lesson, step, ctx, item=i)
                + _prose(lesson, step, ctx, i)
            )
        return found
    if step == "plan":
        found = []
        for i, action in enumerate(value):
            found += check_plan_action(action, ctx, item=i)
            for text in (action.action, action.measure):
                found += _basics(text, step, i) + check_grounding(text, step, ctx, item=i)
            found += _prose(action.action, step, ctx, i, promise="action")
            found += check_contradictions(action.measure, step, ctx, promise="none", item=i)
        return found
    if step == "report_back":
        found = check_report_back(value, plan or [], ctx)
        dates = [c.date for c in value] + [a.due for a in plan or []]
        for i, checkin in enumerate(value):
            found += _basics(checkin.report, step, i) + check_grounding(checkin.report, step, ctx, dates=dates, item=i)
            found += _prose(checkin.report, step, ctx, i)
        return found
    if step == "message":
        dates = [a.due for a in plan or []] + list(checkin_dates)
        found = check_message(value, ctx) + check_grounding(value.body, step, ctx, dates=dates)
        return found + _prose(value.body, step, ctx)
    raise ValueError(f"unknown step '{step}'")


def validate_draft(draft: Draft, *, today: dt.date | None = None) -> Report:
    """Every step of a draft, plus the message."""
    ctx = context_for(notes=draft.notes, facts=draft.facts, today=today or draft.today, leader=draft.options.leader)
    findings = (
        check_step("pain", draft.pain, ctx)
        + check_step("ownership", draft.ownership, ctx)
        + check_step("lessons", draft.lessons, ctx)
        + check_step("plan", draft.plan, ctx)
        + check_step("positive", draft.positive, ctx)
        + check_step("report_back", draft.report_back, ctx, plan=draft.plan)
        + check_message(draft.message, ctx, draft)
        + check_grounding(
            draft.message.body, "message", ctx, dates=[a.due for a in draft.plan] + [c.date for c in draft.report_back]
        )
        + _prose(draft.message.body, "message", ctx)
    )
    language = detect_language(draft.notes)
    if language is not None:  # the phrase rules read English: on other languages they only raise false alarms
        findings = reask_findings(findings, draft.notes)
        findings.append(
            Finding(
                rule="TXT_LANGUAGE",
                step="message",
                severity="warning",
                message=f"The notes are in {language}: only the checks that do not depend on English wording "
                "were run (numbers, dates, links, placeholders, length).",
                suggestion="Read the draft yourself for excuses, blame and vague promises before sending it.",
            )
        )
    return Report(findings=findings)


def validate_text(
    text: str,
    *,
    step: str | None,
    facts: Facts | None,
    notes: str | None,
    today: dt.date | None,
    channel: str = "email",
    leader: str | None = None,
) -> Report:
    """One text checked as a step (``step``) or, without one, as a message."""
    ctx = context_for(notes=notes, facts=facts, today=today, leader=leader)
    if step is None or step == "message":
        return Report(findings=check_step("message", Message(channel=channel, subject="", body=text), ctx))  # type: ignore[arg-type]
    if step == "lessons":
        items = [line.lstrip("-*• ").strip() for line in text.splitlines() if line.strip()]
        return Report(findings=check_step("lessons", items, ctx))
    if step in ("plan", "report_back"):
        raise ValueError(f"check the '{step}' step from a draft's JSON, not from plain text")
    return Report(findings=check_step(step, text.strip(), ctx))


def step_errors(step: str, value: Any, inputs: StepInputs) -> list[Finding]:
    """The errors a re-ask should fix in one step's value (a text, lessons, actions, check-ins or a Message),
    judged against what a step's inputs know: the notes, the facts, today, the plan, the check-ins and the
    message length chosen (``MSG_LENGTH`` holds the message to it, with its slack)."""
    ctx = context_for(
        notes=inputs.notes,
        facts=inputs.facts,
        today=inputs.today,
        leader=inputs.leader,
        length=inputs.length,
    )
    checkins: list[CheckIn] = inputs.report_back
    found = check_step(step, value, ctx, plan=inputs.plan, checkin_dates=[c.date for c in checkins])
    return [f for f in reask_findings(found, inputs.notes) if f.severity == "error"]


def step_problems(step: str, output: Any, inputs: StepInputs) -> list[str]:
    """Errors for a step's fresh output, in plain words, for a re-ask (warnings are left to the user). The steps'
    own checks leave placeholders and the message's length to these rules, so a re-ask names each once."""
    value: Any
    if step in STATEMENT_STEPS:
        value = output.statement
    elif step == "lessons":
        value = output.lessons
    elif step == "plan":
        value = output.actions
    elif step == "report_back":
        value = output.checkins
    elif step == "compose":
        step, value = (
            "message",
            Message(channel=inputs.channel, subject=output.subject, body=output.body),
        )
    else:
        return []
    return [f.plain() for f in step_errors(step, value, inputs)]


# Rules that do not depend on English wording: the only ones worth a re-ask when the notes are in another language.
LANGUAGE_NEUTRAL_RULES = frozenset(
    {"GND_NUMBER", "LES_ALREADY_DONE", "MSG_HTML", "MSG_LINK", "MSG_LENGTH", "MSG_PLACEHOLDER", "PLAN_DUE",
     "RB_DATE", "RB_NONE", "RB_PLAN", "TXT_HTML", "TXT_PLACEHOLDER"}
)  # fmt: skip


def reask_findings(found: list[Finding], notes: str | None) -> list[Finding]:
    """The findings a re-ask should fix: all of them for English notes, the language-neutral ones otherwise.

    The phrase rules are written for English; asking a model again because German text lacks "sorry"
    would only waste calls (the findings are still shown to the user).
    """
    if detect_language(notes or "") is None:
        return found
    return [f for f in found if f.rule in LANGUAGE_NEUTRAL_RULES]


__all__ = [
    "CheckIn",
    "agreed_owners",
    "check_step",
    "context_for",
    "reask_findings",
    "step_errors",
    "step_problems",
    "validate_draft",
    "validate_text",
]
