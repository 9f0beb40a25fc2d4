"""The Draft tab's Generate, saved as it goes: a thin gradio adapter on
:class:`~assistant.workflows.autosave.DraftAutosave`, the autosave ``regain draft`` uses too.

The notes are saved as a new session before the model starts, each step as it finishes and the draft
(or the partial draft) when it ends; a closed tab loses only the steps being written, and
``regain draft --resume ID`` writes those.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import gradio as gr

from assistant.domain.errors import InputError, RegainError
from assistant.domain.notes import screen_notes
from assistant.workflows.autosave import DraftAutosave
from ui.handlers import draft_options, user_error
from ui.sessions import StoreFactory, saved_note, store_of

NotesOf = Callable[[tuple[Any, ...]], tuple[str, str, str, str, str]]


def drafting(
    handler: Callable[..., Iterator[list[Any]]],
    *,
    store_factory: StoreFactory,
    n_outputs: int,
    notes_of: NotesOf,
    today: dt.date | None = None,
    max_notes_chars: int = 20_000,
) -> Callable[..., Iterator[list[Any]]]:
    """``handler`` (:func:`ui.handlers.generate`) with the session id as one more input and ``[session_id,
    status]`` as two more outputs; ``notes_of`` maps its inputs to ``(notes, leader, channel, tone, length)``.

    The handler gets the :class:`DraftAutosave` as ``autosave=``; notes it cannot use are not saved (the
    handler says why).
    """

    def run(*args: Any) -> Iterator[list[Any]]:
        *inputs, session_id = args
        skipped = [gr.skip() for _ in range(n_outputs)]
        autosave = _start(notes_of(tuple(inputs)), store_factory, today or dt.date.today(), max_notes_chars)
        if autosave is None:
            for out in handler(*inputs):
                yield [*out, gr.skip(), gr.skip()]
            return
        yield [*skipped, autosave.session_id, saved_note(autosave.session_id, None)]
        last: list[Any] | None = None
        try:
            for out in handler(*inputs, autosave=autosave):
                last = list(out)
                yield [*last, gr.skip(), gr.skip()]
        except Exception:
            yield [*skipped, autosave.session_id, saved_note(autosave.session_id, autosave.version)]
            raise
        yield [*(last or skipped), autosave.session_id, saved_note(autosave.session_id, autosave.version)]

    run.__name__ = getattr(handler, "__name__", "run")  # the API name gradio shows
    run.__doc__ = handler.__doc__
    run.handler = handler  # type: ignore[attr-defined]  # not __wrapped__: gradio would read its signature
    return run


def _start(
    fields: tuple[str, str, str, str, str], store_factory: StoreFactory, today: dt.date, max_notes_chars: int
) -> DraftAutosave | None:
    notes, leader, channel, tone, length = fields
    try:
        screen_notes(notes or "", max_chars=max_notes_chars)
    except InputError:
        return None  # the handler says what is wrong with them; nothing worth saving
    store = store_of(store_factory)
    try:
        return DraftAutosave.start(store, notes, draft_options(channel, tone, length, leader), today)
    except RegainError as exc:
        raise user_error(exc) from exc
