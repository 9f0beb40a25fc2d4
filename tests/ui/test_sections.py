"""Sections as editable text, the message files, and the chat-mode interview."""

from __future__ import annotations

import datetime as dt
import email
import email.policy

import pytest
from chain_support import sample_draft

from assistant.output.message_files import message_eml, message_markdown, message_text, write_message_files
from ui.interview import missing_topics, notes_from
from ui.sections import SECTIONS, SectionFormatError, parse_section, section_changes, section_text, with_section


@pytest.mark.parametrize("step", SECTIONS)
def test_every_section_reads_back_what_it_shows(step: str) -> None:
    draft = sample_draft()
    assert parse_section(step, section_text(draft, step)) == getattr(draft, step)


def test_plan_and_checkins_use_one_line_per_item() -> None:
    draft = sample_draft()
    plan = section_text(draft, "plan").splitlines()
    assert [line.count(" | ") for line in plan] == [3, 3]
    assert plan[1] == (
        "Write a pre-deploy checklist for payments config changes | me | 2026-12-11 | "
        "The checklist is linked from every payments deploy ticket"
    )
    checkins = section_text(draft, "report_back").splitlines()
    assert [line[:13] for line in checkins] == ["2026-12-07 | ", "2026-12-14 | "]


def test_a_pipe_in_a_field_does_not_break_the_line() -> None:
    draft = sample_draft()
    action = draft.plan[0].model_copy(update={"action": "Add a gate | check"})
    text = section_text(draft.model_copy(update={"plan": [action]}), "plan")
    assert parse_section("plan", text)[0].action == "Add a gate / check"


@pytest.mark.parametrize(
    ("step", "text", "message"),
    [
        ("plan", "Add a gate | me | 2026-12-11", "Line 1 has 3 part"),
        ("plan", "Add a gate | me | next week | done", "'next week' is not a date"),
        ("report_back", "2026-12-11 report", "Line 1: write 'YYYY-MM-DD"),
        ("lessons", "  \n ", "at least one lesson"),
        ("pain", "", "empty"),
        ("plan", f"{'x' * 300} | me | 2026-12-11 | done", "Line 1: action"),
    ],
)
def test_unreadable_text_names_the_line_and_the_form(step: str, text: str, message: str) -> None:
    with pytest.raises(SectionFormatError, match=message):
        parse_section(step, text)


def test_changes_list_only_what_differs() -> None:
    before = sample_draft()
    after = with_section(before, "positive", "I'm on it.")
    assert section_changes(before, after) == [("5. Be positive", before.positive, "I'm on it.")]


def test_markdown_and_text_files() -> None:
    assert message_markdown("Friday's\noutage", "Body", "email") == "# Friday's outage\n\nBody\n"
    assert message_text("Subject", " Body ") == "Subject: Subject\n\nBody\n"
    assert message_text("", "Body") == "Body\n"


def test_eml_is_an_unsent_mail_with_a_subject_and_no_header_injection() -> None:
    raw = message_eml("Friday\r\nBcc: everyone@example.com", "Dana, I'm sorry. Ünïcode ok.")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["Subject"] == "Friday Bcc: everyone@example.com"
    assert msg["Bcc"] is None
    assert msg["X-Unsent"] == "1"
    assert msg.get_content().strip() == "Dana, I'm sorry. Ünïcode ok."


def test_files_are_written_with_a_name_from_the_subject(tmp_path: dt.date) -> None:
    md, txt, eml = write_message_files("Friday's outage!", "Body", "email", directory=tmp_path)  # type: ignore[arg-type]
    assert (md.name, txt.name, eml.name) == ("friday-s-outage.md", "friday-s-outage.txt", "friday-s-outage.eml")
    assert txt.read_text(encoding="utf-8") == "Subject: Friday's outage!\n\nBody\n"


def test_interview_asks_only_for_what_the_notes_lack() -> None:
    answers = {"story": "I pushed a config change without tests and checkout was down 3 hours.", "asked": ["story"]}
    assert missing_topics(answers) == ["leader", "done"]
    answers |= {"leader": "Dana, my manager", "asked": ["story", "leader"]}
    assert missing_topics(answers) == ["done"]
    assert notes_from(answers).splitlines() == [answers["story"], "My leader: Dana, my manager"]
