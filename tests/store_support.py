"""The ``store_url`` fixture: every store test runs on SQLite, and on PostgreSQL when one is given.

``REGAIN_TEST_POSTGRES_URL`` is read at import time, because the autouse fixture in
conftest clears REGAIN_* variables for each test. On PostgreSQL each test gets its
own schema (through the connection's search_path), dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

POSTGRES_URL = os.environ.get("REGAIN_TEST_POSTGRES_URL")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=pytest.mark.skipif(not POSTGRES_URL, reason="set REGAIN_TEST_POSTGRES_URL to test on PostgreSQL"),
    ),
]


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database: an SQLite file in tmp_path, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "data" / "regain.db")
        return
    assert POSTGRES_URL
    schema = f"t_{secrets.token_hex(6)}"
    admin = create_engine(POSTGRES_URL, poolclass=NullPool)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An SQLite file the CLI uses through REGAIN_DATABASE_URL."""
    url = f"sqlite:///{tmp_path / 'sessions.db'}"
    monkeypatch.setenv("REGAIN_DATABASE_URL", url)
    return url
