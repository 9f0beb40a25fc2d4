"""Plain handler functions behind the UI; ``ui.app.build_app`` wires them to components.

Every handler takes and returns plain values (strings, lists, drafts), so tests call
them directly. The draft's versions live in a list (the last one is current) that the
app keeps in ``gr.State``. Model calls run in a background thread while generator
handlers stream progress; Regain's errors become ``gr.Error`` notices, and the inputs
and edits on the page stay as they were.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from collections.abc import Callable, Iterator
from typing import Any

import gradio as gr
from gradio.components.chatbot import MessageDict

from assistant.domain.errors import (
    ConfigurationError,
    InputError,
    ModelAPIError,
    OutputValidationError,
    PartialDraftError,
    RegainError,
    UsageLimitError,
)
from assistant.domain.notes import screen_notes
from assistant.domain.redact import configured_secrets, redact
from assistant.domain.schema import Draft, DraftOptions
from assistant.model.budget import CallBudget
from assistant.output.message_files import write_message_files
from assistant.workflows.autosave import DraftAutosave, adraft_saved
from assistant.workflows.draft import STEPS, Pipeline, acompose
from ui.refine import arefine
from ui.render import diff_markdown, escape_text, findings_markdown, sanitize_markdown
from ui.sections import (
    SECTIONS,
    TITLES,
    SectionFormatError,
    all_findings,
    format_error_finding,
    parse_section,
    section_changes,
    section_text,
    step_findings,
    with_message,
    with_section,
)
from ui.streaming import BackgroundRun, StepBoard

log = logging.getLogger(__name__)
PipelineFactory = Callable[[], Pipeline]
Versions = list[Draft]
ChatHistory = list[MessageDict]
MAX_VERSIONS = 30
VIEW_FIELDS = (
    *(f"{step}_{part}" for step in SECTIONS for part in ("text", "findings")),
    "subject",
    "body",
    "message_findings",
    "preview",
    "facts",
)
_TITLES = {
    PartialDraftError: "The draft is incomplete",
    UsageLimitError: "Usage limit reached",
    InputError: "Check your input",
    ConfigurationError: "Settings problem",
    ModelAPIError: "The model could not answer",
    OutputValidationError: "The model's answer was not usable",
}


def user_error(exc: BaseException) -> gr.Error:
    """A ``gr.Error`` notice for any failure; the message is redacted and escaped (the notice renders HTML).

    Regain's own errors keep their message; anything else shows only its type, never internals.
    """
    if isinstance(exc, gr.Error):
        return exc
    if isinstance(exc, RegainError):
        title = next((t for cls, t in _TITLES.items() if isinstance(exc, cls)), "Something went wrong")
        text = redact(str(exc), configured_secrets())
        return gr.Error(html.escape(text), title=title, duration=None, print_exception=False)
    # Neither the log nor the notice carries the message: it may quote the notes or show internals.
    log.error("unexpected error in the UI: %s", type(exc).__name__)
    text = (
        f"Something unexpected went wrong ({type(exc).__name__}); your notes and edits are unchanged. "
        "Try again; if it keeps happening, run the same notes with `regain draft --debug` to see the details."
    )
    return gr.Error(html.escape(text), title="Unexpected error", duration=None, print_exception=False)


# --- showing a draft ------------------------------------------------------------------------------------


def facts_markdown(draft: Draft) -> str:
    """What the draft rests on: the facts taken from the notes, escaped."""
    f = draft.facts
    rows = [("What happened", f.what_happened), ("Impact", f.impact), ("Your part", f.cause)]
    rows += [("Affected", ", ".join(f.affected))] if f.affected else []
    leader = ", ".join(p for p in (f.leader_name, f.leader_role) if p)
    rows += [("Leader", leader)] if leader else []
    rows += [("Already done", "; ".join(f.already_done))] if f.already_done else []
    lines = [f"- **{label}:** {escape_text(value)}" for label, value in rows]
    return "\n".join([*lines, "", f"<small>Model: {escape_text(draft.model or 'unknown')}</small>"])


def incomplete_markdown(draft: Draft) -> str:
    """A banner for a draft whose steps did not all succeed ('' for a complete draft), escaped."""
    if draft.complete and not draft.failed_steps:
        return ""
    names = ", ".join(TITLES.get(step, "the message" if step == "compose" else step) for step in draft.failed_steps)
    return f"**INCOMPLETE – these steps failed: {escape_text(names)}.** Do not send this draft as it is.\n\n"


def message_preview(draft: Draft) -> str:
    """The message as it will read, as sanitized Markdown (an incomplete draft's opens with a banner)."""
    subject = f"**{escape_text(draft.message.subject)}**\n\n" if draft.message.subject else ""
    return incomplete_markdown(draft) + subject + sanitize_markdown(draft.message.body, notes=draft.notes)


def draft_view(draft: Draft) -> list[str]:
    """Every value shown for a draft, in :data:`VIEW_FIELDS` order."""
    findings = all_findings(draft)
    view: list[str] = []
    for step in SECTIONS:
        text = section_text(draft, step)
        view += [text, findings_markdown(findings[step], text)]
    body = draft.message.body
    return [
        *view,
        draft.message.subject,
        body,
        findings_markdown(findings["message"], body),
        message_preview(draft),
        facts_markdown(draft),
    ]


def draft_options(channel: str, tone: str, length: str, leader: str | None) -> DraftOptions:
    """The message options as the page's inputs give them (a blank leader means "take it from the notes")."""
    return DraftOptions(channel=channel, tone=tone, length=length, leader=(leader or "").strip() or None)  # type: ignore[arg-type]


def _skip_view() -> list[Any]:
    return [gr.skip() for _ in VIEW_FIELDS]


def _failed(board: StepBoard, headline: str) -> list[Any]:
    """The frame shown when a model run fails: the progress with ``headline``, everything else as it was."""
    return [gr.skip(), board.markdown(headline), gr.skip(), *_skip_view()]


def _current(versions: Versions | None) -> Draft:
    if not versions:
        raise gr.Error("Write a draft first: paste your notes and press Generate.", title="No draft yet")
    return versions[-1]


def _push(versions: Versions, draft: Draft) -> Versions:
    return [*versions, draft][-MAX_VERSIONS:]


def _replace(versions: Versions, draft: Draft) -> Versions:
    return [*versions[:-1], draft]


# --- generating -----------------------------------------------------------------------------------------


def _summary(draft: Draft, board: StepBoard, verb: str) -> str:
    findings = [f for group in all_findings(draft).values() for f in group]
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    tokens = sum(board.tokens.values())
    problems = (
        f"{errors} error(s) and {warnings} warning(s) to look at below."
        if findings
        else "No problems found by the checks."
    )
    return board.markdown(f"**{verb}** ({tokens} tokens). {problems}")


def generate(
    notes: str,
    leader: str,
    channel: str,
    tone: str,
    length: str,
    versions: Versions | None,
    budget: CallBudget | None = None,
    *,
    pipeline_factory: PipelineFactory,
    max_notes_chars: int = 20_000,
    today: dt.date | None = None,
    autosave: DraftAutosave | None = None,
) -> Iterator[list[Any]]:
    """Write a new draft, streaming progress; yields ``[versions, progress, diff, *view]``.

    ``budget`` is the browser session's cap on model calls (default: one per draft). With ``autosave``
    (see :func:`ui.autosave.drafting`) each step is saved as it finishes and the draft (or the partial
    draft) when it ends, by the run itself: a closed tab stops the page, not the saving.
    """
    try:
        screen_notes(notes or "", max_chars=max_notes_chars)
        options = draft_options(channel, tone, length, leader)
        pipeline = pipeline_factory()
    except Exception as exc:
        raise user_error(exc) from exc
    board = StepBoard(steps=STEPS)
    run: BackgroundRun[Draft] = BackgroundRun(
        lambda listener: adraft_saved(
            notes,
            pipeline,
            autosave,
            options=options,
            today=autosave.today if autosave else today,
            max_notes_chars=max_notes_chars,
            listener=listener,
            budget=budget,
        )
    )
    yield [gr.skip(), board.markdown(), gr.skip(), *_skip_view()]
    for batch in run.batches():
        board.update(batch)
        yield [gr.skip(), board.markdown(), gr.skip(), *_skip_view()]
    try:
        draft = run.result()
    except PartialDraftError as exc:
        partial: Draft = exc.draft
        headline = incomplete_markdown(partial) + "The steps that worked are kept below; your notes are unchanged."
        yield [_push(versions or [], partial), board.markdown(headline), "", *draft_view(partial)]
        raise user_error(exc) from exc
    except Exception as exc:
        yield _failed(board, "**The draft could not be finished.** Your notes and edits are unchanged.")
        raise user_error(exc) from exc
    yield [[draft], _summary(draft, board, "Draft ready"), "", *draft_view(draft)]


def rewrite_message(
    channel: str,
    tone: str,
    length: str,
    leader: str,
    versions: Versions | None,
    budget: CallBudget | None = None,
    *,
    pipeline_factory: PipelineFactory,
) -> Iterator[list[Any]]:
    """Write the message again for other options, keeping the six steps; yields like :func:`generate`."""
    draft = _current(versions)
    assert versions is not None
    try:
        options = draft_options(channel, tone, length, leader)
        pipeline = pipeline_factory()
    except Exception as exc:
        raise user_error(exc) from exc
    board = StepBoard(steps=("compose",))
    run: BackgroundRun[Draft] = BackgroundRun(
        lambda listener: acompose(draft, pipeline, options, listener=listener, budget=budget)
    )
    for batch in run.batches():
        board.update(batch)
        yield [gr.skip(), board.markdown("**Rewriting the message…**"), gr.skip(), *_skip_view()]
    try:
        updated = run.result()
    except Exception as exc:
        yield _failed(board, "**The message could not be rewritten.** Nothing was changed.")
        raise user_error(exc) from exc
    diff = diff_markdown(section_changes(draft, updated))
    yield [_push(versions, updated), _summary(updated, board, "Message rewritten"), diff, *draft_view(updated)]


# --- editing --------------------------------------------------------------------------------------------


def edit_section(text: str, versions: Versions | None, *, step: str) -> tuple[Versions | None, str]:
    """Take an edit of one step and check it again (no model call); returns ``(versions, findings)``."""
    if not versions:
        return versions, ""
    draft = versions[-1]
    try:
        value = parse_section(step, text)
    except SectionFormatError as exc:
        findings = [format_error_finding(step, exc), *step_findings(draft, step)]
        return versions, findings_markdown(findings, text)
    updated = with_section(draft, step, value)
    return _replace(versions, updated), findings_markdown(step_findings(updated, step), text)


def edit_plan(text: str, versions: Versions | None) -> tuple[Versions | None, str, str]:
    """An edit of the plan: checks the plan and, since check-ins follow its dates, the check-ins."""
    versions, plan_findings = edit_section(text, versions, step="plan")
    if not versions:
        return versions, plan_findings, ""
    draft = versions[-1]
    report = section_text(draft, "report_back")
    return versions, plan_findings, findings_markdown(step_findings(draft, "report_back"), report)


def edit_message(subject: str, body: str, versions: Versions | None) -> tuple[Versions | None, str, str]:
    """Take an edit of the message; returns ``(versions, findings, preview)``."""
    if not versions:
        return versions, "", ""
    updated = with_message(versions[-1], subject or "", body or "")
    findings = findings_markdown(step_findings(updated, "message"), updated.message.body)
    return _replace(versions, updated), findings, message_preview(updated)


def message_files(subject: str, body: str, versions: Versions | None) -> list[str | None]:
    """The message as .md, .txt and .eml files for the download buttons (None before there is a message)."""
    if not (body or "").strip():
        return [None, None, None]
    channel = versions[-1].message.channel if versions else "email"
    notes = versions[-1].notes if versions else None
    return [str(p) for p in write_message_files(subject or "", body, channel, notes=notes)]


# --- refining -------------------------------------------------------------------------------------------


def _chat_text(text: str, notes: str | None) -> str:
    return sanitize_markdown(text, notes=notes)


def refine(
    request: str,
    chat: ChatHistory | None,
    versions: Versions | None,
    budget: CallBudget | None = None,
    *,
    pipeline_factory: PipelineFactory,
) -> Iterator[list[Any]]:
    """Change the draft as the chat request asks; yields ``[versions, chat, request, diff, notes, *view]``."""
    draft = _current(versions)
    assert versions is not None
    chat = list(chat or [])
    request = (request or "").strip()
    if not request:
        raise gr.Error("Write what you would like to change, for example 'make it shorter'.", title="Empty request")
    try:
        pipeline = pipeline_factory()
    except Exception as exc:
        raise user_error(exc) from exc
    chat.append({"role": "user", "content": _chat_text(request, draft.notes)})
    board = StepBoard(steps=("refine_edits", "refine_rewrite", "refine_translate"))  # whichever the request needs
    run = BackgroundRun(lambda listener: arefine(draft, request, pipeline, listener=listener, budget=budget))
    for batch in run.batches():
        board.update(batch)
        working: MessageDict = {"role": "assistant", "content": f"Working on it… ({sum(board.tokens.values())} tokens)"}
        yield [gr.skip(), [*chat, working], "", gr.skip(), gr.skip(), *_skip_view()]
    try:
        result = run.result()
    except Exception as exc:
        failed: MessageDict = {
            "role": "assistant",
            "content": "That did not work; the draft is unchanged. "
            + escape_text(redact(str(exc), configured_secrets())),
        }
        yield [gr.skip(), [*chat, failed], request, gr.skip(), gr.skip(), *_skip_view()]
        raise user_error(exc) from exc
    chat.append({"role": "assistant", "content": _chat_text(result.reply, result.draft.notes)})
    if not result.changed:  # nothing applied: no new version, the draft stays as it is
        yield [gr.skip(), chat, "", gr.skip(), gr.skip(), *_skip_view()]
        return
    notes = result.draft.notes if result.draft.notes != draft.notes else gr.skip()
    diff = diff_markdown(section_changes(draft, result.draft))
    yield [_push(versions, result.draft), chat, "", diff, notes, *draft_view(result.draft)]


def undo(versions: Versions | None, chat: ChatHistory | None) -> list[Any]:
    """Go back to the previous version; returns ``[versions, chat, diff, notes, *view]``."""
    if not versions or len(versions) < 2:
        gr.Warning("There is nothing to undo.")
        return [gr.skip(), gr.skip(), gr.skip(), gr.skip(), *_skip_view()]
    current, previous = versions[-1], versions[-2]
    chat = [*(chat or []), {"role": "assistant", "content": "Undone: back to the previous version."}]
    diff = diff_markdown(section_changes(current, previous))
    notes = previous.notes if previous.notes != current.notes else gr.skip()
    return [versions[:-1], chat, diff, notes, *draft_view(previous)]
