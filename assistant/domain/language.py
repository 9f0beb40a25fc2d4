"""A cheap guess at the notes' language, so every step answers in it (no extra dependencies).

Scripts (Cyrillic, CJK, Arabic, ...) are told apart by their characters; Latin-script
languages by how many of their most common short words the notes use. The guess only
steers the prompt ("write in German"); it never blocks anything. Also a rough English
stem (:func:`stem`), so the validator and the progress reading compare "added" with "add".
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_STOPWORDS: dict[str, frozenset[str]] = {
    "English": _word_set(
        "the and i to of a was my in it that we on for is with didn't not have had be this at our but "
        "so me did were an by from they he she you"
    ),
    "German": _word_set(
        "der die das und ich nicht ist war mit ein eine zu auf den dem für es hat habe wir von im auch "
        "mein meine sich aber wurde"
    ),
    "French": _word_set(
        "le la les et je de des un une est pas à en du que qui pour avec mon ma mes il nous sur ai été au ce dans"
    ),
    "Spanish": _word_set(
        "el la los las y yo de que en un una es no por con para mi mis se lo del al fue he como pero su nos"
    ),
    "Portuguese": _word_set(
        "o a os as e eu de que em um uma é não por com para meu minha se do da no na foi mas nos ao"
    ),
    "Italian": _word_set(
        "il lo la le e io di che in un una è non per con mio mia si del della ho ma al sono stato gli"
    ),
    "Dutch": _word_set("de het een en ik niet is was met op te van voor dat die mijn we zijn heb heeft maar ook aan"),
}

_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("Japanese", r"[\u3040-\u30ff]"),
    ("Korean", r"[\uac00-\ud7af]"),
    ("Chinese", r"[\u4e00-\u9fff]"),
    ("Russian", r"[\u0400-\u04ff]"),
    ("Greek", r"[\u0370-\u03ff]"),
    ("Arabic", r"[\u0600-\u06ff]"),
    ("Hebrew", r"[\u0590-\u05ff]"),
    ("Hindi", r"[\u0900-\u097f]"),
    ("Thai", r"[\u0e00-\u0e7f]"),
)


def detect_language(text: str) -> str | None:
    """The notes' language as an English name ("German"), or None when it is English or unclear."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    for name, pattern in _SCRIPTS:
        if len(re.findall(pattern, text)) >= max(3, len(letters) // 4):
            return name
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 4:
        return None
    scores = {name: sum(w in stop for w in words) for name, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda name: scores[name])
    if best == "English" or scores[best] <= scores["English"] or scores[best] < 2:
        return None
    return best


def english_words(text: str) -> int:
    """How many of English's commonest words ``text`` uses ("i" aside, which Italian and Portuguese use too)."""
    return sum(w.lower() in _STOPWORDS["English"] and w.lower() != "i" for w in _WORD.findall(text))


def looks_english(text: str) -> bool:
    """Whether the text is recognisably English (a few of its commonest words, and no other language guessed)."""
    words = [w.lower() for w in _WORD.findall(text)]
    return detect_language(text) is None and sum(w in _STOPWORDS["English"] for w in words) >= 2


def language_instruction(notes: str) -> str:
    """The prompt line that tells every step which language to write in."""
    language = detect_language(notes)
    if language is None:
        return "Write every text in the language of my notes."
    return f"My notes are in {language}: write every text in {language}, even though these instructions are in English."


_IRREGULAR = {
    "written": "writ",
    "wrote": "writ",
    "done": "do",
    "made": "mak",
    "sent": "send",
    "told": "tell",
    "spoken": "spok",
    "spoke": "spok",
    "built": "build",
    "begun": "begin",
    "met": "meet",
    "set": "set",
    "put": "put",
    "run": "run",
    "ran": "run",
    "found": "find",
    "taken": "tak",
    "took": "tak",
    "given": "giv",
    "gave": "giv",
    "drawn": "draw",
    "shown": "show",
    "caught": "catch",
    "brought": "bring",
}


def stem(word: str) -> str:
    """A rough English stem of ``word``, so "added", "adds" and "add" compare equal."""
    word = word.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix in ("ied", "ed", "en", "ing", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] if suffix != "ied" else word[:-3] + "y"
    return word
