"""Regain's web UI (gradio): plain handlers in :mod:`ui.handlers`, wired by :func:`ui.app.build_app`."""

from ui.app import build_app

__all__ = ["build_app"]
