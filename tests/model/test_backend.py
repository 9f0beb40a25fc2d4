"""Building the chat model from settings, without touching the network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx2
import openai
import pytest

import assistant.model.backend as backend_module
from assistant.domain.errors import ConfigurationError, ModelAPIError, PartialDraftError, TransientModelError
from assistant.model.backend import OPENAI_URL, client_timeout, discover_model, fallback_settings, open_backend
from assistant.model.llm import OpenAIChatModel
from assistant.model.local.weights import MODEL_NAME
from assistant.model.settings import OPENAI_DEFAULT_MODEL, Settings


def test_openai_backend_with_base_url_and_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGAIN_BACKEND", "openai")
    monkeypatch.setenv("REGAIN_TIMEOUT", "42")
    with open_backend(Settings(base_url="http://127.0.0.1:11434/v1/", model="llama3.2")) as backend:
        assert backend.kind == "openai"
        assert backend.base_url == "http://127.0.0.1:11434/v1"
        assert isinstance(backend.chat_model, OpenAIChatModel)
        assert (backend.chat_model.model_name, backend.chat_model.timeout) == ("llama3.2", 42.0)
        assert str(backend.chat_model.client.base_url).rstrip("/") == "http://127.0.0.1:11434/v1"
        assert isinstance(backend.chat_model.async_client, openai.AsyncOpenAI)
        assert backend.describe() == "OpenAI-compatible server 'llama3.2' at http://127.0.0.1:11434/v1"


def test_api_key_alone_uses_openai_and_its_default_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    with open_backend(Settings()) as backend:
        assert (backend.kind, backend.base_url, backend.model_name) == ("openai", OPENAI_URL, OPENAI_DEFAULT_MODEL)
        assert backend.client.api_key == "sk-test"


def test_forced_openai_without_key_or_url_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGAIN_BACKEND", "openai")
    with pytest.raises(ConfigurationError, match="OPENAI_API_KEY"), open_backend(Settings()):
        pass


def test_base_url_without_model_asks_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backend_module, "discover_model", lambda client, settings: "served-first")
    with open_backend(Settings(base_url="http://127.0.0.1:8080/v1")) as backend:
        assert backend.model_name == backend.chat_model.model_name == "served-first"


class _Models:
    def __init__(self, result: Any) -> None:
        self.result = result

    def list(self) -> Any:
        if isinstance(self.result, Exception):
            raise self.result
        return iter(self.result)


def _client(result: Any) -> Any:
    return SimpleNamespace(base_url="http://127.0.0.1:8080/v1/", models=_Models(result))


def test_discover_model_takes_the_first_listed() -> None:
    client = _client([SimpleNamespace(id="qwen2.5"), SimpleNamespace(id="llama3")])
    assert discover_model(client, Settings()) == "qwen2.5"


def test_discover_model_with_no_models() -> None:
    with pytest.raises(ConfigurationError, match="lists no models; set REGAIN_MODEL"):
        discover_model(_client([]), Settings())


def test_discover_model_when_the_server_is_down() -> None:
    error = openai.APIConnectionError(request=httpx2.Request("GET", "http://127.0.0.1:8080/v1/models"))
    with pytest.raises(ConfigurationError) as info:
        discover_model(_client(error), Settings())
    assert "could not list its models" in str(info.value) and "Set REGAIN_MODEL" in str(info.value)
    assert info.value.__cause__ is error


class FakeServer:
    """Stands in for the embedded llama.cpp server."""

    instances: list[FakeServer] = []

    def __init__(self, model_path: Path, *, alias: str, **options: Any) -> None:
        self.model_path, self.alias, self.options = model_path, alias, options
        self.base_url = "http://127.0.0.1:5555/v1"
        self.running = False
        FakeServer.instances.append(self)

    def __enter__(self) -> FakeServer:
        self.running = True
        return self

    def __exit__(self, *exc: object) -> None:
        self.running = False


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[FakeServer]]:
    FakeServer.instances = []
    monkeypatch.setattr(backend_module, "LocalServer", FakeServer)
    yield FakeServer


def test_local_backend_with_a_model_file(fake_server: type[FakeServer], tmp_path: Path) -> None:
    gguf = tmp_path / "my-model.gguf"
    with open_backend(Settings(local_model_path=gguf, local_parallel=3)) as backend:
        server = fake_server.instances[0]
        assert server.running and server.model_path == gguf and server.alias == "my-model"
        assert server.options["parallel"] == 3
        assert (backend.kind, backend.base_url, backend.model_name) == ("local", server.base_url, "my-model")
    assert not server.running


def test_local_backend_assembles_the_shipped_weights(
    fake_server: type[FakeServer], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    weights_file = tmp_path / "w.gguf"
    monkeypatch.setattr(backend_module, "ensure_weights", lambda cache_dir, status=None: weights_file)
    statuses: list[str] = []
    with open_backend(Settings(), lambda text, fraction: statuses.append(text)) as backend:
        assert fake_server.instances[0].model_path == weights_file
        assert backend.model_name == MODEL_NAME
    assert statuses == ["Loading the local model"]


def test_the_openai_client_does_not_retry_and_has_explicit_timeouts() -> None:
    settings = Settings(
        backend="openai", base_url="http://127.0.0.1:9/v1", model="m", timeout=60, connect_timeout=3, stall_timeout=20
    )
    with open_backend(settings) as backend:
        for client in (backend.client, backend.chat_model.async_client):
            assert client.max_retries == 0  # the one retry layer is OpenAIChatModel's
            timeout = client.timeout
            assert isinstance(timeout, httpx2.Timeout)
            assert (timeout.connect, timeout.read, timeout.write) == (3, 20, 60)
        retry = backend.chat_model.retry
        assert (retry.max_retries, retry.backoff, retry.max_wait, retry.deadline) == (2, 1.0, 30.0, 600.0)
        assert backend.chat_model.max_tokens_cap == 2000


def _partial_from(cause: ModelAPIError) -> PartialDraftError:
    error = PartialDraftError("incomplete", draft=None, failed_steps={"pain": str(cause)})
    error.__cause__ = cause
    return error


def test_fallback_settings_decide_on_the_cause() -> None:
    remote = Settings(backend="openai", base_url="http://127.0.0.1:9/v1", model="m", fallback="local")
    down = TransientModelError("Server error 503", cause="server_error", attempts=3)
    local = fallback_settings(remote, down)
    assert local is not None and (local.resolved_backend(), local.model) == ("local", None)
    assert fallback_settings(remote, _partial_from(down)) == local  # a partial draft from a down server too
    assert fallback_settings(remote, TransientModelError("429", cause="rate_limit")) is None
    assert fallback_settings(remote, ModelAPIError("401", cause="auth")) is None
    assert fallback_settings(remote.model_copy(update={"fallback": "none"}), down) is None
    assert fallback_settings(remote.model_copy(update={"backend": "local"}), down) is None


def test_the_embedded_server_may_stay_silent_for_the_whole_response_budget() -> None:
    settings = Settings(timeout=60, stall_timeout=20)
    assert client_timeout(settings).read == 20
    assert client_timeout(settings, local=True).read == 60
