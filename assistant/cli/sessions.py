"""``regain sessions ...`` and the autosave of ``regain draft``: the command-line side of the store.

Session ids may be given by a unique prefix (``s-7f`` for ``s-7f3a9c``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.domain.errors import InputError
from assistant.domain.schema import Draft

if TYPE_CHECKING:
    from assistant.domain.schema import DraftOptions
    from assistant.model.settings import Settings
    from assistant.store import Store
    from assistant.workflows.autosave import DraftAutosave


def add_sessions_parser(sub: Any) -> None:
    """Register ``regain sessions`` and its subcommands on the main parser's subparsers."""
    s = sub.add_parser("sessions", help="list, show, export, diff, restore or delete saved sessions")
    ss = s.add_subparsers(dest="sessions_command", required=True, metavar="ACTION")
    ss.add_parser("list", help="saved sessions, most recent first")
    show = ss.add_parser("show", help="a session's draft (Markdown), its versions and its plan's progress")
    show.add_argument("id", help="session id (or a unique prefix)")
    show.add_argument("--version", type=int, help="version to show (default: the latest)")
    exp = ss.add_parser("export", help="everything about a session as JSON or Markdown")
    exp.add_argument("id", help="session id (or a unique prefix)")
    exp.add_argument("--format", choices=["json", "md"], default="json", help="json (default) or md")
    exp.add_argument("-o", "--output", help="file to write (private, mode 0600); default: standard output")
    delete = ss.add_parser("delete", help="delete a session and all its versions")
    delete.add_argument("id", help="session id (or a unique prefix)")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    versions = ss.add_parser("versions", help="a session's versions")
    versions.add_argument("id", help="session id (or a unique prefix)")
    diff = ss.add_parser("diff", help="what changed between two versions (unified diff of the Markdown)")
    diff.add_argument("id", help="session id (or a unique prefix)")
    diff.add_argument("a", type=int, help="older version number")
    diff.add_argument("b", type=int, help="newer version number")
    choose = ss.add_parser("choose", help="mark a version's message as the one you send (export uses it)")
    choose.add_argument("id", help="session id (or a unique prefix)")
    choose.add_argument("number", type=int, help="version number whose message you chose")
    restore = ss.add_parser("restore", help="make an old version the newest again (saved as a new version)")
    restore.add_argument("id", help="session id (or a unique prefix)")
    restore.add_argument("number", type=int, help="version number to restore")
    cal = ss.add_parser("calendar", help="the upcoming check-ins as an .ics file for your calendar")
    cal.add_argument("id", help="session id (or a unique prefix)")
    cal.add_argument("-o", "--output", help="file to write (default: standard output)")
    purge = ss.add_parser("purge", help="delete sessions not updated for a number of days")
    purge.add_argument("--older-than", type=int, required=True, metavar="DAYS", help="age in days (at least 1)")


def open_store(settings: Settings) -> Store:
    """Open the sessions store the settings name."""
    from assistant.store import Store

    return Store.open(settings)


def run_sessions(args: argparse.Namespace, settings: Settings) -> int:
    """Run one ``regain sessions`` subcommand."""
    with open_store(settings) as store:
        command = args.sessions_command
        if command == "list":
            return _list(store)
        if command == "purge":
            if args.older_than < 1:
                raise InputError("--older-than takes a number of days, 1 or more.")
            ids = store.purge(dt.timedelta(days=args.older_than))
            print(f"deleted {len(ids)} session(s){': ' + ', '.join(ids) if ids else ''}")
            return 0
        session_id = store.resolve(args.id)
        if command == "show":
            return _show(store, session_id, args.version)
        if command == "export":
            return _export(store, session_id, args.format, args.output)
        if command == "delete":
            return _delete(store, session_id, args.yes)
        if command == "calendar":
            from assistant.store.progress import session_calendar

            if write_private(session_calendar(store, session_id, after=dt.date.today()).decode(), args.output):
                print(f"wrote the check-ins to {args.output} (import it into your calendar)", file=sys.stderr)
            return 0
        if command == "versions":
            from assistant.output.session_markdown import versions_markdown

            print(
                "\n".join(
                    versions_markdown(store.list_versions(session_id), store.get_session(session_id).chosen_version)
                )
            )
            return 0
        if command == "diff":
            text = store.diff_versions(session_id, args.a, args.b)
            print(text or f"versions {args.a} and {args.b} read the same")
            return 0
        if command == "choose":
            store.choose_message(session_id, args.number)
            print(f"chose the message of version {args.number} of {session_id}")
            return 0
        number = store.restore_version(session_id, args.number)
        print(f"restored version {args.number} of {session_id} as version {number}")
        return 0


