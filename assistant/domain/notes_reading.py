"""The notes read without a model: quotes snapped to the notes' own words, what I did in the first person,
what is already done, and the harm the pain names.

Part of what the program settles (:mod:`assistant.domain.settle`): a small model cannot be trusted with
whether a quote is really in the notes. Everything here is pure and deterministic.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9$€£%~.+/-]+|[^\W\d_]+", re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(r"\n+|;\s*|(?<=[.!?])\s+|,\s+(?=(?:and |but |then |so |i |which ))|\s+-\s+|\s+–\s+")


def _words(text: str) -> list[str]:
    return [w.strip(".,").lower() for w in _WORD.findall(text) if w.strip(".,")]


def note_clauses(notes: str) -> list[str]:
    """The notes cut into lines and clauses, each stripped: the units a quote is snapped to."""
    out: list[str] = []
    for line in notes.splitlines():
        line = line.strip(" \t-*•")
        if not line:
            continue
        out.append(line)
        parts = [p.strip(" ,") for p in _CLAUSE_SPLIT.split(line) if p and p.strip(" ,")]
        if len(parts) > 1:
            out += parts
    return out


def snap_quote(quote: str, notes: str, *, min_overlap: float = 0.6) -> str | None:
    """The notes' own text for a quote the model gave: the same words exactly when the quote is in the notes,
    else the line or clause of the notes that holds most of its words (at least ``min_overlap`` of them).
    None when no part of the notes matches: the quote was invented."""
    quote = quote.strip().strip("\"'“”").strip()
    if not quote:
        return None
    at = notes.lower().find(quote.lower())
    if at >= 0:
        return notes[at : at + len(quote)].strip()
    wanted = _words(quote)
    if not wanted:
        return None
    best, best_score = None, 0.0
    for clause in note_clauses(notes):
        have = set(_words(clause))
        if not have:
            continue
        covered = sum(1 for w in wanted if w in have) / len(wanted)
        precision = sum(1 for w in have if w in set(wanted)) / len(have)
        score = covered * 0.7 + precision * 0.3
        if covered >= min_overlap and score > best_score:
            best, best_score = clause, score
    return best


_DONE_LINE = re.compile(
    r"^\s*(?:now|update|status|done|since then|fixed|so far)\s*[:=-]|\balready\b|\bi(?:'ve| have)? (?:rolled back|"
    r"reverted|restored|fixed|re-?sent|refunded|called|apologi[sz]ed|corrected|wrote|sent)\b",
    re.IGNORECASE,
)


_I_DID = re.compile(
    r"(?:^|[.;,]\s*)(I (?!'m|am |was |had to |have to |need|needs|should|want|wanted to know)[a-z']+\b[^.;\n]*)",
    re.MULTILINE,
)
_PAST_VERB = re.compile(
    r"^(?:i\b|[a-z]+ed\b|didn'?t\b|did not\b|never\b|ran|sent|left|forgot|gave|told|put|set|wrote|took|cut|let|made|"
    r"hit|lost|broke|got|shared|overrode|overwrote|shipped|signed|tore|kept|missed|skipped|approved|uploaded|"
    r"deleted|dropped|pushed|merged|flipped|mail-merged|screen-shared|cancel+ed)",
    re.IGNORECASE,
)


def sounds_like_my_act(quote: str) -> bool:
    """A quote that starts with what I did ("I snoozed ...", "pushed config ...", "didn't check ..."),
    not with something else that happened ("tls cert expired ...")."""
    return bool(_PAST_VERB.match(quote.strip()))


def first_person_acts(notes: str) -> list[str]:
    """The notes' clauses that say what I did, in the first person ("I owned the ticket and snoozed it")."""
    return [m.group(1).strip() for m in _I_DID.finditer(notes) if not is_done_text(m.group(1))]


# A line that opens with work already done: it says nothing of the harm, even where a later clause does.
_DONE_LINE_START = re.compile(r"^(?:now|update|status|fixed|done|already)\b\s*:?", re.IGNORECASE)


def is_done_text(text: str) -> bool:
    """True for a line or clause that says work is already done ("now: restored", "I already wrote ...")."""
    return bool(_DONE_LINE.search(text))


_DIGITS = re.compile(r"\d")


