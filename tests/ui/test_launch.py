"""Serving the UI (``ui/launch.py``): login, loopback hosts, blocked folders, the settings it falls back to, and a port
that is taken."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from ui_support import TODAY, scripted_model

from assistant.domain.errors import ConfigurationError
from assistant.model.settings import Settings
from assistant.workflows.draft import Pipeline
from ui import launch as ui_launch
from ui.app import build_app
from ui.launch import blocked_paths, dev_settings, is_loopback, launch_app, ui_auth

# gradio's queue monitoring uses pandas options that pandas 3 deprecates; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::Warning:gradio.queueing")


def test_login_needs_both_settings() -> None:
    assert ui_auth(Settings()) is None
    assert ui_auth(Settings(ui_username="me", ui_password="pw")) == ("me", "pw")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="set REGAIN_UI_PASSWORD"):
        ui_auth(Settings(ui_username="me"))
    with pytest.raises(ConfigurationError, match="set REGAIN_UI_USERNAME"):
        ui_auth(Settings(ui_password="pw"))  # type: ignore[arg-type]


def test_login_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGAIN_UI_USERNAME", "dana")
    monkeypatch.setenv("REGAIN_UI_PASSWORD", "s3cret")
    settings = Settings()
    assert ui_auth(settings) == ("dana", "s3cret")
    assert "s3cret" not in repr(settings)


def test_a_busy_port_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        app = build_app(lambda: Pipeline(scripted_model()), today=TODAY)
        with pytest.raises(ConfigurationError, match="--port"):
            launch_app(app, port=port, prevent_thread_lock=True, quiet=True)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("localhost", True), ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("0.0.0.0", False),
     ("192.168.1.4", False), ("example.com", False), ("", False)],
)  # fmt: skip
def test_only_this_machines_addresses_are_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_data_and_cache_folders_are_blocked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui_launch, "user_data_dir", lambda name: str(tmp_path / "default" / name))
    settings = Settings(data_dir=tmp_path / "data", cache_dir=tmp_path / "cache" / ".." / "cache")
    assert blocked_paths(settings) == sorted(
        [str(tmp_path / "cache"), str(tmp_path / "data"), str(tmp_path / "default" / "regain")]
    )
    same = Settings(data_dir=tmp_path / "default" / "regain", cache_dir=tmp_path / "cache")
    assert len(blocked_paths(same)) == 2


def test_dev_settings_fall_back_to_the_defaults_when_the_environment_is_invalid(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REGAIN_UI_CONCURRENCY", "8")
    assert dev_settings().ui_concurrency == 8
    monkeypatch.setenv("REGAIN_UI_CONCURRENCY", "many")
    with pytest.raises(ValueError):
        Settings()
    assert dev_settings().ui_concurrency == 4
