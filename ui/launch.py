"""Serving the UI: login, Regain's theme and styles, and the deployment settings of gradio's launch.

:func:`launch_app` is the one place the app is launched (``regain ui``, ``python -m ui``, reload mode).
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

import gradio as gr
from platformdirs import user_data_dir

from assistant.domain.errors import ConfigurationError
from assistant.model.settings import Settings

__all__ = ["CSS", "MAX_UPLOAD", "THEME", "blocked_paths", "dev_settings", "is_loopback", "launch_app", "ui_auth"]

THEME = gr.themes.Soft()
CSS = """
.regain-suggestion { opacity: 0.8; font-size: 0.92em; }
.regain-highlight, .regain-diff { padding: 6px 8px; border-radius: 6px; border: 1px solid var(--border-color-primary); }
.gradio-container mark { background: rgba(250, 204, 21, 0.45); color: inherit; border-radius: 2px; padding: 0 1px; }
.gradio-container ins { background: rgba(34, 197, 94, 0.28); text-decoration: none; }
.gradio-container del { background: rgba(239, 68, 68, 0.28); }
.gradio-container .findings { font-size: 0.95em; }
.regain-ok { color: var(--color-green-600, #16a34a); }
@media (max-width: 640px) {
  .regain-section { flex-direction: column !important; }
  .regain-section > * { width: 100% !important; min-width: 0 !important; flex: 1 1 auto !important; }
}
"""


def ui_auth(settings: Settings) -> tuple[str, str] | None:
    """Basic-auth credentials from REGAIN_UI_USERNAME / REGAIN_UI_PASSWORD, or None when neither is set."""
    user, password = settings.ui_username, settings.ui_password
    if user is None and password is None:
        return None
    if not user or password is None or not password.get_secret_value():
        missing = "REGAIN_UI_PASSWORD" if user else "REGAIN_UI_USERNAME"
        raise ConfigurationError(f"UI login needs both REGAIN_UI_USERNAME and REGAIN_UI_PASSWORD; set {missing}.")
    return user, password.get_secret_value()


def is_loopback(host: str) -> bool:
    """Whether the host name or address only reaches this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


MAX_UPLOAD = "1mb"
"""The UI takes no uploads; gradio's upload route still exists, so it is kept small."""


def blocked_paths(settings: Settings) -> list[str]:
    """Folders the web server must never serve: Regain's data (sessions) and cache (model weights)."""
    folders = {Path(user_data_dir("regain")), Path(settings.data_dir), Path(settings.cache_dir)}
    return sorted(str(p.expanduser().resolve()) for p in folders)


def launch_app(
    app: gr.Blocks,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: tuple[str, str] | None = None,
    prevent_thread_lock: bool = False,
    quiet: bool = False,
    settings: Settings | None = None,
) -> None:
    """Serve the app (blocking unless ``prevent_thread_lock``), with Regain's theme and styles.

    Deployment settings: never a share link, no extra allowed paths, Regain's data and cache
    folders blocked, internal errors not shown (our own ``gr.Error`` messages are), a bounded
    queue (REGAIN_UI_CONCURRENCY, REGAIN_UI_QUEUE_SIZE) and a small upload limit.
    """
    settings = settings or dev_settings()
    try:
        app.queue(default_concurrency_limit=settings.ui_concurrency, max_size=settings.ui_queue_size).launch(
            server_name=host,
            server_port=port,
            auth=auth,
            auth_message="Regain: log in with REGAIN_UI_USERNAME / REGAIN_UI_PASSWORD." if auth else None,
            prevent_thread_lock=prevent_thread_lock,
            quiet=quiet,
            show_error=False,
            share=False,
            allowed_paths=[],
            blocked_paths=blocked_paths(settings),
            max_file_size=MAX_UPLOAD,
            theme=THEME,
            css=CSS,
            footer_links=["gradio"],
            ssr_mode=False,
            mcp_server=False,
            pwa=False,
        )
    except OSError as exc:
        raise ConfigurationError(
            f"Cannot serve the UI on {host}:{port} ({exc}). Pick another port with --port."
        ) from exc


def dev_settings() -> Settings:
    """Settings from the environment, or the defaults when they are invalid (reload mode reports it later)."""
    try:
        return Settings()
    except Exception:  # reported on the first request, when the backend opens
        return Settings.model_construct()
