"""Assemble the message from the six parts, without a model: the default way a message is made.

The parts have each passed their own checks, so the program puts them together in the
order of the six steps, in one voice, for the channel and tone asked for: a greeting with the
leader's first name (or none), each part once (a sentence that repeats an earlier one is
dropped), the plan with its due dates, the check-in dates, and a sign-off. Long parts are cut
to their first sentences until the message fits the length asked for.
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.domain.harm_said import addressed_to
from assistant.domain.language import detect_language
from assistant.domain.notes_reading import impact_in_notes
from assistant.domain.schema import CheckIn, Draft, DraftOptions, Message, PlanAction
from assistant.domain.settle import (
    WORDINGS,
    Wording,
    greeting,
    habit_clause,
    lower_first,
    plain_words,
    sign_off,
    wording,
)
from assistant.domain.text_checks import LENGTH_WORDS, message_size

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“(])")
_WORDS = re.compile(r"[a-z0-9']+")


def first_sentences(text: str, n: int) -> str:
    """The first ``n`` sentences of ``text`` (all of it when it has fewer)."""
    sentences = _SENTENCE_END.split(text.strip())
    return " ".join(sentences[:n]).strip()


def impact_sentence(pain: str) -> str:
    """The pain's one sentence for a short message: one that says sorry and names the harm with a figure, else
    the first that says sorry, else the first."""
    sentences = _sentences(pain)
    if not sentences:
        return ""

    def rank(sentence: str) -> tuple[bool, bool, int]:
        sorry = bool(_REGRET.search(sentence))
        return sorry, sorry and any(ch.isdigit() for ch in sentence), -sentences.index(sentence)

    return max(sentences, key=rank)


_REGRET = re.compile(r"\b(?:sorry|regret|apologi[sz]e|weighs on me|bothers me)\b", re.IGNORECASE)


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def _same(a: str, b: str) -> bool:
    """Two sentences that say the same thing: they share most of their words (a sentence that only
    contains another one and adds more, such as the harm, is not a repeat)."""
    wa, wb = set(_WORDS.findall(a.lower())), set(_WORDS.findall(b.lower()))
    if not wa or not wb:
        return False
    return len(wa & wb) / len(wa | wb) >= 0.6


def _without_repeats(parts: list[str]) -> list[str]:
    """Each part with the sentences that repeat an earlier part's sentence removed."""
    seen: list[str] = []
    out: list[str] = []
    for part in parts:
        kept = [s for s in _sentences(part) if not any(_same(s, earlier) for earlier in seen)]
        seen += kept
        out.append(" ".join(kept))
    return out


def _shortened(draft: Draft, level: int) -> Draft:
    """The draft cut to fit a shorter message, least important words first:
    1 – pain and positive to one sentence; 2 – one lesson; 3 – two actions; 4 – ownership to its first sentence;
    5 – the lesson to what changes; 6 – one action; 7 – the positive to its first clause; 8 – the ownership to
    its first clause (the act, without what follows it); 9 – the pain to its first clause.
    The ownership statement keeps its act to the end: it is what the leader reads the message for."""
    language = detect_language(draft.notes)
    update: dict[str, object] = {
        "pain": impact_sentence(draft.pain),
        "positive": first_sentences(draft.positive, 1),
        "lessons": [first_sentences(lesson, 1) for lesson in draft.lessons],
    }
    if level >= 2:
        update["lessons"] = [first_sentences(lesson, 1) for lesson in draft.lessons[:1]]
    if level >= 3:
        update["plan"] = draft.plan[:2]
        update["report_back"] = _checkins_for(draft, draft.plan[:2])
    if level >= 4:
        update["ownership"] = first_sentences(draft.ownership, 1)
    if level >= 5:
        update["lessons"] = [change_clause(lesson, language) for lesson in update["lessons"]]  # type: ignore[attr-defined]
    if level >= 6:
        update["plan"] = update["plan"][:1]  # type: ignore[index]
        update["report_back"] = _checkins_for(draft, draft.plan[:1])
    if level >= 7:
        update["positive"] = _first_clause_of(str(update["positive"]))
    if level >= 8:
        update["ownership"] = first_clause(str(update["ownership"]))
    if level >= 9:
        update["pain"] = _first_clause_of(str(update["pain"]))
    return draft.model_copy(update=update)


def _without_habit(action: PlanAction, words: Wording, learned: str) -> PlanAction:
    """The checklist action ('Add "check X" to my checklist for this work') without the habit when the lesson
    just before it in the message says it: 'Add that step to my checklist for this work'."""
    head, _, tail = words.checklist[0].partition("{habit}")
    if not (action.action.startswith(head) and action.action.endswith(tail)):
        return action
    habit = action.action[len(head) : len(action.action) - len(tail)].strip().lower()
    return action.model_copy(update={"action": words.checklist_short}) if habit in learned.lower() else action


def first_clause(sentence: str, *, least: int = 5) -> str:
    """The sentence up to its first comma, when that part can stand alone (``least`` words or more)."""
    head = re.split(r",\s+", sentence.strip(), maxsplit=1)[0].rstrip(".")
    return f"{head}." if len(head.split()) >= least else sentence


