"""A refine request that gives a section's new words itself (:func:`read_given`): "The opening line reads like my
notes. Rewrite it: I'm sorry that …", "rewrite the lesson: deadlines the team depends on go where …", "replace the
last line ("I'm on it …") with: I'll demo the gate to you on Fri 4 Dec."

The program finds which section the words are for (the pain, the ownership, the lessons, the positive or the
subject, named before the words in the same sentence or the one before it) and which part of it: the sentence the
request quotes, the first or last line, or else the whole section. The words are the user's, so they go in as given;
a small model asked for this put them into an action.
"""

from __future__ import annotations

import re

from assistant.domain.edit_reading_cut import holds
from assistant.domain.edit_reading_dates import cues
from assistant.domain.edit_types import ReplaceSection, Section, section_text
from assistant.domain.schema import Draft
from assistant.domain.second_person import given_to

# Before the colon, in its sentence: what asks for new words ("rewrite it:", "replace the last line (…) with:").
_CUE = cues(
    r"rewrite", r"re-?word", r"rephrase", r"replace", r"change (?:\w+ ){0,4}to\b", r"swap", r"make (?:it|that|this) "
    r"(?:say|read)", r"(?:it|this|that|should|to) (?:say|read)s?\b", r"instead\b", r"reformul", r"réécri", r"reescrib",
    r"riscriv", r"umschreib", r"ersetz", r"cambia", r"remplace", r"sostitu", r"vervang", r"herschrijf",
    # "Closing line should be: …" (the section is named in the same sentence)
    r"should (?:now |rather |instead )?(?:be|read|say)\s*$",
    # "the sorry line, can it be: …"
    r"(?:can|could) (?:it|that|this|you make it) (?:be|read|say)\s*$",
    # "Make the lesson: …", "make the closing line: …"
    r"make (?:the|my) (?:lessons?|apology|closing(?: line)?|opening(?: line)?|(?:last|first) line)\s*$",
    # the lesson said right before the colon: "The lesson I actually took from this: …", "the real lesson:"
    r"(?:the )?(?:real|actual|true) lesson(?: (?:is|was|here))?\s*$",
    r"lesson (?:i|we) (?:actually |really )?(?:took|learned|learnt|drew)(?: from (?:this|it|that))?\s*$",
    # "What I actually learned: …" (the lesson named in the sentence before or after)
    r"what (?:i|we) (?:actually |really )?(?:learned|learnt|took away)(?: from (?:this|it|that))?\s*$",
    # "id rather close with something concrete like: …"
    r"(?:close|end|finish) (?:it |the message |the email )?with\b[^.!?]{0,40}$",
    # "the ownership line is too thin. say it straight: …"
    r"\bsay it(?: (?:straight|plainly|simply|like this|this way|clearly|directly|outright))?\s*$",
)  # fmt: skip
# What names a section, before the new words.
SECTION_NAMES: dict[Section, re.Pattern[str]] = {
    "pain": cues(r"opening", r"first (?:line|sentence|bit)", r"apology (?:line|sentence|part|bit)", r"the apology\b",
                 r"sorry (?:line|part|bit|sentence)", r"pain\b", r"(?:prima|primera) frase", r"première phrase",
                 r"erste[nr]? satz"),
    "positive": cues(r"last (?:line|sentence|bit)", r"closing", r"final (?:line|sentence)", r"the ending",
                     r"sign-?off", r"positive (?:line|part|bit|sentence)", r"(?:ultima|última) frase",
                     r"dernière phrase", r"letzte[nr]? satz", r"conclusi[oó]n", r"(?:den |der )?schluss\b",
                     r"chiusura", r"encerramento", r"cierre\b", r"(?:het )?slot\b",
                     # "sluit af met …", "termina con …", "schließ mit …": close with
                     r"sluit (?:\w+ )?af\b", r"afsluiten", r"termin[ae] con\b", r"chiud\w* con\b", r"cierr\w* con\b",
                     r"termine\w* (?:par|avec)\b", r"schlie(?:ß|ss)\w* mit\b", r"encerr\w* com\b"),
    "ownership": cues(r"ownership", r"the part where i own"),
    "lessons": cues(r"lessons?\b", r"lecci[oó]n", r"leçon", r"lezione", r"lektion",
                    r"(?:de|deze|die|mijn|het) les\b"),  # Dutch; not French "les échéances"
    "subject": cues(r"subject\b", r"subject line", r"betreff", r"asunto", r"oggetto", r"objet\b"),
}  # fmt: skip
# A part of the draft named by what it quotes: "the "that was my decision" paragraph".
_QUOTED_PART = re.compile(r"[\"“][^\"”]{6,300}[\"”]\s*(?:paragraph|line|sentence|bit|part|section)\b", re.IGNORECASE)
_PART_QUOTING = re.compile(r"\b(?:paragraph|line|sentence|bit|part)\s+(?:that says|saying|about|where i say|with)\s*"
                           r"[\"“]", re.IGNORECASE)  # fmt: skip
