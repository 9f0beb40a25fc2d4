"""Model Markdown through markdown-it-py and nh3: known bypasses stay inert, formatting survives."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from assistant.output.safe_markdown import ALLOWED_TAGS, clean_html, sanitize_markdown

# Bypasses reported against markdown-it, ammonia (nh3's engine) and bleach; each source is beside its case. The
# markdown-it fixtures are at https://github.com/markdown-it/markdown-it/blob/1e8ab89/test/fixtures/markdown-it/xss.txt,
# the ammonia tests at https://github.com/rust-ammonia/ammonia/blob/ea2d6a5/src/lib.rs.
KNOWN_BYPASSES = [
    # markdown-it: a javascript: autolink inside a link destination, https://github.com/markdown-it/markdown-it/issues/1083
    "[hello]( <javascript:alert(1)> )",
    # markdown-it lets data:image URIs through validateLink, https://github.com/markdown-it/markdown-it/issues/985
    "![](data:image/gif;base64,R0lGODlhAQABAAAAACw=)",
    # markdown-it: an image that logs the reader's IP address, https://github.com/markdown-it/markdown-it/issues/841
    "![image](https://grabify.link/CENSORED)",
    # ammonia RUSTSEC-2021-0074, namespace switching via svg, https://github.com/rust-ammonia/ammonia/pull/142
    '<svg><iframe><a title="</iframe><img src onerror=alert(1)>">test',
    # ammonia GHSA-m6mh-2hw2-555x, an svg <set> animates href to javascript:, https://github.com/rust-ammonia/ammonia/pull/250
    '<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(\'SET_XSS\')"></set>'
    '<text y="30">Click set</text></a></svg>',
    # bleach: zero-padded numeric references spell javascript:, https://github.com/mozilla/bleach/issues/766
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058'
    '&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">'
    "Click Me</a>",
    # bleach CVE-2020-6802, noscript mutation XSS, https://checkmarx.com/blog/vulnerabilities-discovered-in-mozilla-bleach/
    "<noscript><style></noscript><img src=x onerror=alert(1)>",
    # bleach CVE-2020-6816, svg + RCDATA mutation XSS, https://github.com/mozilla/bleach/security/advisories/GHSA-m6xf-fq7q-8743
    "<svg><style><img src=x onerror=alert(1)>",
    # bleach 3.2.3, math + comment in style, https://github.com/mozilla/bleach/security/advisories/GHSA-vv2x-vrpj-qqpq
    "<math><p></p><style><!--</style><img src/onerror=alert(1)>--></style></math>",
    # bleach GHSA-gj48-438w-jh9v, javascript: in formaction, https://github.com/mozilla/bleach/pull/787
    '<form><button formaction="javascript:alert(1)">x</button></form>',
    # markdown-it: entities decoded after lowercasing made "Javascript:", commit 7da4d5e, xss.txt
    "[xss link](&#74;avascript:alert(1))",
    # markdown-it: an encoded colon hid the scheme, commit 7f7260d ("javascript&#x3A;alert(1)"), xss.txt
    "[xss link](javascript&#x3A;alert(1))",
    # markdown-it: a case-sensitive javascript: check let these through, commit d6b5c03, xss.txt
    "[xss link](JAVASCRIPT:alert(1)) [x](vbscript:alert(1)) [y](file:///123)",
    # markdown-it 4.1.0 disabled data: URLs "to avoid possible XSS", commit f76d3be, xss.txt
    "[xss link](data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K)",
    # markdown-it: a fence's info string attached classes to <code>, https://github.com/markdown-it/markdown-it/issues/128
    "```js&#x20;custom-class\nalert(1)\n```",
    # ammonia RUSTSEC-2025-0071 (GHSA-mm7x-qfjj-5g2c), namespace mutation via svg, test ns_svg_2 in src/lib.rs
    "<svg><foreignObject><table><path><xmp><!--</xmp><img title'--&gt;&lt;img src=1 onerror=alert(1)&gt;'>",
    # ammonia RUSTSEC-2025-0071, the MathML variant, test ns_mathml_2 in src/lib.rs
    "<math><mtext><table><mglyph><xmp><!--</xmp><img title='--&gt;&lt;img src=1 onerror=alert(1)&gt;'>",
    # ammonia: <object data> was not checked as a URL, commit 3c79f42, test object_data in src/lib.rs
    '<span data="javascript:evil()">Test</span><object data="javascript:evil()"></object>M',
]

# A permissive renderer (raw HTML on), standing in for gradio's: whatever HTML it makes of our output is live.
_PERMISSIVE = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _live_html(markdown: str) -> str:
    return _PERMISSIVE.render(markdown)


@pytest.mark.parametrize("text", KNOWN_BYPASSES)
def test_known_bypasses_stay_inert(text: str) -> None:
    out = sanitize_markdown(text, notes="my notes")
    assert "<" not in out.replace("&lt;", "")
    assert "](" not in out and not re.search(r"https?://|\bdata:|www\.", out, re.I)
    assert not re.search(r"(?<![&#\w])javascript\s*:", out, re.I)
    html = _live_html(out)
    assert set(re.findall(r"<([a-z0-9]+)", html)) <= ALLOWED_TAGS - {"a"}, html
    assert not re.search(r"<[^>]*\s(?:on\w+|href|src|formaction)\s*=", html, re.I), html


def test_an_image_stays_text_even_when_its_url_is_in_the_notes() -> None:
    out = sanitize_markdown("![image](https://grabify.link/CENSORED)", notes="see https://grabify.link/CENSORED")
    assert out == "image" and "<img" not in _live_html(out)


def test_nh3_keeps_only_allow_listed_tags_and_links_from_the_notes() -> None:
    html = (
        '<p><a href="https://wiki.example/pm/7">ok</a> <a href="https://evil.example">bad</a>'
        '<img src=x onerror=alert(1)><script>alert(1)</script><b onclick="x()">b</b></p><ol start="3"><li>x</li></ol>'
    )
    cleaned = clean_html(html, {"https://wiki.example/pm/7"})
    assert cleaned == '<p><a href="https://wiki.example/pm/7">ok</a> <a>bad</a>b</p><ol start="3"><li>x</li></ol>'


@pytest.mark.parametrize(
    "text",
    [
        "# Plan\n\n> Dana asked for the log.\n> By Friday.\n\n1. Add the gate\n2. Write the runbook\n   - link it",
        "| Action | Due |\n| --- | --- |\n| Add the gate | 2026-12-11 |",
        "Run `make check` first:\n\n```\nmake check\n```",
        "*Sorry* for the **3h** outage and ~~the~~ lost orders.  \nI'll fix it.",
    ],
)
def test_formatting_survives_unchanged(text: str) -> None:
    assert sanitize_markdown(text) == text


def test_escaped_markup_stays_text() -> None:
    assert sanitize_markdown("1986\\. A year\n\\- not a list \\*not bold\\*") == (
        "1986&#46; A year\n&#45; not a list &#42;not bold&#42;"
    )


def test_a_link_from_the_notes_survives_in_a_list() -> None:
    notes = "doc: https://wiki.example/pm/7"
    assert sanitize_markdown("- see [the doc](https://wiki.example/pm/7)", notes=notes) == (
        "- see [the doc](https://wiki.example/pm/7)"
    )


@pytest.mark.parametrize(
    "text",
    [
        "see https://ok.com.evil.com/x",  # begins with the URL from the notes, but goes elsewhere
        "see https://ok.com@evil.com/x",
        "see https://ok.com/x/../../evil",
        "[the report](https://ok.com.evil.com/x)",
    ],
)
def test_a_url_that_only_begins_with_one_from_the_notes_is_not_linked(text: str) -> None:
    out = sanitize_markdown(text, notes="the report is at https://ok.com and https://ok.com/x")
    # gradio's renderer links every bare URL left in the text: each one must be a whole URL from the notes
    bare = [u.rstrip(".,;:!?") for u in re.findall(r"https?://[^\s<>\"'()\[\]]+", out)]
    assert set(bare) <= {"https://ok.com", "https://ok.com/x"}, out


def test_a_url_from_the_notes_stays_whole_before_punctuation() -> None:
    for text in ["see https://ok.com.", "(https://ok.com)", "see https://ok.com, then"]:
        assert "https://ok.com" in sanitize_markdown(text, notes="at https://ok.com"), text
