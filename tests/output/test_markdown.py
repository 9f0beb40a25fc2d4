"""Markdown rendering of a draft."""

from __future__ import annotations

from chain_support import sample_draft

from assistant.domain.schema import STEP_TITLES, Message, PlanAction
from assistant.output.markdown import draft_markdown


def test_markdown_has_the_six_steps_plan_table_and_message() -> None:
    draft = sample_draft()
    text = draft_markdown(draft)
    for title in STEP_TITLES.values():
        assert f"\n## {title}\n" in text
    assert [t.split(". ", 1)[0] for t in STEP_TITLES.values()] == ["1", "2", "3", "4", "5", "6"]
    assert "| Action | Owner | Due | Done when |" in text
    action = draft.plan[0]
    assert f"| {action.action} | me | 2026-12-04 | {action.measure} |" in text
    assert "- **2026-12-07** – " + draft.report_back[0].report in text
    assert "## Message (Email)" in text and f"**Subject:** {draft.message.subject}" in text
    assert draft.message.body in text
    assert "- **Leader:** Dana\n" in text
    assert "Needs your attention" not in text


def test_unresolved_problems_get_their_own_section() -> None:
    text = draft_markdown(sample_draft(unresolved={"plan": ["The due date is not after today."]}))
    assert "## Needs your attention\n\n- **plan:** The due date is not after today." in text


def test_plan_cells_escape_pipes_and_newlines() -> None:
    action = PlanAction.model_validate({"action": "Fix a|b\nnow", "owner": "me", "due": "2026-12-01", "measure": "ok"})
    assert "| Fix a\\|b now | me | 2026-12-01 | ok |" in draft_markdown(sample_draft(plan=[action]))


def test_chat_message_has_no_subject_line() -> None:
    text = draft_markdown(sample_draft(message=Message(channel="chat", subject="Outage", body="Sorry, Dana.")))
    assert "## Message (Chat message)" in text and "**Subject:**" not in text


def test_validator_findings_are_listed_so_nothing_failing_reads_as_passing() -> None:
    from assistant.validator.findings import Finding

    error = Finding(
        rule="MSG_LENGTH",
        step="message",
        severity="error",
        message="The email has 300 words.",
        suggestion="Shorten it.",
    )
    warning = Finding(
        rule="GND_NAME",
        step="pain",
        severity="warning",
        message="This name is not in your notes.",
        suggestion="Check it.",
        span="Marcus",
    )
    text = draft_markdown(sample_draft(findings=[warning, error]))
    assert "1 error(s) and 1 warning(s) from the checks:" in text
    assert text.index("**error – message:** The email has 300 words. Shorten it.") < text.index("**warning – pain:**")
    assert '("Marcus")' in text


def test_a_clean_draft_says_the_checks_pass() -> None:
    assert "No problems found by the checks." in draft_markdown(sample_draft())


def test_an_incomplete_draft_opens_with_a_banner_naming_the_failed_steps() -> None:
    failed = {"plan": "Server error 503: the server failed (3 attempts).", "compose": "Not written, because..."}
    text = draft_markdown(sample_draft(plan=[], complete=False, failed_steps=failed))
    first, *rest = text.splitlines()
    banner = "> **INCOMPLETE – these steps failed: 4. Outline a path forward, the message.**"
    assert first == banner + " Do not send this draft as it is."
    assert "> - **plan:** Server error 503: the server failed (3 attempts)." in rest
    assert not draft_markdown(sample_draft()).startswith(">")
