"""Step 3, show your learning (``prompts/lessons.md``)."""

from __future__ import annotations

import re
from collections.abc import Callable

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableConfig

from assistant.chains._step import Check, FormatState, as_runnable, build_step_chain, finished_by
from assistant.chains.plan import says_the_cause_again, says_what_happened
from assistant.domain.language import detect_language, stem
from assistant.domain.notes_reading import skipped_habit, skipped_step, without_excuses
from assistant.domain.people_lessons import people_lesson
from assistant.domain.schema import LessonPart, LessonPartsOutput, LessonsOutput
from assistant.domain.settle import join_lesson, plain_words, split_lesson
from assistant.domain.step_inputs import StepInputs
from assistant.domain.text_checks import not_blank

_CHANGE = re.compile(
    r"\b(?:now|from now on|going forward|in future|i will|i'll|i always|always|every|before (?:i|any|every|each)|"
    r"instead|no longer|never again|from here on|each time|whenever)\b",
    re.IGNORECASE,
)


def lessons_problems(lessons: LessonsOutput, inputs: StepInputs) -> list[str]:
    """Each lesson must be non-empty and distinct."""
    problems: list[str] = []
    english = detect_language(inputs.notes) is None
    facts = inputs.facts
    cause = facts.cause if facts is not None else ""
    left_out = _left_out(inputs)
    for i, lesson in enumerate(lessons.lessons, 1):
        problems += not_blank(f"lesson {i}", lesson)
        if english and lesson.strip() and not _CHANGE.search(lesson):
            problems.append(
                f'Lesson {i} does not say what I now do differently; end it with what changes ("so I now ...").'
            )
        habit = split_lesson(lesson)[1]
        if habit and (says_what_happened(habit) or says_the_cause_again(habit, cause)):
            problems.append(
                f'Lesson {i} ends with what happened ("{habit.strip().rstrip(".")}"), not with what I now do '
                'differently every time; end it with a habit that starts with a verb ("so I now check ...").'
            )
        if english and habit and left_out and not _shares_a_word(habit, left_out):
            problems.append(
                f'Lesson {i}: make what I now do the step my notes say I left out ("{left_out}"), and say when I do it.'
            )
    if len({lesson.strip().lower() for lesson in lessons.lessons}) < len(lessons.lessons):
        problems.append("Two lessons are the same; make each lesson different.")
    return problems


# fmt: off
_GENERIC = frozenset({"check", "double", "make", "sure", "every", "before", "after", "with", "that", "this", "from",
                      "what", "else", "used", "always", "ensure", "carefully"})
# fmt: on


def _content(text: str) -> set[str]:
    stems = (stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) >= 4)
    return {s[:6] for s in stems if s not in _GENERIC and len(s) >= 4}


def _shares_a_word(habit: str, step: str) -> bool:
    """The habit takes up the step: they share a word that says what the step is ("reread", "receipts")."""
    words = _content(step)
    return not words or bool(words & _content(habit))


def _left_out(inputs: StepInputs) -> str:
    """The step my act left out, as the notes say it ("didn't reread the pdf"); "" when they name none."""
    facts = inputs.facts
    return skipped_step(without_excuses(facts.act), facts.cause) if facts is not None else ""


_NEGATED = re.compile(r"^I\s+(?=(?:didn'?t|did not|never|forgot to)\s)", re.I)


def program_lesson(parts: LessonPartsOutput | None, inputs: StepInputs) -> LessonPartsOutput | None:
    """The model's first lesson with the program's habit: the step my notes say I left out, as a habit ("didn't
    reread the pdf" -> "reread the pdf"), and where the notes say it plainly, the weak point too ("I didn't reread
    the pdf"); else the step the model's weak point says I left out. None when neither names one."""
    # the facts' act and cause, else a check the notes say was skipped (intake may have quoted another line), else
    # the check the model's own weak point says I left out ("I didn't check the lot numbers against the recount
    # sheet", with a platitude for its habit)
    written = parts.lessons[0].weak_point.strip() if parts is not None and parts.lessons else ""
    step = _left_out(inputs) or skipped_step("", inputs.notes) or _NEGATED.sub("", written.split(",")[0], count=1)
    habit = skipped_habit(step).replace(" anyone ", " someone ")
    if not habit:
        return None
    habit = f"{habit} every time"
    weak = parts.lessons[0].weak_point if parts is not None and parts.lessons else ""
    if re.match(r"(?:didn'?t|did not|never|skipped|forgot)\b", step, re.IGNORECASE):
        weak = f"I {step}"
    return LessonPartsOutput(lessons=[LessonPart(weak_point=plain_words(weak), habit=plain_words(habit))])


