"""Refine, a section written again (``prompts/refine_rewrite.md``): the program chose the section from the request
(:func:`assistant.domain.edit_reading_rewrite.rewrites_asked`) and puts the answer in as a
:class:`~assistant.domain.edit_types.ReplaceSection`; the model only writes the words.
"""

from __future__ import annotations

import re

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable

from assistant.chains._step import Check, FormatState, build_step_chain
from assistant.domain.edit_guards import says_the_same
from assistant.domain.edit_reading_rewrite import says_what_to_rewrite, sentences
from assistant.domain.edit_types import RewriteOutput, Section
from assistant.domain.second_person import addressed_to
from assistant.domain.step_inputs import StepInputs
from assistant.domain.text_checks import finish_sentences, not_blank

_WORDS = re.compile(r"\w+")

# Each section as the prompt names it, and what it must still do as a step of trust repair.
PARTS: dict[Section, tuple[str, str]] = {
    "pain": ("apology", "One or two sentences, starting \"I'm sorry\"."),
    "ownership": ("ownership statement", "One to three sentences: what I did, and that it is on me."),
    "lessons": ("lesson", "One or two sentences: what I do differently now."),
    "positive": ("closing line", "One sentence."),
    "subject": ("subject line", "A few words."),
}  # fmt: skip
# One worked example a section, from another case (a bakery): the old text, a request, the answer.
_EXAMPLES: dict[Section, tuple[str, str, str]] = {
    "pain": ("I'm sorry the oven log shows 3 trays burnt on Tuesday.",
             "the apology reads like a log. what I'm sorry about is that 40 customers got no bread and that you had "
             "to call the supplier yourself",
             "I'm sorry that 40 customers got no bread, and that because of me you had to call the supplier yourself."),
    "ownership": ("I burnt the trays.",
                  "the ownership is too bare, say why: I skipped the timer because I was rushing the morning batch",
                  "I burnt the trays: I skipped the timer because I was rushing the morning batch, and that was my "
                  "call."),
    "lessons": ("I need to be more careful with the ovens.",
                "the lesson is off, care was never the problem: the bake schedule only lived on my phone, so nobody "
                "else could see it. rewrite the lesson around that",
                "The bake schedule goes on the kitchen board, where the whole team sees it, not only on my phone."),
    "positive": ("I'm confident the new tray check will catch this, and you will have the new ovens by Friday.",
                 "the last line promises the ovens by friday, I can't promise that, the supplier decides. just say "
                 "I'm on it and will keep her posted",
                 "I'm on it, and I'll keep you posted on the ovens as soon as the supplier confirms a date."),
    "subject": ("Burnt trays", "make the subject say it is about Tuesday's bread", "Tuesday's missing bread"),
}  # fmt: skip


def rewrite_example(section: Section) -> str:
    """The worked example for ``section``, as the prompt shows it."""
    old, request, answer = _EXAMPLES[section]
    part = PARTS[section][0]
    return (f'Example for another case.\nRequest: "{request}" (the old {part} was: "{old}")\n'
            f'Answer: {{"text": "{answer}"}}\n')  # fmt: skip


