"""`regain doctor`: reports the backend chosen from settings and whether the model answers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

import assistant.cli.doctor as doctor
from assistant.domain.errors import ModelAPIError
from assistant.model.local.weights import MODEL_FILE
from assistant.model.settings import Settings


class _Ready:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def describe(self) -> str:
        kind = self.settings.resolved_backend()
        return f"{kind} backend at {self.settings.base_url or 'embedded'}"


@pytest.fixture
def fake_backend(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    replies: list[str] = ["OK"]

    @contextmanager
    def open_backend(settings: Settings, status: Any = None) -> Iterator[_Ready]:
        yield _Ready(settings)

    def ping(ready: _Ready) -> str:
        if not replies:
            raise ModelAPIError("Cannot reach the model server at http://localhost:9/v1; check that it is running.")
        return replies[0]

    monkeypatch.setattr(doctor, "open_backend", open_backend)
    monkeypatch.setattr(doctor, "ping", ping)
    return replies


def _run(settings: Settings) -> tuple[bool, str]:
    lines: list[str] = []
    ok = doctor.run_doctor(settings, lines.append)
    return ok, "\n".join(lines)


@pytest.mark.parametrize(("installed", "shown"), [(True, "installed"), (False, "NOT installed")])
def test_without_configuration_the_local_model_is_used(
    fake_backend: list[str], monkeypatch: pytest.MonkeyPatch, installed: bool, shown: str
) -> None:
    monkeypatch.setattr(doctor, "weights_installed", lambda: installed)
    settings = Settings()
    ok, out = _run(settings)
    assert ok
    assert "backend: local (chosen automatically: no API configured)" in out
    cached = settings.cache_dir / "models" / MODEL_FILE
    assert f"weights: {shown} (regain[local]); cache {cached} not prepared yet" in out.splitlines()
    assert "using: local backend at embedded" in out and "status: OK – the model answered 'OK'" in out


def test_with_openai_base_url_the_server_is_used(fake_backend: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1")
    ok, out = _run(Settings())
    assert ok
    assert "backend: openai (chosen automatically: OPENAI_BASE_URL/OPENAI_API_KEY is set)" in out
    assert "server: http://localhost:11434/v1" in out and "api key: not set" in out


def test_a_server_that_does_not_answer_is_reported(fake_backend: list[str]) -> None:
    fake_backend.clear()
    ok, out = _run(Settings(base_url="http://localhost:9/v1"))
    assert not ok
    assert "status: FAILED – Cannot reach the model server" in out


def test_doctor_command_exit_code(fake_backend: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.cli import main

    assert main(["doctor", "--backend", "local"]) == 0
    assert "forced by REGAIN_BACKEND=local" in capsys.readouterr().out
