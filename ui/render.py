"""Safe Markdown for the UI: model text is escaped or sanitized before gradio renders it.

Two levels:

- :func:`escape_text` makes any text inert: HTML and every Markdown control
  character become character references, so nothing in it can turn into a tag, a
  link, an image, emphasis or a heading. Our own markup (``<mark>``, ``<ins>``,
  ``<del>``) is wrapped around escaped text only.
- :func:`sanitize_markdown` (from :mod:`assistant.output.safe_markdown`) keeps a model's Markdown
  formatting (bold, lists): markdown-it-py renders it, nh3 cleans it against an
  allow-list, and it is written back as Markdown. Raw HTML is shown as text, images
  become their alt text, and a link survives only when it is an ``http(s)`` URL that
  appears in the user's notes.
"""

from __future__ import annotations

import difflib
import re

from assistant.domain.schema import Finding
from assistant.output.safe_markdown import sanitize_markdown

__all__ = [
    "diff_markdown",
    "escape_text",
    "findings_markdown",
    "highlight",
    "sanitize_markdown",
    "word_diff",
]

# Characters that can start HTML, an entity, or any Markdown construct (links, images,
# emphasis, code, headings, lists, tables, block quotes, math, autolinks).
_ESCAPES = {c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()#+-.!|~:=$@"}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)


def escape_text(text: str) -> str:
    """Make text inert for gradio's Markdown: no HTML, links, images or formatting survive.

    Line breaks become ``<br>`` so the text keeps its lines.
    """
    lines = [line.strip().translate(_ESCAPE_TABLE) for line in text.splitlines()]
    return "<br>".join(lines)


def _mark_spans(line: str, spans: list[str]) -> str:
    """Escape one line and wrap each occurrence of the spans in ``<mark>``."""
    marks = [False] * len(line)
    for span in spans:
        if not span:
            continue
        start = line.find(span)
        while start != -1:
            for i in range(start, start + len(span)):
                marks[i] = True
            start = line.find(span, start + len(span))
    out: list[str] = []
    i = 0
    while i < len(line):
        j = i
        while j < len(line) and marks[j] == marks[i]:
            j += 1
        chunk = line[i:j].translate(_ESCAPE_TABLE)
        out.append(f"<mark>{chunk}</mark>" if marks[i] else chunk)
        i = j
    return "".join(out)


def highlight(text: str, findings: list[Finding]) -> str:
    """The text, escaped, with every finding's words marked; list items are matched by line."""
    lines = text.splitlines() or [""]
    rendered = []
    for n, line in enumerate(lines):
        spans = [f.span for f in findings if f.span and (f.item is None or f.item == n)]
        rendered.append(_mark_spans(line.strip(), [s for s in spans if s]))
    return "<br>".join(rendered)


def findings_markdown(findings: list[Finding], text: str) -> str:
    """Findings for one section in plain words, with the offending words highlighted in the text."""
    if not findings:
        return "<span class='regain-ok'>No problems found.</span>"
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    counts = [f"{errors} error{'s' if errors != 1 else ''}"] if errors else []
    counts += [f"{warnings} warning{'s' if warnings != 1 else ''}"] if warnings else []
    out = [f"**{' and '.join(counts)}**", ""]
    for f in sorted(findings, key=lambda f: (f.severity != "error", f.item or 0)):
        label = "**Error:**" if f.severity == "error" else "**Warning:**"
        where = f" (item {f.item + 1})" if f.item is not None else ""
        words = f" “<mark>{escape_text(f.span)}</mark>”" if f.span else ""
        out.append(
            f"- {label} {escape_text(f.message)}{words}{where}<br>"
            f"<span class='regain-suggestion'>{escape_text(f.suggestion)}</span>"
        )
    if any(f.span for f in findings):
        out += ["", f"<div class='regain-highlight'>{highlight(text, findings)}</div>"]
    return "\n".join(out)


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(before: str, after: str) -> str:
    """A word-level diff of two texts, escaped, with ``<del>`` and ``<ins>`` around the changes."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    out: list[str] = []

    def esc(tokens: list[str]) -> str:
        return "<br>".join(part.translate(_ESCAPE_TABLE) for part in "".join(tokens).split("\n"))

    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(esc(old[a1:a2]))
            continue
        if a2 > a1:
            out.append(f"<del>{esc(old[a1:a2])}</del>")
        if b2 > b1:
            out.append(f"<ins>{esc(new[b1:b2])}</ins>")
    return "".join(out)


def diff_markdown(changes: list[tuple[str, str, str]]) -> str:
    """One block per changed section: its title, then the word diff of its text."""
    if not changes:
        return "No section changed."
    blocks = []
    for title, before, after in changes:
        blocks.append(f"**{escape_text(title)}**\n\n<div class='regain-diff'>{word_diff(before, after)}</div>")
    return "\n\n".join(blocks)
