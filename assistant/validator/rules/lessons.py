"""Step 3, show your learning: a specific lesson, not a saying or a retelling."""

from __future__ import annotations

from assistant.domain.notes_done import done_in_notes, repeats_done
from assistant.domain.settle import split_lesson
from assistant.validator.findings import Context, Finding, span_finding
from assistant.validator.rules import found, found_nowhere, normalize, pattern, sentences


def check_lesson(text: str, ctx: Context, item: int | None = None) -> list[Finding]:
    """Findings for one lesson (``LES_PLATITUDE``, ``LES_ALREADY_DONE`` errors, ``LES_RESTATES`` warning).

    A lesson that is a saying gets ``LES_PLATITUDE`` only, even when it also retells
    the facts; ``LES_RESTATES`` is for a lesson with no lesson in it at all.
    """
    return _saying_or_retelling(text, item) + _already_done(text, ctx, item)


def _saying_or_retelling(text: str, item: int | None) -> list[Finding]:
    norm = normalize(text)
    platitudes = _platitudes(text, norm, item)
    if platitudes:
        return platitudes
    markers = pattern("LES_RESTATES", "lesson_markers")
    if norm.strip() and not any(markers.search(norm[start:end]) for start, end in sentences(norm)):
        return [found_nowhere("LES_RESTATES", item=item)]
    return []


def _already_done(text: str, ctx: Context, item: int | None) -> list[Finding]:
    """``LES_ALREADY_DONE``: the lesson's new habit (after "so I now") is work the notes say is done, once
    ("now: set deadline reminders"), not a change in how I work every time."""
    habit = split_lesson(text)[1]
    done = repeats_done(habit, done_in_notes(ctx.notes or "")) if habit else None
    if done is None:
        return []
    start = text.find(habit)
    start, end = (start, start + len(habit)) if start >= 0 else (0, len(text))
    return [
        span_finding(
            "LES_ALREADY_DONE",
            "lessons",
            "error",
            text,
            start,
            end,
            f'This lesson names work your notes say is already done ("{done}") as the change.',
            'End it with what you now do differently every time, in how you work ("so I now check ...").',
            item,
        )
    ]


def _platitudes(text: str, norm: str, item: int | None) -> list[Finding]:
    denied = pattern("LES_PLATITUDE", "negated_after")
    out: list[Finding] = []
    last_end = -1
    for match in pattern("LES_PLATITUDE", "patterns").finditer(norm):
        if match.start() >= last_end and not denied.search(norm[match.end() :]):
            out.append(found("LES_PLATITUDE", text, *match.span(), item=item))
            last_end = match.end()
    return out
