"""The program's checks of a step's answer against its own prompt: no word or sentence of the worked example or
of the instructions copied, the notes' language kept, figures spelled as the notes spell them.

:mod:`assistant.chains._step` runs them on every parsed answer, before the step's own checks.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from assistant.domain.language import detect_language, looks_english
from assistant.domain.settle import respell_numbers
from assistant.model.guard import map_texts, texts_of
from assistant.model.prompts import PromptFile


def example_leaks(parsed: BaseModel, words: tuple[str, ...], notes: str) -> list[str]:
    """Problems for distinctive words of the prompt's worked example that reached the output but not the notes."""
    if not words:
        return []
    text, lowered_notes = parsed.model_dump_json().lower(), notes.lower()
    leaked = [
        w
        for w in words
        if re.search(rf"\b{re.escape(w)}\b", text) and not re.search(rf"\b{re.escape(w)}\b", lowered_notes)
    ]
    return [f"The word '{w}' comes from the example, not from my notes; write about my notes only." for w in leaked]


_WORD = re.compile(r"[a-z']+")
_COPY_WORDS = 8


def _shingles(text: str, n: int = _COPY_WORDS) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def instruction_copies(parsed: BaseModel, template: str) -> list[str]:
    """A problem when the output repeats 8 words in a row of the step's own instructions (not its example)."""
    task = "\n".join(
        line for line in template.splitlines() if not line.startswith(("Answer:", "Example")) and "{" not in line
    )
    if _shingles(parsed.model_dump_json()) & _shingles(task):
        return ["You copied words from my instructions; write about my case in your own words."]
    return []


_EXAMPLE_COPY_WORDS = 6


def example_copies(parsed: BaseModel, template: str) -> list[str]:
    """A problem when a text of the output repeats 6 words in a row of a text of the worked example's answer."""
    answers: list[str] = []
    for line in template.splitlines():
        if line.startswith("Answer:"):
            try:
                answers += texts_of(json.loads(line.removeprefix("Answer:").replace("{{", "{").replace("}}", "}")))
            except json.JSONDecodeError:
                answers.append(line)
    example = {shingle for text in answers for shingle in _shingles(text, _EXAMPLE_COPY_WORDS)}
    if any(_shingles(text, _EXAMPLE_COPY_WORDS) & example for text in texts_of(parsed)):
        return ["You copied the example; write about my case, in words that fit it."]
    return []


def respelled(value: Any, notes: str) -> Any:
    """Every text field with its figures in the notes' own form (:func:`~assistant.domain.settle.respell_numbers`)."""
    return map_texts(value, lambda text: respell_numbers(text, notes))


EXAMPLE_PROBLEMS = ("You copied the example", "The word '")  # how example_copies and example_leaks start


WRITTEN_IN_THE_NOTES_LANGUAGE = frozenset({"pain", "ownership", "lessons", "positive", "plan"})


def wrong_language(parsed: BaseModel, notes: str) -> list[str]:
    """A problem when notes in another language got an answer in English (a small model falls back to the
    language of its instructions)."""
    language = detect_language(notes)
    if language is None or not looks_english(" ".join(texts_of(parsed))):
        return []
    return [f"Write every text in {language}, the language of my notes, not in English."]


def without_example(prompt: PromptFile) -> PromptFile:
    """The prompt with its worked examples left out: from the first "Example ..." line to the last "Answer: ..."
    line (the cases between them too), or those lines alone; an example given as a variable of its own line
    ("{example}") is left out too."""
    lines = [line for line in prompt.template.splitlines() if line.strip() not in ("{example}", "{examples}")]
    starts = [i for i, line in enumerate(lines) if line.startswith("Example")]
    answers = [i for i, line in enumerate(lines) if line.startswith("Answer:")]
    if starts and answers and starts[0] < answers[-1]:
        kept = lines[: starts[0]] + lines[answers[-1] + 1 :]
    else:
        kept = [line for line in lines if not line.startswith(("Example", "Answer:"))]
    return replace(prompt, template="\n".join(kept) + "\n")
