"""Opening the sessions database: the engine, SQLite's file modes and pragmas, and migrations.

SQLAlchemy's echo stays off and statement parameters are hidden from logs and
error messages, so note text never reaches a log.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from assistant.domain.errors import ConfigurationError

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "head"
_PG_MIGRATION_LOCK = 0x7265_6761  # "rega": one migrating instance at a time on a shared server
LOGGING_NAME = "regain"
# SQLAlchemy logs result rows (note text) at DEBUG on the engine's logger: pin ours to WARNING so a
# global DEBUG logging setup cannot write notes to a log. Parameters are hidden as well.
logging.getLogger(f"sqlalchemy.engine.Engine.{LOGGING_NAME}").setLevel(logging.WARNING)


def bad_database_url(url: str, problem: object) -> ConfigurationError:
    """The error for a database URL that cannot be used: names REGAIN_DATABASE_URL, hides the password."""
    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        shown = "the value given"
    return ConfigurationError(
        f"Cannot use the sessions database {shown}: {problem}. Check REGAIN_DATABASE_URL "
        "(an SQLAlchemy URL such as sqlite:////path/regain.db or postgresql+psycopg://user:pass@host/db), "
        "or unset it to use the default SQLite file."
    )


def _prepare_sqlite_file(database: str) -> None:
    """Create the database's folder (0700) and file (0600) before SQLite does, with private modes."""
    path = Path(database).expanduser()
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
        os.chmod(path.parent, 0o700)  # mkdir's mode is filtered by the umask
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def _sqlite_transactions(engine: Engine) -> None:
    """Foreign keys on (for ON DELETE CASCADE), and real BEGIN/COMMIT around every transaction, DDL included."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def build_engine(url: str) -> Engine:
    """An engine for ``url``; a URL that cannot be used raises :class:`ConfigurationError`."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise bad_database_url(url, "it is not a database URL") from exc
    sqlite = parsed.get_backend_name() == "sqlite"
    if sqlite and parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
        try:
            _prepare_sqlite_file(parsed.database)
        except OSError as exc:
            raise bad_database_url(url, f"cannot create {parsed.database} ({exc.strerror})") from exc
    try:
        engine = create_engine(
            parsed, echo=False, hide_parameters=True, logging_name=LOGGING_NAME, pool_pre_ping=not sqlite
        )
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise bad_database_url(url, f"no driver for '{parsed.drivername}' ({exc})") from exc
    if sqlite:
        _sqlite_transactions(engine)
    return engine


def alembic_config(connection: Connection) -> Config:
    """An Alembic config built in code (no alembic.ini) that runs on ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.attributes["connection"] = connection
    return config


def migrate(engine: Engine, revision: str = HEAD) -> None:
    """Upgrade the database to ``revision`` (head by default) in one transaction."""
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
            command.upgrade(alembic_config(connection), revision)
    except SQLAlchemyError as exc:
        shown = engine.url.render_as_string(hide_password=False)
        raise bad_database_url(shown, f"{type(exc).__name__}: {_first_line(exc)}") from exc


def table_names(engine: Engine) -> list[str]:
    """The tables in the database (for tests and diagnostics)."""
    return sorted(inspect(engine).get_table_names())


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
