"""Regain: write to your leader after a mistake, in the six steps of trust repair.

The public API is imported lazily so that ``regain --help`` starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Draft": "assistant.domain.schema",
    "DraftOptions": "assistant.domain.schema",
    "Facts": "assistant.domain.schema",
    "Pipeline": "assistant.workflows.draft",
    "adraft": "assistant.workflows.draft",
    "acompose": "assistant.workflows.draft",
    "draft": "assistant.workflows.draft",
    "RegainError": "assistant.domain.errors",
    "Settings": "assistant.model.settings",
    "open_backend": "assistant.model.backend",
    "validate": "assistant.validator",
    "ProgressUpdate": "assistant.domain.report_back",
    "areport_back_update": "assistant.workflows.report_back",
    "checkins_ics": "assistant.output.calendar",
}

__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
