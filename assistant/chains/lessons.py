"""Step 3, show your learning (``prompts/lessons.md``)."""

from __future__ import annotations

from collections.abc import Callable
import re
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable

from assistant.chains._checks import not_blank, placeholders
from assistant.language import detect_language
from assistant.chains._step import Check, FormatState, build_step_chain
from assistant.schema import LessonsOutput


_CHANGE = re.compile(
    r"\b(?:now|from now on|going forward|in future|i will|i'll|i always|always|every|before (?:i|any|every|each)|"
    r"instead|no longer|never again|from here on|each time|whenever)\b",
    re.IGNORECASE,
)


def check_lessons(lessons: LessonsOutput, inputs: dict[str, Any]) -> list[str]:
    """Each lesson must be non-empty and distinct."""
    problems: list[str] = []
    english = detect_language(inputs.get("notes") or "") is None
    for i, lesson in enumerate(lessons.lessons, 1):
        problems += not_blank(f"lesson {i}", lesson) + placeholders(lesson)
        if english and lesson.strip() and not _CHANGE.search(lesson):
            problems.append(
                f"Lesson {i} does not say what I now do differently; end it with what changes (\"so I now ...\")."
            )
    if len({lesson.strip().lower() for lesson in lessons.lessons}) < len(lessons.lessons):
        problems.append("Two lessons are the same; make each lesson different.")
    return problems


def build_lessons_chain(
    model: BaseChatModel,
    *,
    max_reasks: int = 2,
    format_state: FormatState | None = None,
    extra_check: Check | None = None,
    salvage: Callable[[LessonsOutput, dict[str, Any]], LessonsOutput | None] | None = None,
) -> Runnable[dict[str, Any], LessonsOutput]:
    """Runnable taking the shared inputs and returning :class:`LessonsOutput`."""

    return build_step_chain(
        "lessons",
        model,
        LessonsOutput,
        max_reasks=max_reasks,
        checks=[check_lessons, extra_check],
        format_state=format_state,
        salvage=salvage,
    )
