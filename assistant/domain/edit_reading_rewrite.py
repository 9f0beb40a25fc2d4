"""A refine request that asks for a section written again without giving the new words (:func:`rewrites_asked`):
"The lessons sentence is way too long … Rewrite it as something short about what I do differently now", "the last
line promises I'll show her the gate working by mid-december - I can't promise that … just say I'm on it", "leave
the VP out of the apology".

The program finds which section each part of the request is about (a sentence naming it, and the sentences after it
until another section is named; the sentences before the first one are its context too). Only the words are the
model's, one section at a time (:mod:`assistant.chains.refine_rewrite`): asked to choose among every kind of edit, a
small model answered such requests with date shifts or a rewritten action.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.domain.edit_reading_dates import cues
from assistant.domain.edit_reading_given import section_named
from assistant.domain.edit_types import Edit, ReplaceSection, Section
from assistant.domain.schema import Draft

# What asks for a section written again, or says what is wrong with it.
_REWRITE = cues(
    r"re-?write", r"rephrase", r"reword", r"redo\b", r"re-do\b", r"fix (?:that|it|this)\b",
    r"(?:is|are|feels?|seems?|sounds?|reads?) (?:\w+ ){0,2}(?:off|wrong|backwards|inaccurate|not accurate|not right|"
    r"not true|weird|odd|stiff|cold|bare|thin|vague|generic|robotic|wooden|clunky|misleading)\b",
    r"(?:reads?|sounds?|looks?) like",
    r"too (?:long|short|bare|thin|stiff|cold|vague|wordy|generic|much|formal|dramatic)",
    r"make (?:it|that|this|the \w+) (?:about|say|sound|more|less|shorter|longer|clearer|simpler)\b",
    r"around (?:that|this|it)\b", r"should (?:rather )?(?:say|be about|read|mention|talk about|focus)\b",
    r"(?:just|only|rather) say\b", r"(?:want|need|'d like|would like) (?:\w+ ){0,3}to be about\b",
    r"leave (?:\w+ ){1,3}out\b", r"(?:still )?(?:talks|speaks) about",
    r"still (?:says|mentions|promises)", r"promises?\b", r"can'?t promise", r"don'?t (?:want|like) (?:it|that|the)",
    r"umschreib", r"neu (?:schreib|formulier)", r"umformulier", r"reescrib", r"riscriv", r"réécri", r"reformul",
    r"herschrijf", r"herformuleer", r"reescrev",
    # "En sluit af met dat ik …": close with what I say
    r"sluit (?:\w+ )?af met", r"termin[ae] con", r"chiud\w* con", r"cierr\w* con", r"termine\w* (?:par|avec)",
    r"schlie(?:ß|ss)\w* mit", r"encerr\w* com",
    # "change the closing", "Tu peux changer la conclusion ?", "cambia el cierre"
    r"change (?:the |my )?(?:closing|ending|conclusion|apology|lessons?|ownership|opening|last line|first line)\b",
    r"changer\b", r"cambia(?:r|re)?\b", r"änder", r"mudar?\b", r"verander",
)  # fmt: skip
# Where a request's sentences end (a full stop inside quotes ends none).
_QUOTE = re.compile(r"[\"“][^\"”]*[\"”]")
_END = re.compile(r"(?<=[.!?])\s+|\n+")


def says_what_to_rewrite(sentence: str) -> bool:
    """True when ``sentence`` asks for a section written again or says what is wrong with it ("The lesson is off.",
    "Can you rewrite the sorry part around that?"), rather than stating the facts the new text is to hold."""
    return bool(_REWRITE.search(sentence) or section_named(sentence))


@dataclass(frozen=True)
class RewriteAsked:
    """A section to write again, and the part of the request about it (with the context before it)."""

    section: Section
    said: str


def sentences(request: str) -> list[str]:
    """The request's sentences (a full stop inside quotes ends none; a line break ends one)."""
    masked = _QUOTE.sub(lambda m: "x" * len(m.group(0)), request)
    cuts = [0, *(m.end() for m in _END.finditer(masked)), len(request)]
    return [request[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False) if request[a:b].strip()]


def rewrites_asked(request: str, draft: Draft, read: list[Edit]) -> tuple[list[RewriteAsked], str]:
    """The prose sections (pain, ownership, lessons, positive) the request asks to be written again without giving
    the new words, each with what the request says of it, and the request without those parts (what else it asks
    for). None asked when the program already read new text for the section (``read``: words given, words cut)."""
    done = {e.section for e in read if isinstance(e, ReplaceSection)}
    lead: list[str] = []
    parts: dict[Section, list[str]] = {}
    rest: list[str] = []
    current: Section | None = None
    for sentence in sentences(request):
        named = section_named(sentence, draft)
        if named == "subject":
            named = None
        if named is not None:
            current = named
            parts.setdefault(named, [])
        if current is None:
            lead.append(sentence)
        else:
            parts[current].append(sentence)
    asked: list[RewriteAsked] = []
    for section, said in parts.items():
        text = " ".join([*lead, *said]) if not asked else " ".join(said)
        if section in done or not _REWRITE.search(text):
            rest.extend(said)
            continue
        asked.append(RewriteAsked(section, text))
    if not asked:
        return [], request
    return asked, " ".join([*lead, *rest])
