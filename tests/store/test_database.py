"""Opening the sessions database: private SQLite files, usable URLs only, migrations, nothing in the logs
(``assistant/store/database.py``)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import stat
from pathlib import Path

import pytest
from chain_support import sample_draft
from sqlalchemy import text
from store_support import sqlite_url

from assistant.domain.errors import ConfigurationError
from assistant.model.settings import Settings
from assistant.store import Store
from assistant.store.database import bad_database_url, build_engine, migrate, table_names


def test_the_error_for_a_bad_url_names_the_setting_and_hides_the_password() -> None:
    error = bad_database_url("postgresql+psycopg://user:hunter2@db.example/regain", "refused")
    assert isinstance(error, ConfigurationError)
    message = str(error)
    assert "hunter2" not in message and "postgresql+psycopg://user:***@db.example/regain" in message
    assert ": refused. Check REGAIN_DATABASE_URL" in message and "unset it to use the default SQLite file" in message
    assert "Cannot use the sessions database the value given: " in str(bad_database_url("::", "bad"))


def test_sqlite_enforces_foreign_keys_and_migrate_can_run_twice(tmp_path: Path) -> None:
    engine = build_engine(sqlite_url(tmp_path / "new" / "regain.db"))
    try:
        assert table_names(engine) == []
        migrate(engine)
        tables = table_names(engine)
        assert {"alembic_version", "sessions", "versions", "actions", "progress_updates"} <= set(tables)
        migrate(engine)
        assert table_names(engine) == tables
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()


def test_an_in_memory_database_creates_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    engine = build_engine("sqlite:///:memory:")
    engine.dispose()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_sqlite_file_and_folder_are_private(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "deep" / "regain")
    with Store.open(settings) as s:
        s.create_session("private notes")
    db = tmp_path / "deep" / "regain" / "regain.db"
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700


def test_an_existing_file_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "regain.db"
    path.touch(mode=0o644)
    os.chmod(path, 0o644)
    Store(sqlite_url(path)).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "url", ["not a url", "nosuchdb://x/y", "postgresql+psycopg://u:secret@127.0.0.1:1/none", "sqlite:////proc/x/y.db"]
)
def test_a_bad_database_url_names_the_setting(url: str) -> None:
    with pytest.raises(ConfigurationError, match="REGAIN_DATABASE_URL") as info:
        Store(url)
    assert "secret" not in str(info.value)


def test_notes_never_reach_the_logs(store_url: str, caplog: pytest.LogCaptureFixture) -> None:  # noqa: F811
    marker = "SECRET-NOTE-7f3a9c"
    caplog.set_level(logging.DEBUG)
    for name in ("sqlalchemy", "sqlalchemy.engine", "sqlalchemy.pool", "alembic", "assistant"):
        caplog.set_level(logging.DEBUG, logger=name)
    with Store(store_url) as s:
        sid = s.create_session(f"notes with {marker}")
        s.save_version(sid, sample_draft(notes=f"notes with {marker}"), source="generated")
        s.add_progress_update(sid, f"progress {marker}", {"body": marker})
        assert marker in s.get_session(sid).notes
        s.purge(dt.timedelta(days=1))
        s.delete_session(sid)
    assert caplog.records, "the SQL loggers were not captured"
    assert marker not in caplog.text
