"""Checks on the user's notes, made before any model call."""

from __future__ import annotations

import re
import unicodedata

from assistant.errors import InputError

_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07")
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_BIDI = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]}


def clean_notes(text: str, *, max_chars: int) -> str:
    """Normalise the notes (NFC, no ANSI, control, zero-width or bidi characters) and check their size.

    Raises :class:`InputError` with a message the user can act on.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _ANSI.sub("", text)
    text = "".join(
        ch
        for ch in text
        if ch in "\n\t" or (ch not in _INVISIBLE and ch not in _BIDI and unicodedata.category(ch) != "Cc")
    )
    text = text.strip()
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