def _list(store: Store) -> int:
    sessions = store.list_sessions()
    if not sessions:
        print("no saved sessions (regain draft saves one for each draft)")
        return 0
    print(f"{'ID':<10} {'UPDATED (UTC)':<17} {'VERSIONS':>8}  TITLE")
    for s in sessions:
        print(f"{s.id:<10} {s.updated_at:%Y-%m-%d %H:%M} {s.n_versions:>8}  {s.title}")
    return 0


def _show(store: Store, session_id: str, version: int | None) -> int:
    from assistant.output.markdown import draft_markdown
    from assistant.output.session_markdown import actions_markdown, versions_markdown

    record = store.get_session(session_id)
    if record.versions or version is not None:
        number = version if version is not None else record.versions[-1].number
        print(f"<!-- session {session_id}, version {number} -->")
        print(draft_markdown(store.load_version(session_id, number)))
    else:
        print(f"# Session {session_id}: {record.title}\n\nNo draft saved yet. Notes:\n\n{record.notes.strip()}\n")
    print("## Versions\n")
    print("\n".join(versions_markdown(record.versions, record.chosen_version)))
    print("\n## Plan progress\n")
    print("\n".join(actions_markdown(record.actions)))
    return 0


def _export(store: Store, session_id: str, fmt: str, output: str | None) -> int:
    if fmt == "json":
        text = json.dumps(store.export_json(session_id), ensure_ascii=False, indent=2) + "\n"
    else:
        text = store.export_markdown(session_id) + "\n"
    if write_private(text, output):
        print(f"exported session {session_id} to {output}", file=sys.stderr)
    return 0


def write_private(text: str, output: str | None) -> bool:
    """Write ``text`` to the file ``output`` (mode 0600), or to standard output when None; True if a file."""
    if output is None:
        sys.stdout.write(text)
        return False
    path = Path(output)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as exc:
        raise InputError(f"Cannot write {path}: {exc.strerror}; give another path.") from exc
    return True


def _delete(store: Store, session_id: str, yes: bool) -> int:
    if not yes:
        if not sys.stdin.isatty():
            raise InputError(f"Not deleting {session_id} without confirmation; run again with --yes.")
        title = store.get_session(session_id).title
        answer = input(f"Delete session {session_id} ({title}) and all its versions? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("not deleted")
            return 1
    store.delete_session(session_id)
    print(f"deleted session {session_id}")
    return 0


def start_autosave(
    store: Store, notes: str, options: DraftOptions, today: dt.date, *, session: str | None, quiet: bool
) -> DraftAutosave:
    """Save the notes of ``regain draft`` before the model starts (each step is saved as it finishes)."""
    from assistant.workflows.autosave import DraftAutosave

    autosave = DraftAutosave.start(store, notes, options, today, session=session)
    _say(quiet, f"saving each step in session {autosave.session_id} (if interrupted: {resume_hint(autosave)})")
    return autosave


def resume_hint(autosave: DraftAutosave) -> str:
    """The command that finishes the session's draft."""
    return f"regain draft --resume {autosave.session_id}"


def say_saved(autosave: DraftAutosave, quiet: bool) -> None:
    """Say on stderr where the finished draft is saved."""
    number = autosave.version
    _say(quiet, f"saved as session {autosave.session_id}" + ("" if autosave.new else f" (version {number})"))


def say_kept(autosave: DraftAutosave, exc: BaseException, quiet: bool) -> None:
    """Say what is kept after a failed or interrupted draft (the notes, the finished steps, a partial draft)
    and how to finish it."""
    if isinstance(getattr(exc, "draft", None), Draft) and autosave.version is not None:
        _say(quiet, f"the partial draft is saved in session {autosave.session_id}; {resume_hint(autosave)} "
                    "writes the failed steps again")  # fmt: skip
    else:
        steps = len(autosave.checkpoint.steps)
        kept = f"your notes and {steps} finished step(s) are" if steps else "your notes are"
        where = "as" if autosave.new else "in"
        _say(quiet, f"{kept} saved {where} session {autosave.session_id}; finish with {resume_hint(autosave)}")


def _say(quiet: bool, text: str) -> None:
    if not quiet:
        print(text, file=sys.stderr)
