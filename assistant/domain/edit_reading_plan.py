"""The plan edits a refine request states in so many words (:func:`read_plan_edits`): dropping or handing over the
action it names, its new measure or wording, or a new action with its measure.
"""

from __future__ import annotations

import re

from assistant.domain.edit_reading_dates import CHECKINS, KEEP, NEW_ACTION, ORDINAL, PLACE_NOUNS, cues, named_in
from assistant.domain.edit_reading_new_action import new_action, with_verb, without_due
from assistant.domain.edit_types import (
    DropAction,
    Edit,
    RewordAction,
    SetMeasure,
    SetOwner,
)
from assistant.domain.schema import Draft

DROP = cues(
    r"drop(?!ped)", r"remove(?!d)", r"delete(?!d)", r"scrap(?!ped)",
    r"scratch(?! (?:the|that|my) (?:\w+ ){0,2}(?:idea|message|msg|email|e-mail|note|dm)\b)",  # "the slack msg idea"
    r"(?:take|leave) (?:\w+ ){0,5}out\b",
    r"get rid",
    # not what others may do ("the send tool lets anyone skip the test send")
    r"(?<!anyone )(?<!someone )(?<!nobody )(?<!people )(?<!everyone )(?<!users )skip (?:the|that)",
    r"cut (?:the|that|this) (?!message|email|note|text|softening|hedging|cushioning|fluff|padding|waffle|apolog|sorry|"
    r"emotion|feeling|line|sentence|bit|part|paragraph|intro|opening|closing)",
    r"n[o']t (?:be )?needed", r"no longer need",
    r"don'?t need(?!\s+(?:till|until|that (?:long|much)|so long|the whole|more|all|a (?:week|month)|\w+ weeks))",
    r"overkill",
    # "the checklist is pointless once the gate exists"; not "pointless to mention twice", "redundant in that paragraph"
    r"(?:is|are|seems?|feels?) (?:\w+ ){0,2}(?:pointless|unnecessary|redundant)\b"  # "is kind of pointless"
    r"(?![^.;!?]*\b(?:mention|paragraph|sentence|say(?:ing)?|wording|twice|repeat))",
    r"streich", r"entfern", r"lösch", r"quita", r"elimin", r"borra", r"supprim", r"enl[eè]v",
    r"mag eruit", r"moet eruit", r"kan eruit", r"schrap", r"togli", r"rimuov", r"cancella",
)  # fmt: skip
OWNER = cues(
    # not "my own"; "Kofi owns step 2" is (the "i " before "owns" ends a name)
    r"owner(?!ship)", r"(?<!\bmy )(?<!\bour )(?<!\bher )(?<!\bhis )(?<!\btheir )(?<!\byour )(?<!\bits )(?<!\bi )"
    # not "process for its own sake", "rewrite it so it owns that" (the statement owns the mistake)
    r"(?<!\bit )own(?:s|ing)?\b",
    r"assign", r"put (?:him|her|them|me) down", r"take (?:over|on)\b",
    r"give (?:it|that|this|that one) to (?:him|her|them)\b",
    # "Priya offered to brief support herself", "she'll do it herself"; not "she took the calls herself"
    r"\b(?:do|does|run|runs|handle|handles|take|takes|own|owns|lead|leads|write|writes|brief|briefs|doing|running|"
    r"handling|taking|leading|writing|briefing)\b(?:\s+[\w-]+){0,4}\s+(?:himself|herself)\b",
    # not "the plan dates themselves are fine", "The deadlines themselves stay as they are"
    r"\b(?:it|that|this|one|the [\w-]+) themselves\b(?!\s+(?:stay|are|remain|can|should|don'?t|do not|need)\b)",
    # "priya should run the support briefing, not me", "priya shoud do the support briefing"
    r"shou?l?d (?:own|run|do|take|handle|lead|give)\b",
    r"hand (?:it|that|this) (?:to|over)", r"offered to",
    r"will (?:take|own|handle|run|do) (?:the|that|this|it|over)",
    r"(?<=s )taking (?:over |on )?(?:the|that|this|it)\b",  # "priya's taking the briefing", "Jo is taking it"
    r"(?:be|being|get|gets|is|are) (?:\w+ )?(?:built|done|written|run|handled|owned|set up|made|led) by (?-i:[A-Z])",
    r"(?:he|she|they)(?:'ll| will) (?:do|write|run|handle|take)", r"instead of me\b", r"rather than me\b",
    r"(?:running|doing|taking|handling|leading|writing|building) [^.;!?]{1,60}?,? not me\b",  # "… now, not me"
    # "priya's gonna do the support briefing not me", "he should own the support briefing not me"
    r"(?:gonna|going to) (?:do|run|take|handle|own|lead)\b[^.;!?]{1,60}?,? not me\b",
    r"(?:is|are|it's|its) (?:now |all )?(?:hers|his|theirs)\b",  # "so the 3rd step is hers now"
    r"(?:should be|is|are) (?-i:[A-Z])[a-zà-ÿ]+['’]s\b",  # "support briefing should be Hamid's not mine"
    # "support briefing -> priya", not "-> Tue the 15th"
    r"(?:->|→)\s*(?:owner\s+)?(?!(?:mon|tue|wed|thu|fri|sat|sun|the|next|end)[a-z]*\b)[a-zà-ÿ]{3,}\b",
    r"zuständig", r"verantwortlich", r"übernimmt", r"responsable", r"responsabile", r"encarg", r"s'en charge",
    # "El primer punto no lo hago yo, lo hace Lukas de IT", "lo fa Marco", "c'est Léa qui le fait", "nicht ich"
    r"no lo hago yo", r"non lo faccio io", r"nicht (?:ich|mir)\b", r"pas moi\b", r"não sou eu", r"niet ik\b",
    r"non io\b", r"no yo\b", r"(?:lo|la) (?:segue|sigue|lleva|gestisce|gestiona)\b",
    # not "il briefing lo fa già Priya" (already does it: a reason to drop the step)
    r"(?<!\bya )(?:lo|la) (?:hace|hará|har[aá]|va a hacer|lleva|fa|farà|fará|faz)\b(?!\s+(?:già|ya|já)\b)",
    r"se ne occupa", r"s'en occupe", r"kümmert sich", r"qui (?:le|la|s'en) (?:fait|fera)\b",
    r"vai fazer", r"doet (?:het|dat)\b",
)  # fmt: skip
# Capitalised words that begin sentences or name things, not people ("Actually", "The", "CI").
_NOT_NAMES = frozenset(
    (
        "i", "i'm", "i'll", "i'd", "the", "a", "an", "and", "but", "so", "also", "actually", "can", "could", "would",
        "will", "please", "put", "make", "give", "let", "have", "assign", "hand", "she", "he", "they", "we", "it",
        "this", "that", "just", "ok", "okay", "hmm", "since", "because", "yes", "no", "maybe", "then", "now", "our",
        "my", "her", "his", "their", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "ci",
        "qa", "vp", "cto", "ceo", "cfo", "slack", "teams", "ops", "cs", "hr", "eng", "platform", "change", "move",
        "set", "add", "drop", "swap", "replace", "update", "reword", "rename", "small", "everything", "two", "things",
        "el", "la", "los", "las", "un", "una", "le", "les", "der", "die", "das", "de", "het", "een", "step", "stap",
        "action", "item", "task", "point", "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat", "sun", "due",
        "rewrite", "reword", "rephrase", "redo", "write", "fix", "keep", "say", "show", "tell", "turn", "cut",
        *PLACE_NOUNS.split("|"),  # "Den ersten Schritt macht Lukas": German nouns are capitalised
        # words that open a sentence in other languages ("Und die Checkliste übernimmt Priya")
        "und", "aber", "oder", "bitte", "auch", "dann", "pero", "también", "et", "mais", "aussi", "ma", "anche", "en",
        "maar", "ook", "mas", "também", "zwei", "dos", "deux", "due", "twee", "por", "para", "pour", "per", "voor",
    )
)  # fmt: skip


