"""A new action a refine request gives in so many words (:func:`new_action`): after "one more step:", in its own
sentence ("I'd like to …"), or as a thing ("a rollback drill with on-call" → "Run a rollback drill …"), with its
measure ("done when …", "what Marta would see for it is …") and due date; without a measure, an English action gets
what it leaves behind to be seen (:func:`~assistant.domain.evidence.evidence_for`).
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.domain.edit_reading_dates import NEW_ACTION, next_weekday, relative_to_action
from assistant.domain.edit_types import AddAction
from assistant.domain.edit_values import DUE_CLAUSE_WORDS, counted, stated_date
from assistant.domain.evidence import evidence_for
from assistant.domain.language import looks_english
from assistant.domain.schema import Draft
from assistant.domain.settle import NOT_NAMES, working_day

_DONE_WHEN = re.compile(
    r"[,.]?\s*(?:(?:and )?(?:it|that)(?:'s| is)? (?:counts as |will be )?done when|done when|done means|"
    r"(?:i|\w+)(?:'ll| will) know (?:it(?:'s| is)? (?:works?|worked|done)|it's done) (?:when|once|because)|"
    r"(?:i|we|you) know (?:its|it's|it is) done (?:when|once)|"
    r"(?:it|that)(?:'s| is) done once|done once|measured by|"
    r"(?:measure|proof|evidence|success|done)\s*[:=]|success is|success means|so that|erledigt wenn|nachweis\s*:|"
    r"(?<=[.!?]\s)(?:the )?proof is(?: that)?|"
    r"(?<=[.!?]\s)\w+(?:'ll| will) be able to see (?:it )?(?:because|when|as|since)\s+|"
    r"what \w+ (?:can |will |gets? to |should )?(?:be able to )?see\s*:|"
    # "…, target is getting a bad config rolled back in under 10 minutes"
    r"[,;]\s*(?:and )?(?:the )?(?:target|goal|aim) (?:is|will be)(?: that)?\b|"
    # "; Dana will see it as a closed list in …", "and Dana will see it as: …"
    r"[;,]?\s*(?:and )?(?-i:[A-Z])\w+ (?:will|would|can|should) see (?:it|that|this) as\s*:?|"
    r"[;,]?\s*(?:and )?(?:she|he|they)(?:'ll| will| would| can) see (?:it|that|this) as\s*:?|"
    # "and the measure is that …", "what she'll see is …", "what marta sees: …"
    r"(?:and )?(?:the )?measure (?:is|will be)(?: that)?\b|"
    r"(?:and )?what \w+(?:'ll|’ll| will| would| can| should)? (?:be able to )?(?:see|sees|gets?)(?: for it)?"
    r"\s*(?:is(?: that)?\b|:)|"
    r"how \w+ (?:can |will |would )?(?:see|know|tell)(?: it)?\s*:|"
    r"(?<=[.!?]\s)\w+ (?:will|can|should|would) (?:be able to )?see:?\s+(?:that\s+)?|"
    r"terminé quand|preuve\s*:|hecho cuando|prueba\s*:|como prova,?|prova\s*:|als bewijs,?|medida\s*:|"
    r"come (?:misura|verifica|prova)\s*:?|misura\s*:|verifica\s*:|mesure\s*:|messgröße\s*:|maatstaf\s*:|"
    # what the leader will see, in their language: "Cómo lo verá Tomasz:", "Come lo vedrà Dana:"
    r"c[oó]mo lo ver[aá] \w+\s*:|come lo vedr[aà] \w+\s*:|comment \w+ le verra\s*:|wie \w+ es sieht\s*:|"
    r"woran \w+ es (?:sieht|erkennt)\s*:)\s*",
    re.IGNORECASE,
)
# "I'll run a post-mortem …": the action is what I will do, said as a step ("Run a post-mortem …").
_I_WILL_DO = re.compile(
    r"^(?:i|we)(?:'ll|'m going to|\s+(?:will|shall|am going to|are going to|personally|myself|ourselves|can))+\s+|"
    r"^(?-i:I)\s+(?=[a-z]+\s)(?!(?:am|was|have|had|do|did|think|guess|want|need|hope)\b)",
    re.IGNORECASE,
)
_BY_DATE = re.compile(
    r",?\s*\b(?:(?:done|finished|ready|completed?|live)\s+)?(?:" + "|".join(DUE_CLAUSE_WORDS) + r")\s+[^,.;]*$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# A due clause inside the action: "move the deadlines into the tracker, by Thursday Dec 3, so they're covered".
_DUE_CLAUSE = re.compile(r"(?:,\s*|\s+)\b(?:" + "|".join(DUE_CLAUSE_WORDS) + r")\s+[^,.;]*(?=,)", re.IGNORECASE)


# The labels of a new action's owner and due date, in the languages of the sets: "owner: Kenji", "Fecha: martes 1".
_OWNER_WORDS = r"(?:owner|responsabile|responsable|verantwortlich|eigenaar|dono|dueño)"
_DUE_WORDS = r"(?:due|fecha|data|datum|date|scadenza|échéance|plazo|prazo)"

# After a new action's sentence: its due date on its own ("… without it. by the 18th", "due 12/18"), or a remark
# that asks nothing ("Rest is fine.").
_AFTERWORD = re.compile(
    r"^(?:(?:and |it's |its )?(?:(?:done|finished|ready|completed?) )?(?:" + "|".join(DUE_CLAUSE_WORDS) + r")\b.*|"
    r"(?:the )?rest (?:is|looks) (?:fine|good|ok)"
    r"|no (?:fixed |firm |set )?(?:date|deadline)(?: yet)?\b.*|i (?:don't|do not) have a (?:date|deadline)\b.*"
    r"|(?:he|she|they) (?:says|said|reckons) (?:by |on )?(?:mon|tue|wed|thu|fri|the \d|\d)\w*\b.*"
    r"|(?:he|she|they) (?:said|says|thinks|reckons) (?:\w+ )?(?:can|could|will|'ll) (?:have (?:it|that|this)|"
    r"get (?:it|that|this)|be) "
    r"(?:done|ready)\b.*"
    r"|(?:he|she|they|i) (?:hasn'?t|haven'?t|has not|have not|didn'?t|did not) (?:given|got|set|picked|named) "
    r"(?:me |us )?an? (?:date|deadline)\b.*"
    r"|not sure (?:yet )?(?:how|when|what|about)\b.*|(?:he|she|they) said \w+(?: \w+)? works(?: for (?:him|her|them))?"
    r"|(?:i|he|she|they|we) can have it(?: done| ready)? (?:by|on|for) .*"
    rf"|{_OWNER_WORDS}\s*[:=]?\s*\w+\b.*"
    rf"|{_DUE_WORDS}\s*:.*"
    r"|(?:the )?measure (?:is|isn'?t) (?:not )?(?:needed|necessary)\b.*|no measure\b.*"
    r"|(?:it|that|this) (?:should|must|needs to|has to|can) be (?:done|ready|finished|in place)\b.*"
    # "I'll do it myself", in the languages read: "La faccio io", "Lo hago yo", "Ich mache das", "Je m'en occupe"
    r"|(?:la|lo) (?:faccio|hago) (?:io|yo)|ich mach(?:e)? (?:das|es)(?: selbst)?|je m'en (?:occupe|charge)"
    r"|eu (?:fa[çc]o|trato disso)(?: isso)?|ik doe (?:het|dat)(?: zelf)?"
    r"|that'?s (?:it|all)|thanks?|thx|ty)[.!]?$",
    re.IGNORECASE,
)


# After a new action's sentence: who owns it, perhaps with its date ("Olu from IT owns that one, due Friday the 11th").
_OWNS_IT = re.compile(
    r"(?P<name>[A-Z][a-zà-ÿ]+)(?:\s+[A-Z][a-zà-ÿ]+)?(?:\s+(?:from|in|on|at)\s+(?:the\s+)?[\w&-]+(?:\s+[\w&-]+)?)?\s+"
    r"(?:(?:owns|will own|takes|will take|is taking|will do|does|is doing)\s+(?:that one|this one|that|this|it)\b|"
    r"(?:and|&|\+)\s+(?:me|I)\b)"  # "Lukas from IT and me, done by Tuesday 1 Dec."
    r"(?P<rest>[^.!?]*)[.!]?"
)


def _undated(text: str, draft: Draft, clause: re.Pattern[str] = _BY_DATE) -> str:
    """``text`` without the due ``clause`` (at its end, by default), when it states a date ("…, by wed the 16th");
    not "… until a test send has happened"."""
    return clause.sub(lambda m: "" if _dated(m.group(), draft) else m.group(), text)


def without_due(text: str, draft: Draft) -> str:
    """``text`` without a due clause at its end that states a date ("file the NL return early, by Thu 10 Dec"): the
    date is a date edit of its own, not words of the action."""
    return _undated(text, draft).strip(" ,")


def _dated(clause: str, draft: Draft) -> bool:
    return bool(stated_date(clause, draft.today) or next_weekday(clause, draft.today))


# An action given as what it is ("a rollback drill with …"): the verb that does it.
_NOUN_VERBS = (
    (
        r"drill|training|workshop|session|walk-?through|rehearsal|post-?mortem|retro(?:spective)?|review|audit|"
        r"game day|test run",
        "Run",
    ),
    (r"checklist|runbook|playbook|write-?up|guide|template|how-?to", "Write"),
    # "a separate folder holding only those 6 files": "Set up a separate folder …"
    (r"folder|space|share|channel|account|alert|dashboard|tracker|rule|filter|gate|sftp(?: access)?", "Set up"),
)
_VERB_FIRST = re.compile(r"^(?:review|audit|run|hold|write|check|do|make|set|add|create|build|update|draft|test|give|"
                         r"host|prepare|plan|schedule|train)\b", re.IGNORECASE)  # fmt: skip


def _noun_phrase(nouns: str) -> re.Pattern[str]:
    """What an action said as a thing looks like: "a rollback drill with …", "rollback drill with on-call" (a word
    before the thing when there is no article)."""
    return re.compile(
        rf"^(?:(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?|(?:[\w-]+\s+){{1,3}}?)(?:{nouns})\b(?=\s+(?:with|for|on|about|of|"
        rf"to|in|where|that|which|holding|containing|shared|so|only)\b|\s*[,.]|\s*$)",
        re.IGNORECASE,
    )


def with_verb(action: str) -> str:
    """``action`` starting with a verb: an action said as a thing ("a rollback drill with …") gets the verb that does
    it ("Run a rollback drill with …")."""
    action = action.lstrip(" -–—:")
    if _VERB_FIRST.match(action):
        return action
    for nouns, verb in _NOUN_VERBS:
        if _noun_phrase(nouns).match(action):
            article = "" if re.match(r"(?:a|an|the)\s", action, re.IGNORECASE) else "a "
            return f"{verb} {article}{action[:1].lower()}{action[1:]}"
    return action


_NOT_A_VERB = re.compile(r"(?:a|an|the|some|one|another|more|extra)\b", re.IGNORECASE)


# Without a colon: "would you mind adding one more step? I'd like to work through the 40 open replies, and have that
# finished by Wednesday 2 December. What Marta would see for it is that the inbox has no unanswered replies left."
_I_WANT_TO = re.compile(
    r"(?:^|(?<=[.!?])\s+)(?:so\s+)?i(?:'d| would) like to\s+|(?:^|(?<=[.!?])\s+)(?:so\s+)?i (?:want|plan|intend) to\s+",
    re.IGNORECASE,
)
# "Put in a step where I personally answer every one of those open replies, by Tuesday."
# "Add a step to set up a restricted space …", "Add an action for me to walk Priya …", "… for Noor to run …"
_A_STEP_WHERE = re.compile(
    r"\b(?:put in|add|put|include) (?:a|an|one more|another|an extra|a new) (?:step|action|item) (?:in )?"
    r"(?:(?:to|in) the plan )?(?:where|in which|so that|for (?:me|myself) to|for (?P<who>(?-i:[A-Z])[a-zà-ÿ]+) to|"
    r"to|for(?!\s+(?:that|this|it)\b))\s+(?:i\s+(?:personally\s+|myself\s+)?)?",
    re.IGNORECASE,
)
_SEES_IS = re.compile(
    r"\bwhat \w+ (?:should |will |would |can |gets? to )?(?:get|gets|see|sees)(?: for it)? is(?: that)?\s+"
    r"(?P<measure>[^.!?]{8,200})",
    re.IGNORECASE,
)
_FINISHED_BY = re.compile(
    r",?\s*(?:and\s+)?(?:(?:have|get) (?:it|that|this) )?(?:done|finished|ready|completed?)\s+(?:by|until)\s+[^,.;]*$",
    re.IGNORECASE,
)


def _new_action_said(request: str, draft: Draft) -> AddAction | None:
    """A new action the request asks for in its own sentence ("I'd like to …"), with its measure ("what Marta would
    see for it is …", "done when …") and date; None unless both are said in English."""
    wants = _I_WANT_TO.search(request) or _A_STEP_WHERE.search(request)
    measure = _SEES_IS.search(request)
    if wants is None or (measure is None and wants.re is _I_WANT_TO) or not looks_english(request):
        return None
    end = re.search(r"[.!?](?:\s|$)", request[wants.end() :])
    action = request[wants.end() : wants.end() + end.start()] if end else request[wants.end() :]
    due = stated_date(action, draft.today) or next_weekday(action, draft.today)
    action = _undated(_FINISHED_BY.sub("", action), draft).strip(" .,") if due else action.strip(" .,")
    action = _I_WILL_DO.sub("", action)
    said = " ".join(measure["measure"].split()).strip(" .") if measure else evidence_for(action)
    if len(action.split()) < 3 or len(said.split()) < 3:
        return None
    who = wants.groupdict().get("who")
    owner = who if who and who not in NOT_NAMES and who != draft.facts.leader_name else "me"
    return AddAction(action=action[:1].upper() + action[1:], measure=said[:1].upper() + said[1:], due=due, owner=owner)


_DASH = re.compile(r"[^.?!:]{0,30}?\s(?:[-–—]|->|→)\s")
# A new action said with its doer: "Bogdan from IT sets up a restricted share …"
# "Femi (mkt ops) switches on …", "Kasia Nowak in IT is going to set up …".
_DOER = re.compile(
    r"(?P<name>[A-Z][a-zà-ÿ]+)(?:\s+[A-Z][a-zà-ÿ]+)?(?:\s*\([^)]{1,40}\))?"
    r"(?:\s+(?:from|in|at)\s+(?:the\s+|our\s+)?[\w&-]+(?:\s+[\w&-]+){0,2}?(?:\s*\([^)]{1,40}\))?)?"
    r"(?:\s+(?:is going to|will|is gonna|can|(?:has\s+)?(?:\w+\s+){0,2}?(?:offered|agreed|promised) to)\s+"
    r"(?P<base>[a-z]+)|\s+(?!ops\b)(?P<verb>[a-z]+s))\b\s*(?P<rest>.*)"
)
# The owner given as a label: "owner: Kenji (IT)", "Owner: Kofi.", "Responsabile: Priya."
_OWNER_LABEL = re.compile(
    rf"[\s,;.–—-]*\b{_OWNER_WORDS}(?:\s+is)?\s*[:=]?\s*"
    r"(?P<name>(?-i:[A-Z])[\w-]+)(?:\s+(?-i:[A-Z])[\w-]+)?(?:\s*\([^)]*\))?[.,;]?"
    # "…, me as owner, done by …", "with Priya as the owner"
    r"|[\s,;.–—-]*\b(?:with\s+)?(?P<as_name>me|(?-i:[A-Z])[\w-]+) as (?:the )?owner\b[.,;]?",
    re.IGNORECASE,
)
_WITH_ME = re.compile(
    r"(?:(?P<name>[A-Z][a-zà-ÿ]+)(?:\s*\([^)]{1,40}\))?(?:\s+(?:from|in|on|at)\s+(?:the\s+)?[\w&-]+(?:\s+[\w&-]+)?)?"
    r"\s+(?:and|\+|&|et|y|und|e|en)\s+(?:me|I|myself|moi|yo|ich|io|ik)|(?:me|I)\s+(?:and|\+|&)\s+"
    r"(?P<name2>[A-Z][a-zà-ÿ]+)(?:\s*\([^)]{1,40}\))?)\s+(?:will\s+|are going to\s+|can\s+)?"
    r"(?P<base>[a-z]+)\b\s*(?P<rest>.*)"
)
# Who does it with me, said after the action: "…, me together with Jonas from support".
_ME_WITH = re.compile(
    r",\s*(?:me|myself|I)\s+(?:together\s+)?(?:with|and|\+|&)\s+(?P<name>(?-i:[A-Z])[a-zà-ÿ]+)"
    r"(?:\s+(?:from|in|on|at)\s+(?:the\s+)?[\w&-]+(?:\s+[\w&-]+)?)?\s*$",
    re.IGNORECASE,
)
# "… in two weeks": the due date, counted from today.
_IN_WEEKS = re.compile(r",?\s*\bin (?P<n>a|one|two|three|four|\d) weeks?(?:['’] time)?\b", re.IGNORECASE)
# "he said wednesday works for him": the day it is due
_DAY_WORKS = re.compile(r"\b(?:he|she|they) said (?P<day>\w+) works\b", re.IGNORECASE)
_FOR_WHOM = re.compile(r"\b(?:action|step|item|task|one)\s+for\s+(?P<name>(?-i:[A-Z])[a-zà-ÿ]+)\b", re.IGNORECASE)
_THIRD_PERSON = {"does": "do", "has": "have", "goes": "go"}
_ES = ("ches", "shes", "sses", "xes", "zes")
_DUE_LABELLED = re.compile(rf"\b{_DUE_WORDS}\s*:\s*([^.;]*)", re.IGNORECASE)
_DUE_LABEL = re.compile(rf"[\s,;.–—-]*\b{_DUE_WORDS}\s*:\s*[^.;]*$", re.IGNORECASE)
# A fact the request asks to add to the notes is no new action ("one more thing - … add that to the notes pls").
_TO_THE_NOTES = re.compile(r"\b(?:to|in|into) (?:the|my) notes\b", re.IGNORECASE)


def _whose(action: str) -> tuple[str, str]:
    """The owner the action names as its doer, and the action as a step ("Set up a restricted share …"); else "me"
    and the action as it was."""
    together = _WITH_ME.fullmatch(action)
    if together is not None and (together["name"] or together["name2"]) not in NOT_NAMES:
        return together["name"] or together["name2"], f"{together['base']} {together['rest']}".strip()
    doer = _DOER.fullmatch(action)
    if doer is None or doer["name"] in NOT_NAMES:
        return "me", action
    verb = doer["base"] or doer["verb"]
    if doer["verb"]:  # "sets": "set", "carries": "carry", "switches": "switch"
        verb = _THIRD_PERSON.get(verb) or (
            verb[:-3] + "y" if verb.endswith("ies") else verb[:-2] if verb.endswith(_ES) else verb[:-1]
        )
    return doer["name"], f"{verb} {doer['rest']}".strip()


# "… add one more step, please? Jonas from marketing ops has very kindly offered to make …": someone offers to do it
_OFFERED = re.compile(
    r"(?-i:[A-Z])[a-zà-ÿ]+\b[^.!?]{0,40}?\b(?:has\s+)?(?:\w+\s+){0,2}?(?:offered|agreed|promised) to\s", re.IGNORECASE
)


# What "them" stands for, said before the new action: "~40 customer replies nobody has answered", "the 6 files".
_COUNTED = re.compile(
    r"(?P<thing>(?:the\s+)?(?:~|about\s+|around\s+|some\s+)?\d+\s+(?:[a-z-]+\s+){0,2}?[a-z-]+s\b"
    # the clause that says which ("nobody has answered yet"), up to what is said of them ("… are really bugging me")
    r"(?:\s+(?:nobody|no one|that|which|who|still|we|i|from)\b(?:\s+(?!(?:are|is|were|was)\b)[^\s.,;:!?]+){0,8})?)",
    re.IGNORECASE,
)
# "them" as a pronoun, and "those" when no thing follows it ("clear those together with …"; not "those 6 files")
_THEM = re.compile(r"\b(?:all of (?P<all>them|those)|them all|them|(?:those|these)(?!\s+(?:\d|[\w-]+s\b)))\b",
                   re.IGNORECASE)  # fmt: skip


def _with_antecedent(action: str, before: str) -> str:
    """``action`` with "them" said as what it stands for, when the text before it counts one thing ("there are still
    ~40 customer replies nobody has answered. add an action: Jonas answers all of them" → "… answers all ~40
    customer replies nobody has answered"); else as it was."""
    said = _THEM.search(action)
    things = {m["thing"].strip() for m in _COUNTED.finditer(before)}
    if said is None or len(things) != 1:
        return action
    thing = things.pop()
    thing = re.sub(r"^the\s+", "", thing, flags=re.IGNORECASE)
    return (
        action[: said.start()]
        + ("all " if said["all"] or "all" in said.group().lower() else "the ")
        + thing
        + (action[said.end() :])
    )


def new_action(request: str, draft: Draft) -> AddAction | None:
    """A new action the request gives in so many words after a colon ("Add an action: run a deploy drill, done
    when the drill log shows a blocked deploy"; a due date at its end, or on its own after it, is the action's).
    Without a measure, an English request's action gets what it leaves behind to be seen (:func:`evidence_for`);
    else None (for the model)."""
    if _TO_THE_NOTES.search(request):
        return None
    # the colon after the words that ask for a new action ("Update: … And add a step: …")
    colon = next((m.start() for m in re.finditer(":", request) if NEW_ACTION.search(request[: m.start()])), -1)
    colon = colon if colon >= 0 or ":" not in request else request.find(":")
    cue = NEW_ACTION.search(request)
    if cue and (dash := _DASH.match(request, cue.end())) and (colon < 0 or dash.end() - 2 < colon):
        # "one more step for the plan - answer the ~40 replies …", "new action pls - me + Ravi …": the dash as a
        # colon (before a labelled measure's)
        colon = dash.end() - 2
    stop = _SENTENCE_END.search(request, cue.end()) if cue else None
    if stop is not None and (colon < 0 or stop.start() < colon):
        # "I'd like one more item in the plan. Run a rollback drill with …. Done when …": the sentence after the cue
        # (before a labelled measure's colon: "Add a third action please. Kofi and I will …. Measure: …")
        then = request[stop.end() :]
        doing = _VERB_FIRST.match(then) or _OFFERED.match(then) or _WITH_ME.match(then) or _DOER.match(then)
        colon = stop.start() if doing else -1 if colon < 0 else colon
    if colon < 0 or not NEW_ACTION.search(request[:colon]):
        return _new_action_said(request, draft) if colon < 0 and NEW_ACTION.search(request) else None
    said = request[colon + 1 :].strip()
    labelled_due = _DUE_LABELLED.search(said)  # "Fecha: martes 1 de diciembre", beside other dates in the action
    said_due = labelled_due.group(1) if labelled_due else said
    due = stated_date(said_due, draft.today) or next_weekday(said_due, draft.today)
    if due is None and (relative := relative_to_action(said, draft)) is not None:  # "until same day as the checklist"
        due, said = relative[0], relative[2]
    weeks = _IN_WEEKS.search(said) if due is None else None
    if weeks is not None and (count := counted(weeks["n"])) is not None:  # "…, in two weeks"
        due = working_day(draft.today + dt.timedelta(days=7 * count))
        said = said.replace(weeks.group(), "")
    if due is None and (works := _DAY_WORKS.search(said)) is not None:  # "he said wednesday works for him"
        due = next_weekday(f"by {works['day']}", draft.today)
    owned_by = None
    for sentence in _SENTENCE_END.split(said)[1:]:  # "… a link that expires. Olu from IT owns that one, due …"
        owns = _OWNS_IT.fullmatch(sentence.strip())
        if owns is None or owns["name"] in NOT_NAMES:
            continue
        rest = owns["rest"].strip(" ,;-–—")
        if _AFTERWORD.match(rest or "ty"):
            owned_by = owns["name"]
            said = said.replace(sentence, " ")
        elif _DONE_WHEN.match(" " + rest):  # "Femi on the support desk is taking it, measure = …": the measure stays
            owned_by = owns["name"]
            said = said.replace(sentence, " " + rest)
    parts = _DONE_WHEN.split(said, maxsplit=1)
    if len(parts) == 2:
        action, measure = (" ".join(p.split()).strip(" .") for p in parts)
        first_said, *besides = _SENTENCE_END.split(action)  # "… catches it. I don't have a date yet, …"
        if besides and all(_AFTERWORD.match(b.strip()) for b in besides):
            action = first_said.strip(" .")
        action = with_verb(action)  # "a game day on staging …": "Run a game day on staging …"
        first, *after = _SENTENCE_END.split(measure)
        if any(not _AFTERWORD.match(a.strip()) for a in after):  # "…, done when …. Also push the gate a week later"
            return None
        measure = first.strip(" .")
    else:  # no measure: the action's sentence, and after it only its due date or a remark
        first, *after = _SENTENCE_END.split(" ".join(said.split()))
        first = with_verb(first)  # "a rollback drill with the on-call rotation": "Run a rollback drill …"
        if any(not _AFTERWORD.match(a.strip()) for a in after) or not looks_english(first) or _NOT_A_VERB.match(first):
            return None  # "a talk with the team": the model says what is done
        action = first.strip(" .")
        measure = ""
    labelled = _OWNER_LABEL.search(said)  # "… - owner: Kenji (IT) - due Wed 2 Dec - measure: …"
    if labelled is not None:
        action, measure = _OWNER_LABEL.sub(" ", action), _OWNER_LABEL.sub(" ", measure)
    action = " ".join(action.split()).strip(" -–—,.")
    measure = " ".join(measure.split()).strip(" -–—,.")
    action = re.sub(r"^to\s+", "", _I_WILL_DO.sub("", action), flags=re.IGNORECASE)  # "add one action: to find …"
    owner, action = _whose(action)  # "Bogdan from IT sets up a restricted share …"
    action = _with_antecedent(action, request[:colon])  # "answers all of them": all ~40 customer replies …
    if labelled is not None:
        name = labelled["name"] or labelled["as_name"]
        owner = "me" if name.lower() == "me" else name if name not in NOT_NAMES else owner
    for_whom = _FOR_WHOM.search(request[:colon])  # "Add one more action for Jana (AP team lead): …"
    if for_whom is not None and for_whom["name"] not in NOT_NAMES and for_whom["name"] != draft.facts.leader_name:
        owner = for_whom["name"]
    owner = owned_by or owner
    if due:  # the due clause is the action's date, not its words
        action = _DUE_LABEL.sub("", action)
        action = _undated(action, draft).strip(" .,-–—")
        action = _undated(action, draft, _DUE_CLAUSE).strip(" .,-–—")
        tail = re.search(r",\s*([^,]{1,25})$", action)  # "… bis Dienstag, 8. Dezember": what is left of the date
        if tail is not None and stated_date(tail.group(1), draft.today):
            action = action[: tail.start()]
    paired = _ME_WITH.search(action) if owner == "me" else None
    if paired is not None and paired["name"] not in NOT_NAMES:  # "answer the replies, me together with Jonas"
        owner, action = paired["name"], action[: paired.start()]
    measure = _undated(measure, draft).strip(" .") if due else measure
    measure = measure or evidence_for(action)
    if len(action.split()) < 3 or len(measure.split()) < 3:
        return None
    return AddAction(
        action=action[:1].upper() + action[1:], measure=measure[:1].upper() + measure[1:], owner=owner, due=due
    )
