"""The autosave of a draft being written, for ``regain draft`` and the UI's Generate alike.

The notes (with the options and the date) are saved before the model starts, each step the moment it
finishes, and the draft as a version when it is done; a failed draft keeps its partial version. So a
killed process or a closed tab loses only the steps that were being written, and
``regain draft --resume ID`` writes just those::

    autosave = DraftAutosave.start(store, notes, options, today)   # or DraftAutosave.resume(store, "s-7f")
    draft = await adraft_saved(notes, pipeline, autosave)           # autosave.version: the version saved
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from typing import Any

from assistant.domain.checkpoint import DraftCheckpoint, SavedStep
from assistant.domain.schema import Draft, DraftOptions
from assistant.store import Store
from assistant.store.checkpoints import load_checkpoint, save_step, start_checkpoint
from assistant.workflows.draft import Pipeline, adraft
from assistant.workflows.events import StepResult

log = logging.getLogger(__name__)


class DraftAutosave:
    """Saves one draft of one session while it is written; make one with :meth:`start` or :meth:`resume`."""

    def __init__(self, store: Store, session_id: str, checkpoint: DraftCheckpoint, *, new: bool) -> None:
        self.store = store
        self.session_id = session_id
        self.checkpoint = checkpoint
        self.new = new
        """Whether :meth:`start` made the session (False for ``--session`` and resumed drafts)."""
        self.unsaved: list[str] = []
        """Steps whose save failed (the draft goes on; they are written again if it is resumed)."""
        self.version: int | None = None
        """The version saved last (the draft, or the partial draft), None before."""

    @classmethod
    def start(
        cls,
        store: Store,
        notes: str,
        options: DraftOptions,
        today: dt.date,
        *,
        session: str | None = None,
        title: str | None = None,
    ) -> DraftAutosave:
        """Save the notes before the model starts: as a new session, or for a new draft in ``session`` (an id or
        a unique prefix, whose earlier versions stay)."""
        session_id = store.resolve(session) if session else store.create_session(notes, title=title, options=options)
        checkpoint = DraftCheckpoint(notes=notes, today=today, options=options)
        start_checkpoint(store, session_id, checkpoint)
        return cls(store, session_id, checkpoint, new=session is None)

    @classmethod
    def resume(cls, store: Store, session: str) -> DraftAutosave | None:
        """The interrupted draft of ``session`` (an id or a unique prefix), or None when there is nothing to
        resume: no draft being written and the latest version complete.

        A session without a checkpoint (notes only, or an incomplete version saved by an older Regain) is
        drafted again from its notes and options, on the date of its incomplete version if it has one.
        """
        session_id = store.resolve(session)
        checkpoint = load_checkpoint(store, session_id)
        if checkpoint is None:
            versions = store.list_versions(session_id)
            if versions and versions[-1].complete:
                return None
            if versions:
                last = store.load_version(session_id)
                checkpoint = DraftCheckpoint(notes=last.notes, today=last.today, options=last.options)
            else:
                record = store.get_session(session_id)
                checkpoint = DraftCheckpoint(notes=record.notes, today=dt.date.today(), options=record.options)
            start_checkpoint(store, session_id, checkpoint)
        return cls(store, session_id, checkpoint, new=False)

    @property
    def notes(self) -> str:
        """The notes the draft is written from."""
        return self.checkpoint.notes

    @property
    def options(self) -> DraftOptions:
        """The message options of the draft."""
        return self.checkpoint.options

    @property
    def today(self) -> dt.date:
        """The date the draft plans from (a resumed draft keeps the first one)."""
        return self.checkpoint.today

    def done(self) -> dict[str, StepResult]:
        """The steps already written, for :func:`~assistant.workflows.draft.adraft`'s ``done``."""
        return {
            name: StepResult(output, tuple(problems)) for name, (output, problems) in self.checkpoint.outputs().items()
        }

    def step_finished(self, step: str, result: StepResult) -> None:
        """Save a finished step at once (``adraft``'s ``on_step``). A failed save does not stop the draft."""
        output: Any = result.output
        if not hasattr(output, "model_dump"):
            return
        saved = SavedStep(output=output.model_dump(mode="json"), unresolved=list(result.unresolved))
        try:
            save_step(self.store, self.session_id, step, saved)
        except Exception as exc:  # the draft is worth more than its checkpoint: keep writing
            self.unsaved.append(step)
            log.warning("could not save the %s step of session %s (%s)", step, self.session_id, type(exc).__name__)
            return
        self.checkpoint.steps[step] = saved

    def saved(self, draft: Draft, *, summary: str = "drafted from the notes") -> int:
        """Save the finished draft as the session's next version (ending the checkpoint); returns its number."""
        self.version = self.store.save_version(
            self.session_id, draft, source="generated", summary=summary, clear_checkpoint=draft.complete
        )
        return self.version

    def failed(self, exc: BaseException) -> int | None:
        """Keep what there is after a failed draft: the partial draft the error carries (``PartialDraftError``)
        as an incomplete version, whose number is returned; otherwise None (the notes and the finished steps
        are saved already). The checkpoint stays, for ``regain draft --resume``."""
        partial = getattr(exc, "draft", None)
        if not isinstance(partial, Draft):
            return None
        self.version = self.store.save_version(
            self.session_id, partial, source="generated", summary="partial draft", complete=False
        )
        return self.version


async def adraft_saved(notes: str, pipeline: Pipeline, autosave: DraftAutosave | None, **kwargs: Any) -> Draft:
    """:func:`~assistant.workflows.draft.adraft`, saved as it goes when ``autosave`` is given: the steps saved
    before are reused, each new one is saved as it finishes, and the draft as a version when it is done (a
    partial draft as an incomplete version, see :meth:`DraftAutosave.failed`). The autosave's notes, options
    and date are the draft's; ``kwargs`` go to ``adraft`` (listener, budget, ...)."""
    if autosave is None:
        return await adraft(notes, pipeline, **kwargs)
    kwargs.update(options=autosave.options, today=autosave.today)
    _WRITING.add(autosave.session_id)
    try:
        draft = await adraft(autosave.notes, pipeline, done=autosave.done(), on_step=autosave.step_finished, **kwargs)
    except BaseException as exc:
        with contextlib.suppress(Exception):  # the draft's own error is what the user needs to see
            autosave.failed(exc)
        raise
    finally:
        _WRITING.discard(autosave.session_id)
    autosave.saved(draft)
    return draft


_WRITING: set[str] = set()


def being_written(session_id: str) -> bool:
    """True while this process is writing a draft of the session (its checkpoint is then no interrupted draft)."""
    return session_id in _WRITING
