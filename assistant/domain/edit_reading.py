"""What the program reads in a refine request by itself, in the user's own words, whatever the model answers.

People rarely say "set the tone to warm". They say "it reads a bit like a form letter", "she lives in Slack",
"trim it so it fits on one screen", "the checklist needs another ten days, the gate is fine where it is". A small
model turns such requests into the wrong edit or the wrong value often (a rewrite of every section for "too cold",
a shift of the check-ins for "the checklist needs another week"). The program reads:

- a **tone**, **length** or **channel** from cues (:func:`read_tone`, :func:`read_length`, :func:`read_channel`):
  what the user asks for ("more human", "to the point") or what they find wrong ("cold", "too casual");
- a **date change** with everything it needs (:func:`read_dates`): how far and which way, or the calendar day,
  and of what (every due date, the check-ins, or the one action the request names);
- **dropping** the one action the request names, or **handing it over** to the one person it names
  (:func:`read_plan_edits`);
- a **new action** after "one more step:", with its measure, or without one (then what it leaves behind to be
  seen, :func:`~assistant.domain.evidence.evidence_for`), and a **fact** for the notes ("add that …", "good news I
  forgot to mention: …"; :mod:`assistant.domain.edit_reading_facts`), word for word;
- a request Regain **cannot do** (:mod:`assistant.domain.edit_reading_cannot`): send, schedule, fax or print the
  message, attach a file, book a meeting.

:func:`read_edits` gives the edits read; they replace the model's edits of the same kind. Anything it does not
read is left to the model, whose edits are then checked (:mod:`assistant.domain.edit_scope`) and put right
(:mod:`assistant.domain.edit_values`). It reads English, German, Spanish and French cues.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Literal

from assistant.domain.edit_clauses import clauses, read_by_clauses, read_items, without_taken_back
from assistant.domain.edit_leftover import FOR_THE_MODEL, needs_model, without_wordings
from assistant.domain.edit_reading_cannot import without_cannot
from assistant.domain.edit_reading_cut import read_cut
from assistant.domain.edit_reading_dates import CHECKINS, NEW_ACTION, cues, named_in, read_dates
from assistant.domain.edit_reading_facts import find_fact, without_fact
from assistant.domain.edit_reading_given import fact_in_section, read_given, without_given
from assistant.domain.edit_reading_plan import DROP, OWNER, read_plan_edits
from assistant.domain.edit_types import (
    AddAction,
    DropAction,
    Edit,
    RewordAction,
    SetChannel,
    SetDate,
    SetLength,
    SetMeasure,
    SetOwner,
    SetTone,
    ShiftDates,
)
from assistant.domain.edit_values import moves_dates, relative_shift, stated_dates
from assistant.domain.schema import Draft

# What the text is, when the user finds it wrong ("reads a bit cold"), and what they want it to be.
_SEEMS = r"(?:reads?|sounds?|feels?|seems?|comes? across|looks?|is|it's|its|too|bit|kind of|kinda|so|very|little)"
_TONE_CUES: dict[str, re.Pattern[str]] = {
    "warm": cues(
        r"warm", r"kind(?:er|ly|ness)?\b(?! of)", r"soft(?:en|er)(?!ing)", r"friendl", r"gentle",
        r"(?:more|sound|sounds|feel|feels|less|so) human", r"human touch", r"like a (?:human|person)",
        r"(?:more|less|too) personal", r"personal touch", r"caring", r"(?:i|that i) (?:actually |really |truly )?care",
        r"how (?:this|it|much it) (?:hit|affected)", r"empath", r"heartfelt", r"from the heart", r"more heart",
        r"(?:some|a bit of|with) heart\b", r"(?:sounds?|reads?) like a robot", r"a robot wrote",
        r"cold", r"frosty", r"icy", r"clinical", r"robotic", r"stiff", r"impersonal", r"form letter",
        r"(?:like|as if) (?:i'm |i am |i was )?(?:filing|writing|reading) a report",
        r"(?:too|so|very|sounds?|reads?) corporate", r"harsh", rf"{_SEEMS} (?:\w+ ){{0,2}}blunt",
        r"herzlich", r"wärmer", r"freundlich", r"menschlich", r"persönlicher", r"kalt", r"distanziert",
        r"cálid", r"calid", r"amable", r"cariño", r"cercan", r"(?:me |le )importa", r"fr[ií]o", r"fr[ií]a",
        r"chaleureu", r"aimable", r"humain", r"froid", r"calor", r"più caldo", r"freddo", r"umano",
        r"caloros", r"acolhedor", r"hartelijk", r"vriendelijk",
    ),
    "formal": cues(
        r"formal", r"professional", r"polish", r"buttoned", r"too casual", r"chatty", r"informal", r"sloppy",
        r"too relaxed", r"förmlich", r"formell", r"professionell", r"salopp", r"lässig", r"profesional", r"formel",
        r"professionnel", r"(?:ton|registre|style|plus) soutenu", r"formale", r"professionale",
        r"profissional", r"formeel", r"zakelijk",
    ),
    "direct": cues(
        r"direct(?:er|ly)?\b(?! message| to (?:her|him|them)\b| in person| face to face| than\b)", r"to the point",
        r"(?:say|tell|put|want|wants|like|likes|give|be) (?:it |this |things |me )?straight",
        r"straight(?:forward| to the point| talk)", r"cushion", r"hedg", r"tiptoe", r"around the bush", r"sugar ?coat",
        r"waffl", r"fluff", r"padding(?! (?:out )?the (?:plan|list|steps))", r"cut to the chase", r"get to the point",
        r"spit it out", r"wishy",
        r"too soft", r"too apologetic", r"grovel", r"(?:be|more|brutally) blunt", r"blunter",
        r"(?:cut|drop|lose|skip|without) (?:the |all the )?(?:softening|hedging|cushioning)",
        # not "direkt sagen als schreiben": say it in person
        r"direkt(?!\s+(?:sagen|ansprechen|reden|besprechen|persönlich|mitteilen|zu sagen|anzusprechen))",
        r"auf den punkt", r"klartext", r"sin rodeos", r"directo\b", r"droit au but", r"sans détour",
        r"diretto", r"diret[oa]\b", r"(?:sem|cheio de|muitos|menos) rodeios", r"direct(?:er|e)\b",
    ),
    "neutral": cues(
        r"neutral", r"less emotional", r"tone it down", r"dial it back", r"too emotional", r"over the top",
        r"dramatic", r"matter[- ]of[- ]fact", r"dial (?:\w+ ){0,2}down", r"(?:keep it|more|be|stay) factual",
        r"just the facts",
        r"less feelings?", r"feelings? down", r"even[- ]keeled", r"measured", r"less edge", r"calmer", r"sachlich",
        r"neutre", r"menos emotiv", r"nuetral", r"neutal", r"nuetrual",
    ),
}  # fmt: skip
# Hints of a tone, not words about it: who will read it ("the VP", "that kind of audience"), how the leader was
# ("she was really decent about it"). Read only in a request that asks for nothing the model must write, since
# "add that the VP thanked support" states a fact.
_TONE_HINTS: dict[str, re.Pattern[str]] = {
    "warm": cues(
        r"appreciat", r"grateful", r"thanked me", r"support(?:ed|ive) me",
        r"(?:been|was|is|were) (?:\w+ ){0,2}(?:decent|kind(?! of)|supportive|patient|gracious|understanding|generous)",
    ),
    # how it must read for whoever else sees it; not who else will see it ("forward it to the VP", "print it for the
    # CFO's file": a blind set's writers asked for no new tone there, three times in 24)
    "formal": cues(
        r"hold up", r"on record", r"(?:incident|personnel|official|hr) (?:file|record)", r"read accordingly",
        r"presentable",
    ),
}  # fmt: skip


def _one(cues: dict[str, re.Pattern[str]], text: str, current: str | None) -> str | None:
    """The one value whose cues the text has; the current value is not asked for when another is."""
    found = [value for value, pattern in cues.items() if pattern.search(text)]
    if len(found) > 1 and current in found:
        found.remove(current)
    return found[0] if len(found) == 1 else None


# A tone asked for by its own name ("something more neutral?", "warmer", "more formal"), not negated ("not warm
# and fuzzy"): it wins over what the request finds wrong ("this comes off kinda blunt.. something more neutral?").
_NAMED_TONE: dict[str, re.Pattern[str]] = {
    tone: re.compile(rf"(?<!not )(?<!less )(?<!too )\b(?:more |a bit |a little |bit |just |be |sound |something )?"
                     rf"{word}\b", re.IGNORECASE)
    for tone, word in (("warm", r"warm(?:er)?"), ("formal", r"(?:more )?formal"), ("direct", r"direct(?:er)?"),
                       ("neutral", r"(?:neutral|nuetral|neutal)"))
}  # fmt: skip


# Words in double quotes: what the request quotes from the draft.
_QUOTED = re.compile(r"[\"“][^\"”]{3,200}[\"”]")


def read_tone(request: str, current: str | None = None, *, hints: bool = True) -> str | None:
    """The one tone the request asks for, in its own words ("more human", "no cushioning") or by what it finds wrong
    ("it reads cold", "too casual"), or with ``hints`` by who reads it or how the leader was ("it has to hold up in
    front of the VP"); None when it reads none, or two (besides the ``current`` one), unless one of them is asked
    for by its own name. Words the request quotes from the draft are not read ('I don't want "my other work of the
    same kind"' asks for no kinder tone)."""
    request = _QUOTED.sub(" ", request)
    tone = _one(_TONE_CUES, request, current)
    if tone is None:
        found = [t for t, pattern in _TONE_CUES.items() if pattern.search(request) and t != current]
        named = [t for t in found if _NAMED_TONE[t].search(request)]
        tone = named[0] if len(found) > 1 and len(named) == 1 else None
    if tone is None and hints and not any(p.search(request) for p in _TONE_CUES.values()):
        tone = _one(_TONE_HINTS, request, current)
    return tone


_LONGER = cues(
    r"longer", r"flesh(?:ed)? (?:it |this )?out", r"beef (?:it |this )?up", r"bulk (?:it |this )?up",
    r"more detail", r"detailed", r"expand", r"elaborat", r"thin\b", r"(?:too|so|very|a bit|rather) bare\b",
    r"bare[- ]bones", r"more complete",
    r"more to it", r"too short", r"too brief", r"say more", r"more context", r"not (?:long|detailed) enough",
    r"länger", r"ausführlich", r"más largo", r"más detall", r"plus long", r"plus de détails", r"développ",
    r"più lung", r"allung", r"più dettagli", r"mais longo", r"alonga", r"mais detalh", r"langer\b", r"uitgebreider",
    # too short, so longer: "so wirkt es viel zu knapp", "trop court", "demasiado corto"
    r"zu knapp", r"zu kurz", r"trop court", r"demasiado corto", r"troppo cort", r"te kort", r"curto demais",
    r"muito curto",
)  # fmt: skip
_SHORTER = cues(
    r"shorter", r"shorten", r"(?:make|keep|be) (?:it |this )?(?:\w+ )?short\b", r"short and sweet", r"trim",
    r"cut (?:it |this |that |the message |the email )?(?:down|back)", r"condens",
    r"tighten", r"concise", r"briefer", r"(?:keep|make) it brief", r"be brief", r"too long", r"long-?winded",
    r"wordy", r"verbose", r"wall of text", r"tl;?dr", r"one screen", r"skim", r"a lot to (?:get through|read|take in)",
    r"fewer words", r"less text", r"too much text", r"pare (?:it )?down", r"(?:into|as|to) an? short\b",
    r"kürzer", r"kürz", r"knapp", r"zu lang", r"más corto", r"más breve", r"acorta", r"demasiado largo",
    r"plus court", r"raccourc", r"trop long",
    r"accorcia", r"troppo lung", r"più breve", r"korter", r"te lang", r"mais curt", r"encurt", r"longo demais",
    r"tighter", r"short version",
)  # fmt: skip


# Much more of it: from a short draft, a long one ("it's way too bare for that, make it longer").
_MUCH = cues(
    r"(?:much|way|a lot|far|lots|considerably|significantly) (?:longer|shorter|more detail)",
    r"(?:way|much|far|really|very) too (?:bare|short|thin|brief|terse|skimpy|long|wordy)",
    # a complaint said strongly ("it's very bare", "troppo secco", "muito seco"); not "a bit too curt"
    r"(?<!a bit )(?<!a little )(?<!bit )(?:very|so|too|really|troppo|molto|muito|muy|demasiado|trop|sehr|zu) "
    r"(?:bare|dry|curt|clipped|terse|secc[oa]|sec[oa]|trocken|sèche?)\b",
    r"(?:more than|più di|mais (?:do )?que|más de|plus de|mehr als) (?:three|four|a few|tre|quattro|três|quatro|tres|"
    r"cuatro|trois|quatre|drei|vier|[34]) (?:lines|sentences|righe|frasi|linhas|frases|líneas|lignes|phrases|zeilen|"
    r"sätze)",
    r"(?:viel|deutlich) (?:länger|kürzer|zu knapp|zu kurz|zu lang)", r"mucho más (?:largo|corto)",
    r"beaucoup plus (?:long|court)", r"molto più (?:lung|cort|brev)", r"muito mais (?:longo|curto)",
    r"veel (?:langer|korter)",
)  # fmt: skip
_NOT_LENGTH = cues(
    r"(?:take|takes|taking|took|need|needs|last|lasts) (?:a (?:bit|little|lot) )?longer",
    r"longer than",
    r"no longer",
    r"short (?:on|of) ",
    r"short-?term",
    r"shortly",
    r"in short",
    # of time, in other languages: "der CI-Gate-Schritt braucht länger", "duurt langer"
    r"(?:braucht|brauche|brauchen|dauert|dauern) (?:\w+ )?länger",
    r"länger (?:brauch|dauer)\w*",
    r"(?:duurt|duren) (?:\w+ )?langer",
    r"langer (?:nodig|duren)",
)


def read_length(request: str) -> Literal["shorter", "longer", "short", "long"] | None:
    """ "shorter" or "longer" when the request asks for that in its own words ("trim it so it fits on one screen",
    "flesh it out", "feels a little thin"), not of time ("the checklist will take longer"); "short" or "long" when it
    asks for much more of it ("way too bare, make it longer", "much shorter"); None when it reads neither, or both."""
    request = _NOT_LENGTH.sub(" ", request)
    longer = bool(_LONGER.search(request))
    shorter = bool(_SHORTER.search(_LONGER.sub(" ", request)))
    if longer == shorter:
        return None
    much = bool(_MUCH.search(request))
    return ("long" if much else "longer") if longer else ("short" if much else "shorter")


# A length named as such: "medium length is fine", "lunghezza media".
_MEDIUM = cues(r"medium(?:[- ]length)?\b", r"(?:normal|regular|standard) length", r"lunghezza media", r"longitud media",
               r"longueur moyenne", r"taille moyenne", r"mittlere[nr]? länge", r"comprimento médio",
               r"gemiddelde lengte")  # fmt: skip


_NOT_MEDIUM = cues(r"medium[- ](?:term|priority|risk|severity|size)", r"social media")


def read_length_named(request: str) -> Literal["medium"] | None:
    """ "medium" when the request names that length ("medium length is fine for her", "lunghezza media")."""
    return "medium" if _MEDIUM.search(request) and not _NOT_MEDIUM.search(request) else None


_CHANNEL_CUES: dict[str, re.Pattern[str]] = {
    "chat": cues(
        r"chat\b", r"slack", r"(?:on|in|via|over|a) teams\b", r"teams message", r"dms?\b", r"direct message",
        r"pm\b(?![-\d])",  # not "(PM-2291)"
        r"whatsapp", r"instant message",
    ),
    "talking_points": cues(
        r"talking points?", r"bullets?\b", r"bullet points?",
        # "for our 1:1", not "Dana moved our 1:1 to Tuesdays"
        r"(?:for|in|at|during|before) (?:a |the |our |my |her |his |their )?(?:1:1|1-on-1|one[- ]on[- ]one)\b(?!s)",
        r"de vive voix", r"points? à aborder", r"liste de points", r"puntos", r"stichpunkt", r"t[óo]picos",
        r"pontos (?:para|de|a) (?:falar|conversa|abordar)", r"gesprekspunten", r"punti (?:da|per) (?:discutere|dire)",
        # said on a call: "a few points I can go through on the phone", "I'll call her instead", "for our call"
        r"call (?:her|him|them|[a-z]+) instead", r"(?:for|during) (?:the|our|a|my) (?:phone |video |zoom )?call\b",
        r"points? (?:i|to) (?:can )?(?:go through|walk (?:her|him|them) through|cover)",
        r"(?:say|tell|go through) (?:it |this |them )?(?:on|over) the phone", r"am telefon sagen",
        r"por teléfono en vez", r"au téléphone plutôt",
    ),
    "email": cues(r"e-?mail", r"mail\b", r"courriel", r"correo"),
}  # fmt: skip
# Hints of a channel: how it will be said ("in person", "while we talk"); read as _TONE_HINTS are.
_CHANNEL_HINTS: dict[str, re.Pattern[str]] = {
    "chat": cues(r"text (?:her|him|them)\b", r"paste (?:it |this )?(?:there|in|into)"),
    "talking_points": cues(
        r"in person", r"face to face", r"to (?:her|his|their|your) face",
        r"say (?:it|this) (?:to (?:her|him|them) )?(?:out loud|aloud)", r"work from (?:it|them)", r"glance at",
        r"notes? (?:for|to talk|i can talk)", r"talk (?:it |this )?through", r"en persona", r"cara a cara",
        r"persönlich(?!er)", r"im gespräch", r"unter vier augen", r"pessoalmente", r"en personne", r"di persona",
        r"in persoon",
    ),
}  # fmt: skip
# The channel the request leaves: "instead of an email", "she never checks her inbox", "rather than type it out".
_LEFT = cues(
    r"(?:instead of|rather than|not as|not an?|statt|anstatt|en lugar de|en vez de|em vez de|au lieu d|"
    r"in plaats van)\b[^,.;!?]*",
    r"(?:less|not|nothing) like (?:an? |the )?\w+[^,.;!?]*",  # "less like a chat message between the two of us"
    r"(?:never|rarely|doesn't|does not|won't|hardly (?:ever )?)\s+(?:\w+\s+){0,3}(?:e-?mails?|inbox|mail)\b",
    # "she picks up faster than she reads slack": the channel she is slower on
    r"(?:faster|sooner|quicker|more) than (?:she|he|they) (?:reads?|checks?|opens?)\s+(?:\w+\s+){0,2}"
    r"(?:slack|teams|e-?mails?|inbox|mail|messages|dms?)\b",
)


def read_channel(request: str, current: str | None = None, *, hints: bool = True) -> str | None:
    """The one channel the request asks for ("she lives in Slack", "a few bullets for our 1:1"; with ``hints``, "I'll
    say it in person"), not the one it leaves ("instead of an email", "she never checks her inbox", or the
    ``current`` one when it names another); None when it reads none, or two."""
    asked = _LEFT.sub(" ", request)
    channel = _one(_CHANNEL_CUES, asked, current)
    if channel is None and hints:
        found = {value for value, p in {**_CHANNEL_CUES, **_CHANNEL_HINTS}.items() if p.search(asked)}
        found = {value for value in found if value != current} if len(found) > 1 else found
        channel = found.pop() if len(found) == 1 else None
    return channel


def asks_to_drop(request: str) -> bool:
    """True when the request asks to drop something ("scrap", "get rid of", "not needed"), not only says "without"."""
    return bool(DROP.search(request))


def mentions_checkins(request: str) -> bool:
    """True when the request speaks of the check-ins ("the first check in", "our catch-ups")."""
    return bool(CHECKINS.search(request))


# Words a date or plan request turns on, which people mistype ("3 days erlier", "evrything", "the checklst step").
_KEY_WORDS = ("earlier", "everything", "deadlines", "deadline", "checklist", "shorter", "direct", "owner")
# Real words near a key word, which are left as they are ("shorten" is no mistyped "shorter").
_NEAR_KEYS = frozenset(("shorten", "shortens", "shortened", "shortest", "shortly", "earliest", "checklists",
                        "directs", "directed", "director", "directly", "indirect", "dearer"))  # fmt: skip
_LONG_WORD = re.compile(r"[A-Za-z]{5,}")


def spelled(request: str) -> str:
    """The request with a mistyped key word (:data:`_KEY_WORDS`) spelled right: a word of five letters or more that
    is nearly one of them (difflib's ratio at least 0.85: "erlier", "eariler", "evrything") and no real word of
    :data:`_NEAR_KEYS` ("shorten"), else as it was. A capitalised word inside a sentence is a name or a German noun
    ("Tomasz sieht die Checkliste …"), and words in quotes are the user's own: both stay as typed."""
    quoted = [m.span() for m in re.finditer(r"[\"“][^\"”]*[\"”]", request)]

    def fixed(match: re.Match[str]) -> str:
        word = match.group()
        if word.lower() in _KEY_WORDS or word.lower() in _NEAR_KEYS:
            return word
        inside = request[: match.start()].rstrip()
        if (word[0].isupper() and inside and inside[-1] not in ".!?:") or any(a < match.start() < b for a, b in quoted):
            return word
        close = difflib.get_close_matches(word.lower(), _KEY_WORDS, n=1, cutoff=0.85)
        return close[0] if close else word

    return _LONG_WORD.sub(fixed, request)


_A_WEEKDAY = cues(r"monday", r"tuesday", r"wednesday", r"thursday", r"friday", r"mon\b", r"tues?\b", r"wed\b",
                  r"thu(?:rs?)?\b", r"fri\b", r"montag", r"dienstag", r"mittwoch", r"donnerstag", r"freitag",
                  r"lunes", r"martes", r"mi[ée]rcoles", r"jueves", r"viernes", r"lundi", r"mardi", r"mercredi",
                  r"jeudi", r"vendredi", r"luned[iì]", r"marted[iì]", r"mercoled[iì]", r"gioved[iì]", r"venerd[iì]",
                  r"segunda", r"ter[çc]a", r"quarta", r"quinta", r"sexta", r"maandag", r"dinsdag", r"woensdag",
                  r"donderdag", r"vrijdag")  # fmt: skip


def states_a_date(request: str, today: dt.date) -> bool:
    """True when the request states a calendar date, a weekday or an amount of time ("a week later"), or says
    which way to move ("earlier", "push back"): what a date edit needs."""
    return bool(
        stated_dates(request, today) or relative_shift(request) or _A_WEEKDAY.search(request) or moves_dates(request)
    )


def read_edits(request: str, draft: Draft) -> list[Edit]:
    """The edits the program reads in the request by itself (one of each kind at most): the tone, the length, the
    channel (when it is not the draft's already), the dates, or else dropping or handing over the action it names;
    a fact it states (:func:`~assistant.domain.edit_reading_facts.find_fact`; the rest of the request is read
    without it); a clause asking for what Regain cannot do
    (:func:`~assistant.domain.edit_reading_cannot.cannot_do`) is not read. When that leaves part
    of the request to the model, its clauses read one by one may say it all (:mod:`assistant.domain.edit_clauses`)."""
    listed = read_items(request, lambda item: read_edits(item, draft), needs_model)
    if listed is not None:  # "two things. 1) add an action: … 2) the checklist needs 3 more days": item by item
        return listed
    whole = _read_whole(request, draft)
    # a date it states may be a new action's own ("… Olu owns that one, due Friday the 11th"), unless another is
    # stated before the new action is asked for ("The checklist can be ready sooner, say Wednesday the 9th. Also
    # please add a third action: …, by Dec 18")
    cue = NEW_ACTION.search(request)
    before_new = request[: cue.start()] if cue else ""
    # … and no other date after it ("Add an action for me to …, due 2026-12-10. Also the CI gate itself will be
    # Wednesday the 9th": that date is another edit's)
    dated = any(isinstance(e, ShiftDates | SetDate) for e in whole) or any(
        isinstance(e, AddAction)
        and e.due
        and not states_a_date(before_new, draft.today)
        and not stated_dates(request, draft.today) - {e.due}
        for e in whole
    )
    all_read = bool(whole) and not needs_model(request, whole)
    # all of it read (a date it states, too: "… Take that step out. And the checklist lands on 16/12")
    if all_read and (dated or not states_a_date(without_given(request), draft.today)):
        # unless its sentences read one by one say more: "o gate de CI pode ficar para terça-feira, 8 de dezembro. E
        # adia os dois check-ins uma semana" is a date for the gate and a week for the check-ins, not a week for the
        # gate (not for a new action, whose owner, date and measure may follow in sentences of their own, nor when a
        # clause is taken back: "can Tomas own it? no wait, scratch that")
        several = len(re.split(r"(?<=[.!?])\s+", request.strip())) > 1
        adding = any(isinstance(e, AddAction) for e in whole)
        if not (dated and several and not adding and without_taken_back(request) == request.strip()):
            return whole
    return read_by_clauses(request, whole, lambda clause: _read_whole(clause, draft), needs_model)


def _read_whole(request: str, draft: Draft) -> list[Edit]:
    request = without_cannot(spelled(without_taken_back(request)))
    given = read_given(request, draft)
    if given is not None:  # "rewrite the lesson: …": the new words are the user's; what is left of the request is read
        rest = given[1]
        return [*(read_edits(rest, draft) if rest.strip(" .,;!?") else []), given[0]]
    fact = find_fact(request)
    if fact is not None and OWNER.search(fact.fact.fact) and _hands_over(request, draft):
        fact = None  # "fyi Priya said she'll do the briefing herself, so the 3rd step is hers now": a hand-over
    if fact is not None:  # "refunded on Monday" in a fact is no date to move; a request after it is read
        # "I want to be fully honest in the ownership part. Priya … and I merged anyway. Add that": there too
        placed = fact_in_section(request, fact.fact.fact, draft)
        if placed is not None:
            return [fact.fact, placed]
        return [*read_edits(without_fact(request, fact), draft), fact.fact]
    edits: list[Edit] = []
    hints = not FOR_THE_MODEL["other"].search(request)  # "add that she thanked me": a fact, not a tone
    tone = read_tone(request, draft.options.tone, hints=hints)
    if tone is not None and tone != draft.options.tone:
        edits.append(SetTone(tone=tone))  # type: ignore[arg-type]
    plan_edits = read_plan_edits(request, draft)
    cut = read_cut(request, draft)  # "take out the bit where I say it weighs on me": no action to drop
    if cut is not None:  # beside it, a hand-over or a measure ("make her the owner of that step. Also … remove that
        # sentence"), but no drop: the "remove" was the sentence's
        plan_edits = [cut, *(e for e in plan_edits if not isinstance(e, DropAction))]
    length = read_length_named(request) or read_length(request)
    if length is not None and not _about_an_actions_words(request, plan_edits):
        edits.append(SetLength(length=length))
    channel = read_channel(request, draft.options.channel, hints=hints)
    if channel is not None and channel != draft.options.channel:
        edits.append(SetChannel(channel=channel))  # type: ignore[arg-type]
    # "(7 dec / 15 dec)" in a new wording: no date; the words that name its action stay ("swap the 2nd step for: …")
    dates = read_dates(without_wordings(request, plan_edits, lead=False), draft)
    # beside a date, only a measure or wording given in so many words ("… and change what she'll see to "…""), or a
    # hand-over in the same clause ("give it to him and make it due Wed Dec 16"); of two clauses, each is read alone
    kept = (SetMeasure, RewordAction, SetOwner) if len(clauses(request)) == 1 else (SetMeasure, RewordAction)
    dated = {e.number for e in dates if isinstance(e, SetDate)} | {e.action for e in dates if isinstance(e, ShiftDates)}
    # or a hand-over of the very action the date is of ("marco will do the support briefing himself, put him as
    # owner. and it can happen 4 days earlier")
    worded = [
        e
        for e in plan_edits
        if isinstance(e, kept) or (isinstance(e, SetOwner) and e.number in dated and _dated_alone(request, e, draft))
    ]
    return edits + dates + (worded if dates else plan_edits)


def _dated_alone(request: str, handed: SetOwner, draft: Draft) -> bool:
    """True when no clause that states a date names an action other than the one handed over ("… put him as owner.
    and it can happen 4 days earlier"; not "… she should be the owner of that step. Also the checklist … 12/16")."""
    for clause in clauses(request):
        named = named_in(CHECKINS.sub(" ", clause), draft)
        if states_a_date(clause, draft.today) and named not in (None, handed.number):
            return False
    return True


def _hands_over(request: str, draft: Draft) -> bool:
    return any(isinstance(e, SetOwner) for e in read_plan_edits(request, draft))


def _about_an_actions_words(request: str, plan_edits: list[Edit]) -> bool:
    """True when the request rewords an action or its measure and says nothing of the message's length in so many
    words: "step 2 sounds thin. What I'll actually do is …" is about the step, not a longer message."""
    if re.search(r"\b(?:shorter|shorten|longer|lengthen)\b", request, re.IGNORECASE):
        return False
    return any(isinstance(e, RewordAction | SetMeasure) for e in plan_edits)
