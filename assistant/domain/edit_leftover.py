"""What a refine request leaves to the model once the program has read what it can (:func:`needs_model`): a new
measure, action or fact in the user's own words, a rewording, a rewritten section, or dropping or handing over an
action the program did not read. What the request says about what was read (the new words themselves, "same date",
"Sorry, I was too optimistic", the channel asked in a rewording's words) asks nothing more.
"""

from __future__ import annotations

import re

from assistant.domain.edit_clauses import without_taken_back
from assistant.domain.edit_reading_dates import CHECKINS, cues, named_in, placed_in
from assistant.domain.edit_reading_facts import without_fact
from assistant.domain.edit_reading_given import without_given
from assistant.domain.edit_reading_plan import DROP, OWNER, REWORD
from assistant.domain.edit_types import (
    AddAction,
    AddFact,
    DropAction,
    Edit,
    ReplaceSection,
    RewordAction,
    SetChannel,
    SetDate,
    SetLength,
    SetMeasure,
    SetOwner,
    SetTone,
    ShiftDates,
)
from assistant.domain.edit_values import relative_shift, stated_dates
from assistant.domain.schema import Draft


def without_wordings(request: str, edits: list[Edit], *, lead: bool = True) -> str:
    """The request without the new wordings and measures the program read in it, with the words that asked for them
    just before ("change the measure to: …"; kept when not ``lead``, for the action they name): their dates are
    theirs, and they ask nothing more."""
    for edit in edits:
        if isinstance(edit, RewordAction | SetMeasure):
            said = edit.action if isinstance(edit, RewordAction) else edit.measure
            # the words as typed, without the verb the program gave a thing ("Set up a gate …" for "a gate …")
            typed = re.sub(r"^(?:Run|Write|Set up)\s+(?=(?:a|an|the)\s)", "", said)
            said = said if re.search(re.escape(said), request, re.IGNORECASE) else typed
            request = re.sub(
                (
                    r"(?:\b(?:change|make|set|swap|replace|for how (?:we|you|she|he|they) (?:will |would )?know)\b"
                    r"[^.:;!?]{0,40}?:\s*|"
                    # a sentence of three words at most that opens it, in any language: "Mach daraus: …"
                    r"(?:^|(?<=[.!?]\s))(?:[^\s.:;!?]+\s+){0,2}[^\s.:;!?]+\s*:\s*|"
                    r"\bwhat i(?:'ll| will)? (?:actually |really )?\w+\b[^.:;!?]{0,30}? is\s*:?\s*)?"
                    if lead
                    else ""
                )
                + re.escape(said),
                " ",
                request,
                flags=re.IGNORECASE,
            )
    return request


# What only the model can do, by kind: a new measure, action or fact in the user's words, a rewording, a section;
# and dropping an action or handing it over, when the program did not read which, or to whom.
FOR_THE_MODEL: dict[str, re.Pattern[str]] = {
    "drop": DROP,
    "owner": OWNER,
    "measure": cues(r"measure", r"metric", r"done when", r"success\b", r"evidence", r"proof", r"messgr", r"kennzahl"),
    "reword": REWORD,
    "other": cues(
        r"how (?:we|you|she|he|they) (?:will |would )?know", r"add(?:s|ing)?\b",
        r"mention(?!ed|s\b)",  # not "Marta has mentioned", "this mentions salary stuff"
        r"note that",
        r"include(?!d)",  # not "check-ins included", "the UK ones included": those say what the edit covers
        r"for the record", r"fyi", r"also say", r"one more (?:thing|step|action|item|task)",
        r"(?:another|new|extra|additional) (?:action|step|item|task)", r"for the plan\s*:", r"lesson", r"subject",
        r"headline", r"title", r"apolog", r"sorry", r"regret", r"opening", r"closing",
        r"ownership (?:paragraph|part|bit|section|statement|sentence)",
        r"(?:first|last) (?:paragraph|line|sentence)", r"sign-?off", r"greeting", r"ergänz", r"hinzu", r"erwähn",
        r"añad", r"agreg", r"menciona", r"ajout", r"mentionn", r"say (?:why|how|what|that)\b",
        r"after [\"“'][^\"”']{3,80}[\"”'] (?:say|add|put|write)",
        # the closing, in other languages: "sluit af met …", "termina con …", "schließ mit …"
        r"sluit (?:\w+ )?af met", r"termin[ae] con", r"chiud\w* con", r"cierr\w* con", r"termine\w* (?:par|avec)",
        r"schlie(?:ß|ss)\w* mit", r"encerr\w* com",
    ),
}  # fmt: skip


