"""Step 2, own the problem: who owns it, the act named, blame, excuses, non-apologies, passives, minimizing.

Each rule's words are in ``phrases.yaml``; the code here adds only the clause logic:
who the subject of a verb is, what follows a "but", and whether self-blame comes after.
"""

from __future__ import annotations

import re

from assistant.validator.content_words import content_words, covered, stems_of
from assistant.validator.findings import Context, Finding
from assistant.validator.rules import (
    clause_start,
    found,
    found_nowhere,
    normalize,
    pattern,
    sentence_at,
    sentences,
)
from assistant.validator.rules.pain import melodrama, minimizing

Span = tuple[int, int]

# A verb with no subject of its own after "and"/"or"/"then" shares the subject before it.
_COORDINATED = re.compile(r",?\s*\b(?:and|or|then)\s*$")


def check_ownership(text: str, ctx: Context) -> list[Finding]:
    """Findings for the ownership statement (rules ``OWN_*``, all errors)."""
    norm = normalize(text)
    spans = sentences(norm)
    return [
        *_first_person(text, norm),
        *_act(text, ctx),
        *_blame(text, norm, spans),
        *_excuse(text, norm, spans),
        *_non_apology(text, norm),
        *_passive(text, norm, spans),
        *minimizing(text, norm),
        *melodrama(text, norm, step="ownership"),  # self-attack is as wrong inside the ownership statement
    ]


def _inside(pos: int, spans: list[Span]) -> bool:
    return any(start <= pos < end for start, end in spans)


def _first_person(text: str, norm: str) -> list[Finding]:
    code = "OWN_FIRST_PERSON"
    apologies = [m.span() for m in pattern(code, "weak_apology").finditer(norm)]
    apologies += [m.span() for m in pattern("OWN_NON_APOLOGY", "patterns").finditer(norm)]
    relative = [(m.end() - 1, m.end()) for m in pattern(code, "relative_clause_i").finditer(norm)]
    for match in pattern(code, "first_person").finditer(norm):
        if not _inside(match.start(), apologies + relative):
            return []
    group = pattern(code, "group").search(norm)
    if group:
        return [found(code, text, *group.span(), variant="group")]
    if apologies:
        return [found(code, text, *min(apologies), variant="apology_only")]
    return [found_nowhere(code, variant="nobody")]


def _act(text: str, ctx: Context) -> list[Finding]:
    """The writer's act from the notes (``facts.act``) must be named: at least half of its content words."""
    act = ctx.facts.act.strip() if ctx.facts is not None else ""
    wanted = {stem for _word, stem in content_words(act)}
    if not wanted:
        return []
    said = stems_of(text)
    named = sum(1 for stem in wanted if covered(stem, said))
    if named >= 1 and 2 * named >= len(wanted):
        return []
    return [found_nowhere("OWN_ACT", act=act)]


def _other_party(text: str, norm: str, start: int, end: int) -> Span | None:
    """The span of the subject in ``norm[start:end]`` when it is someone or something other than the writer.

    An acronym as written ("IT", "HR") is a party even though it lower-cases to a pronoun.
    """
    while start < end and not norm[start].isalnum():
        start += 1
    fillers = pattern("OWN_BLAME", "subject_fillers").match(norm, start, end)
    if fillers:
        start = fillers.end()
    subject = norm[start:end].strip()
    if not subject or pattern("OWN_BLAME", "passive_subject").search(subject):
        return None
    written = text[start : start + len(subject)]
    acronym = len(written) >= 2 and written.isupper() and written.isalpha()
    if not acronym and pattern("OWN_BLAME", "self_subject").search(subject):
        return None
    return start, start + len(subject)


def _subject_start(norm: str, lo: int, verb: int) -> int:
    """Where the subject of the verb at ``verb`` starts; "X crashed and broke ..." reaches back to X."""
    start = clause_start(norm, lo, verb)
    while start > lo and not norm[start:verb].strip():
        joined = _COORDINATED.search(norm, lo, start)
        if not joined:
            break
        start = clause_start(norm, lo, joined.start())
    return start


def _blame(text: str, norm: str, spans: list[Span]) -> list[Finding]:
    """Another party as the cause, unless the writer takes it back later in the sentence."""
    code = "OWN_BLAME"
    hits: list[tuple[int, int, str]] = [(*m.span(), "") for m in pattern(code, "attribution").finditer(norm)]
    hits += [(*m.span(), "") for m in pattern(code, "outside_cause").finditer(norm)]
    for match in pattern(code, "third_party_verbs").finditer(norm):
        lo, _hi = sentence_at(spans, match.start())
        party = _other_party(text, norm, _subject_start(norm, lo, match.start()), match.start())
        if party:
            hits.append((party[0], match.end(), text[party[0] : party[1]]))
    self_blame = pattern(code, "self_blame")
    out: list[Finding] = []
    done: set[Span] = set()
    for start, end, who in sorted(hits):
        sentence = sentence_at(spans, start)
        if sentence not in done and not self_blame.search(norm, end, sentence[1]):
            done.add(sentence)  # one finding per sentence
            variant = "party" if who else "cause"
            out.append(found(code, text, start, end, variant=variant, who=f'"{who}"' if who else ""))
    return out


