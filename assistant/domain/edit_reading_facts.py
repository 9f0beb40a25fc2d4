"""A fact a refine request states for the notes, in the user's own words (:func:`find_fact`).

People add a fact in many ways: "add that we've already refunded every lost order", "Good news I forgot to
mention: sales called me this morning, both accounts renewed. Worth a line in the email I think.", "One thing the
notes don't say: we sent every customer a voucher. Add that." The program reads the fact itself, word for word, so
nothing the request does not state reaches the notes (a small model adds facts of its own, or rewrites every section
for a fact). Around the fact, what the user says about it ("Worth a line in the email", "Can you work that in?") is
no request of its own; a request after it ("…, so move the first check-in to the 15th") is read as any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.domain.edit_reading_dates import NEW_ACTION, cues
from assistant.domain.edit_types import AddFact

MAX_FACT_CHARS = 200
_LEAST_WORDS = 4

# Before a colon: what says a fact follows ("worth putting in: …", "Good news I forgot to mention: …").
_FACT_CUE = cues(
    r"worth (?:putting|adding|mentioning|including)", r"add (?:this|that|the fact)\b", r"put (?:this|that|it) in",
    r"mention (?:this|that)\b", r"for the record", r"fyi\b", r"note (?:this|that)\b", r"include (?:this|that)\b",
    r"forgot(?: to (?:mention|say|add|include|put in|put))?\b", r"should have (?:mentioned|said|added|included)",
    r"(?:left|leave) (?:\w+ )?out\b", r"did ?n[o']t (?:mention|say|include)", r"good news", r"thing to add",
    r"(?:notes?|draft|email|message|it) (?:does ?n[o']t|do ?n[o']t|did ?n[o']t) (?:say|mention|have|include)",
    r"(?:that's|that is|what's|is) missing", r"worth knowing", r"(?:good|useful) to know", r"for context",
    r"(?:one more |another |a new )?facts? for the notes", r"for the notes\b",
    r"worth having (?:in there|in it|in the notes)", r"(?:ajoute|rajoute) aux notes", r"(?:zu den|in die) notizen",
    r"a las notas", r"aan de notities", r"alle note\b", r"add (?:this |that |it )?to (?:my|the) notes",
    r"something to add", r"add (?:smth|sth|something|one thing|a thing)\b",
    r"(?:wat|dat) er (?:nog )?niet in staat", r"was (?:noch )?nicht drin(?:steht)?",
    r"ergänz", r"añad", r"ajout",
    # "Falta un dato en las notas: …", "Il manque un fait : …", "Manca un dato: …", "Es fehlt: …"
    r"falta(?:n)? (?:un |una |el |algo)", r"en las notas\b", r"il manque\b", r"manca(?:no)? (?:un|il|qualcosa)",
    r"(?:es )?fehlt\b", r"(?:missing|absent) (?:from|in) the notes",
)  # fmt: skip
# Before a colon, a new action rather than a fact ("ajoute une action : …", "one more thing for the plan: …").
_AN_ACTION = cues(r"actions?\b", r"steps?\b", r"items?\b", r"tasks?\b", r"to the plan", r"in the plan", r"aktion",
                  r"schritt", r"acci[oó]n", r"tarea", r"paso\b", r"étape", r"tâche")  # fmt: skip
# Without a colon: "add that …", "pls mention that …" (not "add that as a step", "mention that twice").
_ADD_THAT = re.compile(
    r"(?:\b(?:add|mention|note|include)\s+(?:that|the fact that)|\badd (?:in|to|into) (?:the |my )?notes(?: that)?|"
    r"\b(?:añade|agrega|ajoute|rajoute|aggiungi|acrescenta)\s+(?:a las notas|aux notes|alle note|às notas)\s+"
    r"(?:que|che)|"
    r"\b(?:it|the (?:message|email|note|draft)) should (?:also )?(?:say|mention)(?: that)?|"
    r"\b(?:nimm|schreib|trag)\w* (?:bitte )?(?:noch )?(?:in die notizen|in meine notizen) (?:auf|ein|mit),? dass)\s+"
    r"(?!(?:as|to|in|on|too|also|twice|again|here|there|step|action|item|one|line|bit|part|sentence|paragraph)\b)",
    re.IGNORECASE,
)
# A section named before "it should say …": what the section should say, not a fact for the notes.
_A_SECTION = cues(r"(?:ownership|apology|sorry|lesson|closing|opening|last|first) (?:paragraph|part|bit|line|sentence)",
                  r"the (?:ownership|apology|lessons?)\b")  # fmt: skip
# Without a colon, at the start: "fyi support got through 25 of the 40 replies … can you add that".
_LEAD = re.compile(r"^\s*(?:fyi|btw|for the record|good news)\b[\s,:-]*", re.IGNORECASE)
# What the user says about the fact, after it, that asks to add it: "Add that.", "Can you work that in?", "Voeg dat
# toe", "Añádelo".
_ADD_IT = (
    r"add (?:that|this|it)\b", r"(?:dat|dit|het) toevoegen", r"voeg (?:dat|dit|het) toe", r"añ[aá]de(?:lo|la)\b",
    r"ajoute[- ]l[ea]\b", r"aggiungil[oa]\b", r"füg (?:das|es) hinzu", r"work (?:that|this|it) in",
    r"get (?:that|this|it) in\b",
)  # fmt: skip
# All the user says about the fact after it: also "Worth a line in the email I think.", "it should be in there".
_ABOUT_IT = cues(
    *_ADD_IT, r"worth (?:a line|a mention|mentioning|putting|adding)", r"in there\b", r"oversell",
    r"(?:mention|include|put) (?:that|this|it)\b", r"should be (?:in|mentioned)",
)  # fmt: skip
_ABOUT_IT_ASKS = cues(*_ADD_IT, r"(?:mention|include|put) (?:that|this|it)")
# Where a request starts after the fact: "FYI: Dana is out until the 14th, so move the first check-in to the 15th".
_ASKS = re.compile(
    r"(?:[,;.!?]\s*(?:(?:so|and|also|then|please|pls)\s+)*|\b(?:so|and|also|then|please|pls)\s+)"
    r"(?:(?:can|could|would) you\s+)?(?:please\s+)?"
    r"(?:move|shift|push|pull|make|change|drop|remove|add an?|set|reword|shorten|trim|cut|turn|say (?:so|it|that)|"
    r"rewrite|put it)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# A sentence after the fact that asks for something else: "also …", "oh and …".
_NEXT_ASK = re.compile(r"\s*(?:also|and also|plus|oh and|btw|one more thing)\b", re.IGNORECASE)
# Who a fact comes from, before its colon: "Just heard back from Kenji in finance: …" ("Kenji in finance: …").
_FROM = re.compile(
    r"\b(?:heard back from|word from|news from|update from|according to)\s+(?P<who>(?-i:[A-Z])[^,.:;]{1,40})$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FactSpan:
    """A fact the request states, and the part of the request it takes up (with what the user says about it)."""

    fact: AddFact
    start: int  # where the fact's cue starts ("add that …"), or the colon after it ("worth putting in: …")
    end: int


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def _fact_in(request: str, start: int, *, cued: bool) -> FactSpan | None:
    """The fact from ``start``: whole sentences up to a request of another kind or to what the user says about the
    fact; None when nothing says it is a fact to add (``cued``, or a "… add that." after it), or it is too short."""
    asks = _ASKS.search(request, start)
    end = asks.start() if asks else len(request)
    kept: list[str] = []
    for sentence in _sentences(request[start:end]):
        if kept and _NEXT_ASK.match(sentence):  # "… booked for Thu 3 Dec. also in the bit where I own it, …"
            end = request.find(sentence, start)
            break
        if kept and _NOT_IN_NOTES.fullmatch(" - " + sentence):  # "… next wk. not in my notes yet": about it
            end = request.find(sentence, start) + len(sentence)
            break
        if kept and _ABOUT_IT.search(sentence):  # "Worth a line in the email I think.": about the fact, not in it
            cued = cued or bool(_ABOUT_IT_ASKS.search(sentence))
            end = request.find(sentence, start) + len(sentence)  # "… Please add that to the notes. And make it …"
            break
        if (put := _INCLUDE_THAT.search(sentence)) is not None:  # "…the alert she set up, add that to the notes. and …"
            kept.append(sentence[: put.start()])
            cued, end = True, request.find(sentence, start) + put.end()
            break
        kept.append(sentence)
    text = " ".join(" ".join(kept).split())
    while len(text) > MAX_FACT_CHARS:  # whole sentences only
        cut = text.rstrip(".!? ").rfind(". ")
        if cut <= 0:
            return None
        text = text[: cut + 1]
    text = text.strip(" .")
    if not cued or len(text.split()) < _LEAST_WORDS:
        return None
    return FactSpan(AddFact(fact=text), start, end)


# "… can you add that as a step": a new action, not a fact
_AS_A_STEP = re.compile(
    r"\b(?:add|put|include) (?:that|this|it) (?:in )?as (?:a|an|one more) (?:new )?(?:step|action|item|task)\b",
    re.IGNORECASE,
)


def find_fact(request: str) -> FactSpan | None:
    """The fact a request states for the notes: after a colon, when what comes before asks to add it ("worth
    putting in: …", "Good news I forgot to mention: …") or what comes after does ("… Add that."); or after "add that",
    "mention that" (up to :data:`MAX_FACT_CHARS`, whole sentences); else None. Not a new action ("ajoute une
    action : …", "one more thing for the plan: …", "… can you add that as a step")."""
    if _AS_A_STEP.search(request):
        return None
    # "Some context: … And one thing that's missing: …": the cue's colon; or a dash ("Update for the notes please - …")
    for mark in re.finditer(r"(?<!\d):(?!\d)|\s[-–—]\s", request):  # not the colon of a time ("until 19:00")
        before = request[request.rfind(":", 0, mark.start()) + 1 : mark.start()]
        if mark.group() != ":":  # a dash: the cue just before it, in its sentence ("Update for the notes please - …")
            before = before[max(before.rfind(end) for end in ".!?") + 1 :]
            if not _FACT_CUE.search(before) or _ADD_THAT.search(before):
                continue
        if _AN_ACTION.search(before):
            continue
        # the cue in the colon's own sentence: "… can you add that to the notes? and … the sorry line, can it be: …"
        own = before[max(before.rfind(end) for end in ".!?") + 1 :]
        span = _fact_in(request, mark.end(), cued=bool(_FACT_CUE.search(own)))
        if span is not None:
            source = _FROM.search(before) if mark.group() == ":" else None
            fact = AddFact(fact=f"{source['who']}: {span.fact.fact}") if source else span.fact
            return FactSpan(fact, mark.start(), span.end)
    lead = _LEAD.match(request)
    if lead is not None and ":" not in request:
        span = _fact_in(request, lead.end(), cued=True)
        if span is not None:
            return FactSpan(span.fact, lead.end(), span.end)
    said = _ADD_THAT.search(request)
    if said is not None and said.group().lower().startswith("it ") and _A_SECTION.search(request[: said.start()]):
        said = None  # "The ownership paragraph reads like I'm hiding something. It should say plainly why …": its words
    if said is not None and not NEW_ACTION.search(request[: said.start()]):
        span = _fact_in(request, said.end(), cued=True)
        if span is not None:
            return FactSpan(span.fact, said.start(), span.end)
    return _fact_before(request)  # "…, add that pls": the fact before it


_CLAUSE_START = re.compile(r"(?<=[,;.!?])\s+")
# What opens a chat message before a fact: "quick update - …", "Update: …".
_UPDATE = re.compile(r"^(?:(?:quick|small|little|short) )?(?:update|heads[- ]up|fyi|btw)\s*[-–—:,]\s*", re.IGNORECASE)
# A sentence after the fact that asks to keep it: "put that in the notes", "can you add this".
_PUT_THAT = re.compile(r"\s*(?:pls |please |can you |and )*(?:put|add|note) (?:that|this|it)\b", re.IGNORECASE)


# "IT heard back: both auditors have deleted everything they downloaded, please include that."
_INCLUDE_THAT = re.compile(
    r"[,;]\s*(?:and\s+|so\s+)?(?:pls\s+|please\s+|can you\s+)?(?:include|add|mention|note|work|"
    r"(?:get|put)(?=\s+(?:that|this|it)\s+in(?:to)?\s+(?:the\s+|my\s+)?(?:draft|notes|message|email|there)\b))"
    r"\s+(?:that|this|it)\b"
    r"(?:\s+in\b)?"
    r"(?:\s+(?:in|into|to)\s+(?:the\s+)?(?:notes|message|email|draft))?\s*[.!?]?",
    re.IGNORECASE,
)


# After a fact, what says the notes lack it: "… deleted every local copy - that's not in my notes yet."
_NOT_IN_NOTES = re.compile(
    r"\s*[-–—,;]\s*(?:and\s+)?(?:that'?s|that is|which is|which isn'?t|it'?s|this is)?\s*(?:not|isn'?t|wasn'?t|never)"
    r"\s+(?:yet\s+)?in (?:my|the) notes(?: yet)?\b\s*[.!?]?",
    re.IGNORECASE,
)


# Or that it belongs in the draft: "…, so that's already done and should be in there."
_SHOULD_BE_IN = re.compile(
    r"[,;]\s*(?:so\s+|and\s+)?(?:that'?s|that is|it'?s)?[^,.;!?]{0,30}?(?:and\s+)?(?:should|needs to|has to|must) be "
    r"(?:in there|in it|in the (?:notes|draft|message|email)|mentioned)\b\s*[.!?]?",
    re.IGNORECASE,
)


def _a_fact(text: str) -> bool:
    """True when a clause can be a fact: long enough, short enough, and asking for nothing itself."""
    return len(text.split()) >= _LEAST_WORDS and len(text) <= MAX_FACT_CHARS and not _ASKS.match(", " + text)


def _fact_before(request: str) -> FactSpan | None:
    """The fact in the clause before "put that in the notes" ("cut the briefing step, priya already added the gate to
    the runbook. put that in the notes", "…: both auditors deleted their copies, please include that"): its last
    clause, or what follows the colon, when it asks for nothing itself."""
    for said in [*_INCLUDE_THAT.finditer(request), *_NOT_IN_NOTES.finditer(request), *_SHOULD_BE_IN.finditer(request)]:
        start = max(request.rfind(mark, 0, said.start()) for mark in (". ", ": ", "? ", "! ")) + 2
        start = start if start > 1 else 0
        text = " ".join(request[start : said.start()].split()).strip(" .")
        text = re.sub(r"^(?:and also|oh and|also|and|plus|btw)\s+", "", text, flags=re.IGNORECASE)  # "also both …"
        if _a_fact(text):
            return FactSpan(AddFact(fact=text), start, said.end())
    for meta in _SENTENCE_END.finditer(request):
        rest = request[meta.end() :]
        if not (_ABOUT_IT_ASKS.match(rest.lstrip()) or _PUT_THAT.match(rest)):
            continue
        before = request[: meta.start()]
        sentence = max(before.rfind(mark, 0, len(before) - 1) for mark in ".!?") + 1
        starts = [0, *(m.end() for m in _CLAUSE_START.finditer(before))]
        start = starts[-1]
        text = " ".join(before[start:].split()).strip(" .")
        if not _a_fact(text):
            return None
        for earlier in reversed(starts[:-1]):  # "Kemal went through all 40 replies, they're all answered now.": both
            longer = _UPDATE.sub("", " ".join(before[earlier:].split()).strip(" ."))
            if earlier < sentence or not _a_fact(longer):
                break
            start, text = earlier, longer
        end = meta.end() + len(rest.split(".")[0]) + 1
        return FactSpan(AddFact(fact=text), start, min(end, len(request)))
    return _fact_sentences_before(request)


# A sentence that asks to keep what came before in the notes: "so for now please just put it in the notes".
_IN_THE_NOTES = re.compile(
    r"\b(?:put|add|keep|note|stick|park|save)\s+(?:it|that|this)\s+(?:down\s+)?(?:in|into|to|on)\s+(?:the|my)\s+notes\b",
    re.IGNORECASE,
)
# A sentence about the asking, not the fact: "Sorry, one more thing I forgot and it's been bugging me."
_ABOUT_ASKING = cues(r"forgot", r"\bsorry\b", r"bugging", r"one more thing", r"not sure", r"don'?t know", r"\bbtw\b",
                     r"quick (?:one|thing|update)")  # fmt: skip


def _fact_sentences_before(request: str) -> FactSpan | None:
    """The sentences before one that asks to keep them in the notes ("The DPO decided this morning that all staff
    will get a letter about it next week. I'm not sure yet whether it changes anything, so for now please just put it
    in the notes."), back to one about the asking itself ("Sorry, one more thing I forgot.")."""
    said = _IN_THE_NOTES.search(request)
    if said is None:
        return None
    sentences = list(_SENTENCE_END.finditer(request[: said.start()]))
    if not sentences:
        return None
    ends = [0, *(m.end() for m in sentences)]
    start = ends[-1]  # the asking sentence starts here
    first = start
    for earlier in reversed(ends[:-1]):
        sentence = request[earlier:first]
        if _ABOUT_ASKING.search(sentence) or _ASKS.match(", " + sentence.strip()):
            break
        first = earlier
    text = " ".join(request[first:start].split()).strip(" .")
    if first == start or not _a_fact(text):
        return None
    return FactSpan(AddFact(fact=text), first, said.end())


def read_fact(request: str) -> AddFact | None:
    """The fact of :func:`find_fact`, or None."""
    span = find_fact(request)
    return span.fact if span else None


def without_fact(request: str, span: FactSpan | None = None) -> str:
    """The request without the fact it states (``span``, else :func:`find_fact`'s), its cue and what it says about
    it: what else it asks for."""
    span = span or find_fact(request)
    if span is None:
        return request
    before = _FACT_CUE.sub(" ", request[: span.start])  # "Good news I forgot to mention:"
    return " ".join(f"{before} {request[span.end :].lstrip(',;. ')}".split())