def _checkins_for(draft: Draft, plan: list[PlanAction]) -> list[CheckIn]:
    """The check-ins that report on the actions a shortened message still names."""
    if not plan:
        return draft.report_back
    last = max(a.due for a in plan)
    kept = [c for c in draft.report_back if c.date <= last + dt.timedelta(days=3)]
    return kept or draft.report_back[:1]


_CHANGE = re.compile(r"(?:,|;|—|–)\s*(?:so|and so|which is why)\s+(I (?:now|will|'ll)\b.*)$", re.IGNORECASE)


def change_clause(lesson: str, language: str | None = None) -> str:
    """What changes, from a lesson of the form "X let this happen, so I now Y": "I now Y." (in German "Ab jetzt:
    Y."; else the lesson)."""
    match = _CHANGE.search(lesson.strip())
    return match.group(1)[:1].upper() + match.group(1)[1:] if match else habit_clause(lesson, language)


def _fits(message: Message, options: DraftOptions) -> bool:
    return message_size(message.body, options.channel) <= LENGTH_WORDS[options.channel][options.length]


def assemble_message(draft: Draft, options: DraftOptions, subject: str = "") -> Message:
    """The six parts as an email, a chat message or talking points (``subject`` kept if given), cut to fit
    the channel and length asked for: whole parts when they fit, else the least important words first."""
    message = _assemble(draft, options, subject)
    for level in range(1, 10):
        if _fits(message, options):
            break
        message = _assemble(_shortened(draft, level), options, subject)
    return message


def _action(action: PlanAction, words: Wording) -> str:
    text = action.action.strip().rstrip(".")
    if words is WORDINGS[None]:  # "I will add ..." in English; other languages keep the action as written
        text = lower_first(text)
    return f"{words.will.format(action=text)} ({words.by} {words.days(action.due)})"


def _when(checkins: list[CheckIn], channel: str, words: Wording) -> str:
    if not checkins:
        return ""
    days = [words.days(c.date) for c in checkins]
    listed = days[0] if len(days) == 1 else ", ".join(days[:-1]) + f" & {days[-1]}"
    if words is WORDINGS[None] and len(days) > 1:
        listed = ", ".join(days[:-1]) + f" and {days[-1]}"
    return (words.report if channel == "email" else words.report_short).format(days=listed)


def subject_for(draft: Draft) -> str:
    """A plain subject line."""
    return "My mistake, and what I'm doing about it"


def _first_clause_of(sentence: str) -> str:
    """A sentence cut before its ", and ..." (", und", ", et", ", y"): the short form of a commitment."""
    return re.split(r",\s+(?:and|und|et|y|e|en)\s+|;\s+", sentence, maxsplit=1)[0].rstrip(".") + "."


def _assemble(draft: Draft, options: DraftOptions, subject: str) -> Message:
    language = detect_language(draft.notes)
    words = wording(language)
    leader = options.leader or draft.facts.leader_name
    hello = greeting(leader, options.channel, options.tone, language)
    bye = sign_off(options.sender, options.channel, options.tone, language)
    ownership, pain, *lessons, positive = _without_repeats(
        [draft.ownership, draft.pain, *draft.lessons, draft.positive]
    )
    if draft.positive.strip() and not positive:  # it only said the lesson again: the program's commitment instead
        positive = words.committed if options.channel == "email" else _first_clause_of(words.committed)
    # A lesson that opens with the act the ownership already says keeps what changes ("I now ..."): the
    # message never loses its step of learning to a repeat.
    lessons = [kept or change_clause(whole, language) for kept, whole in zip(lessons, draft.lessons, strict=True)]
    lessons = list(dict.fromkeys(lesson for lesson in lessons if lesson and lesson != "I now."))
    if not pain.replace(words.landed, "").strip() and not _REGRET.search(ownership):
        # the pain failed, or only said the act again, and the ownership says no sorry: the leader still reads
        # regret for the harm intake quoted and checked, else for the line of the notes the program finds
        harm = plain_words(draft.facts.impact or impact_in_notes(draft.notes), language).rstrip(". ")
        harm = addressed_to(harm, leader) if language is None else harm
        pain = f"{words.sorry.format(harm=harm)} {words.landed}" if harm else words.landed
    actions = [_action(_without_habit(a, words, " ".join(lessons[:1])), words) for a in draft.plan]
    when = _when(draft.report_back, options.channel, words)
    subject = subject or subject_for(draft)
    learned = f"{words.learned} " + " ".join(lessons) if lessons else ""
    if options.channel == "talking_points":
        lines = [impact_sentence(pain), first_sentences(ownership, 1)]
        lines += [f"{words.learned} {lessons[0]}" if lessons else ""]
        lines += actions[:3] + [first_sentences(positive, 1), when]
        body = "\n".join(f"- {line}" for line in lines if line)
        return Message(channel="talking_points", subject=subject, body=body, assembled=True)
    if options.channel == "chat":
        plan = f"{words.plan} {'; '.join(actions[:3])}." if actions else ""
        parts = [hello, pain, ownership, learned, plan, positive, when, bye]
        return Message(channel="chat", subject=subject, body=" ".join(p for p in parts if p).strip(), assembled=True)
    plan = f"{words.plan}\n" + "\n".join(f"- {a}" for a in actions) if actions else ""
    blocks = [hello, pain, ownership, learned, plan, positive, when, bye]
    return Message(channel="email", subject=subject, body="\n\n".join(b for b in blocks if b).strip(), assembled=True)
