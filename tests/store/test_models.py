"""The sessions database tables (``assistant/store/models.py``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import UniqueConstraint

from assistant.store import Store
from assistant.store.models import ActionRow, Base, ProgressRow, SessionRow, VersionRow


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = Store(store_url)
    yield s
    s.close()


def test_the_tables_hang_off_sessions_and_go_with_them() -> None:
    tables = Base.metadata.tables
    assert set(tables) == {"sessions", "versions", "actions", "progress_updates"}
    for row in (VersionRow, ActionRow, ProgressRow):
        (fk,) = row.__table__.foreign_keys
        assert fk.column.table is SessionRow.__table__ and fk.ondelete == "CASCADE"


def test_constraints_have_names_from_the_naming_convention() -> None:
    tables = Base.metadata.tables
    unique = {
        c.name for name in ("versions", "actions") for c in tables[name].constraints if isinstance(c, UniqueConstraint)
    }
    assert unique == {"uq_versions_session_id", "uq_actions_session_id"}
    assert tables["sessions"].primary_key.name == "pk_sessions"


def test_models_cover_every_table(store: Store) -> None:
    from assistant.store.database import table_names

    assert set(table_names(store.engine)) == {t.name for t in Base.metadata.sorted_tables} | {"alembic_version"}
    assert {ActionRow.__tablename__, ProgressRow.__tablename__, VersionRow.__tablename__} <= set(
        table_names(store.engine)
    )
