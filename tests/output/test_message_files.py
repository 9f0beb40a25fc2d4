"""Exports of crafted model text: the .md is sanitized Markdown, the .eml plain text only."""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

import pytest

from assistant.output.message_files import message_eml, message_markdown, write_message_files

CRAFTED = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![tracker](https://evil.example/p.png)",
    "<iframe src='https://evil.example'></iframe>",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "&lt;script&gt;",
    "see https://evil.example/login",
]
NOTES = "I missed the deadline. Postmortem: https://wiki.example.com/pm/7"


@pytest.mark.parametrize("text", CRAFTED)
def test_markdown_export_holds_no_html_images_or_foreign_links(text: str) -> None:
    out = message_markdown(f"Subject {text}", f"Dana, I'm sorry.\n\n{text}", "email", notes=NOTES)
    assert "<" not in out.replace("&lt;", "")
    assert "](" not in out and not re.search(r"https?://|javascript\s*:|\bdata:", out, re.I)


def test_markdown_export_keeps_plain_text_and_links_from_the_notes() -> None:
    out = message_markdown(
        "Friday", "I'm sorry.\n\n- **Plan**: see https://wiki.example.com/pm/7", "email", notes=NOTES
    )
    assert out == "# Friday\n\nI'm sorry.\n\n- **Plan**: see https://wiki.example.com/pm/7\n"


@pytest.mark.parametrize("text", CRAFTED)
def test_eml_export_is_plain_text_only(text: str) -> None:
    msg = email.message_from_bytes(message_eml(f"Re {text}\r\nBcc: x@evil.example", text), policy=email.policy.default)
    assert not msg.is_multipart() and msg.get_content_type() == "text/plain"
    assert msg["Bcc"] is None and "\n" not in str(msg["Subject"])


def test_written_markdown_file_is_sanitized(tmp_path: Path) -> None:
    md, txt, _ = write_message_files("Friday", "<script>x()</script> sorry", "email", directory=tmp_path, notes=NOTES)
    assert "<script>" not in md.read_text(encoding="utf-8")
    assert txt.read_text(encoding="utf-8").endswith("<script>x()</script> sorry\n")  # plain text is never rendered