# A chat message's first word, typed in lower case, that hands an action over: "priya's taking …", "kasia from IT
# offered to …"; not a team or a pronoun.
_LOWER_HANDING = re.compile(
    r"^\s*(?P<name>[a-zà-ÿ]{3,})(?:\s*\([^()]{1,40}\))?"  # "sam (support lead) is running …"
    r"(?:'s| is| will|'ll| from (?:the )?\w+(?: \w+)?)?\s+(?:(?:is )?(?:actually |now )?"
    r"(?:taking|doing|running|building|writing|handling)|going to|gonna|offered|agreed|volunteered|will|wants to|can|"
    r"should|shoud|needs to|has to|runs|leads|manages|owns)\b"
)
_NOBODY = frozenset(("someone", "somebody", "everyone", "everybody", "nobody", "anyone", "support", "sales",
                     "finance", "legal", "security", "ops", "team", "marketing", "who", "which", "there", "here",
                     "what", "one", "mine", "ours", "whoever"))  # fmt: skip


# A name that is also a month ("Jan", "May", "June"), with a person's doing after it: "Jan from the tax team is …".
_MONTHS_AS_NAMES = frozenset(("jan", "may", "june", "april", "august"))
_MONTH_NAMED = re.compile(r"\s+(?:from|in the|on the|is going to|will|offered|said|says)\b")


