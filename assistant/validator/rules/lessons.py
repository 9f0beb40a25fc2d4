"""Step 3, show your learning: a specific lesson, not a saying or a retelling."""

from __future__ import annotations

from assistant.validator.findings import Context, Finding
from assistant.validator.rules import found, found_nowhere, normalize, pattern, sentences


def check_lesson(text: str, ctx: Context, item: int | None = None) -> list[Finding]:
    """Findings for one lesson (``LES_PLATITUDE`` error, ``LES_RESTATES`` warning).

    A lesson that is a saying gets ``LES_PLATITUDE`` only, even when it also retells
    the facts; ``LES_RESTATES`` is for a lesson with no lesson in it at all.
    """
    norm = normalize(text)
    platitudes = _platitudes(text, norm, item)
    if platitudes:
        return platitudes
    markers = pattern("LES_RESTATES", "lesson_markers")
    if norm.strip() and not any(markers.search(norm[start:end]) for start, end in sentences(norm)):
        return [found_nowhere("LES_RESTATES", item=item)]
    return []


def _platitudes(text: str, norm: str, item: int | None) -> list[Finding]:
    denied = pattern("LES_PLATITUDE", "negated_after")
    out: list[Finding] = []
    last_end = -1
    for match in pattern("LES_PLATITUDE", "patterns").finditer(norm):
        if match.start() >= last_end and not denied.search(norm[match.end() :]):
            out.append(found("LES_PLATITUDE", text, *match.span(), item=item))
            last_end = match.end()
    return out
