"""Progress-update rules (step 6 continued): grounded, honest about slips, dated, consistent with the statuses.

``PRG_UNGROUNDED`` checks claims of work done against the progress notes (and the
original notes, for work done before the plan); ``PRG_SLIP_HIDDEN`` that late or
dropped actions are named plainly; ``PRG_NO_NEXT`` that the next check-in is dated
after today and given in the body; ``PRG_STATUS_MISMATCH`` that the body and the
statuses agree. Spans point into the body.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from assistant.domain.report_back import ActionStatus, ProgressUpdate
from assistant.domain.text_checks import HORIZON_DAYS, date_problem
from assistant.validator.findings import Finding
from assistant.validator.grounding import note_stems, stem
from assistant.validator.rules import clause_start, found, normalize, pattern, rule, words
from assistant.validator.rules import sentences as _line_sentences

_TOKEN = re.compile(r"[a-z][a-z'-]*")
_CLAUSE_END = re.compile(
    r"[,;:.!?()]|\s-\s|\b(?:and|but|so|because|which|who|while|when|since|after|before|until|if|then|though)\b"
)
_CONDITIONAL = re.compile(r"\b(?:when|once|if|until|after|before|as soon as)\s*$")


def check_progress(update: ProgressUpdate) -> list[Finding]:
    """Findings of the four PRG rules for one progress update."""
    return [*_ungrounded(update), *_slips(update), *_next_checkin(update), *_mismatch(update)]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a line break ends a sentence too (notes are often unpunctuated lines)."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        spans += [(line.start() + a, line.start() + b) for a, b in _line_sentences(line.group(0))]
    return spans


def _content(text: str, code: str) -> list[str]:
    skip = words(code, "stopwords")
    return [stem(token) for token in _TOKEN.findall(text) if token not in skip and len(token) > 1]


def _clause_end(text: str, pos: int, hi: int) -> int:
    match = _CLAUSE_END.search(text, pos, hi)
    return match.start() if match else hi


def _status_of(update: ProgressUpdate) -> dict[int, ActionStatus]:
    status: dict[int, ActionStatus] = {i: "not_started" for i in range(len(update.plan))}
    status.update({a.index: a.status for a in update.actions})
    return status


def _label(update: ProgressUpdate, index: int) -> str:
    words_ = update.plan[index].action.split()
    return '"' + " ".join(words_[:6]) + ("..." if len(words_) > 6 else "") + '"'


@functools.lru_cache(maxsize=64)
def _action_stems(action: str) -> frozenset[str]:
    return frozenset(_content(normalize(action), "PRG_SLIP_HIDDEN"))


def _overlap(text: str, stems: frozenset[str]) -> int:
    return len(stems & set(_content(text, "PRG_SLIP_HIDDEN")))


def _mentions(text: str, stems: frozenset[str]) -> bool:
    """The text shares two content words with the action (one if the action has only one)."""
    return bool(stems) and _overlap(text, stems) >= min(2, len(stems))


def _best_action(window: str, update: ProgressUpdate) -> int | None:
    """The one action the window names most, or None when none or a tie."""
    scores = [_overlap(window, _action_stems(a.action)) for a in update.plan]
    best = max(scores, default=0)
    return scores.index(best) if best > 0 and scores.count(best) == 1 else None


def _conditional(norm: str, lo: int, sentence_start: int) -> bool:
    return bool(_CONDITIONAL.search(norm[max(sentence_start, lo - 14) : lo]))


# ------------------------------------------------------------- PRG_UNGROUNDED


@functools.cache
def _claim_patterns() -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """The writer's claims ("I added ...") and anyone's ("legal signed it off"); group 1 is the verb."""
    entry = rule("PRG_UNGROUNDED")
    verb = rf"(?!{entry['not_past']}\b)({entry['past_verb']})\b"
    others = entry["other_claim"]
    return re.compile(entry["past_claim"] + verb), tuple(re.compile(p + verb) for p in others)


def _claimed_stems(text: str) -> frozenset[str]:
    """Stems of the words of notes that are not taken back by a negator ("not used yet" claims no use)."""
    norm = normalize(text)
    negators = pattern("PRG_UNGROUNDED", "negators")
    kept = []
    for sentence_start, sentence_end in sentences(norm):
        skip = 0
        for token in _TOKEN.finditer(norm, sentence_start, sentence_end):
            if negators.search(norm, token.start(), token.end()):
                skip = 3
            elif skip:
                skip -= 1
            else:
                kept.append(token.group(0))
    return note_stems(" ".join(kept))


def _grounded_claim(verb: str, rest: str, source: frozenset[str]) -> bool:
    """The verb and some of what it acts on are in the notes; for a light verb ("gave it a review"), most of
    what it acts on is. A claim about nothing in particular ("I've made progress") is not checked."""
    code = "PRG_UNGROUNDED"
    tokens = _TOKEN.findall(rest)
    if any(t in words(code, "generic") for t in tokens) and all(
        t in words(code, "generic") or t in words(code, "stopwords") for t in tokens
    ):
        return True
    obj = _content(rest, code)
    hits = sum(w in source for w in obj)
    if stem(verb) in source:
        return not obj or hits > 0
    return verb in words(code, "light_verbs") and bool(obj) and hits * 2 >= len(obj)


def _ungrounded(update: ProgressUpdate) -> list[Finding]:
    code = "PRG_UNGROUNDED"
    body = update.body
    norm = normalize(body)
    source = _claimed_stems(update.progress_notes) | _claimed_stems(update.notes)
    spans = sentences(norm)
    out: list[Finding] = []
    own, others = _claim_patterns()
    negators = pattern(code, "negators")
    seen: set[int] = set()
    for claim in (own, *others):
        for match in claim.finditer(norm):
            if match.start(1) in seen:
                continue
            seen.add(match.start(1))
            s0, s1 = _sentence_of(spans, match.start(), len(norm))
            if negators.search(norm, max(s0, match.start(1) - 16), match.start(1)):
                continue  # "I have not yet started ...": a denial, not a claim of work done
            end = _clause_end(norm, match.end(), s1)
            if not _grounded_claim(match.group(1), norm[match.end() : end], source):
                out.append(found(code, body, match.start(), end))
    for match in pattern(code, "state_claim").finditer(norm):
        s0, s1 = _sentence_of(spans, match.start(), len(norm))
        lo = clause_start(norm, s0, match.start())
        subject = _content(norm[lo : match.start()], code)
        if subject and not any(w in source for w in subject) and not _conditional(norm, lo, s0):
            out.append(found(code, body, lo, match.end()))
    for entry in update.actions:
        evidence = _content(normalize(entry.evidence), code)
        if entry.index < len(update.plan) and evidence and sum(w in source for w in evidence) * 2 < len(evidence):
            out.append(_nowhere(code, entry.index, "evidence", n=_label(update, entry.index)))
    return out


def _sentence_of(spans: list[tuple[int, int]], pos: int, length: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= pos < end:
            return start, end
    return 0, length


# ------------------------------------------------------------ PRG_SLIP_HIDDEN


def _slips(update: ProgressUpdate) -> list[Finding]:
    code = "PRG_SLIP_HIDDEN"
    body = update.body
    norm = normalize(body)
    spans = sentences(norm)
    slip = pattern(code, "slip")
    out: list[Finding] = []
    for i, (action, status) in enumerate(zip(update.plan, _status_of(update).values(), strict=False)):
        overdue = action.due < update.today and status in ("not_started", "in_progress")
        if not (overdue or status == "dropped"):
            continue
        stems = _action_stems(action.action)
        named = [(s0, s1) for s0, s1 in spans if _mentions(norm[s0:s1], stems)]
        honest = any(slip.search(norm, s0, s1) for s0, s1 in named)
        if honest:
            continue
        if not named:
            variant = "unmentioned" if overdue else "dropped"
            out.append(_nowhere(code, i, variant, n=_label(update, i)))
        else:
            s0, s1 = named[0]
            variant = "glossed" if overdue else "dropped"
            out.append(found(code, body, s0, s1, item=i, variant=variant, n=_label(update, i)))
    return out


def _nowhere(code: str, item: int | None, variant: str, **fields: str) -> Finding:
    """A finding about something missing from the body, worded from ``phrases.yaml`` with ``fields``."""
    entry = rule(code)
    text = entry["messages"][variant]
    return Finding(
        rule=code,
        step=entry["step"],
        severity=entry["severity"],
        message=text["message"].format(**fields),
        suggestion=text["suggestion"].format(**fields),
        item=item,
    )


# ---------------------------------------------------------------- PRG_NO_NEXT


def _months() -> list[str]:
    return [str(m) for m in rule("PRG_NO_NEXT")["months"]]


@functools.cache
def _month_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    months = "|".join(_months())
    day_first = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+({months})[a-z]*\.?")
    month_first = re.compile(rf"\b({months})[a-z]*\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b")
    return day_first, month_first


def gives_date(text: str, day: dt.date) -> bool:
    """True when ``text`` writes ``day`` as YYYY-MM-DD or with a month name ("18 December", "Dec 18th")."""
    norm = normalize(text)
    if day.isoformat() in norm:
        return True
    order = _months()
    day_first, month_first = _month_patterns()
    pairs = [(m.group(1), m.group(2)) for m in day_first.finditer(norm)]
    pairs += [(m.group(2), m.group(1)) for m in month_first.finditer(norm)]
    return any(int(d) == day.day and order.index(m[:3]) + 1 == day.month for d, m in pairs)


def _next_checkin(update: ProgressUpdate) -> list[Finding]:
    code = "PRG_NO_NEXT"
    date = update.next_checkin.isoformat()
    problem = date_problem(update.next_checkin, update.today)
    if problem is not None:  # "past" or "too_far": the one date check, also of the update step's re-ask
        today, months = update.today.isoformat(), str(HORIZON_DAYS // 30)
        return [_nowhere(code, None, problem, date=date, today=today, months=months)]
    if not gives_date(update.body, update.next_checkin):
        return [_nowhere(code, None, "missing", date=date)]
    return []


# -------------------------------------------------------- PRG_STATUS_MISMATCH


def _mismatch(update: ProgressUpdate) -> list[Finding]:
    code = "PRG_STATUS_MISMATCH"
    body = update.body
    norm = normalize(body)
    spans = sentences(norm)
    status = _status_of(update)
    hedges = pattern(code, "hedges")
    out: list[Finding] = []
    flagged: set[int] = set()

    def report(index: int | None, lo: int, hi: int, variant: str) -> None:
        if index is None or index in flagged:
            return
        if (variant == "claims_done") == (status[index] == "done"):
            return
        flagged.add(index)
        label = status[index].replace("_", " ")
        out.append(found(code, body, lo, hi, item=index, variant=variant, n=_label(update, index), status=label))

    for match in pattern(code, "done_words").finditer(norm):
        s0, s1 = _sentence_of(spans, match.start(), len(norm))
        lo = clause_start(norm, s0, match.start())
        hi = _clause_end(norm, match.end(), s1)
        if hedges.search(norm, lo, match.start()) or hedges.search(norm[match.end() : match.end() + 8]):
            continue
        if _conditional(norm, lo, s0) or pattern(code, "unfinished").search(norm, lo, hi):
            continue
        report(_best_action(norm[lo:hi], update), lo, hi, "claims_done")
    for match in _claim_patterns()[0].finditer(norm):
        s0, s1 = _sentence_of(spans, match.start(), len(norm))
        hi = _clause_end(norm, match.end(), s1)
        index = _best_action(norm[match.start() : hi], update)
        if index is not None and _lead_verb(update.plan[index].action) == stem(match.group(1)):
            report(index, match.start(), hi, "claims_done")
    for match in pattern(code, "unfinished").finditer(norm):
        s0, s1 = _sentence_of(spans, match.start(), len(norm))
        lo = clause_start(norm, s0, match.start())
        hi = _clause_end(norm, match.end(), s1)
        report(_best_action(norm[lo:hi], update), lo, hi, "denies_done")
    return out


def _lead_verb(action: str) -> str:
    tokens = _TOKEN.findall(normalize(action))
    return stem(tokens[0]) if tokens else ""