_OBJECTS = re.compile(
    r"can'?t promise|cannot promise|not true|isn'?t true|wrong|\boff\b|fix (?:that|it|this)|leave .{0,40}\bout\b|"
    r"don'?t (?:want|mention|say)|talks about|still (?:says|mentions)",
    re.IGNORECASE,
)
_CANNOT_PROMISE = re.compile(r"\b(?:can'?t|cannot|can not|won'?t be able to) promise\b", re.IGNORECASE)
_BY_WHEN = re.compile(
    r"\b(?:by|before|until) (?:the )?(?:(?:end|middle|start) of |mid-?|early |late |next )?(?:\d|january|february|"
    r"march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|"
    r"friday|week|month|christmas|the holidays)\w*",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“]([^\"”]{4,120})[\"”]")
_LEFT_OUT = re.compile(r"\bleave (?P<what>(?:[\w'-]+ ){1,4}?)out\b", re.IGNORECASE)
_PROMISED = re.compile(r"\bpromises? (?:(?:that|to) )?(?P<what>[^.;!?]{6,120}?)\s*(?:[-–—,.;]|$)", re.IGNORECASE)


# The request says the old text as a whole is wrong ("The lesson is off.", "That isn't really it.", "Checking my
# calendar was never the problem"), not one phrase of it.
_ALL_WRONG = re.compile(
    r"\b(?:is|'s|reads?|sounds?) (?:\w+ )?(?:off|wrong|backwards|inaccurate|not accurate|not right|beside the point)\b|"
    r"\b(?:isn'?t|is not|wasn'?t|was not) (?:really |quite )?(?:it|right|the point|the problem|the issue)\b|"
    r"\bwas never the (?:problem|issue|point)\b|\bmakes? it sound like\b",
    re.IGNORECASE,
)
_LEAST_KEPT_WORDS = 8


def old_sentences_kept(out: RewriteOutput, inputs: StepInputs) -> list[str]:
    """The answer's sentences that the old text holds word for word (eight words at least), when the request says
    the old text is wrong as a whole: the model kept what the user objected to ("I now check my personal calendar
    …" after "The lesson is off … rewrite the lesson around that")."""
    request = inputs.texts.get("request", "")
    if not any(_ALL_WRONG.search(s) and not _QUOTED.search(s) for s in sentences(request)):
        return []
    old = f" {_plain(inputs.texts.get('current', ''))} "
    return [s for s in sentences(out.text) if len(_WORDS.findall(s)) >= _LEAST_KEPT_WORDS and f" {_plain(s)} " in old]


def _plain(text: str) -> str:
    """``text``'s words, lower case, one space apart (for finding one text's words in another)."""
    return " ".join(_WORDS.findall(text.lower()))


def objected(request: str, before: str) -> list[str]:
    """What the request objects to in the old text: a phrase of it quoted in a sentence that objects ("the last line
    still talks about a "personal calendar check", fix that"), or what it promises that the user cannot ("the last
    line promises I'll show her the gate working by mid-december - I can't promise that")."""
    found = []
    old = _plain(before)
    for sentence in sentences(request):
        if not _OBJECTS.search(sentence):
            continue
        said = [(m.group(1), 3) for m in _QUOTED.finditer(sentence)]
        said += [(m.group("what"), 3) for m in _PROMISED.finditer(sentence)]
        said += [(m.group("what"), 1) for m in _LEFT_OUT.finditer(sentence)]
        for phrase, shortest in said:
            words = [w for w in _WORDS.findall(phrase.lower()) if shortest > 1 or w not in ("the", "a", "an", "any")]
            # its longest run of words that the old text holds (``shortest`` at least)
            runs = [words[i:j] for i in range(len(words)) for j in range(len(words), i + shortest - 1, -1)]
            held = [" ".join(r) for r in sorted(runs, key=len, reverse=True) if f" {' '.join(r)} " in f" {old} "]
            found.extend(held[:1])
    return found


def request_copied(text: str, request: str) -> str | None:
    """What the request asks or says of the section, copied into ``text`` ("The lesson is off. … Rewrite the lesson
    around that."): a short sentence of it, or eight of its words in a row, that ask it; not the facts it states,
    which the new text may well repeat ("… so it says I'm sorry staff salaries were exposed …"). None if none is."""
    said = _plain(text)
    for sentence in sentences(request):
        asked = _WORDS.findall(sentence.lower())
        runs = [" ".join(asked[i : i + 8]) for i in range(max(1, len(asked) - 7))] if len(asked) >= 3 else []
        copied = next((run for run in runs if f" {run} " in f" {said} " and says_what_to_rewrite(run)), None)
        if copied:
            return copied
    return None


# The request wants no date in the text: "so it doesn't give a date at all", "I can't promise that".
_NO_DATE = re.compile(
    r"\b(?:(?:does ?n[o']t|do ?n[o']t|without|no|not) (?:give |say |mention |promise |name |put )?(?:a |any |the )?"
    r"(?:date|deadline)s?\b|can'?t promise|cannot promise|means nothing)",
    re.IGNORECASE,
)


def objected_dates(request: str, before: str) -> list[str]:
    """The date promises of the old text ("by mid-December") that the request repeats, when it wants no date there
    ("the last line promises her the gate "by mid-December" … rewrite it so it doesn't give a date at all")."""
    if not _NO_DATE.search(request):
        return []
    asked = f" {_plain(request)} "
    return [said for m in _BY_WHEN.finditer(before) if f" {(said := _plain(m.group()))} " in asked]


def _without_phrase(text: str, phrase: str) -> str:
    """``text`` without ``phrase`` (its words in order, whatever the punctuation between them)."""
    words = r"\W+".join(re.escape(w) for w in phrase.split())
    return re.sub(rf"[,;]?\s*\b{words}\b", "", text, flags=re.IGNORECASE).strip()


def rewrite_problems(out: RewriteOutput, inputs: StepInputs) -> list[str]:
    """Problems of an answer: blank; the text as it was; what the request objects to still in it; a question; the
    leader named in the third person; the request's asking or the example copied; a date the user cannot promise."""
    problems = not_blank("text", out.text)
    before, request = inputs.texts.get("current", ""), inputs.texts.get("request", "")
    said = _plain(out.text)
    if not problems and says_the_same(out.text, before):  # what the program would refuse as "already says so"
        problems.append("this is the text as it was: write it again as my request asks")
    for phrase in objected(request, before):
        if f" {phrase} " in f" {said} ":
            problems.append(f"it still says '{phrase}', which my request objects to: leave that out")
    for kept in old_sentences_kept(out, inputs):
        problems.append(f"it keeps '{kept}' from the old text, which my request says is wrong: leave it out")
    if "?" in out.text:
        problems.append("it asks a question: write only the new text")
    leader = _leader(inputs)
    if leader and re.search(rf"\b{re.escape(leader)}\b", out.text):  # "I'm sorry that Marta lost her Wednesday"
        problems.append(f'it speaks of {leader} as someone else, but it is written to {leader}: say "you"')
    if copied := request_copied(out.text, request):
        problems.append(f"it copies my request ('{copied}'): write the new text itself")
    # the example's request or old text (its answer is the shape asked for: "I'm on it, and I'll keep you posted"):
    # six words in a row, one of them a word of the example's case that my request, notes and old text never use
    # ("care was never the problem: … only lived on my phone"; not "so nobody else could see it", all words of mine)
    example = _WORDS.findall(inputs.texts.get("example", "").split("Answer:")[0].lower())
    mine = set(_WORDS.findall(f"{request} {inputs.notes} {before}".lower()))
    example_runs = {tuple(example[i : i + 6]) for i in range(len(example) - 5)}
    if any(f" {' '.join(run)} " in f" {said} " and not set(run) <= mine for run in example_runs):
        # worded as the runner's example problems start, so the re-ask leaves the example out
        problems.append("You copied the example for another case: write about my case")
    if _CANNOT_PROMISE.search(request) and (when := _BY_WHEN.search(out.text)):
        problems.append(f"it still promises a date ('{when.group()}'), which my request says I cannot promise: "
                        "leave the date out")  # fmt: skip
    return problems


def _leader(inputs: StepInputs) -> str:
    """The leader's first name, as the prompt names them."""
    named = inputs.leader or (inputs.facts.leader_name if inputs.facts else "") or ""
    return next(iter(named.split(",")[0].split()), "")


def mended(out: RewriteOutput, inputs: StepInputs) -> RewriteOutput | None:
    """The answer as the program can mend it, or None when there is nothing it can mend: written to the leader as
    "you" where it names them in the third person ("I'm sorry that Marta lost her Wednesday" → "… that you lost your
    Wednesday"), and without the old text's sentences it kept when the request says the old text is wrong, or its
    sentences that copy what the request asks (when something else is left), or a date promise the request objects
    to ("by mid-December")."""
    text, request = out.text, inputs.texts.get("request", "")
    kept = old_sentences_kept(out, inputs)
    rest = [s for s in sentences(text) if s not in kept]
    if kept and rest:
        text = " ".join(rest)
    # a sentence of it that copies what the request asks ("Don't make it sound like I'm hiding behind being sick.")
    copying = [s for s in sentences(text) if request_copied(s, request)]
    if copying and len(copying) < len(sentences(text)):
        text = " ".join(s for s in sentences(text) if s not in copying)
    # a date the request objects to the old text promising ("doesn't give a date at all"): that phrase left out
    for phrase in objected_dates(request, inputs.texts.get("current", "")):
        if f" {phrase} " in f" {_plain(text)} ":
            text = _without_phrase(text, phrase)
    text = addressed_to(text, _leader(inputs)) or text
    return None if text == out.text else out.model_copy(update={"text": text})


def tidy_rewrite(out: RewriteOutput) -> RewriteOutput:
    """Trim whitespace and an unfinished last sentence."""
    return out.model_copy(update={"text": finish_sentences(out.text) or out.text.strip()})


def build_refine_rewrite_chain(
    model: BaseChatModel,
    *,
    max_reasks: int = 1,
    format_state: FormatState | None = None,
    extra_check: Check | None = None,
) -> Runnable[StepInputs, RewriteOutput]:
    """Runnable taking :func:`assistant.workflows.step_inputs.rewrite_inputs` and returning :class:`RewriteOutput`."""
    return build_step_chain(
        "refine_rewrite",
        model,
        RewriteOutput,
        max_reasks=max_reasks,
        checks=[rewrite_problems, extra_check],
        format_state=format_state,
        repair=tidy_rewrite,
        salvage=mended,
    )