_FIRST = cues(r"opening", r"first", r"prima", r"primera", r"première", r"erste")
_LAST = cues(r"last", r"closing", r"final", r"ultima", r"última", r"dernière", r"letzte")
_QUOTE = re.compile(r"[\"“]([^\"”]{6,300})[\"”]")
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
# Where the new words end: a labelled part after them ("… tracker. measure: …") or a new request ("… Also …").
_AFTER = re.compile(
    r"(?<=[.!?])\s+(?=(?:[\w'-]+\s+){0,2}[\w'-]+\s*:|(?:also|and|plus|btw|oh|thanks|thank you|thx|ty|cheers|pls|"
    r"please|(?:could|can|would|will) you)\b)",
    re.IGNORECASE,
)


def _masked(text: str) -> str:
    """``text`` with what is inside double quotes blanked, so a full stop quoted from the draft ends no sentence."""
    return _QUOTE.sub(lambda m: '"' + " " * len(m.group(1)) + '"', text)


# New words in quotes right after a cue, with no colon: 'change it to "I'll keep you posted at each check-in."'.
_QUOTED_AFTER = re.compile(
    r"\b(?:change|rewrite|replace|make|turn|swap)\s+(?:it|this|that|the \w+(?: \w+)?)\s+(?:to|with|into|for|say|read)"
    r"\s*[\"“](?P<words>[^\"”]{8,300})[\"”]",
    re.IGNORECASE,
)
# Asks to add a sentence to a section: "The ownership part is too thin. Add that I skipped the tests knowingly."
_ADD = cues(r"add (?:that|a (?:line|sentence|bit) (?:saying|that says))\s+", r"also say (?:that\s+)?",
            r"mention (?:there )?that\s+")  # fmt: skip


# New words in the first person after "say", with no colon: "… is vague - say I'll demo the gate to her live …",
# "the closing should just say I'm committed to …" (not "also say", which adds).
# Or thanks for the reader: "for the last line I'd rather just thank her for taking the calls …".
# "ill" typed for "I'll", before a verb: "say ill demo the gate to her live"
_ILL_VERB = (
    r"(?=(?:demo|show|send|keep|walk|have|be|get|make|do|check|report|update|share|follow|come|run|give|take|"
    r"bring|present|talk|call|meet|set|fix|write|finish)\b)"
)
_SAY = re.compile(
    r"(?<!also )(?<!\w)(?:just |instead |rather |simply )?say (?:that )?(?=(?-i:I)(?:'ll|'m|'ve|'d| will| am)?\b|"
    r"i(?:'m|m|'ll|'ve) |ill " + _ILL_VERB + r")|"
    r"\b(?:i'd rather |i would rather |i want to |i'd like to |i would like to )?(?:just |simply )?"
    r"(?=thank (?:her|him|them|you)\b)",
    re.IGNORECASE,
)
# After such words: what they replace ("…, instead of the "committed to making this right" stuff").
_INSTEAD = re.compile(r",?\s+(?:instead of|rather than)\b.*$", re.IGNORECASE | re.DOTALL)


def _sentence_start(masked: str, at: int) -> int:
    """Where the sentence holding position ``at`` of the (quote-masked) request starts."""
    return max(masked.rfind(mark, 0, at) for mark in ".!?\n") + 1


def _to_sentence_end(request: str, masked: str, at: int) -> str:
    """The request from ``at`` to the end of its sentence, the full stop included."""
    ends = [i for mark in ".!?\n" if (i := masked.find(mark, at)) >= 0]
    return request[at : min(ends) + 1 if ends else len(request)]


