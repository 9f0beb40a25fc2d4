"""The one settings object, built at the entry point (CLI or UI) and passed down.

Explicit arguments beat environment variables. The standard ``OPENAI_API_KEY`` and
``OPENAI_BASE_URL`` are honoured; everything else is ``REGAIN_*``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_cache_dir, user_data_dir
from pydantic import AliasChoices, Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.domain.errors import ConfigurationError

Backend = Literal["auto", "local", "openai"]
StructuredMode = Literal["auto", "json_schema", "json_object", "prompt"]

OPENAI_DEFAULT_MODEL = "gpt-4o-mini"


class Settings(BaseSettings):
    """Everything Regain can be configured with."""

    model_config = SettingsConfigDict(env_prefix="REGAIN_", extra="ignore", populate_by_name=True)

    backend: Backend = Field(
        default="auto",
        description="'local' runs the embedded model, 'openai' any OpenAI-compatible server, "
        "'auto' picks 'openai' when a base URL or API key is set and 'local' otherwise.",
    )
    base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("REGAIN_BASE_URL", "OPENAI_BASE_URL"),
        description="Base URL of an OpenAI-compatible server, e.g. http://localhost:11434/v1 for Ollama.",
    )
    api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("REGAIN_API_KEY", "OPENAI_API_KEY"),
        description="API key for the server (not needed by most local servers).",
    )
    model: str | None = Field(
        default=None,
        description="Model name on the server. Defaults to gpt-4o-mini on OpenAI, to the server's "
        "first listed model elsewhere, and to the embedded model locally.",
    )
    local_model_path: Path | None = Field(
        default=None,
        description="A GGUF file to run instead of the shipped Qwen2.5-Coder-1.5B-Instruct weights.",
    )
    local_threads: int | None = Field(default=None, ge=1, description="CPU threads for the embedded model.")
    local_parallel: int = Field(default=2, ge=1, le=16, description="Parallel slots of the embedded server.")
    local_context: int = Field(default=8192, ge=1024, description="Context tokens per slot of the embedded server.")
    timeout: float = Field(
        default=300.0, gt=0, description="Seconds one model response may take, first byte to last (per attempt)."
    )
    connect_timeout: float = Field(default=10.0, gt=0, description="Seconds to wait for a connection to the server.")
    stall_timeout: float = Field(
        default=120.0,
        gt=0,
        description="Seconds a remote server may stay silent (before the first token or between tokens) before "
        "the attempt counts as timed out; capped by REGAIN_TIMEOUT (the embedded model uses REGAIN_TIMEOUT).",
    )
    max_retries: int = Field(
        default=2,
        ge=0,
        le=10,
        description="Retries of one model call after a timeout, a dropped connection, a cut stream, a 408/409/429 "
        "or a 5xx; never after other 4xx. The only retry layer (the openai client's own retries are off).",
    )
    retry_backoff: float = Field(
        default=1.0, ge=0, description="Seconds before the first retry; doubled for each further one, with jitter."
    )
    retry_max_wait: float = Field(
        default=30.0, ge=0, description="Longest wait before a retry; a longer Retry-After is cut to this."
    )
    call_deadline: float = Field(
        default=600.0,
        gt=0,
        description="Seconds one model call may take in all, retries and waits included; no retry starts after it.",
    )
    max_tokens_per_call: int = Field(
        default=2000,
        ge=16,
        description="Cap on completion tokens of every model call; a prompt's own max_tokens is lowered to it.",
    )
    max_calls_per_session: int = Field(
        default=40,
        ge=1,
        description="Most model calls one draft (CLI) or one browser session (UI) may make, re-asks included.",
    )
    fallback: Literal["none", "local"] = Field(
        default="none",
        description="'local': when the remote model server keeps failing (connection, timeout, 5xx), "
        "`regain draft` tries once more with the embedded local model.",
    )
    max_reasks: int = Field(
        default=2,
        ge=0,
        le=10,
        description="How often a step is asked again when its output fails to parse or validate.",
    )
    temperature: float = Field(default=0.2, ge=0, le=2, description="Sampling temperature.")
    user_name: str | None = Field(
        default=None, max_length=80, description="Your name, for the message's sign-off (REGAIN_USER_NAME)."
    )
    polish: bool = Field(
        default=False,
        description="Ask the model to rewrite the assembled message as one text (for larger models; the "
        "assembled message is kept when the rewrite has more problems).",
    )
    structured_output: StructuredMode = Field(
        default="auto",
        description="How JSON output is requested: json_schema response_format, json_object, or prompt-only.",
    )
    max_notes_chars: int = Field(default=20_000, ge=100, description="Longest notes accepted, in characters.")
    cache_dir: Path = Field(
        default_factory=lambda: Path(user_cache_dir("regain")),
        description="Where the assembled local model is kept.",
    )
    data_dir: Path = Field(
        default_factory=lambda: Path(user_data_dir("regain")),
        description="Where Regain keeps its own data: the sessions database regain.db (folder mode 0700, file 0600).",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the sessions database, e.g. postgresql+psycopg://user:pass@host/regain "
        "to share one database between several instances; default: SQLite at <data_dir>/regain.db.",
    )
    retention_days: int | None = Field(
        default=None,
        ge=1,
        description="Delete saved sessions not updated for this many days (checked when the store opens); "
        "unset keeps them until deleted.",
    )
    ui_concurrency: int = Field(
        default=4, ge=1, le=64, description="Web UI requests that run at once (gradio's default_concurrency_limit)."
    )
    ui_queue_size: int = Field(
        default=32,
        ge=1,
        le=10_000,
        description="Web UI requests that may wait in the queue; more are refused.",
    )
    ui_username: str | None = Field(
        default=None, description="Login name for the web UI (`regain ui`); set together with REGAIN_UI_PASSWORD."
    )
    ui_password: SecretStr | None = Field(
        default=None, description="Password for the web UI (`regain ui`); set together with REGAIN_UI_USERNAME."
    )

    def resolved_backend(self) -> Literal["local", "openai"]:
        """Return the backend that will actually be used."""
        if self.backend != "auto":
            return self.backend
        if self.base_url or self.api_key:
            return "openai"
        return "local"

    def api_key_value(self) -> str | None:
        """Return the API key as plain text, or None."""
        return self.api_key.get_secret_value() if self.api_key else None

    def database_url_value(self) -> str:
        """Return the sessions database URL: REGAIN_DATABASE_URL, or SQLite in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'regain.db'}"


def settings_from_options(**options: object) -> Settings:
    """Settings from the environment, with the options given on a command line (``None`` = not given) on top.

    An invalid value is a :class:`ConfigurationError` that names the variable to fix.
    """
    explicit = {name: value for name, value in options.items() if value is not None}
    try:
        return Settings(**explicit)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(f"REGAIN_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors())
        raise ConfigurationError(f"Invalid setting – {problems}.") from exc
