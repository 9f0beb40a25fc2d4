"""vcrpy configuration shared by the integration tests.

Cassettes in ``cassettes/`` are replayed with record mode ``none`` unless
``REGAIN_RECORD=1`` is set, in which case the tests run against the real embedded
model and write the cassettes afresh (see the README). Requests match on method,
path and body, so the random port of the embedded server does not matter.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import openai
import vcr
from platformdirs import user_cache_dir

from assistant.model.backend import Backend, open_backend
from assistant.model.llm import OpenAIChatModel
from assistant.model.local.weights import MODEL_NAME
from assistant.model.settings import Settings

CASSETTES = Path(__file__).parent.parent / "cassettes"
RECORDING = os.environ.get("REGAIN_RECORD") == "1"
REPLAY_URL = "http://127.0.0.1:8080/v1"
SECRET_HEADERS = [
    "authorization",
    "cookie",
    "set-cookie",
    "openai-organization",
    "openai-project",
    "api-key",
    "x-api-key",
]

recorder = vcr.VCR(
    cassette_library_dir=str(CASSETTES),
    record_mode="all" if RECORDING else "none",
    match_on=["method", "path", "body"],
    filter_headers=SECRET_HEADERS,
    decode_compressed_response=True,
)


@contextmanager
def cassette_backend(name: str) -> Iterator[Backend]:
    """A backend whose HTTP traffic is the cassette ``name``: recorded live, or replayed."""
    with recorder.use_cassette(f"{name}.yaml"):
        if RECORDING:
            settings = Settings(cache_dir=Path(user_cache_dir("regain")))
            with open_backend(settings) as backend:
                yield backend
            return
        common = {"base_url": REPLAY_URL, "api_key": "local", "max_retries": 0, "timeout": 30.0}
        client, aclient = openai.OpenAI(**common), openai.AsyncOpenAI(**common)  # type: ignore[arg-type]
        model = OpenAIChatModel(client=client, async_client=aclient, model_name=MODEL_NAME, temperature=0.2)
        yield Backend("local", REPLAY_URL, MODEL_NAME, model, client)
