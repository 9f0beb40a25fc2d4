"""The Report back tab's handlers: report back on a saved plan, weeks later.

Pick a saved session, set what you know about each action (or leave it to your notes), write a few
lines of progress, and get the update to your leader, checked like the draft. The update and the
statuses are saved in the session; the notes are kept even when the model fails.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.domain.errors import InputError, RegainError
from assistant.domain.records import STATUSES
from assistant.domain.report_back import STATUS_LABELS, ActionProgress, ProgressUpdate, action_progress
from assistant.store.progress import save_unfinished_update, save_update, session_calendar, update_basis
from assistant.workflows.report_back import areport_back_update
from ui.handlers import PipelineFactory, user_error
from ui.render import escape_text, findings_markdown
from ui.sessions import StoreFactory, store_of
from ui.streaming import BackgroundRun, StepBoard

MAX_ACTIONS = 4
FROM_NOTES = "from_notes"
STATUS_CHOICES = [("As my notes say", FROM_NOTES), *((STATUS_LABELS[s].capitalize(), s) for s in STATUSES)]
ROW_FIELDS = ("row", "label", "status", "note")


def _rows(session_id: str, store_factory: StoreFactory, today: dt.date) -> list[Any]:
    actions = store_of(store_factory).actions(session_id)
    out: list[Any] = []
    for i in range(MAX_ACTIONS):
        if i >= len(actions):
            out += [gr.Column(visible=False), "", gr.Radio(value=FROM_NOTES), gr.Textbox(value="")]
            continue
        a = actions[i]
        late = " · **late**" if a.due and a.due < today and a.status in ("not_started", "in_progress") else ""
        due = f" · due {a.due.isoformat()}" if a.due else ""
        saved = STATUS_LABELS.get(a.status, a.status)
        label = f"**{i + 1}. {escape_text(a.action)}**  \n<small>saved status: {saved}{due}{late}</small>"
        out += [gr.Column(visible=True), label, gr.Radio(value=FROM_NOTES), gr.Textbox(value=a.reason or "")]
    return out


def history_markdown(session_id: str, store_factory: StoreFactory) -> str:
    """Earlier progress updates of the session, newest first."""
    records = store_of(store_factory).progress_updates(session_id)
    if not records:
        return "No progress updates yet."
    lines = []
    for r in reversed(records):
        when = f"{r.created_at:%Y-%m-%d}"
        if r.update.get("complete") is False:
            lines.append(f"- {when}: notes kept, no update written ({escape_text(str(r.update.get('error', '')))})")
        else:
            lines.append(f"- {when}: **{escape_text(str(r.update.get('subject', '')))}**")
    return "\n".join(lines)


def load_progress(session_id: str | None, *, store_factory: StoreFactory, today: dt.date | None = None) -> list[Any]:
    """Show a session's plan for a progress update; returns ``[intro, *rows, history, calendar]``."""
    if not session_id:
        hidden = [gr.Column(visible=False), "", gr.Radio(value=FROM_NOTES), gr.Textbox(value="")] * MAX_ACTIONS
        return ["Pick a saved session (drafts are saved in the Sessions tab).", *hidden, "", None]
    today = today or dt.date.today()
    try:
        rows = _rows(session_id, store_factory, today)
        history = history_markdown(session_id, store_factory)
        calendar = calendar_file(session_id, store_factory=store_factory, today=today)
    except RegainError as exc:
        raise user_error(exc) from exc
    intro = (
        f"Session `{session_id}`. Set what you know for each action, or leave it to your notes; "
        "for a dropped action, say why in its box."
    )
    return [intro, *rows, history, calendar]


def calendar_file(session_id: str | None, *, store_factory: StoreFactory, today: dt.date | None = None) -> str | None:
    """The session's upcoming check-ins as an ``.ics`` file for the download button."""
    if not session_id:
        return None
    data = session_calendar(store_of(store_factory), session_id, after=today or dt.date.today())
    path = Path(tempfile.mkdtemp(prefix="regain-ics-")) / f"regain-checkins-{session_id}.ics"
    path.write_bytes(data)
    return str(path)


def user_statuses(values: list[Any]) -> list[ActionProgress]:
    """The statuses set in the rows (``[status, note] * MAX_ACTIONS``), leaving "as my notes say" to the model."""
    entries = []
    for i in range(MAX_ACTIONS):
        status, note = values[2 * i], (values[2 * i + 1] or "").strip()
        if status in (None, FROM_NOTES):
            continue
        if status == "dropped":
            entries.append(action_progress(i, status, reason=note or None))
        else:
            entries.append(action_progress(i, status, evidence=note))
    return entries


def write_update(
    session_id: str | None,
    progress_notes: str,
    *values: Any,
    pipeline_factory: PipelineFactory,
    store_factory: StoreFactory,
    today: dt.date | None = None,
    max_notes_chars: int = 20_000,
) -> Iterator[list[Any]]:
    """Draft the progress update; yields ``[progress, subject, body, findings, history, calendar]``."""
    skip = [gr.skip()] * 5
    if not session_id:
        raise gr.Error("Pick a saved session first.", title="No session")
    try:
        store = store_of(store_factory)
        statuses = user_statuses(list(values))
        draft, previous = update_basis(store, session_id)
        pipeline = pipeline_factory()
    except RegainError as exc:
        raise user_error(exc) from exc
    board = StepBoard(steps=("report_back_update",))
    run: BackgroundRun[ProgressUpdate] = BackgroundRun(
        lambda listener: areport_back_update(
            pipeline,
            draft,
            statuses,
            progress_notes or "",
            today,
            previous=previous,
            max_notes_chars=max_notes_chars,
            listener=listener,
        )  # fmt: skip
    )
    yield [board.markdown(), *skip]
    for batch in run.batches():
        board.update(batch)
        yield [board.markdown(), *skip]
    try:
        update = run.result()
    except Exception as exc:
        if (progress_notes or "").strip() and not isinstance(exc, InputError):
            save_unfinished_update(store, session_id, progress_notes, exc)
            note = "**The update could not be written.** Your progress notes are kept in the session."
            yield [board.markdown(note), *skip[:3], history_markdown(session_id, store_factory), gr.skip()]
        raise user_error(exc) from exc
    save_update(store, session_id, update)
    findings = findings_markdown(update.findings, update.body)
    unresolved = "\n\n**Still failing after the re-asks:** " + "; ".join(update.unresolved) if update.unresolved else ""
    done = board.markdown(f"**Update ready**, saved in the session. Next check-in: {update.next_checkin}.")
    calendar = calendar_file(session_id, store_factory=store_factory, today=update.today)
    yield [done, update.subject, update.body, findings + unresolved, history_markdown(session_id, store_factory),
           calendar]  # fmt: skip


def _is_input_error(exc: BaseException) -> bool:
    from assistant.domain.errors import InputError

    return isinstance(exc, InputError)