def _person(request: str, draft: Draft) -> str | None:
    """The one person the request names (a capitalised word that is not a common word, the leader, or a word of the
    plan), else None."""
    leader = (draft.facts.leader_name or "").lower().split()
    plan_words = {w.lower() for a in draft.plan for w in re.findall(r"[A-Za-z]+", a.action)}

    def names(pattern: str) -> set[str]:
        found = {
            m.group("name") for m in re.finditer(pattern, request)
            if ((w := m.group("name").lower()) not in _NOT_NAMES
                or (w in _MONTHS_AS_NAMES and _MONTH_NAMED.match(request, m.end("name"))))
            and w not in leader and w not in plan_words
        }  # fmt: skip
        # a surname right after a first name is the same person ("Sven Olsen from IT security")
        return {n for n in found if not any(re.search(rf"\b{o}\s+{n}\b", request) for o in found - {n})}

    # a capitalised word inside a sentence names someone more surely than one that opens it ("El briefing … lo va a
    # hacer Marcos"); a name that opens the sentence counts when there is none inside ("Jonas offered to …")
    # first a name the hand-over is said of ("Priya will run it, she's our Zendesk admin": not Zendesk)
    handing = names(
        r"\b(?P<name>[A-Z][a-zà-ÿ]+)\b(?:\s+[A-Z][a-zà-ÿ]+)?(?:\s+from\s+(?:the\s+)?[\w&-]+(?:\s+[\w&-]+)?)?"
        r"(?:\s+\w+){0,3}?\s+(?:will|'ll|is going to|offered|agreed|said|can|takes?|owns?|has offered|"
        r"wants to|volunteered|übernimmt|va a|se encarga|s'en charge)\b"
    )
    if not handing:  # the doer after the verb: "die Checkliste übernimmt Priya", "lo hace Lukas", "le fera Léa"
        handing = names(
            r"\b(?:übernimmt|macht|erledigt|hace|hará|fa|farà|fará|faz|fait|fera|doet|segue|sigue|gestisce|gestiona|"
            r"lleva)\s+"
            r"(?:das\s+|es\s+|jetzt\s+|ahora\s+|ora\s+|agora\s+|nu\s+)?(?P<name>[A-Z][a-zà-ÿ]+)\b"
        )
    arrow = re.search(r"(?:->|→)\s*(?:owner\s+)?(?P<name>[a-zà-ÿ]{3,})\b", request, re.IGNORECASE)
    if not handing and arrow is not None and arrow["name"].lower() not in _NOT_NAMES | _NOBODY | set(leader):
        handing = {arrow["name"].capitalize()}  # "support briefing -> priya"
    if not handing and (first := _LOWER_HANDING.match(request)) and first["name"] not in _NOT_NAMES | _NOBODY:
        handing = {first["name"].capitalize()}  # "priya's taking the briefing", "kasia from IT offered to …"
    inside = names(r"(?<![.!?:;]\s)(?<!^)\b(?P<name>[A-Z][a-zà-ÿ]+)\b")
    for found in (handing, inside, names(r"\b(?P<name>[A-Z][a-zà-ÿ]+)\b")):
        if len(found) == 1:
            return found.pop()
        if found:
            return None
    return None


_ABOUT_WORDING = cues(r"mention", r"paragraph", r"sentence", r"wording", r"twice", r"repeat", r"says? (?:it|that)")
# "what he should get is …", "what Marta can see: …": what the leader sees is the measure
_SEES = (
    r"what (?:he|she|they|[A-Z][a-z]+)(?:'ll|'d)? (?:should |will |would |can )?(?:actually |really )?(?:gets? to )?"
    r"(?:get|gets|see|sees)\b"
)
_MEASURE = cues(r"measure", r"metric", r"success", r"done when",
                r"counts as done", r"proof", r"evidence", r"how (?:we|you|she|he) know",
                r"what (?:we|you|she|he|they|i) (?:check|look at|verify|measure)\b",
                _SEES,
                 r"messgr", r"kennzahl", r"nachweis", r"medida", r"prueba", r"mesure", r"preuve", r"criteri", r"misura",
                 r"m[ée]trica", r"medi[çc][ãa]o", r"maatstaf",
                 r"critère")  # fmt: skip
