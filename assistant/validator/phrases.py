"""The validator's word lists and patterns: ``phrases.yaml``, read once.

Its own module so that the content-word helpers and the rules can both read it
without importing each other.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

PHRASES_PATH = Path(__file__).resolve().parent / "phrases.yaml"


@functools.cache
def phrases() -> dict[str, Any]:
    """The parsed ``phrases.yaml`` (read once, as UTF-8)."""
    with PHRASES_PATH.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data