_SAME = cues(r"same (?:date|measure|owner|due date|deadline)s?"
             r"(?:,? (?:and|&) (?:the )?(?:date|measure|owner|deadline)s?)?\b",  # "the same date and measure"
             r"(?:the )?(?:measure|date|owner|deadline) (?:stays|is fine|can stay|as (?:it is|before))",
             r"keep (?:me|myself) as (?:the )?owner", r"i (?:stay|remain) (?:the )?owner")  # fmt: skip


_SORRY = re.compile(
    r"^\s*sorry\b[,!.]?|\bsorry again\b|\bsorry for (?:the|all the) (?:back and forth|hassle|trouble)\b", re.IGNORECASE
)
# The channel or length asked for in words a rewording also uses: "make it a chat msg instead of an email", "I'd rather
# say this to Dana in our 1:1", "give it more detail than this".
_AS_CHANNEL = cues(
    r"(?:make|turn) (?:it|this|that)(?: into)? (?:an? )?(?:\w+ ){0,2}(?:message|msg|email|e-mail|chat|note|dm|"
    r"talking points|bullet points|bullets)\b(?: instead(?: of (?:an? )?(?:\w+ ){0,2}(?:email|message|chat|msg))?)?",
    r"(?:say|tell) (?:this|it) (?:to \w+ )?(?:in|at|during|face to face|in person)[^.,;]*?(?:instead of [^.,;]*)?",
    r"(?:give me|need|want) talking points(?: instead of (?:an? )?\w+)?",
    r"(?:give it|with) more detail(?: than this)?",
    r"(?:email|e-mail) with a subject(?: line)?",  # "a proper email with a subject line": an email has one
)
# Asking for a section's new words, not an action's: "rewrite the lesson around that".
_REWRITE_A_SECTION = cues(
    r"(?:rewrite|reword|rephrase|redo) (?:the |my |that |this )?(?:lessons?|apology|sorry (?:part|bit|line)|"
    r"closing(?: line)?|opening(?: line)?|ownership(?: part| bit| paragraph)?|(?:last|first) line)\b"
)
_LESS_SORRY = cues(
    r"(?:less|too|not so|so) apologetic",
    r"(?:less|fewer) sorr(?:y|ies)",
    r"apologi[sz]e less",
    # "Too much apologising", "less sorry-sorry", "when is long apologise" (said of the tone)
    r"(?:too much|so much|all the|long|lots of|a lot of) apologi[sz]\w*",
    r"apologi[sz]\w* too much",
    r"sorry-sorry",
)


