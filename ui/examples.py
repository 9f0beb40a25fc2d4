"""Example notes the Draft tab offers as a starting point (``examples/*.md``).

An installed wheel carries them as package data in ``ui/_examples`` (see pyproject.toml); a source
checkout reads ``examples/`` at the top of the repository.
"""

from __future__ import annotations

import html
from pathlib import Path

import gradio as gr

_PACKAGED = Path(__file__).resolve().parent / "_examples"
_SOURCE = Path(__file__).resolve().parent.parent / "examples"
EXAMPLES_DIR = _PACKAGED if _PACKAGED.is_dir() else _SOURCE
"""Where the examples are read from: the installed copy, else the source tree."""


def example_choices(directory: Path = EXAMPLES_DIR) -> list[tuple[str, str]]:
    """``(label, file name)`` for every example notes file."""
    if not directory.is_dir():
        return []
    return [(p.stem.replace("-", " ").capitalize(), p.name) for p in sorted(directory.glob("*.md"))]


def load_example(name: str | None, directory: Path = EXAMPLES_DIR) -> str:
    """The text of an example notes file (chosen from :func:`example_choices`)."""
    if not name:
        return gr.skip()  # type: ignore[no-any-return]
    path = directory / Path(name).name
    if not path.is_file():
        raise gr.Error(f"No example named {html.escape(name)}.")
    return path.read_text(encoding="utf-8")
