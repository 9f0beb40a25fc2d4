"""Prompt files: Markdown with front matter that declares variables and model options.

A prompt file looks like::

    ---
    description: Step 2, own the problem.
    variables: [facts, leader]
    max_tokens: 200
    ---
    Write ... {facts} ...

Optional keys: ``max_tokens``, ``temperature``, ``example_words`` (words of the worked example that
must not reach an answer), ``example_is_style_only``, and ``with_notes: false`` for a step that is given
only what its own text quotes from the notes, not the whole notes.

Variables use ``{name}`` (literal braces are doubled). Loading checks the declared
variables against the ones the text uses and fails with the missing names. Files are
read as UTF-8; Jinja is never used.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from langchain_core.prompts import PromptTemplate

from assistant.domain.errors import PromptError

_PACKAGED = Path(__file__).parent / "_prompts"
_SOURCE = Path(__file__).parents[2] / "prompts"


def prompt_dir() -> Path:
    """Return the folder prompts are read from (the installed copy, else the source tree)."""
    return _PACKAGED if _PACKAGED.is_dir() else _SOURCE


@dataclass(frozen=True)
class PromptFile:
    """A loaded, checked prompt file."""

    name: str
    template: str
    variables: tuple[str, ...]
    description: str = ""
    max_tokens: int | None = None
    temperature: float | None = None
    example_words: tuple[str, ...] = ()
    example_is_style_only: bool = False
    with_notes: bool = True

    def render(self, **values: str) -> str:
        """Fill the template; every declared variable must be given."""
        missing = [v for v in self.variables if v not in values]
        if missing:
            raise PromptError(f"Prompt '{self.name}' needs values for: {', '.join(missing)}.")
        return PromptTemplate.from_template(self.template).format(**{v: values[v] for v in self.variables})


def _split_front_matter(name: str, raw: str) -> tuple[dict[str, object], str]:
    if not raw.startswith("---"):
        raise PromptError(f"Prompt '{name}' has no front matter: start the file with a '---' block.")
    parts = raw.split("---", 2)
    if len(parts) < 3:
        raise PromptError(f"Prompt '{name}' front matter is not closed: add a second '---' line.")
    try:
        meta = yaml.safe_load(parts[1]) or {}
    except yaml.YAMLError as exc:
        raise PromptError(f"Prompt '{name}' front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise PromptError(f"Prompt '{name}' front matter must be a mapping of keys to values.")
    return meta, parts[2].strip() + "\n"


def parse_prompt(name: str, raw: str) -> PromptFile:
    """Parse and check a prompt file's text."""
    meta, body = _split_front_matter(name, raw)
    declared = meta.get("variables") or []
    if not isinstance(declared, list) or not all(isinstance(v, str) for v in declared):
        raise PromptError(f"Prompt '{name}': 'variables' must be a list of names.")
    try:
        used = set(PromptTemplate.from_template(body).input_variables)
    except (ValueError, KeyError) as exc:
        raise PromptError(f"Prompt '{name}' has a malformed placeholder ({exc}); double literal braces.") from exc
    undeclared = sorted(used - set(declared))
    unused = sorted(set(declared) - used)
    if undeclared:
        raise PromptError(f"Prompt '{name}' uses undeclared variables: {', '.join(undeclared)}.")
    if unused:
        raise PromptError(f"Prompt '{name}' declares variables it never uses: {', '.join(unused)}.")
    example_words = meta.get("example_words") or []
    if not isinstance(example_words, list) or not all(isinstance(w, str) for w in example_words):
        raise PromptError(f"Prompt '{name}': 'example_words' must be a list of words.")
    max_tokens = meta.get("max_tokens")
    temperature = meta.get("temperature")
    return PromptFile(
        name=name,
        template=body,
        variables=tuple(declared),
        description=str(meta.get("description", "")),
        max_tokens=int(max_tokens) if max_tokens is not None else None,  # type: ignore[call-overload]
        temperature=float(temperature) if temperature is not None else None,  # type: ignore[arg-type]
        example_words=tuple(w.lower() for w in example_words),
        example_is_style_only=bool(meta.get("example_is_style_only", False)),
        with_notes=bool(meta.get("with_notes", True)),
    )


@lru_cache(maxsize=64)
def load_prompt(name: str, directory: Path | None = None) -> PromptFile:
    """Load ``<name>.md`` from the prompt folder and check it."""
    path = (directory or prompt_dir()) / f"{name}.md"
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PromptError(f"Prompt file {path} is missing; reinstall Regain or restore the file.") from exc
    except UnicodeDecodeError as exc:
        raise PromptError(f"Prompt file {path} is not UTF-8 text.") from exc
    return parse_prompt(name, raw)


def available_prompts(directory: Path | None = None) -> list[str]:
    """Names of all prompt files in the folder."""
    return sorted(p.stem for p in (directory or prompt_dir()).glob("*.md"))
