"""Alembic migrations: from an empty database, from the first schema with data, and in step with the models."""

from __future__ import annotations

import datetime as dt
import json

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from chain_support import sample_draft
from sqlalchemy import text

from assistant.domain.checkpoint import DraftCheckpoint, SavedStep
from assistant.store import Store
from assistant.store.checkpoints import load_checkpoint, save_step, start_checkpoint
from assistant.store.database import build_engine, migrate, table_names
from assistant.store.models import Base


def _revision(url: str) -> str | None:
    engine = build_engine(url)
    with engine.connect() as conn:
        rev = MigrationContext.configure(conn).get_current_revision()
    engine.dispose()
    return rev


def test_upgrade_from_an_empty_database(store_url: str) -> None:  # noqa: F811
    with Store(store_url) as store:
        assert set(table_names(store.engine)) == {
            "alembic_version",
            "sessions",
            "versions",
            "actions",
            "progress_updates",
        }
    assert _revision(store_url) == "0003"
    Store(store_url).close()  # opening again is a no-op upgrade
    assert _revision(store_url) == "0003"


def test_models_and_migrations_agree(store_url: str) -> None:  # noqa: F811
    with Store(store_url) as store, store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_upgrade_from_the_first_schema_keeps_the_data(store_url: str) -> None:  # noqa: F811
    engine = build_engine(store_url)
    migrate(engine, "0001")
    assert "progress_updates" not in table_names(engine)
    draft = sample_draft()
    now = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
    action = draft.plan[0]
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO sessions (id, title, notes, facts, options, created_at, updated_at, chosen_version) "
                "VALUES ('s-0001aa', 'Old session', :notes, :facts, :options, :now, :now, 1)"
            ),
            {
                "notes": draft.notes,
                "facts": json.dumps(draft.facts.model_dump(mode="json")),
                "options": json.dumps(draft.options.model_dump(mode="json")),
                "now": now,
            },
        )
        conn.execute(
            text(
                "INSERT INTO versions (session_id, number, source, summary, draft, findings, complete, created_at) "
                "VALUES ('s-0001aa', 1, 'generated', 'first', :draft, '[]', :complete, :now)"
            ),
            {"draft": json.dumps(draft.model_dump(mode="json")), "complete": True, "now": now},
        )
        conn.execute(
            text(
                'INSERT INTO actions (session_id, "index", action, owner, due, measure, status, reason, evidence, '
                "updated_at) VALUES ('s-0001aa', 0, :action, :owner, :due, :measure, 'done', NULL, 'merged', :now)"
            ),
            {"action": action.action, "owner": action.owner, "due": action.due, "measure": action.measure, "now": now},
        )
    engine.dispose()
    assert _revision(store_url) == "0001"

    with Store(store_url) as store:
        assert _revision(store_url) == "0003"
        record = store.get_session("s-0001aa")
        assert (record.title, record.notes, record.chosen_version) == ("Old session", draft.notes, 1)
        assert record.created_at == now
        assert store.load_version("s-0001aa") == draft
        assert [(a.status, a.evidence) for a in store.actions("s-0001aa")] == [("done", "merged")]
        # the feature 0002 added works on the old session
        update_id = store.add_progress_update("s-0001aa", "gate is live", {"body": "The gate is live."})
        assert [(u.id, u.version) for u in store.progress_updates("s-0001aa")] == [(update_id, 1)]
        assert store.save_version("s-0001aa", draft, source="checkin") == 2
        assert store.actions("s-0001aa")[0].status == "done"
        # and the one 0003 added: the old session has no draft being written, and can start one
        assert load_checkpoint(store, "s-0001aa") is None
        start_checkpoint(store, "s-0001aa", DraftCheckpoint(notes=draft.notes, today=draft.today))
        save_step(store, "s-0001aa", "pain", SavedStep(output={"statement": "I am sorry."}))
        saved = load_checkpoint(store, "s-0001aa")
        assert saved is not None and saved.steps["pain"].output == {"statement": "I am sorry."}
