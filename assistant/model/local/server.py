"""Run an OpenAI-compatible llama.cpp server in-process (xllamacpp), bound to 127.0.0.1."""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import Any

from assistant.domain.errors import ConfigurationError, LocalModelError


class LocalServer:
    """The embedded model server. Use as a context manager; it stops on exit.

    ``base_url`` is the ``/v1`` address to give an openai client.
    """

    def __init__(
        self,
        model_path: Path,
        *,
        alias: str,
        threads: int | None = None,
        parallel: int = 2,
        context: int = 8192,
    ) -> None:
        self.model_path = model_path
        self.alias = alias
        self.threads = threads or max(1, os.cpu_count() or 1)
        self.parallel = parallel
        self.context = context
        self._server: Any = None
        self.base_url = ""

    def start(self) -> str:
        """Load the model and start serving; return the base URL."""
        try:
            import xllamacpp  # type: ignore[import-untyped]
        except ImportError as exc:
            raise ConfigurationError(
                "The local model runtime is not installed: pip install 'regain[local]' "
                "(or set OPENAI_API_KEY / OPENAI_BASE_URL to use a server)."
            ) from exc
        if not self.model_path.is_file():
            raise LocalModelError(f"The model file {self.model_path} does not exist; check REGAIN_LOCAL_MODEL_PATH.")
        params = xllamacpp.CommonParams()
        params.model.path = str(self.model_path)
        params.model_alias = self.alias
        params.port = 0
        params.n_parallel = self.parallel
        params.n_ctx = self.context * self.parallel
        params.cpuparams.n_threads = self.threads
        params.cpuparams_batch.n_threads = self.threads
        params.verbosity = 0
        params.endpoint_metrics = True
        try:
            self._server = xllamacpp.Server(params)
        except Exception as exc:  # the extension raises plain RuntimeError/ValueError
            raise LocalModelError(f"The local model server failed to start: {exc}") from exc
        address = str(self._server.listening_address).rstrip("/")
        if not address.startswith("http"):
            address = f"http://{address}"
        self.base_url = f"{address}/v1"
        return self.base_url

    def stop(self) -> None:
        """Stop serving and free the model."""
        server, self._server = self._server, None
        del server

    def __enter__(self) -> LocalServer:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
