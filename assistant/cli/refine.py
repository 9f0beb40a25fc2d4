"""``regain refine SESSION "REQUEST"``: change a saved draft as asked, save it as a new version, show the diff.

A plain request ("move the dates two weeks later", "drop action 3", "shorter") is applied without
starting a model; any other is turned into edits by the model. A request that changes nothing saves
no version and exits with 1::

    regain refine s-7f3a "move the dates two weeks later"
    regain refine s-7f3a "add that I already told the support team" --json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import TYPE_CHECKING, Any

from assistant.domain.errors import InputError

if TYPE_CHECKING:
    from assistant.domain.schema import Draft
    from assistant.model.settings import Settings
    from assistant.workflows.refine import Refinement


def add_refine_parser(sub: Any) -> argparse.ArgumentParser:
    """Register ``regain refine`` on the main parser's subparsers."""
    p = sub.add_parser(
        "refine",
        help="change a saved draft as you ask in plain words; saves a new version and prints the diff",
        description="Change the latest version of a saved session (see `regain sessions list`) as you ask, "
        "for example 'move the dates two weeks later', 'drop action 3', 'shorter', 'make it a chat message'.",
    )
    p.add_argument("id", help="session id (or a unique prefix)")
    p.add_argument("request", help="what to change, in plain words")
    p.add_argument("--json", action="store_true", help="print the draft and the edits applied as JSON")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    parser: argparse.ArgumentParser = p
    return parser


def _with_model(settings: Settings, draft: Draft, request: str, status: Any) -> Refinement:
    from assistant.model.backend import open_backend
    from assistant.workflows.draft import Pipeline
    from assistant.workflows.refine import arefine

    with open_backend(settings, status.message) as backend:
        status.message(f"Using {backend.describe()}")
        pipeline = Pipeline(
            backend.chat_model, max_reasks=settings.max_reasks, structured_output=settings.structured_output
        )
        return asyncio.run(arefine(draft, request, pipeline, listener=status.event))


def run_refine(args: argparse.Namespace, settings: Settings, *, status: Any) -> int:
    """Run ``regain refine``; ``status`` reports progress on stderr. Exit code 1 when nothing changed."""
    from assistant.cli.sessions import open_store
    from assistant.workflows.refine import refine_plainly

    with open_store(settings) as store:
        session_id = store.resolve(args.id)
        versions = store.list_versions(session_id)
        if not versions:
            raise InputError(f"Session {session_id} has no draft yet; write one with `regain draft NOTES --session`.")
        before = versions[-1].number
        draft = store.load_version(session_id, before)
        result = refine_plainly(draft, args.request)
        if result is None:
            result = _with_model(settings, draft, args.request, status)
        number = None
        if result.changed:
            number = store.save_version(session_id, result.draft, source="refined", summary=args.request.strip()[:200])
        if not args.quiet:
            where = f"saved as version {number} of session {session_id}" if number else "no new version saved"
            print(f"{where}{' (no model needed)' if not result.used_model else ''}", file=sys.stderr)
        if args.json:
            print(json.dumps(_as_json(result, session_id, number), ensure_ascii=False, indent=2))
        else:
            print(result.reply)
            if number is not None:
                print()
                print(store.diff_versions(session_id, before, number))
    return 0 if result.changed else 1


def _as_json(result: Refinement, session_id: str, number: int | None) -> dict[str, Any]:
    return {
        "session": session_id,
        "version": number,
        "changed": result.changed,
        "reply": result.reply,
        "used_model": result.used_model,
        "edits": result.edits_json(),
        "not_applied": [{**e.model_dump(mode="json"), "why": why} for e, why in result.refused],
        "draft": result.draft.model_dump(mode="json"),
    }
