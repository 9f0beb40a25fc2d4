"""One line per error, with no configured secret in it."""

from __future__ import annotations

import pytest

from assistant.domain.redact import error_line


def test_an_error_line_hides_a_configured_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-abcdefghijklmnop1234")
    line = error_line(RuntimeError("the server said: bad key sk-test-abcdefghijklmnop1234"))
    assert line.startswith("regain: error: the server said: bad key ") and "abcdefghijklmnop1234" not in line