# What harm sounds like in notes, and what an excuse sounds like: the two decide which line the pain names.
_HARM = re.compile(
    r"\b(?:lost|loss|miss(?:ed|ing)?|down|outage|fail(?:ed|s|ing)?|errors?|reject\w*|blank|saw|seen|visible|"
    r"expos\w*|leak\w*|penalt\w*|fines?|late|delay\w*|paid|twice|recall\w*|complain\w*|upset|angry|hit|"
    r"watchlist|breach\w*|wrong|refusals?|gone|dropped|pulled|held|demurrage|risk|understated|overstated|dose|"
    r"hurt|injur\w*|escalat\w*|deprioriti[sz]ed|re-tender|lapsed|invisible|quiet|quit|finishing|questions|"
    r"couldn'?t|tickets|refunds?|stuck|harm\w*|overrun|over budget|complaints?|falsch|umsonst|verlor\w*|"
    r"ausgefallen|perdid\w*|retras\w*|perdu\w*)\b",
    re.IGNORECASE,
)
_EXCUSE = re.compile(
    r"\b(?:short|wanted|waiting on|was at|thought|assumed|busy|rushed|rushing|in a (?:rush|hurry)|because|b/c|"
    r"trusted|from memory|(?:was|were) trying to|tried to|under pressure|dachte|weil)\b",
    re.IGNORECASE,
)
_CLAUSES = re.compile(r",\s+|;\s+|\s+-\s+")
_HARM_ENOUGH = 2  # a harm word, or two figures


def _harm_score(text: str) -> int:
    return 2 * min(len(_HARM.findall(text)), 2) + min(len(re.findall(r"\d+(?:[.,]\d+)*", text)), 3)


def without_excuses(act: str) -> str:
    """The act as the notes quote it, without the excuse jotted beside it: a parenthesis or a clause after a
    comma that says why ("(wanted to get it out before the weekend)", ", we were short 2 people that night").
    The ownership is built on the act, and a small model copies whatever the act carries."""
    text = re.sub(r"\s*\(([^()]*)\)", lambda m: "" if _EXCUSE.search(m.group(1)) else m.group(0), act)
    head, *rest = _CLAUSES.split(text)
    kept = [head, *(clause for clause in rest if not _EXCUSE.search(clause))]
    return ", ".join(part.strip() for part in kept if part.strip())


_MINE_LATER = re.compile(
    r"^(?P<before>.+?)(?:,|;|\.)?\s+(?:and\s+|but\s+|so\s+)?(?P<mine>I\s+(?:never|didn't|did not|forgot|missed|"
    r"skipped|only)\b.*)$",
    re.IGNORECASE,
)


def mine_first(act: str) -> str:
    """The act with my own part first, when the notes tell what happened before it ("Ostrava Metals renewal
    lapsed, notice window closed fri and I never sent the renewal terms" -> "I never sent the renewal terms, and
    Ostrava Metals renewal lapsed, notice window closed fri"): a small model asked to start with "I" merges the two
    ("I did not send the renewal terms to the notice window")."""
    if re.match(r"\s*I\b", act):
        return act
    match = _MINE_LATER.match(act.strip())
    if match is None or not match["mine"][1:].strip():
        return act
    return f"{match['mine'].rstrip('. ')}, and {match['before'].strip(' ,;.')}"


def impact_in_notes(notes: str, *, most_chars: int = 170) -> str:
    """The harm as the notes give it, found without a model: the line that says most of what went wrong for
    people (harm words and figures), after what the first line says of it, each without its clauses that say
    what I did, excuse it or are already done."""
    lines = [line.strip(" \t-*•") for line in notes.splitlines() if line.strip(" \t-*•")]
    scored: list[tuple[int, int, str]] = []
    for n, line in enumerate(lines):
        if _DONE_LINE_START.match(line):  # "now: restored ...", "already drafted the memo, needs sign-off"
            continue
        clauses = [c.strip() for c in _CLAUSES.split(line) if c.strip()]
        kept = ", ".join(
            c for c in clauses if not sounds_like_my_act(c) and not _EXCUSE.search(c) and not is_done_text(c)
        )
        kept = re.sub(r"^(?:so|and|then)\s+", "", kept, flags=re.IGNORECASE)
        score = _harm_score(kept)
        if kept and score >= (1 if n == 0 else _HARM_ENOUGH):
            scored.append((score, n, kept))
    if not scored:  # the first line that is neither my act nor work done, else the second line, else the first
        plain = [line for line in lines if not sounds_like_my_act(line) and not is_done_text(line)]
        if plain:
            return plain[0]
        return lines[1] if len(lines) > 1 and not is_done_text(lines[1]) else (lines[0] if lines else "")
    best = min(scored, key=lambda item: (-item[0], item[1] == 0, item[1]))
    # The first line often says the act and its first harm in one breath ("..., checkout down 3h").
    first = next((item for item in scored if item[1] == 0), None)
    if first is not None and first is not best and len(first[2]) + len(best[2]) + 2 <= most_chars:
        return f"{first[2]}, {best[2]}"
    return best[2]


