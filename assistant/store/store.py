"""The sessions store: every draft version, the plan's progress and the progress updates.

Every write is one transaction: if anything fails inside it, the database keeps
the state it had before (a crash or a model error loses nothing already saved).
"""

from __future__ import annotations

import datetime as dt
import difflib
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from assistant.domain.errors import InputError, SessionNotFound
from assistant.domain.records import (
    SOURCES,
    STATUSES,
    ActionState,
    ProgressRecord,
    SessionRecord,
    SessionSummary,
    VersionInfo,
)
from assistant.domain.schema import Draft, DraftOptions, Facts, PlanAction
from assistant.output.markdown import draft_markdown
from assistant.output.session_markdown import session_markdown
from assistant.store.convert import action_key, action_state, session_title, utc, utc_now, version_info
from assistant.store.database import bad_database_url, build_engine, migrate
from assistant.store.models import ActionRow, ProgressRow, SessionRow, VersionRow

if TYPE_CHECKING:
    from assistant.model.settings import Settings

LIST_HINT = "list saved sessions with `regain sessions list`"


class Store:
    """Saved sessions in one SQL database (SQLite by default, PostgreSQL to share it)."""

    def __init__(self, url: str, *, retention_days: int | None = None) -> None:
        """Open the database at ``url`` (an SQLAlchemy URL), upgrade it to the newest schema, apply retention."""
        self.url = url
        self.engine = build_engine(url)
        try:
            migrate(self.engine)
        except Exception:
            self.engine.dispose()
            raise
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if retention_days:
            self.purge(dt.timedelta(days=retention_days))

    @classmethod
    def open(cls, settings: Settings) -> Store:
        """Open the store the settings name (REGAIN_DATABASE_URL, else SQLite in REGAIN_DATA_DIR)."""
        return cls(settings.database_url_value(), retention_days=settings.retention_days)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        """One transaction: committed at the end, rolled back entirely on any error."""
        try:
            with self._sessions.begin() as db:
                yield db
        except OperationalError as exc:
            raise bad_database_url(self.url, f"the database failed ({type(exc.orig or exc).__name__})") from exc

    def _session_row(self, db: Session, session_id: str, *, lock: bool = False) -> SessionRow:
        row = db.get(SessionRow, session_id, with_for_update=lock)
        if row is None:
            raise SessionNotFound(f"No saved session '{session_id}'; {LIST_HINT}.")
        return row

    def _version_row(self, db: Session, session_id: str, number: int | None) -> VersionRow:
        self._session_row(db, session_id)
        query = select(VersionRow).where(VersionRow.session_id == session_id)
        if number is None:
            row = db.scalars(query.order_by(VersionRow.number.desc()).limit(1)).first()
            if row is None:
                raise SessionNotFound(f"Session {session_id} has no saved draft yet, only its notes.")
            return row
        row = db.scalars(query.where(VersionRow.number == number)).first()
        if row is None:
            raise SessionNotFound(
                f"Session {session_id} has no version {number}; see its versions with "
                f"`regain sessions versions {session_id}`."
            )
        return row

    def resolve(self, prefix: str) -> str:
        """The id of the one session whose id is or starts with ``prefix``."""
        with self._tx() as db:
            if db.get(SessionRow, prefix) is not None:
                return prefix
            escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            ids = list(db.scalars(select(SessionRow.id).where(SessionRow.id.like(escaped + "%", escape="\\")).limit(5)))
        if not ids:
            raise SessionNotFound(f"No saved session '{prefix}'; {LIST_HINT}.")
        if len(ids) > 1:
            raise InputError(f"'{prefix}' matches several sessions ({', '.join(ids)}); give more of the id.")
        return ids[0]

    def create_session(self, notes: str, *, title: str | None = None, options: DraftOptions | None = None) -> str:
        """Save new notes as a session without a draft yet; return its id (like ``s-7f3a9c``)."""
        now = utc_now()
        with self._tx() as db:
            while db.get(SessionRow, session_id := f"s-{secrets.token_hex(3)}") is not None:
                pass
            db.add(
                SessionRow(
                    id=session_id,
                    title=title.strip()[:200] if title and title.strip() else None,
                    notes=notes,
                    facts=None,
                    options=(options or DraftOptions()).model_dump(mode="json"),
                    created_at=now,
                    updated_at=now,
                )
            )
        return session_id

    def save_version(
        self,
        session_id: str,
        draft: Draft,
        *,
        source: str,
        summary: str = "",
        complete: bool | None = None,
        clear_checkpoint: bool = False,
    ) -> int:
        """Save ``draft`` as the session's next version and return its number.

        The version is complete only if the draft is (``Draft.complete``) and ``complete`` is not False: an
        incomplete draft is never saved as complete. ``clear_checkpoint`` ends the session's draft being
        written (:mod:`assistant.store.checkpoints`) in the same transaction.

        The session's notes, facts and options follow the draft; the plan's actions
        follow its plan, keeping the status of actions whose text is unchanged.
        """
        if source not in SOURCES:
            raise InputError(f"Unknown version source '{source}'; use one of {', '.join(SOURCES)}.")
        payload = draft.model_dump(mode="json")
        now = utc_now()
        with self._tx() as db:
            row = self._session_row(db, session_id, lock=True)
            latest = db.scalar(select(func.max(VersionRow.number)).where(VersionRow.session_id == session_id))
            number = (latest or 0) + 1
            db.add(
                VersionRow(
                    session_id=session_id,
                    number=number,
                    source=source,
                    summary=summary,
                    draft=payload,
                    findings=payload["findings"],
                    complete=draft.complete and complete is not False,
                    created_at=now,
                )
            )
            row.notes = draft.notes
            row.facts = payload["facts"]
            row.options = payload["options"]
            row.updated_at = now
            if clear_checkpoint:
                row.checkpoint = None
            self._sync_actions(db, session_id, draft.plan, now)
        return number

    def _sync_actions(self, db: Session, session_id: str, plan: list[PlanAction], now: dt.datetime) -> None:
        old = {action_key(a.action): a for a in db.scalars(select(ActionRow).where(ActionRow.session_id == session_id))}
        kept = {key: (a.status, a.reason, a.evidence, a.updated_at) for key, a in old.items()}
        db.execute(delete(ActionRow).where(ActionRow.session_id == session_id))
        db.expunge_all()
        for index, action in enumerate(plan):
            status, reason, evidence, updated = kept.get(action_key(action.action), ("not_started", None, None, now))
            db.add(
                ActionRow(
                    session_id=session_id,
                    index=index,
                    action=action.action,
                    owner=action.owner,
                    due=action.due,
                    measure=action.measure,
                    status=status,
                    reason=reason,
                    evidence=evidence,
                    updated_at=updated,
                )
            )

    def list_sessions(self) -> list[SessionSummary]:
        """Every session, most recently updated first."""
        with self._tx() as db:
            counts = {
                sid: (n, top)
                for sid, n, top in db.execute(
                    select(VersionRow.session_id, func.count(), func.max(VersionRow.number)).group_by(
                        VersionRow.session_id
                    )
                )
            }
            sources = {
                (sid, number): source
                for sid, number, source in db.execute(
                    select(VersionRow.session_id, VersionRow.number, VersionRow.source)
                )
            }
            rows = db.scalars(select(SessionRow).order_by(SessionRow.updated_at.desc(), SessionRow.id)).all()
            return [
                SessionSummary(
                    id=r.id,
                    title=session_title(r),
                    created_at=utc(r.created_at),
                    updated_at=utc(r.updated_at),
                    n_versions=counts[r.id][0] if r.id in counts else 0,
                    latest_source=sources.get((r.id, counts[r.id][1])) if r.id in counts else None,
                )
                for r in rows
            ]

    def get_session(self, session_id: str) -> SessionRecord:
        """The session's notes, options, facts, versions, chosen version and actions."""
        with self._tx() as db:
            row = self._session_row(db, session_id)
            return SessionRecord(
                id=row.id,
                title=session_title(row),
                notes=row.notes,
                options=DraftOptions.model_validate(row.options),
                facts=Facts.model_validate(row.facts) if row.facts else None,
                created_at=utc(row.created_at),
                updated_at=utc(row.updated_at),
                chosen_version=row.chosen_version,
                versions=self._versions(db, session_id),
                actions=self._actions(db, session_id),
            )

    def _versions(self, db: Session, session_id: str) -> list[VersionInfo]:
        query = select(VersionRow).where(VersionRow.session_id == session_id).order_by(VersionRow.number)
        return [version_info(v) for v in db.scalars(query)]

    def _actions(self, db: Session, session_id: str) -> list[ActionState]:
        query = select(ActionRow).where(ActionRow.session_id == session_id).order_by(ActionRow.index)
        return [action_state(a) for a in db.scalars(query)]

    def list_versions(self, session_id: str) -> list[VersionInfo]:
        """The session's versions, oldest first."""
        with self._tx() as db:
            self._session_row(db, session_id)
            return self._versions(db, session_id)

    def load_version(self, session_id: str, number: int | None = None) -> Draft:
        """The draft of version ``number`` (the latest when None)."""
        with self._tx() as db:
            return Draft.model_validate(self._version_row(db, session_id, number).draft)

    def diff_versions(self, session_id: str, a: int, b: int) -> str:
        """A unified diff between the Markdown of versions ``a`` and ``b`` ("" when they read the same)."""
        old, new = draft_markdown(self.load_version(session_id, a)), draft_markdown(self.load_version(session_id, b))
        lines = difflib.unified_diff(
            old.splitlines(), new.splitlines(), f"{session_id} version {a}", f"{session_id} version {b}", lineterm=""
        )
        return "\n".join(lines)

    def restore_version(self, session_id: str, number: int) -> int:
        """Save a copy of version ``number`` as the newest version (source "restored"); return its number."""
        with self._tx() as db:
            row = self._version_row(db, session_id, number)
            draft, complete = Draft.model_validate(row.draft), row.complete
        return self.save_version(
            session_id, draft, source="restored", summary=f"restored version {number}", complete=complete
        )

    def choose_message(self, session_id: str, number: int) -> None:
        """Mark version ``number``'s message as the one the user chose to send."""
        with self._tx() as db:
            self._version_row(db, session_id, number)
            row = self._session_row(db, session_id, lock=True)
            row.chosen_version = number
            row.updated_at = utc_now()

    def actions(self, session_id: str) -> list[ActionState]:
        """The plan actions of the session's latest version, with their status."""
        with self._tx() as db:
            self._session_row(db, session_id)
            return self._actions(db, session_id)

    def set_action_status(
        self, session_id: str, index: int, status: str, *, reason: str | None = None, evidence: str | None = None
    ) -> ActionState:
        """Set action ``index`` (from 0) to ``status``; "dropped" needs a reason. Evidence replaces earlier notes."""
        if status not in STATUSES:
            raise InputError(f"Unknown action status '{status}'; use one of {', '.join(STATUSES)}.")
        reason = reason.strip() if reason and reason.strip() else None
        if status == "dropped" and reason is None:
            raise InputError("Say why the action is dropped: a dropped action needs a reason.")
        with self._tx() as db:
            session = self._session_row(db, session_id, lock=True)
            row = db.scalars(
                select(ActionRow).where(ActionRow.session_id == session_id, ActionRow.index == index)
            ).first()
            if row is None:
                n = db.scalar(select(func.count()).select_from(ActionRow).where(ActionRow.session_id == session_id))
                raise InputError(
                    f"Session {session_id} has no action {index}; its plan has {n} action(s), numbered from 0."
                )
            now = utc_now()
            row.status, row.reason, row.updated_at = status, reason, now
            if evidence is not None:
                row.evidence = evidence.strip() or None
            session.updated_at = now
            db.flush()
            return action_state(row)

    def add_progress_update(self, session_id: str, notes: str, update: dict[str, Any]) -> int:
        """Save a drafted progress update with the notes it came from; return its id."""
        with self._tx() as db:
            session = self._session_row(db, session_id, lock=True)
            latest = db.scalar(select(func.max(VersionRow.number)).where(VersionRow.session_id == session_id))
            now = utc_now()
            row = ProgressRow(session_id=session_id, created_at=now, notes=notes, update=update, version=latest)
            db.add(row)
            session.updated_at = now
            db.flush()
            return row.id

    def progress_updates(self, session_id: str) -> list[ProgressRecord]:
        """The session's progress updates, oldest first."""
        with self._tx() as db:
            self._session_row(db, session_id)
            query = select(ProgressRow).where(ProgressRow.session_id == session_id)
            return [
                ProgressRecord(id=p.id, created_at=utc(p.created_at), notes=p.notes, update=p.update, version=p.version)
                for p in db.scalars(query.order_by(ProgressRow.created_at, ProgressRow.id))
            ]

    def delete_session(self, session_id: str) -> None:
        """Delete the session and every row that belongs to it."""
        with self._tx() as db:
            self._session_row(db, session_id)
            db.execute(delete(SessionRow).where(SessionRow.id == session_id))

    def purge(self, older_than: dt.timedelta) -> list[str]:
        """Delete sessions not updated for ``older_than``; return their ids."""
        cutoff = utc_now() - older_than
        with self._tx() as db:
            ids = list(db.scalars(select(SessionRow.id).where(SessionRow.updated_at < cutoff).order_by(SessionRow.id)))
            if ids:
                db.execute(delete(SessionRow).where(SessionRow.id.in_(ids)))
        return ids

    def export_json(self, session_id: str) -> dict[str, Any]:
        """Everything saved about the session, JSON-ready: notes, facts, every version's draft, actions, updates."""
        record = self.get_session(session_id)
        with self._tx() as db:
            drafts = {
                v.number: v.draft for v in db.scalars(select(VersionRow).where(VersionRow.session_id == session_id))
            }
        data = record.model_dump(mode="json")
        for version in data["versions"]:
            version["draft"] = drafts[version["number"]]
        data["progress_updates"] = [p.model_dump(mode="json") for p in self.progress_updates(session_id)]
        with self._tx() as db:
            checkpoint = self._session_row(db, session_id).checkpoint
        if checkpoint is not None:
            data["checkpoint"] = checkpoint  # a draft being written (interrupted): its steps so far
        return data

    def export_markdown(self, session_id: str) -> str:
        """The session as Markdown: the chosen (or latest) draft, versions, actions and progress updates."""
        record = self.get_session(session_id)
        number = record.chosen_version or (record.versions[-1].number if record.versions else None)
        draft = self.load_version(session_id, number) if number is not None else None
        return session_markdown(record, draft, number, self.progress_updates(session_id))
