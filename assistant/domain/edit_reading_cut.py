"""A refine request to take words out of the message (:func:`read_cut`): "take out the bit where I say it weighs on
me", "the 'that weighs on me' stuff is a lot for her", "less emotional please, she doesn't need my feelings".

The program finds the words in the pain, the ownership or the positive statement and drops the clause that holds them
(", and that weighs on me"), or the sentence when it has one clause. Asked only for less feeling, it drops the
pain's feelings clause (the one the program itself writes, :data:`~assistant.domain.settle.WORDINGS`). The rest of
the section stays word for word, so nothing the user did not ask about changes; a small model asked for this rewrote
every section.
"""

from __future__ import annotations

import re

from assistant.domain.edit_reading_dates import cues
from assistant.domain.edit_types import ReplaceSection
from assistant.domain.schema import Draft

_PROSE = ("pain", "ownership", "positive")
# Asks to take something out, or finds it too much.
_CUT = cues(
    r"take (?:\w+ ){0,6}out\b", r"remove", r"cut\b", r"drop\b", r"lose\b", r"delete", r"get rid of", r"leave out",
    r"without (?:the|that)\b", r"(?:is|are|feels?) (?:a bit |way )?(?:a lot|too much|over the top|much)", r"cringe",
    r"dial (?:\w+ ){0,2}down", r"tone (?:\w+ ){0,2}down", r"less emotional", r"streich", r"weg\b", r"quita", r"enlève",
)  # fmt: skip
# Asks for less feeling, with no words quoted: the pain's feelings clause goes.
_LESS_FEELING = cues(
    r"less emotional", r"(?:the |my )?feelings? (?:part|bit|stuff|down)",
    r"(?:doesn't|does not|don't) need my feelings",
    r"without (?:the |my )?feelings", r"dial (?:the |my )?(?:feelings?|emotions?) down", r"weniger emotional",
    r"menos emotiv", r"moins émoti",
)  # fmt: skip
# Words in double quotes, or in single quotes that are no apostrophes ("don't love 'that weighs on me'").
_QUOTED = re.compile(r"[\"“]([^\"”]{6,120})[\"”]|(?<!\w)[‘']([^’']{6,80})[’'](?!\w)")
_SAID = re.compile(
    r"\b(?:bit|part|line|sentence|stuff)(?:\s+(?:at|in|near|towards?)\s+the\s+(?:end|start|beginning|top|bottom))?"
    r"\s+(?:where|about|that says|saying|when)\s+(?:i\s+(?:say|said|write|wrote)\s+)?"
    r"(?P<words>[^,.;!?]{6,80})",
    re.IGNORECASE,
)
# What the request says may stay: "the part about the responsibility being mine can stay".
_STAYS = re.compile(
    r"\b(?:can|may|should|must) (?:stay|remain)\b|\bstays\b|\bis fine\b|\b(?:i'd )?keep\b", re.IGNORECASE
)
_CLAUSES = re.compile(r",\s+(?:and|but)\s+|;\s+")
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[a-zà-ÿ']+")
_NAMING = 6  # letters of a word that names what a clause is about ("decision"), not a small word ("it", "my")
_FEELINGS = ("weighs on me", "belastet mich", "me pesa", "me pèse")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def holds(text: str, said: str) -> bool:
    """True when ``text`` holds what the user quotes or says it holds: three of its words in a row ("I say it weighs
    on me" holds for "that weighs on me"; "being committed to making this right sounds like a press release" for
    "I'm committed to making this right"), or all of them when it has fewer, or two with a long word among them."""
    asked, words = _words(said), _words(text)
    n = min(3, len(asked))
    if n < 2:
        return False
    runs = {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}
    if any(tuple(asked[i : i + n]) in runs for i in range(len(asked) - n + 1)):
        return True
    # two words in a row, one of them long enough to name the thing: "the line about it being my decision" holds
    # for "That was my decision"
    pairs = {tuple(words[i : i + 2]) for i in range(len(words) - 1)}
    return any(pair in pairs and max(map(len, pair)) >= _NAMING for pair in zip(asked, asked[1:], strict=False))


def _without(section: str, said: str) -> str | None:
    """``section`` without the clause (or, when it has one, the sentence) that holds ``said``; None when none
    does."""
    sentences = _SENTENCES.split(section.strip())
    for i, sentence in enumerate(sentences):
        if not holds(sentence, said):
            continue
        parts = _CLAUSES.split(sentence.rstrip(".!? "))
        kept = [p for p in parts if not holds(p, said)]
        ending = sentence.rstrip()[-1] if sentence.rstrip()[-1:] in ".!?" else "."
        rest = ", ".join(kept).strip()
        rest = rest[:1].upper() + rest[1:]  # "… on you too, and that weighs on me" without its first clause
        sentences[i] = f"{rest}{ending}" if rest and len(kept) < len(parts) else ""
        text = " ".join(s for s in sentences if s)
        return text if text != section.strip() else None
    return None


def _said_words(request: str) -> list[str]:
    said = [m.group(1) or m.group(2) for m in _QUOTED.finditer(request)]
    said += [m["words"] for m in _SAID.finditer(request)]
    return [words for words in said if not _STAYS.search(words)]


def read_cut(request: str, draft: Draft) -> ReplaceSection | None:
    """The one prose section without the words the request asks to take out, quoted or said ("the bit where I say
    …"), or without the pain's feelings clause when the request asks for less feeling; else None."""
    if not _CUT.search(request) and not _LESS_FEELING.search(request):
        return None
    cuts: list[ReplaceSection] = []
    actions = [a.action for a in draft.plan]
    for said in _said_words(request):
        if any(said.lower().strip(" .") in action.lower() for action in actions):  # '"Tell Renata about …"': an action
            continue
        for section in _PROSE:
            text = _without(getattr(draft, section), said)
            if text:
                cuts.append(ReplaceSection(section=section, text=text))  # type: ignore[arg-type]
    if not cuts and _LESS_FEELING.search(request):
        for feeling in _FEELINGS:
            if (text := _without(draft.pain, feeling)) is not None and text:
                cuts.append(ReplaceSection(section="pain", text=text))
                break
    return cuts[0] if len(cuts) == 1 else None
