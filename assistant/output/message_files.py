"""The message as files to download: Markdown, plain text, and an unsent e-mail (.eml)."""

from __future__ import annotations

import email.policy
import re
import tempfile
from email.message import EmailMessage
from pathlib import Path

from assistant.domain.schema import CHANNEL_NAMES
from assistant.output.safe_markdown import sanitize_markdown

CHANNEL_TITLES = {**CHANNEL_NAMES, "talking_points": "Talking points for your 1:1"}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def message_markdown(subject: str, body: str, channel: str, *, notes: str | None = None) -> str:
    """The message as a Markdown document: the subject as the title, then the body.

    Both are sanitized as in the UI (:func:`assistant.output.safe_markdown.sanitize_markdown`): no raw HTML, no images,
    and links only to URLs in ``notes``, so the file is safe to open in any Markdown viewer.
    """
    title = _one_line(subject) or CHANNEL_TITLES.get(channel, "Message")
    return f"# {sanitize_markdown(title, notes=notes)}\n\n{sanitize_markdown(body.strip(), notes=notes)}\n"


def message_text(subject: str, body: str) -> str:
    """The message as plain text, with a Subject line when there is one."""
    head = f"Subject: {_one_line(subject)}\n\n" if subject.strip() else ""
    return f"{head}{body.strip()}\n"


def message_eml(subject: str, body: str) -> bytes:
    """An unsent e-mail (opens as a draft in most mail programs), built with the standard library."""
    msg = EmailMessage(policy=email.policy.default)
    msg["Subject"] = _one_line(subject) or "Message"
    msg["X-Unsent"] = "1"
    msg.set_content(body.strip() + "\n", charset="utf-8")
    return msg.as_bytes()


def _stem(subject: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", subject.lower()).strip("-")[:40].strip("-")
    return slug or "message"


def write_message_files(
    subject: str, body: str, channel: str, directory: Path | None = None, *, notes: str | None = None
) -> tuple[Path, Path, Path]:
    """Write the .md, .txt and .eml files into a fresh folder and return their paths."""
    folder = Path(tempfile.mkdtemp(prefix="regain-", dir=directory))
    stem = _stem(subject)
    md = folder / f"{stem}.md"
    txt = folder / f"{stem}.txt"
    eml = folder / f"{stem}.eml"
    md.write_text(message_markdown(subject, body, channel, notes=notes), encoding="utf-8")
    txt.write_text(message_text(subject, body), encoding="utf-8")
    eml.write_bytes(message_eml(subject, body))
    return md, txt, eml
