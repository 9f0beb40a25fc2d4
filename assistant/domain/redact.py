"""Redaction of secrets from text shown to the user (errors) — the last line of defence.

Error messages may carry what a server sent back, and a careless server can echo the
API key or the Authorization header; a base URL can carry a password or an ``api-key``
query parameter. :func:`redact` hides all of these wherever Regain prints an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

HIDDEN = "[hidden]"
_PATTERNS = (
    re.compile(r"(?<![A-Za-z0-9])sk-[A-Za-z0-9_*.-]{6,}"),  # OpenAI-style keys, whole or partly starred
    re.compile(r"(?i)\bbearer\s+[A-Za-z0-9_*.~+/=-]{6,}"),
    re.compile(r"(?i)(?<=://)[^/\s:@]+:[^/\s@]+(?=@)"),  # user:password@ in URLs
    re.compile(r"(?i)(?<=[?&])(?:api[-_]?key|key|token|access_token|sig)=[^&\s]+"),
)


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """The text with the given secrets and anything that looks like a key, token or URL password hidden."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, HIDDEN)
    for pattern in _PATTERNS:
        text = pattern.sub(HIDDEN, text)
    return text


def configured_secrets() -> list[str]:
    """The secrets set in the environment (API key, UI password), to hide them by value too."""
    import os

    names = ("OPENAI_API_KEY", "REGAIN_API_KEY", "REGAIN_UI_PASSWORD")
    return [value for name in names if (value := os.environ.get(name))]


def error_line(exc: BaseException) -> str:
    """An error as the one line the command line prints, with every configured secret taken out."""
    return f"regain: error: {redact(str(exc), configured_secrets())}"
