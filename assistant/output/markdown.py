"""Readable Markdown for a draft."""

from __future__ import annotations

from assistant.domain.report_back import STATUS_LABELS, ProgressUpdate
from assistant.domain.schema import STEP_TITLES, Draft, Finding


def draft_markdown(draft: Draft) -> str:
    """The six steps, the facts they rest on, and the message, as Markdown."""
    f = draft.facts
    out = [*incomplete_banner(draft), "# Recovery draft", "", "## Facts from your notes", ""]
    out.append(f"- **What happened:** {f.what_happened}")
    out.append(f"- **Impact:** {f.impact}")
    out.append(f"- **Your part in the cause:** {f.cause}")
    if f.affected:
        out.append(f"- **Affected:** {', '.join(f.affected)}")
    leader = ", ".join(p for p in (f.leader_name, f.leader_role) if p)
    if leader:
        out.append(f"- **Leader:** {leader}")
    if f.already_done:
        out.append(f"- **Already done:** {'; '.join(f.already_done)}")
    out += ["", f"## {STEP_TITLES['pain']}", "", draft.pain, "", f"## {STEP_TITLES['ownership']}", "", draft.ownership]
    out += ["", f"## {STEP_TITLES['lessons']}", ""] + [f"- {lesson}" for lesson in draft.lessons]
    out += ["", f"## {STEP_TITLES['plan']}", "", "| Action | Owner | Due | Done when |", "|---|---|---|---|"]
    out += [f"| {_cell(a.action)} | {_cell(a.owner)} | {a.due.isoformat()} | {_cell(a.measure)} |" for a in draft.plan]
    out += ["", f"## {STEP_TITLES['positive']}", "", draft.positive, "", f"## {STEP_TITLES['report_back']}", ""]
    out += [f"- **{c.date.isoformat()}** – {c.report}" for c in draft.report_back]
    label = {"email": "Email", "chat": "Chat message", "talking_points": "Talking points for your 1:1"}
    out += ["", f"## Message ({label[draft.message.channel]})", ""]
    if draft.message.channel == "email" and draft.message.subject:
        out += [f"**Subject:** {draft.message.subject}", ""]
    out += [draft.message.body, ""]
    out += _checks_section(draft)
    return "\n".join(out)


def progress_markdown(update: ProgressUpdate) -> str:
    """A progress update as Markdown: the plan's statuses, the update to the leader, the next check-in, the checks."""
    out = [f"# Progress update, {update.today.isoformat()}", "", "## Your progress notes", ""]
    out += [f"> {line}" if line.strip() else ">" for line in update.progress_notes.splitlines()]
    out += ["", "## Plan status", "", "| Action | Due | Status | Evidence |", "|---|---|---|---|"]
    for entry in update.actions:
        action = update.plan[entry.index] if entry.index < len(update.plan) else None
        text = action.action if action else f"Action {entry.index + 1}"
        due = action.due.isoformat() if action else ""
        overdue = action is not None and action.due < update.today
        late = " (late)" if overdue and entry.status in ("not_started", "in_progress") else ""
        status = STATUS_LABELS[entry.status] + late
        if entry.status == "dropped" and entry.reason:
            status += f": {entry.reason}"
        out.append(f"| {_cell(text)} | {due} | {_cell(status)} | {_cell(entry.evidence)} |")
    out += ["", "## Update to your leader", ""]
    if update.subject:
        out += [f"**Subject:** {update.subject}", ""]
    out += [update.body, "", f"**Next check-in:** {update.next_checkin.isoformat()}", ""]
    out += _findings_section(update.findings, {"report_back_update": update.unresolved} if update.unresolved else {})
    return "\n".join(out)


def incomplete_banner(draft: Draft) -> list[str]:
    """Markdown lines saying a draft is incomplete and which steps failed (none for a complete draft)."""
    if draft.complete and not draft.failed_steps:
        return []
    titles = {**STEP_TITLES, "compose": "the message"}
    names = ", ".join(titles.get(step, step) for step in draft.failed_steps)
    out = [f"> **INCOMPLETE – these steps failed: {names}.** Do not send this draft as it is.", ">"]
    out += [f"> - **{step}:** {' '.join(error.split())}" for step, error in draft.failed_steps.items()]
    return [*out, ""]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _checks_section(draft: Draft) -> list[str]:
    """What the validator still finds, errors first, so nothing failing reads as passing."""
    return _findings_section(draft.findings, draft.unresolved)


def _findings_section(findings: list[Finding], unresolved: dict[str, list[str]]) -> list[str]:
    errors = [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity == "warning"]
    if not (errors or warnings or unresolved):
        return ["## Checks", "", "No problems found by the checks.", ""]
    out = ["## Needs your attention", ""]
    if errors or warnings:
        out += [f"{len(errors)} error(s) and {len(warnings)} warning(s) from the checks:", ""]
    for f in errors + warnings:
        item = f" #{f.item + 1}" if f.item is not None else ""
        out.append(f"- **{f.severity} – {f.step}{item}:** {f.plain()}")
    reported = {f.plain() for f in findings}
    leftovers = [(s, p) for s, ps in unresolved.items() for p in ps if p not in reported]
    out += [f"- **{step}:** {problem}" for step, problem in leftovers]
    out.append("")
    return out
