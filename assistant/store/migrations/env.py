"""Alembic environment: runs on the connection that :mod:`assistant.store.migrate` hands over.

No alembic.ini is needed; SQLite gets batch mode so later revisions can alter tables.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from assistant.store.models import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        from sqlalchemy import create_engine
        from sqlalchemy.pool import NullPool

        url = context.config.get_main_option("sqlalchemy.url")
        if not url:
            raise RuntimeError("Regain's migrations run through assistant.store.migrate, which passes a connection.")
        engine = create_engine(url, poolclass=NullPool, hide_parameters=True)
        with engine.begin() as conn:
            _run(conn)
        engine.dispose()
        return
    _run(connection)


if context.is_offline_mode():
    raise RuntimeError("Regain's migrations run online only (Store.open upgrades the database).")
_main()
