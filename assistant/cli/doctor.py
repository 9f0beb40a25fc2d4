"""``regain doctor``: which backend and model would be used, and whether they answer."""

from __future__ import annotations

import time
from collections.abc import Callable

from assistant.domain.errors import RegainError
from assistant.domain.redact import redact
from assistant.model.backend import open_backend, ping
from assistant.model.local.weights import MODEL_FILE, is_verified, weights_installed
from assistant.model.settings import Settings


def _redacting(say: Callable[[str], None], secrets: list[str | None]) -> Callable[[str], None]:
    return lambda line: say(redact(line, secrets))


def run_doctor(settings: Settings, say: Callable[[str], None]) -> bool:
    """Report the configuration and try one tiny model call. Returns True when it answered.

    Every line is redacted: the API key, the UI password and URL passwords are never shown.
    """
    secrets = [settings.api_key_value(), settings.ui_password.get_secret_value() if settings.ui_password else None]
    say = _redacting(say, secrets)
    backend = settings.resolved_backend()
    reason = {
        "auto": "chosen automatically: "
        + ("OPENAI_BASE_URL/OPENAI_API_KEY is set" if backend == "openai" else "no API configured"),
    }.get(settings.backend, f"forced by REGAIN_BACKEND={settings.backend}")
    say(f"backend: {backend} ({reason})")
    if backend == "openai":
        say(f"server: {settings.base_url or 'https://api.openai.com/v1'}")
        say(f"api key: {'set' if settings.api_key else 'not set'}")
    else:
        if settings.local_model_path:
            say(f"weights: {settings.local_model_path} (REGAIN_LOCAL_MODEL_PATH)")
        else:
            cached = settings.cache_dir / "models" / MODEL_FILE
            say(
                f"weights: {'installed' if weights_installed() else 'NOT installed'} (regain[local]); "
                f"cache {cached} {'verified' if is_verified(cached) else 'not prepared yet'}"
            )
    say(f"model setting: {settings.model or '(default)'}")
    started = time.monotonic()
    try:
        with open_backend(settings, lambda text, fraction: None) as ready:
            say(f"using: {ready.describe()}")
            reply = ping(ready)
    except RegainError as exc:
        say(f"status: FAILED – {exc}")
        return False
    say(f"status: OK – the model answered {reply[:40]!r} in {time.monotonic() - started:.1f}s")
    return True