def _turn_is_excuse(norm: str, turn_start: int, turn_end: int, hi: int) -> bool:
    """A but/however/though clause after an apology that doesn't lead back to the writer."""
    code = "OWN_EXCUSE"
    owned_before = pattern("OWN_FIRST_PERSON", "first_person").search(norm, 0, turn_start) or pattern(
        "PAIN_NO_REGRET", "regret"
    ).search(norm, 0, turn_start)
    if not owned_before or pattern(code, "not_a_turn").search(norm, max(0, turn_start - 12), turn_end):
        return False
    if pattern(code, "rejected_before").search(norm[max(0, turn_start - 80) : turn_start]):
        return False
    clause = norm[turn_end:hi].lstrip(" ,")
    if len(clause.split()) < 2:
        return False
    return not (pattern(code, "clause_ok").search(clause) or pattern("OWN_BLAME", "self_blame").search(clause))


def _excuse(text: str, norm: str, spans: list[Span]) -> list[Finding]:
    """A turn ("but ...") that weakens the apology, or the writer's own situation or belief as a reason."""
    code = "OWN_EXCUSE"
    hits: dict[Span, Span] = {}  # sentence -> the first excuse in it
    for match in pattern(code, "connectors").finditer(norm):
        lo, hi = sentence_at(spans, match.start())
        if (lo, hi) not in hits and _turn_is_excuse(norm, match.start(), match.end(), hi):
            hits[(lo, hi)] = (match.start(), lo + len(norm[lo:hi].rstrip(" .!?")))
    for match in pattern(code, "own_situation").finditer(norm):
        sentence = sentence_at(spans, match.start())
        if sentence not in hits and not pattern(code, "disowned").search(norm, *sentence):
            hits[sentence] = match.span()
    for match in pattern(code, "beliefs").finditer(norm):  # a belief the sentence then owns up to is no excuse
        sentence = sentence_at(spans, match.start())
        taken_back = pattern("OWN_BLAME", "self_blame").search(norm, match.end(), sentence[1])
        if sentence not in hits and not taken_back and not pattern(code, "disowned").search(norm, *sentence):
            hits[sentence] = match.span()
    return [found(code, text, *hits[sentence]) for sentence in sorted(hits)]


def _non_apology(text: str, norm: str) -> list[Finding]:
    return [found("OWN_NON_APOLOGY", text, *m.span()) for m in pattern("OWN_NON_APOLOGY", "patterns").finditer(norm)]


def _passive(text: str, norm: str, spans: list[Span]) -> list[Finding]:
    """Passives and agentless idioms whose subject isn't the writer and whose actor isn't named."""
    code = "OWN_PASSIVE"
    candidates = [
        m.span()
        for m in pattern(code, "passive").finditer(norm)
        if not pattern(code, "not_acts").match(m.group("part"))
    ]
    candidates += [m.span() for m in pattern(code, "idioms").finditer(norm)]
    out: list[Finding] = []
    seen: set[Span] = set()
    for start, end in _agentless_causes(norm, spans):
        sentence = sentence_at(spans, start)
        if sentence not in seen:
            seen.add(sentence)
            out.append(found(code, text, start, end))
    for start, end in sorted(candidates):
        lo, hi = sentence_at(spans, start)
        subject_start = _subject_start(norm, lo, start)
        # Sliced, since "^" does not match at a ``pos`` given to ``match``.
        frame = pattern(code, "reporting_frame").match(norm[subject_start:start])
        if frame:  # "I'm sorry the booking was cancelled": the subject is "the booking"
            subject_start += frame.end()
        after = norm[end:hi]
        if (
            pattern(code, "ok_subject").search(norm[subject_start:start].strip())  # "I was told", "Nothing was lost"
            or pattern(code, "actor_named").match(after)  # "... by Priya", "... because I ..."
            or pattern(code, "consequence_opener").search(norm, lo, subject_start)  # "so they were locked out"
            or pattern(code, "consequence_after").match(after)  # "... as a result"
        ):
            continue
        if (lo, hi) not in seen:  # one finding per sentence
            seen.add((lo, hi))
            out.append(found(code, text, start, end))
    return out


def _agentless_causes(norm: str, spans: list[Span]) -> list[Span]:
    """A thing as the cause of the harm ("a glitch led to ...", "the job experienced issues", "due to a bug"), unless
    the writer is in the same clause ("a glitch I introduced led to ...", "I experienced ...")."""
    own = re.compile(r"\b(?:i|my|me)\b")
    kept = []
    for match in pattern("OWN_PASSIVE", "agentless_causes").finditer(norm):
        lo, _hi = sentence_at(spans, match.start())
        if not own.search(norm, clause_start(norm, lo, match.start()), match.end()):
            kept.append(match.span())
    return kept
