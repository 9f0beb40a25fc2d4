"""The Refine chat's workflow lives outside the UI, shared with ``regain refine``:
see :mod:`assistant.workflows.refine`.

A request becomes typed edits (parsed, or the model's), the program applies them, assembles the
message again and runs the checks again; a request that changes nothing gives no new version.
"""

from __future__ import annotations

from assistant.workflows.refine import MAX_REQUEST_CHARS, Refinement, arefine

__all__ = ["MAX_REQUEST_CHARS", "Refinement", "arefine"]
