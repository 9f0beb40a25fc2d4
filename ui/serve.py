"""Serving the web UI for real: :func:`serve` (``regain ui``) and :func:`main` (``python -m ui``).

Both open the backend from settings, build the app with :func:`ui.app.build_app` and launch it with
:func:`ui.launch.launch_app`. ``python -m ui`` takes the same options as ``regain ui`` without going
through the CLI.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from assistant.domain.errors import RegainError
from assistant.domain.redact import error_line
from assistant.model.settings import Settings, settings_from_options
from ui.app import build_app, pipeline_factory_for
from ui.launch import is_loopback, launch_app, ui_auth

__all__ = ["main", "serve"]


def serve(
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    status: Callable[[str, float | None], None] | None = None,
) -> None:
    """Open the backend from settings (as the CLI does) and serve the UI until interrupted."""
    from assistant.model.backend import open_backend

    auth = ui_auth(settings)
    if auth is None and not is_loopback(host):
        print(
            f"regain: warning: serving on {host} without a login; set REGAIN_UI_USERNAME and REGAIN_UI_PASSWORD.",
            file=sys.stderr,
        )
    with open_backend(settings, status) as backend:
        app = build_app(
            pipeline_factory_for(backend.chat_model, settings), settings, backend_description=backend.describe()
        )
        launch_app(app, host=host, port=port, auth=auth, settings=settings)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m ui", description="Serve Regain's web UI (the same as `regain ui`)."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=7860, help="port to listen on (default: 7860)")
    parser.add_argument("--model", help="model name (env REGAIN_MODEL)")
    parser.add_argument("--base-url", help="OpenAI-compatible server URL (env OPENAI_BASE_URL)")
    parser.add_argument("--backend", choices=["auto", "local", "openai"], help="force a backend (env REGAIN_BACKEND)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    return parser


def _status(text: str, fraction: float | None = None) -> None:
    """Progress of opening the backend on stderr: a line when a stage starts and when it ends."""
    if fraction is None:
        print(f"{text}…", file=sys.stderr)
    elif fraction >= 1:
        print(f"{text} done", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """``python -m ui [--host H] [--port P] [--model M] [--base-url U] [--backend B]``; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        settings = settings_from_options(model=args.model, base_url=args.base_url, backend=args.backend)
        serve(settings, host=args.host, port=args.port, status=_status)
    except RegainError as exc:
        if args.debug:
            raise
        print(error_line(exc), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("regain: interrupted", file=sys.stderr)
        return 130
    return 0
