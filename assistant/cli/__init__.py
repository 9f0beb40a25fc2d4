"""The ``regain`` command line: ``draft``, ``refine``, ``check``, ``doctor``, ``ui``, ``sessions`` and ``report-back``.

Errors are one line on stderr and a non-zero exit code, never a traceback
(``--debug`` shows it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

from assistant import __version__
from assistant.cli.draft import run_draft
from assistant.cli.refine import add_refine_parser, run_refine
from assistant.cli.report_back import add_report_back_parser, run_report_back
from assistant.cli.sessions import add_sessions_parser, run_sessions
from assistant.domain.errors import ConfigurationError, InputError, RegainError
from assistant.domain.notes import decode_notes
from assistant.domain.redact import configured_secrets, error_line, redact
from assistant.domain.schema import CHANNELS, CHECKABLE_STEPS, LENGTHS, TONES


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="regain", description="Write to your leader after a mistake: six steps to repair trust."
    )
    parser.add_argument("--version", action="version", version=f"regain {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    d = sub.add_parser("draft", help="turn rough notes into a recovery draft and a message")
    d.add_argument("notes", nargs="?", help="notes file, or - to read standard input")
    d.add_argument("--json", action="store_true", help="print one JSON object instead of Markdown")
    d.add_argument("--leader", help="your leader's name or role (overrides the notes)")
    d.add_argument("--channel", choices=CHANNELS, default="email", help="message channel (default: email)")
    d.add_argument("--tone", choices=TONES, default="neutral", help="message tone (default: neutral)")
    d.add_argument("--length", choices=LENGTHS, default="medium", help="message length (default: medium)")
    d.add_argument("--today", type=_date, help="date to plan from, YYYY-MM-DD (default: today)")
    d.add_argument("--name", help="your name for the sign-off (env REGAIN_USER_NAME)")
    d.add_argument(
        "--polish", action="store_true", help="let the model rewrite the assembled message (for larger models)"
    )
    d.add_argument("-q", "--quiet", action="store_true", help="no step-by-step status on stderr")
    d.add_argument("--no-save", action="store_true", help="do not save the notes and draft as a session")
    d.add_argument("--session", metavar="ID", help="save the draft as a new version of this session")
    d.add_argument(
        "--resume",
        metavar="ID",
        help="finish this session's interrupted draft: its saved steps are kept, the rest written "
        "(with its notes, options and date)",
    )
    _model_options(d)

    _model_options(add_refine_parser(sub))

    c = sub.add_parser("check", help="check a draft (JSON from draft --json) or a text against the six steps")
    c.add_argument("file", help="draft JSON or plain text file, or - for standard input")
    c.add_argument("--step", choices=CHECKABLE_STEPS, help="check the text as this step")
    c.add_argument("--notes", help="notes file, to check that numbers, names and claims are grounded")
    c.add_argument("--channel", choices=CHANNELS, default="email", help="channel of a plain-text message")
    c.add_argument("--leader", help="leader's name, for a plain-text message")
    c.add_argument("--today", type=_date, help="date to check plan and check-in dates against")
    c.add_argument("--json", action="store_true", help="print the findings as JSON")

    doc = sub.add_parser("doctor", help="show which backend and model would be used, and whether they answer")
    _model_options(doc)

    u = sub.add_parser("ui", help="serve the web UI (login: REGAIN_UI_USERNAME / REGAIN_UI_PASSWORD)")
    u.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    u.add_argument("--port", type=int, default=7860, help="port to listen on (default: 7860)")
    _model_options(u)

    add_sessions_parser(sub)
    ck = add_report_back_parser(sub, _date)
    ck.add_argument("-q", "--quiet", action="store_true", help="no step-by-step status on stderr")
    _model_options(ck)
    return parser


def _model_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", help="model name (env REGAIN_MODEL)")
    p.add_argument("--base-url", help="OpenAI-compatible server URL (env OPENAI_BASE_URL)")
    p.add_argument("--backend", choices=["auto", "local", "openai"], help="force a backend (env REGAIN_BACKEND)")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-12-01") from exc


def _settings(args: argparse.Namespace) -> Any:
    from assistant.model.settings import settings_from_options

    return settings_from_options(**{k: getattr(args, k, None) for k in ("model", "base_url", "backend")})


def _read_notes(source: str) -> str:
    if source == "-":
        return decode_notes(sys.stdin.buffer.read(), source="standard input")
    path = Path(source)
    if not path.is_file():
        raise InputError(f"No notes file at {path}; give a path to a text file, or - for standard input.")
    return decode_notes(path.read_bytes(), source=str(path))


def _preview(text: str, width: int = 100) -> str:
    """A finished step's text on one line, cut to ``width`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


