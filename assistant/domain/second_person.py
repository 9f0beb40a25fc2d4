"""A text written to someone that speaks of them by name, turned to speak to them: "I'm sorry that Marta lost her
whole Wednesday" becomes "I'm sorry that you lost your whole Wednesday" when it is written to Marta.

A small model asked to write to its reader often names the reader in the third person. Turning the name and the
pronouns that follow it into "you" is a change of grammar the program can make exactly; where it cannot be sure
(another person in the sentence, both "she" and "he" in it) it leaves the text alone and returns None.
"""

from __future__ import annotations

import re

# After "her": a word that ends the object ("let her down", "told her that …", "cost her a day"), so "her" is
# "you"; before any other word it is "your" ("her whole Wednesday").
_AFTER_OBJECT = frozenset(
    ("a", "an", "the", "down", "up", "in", "on", "at", "to", "for", "with", "about", "that", "this", "and", "or",
     "but", "so", "again", "back", "off", "out", "over", "through", "when", "because", "as", "after", "before",
     "into", "from", "by", "twice", "too", "any", "some")
)  # fmt: skip
# Adverbs that may follow the object: "heard it from her first", "tell her directly".
_ADVERBS = frozenset(
    ("first", "again", "directly", "now", "today", "personally", "yet", "already", "instead", "myself", "too", "either",
     "live")
)  # fmt: skip
_PREPOSITIONS = frozenset(("at", "on", "in", "by", "during", "before", "after", "with", "from", "via", "over"))
# Capitalised words that are not people.
_NOT_PEOPLE = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
     "april", "may", "june", "july", "august", "september", "october", "november", "december", "mon", "tue", "tues",
     "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
     "sept", "oct", "nov", "dec")
)  # fmt: skip
# Verbs that agree with "you" instead of "she"/"he".
_AGREE = {
    "has": "have", "hasn't": "haven't", "was": "were", "wasn't": "weren't", "is": "are", "isn't": "aren't",
    "does": "do", "doesn't": "don't", "needs": "need", "wants": "want", "deserves": "deserve", "knows": "know",
    "trusts": "trust", "expects": "expect", "relies": "rely", "gets": "get", "sees": "see", "feels": "feel",
    "says": "say", "thinks": "think", "counts": "count",
}  # fmt: skip
_PRONOUNS = {"she": ("she", "her", "hers", "herself"), "he": ("he", "him", "his", "himself")}
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
_WORD = re.compile(r"[\w'’]+")


def _ends_with(words: list[re.Match[str]], i: int) -> bool:
    """True when word ``i`` is an adverb that ends its clause ("from her first.") or comes before a preposition
    ("demo it to her live at the standup")."""
    if i >= len(words) or words[i].group().lower() not in _ADVERBS:
        return False
    rest = words[i].string[words[i].end() :]
    after = words[i + 1].group().lower() if i + 1 < len(words) and rest[:1] == " " else ""
    return not rest.strip() or rest.lstrip()[:1] in ",.;:!?-–—)" or after in _PREPOSITIONS


def _no_person(word: str) -> bool:
    """True for a capitalised word that names no one, also as a plural or possessive ("Thursdays team sync")."""
    low = word.lower()
    return low in _NOT_PEOPLE or re.sub(r"(?:'s|’s|s)$", "", low) in _NOT_PEOPLE


def _turned(sentence: str, name: str, *, seen: bool = False) -> str | None:
    """One sentence that names ``name`` (or, when ``seen``, speaks of them as "she" or "he"), turned to "you"; None
    when it cannot be done surely."""
    lower = sentence.lower()
    genders = [g for g, words in _PRONOUNS.items() if any(re.search(rf"\b{w}\b", lower) for w in words)]
    others = {w for w in _CAPITALISED.findall(sentence) if w not in (name, "I") and not _no_person(w)}
    if len(genders) > 1 or (genders and others - {sentence.split()[0]}):  # whose "her" is it?
        return None
    pronouns = _PRONOUNS[genders[0]] if genders else ()
    # a vocative at the start ("Marta, I'm sorry …") is dropped
    sentence = re.sub(rf"^{re.escape(name)},\s*(\w)", lambda m: m.group(1).upper(), sentence)
    sentence = re.sub(rf",\s*{re.escape(name)}(?:,|(?=[.!?;:]))", "", sentence)  # "Sorry, Marta." "I know, Marta, …"
    words = list(_WORD.finditer(sentence))
    parts: list[str] = []
    done = 0
    previous = ""
    for i, match in enumerate(words):
        word, low = match.group(), match.group().lower()
        after = sentence[match.end() :]
        nxt = words[i + 1].group().lower() if i + 1 < len(words) and after[:1] == " " else ""
        new: str | None = None
        if word in (name, f"{name}'s", f"{name}’s"):
            new, seen = ("your" if word != name else "you"), True
        elif seen and low in pronouns:
            if low in ("she", "he"):
                new = "you"
            elif low in ("herself", "himself"):
                new = "yourself"
            elif low == "hers" or (low == "his" and not nxt):
                new = "yours"
            elif low == "him" or (low == "her" and (not nxt or nxt in _AFTER_OBJECT or _ends_with(words, i + 1))):
                new = "you"
            else:  # "her whole Wednesday", "his team"
                new = "your"
        elif previous == "you" and low in _AGREE:
            new = _AGREE[low]
        if new is not None:
            if match.start() == 0:
                new = new[:1].upper() + new[1:]
            parts += [sentence[done : match.start()], new]
            done = match.end()
        previous = (new or word).lower()
    return "".join(parts) + sentence[done:]


def addressed_to(text: str, name: str) -> str | None:
    """``text`` written to ``name`` as "you" where it speaks of them by name; None when it does not name them or
    a sentence naming them cannot be turned surely. Only the sentences that name them change."""
    if not name or not re.search(rf"\b{re.escape(name)}\b", text):
        return None
    turned = []
    for sentence in _SENTENCES.split(text.strip()):
        if re.search(rf"\b{re.escape(name)}\b", sentence):
            new = _turned(sentence, name)
            if new is None:
                return None
            turned.append(new)
        else:
            turned.append(sentence)
    return " ".join(turned)


_DOING = re.compile(
    r"(?:'s|’s|\s+(?:asked|said|says|wants|wanted|will|is|has|had|was|can|could|thinks|told|offered|needs|agreed|"
    r"and|from|in|at|of|on)\b)"
)


def given_to(words: str, name: str, request: str) -> str:
    """New words the user gives for a message to ``name``, where they speak of the reader as "she" or "he" (as one
    does when asking for them: "say I'll demo the gate to her live"), turned to "you", when the request names no one
    else the pronoun could be; else the words as they are."""
    others = {
        m.group()
        for sentence in _SENTENCES.split(request)
        for m in _CAPITALISED.finditer(sentence)
        # a word that starts the sentence is someone only when someone's doing follows ("Priya asked; …"), not
        # "Change the closing line"
        if (m.start() > 0 or _DOING.match(sentence, m.end())) and m.group() != name and not _no_person(m.group())
    }
    if others:
        return words
    turned = []
    for sentence in _SENTENCES.split(words.strip()):
        lower = sentence.lower()
        speaks_of = any(re.search(rf"\b{w}\b", lower) for ws in _PRONOUNS.values() for w in ws)
        turned.append((_turned(sentence, name, seen=True) if speaks_of else None) or sentence)
    return " ".join(turned)
