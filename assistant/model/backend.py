"""Build the chat model from settings: the embedded local server or any OpenAI-compatible API.

This is the one factory; the CLI and the UI call :func:`open_backend` at their entry
point and hand the model down.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

import openai

from assistant.domain.errors import ConfigurationError, ModelAPIError, PartialDraftError, TransientModelError
from assistant.model.llm import OpenAIChatModel, explain_api_error
from assistant.model.local.server import LocalServer
from assistant.model.local.weights import MODEL_NAME, ensure_weights
from assistant.model.retry import RetryPolicy
from assistant.model.settings import OPENAI_DEFAULT_MODEL, Settings

Status = Callable[[str, float | None], None]
OPENAI_URL = "https://api.openai.com/v1"


@dataclass
class Backend:
    """A ready chat model and where it runs."""

    kind: Literal["local", "openai"]
    base_url: str
    model_name: str
    chat_model: OpenAIChatModel
    client: openai.OpenAI

    def describe(self) -> str:
        """One line: which backend and model."""
        where = "embedded local model" if self.kind == "local" else "OpenAI-compatible server"
        return f"{where} '{self.model_name}' at {self.base_url}"


def client_timeout(settings: Settings, *, local: bool = False) -> openai.Timeout:
    """The HTTP timeouts: connect, and read (the longest silence, capped by the per-response budget).

    The embedded server is Regain's own process: a request there may wait silently for a free
    slot while other steps are written, so only the per-response budget bounds its silence.
    """
    read = settings.timeout if local else min(settings.stall_timeout, settings.timeout)
    return openai.Timeout(settings.timeout, connect=min(settings.connect_timeout, settings.timeout), read=read)


def retry_policy(settings: Settings) -> RetryPolicy:
    """The bounds of the one retry layer (:mod:`assistant.model.retry`), from settings."""
    return RetryPolicy(
        max_retries=settings.max_retries,
        backoff=settings.retry_backoff,
        max_wait=settings.retry_max_wait,
        deadline=settings.call_deadline,
    )


def _clients(
    settings: Settings, base_url: str, api_key: str, *, local: bool = False
) -> tuple[openai.OpenAI, openai.AsyncOpenAI]:
    # max_retries=0: OpenAIChatModel is the one retry layer (assistant/model/retry.py); retries are never stacked.
    timeout = client_timeout(settings, local=local)
    common = {"base_url": base_url, "api_key": api_key, "timeout": timeout, "max_retries": 0}
    return openai.OpenAI(**common), openai.AsyncOpenAI(**common)  # type: ignore[arg-type]


def chat_model_for(
    settings: Settings, client: openai.OpenAI, aclient: openai.AsyncOpenAI, name: str
) -> OpenAIChatModel:
    """The chat model over the given clients, with the timeouts, retries and token cap of ``settings``."""
    return OpenAIChatModel(
        client=client,
        async_client=aclient,
        model_name=name,
        temperature=settings.temperature,
        timeout=settings.timeout,
        retry=retry_policy(settings),
        max_tokens_cap=settings.max_tokens_per_call,
    )


def discover_model(client: openai.OpenAI, settings: Settings) -> str:
    """The first model the server lists, for servers where REGAIN_MODEL is not set."""
    try:
        models = [m.id for m in client.models.list()]
    except openai.OpenAIError as exc:
        raise ConfigurationError(
            f"REGAIN_MODEL is not set and the server at {client.base_url} could not list its models "
            f"({explain_api_error(exc, base_url=str(client.base_url), model='?', timeout=settings.timeout)}). "
            "Set REGAIN_MODEL to the model to use."
        ) from exc
    if not models:
        raise ConfigurationError(f"The server at {client.base_url} lists no models; set REGAIN_MODEL.")
    return models[0]


def _remote(settings: Settings) -> Backend:
    base_url = (settings.base_url or OPENAI_URL).rstrip("/")
    key = settings.api_key_value()
    if key is None and not settings.base_url:
        raise ConfigurationError("REGAIN_BACKEND=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server).")
    client, aclient = _clients(settings, base_url, key or "not-needed")
    if settings.model:
        name = settings.model
    elif base_url == OPENAI_URL:
        name = OPENAI_DEFAULT_MODEL
    else:
        name = discover_model(client, settings)
    return Backend("openai", base_url, name, chat_model_for(settings, client, aclient, name), client)


@contextmanager
def open_backend(settings: Settings, status: Status | None = None) -> Iterator[Backend]:
    """Yield a ready :class:`Backend`; an embedded server is started first and stopped after."""
    if settings.resolved_backend() == "openai":
        yield _remote(settings)
        return
    if settings.local_model_path:
        path = settings.local_model_path
        alias = path.stem
    else:
        path = ensure_weights(settings.cache_dir, status)
        alias = MODEL_NAME
    if status:
        status("Loading the local model", None)
    server = LocalServer(
        path,
        alias=settings.model or alias,
        threads=settings.local_threads,
        parallel=settings.local_parallel,
        context=settings.local_context,
    )
    with server:
        client, aclient = _clients(settings, server.base_url, "local", local=True)
        name = settings.model or alias
        yield Backend("local", server.base_url, name, chat_model_for(settings, client, aclient, name), client)


FALLBACK_CAUSES = frozenset({"connection", "timeout", "server_error", "stream_cut"})


def fallback_settings(settings: Settings, error: ModelAPIError) -> Settings | None:
    """Settings for the embedded local model when the remote one failed for good and REGAIN_FALLBACK=local.

    Only a remote backend falls back, and only after faults that retrying did not cure
    (connection, timeout, server error, cut stream), also when they left a partial draft.
    Wrong keys, unknown models, refused requests and rate limits do not: the local model
    would hide a mistake the user should fix.
    """
    if settings.fallback != "local" or settings.resolved_backend() != "openai":
        return None
    cause = error.__cause__ if isinstance(error, PartialDraftError) else error
    if not isinstance(cause, TransientModelError) or cause.cause not in FALLBACK_CAUSES:
        return None
    return settings.model_copy(update={"backend": "local", "model": None})


def ping(backend: Backend) -> str:
    """Ask the model for a one-word reply; return it, or raise :class:`ModelAPIError`."""
    try:
        reply = backend.client.chat.completions.create(
            model=backend.model_name, messages=[{"role": "user", "content": "Reply with the word OK."}], max_tokens=5
        )
    except openai.OpenAIError as exc:
        raise explain_api_error(exc, base_url=backend.base_url, model=backend.model_name, timeout=30) from exc
    if not reply.choices:
        raise ModelAPIError(f"The model at {backend.base_url} returned no choices.")
    return (reply.choices[0].message.content or "").strip()
