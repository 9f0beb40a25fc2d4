"""``regain draft``: notes to a draft, each step saved as it finishes; ``--resume ID`` finishes an interrupted one.

The saving is :class:`~assistant.workflows.autosave.DraftAutosave` (the UI's Generate uses it too);
:mod:`assistant.cli.sessions` says on stderr where things are saved.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from assistant.cli.sessions import open_store, say_kept, say_saved, start_autosave
from assistant.domain.errors import InputError, ModelAPIError, PartialDraftError

if TYPE_CHECKING:
    from assistant.workflows.autosave import DraftAutosave


def _write_draft(
    settings: Any,
    notes: str,
    options: Any,
    today: dt.date,
    args: argparse.Namespace,
    status: Any,
    autosave: DraftAutosave | None,
) -> Any:
    import asyncio

    from assistant.model.backend import open_backend
    from assistant.workflows.autosave import adraft_saved
    from assistant.workflows.draft import Pipeline

    with open_backend(settings, status.message) as backend:
        status.message(f"Using {backend.describe()}")
        pipeline = Pipeline(
            backend.chat_model,
            max_reasks=settings.max_reasks,
            structured_output=settings.structured_output,
            max_calls=settings.max_calls_per_session,
            polish=settings.polish or bool(getattr(args, "polish", False)),
        )
        return asyncio.run(
            adraft_saved(
                notes,
                pipeline,
                autosave,
                options=options,
                today=today,
                max_notes_chars=settings.max_notes_chars,
                listener=status.event,
            )
        )


def run_draft(args: argparse.Namespace, settings: Any, *, read_notes: Callable[[str], str], status: Any) -> int:
    """Run ``regain draft``: a new draft from notes, or (``--resume ID``) the rest of an interrupted one."""
    from assistant.domain.notes import screen_notes
    from assistant.domain.schema import DraftOptions

    if args.resume is not None:
        return _cmd_resume(args, settings, status)
    if args.notes is None:
        raise InputError("Give a notes file (or - for standard input), or --resume ID to finish an interrupted draft.")
    notes = read_notes(args.notes)
    sender = (args.name or settings.user_name or "").strip() or None
    options = DraftOptions(channel=args.channel, tone=args.tone, length=args.length, leader=args.leader, sender=sender)
    screen_notes(notes, max_chars=settings.max_notes_chars)  # fail before starting any model
    if args.no_save and args.session:
        raise InputError("--session saves into a session; drop --no-save, or drop --session.")
    today = args.today or dt.date.today()
    if args.no_save:
        return _draft_and_save(settings, notes, options, today, args, status, None)
    with open_store(settings) as store:
        autosave = start_autosave(store, notes, options, today, session=args.session, quiet=args.quiet)
        return _draft_and_save(settings, notes, options, today, args, status, autosave)


def _cmd_resume(args: argparse.Namespace, settings: Any, status: Any) -> int:
    """``regain draft --resume ID``: write the steps an interrupted draft is missing, save it as a new version."""
    from assistant.workflows.autosave import DraftAutosave

    extra = [name for name, given in (("a notes file", args.notes is not None), ("--session", args.session),
                                      ("--today", args.today), ("--no-save", args.no_save)) if given]  # fmt: skip
    if extra:
        raise InputError(
            f"--resume finishes the saved draft with its own notes, options and date; drop {', '.join(extra)}."
        )
    with open_store(settings) as store:
        autosave = DraftAutosave.resume(store, args.resume)
        if autosave is None:
            session_id = store.resolve(args.resume)
            number = store.list_versions(session_id)[-1].number
            print(
                f"session {session_id} is complete (version {number}); nothing to resume. "
                f"See it with `regain sessions show {session_id}`.",
                file=sys.stderr,
            )
            return 0
        saved = ", ".join(autosave.checkpoint.steps) or "none"
        status.message(f"Resuming session {autosave.session_id} (steps saved: {saved})")
        return _draft_and_save(settings, autosave.notes, autosave.options, autosave.today, args, status, autosave)


def _draft_and_save(
    settings: Any,
    notes: str,
    options: Any,
    today: dt.date,
    args: argparse.Namespace,
    status: Any,
    autosave: DraftAutosave | None,
) -> int:
    """Write the draft (saving each step when ``autosave``), save and print it; on failure keep what there is."""
    try:
        result = _draft_with_fallback(settings, notes, options, today, args, status, autosave)
    except BaseException as exc:
        if autosave is not None:
            say_kept(autosave, exc, args.quiet)
        if isinstance(exc, PartialDraftError):
            _print_draft(exc.draft, as_json=args.json)
        raise
    if autosave is not None:
        say_saved(autosave, args.quiet)
    errors = sum(1 for f in result.findings if f.severity == "error")
    warnings = len(result.findings) - errors
    if not args.quiet:
        unresolved = f", {len(result.unresolved)} step(s) still with problems" if result.unresolved else ""
        passing = not errors and not result.unresolved
        verdict = "all checks pass" if passing else "see 'Needs your attention' / findings before sending"
        print(f"checks: {errors} error(s), {warnings} warning(s){unresolved} – {verdict}", file=sys.stderr)
    _print_draft(result, as_json=args.json)
    return 0


def _draft_with_fallback(
    settings: Any,
    notes: str,
    options: Any,
    today: dt.date,
    args: argparse.Namespace,
    status: Any,
    autosave: DraftAutosave | None,
) -> Any:
    """The draft from the configured model; with REGAIN_FALLBACK=local, from the embedded one if it stays down."""
    from assistant.model.backend import fallback_settings

    try:
        return _write_draft(settings, notes, options, today, args, status, autosave)
    except ModelAPIError as exc:
        local = fallback_settings(settings, exc)
        if local is None:
            raise
        status.message(f"The remote model keeps failing ({exc.cause}); trying the embedded local model")
        return _write_draft(local, notes, options, today, args, status, autosave)


def _print_draft(draft: Any, *, as_json: bool) -> None:
    """A draft on stdout: JSON (with ``complete``), or Markdown (an incomplete one opens with a banner)."""
    from assistant.output.markdown import draft_markdown

    if as_json:
        print(json.dumps(draft.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        print(draft_markdown(draft))
    sys.stdout.flush()
