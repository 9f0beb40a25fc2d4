"""Shared fixtures: an isolated environment and no network.

Every test runs with Regain's and OpenAI's environment variables cleared and the
cache and data directories in a temp folder. Connections to anything but loopback fail, so a
test can never reach the network; only tests marked ``embedded`` talk to a real
server, and only on 127.0.0.1.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fault_server import FaultServer

pytest_plugins = ["store_support"]  # the db_url and store_url fixtures

_real_connect = socket.socket.connect


def _is_loopback(address: Any) -> bool:
    if isinstance(address, (str, bytes)):  # unix socket
        return True
    host = address[0]
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if not _is_loopback(address):
        raise RuntimeError(f"tests may not reach the network (tried {address!r})")
    _real_connect(self, address)


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """Clear model settings from the environment and point the cache and data dirs at a temp dir."""
    for name in list(os.environ):
        if name.startswith(("REGAIN_", "OPENAI_", "AZURE_OPENAI")):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("REGAIN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("REGAIN_DATA_DIR", str(tmp_path / "data"))  # sessions database (regain draft autosaves)
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    yield tmp_path


@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    """A started fault-injecting OpenAI-compatible server on 127.0.0.1 (see ``tests/fault_server.py``)."""
    server = FaultServer().start()
    yield server
    server.stop()
