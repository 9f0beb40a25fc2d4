"""Model Markdown made safe for gradio: rendered by markdown-it-py, cleaned by nh3, written back as Markdown.

The model's text is parsed as CommonMark (with GFM tables and strikethrough) by markdown-it-py,
with raw HTML off, so tags the model writes stay text. Images become their alt text. The HTML is
then cleaned by nh3 (ammonia) against a short allow-list of formatting tags, keeping a link only
when its target is an http(s) URL from the user's notes. Whatever survives is written back as
Markdown, because gradio renders Markdown: every character of the model's text that could start
markup in gradio's renderer is written as a character reference, so only our own markup for the
allowed tags is live.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

_HEADINGS = {f"h{n}" for n in range(1, 7)}
_BLOCKS = {"p", "pre", "ul", "ol", "blockquote", "hr", "table", *_HEADINGS}
_INLINE = {"strong", "em", "s", "code", "a", "br"}
_TABLE = {"thead", "tbody", "tr", "th", "td"}
# The tags model text may produce; everything else is dropped, keeping its text (script/style: with it).
ALLOWED_TAGS = frozenset({*_BLOCKS, *_INLINE, *_TABLE, "li"})

# Characters of model text that could start HTML, an entity or Markdown inline syntax in gradio's renderer
# (links, emphasis, code, strikethrough, tables, math, autolinks).
_TEXT_ESCAPES = str.maketrans({c: f"&#{ord(c)};" for c in "&\\`*_[]|~$@"} | {"<": "&lt;", ">": "&gt;"})
# A line that would start a block: heading, quote, list item, thematic break or setext underline.
_LINE_START = re.compile(r"^([ \t]*)(?:([-+#>=])|(\d{1,9})([.)]))", re.MULTILINE)
# Text a GFM renderer would turn into a link: a scheme before ``//`` or a script-capable scheme, and ``www.``.
_SCHEME = re.compile(
    r"\b(?:([a-z][a-z0-9+.-]*)(\s*):(?=\s*/)|(javascript|vbscript|data|file|mailto|xmpp)(\s*):)", re.IGNORECASE
)
_WWW = re.compile(r"\bwww\.", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>()\[\]\"']+", re.IGNORECASE)


def _image_as_text(self: RendererHTML, tokens: list[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """An image is shown as its alt text: no remote request, no tracking pixel."""
    return self.renderInlineAsText(tokens[idx].children or [], options, env)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    md.add_render_rule("image", _image_as_text)
    return md


_MD = _parser()


def allowed_urls(notes: str | None) -> set[str]:
    """The http(s) URLs in the user's notes: the only link targets model text may keep."""
    return {url.rstrip(".,;:!?") for url in _URL.findall(notes or "")}


def clean_html(html: str, allowed: set[str]) -> str:
    """Clean rendered HTML with nh3: allow-listed tags only, and ``href`` only for an allowed URL."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "a" and attribute == "href":
            return value if value in allowed else None
        return value if tag == "ol" and attribute == "start" and value.isdigit() else None

    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={"a": {"href"}, "ol": {"start"}},
        attribute_filter=keep,
        url_schemes={"http", "https"},
        link_rel=None,
        strip_comments=True,
    )


def _escape(text: str, allowed: set[str]) -> str:
    """Model text as inert Markdown text; URLs from the notes stay as they are, so they are still linked."""
    if allowed:
        urls = "|".join(re.escape(u) for u in sorted(allowed, key=len, reverse=True))
        # the whole URL only: "https://ok.com.evil.com/x" begins with the allowed "https://ok.com" but is not it
        pattern = f"((?:{urls})(?=$|[\\s<>\"'()\\[\\]]|[.,;:!?]+(?:$|[\\s<>\"'()\\[\\]])))"
        return "".join(p if n % 2 else _escape(p, set()) for n, p in enumerate(re.split(pattern, text)))
    text = text.translate(_TEXT_ESCAPES)
    text = _SCHEME.sub(lambda m: (m.group(1) or m.group(3)) + (m.group(2) or m.group(4) or "") + "&#58;", text)
    return _WWW.sub("www&#46;", text)


def _escape_line_starts(text: str) -> str:
    def esc(m: re.Match[str]) -> str:
        if m.group(2):
            return f"{m.group(1)}&#{ord(m.group(2))};"
        return f"{m.group(1)}{m.group(3)}&#{ord(m.group(4))};"

    return _LINE_START.sub(esc, text)


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """The tree of nh3's output (well formed, allow-listed tags only)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in ("br", "hr"):
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