REWORD = cues(r"reword", r"rephrase", r"rename", r"wording", r"word it", r"rewrite", r"change (?:\w+ ){0,3}to\b",
                r"more specific", r"(?:something )?like\s*:",
                r"swap (?:it|that|this|that one)? ?(?:for|with)\b",
                r"swap (?:the )?(?:\w+ )?(?:step|action|item|task|one)(?: #?\d)? (?:for|with)\b",  # "swap the 2nd step"
                r"too vague", r"what i (?:actually |really )?mean",
                r"what i(?:'ll| will)? (?:actually |really )?(?:do|add|write|put|change|build|set up)\b"
                r"[^.:;!?]{0,30}? is",
                r"replace (?:\w+ ){0,3}with\b", r"umformulier", r"reformul", r"make (?:it|that|this)\s*:",
                r"make (?:it|that one|this one)\s+(?=an?\s)(?!a (?:bit|little|lot|tad|touch)\b)",
                # not a date ("say Thursday the 10th rather than the Friday") or what I'll say in person ("I'll say
                # this to her face instead of emailing")
                r"(?<!i'll )(?<!i will )(?<!i'd )say (?!(?:on )?(?:mon|tue|wed|thu|fri|sat|sun)\w*\b)"
                r"[^.;]{3,60}? (?:rather than|instead of)",
                r"c[aá]mbia\w* (?!(?:\w+ ){0,2}(?:fecha|plazo|d[ií]a)\b)(?:\w+ ){0,3}(?:a|por)\b(?! favor)",
                r"maak (?:er|daar) ?van", r"mach daraus",
                r"remplace\w* par", r"sostituisci\w* con",
                r"(?:it|that|this|that one|this one) (?:should|must|needs to|has to) (?:be|say|read)\s*:")  # fmt: skip
_ACTION_PLACE = re.compile(r"\b(?:the\s+)?(" + "|".join(ORDINAL) + r")\s+(?:" + PLACE_NOUNS + r"|one)\b",
                           re.IGNORECASE)  # fmt: skip
_ACTION_NUMBER = re.compile(r"\b(?:" + PLACE_NOUNS + r")\s*#?\s*(\d)\b", re.IGNORECASE)


def _placed_action(request: str, draft: Draft) -> int | None:
    """The one action the request names by its place ("the 2nd step", "the last action"), else None."""
    places = {ORDINAL[m.lower()] for m in _ACTION_PLACE.findall(request)} | {
        int(n) for n in _ACTION_NUMBER.findall(request)
    }
    if len(places) != 1 or not draft.plan:
        return None
    place = places.pop()
    number = len(draft.plan) if place < 0 else place
    return number if number <= len(draft.plan) else None


# The new wording, after a colon, in quotes or after "be that": 'the measure should be: a test deploy is blocked',
# '… be "X"', 'I'd rather the proof be that the tracker lists every deadline'.
_NEW_WORDING = re.compile(
    r"""(?::\s*|\s*(?:->|→|=>)\s*|["“](?=[^"”]{8,}["”])|\b(?:be|is|are) that\s+|"""
    r"""\b(?:should|must|has to|needs to) be\s+|"""
    r"""\b(?:swap|replace) (?:it|that|this|that one) (?:for|with)\s+|\bmean(?:t)?(?: to do)? is\s+(?:to\s+)?|"""
    r"""\bwhat i(?:'ll| will)? (?:actually |really )?(?:do|add|write|put|change|build|set up)\b[^.:;!?"]{0,30}? is"""
    r"""\s*:?\s+(?:to\s+)?|\bmake (?:it|that one|this one)\s+(?=an?\s)|"""
    r"""\bwhat (?:he|she|they|[A-Z]\w+) (?:should |will |would |can )?(?:actually |really )?(?:gets? to )?"""
    r"""(?:get|gets|see|sees) is\s+)"""
    r"""(?P<text>[^"”:]{8,200}?)["”]?\s*[.!]?\s*$""",
    re.IGNORECASE,
)