# "... to avoid such penalties", "..., which could prevent errors": an aim adds nothing to the habit itself
_AIM = re.compile(
    r",?\s+(?:(?:in order )?to (?:avoid|prevent|ensure|make sure)|and (?:i )?(?:ensure|make sure)|so that|ensuring|"
    r"which (?:could|would|will))\b.*$",
    re.I,
)


# "... as soon as possible": a time no one can check, which the habit's own "when" says better without it
_VAGUE_WHEN = re.compile(
    r",?\s+(?:as soon as (?:possible|i can)|asap|in a timely (?:manner|way|fashion)|when(?:ever)? possible|"
    r"if possible)\b",
    re.IGNORECASE,
)


def lesson_text(part: LessonPart, language: str | None = None) -> str:
    """One lesson from its parts: "<weak point>, so I now <habit>." (in German "<weak point>. Ab jetzt: <habit>.")"""
    weak = part.weak_point.strip().rstrip(".;, ")
    habit = _VAGUE_WHEN.sub("", _AIM.sub("", part.habit.strip().rstrip(". ")))
    habit = re.sub(r"^(?:so\s+)?(?:(?:from now on|going forward|in future),?\s+)?(?:i\s+)?(?:(?:now|will|always)\s+)*"
                   r"(?:(?:ensure|make sure)(?:\s+to|\s+that\s+i)?\s+)?", "", habit, flags=re.I)  # fmt: skip
    if weak and not re.match(r"[a-z][\w+.-]*://", weak):  # never turn a link into "Https://"
        weak = weak[:1].upper() + weak[1:]
    # the model copies the notes' shorthand ("b/c it was late"): spelled out, as in the other parts
    return join_lesson(plain_words(weak, language), plain_words(habit, language), language)


LESSON_CHARS = 300  # LessonsOutput's limit


def _fitted(text: str) -> str:
    """A lesson within :data:`LESSON_CHARS`, cut at a word when it is longer."""
    if len(text) <= LESSON_CHARS:
        return text
    return text[: LESSON_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;: ") + "."


def to_lessons(parts: LessonPartsOutput, inputs: StepInputs | None = None) -> LessonsOutput:
    """The lessons as text, in the notes' language (from ``inputs``)."""
    language = detect_language(inputs.notes if inputs else "")
    texts = (lesson_text(p, language) for p in parts.lessons)
    return LessonsOutput(lessons=[_fitted(text) for text in texts if text] or [""])


def build_lessons_chain(
    model: BaseChatModel,
    *,
    max_reasks: int = 2,
    format_state: FormatState | None = None,
    extra_check: Check | None = None,
    salvage: Callable[[LessonPartsOutput, StepInputs], LessonPartsOutput | None] | None = None,
) -> Runnable[StepInputs, LessonsOutput]:
    """Runnable taking the shared inputs and returning :class:`LessonsOutput` (the model writes the parts)."""

    def check(parts: LessonPartsOutput, inputs: StepInputs) -> list[str]:
        return lessons_problems(to_lessons(parts, inputs), inputs)

    parts = build_step_chain(
        "lessons",
        model,
        LessonPartsOutput,
        max_reasks=max_reasks,
        checks=[check, extra_check],
        format_state=format_state,
        salvage=salvage,
    )

    def stand_in(output: LessonPartsOutput | None, inputs: StepInputs) -> LessonsOutput | None:
        """The program's lesson on the step my notes say I left out, when there is one and it passes the checks."""
        lesson = program_lesson(output, inputs)
        if lesson is None or [p for c in (check, extra_check) if c is not None for p in c(lesson, inputs)]:
            return None
        return to_lessons(lesson, inputs)

    finished = finished_by(parts, to_lessons, "lessons", stand_in=stand_in)

    async def run(inputs: StepInputs, config: RunnableConfig | None = None) -> LessonsOutput:
        known = people_lesson_parts(inputs)
        if known is not None:  # a mistake with people the program knows the lesson of: no model call
            return to_lessons(known, inputs)
        return await finished.ainvoke(inputs, config=config)  # type: ignore[no-any-return]

    return as_runnable(run, "lessons")


def people_lesson_parts(inputs: StepInputs) -> LessonPartsOutput | None:
    """The program's lesson for a mistake with people (:func:`~assistant.domain.people_lessons.people_lesson`),
    in English notes, else None."""
    facts = inputs.facts
    if facts is None or detect_language(inputs.notes) is not None:
        return None
    known = people_lesson(facts.act)
    if known is None:
        return None
    weak_point, habit = known
    return LessonPartsOutput(lessons=[LessonPart(weak_point=weak_point, habit=habit)])