class _MarkdownWriter:
    """Writes the cleaned tree back as Markdown; text is escaped, only our markup is live."""

    def __init__(self, allowed: set[str]) -> None:
        self.allowed = allowed

    def inline(self, nodes: list[_Node | str]) -> str:
        out: list[str] = []
        for n, node in enumerate(nodes):
            if isinstance(node, str):
                previous = nodes[n - 1] if n else None
                after_break = isinstance(previous, _Node) and previous.tag == "br"
                out.append(_escape(node.removeprefix("\n") if after_break else node, self.allowed))
            elif node.tag == "br":
                out.append("  \n")
            elif node.tag == "code":
                out.append(_code_span(_text_of(node)))
            elif node.tag == "a":
                label, href = self.inline(node.children), node.attrs.get("href")
                if href is None:
                    out.append(label)
                else:
                    out.append(href if _text_of(node) == href else f"[{label}]({href})")
            else:
                mark = {"strong": "**", "em": "*", "s": "~~"}.get(node.tag, "")
                out.append(f"{mark}{self.inline(node.children)}{mark}")
        return _escape_line_starts("".join(out).strip("\n"))

    def blocks(self, nodes: list[_Node | str]) -> list[str]:
        """One string per block; loose inline content (in a tight list item) is a block of its own."""
        out: list[str] = []
        loose: list[_Node | str] = []
        for node in [*nodes, _Node("end")]:
            if isinstance(node, str) or node.tag in _INLINE:
                loose.append(node)
                continue
            if loose:
                text = self.inline(loose).strip()
                if text:
                    out.append(text)
                loose = []
            if node.tag != "end":
                out.append(self.block(node))
        return [b for b in out if b]

    def block(self, node: _Node) -> str:
        tag = node.tag
        if tag in _HEADINGS:
            return "#" * int(tag[1]) + " " + self.inline(node.children)
        if tag == "hr":
            return "---"
        if tag == "pre":
            code = _text_of(node).rstrip("\n")
            fence = "`" * max(3, _longest_run(code, "`") + 1)
            return f"{fence}\n{code}\n{fence}"
        if tag == "blockquote":
            return "\n".join(f"> {line}".rstrip() for line in "\n\n".join(self.blocks(node.children)).split("\n"))
        if tag in ("ul", "ol"):
            return self.list_block(node)
        if tag == "table":
            return self.table(node)
        return self.inline(node.children)  # p, and whatever else holds inline content

    def list_block(self, node: _Node) -> str:
        items = [c for c in node.children if isinstance(c, _Node) and c.tag == "li"]
        start = int(node.attrs.get("start", "1") or 1)
        rendered = []
        loose = any(isinstance(c, _Node) and c.tag == "p" for item in items for c in item.children)
        for n, item in enumerate(items):
            marker = f"{start + n}. " if node.tag == "ol" else "- "
            body = ("\n\n" if loose else "\n").join(self.blocks(item.children))
            lines = body.split("\n") or [""]
            indent = " " * len(marker)
            rendered.append(marker + lines[0] + "".join(f"\n{indent}{line}" if line else "\n" for line in lines[1:]))
        return ("\n\n" if loose else "\n").join(rendered)

    def table(self, node: _Node) -> str:
        rows = [r for r in _descendants(node) if r.tag == "tr"]
        if not rows:
            return ""
        cells = [[self.inline(c.children).replace("\n", " ") for c in r.children if isinstance(c, _Node)] for r in rows]
        width = max(len(r) for r in cells)
        lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in cells]
        return "\n".join([lines[0], "|" + " --- |" * width, *lines[1:]])


def _descendants(node: _Node) -> list[_Node]:
    out = []
    for child in node.children:
        if isinstance(child, _Node):
            out += [child, *_descendants(child)]
    return out


def _text_of(node: _Node) -> str:
    return "".join(c if isinstance(c, str) else _text_of(c) for c in node.children)


def _longest_run(text: str, char: str) -> int:
    return max((len(run) for run in re.findall(f"{re.escape(char)}+", text)), default=0)


def _code_span(code: str) -> str:
    code = code.replace("\n", " ")
    ticks = "`" * (_longest_run(code, "`") + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{ticks}{pad}{code}{pad}{ticks}"


def sanitize_markdown(text: str, *, notes: str | None = None) -> str:
    """Model text as Markdown that is safe to render.

    - there is no raw HTML: tags the model writes are shown as text;
    - images are removed (their alt text is kept);
    - a link is kept only when its target is an http(s) URL that appears in ``notes``;
      any other link becomes its plain text;
    - bare URLs not in the notes, ``javascript:``/``data:`` text and e-mail addresses are neutralised,
      so gradio's renderer does not link them;
    - formatting (emphasis, lists, headings, quotes, code, tables) is kept.
    """
    allowed = allowed_urls(notes)
    hrefs = {_MD.normalizeLink(url) for url in allowed}
    html = clean_html(_MD.render(text.replace("\x00", "")), hrefs)
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return "\n\n".join(_MarkdownWriter(allowed).blocks(builder.root.children))
