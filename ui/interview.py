"""Chat mode: ask the few questions a good message needs, then write the draft.

The interview needs no model: after the user's first account it checks the notes
for an impact, the user's part, the leader and what was already done, and asks
only for what is missing (each question at most once). The answers become the
notes, and the draft is written with the same pipeline as the Draft tab.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

import gradio as gr

from assistant.workflows.autosave import DraftAutosave
from ui.handlers import VIEW_FIELDS, ChatHistory, PipelineFactory, generate, message_preview
from ui.render import sanitize_markdown

Answers = dict[str, Any]
StartAutosave = Callable[[tuple[str, str, str, str, str]], DraftAutosave | None]
"""Starts saving the draft about to be written, from ``(notes, leader, channel, tone, length)``
(:func:`ui.autosave.chat_drafting`); None when the notes cannot be used."""

QUESTIONS: dict[str, str] = {
    "story": "What happened? Tell me in a few lines, in your own words.",
    "impact": "What was the impact? Who or what was affected, and how much (time, money, customers, people)?",
    "part": "What was your part in it: what did you do, or not do?",
    "leader": "Who is your leader (name and role), and how did it land on them?",
    "done": "What have you already done about it, if anything? (Say 'nothing yet' if so.)",
}
LABELS = {"impact": "Impact", "part": "My part", "leader": "My leader", "done": "Already done"}
_FOUND: dict[str, re.Pattern[str]] = {
    "impact": re.compile(
        r"\d|\b(down|lost|late|delay\w*|outage|customers?|cost\w*|missed|complain\w*|affected|refund\w*|"
        r"hours?|days?|weeks?|revenue|orders?|tickets?|angry|upset|escalat\w*)\b",
        re.I,
    ),
    "part": re.compile(
        r"\bI\s+(?:\w+ed|didn't|did not|forgot|sent|made|missed|skipped|took|gave|ran|wrote|told|let|put|chose|"
        r"approved|signed|deleted|forgot|overlooked|should have)\b|\bmy (?:mistake|fault|call|decision|error)\b",
        re.I,
    ),
    "leader": re.compile(
        r"\b(manager|boss|lead|leader|director|head of|supervisor|VP|CTO|CEO|COO|CFO|founder|partner|chief)\b", re.I
    ),
    "done": re.compile(
        r"\b(already|rolled back|reverted|fixed|apologi[sz]ed|informed|restored|contacted|refunded|called|"
        r"wrote (?:the|an|a)|nothing yet|not yet)\b",
        re.I,
    ),
}
_SKIP = re.compile(r"^\s*(skip|pass|n/?a|no idea|don'?t know|-)\s*\.?\s*$", re.I)


def opening() -> ChatHistory:
    """The chat's first message."""
    return [{"role": "assistant", "content": QUESTIONS["story"]}]


def restart() -> tuple[ChatHistory, Answers, str]:
    """A fresh interview."""
    return opening(), {}, ""


def notes_from(answers: Answers) -> str:
    """The notes the answers add up to: the account first, then the labelled answers."""
    lines = [answers.get("story", "").strip()]
    lines += [f"{LABELS[key]}: {answers[key].strip()}" for key in LABELS if answers.get(key, "").strip()]
    return "\n".join(line for line in lines if line)


def missing_topics(answers: Answers) -> list[str]:
    """Topics the notes do not cover yet and that were not asked about already."""
    notes = notes_from(answers)
    asked = set(answers.get("asked", []))
    return [key for key, found in _FOUND.items() if key not in asked and not found.search(notes)]


def _say(chat: ChatHistory, text: str) -> ChatHistory:
    return [*chat, {"role": "assistant", "content": text}]


def _no_draft() -> list[Any]:
    return [gr.skip(), gr.skip(), *(gr.skip() for _ in VIEW_FIELDS)]


def _write(
    chat: ChatHistory,
    answers: Answers,
    options: tuple[str, str, str, str],
    *,
    pipeline_factory: PipelineFactory,
    max_notes_chars: int,
    today: dt.date | None,
    start_autosave: StartAutosave | None = None,
) -> Iterator[list[Any]]:
    notes = notes_from(answers)
    chat = _say(chat, "Thanks, that is what I need. Writing your draft now…")
    leader, channel, tone, length = options
    # saved as it goes from here on (the notes first), like a draft from the Draft tab: see ui.autosave
    autosave = start_autosave((notes, leader, channel, tone, length)) if start_autosave is not None else None
    steps = generate(
        notes, leader, channel, tone, length, [],
        pipeline_factory=pipeline_factory, max_notes_chars=max_notes_chars, today=today, autosave=autosave,
    )  # fmt: skip
    try:
        for versions, progress, _diff, *view in steps:
            if isinstance(versions, list):
                draft = versions[0]
                done = (
                    f"Here is your message:\n\n{message_preview(draft)}\n\n"
                    "Open the **Draft** tab to edit each step, see the checks, ask for changes or download it."
                )
                yield [_say(chat, done), answers, "", versions, notes, *view]
            else:
                yield [_say(chat, progress), answers, "", *_no_draft()]
    except gr.Error:
        yield [
            _say(chat, "I could not write the draft; see the notice. Your answers are kept."),
            answers,
            "",
            *_no_draft(),
        ]
        raise


