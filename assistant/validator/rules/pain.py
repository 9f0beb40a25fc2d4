"""Step 1, show that it bothers you: regret with its impact, and no melodrama."""

from __future__ import annotations

from assistant.validator.findings import Context, Finding
from assistant.validator.rules import found, found_nowhere, normalize, pattern, sentence_at, sentences


def check_pain(text: str, ctx: Context) -> list[Finding]:
    """Findings for the pain statement (``PAIN_NO_REGRET``, ``PAIN_MELODRAMA``, and ``OWN_MINIMIZE`` for a harm
    told smaller than it was; all errors)."""
    norm = normalize(text)
    return [*_no_regret(norm), *melodrama(text, norm), *minimizing(text, norm, step="pain")]


def _has_regret(norm: str) -> bool:
    negated = pattern("PAIN_NO_REGRET", "not_regret")
    return any(
        not negated.search(norm[max(0, m.start() - 16) : m.end()])
        for m in pattern("PAIN_NO_REGRET", "regret").finditer(norm)
    )


def _no_regret(norm: str) -> list[Finding]:
    regret = _has_regret(norm)
    impact = pattern("PAIN_NO_REGRET", "impact").search(norm) is not None
    if regret and impact:
        return []
    variant = "neither" if not (regret or impact) else ("no_regret" if impact else "no_impact")
    return [found_nowhere("PAIN_NO_REGRET", variant=variant)]


def melodrama(text: str, norm: str, step: str | None = None) -> list[Finding]:
    """``PAIN_MELODRAMA`` findings, one per sentence; ``step`` reports them for another step (ownership)."""
    spans = sentences(norm)
    out: list[Finding] = []
    seen: set[tuple[int, int]] = set()
    for match in pattern("PAIN_MELODRAMA", "patterns").finditer(norm):
        sentence = sentence_at(spans, match.start())
        if sentence not in seen:  # one finding per sentence
            seen.add(sentence)
            out.append(found("PAIN_MELODRAMA", text, *match.span(), step=step))
    return out


def minimizing(text: str, norm: str, step: str | None = None) -> list[Finding]:
    """``OWN_MINIMIZE`` findings; ``step`` reports them for another step (the pain statement tells the harm too)."""
    code = "OWN_MINIMIZE"
    negation = pattern(code, "negation")
    hits = [
        m.span()
        for m in pattern(code, "diminishers").finditer(norm)
        if not negation.search(norm[max(0, m.start() - 30) : m.start()])
    ]
    hits += [m.span() for m in pattern(code, "shrugs").finditer(norm)]
    out: list[Finding] = []
    last_end = -1
    for start, end in sorted(hits):
        if start >= last_end:  # overlapping phrases are one finding
            out.append(found(code, text, start, end, step=step))
            last_end = end
    return out
