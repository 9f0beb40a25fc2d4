"""Message rules: all six steps present, length fits the channel, no placeholders or HTML,
the leader addressed as given."""

from __future__ import annotations

import re

from assistant.domain.edit_types import Section, section_text
from assistant.domain.schema import Draft, Message
from assistant.domain.text_checks import (
    HTML_MARKUP,
    IMAGE,
    LENGTH_WORDS,
    URL,
    markup_matches,
    message_size,
    notes_urls,
    placeholder_matches,
)
from assistant.validator.findings import Context, Finding, span_finding

# the longest length option of each channel is its hard limit
LIMITS = {channel: lengths["long"] for channel, lengths in LENGTH_WORDS.items()}
_LINK_OR_IMAGE = re.compile(f"{IMAGE.pattern}|{URL.pattern}", re.IGNORECASE)
_STEP_SIGNALS: dict[str, re.Pattern[str]] = {
    "pain": re.compile(r"\b(sorry|regret|apologi[sz]e|apology|weighs on me|bothers me|feel terrible)\b", re.I),
    "ownership": re.compile(
        r"\b(I (?:[a-z]+ed|ran|left|forgot|gave|told|put|set|wrote|took|cut|let|said|shared|hit|lost|broke|got|"
        r"pushed|made|skipped|didn't|did not|failed|missed|sent|signed|chose|decided|should have|"
        r"take (?:full )?responsibility|own)|(?:my|that was my) (?:mistake|decision|call|fault|responsibility))\b",
        re.I,
    ),
    "lessons": re.compile(r"\b(learn(?:ed|t)?|lesson|realis|realiz|understand|now know|takeaway|taught me)\w*", re.I),
    # "will" and any verb a plan step does, process verbs ("review", "check", "track") included. Kept apart from the
    # other lists of action verbs: PLAN_VAGUE's "outcome" verbs (phrases.yaml) name only a result someone can see, so
    # a shared list would make "… and check it" an outcome there, or count "I will refund" as a plan here; the plan
    # chain's verbs (domain/evidence.py, _EVIDENCE) sort actions by what they leave behind.
    "plan": re.compile(
        r"\b(plan|will (?:add|write|set|run|schedule|review|create|build|put|introduce|track|move|"
        r"update|check|share|send|hold|fix|automate|document)|by \w+ \d|\d{4}-\d{2}-\d{2}|next steps?)\b",
        re.I,
    ),
    "positive": re.compile(
        r"\b(committed|commit|confident|determined|look(?:ing)? forward|on it|rebuild|earn back|"
        r"make (?:this|it) right|better position)\b",
        re.I,
    ),
    "report_back": re.compile(
        r"\b(update you|report back|check[- ]in|follow up|keep you (?:posted|updated)|"
        r"progress|share (?:the )?results)\b",
        re.I,
    ),
}


def _leader(ctx: Context) -> str | None:
    if ctx.leader:
        return ctx.leader
    if ctx.facts is not None and ctx.facts.leader_name:
        return ctx.facts.leader_name
    return None


# a length chosen for the message is a target: prose may run this much over it, up to the channel's hard limit
LENGTH_SLACK = 1.15


def _length(message: Message, chosen: str | None) -> list[Finding]:
    """MSG_LENGTH: over the channel's hard limit, or, with a chosen length, over that length (prose with
    :data:`LENGTH_SLACK`): the one length check of a message, also of a re-asked one."""
    channel, size, hard = message.channel, message_size(message.body, message.channel), LIMITS[message.channel]
    chosen = chosen if chosen in LENGTH_WORDS[channel] else None
    target = LENGTH_WORDS[channel][chosen] if chosen else hard
    if channel == "talking_points":
        if size <= target:
            return []
        text = f"The talking points have {size} lines; use at most {target}."
        suggestion = f"Merge or drop points until there are {target} or fewer."
    else:
        if size <= (min(target * LENGTH_SLACK, hard) if chosen else hard):
            return []
        text = f"The {channel} has {size} words; keep it to {target} or fewer."
        suggestion = "Shorten each part to its essentials."
    return [Finding(rule="MSG_LENGTH", step="message", severity="error", message=text, suggestion=suggestion)]


_PROSE: tuple[Section, ...] = ("pain", "ownership", "lessons", "positive")


def _section_in(body: str, step: str, draft: Draft | None) -> bool:
    """True when the draft's own text for ``step`` stands in the message as it is (a closing the user wrote without
    the usual words, "I'll show you the gate blocking a deploy at our next 1:1", is still the positive step)."""
    section = next((s for s in _PROSE if s == step), None)
    if draft is None or section is None:
        return False
    first = " ".join(section_text(draft, section).split()[:12])
    return bool(first) and first in " ".join(body.split())


def check_message(message: Message, ctx: Context, draft: Draft | None = None) -> list[Finding]:
    """MSG_MISSING_STEP, MSG_LENGTH, MSG_PLACEHOLDER, MSG_HTML, MSG_LINK (errors), MSG_LEADER (warning)."""
    body = message.body
    findings: list[Finding] = _length(message, ctx.length)
    for match in placeholder_matches(f"{message.subject}\n{body}"):
        findings.append(
            Finding(
                rule="MSG_PLACEHOLDER",
                step="message",
                severity="error",
                span=match.group(0),
                message="The message still has a placeholder.",
                suggestion="Replace it with the real words, or remove it.",
            )
        )
    for match in markup_matches(body, HTML_MARKUP):
        findings.append(
            span_finding(
                "MSG_HTML",
                "message",
                "error",
                body,
                match.start(),
                match.end(),
                "The message contains HTML or script markup.",
                "Use plain text only.",
            )
        )
    whole = notes_urls(ctx.notes)
    for match in _LINK_OR_IMAGE.finditer(body):
        if match.group(0).rstrip(".,;:!?") not in whole:
            findings.append(
                span_finding(
                    "MSG_LINK",
                    "message",
                    "error",
                    body,
                    match.start(),
                    match.end(),
                    "The message contains a link or image that is not in your notes.",
                    "Remove it.",
                )
            )
    for step, signal in _STEP_SIGNALS.items():
        if not signal.search(body) and not _section_in(body, step, draft):
            findings.append(
                Finding(
                    rule="MSG_MISSING_STEP",
                    step="message",
                    severity="error",
                    message=f"The message seems to leave out step '{step.replace('_', ' ')}'.",
                    suggestion=f"Add a sentence for it (see the {step.replace('_', ' ')} section).",
                )
            )
    leader = _leader(ctx)
    if leader and message.channel != "talking_points":
        first_name = leader.split()[0].strip(",")
        opening = " ".join(body.split()[:12])
        if first_name[:1].isupper() and first_name.lower() not in opening.lower():
            findings.append(
                Finding(
                    rule="MSG_LEADER",
                    step="message",
                    severity="warning",
                    message=f"The message does not open by addressing {leader}.",
                    suggestion=f"Start with their name, e.g. '{first_name}, ...'.",
                )
            )
    return findings
