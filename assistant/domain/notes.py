"""Checks on the user's notes, made before any model call."""

from __future__ import annotations

import re
import unicodedata

from assistant.domain.errors import InputError, OffTopicError
from assistant.domain.language import looks_english

_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07")
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_BIDI = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]}
# <notes>, </notes> and look-alikes (fullwidth, angle quotes, brackets): the notes may not close their delimiters.
_DELIMITER = re.compile(
    r"[<\uff1c\u2039\u2329\u3008\u27e8]\s*([/\uff0f]?)\s*(notes|request)\s*[>\uff1e\u203a\u232a\u3009\u27e9]", re.I
)
_WORDS = re.compile(r"[^\W\d_]+")
_FIRST_PERSON = frozenset(["i", "i'm", "i've", "i'd", "me", "my", "mine", "we", "we're", "our", "us", "myself"])
_MISTAKE_WORDS = re.compile(
    r"\b(mistake|error|wrong|miss|forg[eo]t|broke|break|fail|lost|lose|late|delay|outage|down\b|bug|incident|"
    r"delet|overr?an|over budget|overspen|blame|sorry|apolog|fault|accident|problem|issue|crash|leak|skipp|"
    r"without|w/o|didn't|did not|should have|deadline|customer|client|manager|boss|lead|team|project|launch|"
    r"deploy|release|report|budget|complain|escalat|angry|upset)",
    re.I,
)


def normalise_text(text: str) -> str:
    """NFC, Unix line ends, no ANSI escapes, control, zero-width or bidi characters, no ``<notes>``-like tags.

    ``<notes>``, ``</notes>``, ``<request>``, ``</request>`` (and look-alikes) become ``(notes)``,
    ``(/notes)`` and so on, so user text can never close the delimiters it is sent in.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _ANSI.sub("", text)
    text = "".join(
        ch
        for ch in text
        if ch in "\n\t" or (ch not in _INVISIBLE and ch not in _BIDI and unicodedata.category(ch) != "Cc")
    )
    return _DELIMITER.sub(lambda m: f"({m.group(1) and '/'}{m.group(2)})", text).strip()


def clean_notes(text: str, *, max_chars: int) -> str:
    """Normalise the notes (NFC, no ANSI, control, zero-width or bidi characters) and check their size.

    See :func:`normalise_text`; long lines are kept as they are.

    Raises :class:`InputError` with a message the user can act on.
    """
    text = normalise_text(text)
    if not text:
        raise InputError("The notes are empty: write a few lines about what happened, its impact and your part in it.")
    if len(text) > max_chars:
        raise InputError(
            f"The notes are {len(text):,} characters; the limit is {max_chars:,}. "
            "Shorten them to the essentials, or raise REGAIN_MAX_NOTES_CHARS."
        )
    return text


def decode_notes(data: bytes, *, source: str) -> str:
    """Decode notes read as bytes; binary or non-UTF-8 input is a clear error."""
    if b"\x00" in data:
        raise InputError(f"{source} looks like a binary file; give a plain-text notes file.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source} is not UTF-8 text (byte {exc.start}); save it as UTF-8 and try again.") from exc


def check_topic(notes: str) -> None:
    """Refuse, kindly and before any model call, notes that cheaply cannot be about a mistake at work.

    Too few words is always refused. English notes with no first-person word and no word about
    work or a mistake (a recipe, a greeting) are refused too; notes in other languages (or too
    terse to tell) pass, and the intake step catches them (it returns empty facts).
    """
    words = _WORDS.findall(notes)
    if len(words) < 4 and sum(ch.isalpha() for ch in notes) < 12:  # scripts without spaces count letters
        raise OffTopicError(
            "These notes are too short to work with. Write a few lines: what happened, its impact, "
            "your part in it and who your leader is."
        )
    if not looks_english(notes):  # the word lists below are English; the intake step judges the rest
        return
    if not any(w.lower() in _FIRST_PERSON for w in words) and not _MISTAKE_WORDS.search(notes):
        raise OffTopicError(off_topic_message())


def off_topic_message() -> str:
    """The kind message for notes that are not about a mistake at work."""
    return (
        "These notes do not seem to describe a mistake at work, so there is nothing to repair yet. "
        "Regain helps you write to your leader after something went wrong: say what happened, "
        "its impact, your part in it and who your leader is."
    )


def screen_notes(text: str, *, max_chars: int) -> str:
    """:func:`clean_notes`, then :func:`check_topic`: the one check every entry point runs before the model."""
    notes = clean_notes(text, max_chars=max_chars)
    check_topic(notes)
    return notes
