"""Step 5, be positive: a forward commitment, no self-doubt, no promise of a perfect outcome."""

from __future__ import annotations

from assistant.validator.findings import Context, Finding
from assistant.validator.rules import clause_start, found, found_nowhere, normalize, pattern, sentence_at, sentences

Span = tuple[int, int]


def check_positive(text: str, ctx: Context) -> list[Finding]:
    """Findings for the closing statement: ``POS_NO_COMMITMENT``, ``POS_CRUSHED``, ``POS_OVERPROMISE`` (a warning).

    A promise of an outcome still commits the writer, so it gets the overpromise
    warning rather than ``POS_NO_COMMITMENT``.
    """
    norm = normalize(text)
    spans = sentences(norm)
    overpromises = _overpromises(norm, spans)
    committed = bool(overpromises) or pattern("POS_NO_COMMITMENT", "patterns").search(norm) is not None
    out = [] if committed else [found_nowhere("POS_NO_COMMITMENT")]
    out += [found("POS_CRUSHED", text, *span) for span in _per_sentence(_matches("POS_CRUSHED", norm), spans)]
    out += [found("POS_OVERPROMISE", text, *span) for span in overpromises]
    return out


def _matches(code: str, norm: str) -> list[Span]:
    return [m.span() for m in pattern(code, "patterns").finditer(norm)]


def _per_sentence(hits: list[Span], spans: list[Span]) -> list[Span]:
    seen: set[Span] = set()
    kept = []
    for hit in sorted(hits):
        sentence = sentence_at(spans, hit[0])
        if sentence not in seen:
            seen.add(sentence)
            kept.append(hit)
    return kept


def _overpromises(norm: str, spans: list[Span]) -> list[Span]:
    """Outcome promises, leaving out refusals ("I can't promise ...") and "I'll never ..." about oneself."""
    code = "POS_OVERPROMISE"
    kept = []
    for start, end in _matches(code, norm):
        lo, _hi = sentence_at(spans, start)
        if any(refusal.start() < start for refusal in pattern(code, "refusal").finditer(norm, lo, end)):
            continue
        if pattern(code, "own_behaviour").search(norm, max(lo, start - 2), end):
            continue
        if _about_own_behaviour(norm, lo, start, end):
            continue
        kept.append((start, end))
    return _per_sentence(kept, spans)


def _about_own_behaviour(norm: str, lo: int, start: int, end: int) -> bool:
    """ "I won't skip the checklist again": a negated modal whose subject is the writer, not an outcome."""
    code = "POS_OVERPROMISE"
    if not pattern(code, "modal_start").match(norm, start):
        return False
    subject = norm[clause_start(norm, lo, start) : start]
    own = pattern(code, "own_subject").match(subject) is not None
    return own and pattern(code, "outcome_anyway").search(norm, start, end) is None
