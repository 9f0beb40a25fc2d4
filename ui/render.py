"""Safe Markdown for the UI: model text is escaped or sanitized before gradio renders it.

Two levels:

- :func:`escape_text` makes any text inert: HTML and every Markdown control
  character become character references, so nothing in it can turn into a tag, a
  link, an image, emphasis or a heading. Our own markup (``<mark>``, ``<ins>``,
  ``<del>``) is wrapped around escaped text only.
- :func:`sanitize_markdown` keeps a model's Markdown formatting (bold, lists) but
  escapes ``<``, removes images, and keeps a link only when it is an ``http(s)`` URL
  that appears in the user's notes; every other link becomes its text, and bare
  URLs and ``javascript:`` are neutralised so they are not linkified.
"""

from __future__ import annotations

import difflib
import re

from assistant.validator.findings import Finding

# Characters that can start HTML, an entity, or any Markdown construct (links, images,
# emphasis, code, headings, lists, tables, block quotes, math, autolinks).
_ESCAPES = {c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()#+-.!|~:=$@"}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)

_IMAGE = re.compile(r"!\[([^\]\n]*)\]\s*(?:\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\]\n]*\])")
_LINK = re.compile(
    r"\[([^\]\n]*)\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)>?(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"
)
_REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*\S+.*$", re.MULTILINE)
_SCHEME = re.compile(r"\b(javascript|vbscript|data|file)(\s*):|\b([a-z][a-z0-9+.-]{1,20}):(//)", re.IGNORECASE)
_WWW = re.compile(r"\bwww\.", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>()\[\]\"']+", re.IGNORECASE)


def escape_text(text: str) -> str:
    """Make text inert for gradio's Markdown: no HTML, links, images or formatting survive.

    Line breaks become ``<br>`` so the text keeps its lines.
    """
    lines = [line.strip().translate(_ESCAPE_TABLE) for line in text.splitlines()]
    return "<br>".join(lines)


def _allowed_urls(notes: str | None) -> set[str]:
    return {url.rstrip(".,;:!?") for url in _URL.findall(notes or "")}


def _neutralise_schemes(text: str, allowed: set[str]) -> str:
    """Break every ``scheme:`` and ``www.`` that is not part of an allowed URL, so nothing is linkified."""
    keep: list[tuple[int, int]] = []
    for url in allowed:
        start = text.find(url)
        while start != -1:
            keep.append((start, start + len(url)))
            start = text.find(url, start + 1)

    def kept(pos: int) -> bool:
        return any(a <= pos < b for a, b in keep)

    def scheme(match: re.Match[str]) -> str:
        if kept(match.start()):
            return match.group(0)
        if match.group(1):
            return match.group(1) + match.group(2) + "&#58;"
        return match.group(3) + "&#58;&#47;&#47;"

    def www(match: re.Match[str]) -> str:
        return match.group(0) if kept(match.start()) else "www&#46;"

    return _WWW.sub(www, _SCHEME.sub(scheme, text))


def sanitize_markdown(text: str, *, notes: str | None = None) -> str:
    """Model text as Markdown that is safe to render.

    - ``<`` (and ``&``) are escaped, so there is no raw HTML at all;
    - images are removed (their alt text is kept);
    - a link is kept only when its target is an http(s) URL that appears in ``notes``;
      any other link becomes its plain text;
    - link reference definitions are dropped and any other ``](`` is broken; bare URLs not in the notes and any
      ``javascript:``/``data:`` text and e-mail addresses are neutralised so they are not linkified.
    """
    allowed = _allowed_urls(notes)
    text = text.replace("\x00", "").replace("&", "&amp;").replace("<", "&lt;")
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _REF_DEFINITION.sub("", text)
    links: list[str] = []

    def link(match: re.Match[str]) -> str:
        label, target = match.group(1), match.group(2)
        if target in allowed:
            links.append(f"[{label}]({target})")
            return f"\x00{len(links) - 1}\x00"
        return label

    text = _LINK.sub(link, text)
    text = text.replace("](", "]&#40;")  # whatever link syntax the pattern missed (odd spacing, line breaks)
    text = _neutralise_schemes(text, allowed)
    text = text.replace("@", "&#64;")  # no mailto autolinks
    return re.sub(r"\x00(\d+)\x00", lambda m: links[int(m.group(1))], text)


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
