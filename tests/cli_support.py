"""The CLI with a fake backend: ``regain`` commands run against a scripted model, no server, no network."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

import pytest


def use_model(monkeypatch: pytest.MonkeyPatch, model: Any) -> None:
    """Make the CLI's backend a fake one serving ``model`` (no server, no network)."""
    import assistant.model.backend

    @contextmanager
    def fake_open_backend(settings: Any, status: Any = None) -> Iterator[SimpleNamespace]:
        yield SimpleNamespace(chat_model=model, describe=lambda: "scripted test model")

    monkeypatch.setattr(assistant.model.backend, "open_backend", fake_open_backend)
