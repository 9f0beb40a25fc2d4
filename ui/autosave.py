"""Drafts in the UI, saved as they go: a thin gradio adapter on
:class:`~assistant.workflows.autosave.DraftAutosave`, the autosave ``regain draft`` uses too, for the Draft tab's
Generate (:func:`drafting`), the Chat tab's interview when it writes the draft (:func:`chat_drafting`) and the
Sessions tab's resume of an interrupted draft (:func:`resuming`).

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
from ui.sessions import StoreFactory, named_as, saved_note, store_of

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

    return named_as(run, handler)


def chat_drafting(
    handler: Callable[..., Iterator[list[Any]]],
    *,
    store_factory: StoreFactory,
    n_outputs: int,
    today: dt.date | None = None,
    max_notes_chars: int = 20_000,
) -> Callable[..., Iterator[list[Any]]]:
    """An interview handler (:mod:`ui.interview`) with the session id as one more input and ``[session_id,
    status]`` as two more outputs.

    The handler gets ``start_autosave``: it calls it with ``(notes, leader, channel, tone, length)`` when the
    interview has what it needs and the draft begins. From then on the draft is saved as :func:`drafting` saves
    it: the notes as a new session at once, each step as it finishes, the draft (or the partial draft) at the end.
    An answer that only leads to the next question saves nothing.
    """

    def run(*args: Any) -> Iterator[list[Any]]:
        *inputs, _session_id = args
        started: list[DraftAutosave] = []

        def start(fields: tuple[str, str, str, str, str]) -> DraftAutosave | None:
            autosave = _start(fields, store_factory, today or dt.date.today(), max_notes_chars)
            if autosave is not None:
                started.append(autosave)
            return autosave

        def where() -> list[Any]:
            if not started:
                return [gr.skip(), gr.skip()]
            return [started[-1].session_id, saved_note(started[-1].session_id, started[-1].version)]

        try:
            for out in handler(*inputs, start_autosave=start):
                yield [*out, *where()]
        except Exception:
            if started:
                yield [*(gr.skip() for _ in range(n_outputs)), *where()]
            raise

    return named_as(run, handler)


def resuming(
    handler: Callable[..., Iterator[list[Any]]], *, store_factory: StoreFactory, n_outputs: int
) -> Callable[..., Iterator[list[Any]]]:
    """The Sessions tab's "Finish the interrupted draft": ``handler`` (:func:`ui.handlers.generate`) run on the
    picked session's interrupted draft, with its own notes, options and date. The steps saved before are reused,
    not asked of the model again; the rest are saved as they finish, as ``regain draft --resume ID`` does.

    Inputs: ``(picked session, budget)``. Outputs: the handler's ``n_outputs`` (the Draft tab's versions, progress,
    diff and view), the Draft tab's notes, leader, channel, tone and length, the session id, the saved status, and
    the Sessions tab's line. With nothing to finish only that line changes: an error would mark every field of the
    Draft tab with an error badge.
    """
    n_fields = 5

    def line(text: str) -> list[Any]:
        return [*(gr.skip() for _ in range(n_outputs + n_fields + 2)), text]

    def run(picked: str | None, budget: Any = None) -> Iterator[list[Any]]:
        if not picked:
            yield line("Pick a saved session first, then finish its interrupted draft.")
            return
        try:
            autosave = DraftAutosave.resume(store_of(store_factory), picked)
        except RegainError as exc:
            raise user_error(exc) from exc
        if autosave is None:
            yield line("This session has no interrupted draft: its latest version is complete. Open it instead.")
            return
        o = autosave.options
        fields = [autosave.notes, o.leader or "", o.channel, o.tone, o.length]
        done = len(autosave.checkpoint.steps)
        started = f"Finishing the draft in the **Draft** tab: {done} step(s) were saved before and are reused."
        yield [*(gr.skip() for _ in range(n_outputs)), *fields, autosave.session_id,
               saved_note(autosave.session_id, None), started]  # fmt: skip
        skipped = [gr.skip() for _ in range(n_outputs + n_fields)]
        try:
            for out in handler(*fields, [], budget, autosave=autosave):
                yield [*out, *(gr.skip() for _ in fields), gr.skip(), gr.skip(), gr.skip()]
        except Exception:
            yield [*skipped, autosave.session_id, saved_note(autosave.session_id, autosave.version), gr.skip()]
            raise
        finished = f"The draft is finished and saved as version {autosave.version}; it is in the **Draft** tab."
        yield [*skipped, autosave.session_id, saved_note(autosave.session_id, autosave.version), finished]

    run.__name__ = "resume_draft"  # the API name gradio shows
    run.__doc__ = resuming.__doc__
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
