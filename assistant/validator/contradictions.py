"""Contradictions with the notes (R7): denying what happened, planning what is done, restoring what is back.

- ``GND_NEGATES``: a clause that denies a notes clause ("I did not point at the intern
  publicly" against "pointed at the intern publicly in standup").
- ``GND_ALREADY_DONE``: a plan action, or a promise in prose ("I will ..."), whose work the
  notes say is already done (:func:`assistant.domain.notes_done.done_in_notes` and ``facts.already_done``);
  a plan action also when it names a done item's work with another verb
  (:func:`assistant.domain.notes_done.repeats_done`), which the plan step used to check itself.
- ``GND_RESTORED``: a promise to restore, recover or bring back what the notes say is restored,
  rolled back or back up.

The words are in ``phrases.yaml``; what the notes say is worked out once per notes and cached.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from assistant.domain.notes_done import done_in_notes, open_in_notes, repeats_done, work_words
from assistant.validator.content_words import content_words, covered, overlap, stems_of
from assistant.validator.findings import Context, Finding
from assistant.validator.rules import clause_end, found, normalize, pattern, words

Promise = Literal["action", "clauses", "none"]
Span = tuple[int, int]
_NOT_A_DENIAL_BEFORE = 24  # characters looked at before a negation for "will", "to", "do" ...
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")


@dataclass(frozen=True)
class _Said:
    """One clause or done item from the notes, as written, with its content stems."""

    text: str
    stems: frozenset[str]


def check_contradictions(
    text: str, step: str, ctx: Context, *, promise: Promise = "clauses", item: int | None = None
) -> list[Finding]:
    """``GND_NEGATES``, ``GND_ALREADY_DONE`` and ``GND_RESTORED`` (errors) for one text of ``step``.

    ``promise`` says where the text promises work: ``"action"`` for a plan action (all of
    it), ``"clauses"`` for prose (what follows "I will ..."), ``"none"`` for a measure.
    """
    done = tuple(ctx.facts.already_done) if ctx.facts is not None else ()
    if not ctx.notes and not done:
        return []
    norm = normalize(text)
    findings: list[Finding] = []
    if ctx.notes:
        findings += _negates(text, norm, step, ctx.notes, item)
    if promise != "none":
        items = _done_parts(ctx.notes or "", done)
        if items:
            restored = _restored(ctx.notes or "", done)
            for start, end in _promised_work(norm, promise):
                findings += _planned_again(text, norm, start, end, step, items, restored, ctx.notes or "", item)
    if promise == "action" and not any(f.rule in ("GND_ALREADY_DONE", "GND_RESTORED") for f in findings):
        findings += _named_again(text, step, done or tuple(done_in_notes(ctx.notes or "")), ctx.notes or "", item)
    return findings


def _named_again(text: str, step: str, done: tuple[str, ...], notes: str, item: int | None) -> list[Finding]:
    """``GND_ALREADY_DONE`` for a plan action that names a done item's work again with another verb ("Add a
    deadline reminder" after "set deadline reminders"); not one about what the notes leave open, nor other work of
    the kind ("the remaining refunds")."""
    if len(work_words(text) & work_words(" ".join(open_in_notes(notes)))) >= 2:
        return []
    if pattern("GND_ALREADY_DONE", "other_work").search(normalize(text)):  # "the second shift": other work
        return []
    repeated = repeats_done(text, list(done))
    if repeated is None:
        return []
    stripped = text.strip()
    start = text.find(stripped)
    return [found("GND_ALREADY_DONE", text, start, start + len(stripped), item=item, step=step, done=repeated)]


# ---------------------------------------------------------------- GND_NEGATES


def _sentence_end(norm: str, pos: int) -> int:
    """Where the sentence holding ``pos`` ends: ".", "!" or "?" before a space, or a line end ("3.9%" stays whole)."""
    match = _SENTENCE_END.search(norm, pos)
    return match.start() if match else len(norm)


def _word_start(norm: str, pos: int) -> int:
    """Where the word holding ``pos`` starts (letters and apostrophes, as in "didn't")."""
    while pos > 0 and (norm[pos - 1].isalpha() or norm[pos - 1] == "'"):
        pos -= 1
    return pos


@dataclass(frozen=True)
class _Affirmed(_Said):
    """A notes clause that states something plainly, the stems of its "instead of ..." part, and, when it has
    such a part, the stem of its first content word (the verb it states: "signed" in "signed off the inspection
    w/o doing it")."""

    contrast: frozenset[str]
    lead: str | None


@functools.lru_cache(maxsize=64)
def _affirmed(notes: str) -> tuple[_Affirmed, ...]:
    """The notes' clauses that state something plainly (no negation), with two content words or more.

    "ran the script on prod instead of staging" states "ran the script on prod"; "staging" is
    its contrast, so a denial that mentions staging ("I did not run it on staging") agrees with it.
    A clause with a contrast is denied only by a denial of its first word: "signed off the inspection
    w/o doing it" is agreed with by "I did not inspect the belt before signing off".
    """
    code = "GND_NEGATES"
    out = []
    for clause in pattern(code, "note_clause").split(notes.lower()):
        clause = clause.strip(" \t-*•:")
        parts = pattern(code, "note_contrast").split(clause, maxsplit=1)
        stated, contrast = (parts[0], parts[1]) if len(parts) > 1 else (clause, "")
        stems = stems_of(stated)
        if len(stems) >= 2 and not pattern(code, "note_negation").search(stated):
            lead = content_words(stated)[0][1] if len(parts) > 1 else None
            out.append(_Affirmed(stated.strip(), stems, stems_of(contrast), lead))
    return tuple(out)


def _negates(text: str, norm: str, step: str, notes: str, item: int | None) -> list[Finding]:
    code = "GND_NEGATES"
    hits = list(pattern(code, "negation").finditer(norm))
    if not hits:
        return []
    affirmed = _affirmed(notes)
    out: list[Finding] = []
    for match in hits:
        start = _word_start(norm, match.start())
        if match.group(0) == "n't" and norm[start : match.end()] in words(code, "not_denials"):
            continue  # "won't", "don't": a promise or a habit
        if match.group(0) != "n't" and start != match.start():
            continue  # "cannot", "knot"
        before = norm[max(0, start - _NOT_A_DENIAL_BEFORE) : start]
        if pattern(code, "not_a_denial_before").search(before) or pattern(code, "not_a_denial_after").match(
            norm, match.end()
        ):
            continue
        auxiliary = pattern(code, "auxiliary").search(before)
        if auxiliary:  # the span starts at "did" of "did not"
            start -= len(before) - auxiliary.start()
        end = clause_end(norm, match.end(), _sentence_end(norm, match.end()))
        denied = content_words(norm[match.end() : end])
        verbs = [s for w, s in denied if not w.endswith("ly")]
        if not verbs:
            continue
        said = {s for _w, s in denied}
        for note in affirmed:
            shared = overlap(said, note.stems)
            if (
                not said & note.contrast
                and covered(verbs[0], note.stems if note.lead is None else {note.lead})
                and shared >= 2
                and shared >= 0.6 * len(said)
                and overlap(note.stems, frozenset(said)) >= 0.5 * len(note.stems)
            ):
                out.append(found(code, text, start, end, item=item, step=step, note=note.text))
                break
    return out


# ------------------------------------------------- GND_ALREADY_DONE, GND_RESTORED


def _split(text: str, start: int, end: int) -> list[Span]:
    """The pieces of work in ``text[start:end]``, split at "and", "then", commas."""
    pieces: list[Span] = []
    cursor = start
    for sep in pattern("GND_ALREADY_DONE", "parts").finditer(text, start, end):
        if sep.start() > cursor:
            pieces.append((cursor, sep.start()))
        cursor = sep.end()
    if cursor < end:
        pieces.append((cursor, end))
    return [(a, b) for a, b in pieces if text[a:b].strip()]


@functools.lru_cache(maxsize=64)
def _done_parts(notes: str, already_done: tuple[str, ...]) -> tuple[_Said, ...]:
    """Every done item, split into its pieces of work and then whole, with two content words or more."""
    out: list[_Said] = []
    for done in (*already_done, *done_in_notes(notes)):
        lowered = normalize(done)  # same length, so a piece's span is its words as written
        pieces = [*_split(lowered, 0, len(lowered)), (0, len(lowered))]  # the pieces first
        for a, b in dict.fromkeys(pieces):
            stems = stems_of(lowered[a:b])
            if len(stems) >= 2:
                out.append(_Said(done[a:b].strip(), stems))
    return tuple(out)


@functools.lru_cache(maxsize=64)
def _restored(notes: str, already_done: tuple[str, ...]) -> tuple[_Said, ...]:
    """The done items that say something is restored, with the stems of what was restored.

    A rollback of a change (or a bare "rolled back at 17:05") names nothing restored: its
    stems are empty, and any harm the notes name counts as restored.
    """
    marker = pattern("GND_RESTORED", "restored")
    skip = words("GND_RESTORED", "not_objects") | words("GND_RESTORED", "changes")
    out = []
    for done in (*already_done, *done_in_notes(notes)):
        lowered = normalize(done)
        for a, b in _split(lowered, 0, len(lowered)):
            if marker.search(lowered[a:b]):
                objects = frozenset(s for w, s in content_words(lowered[a:b]) if w not in skip)
                out.append(_Said(done[a:b].strip(), objects))
    return tuple(out)


def _promised_work(norm: str, promise: Promise) -> list[Span]:
    """Spans of promised pieces of work: the whole plan action, or what follows each "I will"."""
    if promise == "action":
        return _split(norm, 0, len(norm))
    out: list[Span] = []
    for match in pattern("GND_ALREADY_DONE", "promise").finditer(norm):
        if _word_start(norm, match.start()) != match.start():
            continue  # "hi will", "I'm" inside a word
        if pattern("GND_ALREADY_DONE", "not_a_promise").match(norm, match.end()):
            continue
        out += _split(norm, match.end(), _sentence_end(norm, match.end()))
    return out


def _planned_again(
    text: str,
    norm: str,
    start: int,
    end: int,
    step: str,
    done: tuple[_Said, ...],
    restored: tuple[_Said, ...],
    notes: str,
    item: int | None,
) -> list[Finding]:
    while start < end and not norm[start].isalnum():
        start += 1
    work = norm[start:end].rstrip(" .!?")
    end = start + len(work)
    back = _restored_again(work, restored, notes)
    if back is not None:
        return [found("GND_RESTORED", text, start, end, item=item, step=step, done=back.text)]
    promised = content_words(work)
    if not promised:
        return []
    said = frozenset(s for _w, s in promised)
    other = pattern("GND_ALREADY_DONE", "other_work")
    for piece in done:
        if not covered(promised[0][1], piece.stems):  # the promised verb is not what was done
            continue
        if other.search(work) and not other.search(piece.text.lower()):
            continue
        shared = overlap(piece.stems, said)
        if (
            shared >= 2
            and shared >= 0.6 * len(piece.stems)  # most of what was done ...
            and overlap(said, piece.stems) > 0.5 * len(said)  # ... is most of what is promised
        ):
            return [found("GND_ALREADY_DONE", text, start, end, item=item, step=step, done=piece.text)]
    return []


def _restored_again(work: str, restored: tuple[_Said, ...], notes: str) -> _Said | None:
    """The notes' restored item that ``work`` (lower-cased) promises to restore again, if any.

    It is one when the promise names no object, or names what the item restored, or names
    only something general ("the service", "the data"); or, after a bare rollback, names
    something the notes mention that did not stay lost ("checkout", not "the lost orders").
    """
    code = "GND_RESTORED"
    if not restored or pattern(code, "restore").match(work) is None or pattern(code, "not_restorable").search(work):
        return None
    skip = words(code, "not_objects")
    objects = [(w, s) for w, s in content_words(work) if w not in skip]
    stems = frozenset(s for _w, s in objects)
    if not objects:
        return restored[0]
    for back in restored:
        if overlap(stems, back.stems):
            return back
    if pattern(code, "still_lost").search(work):
        return None
    if all(w in words(code, "general_objects") for w, _s in objects):
        return restored[0]
    noted = stems_of(notes)
    bare = [back for back in restored if not back.stems]
    if bare and all(covered(s, noted) for s in stems):
        return bare[0]
    return None


__all__ = ["check_contradictions"]
