"""Checkpoints of drafts being written: the notes before the model starts, then each step as it finishes.

A session holds at most one checkpoint (``sessions.checkpoint``). Each write is one small transaction
on the session's row, so a process killed at any moment leaves every step saved before it.
:meth:`Store.save_version` with ``clear_checkpoint=True`` removes it in the same transaction as the
finished draft's version.
"""

from __future__ import annotations

from assistant.domain.checkpoint import DraftCheckpoint, SavedStep
from assistant.store.convert import utc_now
from assistant.store.store import Store


def start_checkpoint(store: Store, session_id: str, checkpoint: DraftCheckpoint) -> None:
    """Save ``checkpoint`` as the session's draft being written (replacing any earlier one)."""
    payload = checkpoint.model_dump(mode="json")
    with store._tx() as db:
        row = store._session_row(db, session_id, lock=True)
        row.checkpoint = payload
        row.updated_at = utc_now()


def save_step(store: Store, session_id: str, step: str, saved: SavedStep) -> None:
    """Add one finished step to the session's checkpoint (nothing happens when it has none)."""
    with store._tx() as db:
        row = store._session_row(db, session_id, lock=True)
        if row.checkpoint is None:
            return
        steps = {**row.checkpoint.get("steps", {}), step: saved.model_dump(mode="json")}
        row.checkpoint = {**row.checkpoint, "steps": steps}  # a new dict: the JSON column sees the change
        row.updated_at = utc_now()


def load_checkpoint(store: Store, session_id: str) -> DraftCheckpoint | None:
    """The session's draft being written, or None when it has none (no draft started, or it was finished)."""
    with store._tx() as db:
        payload = store._session_row(db, session_id).checkpoint
    return DraftCheckpoint.model_validate(payload) if payload is not None else None
