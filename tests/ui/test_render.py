"""Safe rendering of model text: escaping, sanitized Markdown, findings and diffs."""

from __future__ import annotations

import re

import pytest

from assistant.validator.findings import Finding
from ui.render import diff_markdown, escape_text, findings_markdown, highlight, sanitize_markdown, word_diff

# Tags and link targets our own markup may produce; anything else in the output came from the model.
_OWN_TAGS = re.compile(r"</?(?:mark|ins|del|br|div|span)(?: class='regain-[a-z]+')?>")


def _tags(html: str) -> list[str]:
    return [t for t in re.findall(r"<[^>]*>", html) if not _OWN_TAGS.fullmatch(t)]


CRAFTED = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<a href='javascript:alert(1)'>click</a>",
    "[click me](javascript:alert(document.cookie))",
    "[click](JaVaScRiPt:alert(1))",
    "![tracker](https://evil.example/pixel.png)",
    "![x][ref]\n\n[ref]: https://evil.example/a.png",
    "<iframe src='https://evil.example'></iframe>",
    "<svg onload=alert(1)>",
    "<!-- hidden --> text",
    "visit https://evil.example/login now",
    "visit www.evil.example now",
    "[docs](https://evil.example/phish 'title')",
    "<https://evil.example>",
    "data:text/html;base64,PHNjcmlwdD4=",
    "mail me: someone@evil.example",
]


@pytest.mark.parametrize("text", CRAFTED)
def test_sanitized_markdown_has_no_html_images_or_remote_links(text: str) -> None:
    out = sanitize_markdown(text, notes="my notes")
    assert "<" not in out.replace("&lt;", "")
    assert "](" not in out
    assert not re.search(r"https?://", out)
    assert not re.search(r"javascript\s*:", out, re.I)
    assert not re.search(r"\bdata:", out)
    assert "www." not in out
    assert "@" not in out


def test_sanitized_markdown_keeps_formatting_and_plain_text() -> None:
    text = "**Plan**\n\n- Add a CI gate by 2026-12-11\n- Write the runbook\n\nFriday: 3h down."
    assert sanitize_markdown(text) == text


def test_links_to_urls_in_the_notes_are_kept() -> None:
    notes = "incident doc: https://wiki.example/incident-42"
    out = sanitize_markdown(
        "See [the doc](https://wiki.example/incident-42) or https://wiki.example/incident-42", notes=notes
    )
    assert out == "See [the doc](https://wiki.example/incident-42) or https://wiki.example/incident-42"


def test_link_text_survives_without_its_target() -> None:
    assert sanitize_markdown("Read [the timeline](https://evil.example/x).") == "Read the timeline."
    assert sanitize_markdown("![a chart](https://evil.example/c.png) done") == "a chart done"


@pytest.mark.parametrize("text", [*CRAFTED, "**bold** _it_ `code` # head", "1. item\n> quote\n| a | b |", "$x$ ~~s~~"])
def test_escaped_text_is_inert(text: str) -> None:
    out = escape_text(text)
    assert _tags(out) == []
    bare = re.sub(r"&#\d+;", "", out.replace("<br>", ""))
    for char in "<>[]()!*_`#|~$:&":
        assert char not in bare


def test_escaped_text_keeps_its_lines() -> None:
    assert escape_text("one\ntwo") == "one<br>two"


def _finding(span: str | None, severity: str = "error", item: int | None = None) -> Finding:
    return Finding(
        rule="R",
        step="ownership",
        severity=severity,
        message="Bad <b>.",
        suggestion="Fix [it](x).",
        span=span,
        item=item,
    )  # type: ignore[arg-type]


def test_findings_are_listed_in_plain_words_with_the_words_highlighted() -> None:
    text = "Mistakes were made <script>x</script>."
    md = findings_markdown([_finding("were made"), _finding("<script>", "warning")], text)
    assert md.startswith("**1 error and 1 warning**")
    assert "<mark>were made</mark>" in md
    assert "<mark>&#60;script&#62;</mark>" in md
    assert _tags(md) == []
    assert "Fix &#91;it&#93;&#40;x&#41;&#46;" in md


def test_no_findings_says_so() -> None:
    assert "No problems found" in findings_markdown([], "fine")


def test_highlight_marks_list_items_on_their_own_line() -> None:
    text = "- ship it\n- ship it again"
    out = highlight(text, [_finding("ship it", item=1)])
    first, second = out.split("<br>")
    assert "<mark>" not in first
    assert second.startswith("&#45; <mark>ship it</mark>")


def test_word_diff_marks_removed_and_added_words_safely() -> None:
    out = word_diff("due 2026-12-11 <b>", "due 2026-12-25 <b>")
    assert "<del>" in out and "<ins>" in out
    assert "due" in out and _tags(out) == []
    assert "&#60;b&#62;" in out


def test_diff_markdown_has_one_block_per_section() -> None:
    md = diff_markdown([("4. Plan", "a", "b"), ("Message", "x y", "x z")])
    assert md.count("regain-diff") == 2
    assert "**4&#46; Plan**" in md
    assert diff_markdown([]) == "No section changed."


# Tricks that try to survive sanitizing: entities, split schemes, nesting, autolinks, look-alikes.
TRICKS = [
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "[x](&#106;avascript:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    "<scr<script>ipt>alert(1)</script>",
    "[x](java\nscript:alert(1))",
    "[![img](https://evil.example/i.png)](https://evil.example)",
    "[a]( javascript:alert(1) )",
    "[a](JAVASCRIPT :alert(1))",
    "<IMG SRC=x ONERROR=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<object data='https://evil.example/x.swf'></object>",
    "<embed src=https://evil.example>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    "<details open ontoggle=alert(1)>",
    "\x00<script>alert(1)</script>",
]


@pytest.mark.parametrize("text", TRICKS)
def test_entity_and_nesting_tricks_are_neutralised(text: str) -> None:
    out = sanitize_markdown(text, notes="my notes")
    assert _tags(out) == []
    assert "<" not in out.replace("&lt;", "")
    assert not re.search(r"\]\(\s*<?\s*(?:java|data|https?)", out, re.I)
    assert not re.search(r"(?<![&#\w])javascript\s*:", out, re.I)
    assert "https://" not in out and "\x00" not in out


@pytest.mark.parametrize("text", [*CRAFTED, *TRICKS])
def test_findings_and_diffs_never_render_model_markup(text: str) -> None:
    finding = Finding(
        rule="TXT_HTML", step="pain", severity="error", message=text, suggestion=text, span=text.strip()[:12] or None
    )
    for html in (findings_markdown([finding], text), highlight(text, [finding]), word_diff("before", text)):
        assert _tags(html) == [], html
        assert "](" not in html and not re.search(r"https?://|javascript:", html, re.I)
