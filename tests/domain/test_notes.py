"""Cleaning and decoding the user's notes."""

from __future__ import annotations

import pytest

from assistant.domain.errors import InputError
from assistant.domain.notes import clean_notes, decode_notes


def test_strips_ansi_zero_width_bidi_and_control_characters() -> None:
    text = "\x1b[31mI pushed\x1b[0m the\u200b change\u202e \u2066late\u2069\x07\x00 on Friday"
    assert clean_notes(text, max_chars=1000) == "I pushed the change late on Friday"


def test_keeps_newlines_and_tabs_and_normalises_line_endings() -> None:
    assert clean_notes("  a\tb\r\nc\rd\n  ", max_chars=1000) == "a\tb\nc\nd"


def test_normalises_to_nfc() -> None:
    assert clean_notes("cafe\u0301", max_chars=100) == "caf\u00e9"


@pytest.mark.parametrize("text", ["", "  \n\t ", "\u200b\u200d\x1b[0m"])
def test_empty_notes_are_an_input_error(text: str) -> None:
    with pytest.raises(InputError, match="empty"):
        clean_notes(text, max_chars=1000)


def test_over_the_limit_names_the_limit() -> None:
    with pytest.raises(InputError) as info:
        clean_notes("x" * 20_001, max_chars=20_000)
    assert "20,000" in str(info.value) and "REGAIN_MAX_NOTES_CHARS" in str(info.value)


def test_exactly_at_the_limit_is_fine() -> None:
    assert len(clean_notes("x" * 100, max_chars=100)) == 100


def test_decode_strips_the_bom() -> None:
    assert decode_notes("\ufeffnotes ü".encode(), source="notes.md") == "notes ü"


def test_decode_refuses_binary() -> None:
    with pytest.raises(InputError, match="notes.bin looks like a binary file"):
        decode_notes(b"\x89PNG\r\n\x1a\n\x00\x00", source="notes.bin")


def test_decode_refuses_invalid_utf8() -> None:
    with pytest.raises(InputError, match="not UTF-8 text"):
        decode_notes("caf\xe9".encode("latin-1"), source="notes.txt")