# "didn't reread the pdf", "w/o opening the receipts", "skipped the batch-id check", "instead of checking the
# ledger": the step the act left out, up to the end of its clause.
_SKIPPED = re.compile(
    r"\b(?:didn'?t|did not|never|w/o|without|skipped|forgot to|forgot|instead of(?=\s+\w+ing\s))\s+"
    r"(?P<step>[^,;.\n]+?)(?=\s*(?:[,;.\n]|\band\b|\bbut\b|\bb/c\b|\bbecause\b|$))",
    re.IGNORECASE,
)
_EMPTY_STEP = re.compile(r"^(?:doing|do|it|that|this|them|so|one|any|anything|a|the|\s)*$", re.IGNORECASE)
# In the cause, only a check counts ("didn't report it myself" is no step the act left out).
_A_CHECK = re.compile(r"\b(?:check\w*|review\w*|re-?read\w*|test\w*|verif\w*|confirm\w*|compar\w*|spot|scrub)\b", re.I)


def skipped_step(act: str, cause: str = "") -> str:
    """The step my act left out, as the notes say it ("didn't reread the pdf"): a check the cause names ("I ticked
    it from memory instead of checking the ledger"), else the step the act says it left out; "" when they name
    none ("w/o doing it" names none). The cause comes first: in "forgot to book the accrual" the act is the slip
    itself, and the cause says which check would have caught it."""
    for text, only_checks in ((cause, True), (act, False)):
        for match in _SKIPPED.finditer(text or ""):
            step = match.group("step")
            if not _EMPTY_STEP.match(step) and (not only_checks or _A_CHECK.search(step)):
                return match.group().strip()
    return ""


_IRREGULAR_BASE = {"sent": "send", "ran": "run", "left": "leave", "took": "take", "gave": "give", "made": "make",
                   "wrote": "write", "read": "read", "reread": "reread", "did": "do", "got": "get", "told": "tell",
                   "forgot": "forget", "kept": "keep", "put": "put", "set": "set", "shut": "shut"}  # fmt: skip
# fmt: off
_E_STEMS = frozenset({"us", "mak", "tak", "shar", "updat", "clos", "sav", "compar", "releas", "writ", "schedul",
                      "validat", "generat", "creat", "prepar", "receiv", "chang", "arrang", "leav", "giv", "hav", "mov",
                      "remov", "merg", "purg", "stag", "escalat", "notic", "reconcil"})
# fmt: on


def _base(verb: str) -> str:
    """The base form of a past or -ing verb: "sent" -> "send", "opening" -> "open", "running" -> "run"."""
    word = verb.lower()
    if word in _IRREGULAR_BASE:
        return _IRREGULAR_BASE[word]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            stem = word[: -len(suffix)]
            if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                return stem[:-1]  # "running" -> "run"
            return stem + "e" if stem in _E_STEMS else stem
    return word


def skipped_habit(step: str) -> str:
    """The step my act left out as a habit, starting with a verb: "didn't reread the pdf" -> "reread the pdf",
    "w/o opening the receipts" -> "open the receipts", "skipped the batch-id check" -> "do the batch-id check";
    "" for no step."""
    match = re.match(
        r"(?P<marker>didn'?t|did not|never|w/o|without|skipped|forgot to|forgot|instead of)\s+(?P<rest>.+)", step, re.I
    )
    if not match:
        return ""
    marker, rest = match["marker"].lower(), match["rest"].strip()
    first, _, tail = rest.partition(" ")
    if marker in ("skipped", "forgot") or first.lower() in ("the", "a", "an", "my", "any"):
        return f"do {rest}"  # "skipped the batch-id check", "w/o the beneficial-owner check"
    return f"{_base(first)} {tail}".strip()