def _given(request: str) -> tuple[int, int, str, bool] | None:
    """Where the cue's sentence starts, where the new words start, the words, and whether they are added to the
    section (else they replace): after a colon whose sentence has a cue, or after "add that"; None when the request
    gives none."""
    masked = _masked(request)
    for colon in (m.start() for m in re.finditer(":", masked)):
        start = _sentence_start(masked, colon)
        if not _CUE.search(masked[start:colon]):
            continue
        rest = request[colon + 1 :].strip()
        quoted = _QUOTE.match(rest)
        words = quoted.group(1) if quoted else _AFTER.split(rest)[0]
        words = words.strip().strip("\"“”'").strip()
        if len(words.split()) >= 4:
            return start, colon + 1, words, False
    for quoted in _QUOTED_AFTER.finditer(request):  # 'change it to "I'll keep you posted at each check-in."'
        start = _sentence_start(masked, quoted.start())
        words = quoted["words"].strip()
        if len(words.split()) >= 4:
            return start, quoted.start("words"), words, False
    for said in _SAY.finditer(masked):  # "… is vague - say I'll demo the gate to her live on Thursday 10 Dec."
        start = _sentence_start(masked, said.start())
        words = _INSTEAD.sub("", _to_sentence_end(request, masked, said.end())).strip()
        if len(words.split()) >= 4:
            return start, said.end(), words, False
    for added in _ADD.finditer(masked):
        start = _sentence_start(masked, added.start())
        words = _to_sentence_end(request, masked, added.end()).strip()
        if len(words.split()) >= 4 and not re.search(r"\bnotes?\b", masked[start : added.start()], re.IGNORECASE):
            return start, added.end(), words, True
    return None


def section_named(text: str, draft: Draft | None = None) -> Section | None:
    """The one section ``text`` names ("the opening line", "the lesson"), or else, given the ``draft``, the one
    section holding what it quotes ("the "that was my decision" paragraph"); None when it names none, or several."""
    named = [section for section, pattern in SECTION_NAMES.items() if pattern.search(text)]
    if not named and draft is not None and (_QUOTED_PART.search(text) or _PART_QUOTING.search(text)):
        quoted = [m.group(1) for m in _QUOTE.finditer(text)]
        prose: tuple[Section, ...] = ("pain", "ownership", "lessons", "positive")
        named = [s for s in prose if any(holds(section_text(draft, s), q) for q in quoted)]
    return named[0] if len(named) == 1 else None


def _replaced(current: str, sentence: str, said: str) -> str:
    """``current`` with its quoted sentence, or its first or last one, or all of it, given as ``sentence``."""
    if re.search(r"\b(?:paragraph|section|part)\b", said, re.IGNORECASE):  # "the "…" paragraph": all of it
        return sentence
    parts = _SENTENCES.split(current.strip())
    quoted = [m.group(1) for m in _QUOTE.finditer(said)]
    held = [i for i, part in enumerate(parts) if any(holds(part, q) for q in quoted)]
    if len(held) == 1:
        index = held[0]
    elif _FIRST.search(said) and not _LAST.search(said):
        index = 0
    elif _LAST.search(said) and not _FIRST.search(said):
        index = len(parts) - 1
    else:
        return sentence
    parts[index] = sentence
    return " ".join(parts)


# The first person typed in lower case, in the user's words for a section: "im sorry", "i'll", "ive".
_I_SPELT = re.compile(r"\b(?:i|im|i'm|i'll|ive|i've|i'd|ill(?= " + _ILL_VERB + r"))\b(?!-)")
_DAY_NAME = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b")
_I_WORDS = {"i": "I", "im": "I'm", "i'm": "I'm", "i'll": "I'll", "ive": "I've", "i've": "I've", "i'd": "I'd",
            "ill": "I'll"}  # fmt: skip


def read_given(request: str, draft: Draft) -> tuple[ReplaceSection, str] | None:
    """The section the request gives new words for, with them put in (in place of the sentence it quotes or names
    as first or last, else of the whole section; or after it, for "add that …"), and the request without the cue,
    the words and the sentence before that named the section; else None."""
    found = _found(request, draft)
    if found is None:
        return None
    section, start, at, words, adding = found
    said = request[start:at]
    sentence = _as_sentence(words, request, draft, to_reader=section != "subject")
    if section == "lessons":
        lessons = list(draft.lessons)
        quoted = [m.group(1) for m in _QUOTE.finditer(said)]
        held = [i for i, lesson in enumerate(lessons) if any(holds(lesson, q) for q in quoted)]
        index = held[0] if len(held) == 1 else 0 if len(lessons) == 1 else None
        if adding:
            lessons.append(sentence)
        elif index is None:
            lessons = [sentence]
        else:
            lessons[index] = sentence
        text = "\n".join(lessons)
    elif section == "subject":
        text = words.rstrip(".")
    elif adding:
        text = f"{getattr(draft, section).strip()} {sentence}"
    else:
        text = _replaced(getattr(draft, section), sentence, said)
    return ReplaceSection(section=section, text=text), _without(request, found) or ""