def _worded(request: str, draft: Draft, cue: re.Pattern[str]) -> tuple[int, str] | None:
    """The action and the new wording the request gives for it in so many words (after a colon, in quotes, or after
    "be that"), when ``cue`` says what the wording is for before it; else None."""

    def asked(wording: re.Match[str]) -> bool:  # the cue before the wording, or "make it a …" for a rewording
        lead = request[wording.start() : wording.start("text")]
        return bool(cue.search(request[: wording.start("text")]) or (cue is REWORD and lead.lower().startswith("make")))

    # the wording opens after a colon or a quote ('change step 3 to "walk …" and it can slip 4 days')
    opening = min((i for i in (request.find(":"), request.find('"'), request.find("“")) if i >= 0), default=-1)
    ending = _WORDING_END.search(request, opening + 1) if opening >= 0 else None
    whole = request
    request = request[: ending.start()] if ending else request  # "…: re-check every campaign …. Also make that one …"

    def found(text: str) -> re.Match[str] | None:
        wording = _NEW_WORDING.search(text)
        while wording is not None and not asked(wording):
            # "On the step about last month: what Tomasz should get to see is …": the wording after the cue
            wording = _NEW_WORDING.search(text, wording.start() + 1)
        return wording

    wording = found(request)
    if wording is None and ending is not None:  # "The look-back: Kasia should own it. And the measure should be …"
        request = whole
        wording = found(request)
    if wording is None:
        return None
    before = request[: wording.start("text")]
    action = _placed_action(before, draft) or named_in(before, draft)
    text = " ".join(re.split(r"(?<=[a-z)])\.\s+", wording["text"])[0].split()).rstrip(".")
    text = re.sub(r"^that\s+", "", text, flags=re.IGNORECASE)  # "… should be that every lead has the runbook"
    if action is None or len(text.split()) < 3:
        return None
    text = with_verb(without_due(text, draft)) if cue is REWORD else text  # "make it a …": "Write a …"
    return action, text[:1].upper() + text[1:]


# Where a new wording ends: a sentence after it that asks something else or says when ("… Also make that one due
# 12/14", "… He says he can finish by the 10th").
_WORDING_END = re.compile(
    r"(?<=[.!?\"”])\s+(?=(?:also|and|plus|then|oh|btw|(?:he|she|they) (?:says|said|can|will)|(?:the )?(?:date|owner|"
    r"measure|rest|deadline) (?:can|should|may|will|is|stays?))\b)",
    re.IGNORECASE,
)
_Q = r"[\"“'‘]?"
_UNQ = r"[\"”'’]?"
# Words swapped in an action: "say sharing outside the company rather than sharing with others", "replace 'payments
# config changes' with 'every config change'", "change 'Friday' to 'Monday'" (the old words as the action has them).
_SWAPS = (
    re.compile(rf"\b(?:say|write|use|call it)\s+{_Q}(?P<new>[^,.;:\"”’]{{3,60}}?){_UNQ}\s+(?:rather than|instead of)\s+"
               rf"{_Q}(?P<old>[^,.;:\"”’]{{3,60}}?){_UNQ}(?=\s*(?:[,.;!?]|$))", re.IGNORECASE),
    re.compile(rf"\b(?:replace|swap)\s+{_Q}(?P<old>[^,.;:\"”’]{{3,60}}?){_UNQ}\s+(?:with|for|by)\s+"
               rf"{_Q}(?P<new>[^,.;:\"”’]{{3,60}}?){_UNQ}(?=\s*(?:[,.;!?]|$))", re.IGNORECASE),
)  # fmt: skip


def _swapped(request: str, draft: Draft) -> RewordAction | None:
    """One action with the words the request swaps ("say X rather than Y"), when exactly one action has the old
    words (its number or name in the request, if any, must be that action's); else None."""
    for swap in _SWAPS:
        for match in swap.finditer(request):
            # the old words in order, one word between them at most ("sharing with others" in "sharing it with others")
            old = re.compile(r"\b" + r"\s+(?:\w+\s+)?".join(map(re.escape, match["old"].split())) + r"\b", re.I)
            holding = [(i, found) for i, a in enumerate(draft.plan, 1) if (found := old.search(a.action))]
            named = _placed_action(request[: match.start()] + " " + request[match.end() :], draft)
            if len(holding) == 1 and named in (None, holding[0][0]):
                number, found = holding[0]
                action = draft.plan[number - 1].action
                return RewordAction(number=number, action=f"{action[: found.start()]}{match['new'].strip()}"
                                                          f"{action[found.end() :]}")  # fmt: skip
    return None


