"""Regain: write to your leader after a mistake, in the six steps of trust repair.

The public API is imported lazily so that ``regain --help`` starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Draft": "assistant.schema",
    "DraftOptions": "assistant.schema",
    "Facts": "assistant.schema",
    "Pipeline": "assistant.pipeline",
    "adraft": "assistant.pipeline",
    "acompose": "assistant.pipeline",
    "draft": "assistant.pipeline",
    "RegainError": "assistant.errors",
    "Settings": "assistant.settings",
    "open_backend": "assistant.backend",
    "validate": "assistant.validator",
    "ProgressUpdate": "assistant.progress_schema",
    "acheckin": "assistant.checkin",
    "checkins_ics": "assistant.calendar",
}

__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