def _as_sentence(words: str, request: str, draft: Draft, *, to_reader: bool = True) -> str:
    """The user's ``words`` as a sentence of the message: "I" and weekdays capitalised, a full stop, and "she" for
    the leader turned to "you" (``to_reader``)."""
    sentence = words if words[-1:] in ".!?" else f"{words}."
    sentence = _I_SPELT.sub(lambda m: _I_WORDS[m.group().lower()], sentence)  # "im sorry she lost …": "I'm sorry …"
    sentence = _DAY_NAME.sub(lambda m: m.group().capitalize(), sentence)  # "her entire wednesday": "Wednesday"
    sentence = sentence[:1].upper() + sentence[1:]
    if to_reader and draft.facts.leader_name:  # "… demo the gate to her live": to the reader, "you"
        sentence = given_to(sentence, draft.facts.leader_name, request)
    return sentence


# "… Add that", "put that in", "include it": the words before are to go in.
_ADD_IT = cues(r"add (?:that|this|it)\b", r"put (?:that|this|it) in\b", r"include (?:that|this|it)\b",
               r"mention (?:that|this|it)\b")  # fmt: skip


def fact_in_section(request: str, fact: str, draft: Draft) -> ReplaceSection | None:
    """The section a fact the request states is to go into, with the fact added after its text, when another sentence
    names the section and the request asks to add it ("I want to be fully honest in the ownership part. Priya asked
    me to wait until Monday and I merged anyway. Add that."); else None."""
    at = request.find(fact)
    if at < 0 or not _ADD_IT.search(request[at + len(fact) :]):
        return None
    named = {section_named(s, draft) for s in _SENTENCES.split(request[:at] + " " + request[at + len(fact) :])}
    named.discard(None)
    if len(named) != 1 or (section := named.pop()) not in ("pain", "ownership", "positive"):
        return None
    return ReplaceSection(
        section=section, text=f"{getattr(draft, section).strip()} {_as_sentence(fact, request, draft)}"
    )


def _found(request: str, draft: Draft | None = None) -> tuple[Section, int, int, str, bool] | None:
    """The section the new words are for, where the text naming it starts (this sentence or the one before), where
    the words start, the words, and whether they are added; None when the request gives none or names no section."""
    given = _given(request)
    if given is None:
        return None
    start, at, words, adding = given
    section = section_named(request[start:at], draft)
    if section is None and start > 0:  # "The opening line reads like my notes. Rewrite it: …": the sentence before
        before = _masked(request[:start]).rstrip()
        start = max(before.rfind(mark, 0, len(before) - 1) for mark in ".!?\n") + 1
        section = section_named(request[start:at], draft)
    if section is None and draft is None and _QUOTED_PART.search(request[start:at]):
        section = "ownership"  # some section, quoted ("the "that was my decision" paragraph"): only the span is used
    if section is None:
        return None
    # "two things: pull both dates 3 days earlier, and change the subject line to "…"": the clause that names the
    # section is the cue's; the clauses before it ask for something else
    bounds = [m.end() for m in _CLAUSE_BOUND.finditer(_masked(request), start, at)]
    clause = next((b for b in reversed(bounds) if section_named(request[b:at], draft) == section), start)
    return section, clause, at, words, adding


_CLAUSE_BOUND = re.compile(r",\s+(?:and\s+)?(?:also\s+)?(?=\w)|;\s+|:\s+(?=\w)|\s+and also\s+")


def _without(request: str, found: tuple[Section, int, int, str, bool]) -> str | None:
    """``request`` without what ``found`` (:func:`_found`) spans; None when that changes nothing."""
    _, start, at, words, _ = found
    where = request.find(words, at)
    if where < 0:
        return None
    rest = (request[:start] + " " + request[where + len(words) :]).strip(' "”')
    return rest if rest != request else None


def without_given(request: str) -> str:
    """The request without the new words it gives for sections, their cues, and the sentences before that named the
    sections (what is left may ask for more)."""
    while (found := _found(request)) is not None and (rest := _without(request, found)) is not None:
        request = rest
    return request
