"""What the browser tests share besides their fixtures (tests/browser/conftest.py): Chromium, timeouts, helpers."""

from __future__ import annotations

import re
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
UNREACHABLE = "SIMULATE-UNREACHABLE"
TIMEOUT = 30_000


def contains(text: str) -> re.Pattern[str]:
    """A pattern matching any value that contains ``text`` (for ``to_have_value``)."""
    return re.compile(re.escape(text))