class _Status:
    """Each step's status on stderr: a live line on a terminal, one line per finished step otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.tty = sys.stderr.isatty()
        self.tokens: dict[str, int] = {}
        self.running: set[str] = set()
        self.started = time.monotonic()
        self._last = 0.0

    def message(self, text: str, fraction: float | None = None) -> None:
        if not self.enabled:
            return
        line = f"{text} {fraction:.0%}" if fraction is not None else f"{text}…"
        if self.tty:
            now = time.monotonic()
            if fraction is not None and now - self._last < 0.2 and fraction < 1:
                return
            self._last = now
            sys.stderr.write("\r\033[K" + line)
            if fraction is None or fraction >= 1:
                sys.stderr.write("\n")
        elif fraction is None or fraction >= 1:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def event(self, event: Any) -> None:
        if not self.enabled:
            return
        self.tokens[event.step] = event.tokens
        if event.kind == "start":
            self.running.add(event.step)
        elif event.kind in ("done", "failed", "unresolved"):
            self.running.discard(event.step)
            elapsed = time.monotonic() - self.started
            mark = {"done": "✓", "failed": "✗", "unresolved": "!"}[event.kind]
            note = f" – still has problems: {event.text}" if event.kind == "unresolved" else ""
            if event.kind == "done" and event.text:
                note = f": {_preview(event.text)}"
            self._write(f"{mark} {event.step} ({event.tokens} tokens, {elapsed:.0f}s){note}", final=True)
            return
        elif event.kind == "attempt":
            self._write(f"↻ {event.step}: asking again (attempt {event.attempt})", final=True)
            return
        if self.tty and event.kind == "token":
            now = time.monotonic()
            if now - self._last > 0.1:
                self._last = now
                running = ", ".join(f"{s} {self.tokens.get(s, 0)} tok" for s in sorted(self.running))
                self._write(f"writing: {running}", final=False)

    def _write(self, line: str, *, final: bool) -> None:
        if self.tty:
            sys.stderr.write("\r\033[K" + line + ("\n" if final else ""))
        elif final:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()


def _cmd_check(args: argparse.Namespace) -> int:
    from pydantic import ValidationError as SchemaError

    from assistant.domain.schema import Draft
    from assistant.validator import validate

    text = _read_notes(args.file)
    notes = _read_notes(args.notes) if args.notes else None
    stripped = text.lstrip()
    if stripped.startswith("{") and args.step is None:
        try:
            draft = Draft.model_validate_json(stripped)
        except SchemaError as exc:
            raise InputError(
                f"{args.file} is JSON but not a Regain draft ({exc.error_count()} problems); "
                "give the output of `regain draft --json`, or a plain-text message."
            ) from exc
        report = validate(draft, today=args.today)
    else:
        report = validate(text, step=args.step, notes=notes, today=args.today, channel=args.channel, leader=args.leader)
    if args.json:
        print(
            json.dumps(
                {"ok": report.ok, "findings": [f.model_dump() for f in report.findings]}, ensure_ascii=False, indent=2
            )
        )
    else:
        for f in report.findings:
            item = f" #{f.item + 1}" if f.item is not None else ""
            print(f"{f.severity:7} {f.rule:18} {f.step}{item}: {f.plain()}")
        print(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)")
    return 0 if report.ok else 1


def _cmd_doctor(args: argparse.Namespace) -> int:
    from assistant.cli.doctor import run_doctor

    settings = _settings(args)
    ok = run_doctor(settings, print)
    return 0 if ok else 1


def _cmd_ui(args: argparse.Namespace) -> int:
    try:
        from ui.serve import serve
    except ImportError as exc:
        raise ConfigurationError(
            f"The web UI needs gradio ({exc}); install it with: pip install 'gradio>=6.20'"
        ) from exc

    settings = _settings(args)
    serve(settings, host=args.host, port=args.port, status=_Status(enabled=True).message)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``regain`` console script."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "draft":
            return run_draft(args, _settings(args), read_notes=_read_notes, status=_Status(not args.quiet))
        if args.command == "refine":
            return run_refine(args, _settings(args), status=_Status(not args.quiet))
        if args.command == "check":
            return _cmd_check(args)
        if args.command == "ui":
            return _cmd_ui(args)
        if args.command == "sessions":
            return run_sessions(args, _settings(args))
        if args.command in ("report-back", "checkin"):
            return run_report_back(args, _settings(args), read_notes=_read_notes, status=_Status(not args.quiet))
        return _cmd_doctor(args)
    except RegainError as exc:
        if args.debug:
            raise
        print(error_line(exc), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("regain: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # last resort: one line, not a traceback
        if args.debug:
            raise
        text = redact(f"{type(exc).__name__}: {exc}", configured_secrets())
        print(f"regain: unexpected error: {text} (run with --debug for details)", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
