"""A whole session as Markdown, for `regain sessions export --format md` and `show`."""

from __future__ import annotations

from assistant.domain.records import ActionState, ProgressRecord, SessionRecord, VersionInfo
from assistant.domain.report_back import STATUS_LABELS
from assistant.domain.schema import Draft
from assistant.output.markdown import draft_markdown


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def versions_markdown(versions: list[VersionInfo], chosen: int | None = None) -> list[str]:
    """The version list as a Markdown table."""
    if not versions:
        return ["No draft saved yet, only the notes."]
    out = ["| Version | Saved (UTC) | Source | Errors | Summary |", "|---|---|---|---|---|"]
    for v in versions:
        marks = (" (chosen)" if v.number == chosen else "") + ("" if v.complete else " (partial)")
        saved = v.created_at.strftime("%Y-%m-%d %H:%M")
        out.append(f"| {v.number}{marks} | {saved} | {v.source} | {v.n_errors} | {_cell(v.summary)} |")
    return out


def actions_markdown(actions: list[ActionState]) -> list[str]:
    """The plan's actions and their status as a Markdown table."""
    if not actions:
        return ["No plan actions yet."]
    out = ["| # | Action | Due | Status | Evidence |", "|---|---|---|---|---|"]
    for a in actions:
        status = STATUS_LABELS.get(a.status, a.status) + (f" – {a.reason}" if a.reason else "")
        due = a.due.isoformat() if a.due else ""
        out.append(f"| {a.index} | {_cell(a.action)} | {due} | {_cell(status)} | {_cell(a.evidence or '')} |")
    return out


def session_markdown(
    record: SessionRecord, draft: Draft | None, number: int | None, updates: list[ProgressRecord]
) -> str:
    """Everything about a session, readable: header, the draft shown, versions, actions, progress updates."""
    out = [f"# Session {record.id}: {record.title}", ""]
    out.append(f"Created {record.created_at:%Y-%m-%d %H:%M} UTC, updated {record.updated_at:%Y-%m-%d %H:%M} UTC.")
    out += ["", "## Notes", "", record.notes.strip(), ""]
    if draft is not None:
        out += [f"## Draft (version {number})", ""]
        out += ["#" + line if line.startswith("#") else line for line in draft_markdown(draft).splitlines()]
        out.append("")
    out += ["## Versions", "", *versions_markdown(record.versions, record.chosen_version), ""]
    out += ["## Plan progress", "", *actions_markdown(record.actions), ""]
    if updates:
        out += ["## Progress updates", ""]
        for u in updates:
            out += [f"### {u.created_at:%Y-%m-%d %H:%M} UTC", "", u.notes.strip(), ""]
            body = u.update.get("body") or u.update.get("message")
            if isinstance(body, str):
                out += [body.strip(), ""]
    return "\n".join(out)