# A sentence that gives the measure after a label: "… into the tracker. Measure: both show up …".
_MEASURE_LABEL = re.compile(r"(?<=[.!?])\s+(?=(?:and\s+|also\s+)?"
                            r"(?:(?:the\s+)?(?:measure|metric|done when|success|proof)\b|"
                            r"what \w+(?:'ll| will)? (?:\w+ )?(?:gets? to )?see\b)[^:.]{0,30}:)",
                            re.IGNORECASE)  # fmt: skip
_IN_ITS_PLACE = re.compile(r"\b(?:in (?:its|it's|their) place|instead)\b", re.IGNORECASE)


def read_plan_edits(request: str, draft: Draft) -> list[Edit]:
    """Dropping or handing over the one action the request names by its words or place ("scrap the support briefing,
    it's overkill"; "Jonas offered to write the checklist, put him down for it"; "get rid of the 2nd step"), or its
    new measure or wording in so many words ("the measure should be: …", "change that step to: …"), or a new action
    with its measure ("add an action: …, done when …"); else []."""
    if (added := new_action(request, draft)) is not None:
        before = request[: request.find(":")] if ":" in request else ""
        if _IN_ITS_PLACE.search(before) and DROP.search(before):  # "get rid of it, and in its place: …"
            replaced = _placed_action(before, draft) or named_in(before, draft)
            return [added, DropAction(number=replaced)] if replaced else [added]
        return [added]
    colon = request.find(":")
    if colon >= 0 and NEW_ACTION.search(request[:colon]):  # a new action the program could not read: for the model
        return []
    if (measure := _worded(request, draft, _MEASURE)) is not None:
        # "priya's taking the support briefing … and what dana should see for it: …": its owner too
        before = request[: request.find(measure[1][1:])] if measure[1][1:] in request else ""
        person = _person(before, draft) if OWNER.search(before) else None
        owner = [SetOwner(number=measure[0], owner=person)] if person else []
        # "action 2 is weird. replace it with: move … into the tracker. measure: both show up …": its wording too
        label = _MEASURE_LABEL.search(request)
        reword = _worded(request[: label.start()], draft, REWORD) if label is not None else None
        worded = [RewordAction(number=reword[0], action=reword[1])] if reword and reword[0] == measure[0] else []
        return [*owner, *worded, SetMeasure(number=measure[0], measure=measure[1])]
    if (reword := _worded(request, draft, REWORD)) is not None:
        # "… It should be: review every shared folder …. And IT has the tooling, so make Pawel from IT the owner"
        outside = re.sub(re.escape(reword[1][1:]), " ", request, flags=re.IGNORECASE)
        person = _person(outside, draft) if outside != request and OWNER.search(outside) else None
        owner = [SetOwner(number=reword[0], owner=person)] if person else []
        return [RewordAction(number=reword[0], action=reword[1]), *owner]
    if (swapped := _swapped(request, draft)) is not None:
        return [swapped]
    asked = CHECKINS.sub(" ", KEEP.sub(" ", request))
    # a clause about the message's wording asks to drop no action ("mentioning the checklist twice is redundant")
    droppable = " ".join(c for c in re.split(r"(?<=[.!?;,])\s+", asked) if not _ABOUT_WORDING.search(c))
    action = _placed_action(asked, draft)
    handing = bool(OWNER.search(request) and _person(request, draft))  # "she explained it herself": no hand-over
    if action is None and DROP.search(droppable) and not handing:
        # "the checklist is pointless once the CI gate exists … scrap that action": the action named where the drop
        # is asked (before its cue first: the checklist is what is pointless), whatever else the request names
        named = set()
        for clause in re.split(r"(?<=[.!?;,])\s+", droppable):
            if (cue := DROP.search(clause)) is not None:
                named.add(named_in(clause[: cue.start()], draft) or named_in(clause, draft))
        named -= {None}
        action = named.pop() if len(named) == 1 else None
    action = action or named_in(asked, draft)
    if action is None:
        return []
    if OWNER.search(request) and (person := _person(request, draft)) is not None:
        return [SetOwner(number=action, owner=person)]
    if DROP.search(droppable) and not handing:
        return [DropAction(number=action)]
    return []
