"""``regain report-back SESSION [NOTES]`` (also ``regain checkin``): record progress on a saved plan and draft
the update to the leader.

Actions are numbered from 1 on the command line, as ``regain sessions show`` lists them::

    regain report-back s-7f3a progress.md --done 1 --drop 3:"replaced by the CI gate" --ics next.ics
    regain report-back s-7f3a --started 2          # only record a status, no update drafted
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import TYPE_CHECKING, Any

from assistant.domain.errors import InputError

if TYPE_CHECKING:
    from assistant.domain.report_back import ActionProgress
    from assistant.model.settings import Settings


def add_report_back_parser(sub: Any, date_type: Any) -> argparse.ArgumentParser:
    """Register ``regain report-back`` (also ``regain checkin``, its earlier name) on the main parser's subparsers."""
    p = sub.add_parser(
        "report-back",
        aliases=["checkin"],
        help="report back: record progress on a saved session's plan and draft the update to your leader",
        description="Record progress on a saved session's plan (see `regain sessions list`) and draft the "
        "progress update to your leader from short progress notes. Actions are numbered from 1.",
    )
    p.add_argument("id", help="session id (or a unique prefix)")
    p.add_argument(
        "notes", nargs="?", help="progress notes: a file, or - for standard input (omit to only set statuses)"
    )
    p.add_argument("--done", type=int, action="append", default=[], metavar="N", help="action N is done")
    p.add_argument("--started", type=int, action="append", default=[], metavar="N", help="action N is in progress")
    p.add_argument(
        "--drop", action="append", default=[], metavar="N:REASON", help="action N is dropped, with the reason"
    )
    p.add_argument("--today", type=date_type, help="date of the update, YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true", help="print the update as JSON instead of Markdown")
    p.add_argument("--ics", metavar="FILE", help="also write the upcoming check-ins as an .ics calendar file")
    parser: argparse.ArgumentParser = p
    return parser


def user_statuses(args: argparse.Namespace, plan_size: int) -> list[ActionProgress]:
    """The statuses set with --done / --started / --drop (numbered from 1), as 0-based entries."""
    from assistant.domain.report_back import action_progress

    given: list[tuple[int, str, str | None]] = [(n, "done", None) for n in args.done]
    given += [(n, "in_progress", None) for n in args.started]
    for item in args.drop:
        number, _, reason = item.partition(":")
        if not number.strip().isdigit():
            raise InputError(f"--drop takes N:REASON, e.g. --drop 2:'replaced by the CI gate'; got '{item}'.")
        given.append((int(number), "dropped", reason.strip() or None))
    entries = []
    for number, status, reason in given:
        if not 1 <= number <= plan_size:
            raise InputError(f"Action {number} does not exist: the plan has actions 1 to {plan_size}.")
        entries.append(action_progress(number - 1, status, reason=reason))
    return entries


def run_report_back(args: argparse.Namespace, settings: Settings, *, read_notes: Any, status: Any) -> int:
    """Run ``regain report-back``; ``read_notes`` reads a notes source, ``status`` reports progress on stderr."""
    from assistant.cli.sessions import open_store
    from assistant.store.progress import save_statuses, update_basis

    with open_store(settings) as store:
        session_id = store.resolve(args.id)
        draft, previous = update_basis(store, session_id)
        statuses = user_statuses(args, len(draft.plan))
        if args.notes is None:
            if not statuses and not args.ics:
                raise InputError(
                    "Give progress notes (a file, or - for standard input), or set a status with --done N, "
                    "--started N or --drop N:REASON."
                )
            save_statuses(store, session_id, statuses)
            _print_statuses(store, session_id, quiet=args.quiet)
        else:
            notes = read_notes(args.notes)
            _draft_update(args, settings, store, session_id, draft, previous, statuses, notes, status)
        if args.ics:
            _write_calendar(store, session_id, args.ics, args.today, quiet=args.quiet)
    return 0


def _draft_update(
    args: argparse.Namespace,
    settings: Settings,
    store: Any,
    session_id: str,
    draft: Any,
    previous: list[ActionProgress],
    statuses: list[ActionProgress],
    notes: str,
    status: Any,
) -> None:
    from assistant.domain.notes import clean_notes
    from assistant.model.backend import open_backend
    from assistant.output.markdown import progress_markdown
    from assistant.store.progress import save_unfinished_update, save_update
    from assistant.workflows.draft import Pipeline
    from assistant.workflows.report_back import areport_back_update

    clean_notes(notes, max_chars=settings.max_notes_chars)  # fail before starting any model
    try:
        with open_backend(settings, status.message) as backend:
            status.message(f"Using {backend.describe()}")
            pipeline = Pipeline(
                backend.chat_model, max_reasks=settings.max_reasks, structured_output=settings.structured_output
            )
            update = asyncio.run(
                areport_back_update(
                    pipeline,
                    draft,
                    statuses,
                    notes,
                    args.today,
                    previous=previous,
                    max_notes_chars=settings.max_notes_chars,
                    listener=status.event,
                )
            )
    except Exception as exc:
        save_unfinished_update(store, session_id, notes, exc)
        if not args.quiet:
            print(f"regain: your progress notes are kept in session {session_id}", file=sys.stderr)
        raise
    save_update(store, session_id, update)
    errors = sum(1 for f in update.findings if f.severity == "error")
    if not args.quiet:
        verdict = "all checks pass" if not errors else "see 'Needs your attention' before sending"
        print(f"saved in session {session_id}; checks: {errors} error(s) – {verdict}", file=sys.stderr)
    if args.json:
        print(json.dumps(update.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        print(progress_markdown(update))


def _print_statuses(store: Any, session_id: str, *, quiet: bool) -> None:
    from assistant.output.session_markdown import actions_markdown

    if not quiet:
        print(f"statuses saved in session {session_id}", file=sys.stderr)
    print("\n".join(actions_markdown(store.actions(session_id))))


def _write_calendar(store: Any, session_id: str, path: str, today: Any, *, quiet: bool) -> None:
    import datetime as dt

    from assistant.cli.sessions import write_private
    from assistant.store.progress import session_calendar

    data = session_calendar(store, session_id, after=today or dt.date.today())
    write_private(data.decode(), path)
    if not quiet:
        print(f"wrote the check-ins to {path} (import it into your calendar)", file=sys.stderr)
