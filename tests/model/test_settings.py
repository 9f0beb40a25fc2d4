"""The one settings object: defaults, environment, explicit arguments."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError

from assistant.model.settings import Settings


def test_defaults(isolated_env: Path) -> None:
    s = Settings()
    assert (s.backend, s.base_url, s.api_key, s.model) == ("auto", None, None, None)
    assert (s.max_reasks, s.max_retries, s.temperature, s.timeout) == (2, 2, 0.2, 300.0)
    assert (s.structured_output, s.max_notes_chars, s.local_parallel) == ("auto", 20_000, 2)
    assert s.cache_dir == isolated_env / "cache"  # REGAIN_CACHE_DIR from the autouse fixture
    assert s.api_key_value() is None


def test_standard_openai_variables_are_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    monkeypatch.setenv("REGAIN_MODEL", "llama3")
    s = Settings()
    assert (s.api_key_value(), s.base_url, s.model) == ("sk-test", "http://127.0.0.1:11434/v1", "llama3")
    assert "sk-test" not in repr(s)


def test_regain_variables_are_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGAIN_BASE_URL", "http://127.0.0.1:8080/v1")
    monkeypatch.setenv("REGAIN_MAX_REASKS", "4")
    monkeypatch.setenv("REGAIN_STRUCTURED_OUTPUT", "json_object")
    s = Settings()
    assert (s.base_url, s.max_reasks, s.structured_output) == ("http://127.0.0.1:8080/v1", 4, "json_object")


def test_the_sign_off_name_and_the_polish_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert (Settings().user_name, Settings().polish) == (None, False)
    monkeypatch.setenv("REGAIN_USER_NAME", "Robin")
    monkeypatch.setenv("REGAIN_POLISH", "true")
    assert (Settings().user_name, Settings().polish) == ("Robin", True)


def test_explicit_arguments_beat_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://env/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "env-key")
    monkeypatch.setenv("REGAIN_MODEL", "env-model")
    monkeypatch.setenv("REGAIN_BACKEND", "openai")
    s = Settings(base_url="http://arg/v1", api_key=SecretStr("arg-key"), model="arg-model", backend="local")
    assert (s.base_url, s.api_key_value(), s.model, s.backend) == ("http://arg/v1", "arg-key", "arg-model", "local")


def test_invalid_environment_value_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGAIN_MAX_REASKS", "99")
    with pytest.raises(ValidationError, match="max_reasks"):
        Settings()


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "local"),
        ({"base_url": "http://127.0.0.1:11434/v1"}, "openai"),
        ({"api_key": "sk-test"}, "openai"),
        ({"api_key": ""}, "local"),
        ({"backend": "local", "api_key": "sk-test"}, "local"),
        ({"backend": "openai"}, "openai"),
    ],
)
def test_resolved_backend(kwargs: dict[str, str], expected: str) -> None:
    assert Settings(**kwargs).resolved_backend() == expected  # type: ignore[arg-type]


def test_backend_forced_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGAIN_BACKEND", "openai")
    assert Settings().resolved_backend() == "openai"


def test_generic_base_url_and_api_key_variables_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BASE_URL", "http://some-other-tool.example/v1")
    monkeypatch.setenv("API_KEY", "key-for-another-service")
    s = Settings()
    assert (s.base_url, s.api_key, s.resolved_backend()) == (None, None, "local")


def test_sessions_database_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REGAIN_DATA_DIR", str(tmp_path / "d"))
    settings = Settings()
    assert settings.database_url is None and settings.retention_days is None
    assert settings.database_url_value() == f"sqlite:///{tmp_path / 'd' / 'regain.db'}"
    monkeypatch.setenv("REGAIN_DATABASE_URL", "postgresql+psycopg://u:p@localhost/regain")
    monkeypatch.setenv("REGAIN_RETENTION_DAYS", "90")
    settings = Settings()
    assert settings.database_url_value() == "postgresql+psycopg://u:p@localhost/regain"
    assert settings.retention_days == 90
    monkeypatch.setenv("REGAIN_RETENTION_DAYS", "0")
    with pytest.raises(ValidationError):
        Settings()


def test_fault_and_consumption_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    s = Settings()
    assert (s.connect_timeout, s.stall_timeout, s.call_deadline) == (10.0, 120.0, 600.0)
    assert (s.retry_backoff, s.retry_max_wait, s.max_tokens_per_call, s.max_calls_per_session) == (1.0, 30.0, 2000, 40)
    assert s.fallback == "none"
    monkeypatch.setenv("REGAIN_MAX_CALLS_PER_SESSION", "12")
    monkeypatch.setenv("REGAIN_FALLBACK", "local")
    assert (Settings().max_calls_per_session, Settings().fallback) == (12, "local")
    monkeypatch.setenv("REGAIN_MAX_TOKENS_PER_CALL", "3")
    with pytest.raises(ValidationError, match="max_tokens_per_call"):
        Settings()