def needs_model(request: str, read: list[Edit] | None = None) -> bool:
    """True when the request may ask for more than the program read by itself (``read``, from :func:`read_edits`):
    a new measure, action or fact, a rewording, a rewritten section, or dropping or handing over an action it did
    not read."""
    request = _SAME.sub(" ", without_taken_back(request))  # "Same date, same measure.": nothing to change there
    request = _SORRY.sub(" ", request)  # "Sorry, I think I was too optimistic …": said to Regain, not of the draft
    if any(isinstance(e, SetTone) for e in read or []):  # "more direct and less apologetic": the tone says it
        request = _LESS_SORRY.sub(" ", request)
    if any(isinstance(e, SetMeasure) for e in read or []):  # "measure on step 1 is too vague imo. change it to: …"
        request = re.sub(r"\b(?:measure|metric|proof)\b[^.;!?]{0,30}too vague", " ", request, flags=re.IGNORECASE)
    if any(isinstance(e, SetChannel | SetLength) for e in read or []):  # "make it a chat msg instead of an email"
        request = _AS_CHANNEL.sub(" ", request)
    kinds = {DropAction: "drop", SetOwner: "owner", SetMeasure: "measure", RewordAction: "reword"}
    done = {kinds[type(e)] for e in read or [] if type(e) in kinds}
    if any(isinstance(e, AddAction) for e in read or []):  # "add an action: …, done when …": its measure too
        done |= {"other", "measure"}
        if any(isinstance(e, AddAction) and e.owner != "me" for e in read or []):  # "Jonas has offered to …": its owner
            done |= {"owner"}
        request = re.sub(r"\bowner\s*[:=]?\s*(?:me|myself|i)\b", " ", request, flags=re.IGNORECASE)  # "(owner me, …)"
        request = request[: request.find(":")] if ":" in request else request  # the new action's words ask nothing
    if any(isinstance(e, AddFact) for e in read or []):  # the fact, its cue and what is said of it ask nothing more
        request = without_fact(request)
        # "Sorry, one more thing I forgot …": the fact is that thing
        request = re.sub(r"\bone more thing\b", " ", request, flags=re.IGNORECASE)
    if any(isinstance(e, ReplaceSection) for e in read or []):  # words taken out of a section: "take out the bit …"
        done |= {"drop", "other"}
        request = without_given(request)  # "rewrite it: …": the new words ask nothing more
        request = _REWRITE_A_SECTION.sub(" ", request)  # "… Could you rewrite the lesson around that?": those words
    # the new wording the program read ("… do is add the checklist …") asks nothing more
    request = without_wordings(request, read or [])
    if done & {"owner", "drop"}:  # "fyi Priya said she'll do it herself, so the 3rd step is hers now": said of that
        request = re.sub(r"\b(?:fyi|for the record)\b", " ", request, flags=re.IGNORECASE)
    if done:  # what the request quotes of the draft ("step 1 is just "add a line to my checklist"") asks nothing
        request = re.sub(r"[\"“][^\"”]*[\"”]", " ", request)
    return any(pattern.search(request) for kind, pattern in FOR_THE_MODEL.items() if kind not in done)


def unread_date(request: str, read: list[Edit], draft: Draft) -> bool:
    """True when the request states a calendar date or a shift ("put it down for Tue 1st", "3 days later") that the
    program read no date edit for: that part is left to the model rather than dropped. A date inside a fact, the
    words given for a section or a new action's words, or one the draft has already ("not the 11th"), is no date
    edit asked for; beside a date read, another date counts only in a clause about another action or check-in ("due
    date wed 2 dec instead, and move the first check-in to thu 3 dec"; not "… meeting on wed the 9th and I'd like
    my review done before that. so make it due tuesday the 8th")."""
    if any(isinstance(e, ShiftDates) for e in read):
        return False
    if any(isinstance(e, AddFact) for e in read):
        request = without_fact(request)
    if any(isinstance(e, ReplaceSection) for e in read):
        request = without_given(request)
    request = without_wordings(request, read)
    request = re.sub(r"[\"“][^\"”]*[\"”]", " ", request)  # words quoted from the draft
    new_words = " ".join(f"{e.action} {e.measure}" for e in read if isinstance(e, AddAction))
    known = {a.due for a in draft.plan} | {c.date for c in draft.report_back}
    known |= {e.due for e in read if isinstance(e, AddAction) and e.due} | stated_dates(new_words, draft.today)
    dated = [e for e in read if isinstance(e, SetDate)]
    if not dated and not any(isinstance(e, AddAction) and e.due for e in read):
        return bool(stated_dates(request, draft.today) - known or relative_shift(request))
    targets = {(e.target, e.number) for e in dated}
    for clause in re.split(r"(?<=[.!?;])\s+|,\s+(?:and\s+)?", request):
        unread = stated_dates(clause, draft.today) - known - {e.date for e in dated}
        if not unread:
            continue
        action = placed_in(CHECKINS.sub(" ", clause), draft) or named_in(CHECKINS.sub(" ", clause), draft)
        if action is not None and ("action", action) not in targets:
            return True
    return False