def _take(chat: ChatHistory, answers: Answers, message: str) -> tuple[ChatHistory, Answers, str | None]:
    """One answer into the interview: ``(chat, answers, next question)``; no question means write the draft.

    The raw answers are kept in ``answers["said"]``, so the interview can be replayed (undo, retry, edit).
    """
    chat = [*chat, {"role": "user", "content": sanitize_markdown(message)}]
    answers = {**answers, "said": [*answers.get("said", []), message]}
    topic = answers.get("asked", ["story"])[-1] if answers.get("asked") else "story"
    if not _SKIP.match(message):
        answers[topic] = f"{answers.get(topic, '')} {message}".strip()
    answers["asked"] = list(dict.fromkeys([*answers.get("asked", []), topic]))
    if not answers.get("story"):
        answers["asked"] = []
        return chat, answers, "I need at least a few lines about what happened to start."
    missing = missing_topics(answers)
    if missing:
        answers["asked"] = [*answers["asked"], missing[0]]
        return chat, answers, QUESTIONS[missing[0]]
    return chat, answers, None


def replay(said: list[str]) -> tuple[ChatHistory, Answers]:
    """The interview as it stands after these answers, asked again without writing any draft."""
    chat = opening()
    answers: Answers = {}
    for message in said:
        chat, answers, question = _take(chat, answers, message)
        chat = _say(chat, question or "That was enough to write the draft (written then).")
    return chat, answers


def turn(
    message: str,
    chat: ChatHistory | None,
    answers: Answers | None,
    leader: str = "",
    channel: str = "email",
    tone: str = "neutral",
    length: str = "medium",
    *,
    pipeline_factory: PipelineFactory,
    max_notes_chars: int = 20_000,
    today: dt.date | None = None,
    start_autosave: StartAutosave | None = None,
) -> Iterator[list[Any]]:
    """Take one answer; ask the next missing thing, or write the draft when nothing is missing.

    The draft uses the Draft tab's leader, channel, tone and length. Yields
    ``[chat, answers, input box, versions, notes, *view]``: the answer at once, then the reply.
    """
    message = (message or "").strip()
    if not message:
        raise gr.Error("Write an answer first.", title="Empty answer")
    chat, answers, question = _take(list(chat or opening()), dict(answers or {}), message)
    yield [chat, answers, "", *_no_draft()]
    if question is not None:
        yield [_say(chat, question), answers, "", *_no_draft()]
        return
    options = (leader, channel, tone, length)
    yield from _write(
        chat, answers, options, pipeline_factory=pipeline_factory, max_notes_chars=max_notes_chars, today=today,
        start_autosave=start_autosave,
    )  # fmt: skip


def _user_index(chat: ChatHistory, index: int) -> int:
    """How many user messages come before ``chat[index]``."""
    return sum(1 for m in chat[:index] if m["role"] == "user")


def undo(chat: ChatHistory | None, answers: Answers | None) -> tuple[ChatHistory, Answers, str]:
    """Drop the last exchange (your last answer and the reply to it); the answer goes back in the input box."""
    said = list((answers or {}).get("said", []))
    if not said:
        gr.Warning("There is nothing to undo.")
        return list(chat or opening()), dict(answers or {}), ""
    chat, answers = replay(said[:-1])
    return chat, answers, said[-1]


def retry(
    chat: ChatHistory | None,
    answers: Answers | None,
    leader: str = "",
    channel: str = "email",
    tone: str = "neutral",
    length: str = "medium",
    *,
    pipeline_factory: PipelineFactory,
    max_notes_chars: int = 20_000,
    today: dt.date | None = None,
    start_autosave: StartAutosave | None = None,
) -> Iterator[list[Any]]:
    """Answer the last message again: ask the question again, or write the draft again. Yields like :func:`turn`."""
    said = list((answers or {}).get("said", []))
    if not said:
        raise gr.Error("There is no answer to try again yet.", title="Nothing to retry")
    chat, answers = replay(said[:-1])
    yield from turn(
        said[-1], chat, answers, leader, channel, tone, length,
        pipeline_factory=pipeline_factory, max_notes_chars=max_notes_chars, today=today,
        start_autosave=start_autosave,
    )  # fmt: skip


def edit(
    index: int,
    new_text: str,
    chat: ChatHistory | None,
    answers: Answers | None,
    leader: str = "",
    channel: str = "email",
    tone: str = "neutral",
    length: str = "medium",
    *,
    pipeline_factory: PipelineFactory,
    max_notes_chars: int = 20_000,
    today: dt.date | None = None,
    start_autosave: StartAutosave | None = None,
) -> Iterator[list[Any]]:
    """Replace the answer at ``chat[index]`` and continue from there; later answers are dropped."""
    chat = list(chat or opening())
    said = list((answers or {}).get("said", []))
    if not 0 <= index < len(chat) or chat[index]["role"] != "user":
        raise gr.Error("Only your own answers can be edited.", title="Cannot edit")
    before, answers = replay(said[: _user_index(chat, index)])
    yield from turn(
        new_text, before, answers, leader, channel, tone, length,
        pipeline_factory=pipeline_factory, max_notes_chars=max_notes_chars, today=today,
        start_autosave=start_autosave,
    )  # fmt: skip


def write_now(
    chat: ChatHistory | None,
    answers: Answers | None,
    leader: str = "",
    channel: str = "email",
    tone: str = "neutral",
    length: str = "medium",
    *,
    pipeline_factory: PipelineFactory,
    max_notes_chars: int = 20_000,
    today: dt.date | None = None,
    start_autosave: StartAutosave | None = None,
) -> Iterator[list[Any]]:
    """Write the draft from the answers so far, without asking more."""
    answers = dict(answers or {})
    if not answers.get("story"):
        raise gr.Error("Tell me what happened first.", title="Nothing to write from")
    yield from _write(
        list(chat or opening()), answers, (leader, channel, tone, length),
        pipeline_factory=pipeline_factory, max_notes_chars=max_notes_chars, today=today,
        start_autosave=start_autosave,
    )  # fmt: skip
