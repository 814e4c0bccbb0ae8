"""HTML tables in content, rebuilt from an allowlist so they can carry row and column spans.

Markdown tables cannot span cells, and the statistics tables of a
政府信息公开工作年度报告 need header cells that span rows and columns. So a
`<table>` block in a report is parsed and re-serialised: only table structure,
`rowspan`/`colspan`/`scope`, and escaped text survive. Nothing from the source
markup is passed through, so no script or handler can ride along.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

#: The only elements a table in a report keeps; the importer writes no others.
ALLOWED_TAGS = frozenset({"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"})
#: The cell attributes that carry a span, the one thing a Markdown table cannot say.
SPAN_ATTRIBUTES = ("rowspan", "colspan")
#: The widest span a cell may have: more is a slip of the keyboard that would stretch the page.
MAX_SPAN = 999
_SPAN_RE = re.compile(r"^[1-9]\d{0,2}$")  # 1 to MAX_SPAN, written without a leading zero
#: What a header cell may say it heads.
SCOPES = frozenset({"row", "col", "rowgroup", "colgroup"})
_DROP_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object", "svg", "math"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col"})


def is_span(value: str) -> bool:
    """Whether a rowspan/colspan value reaches the page: 2 to MAX_SPAN (1 is what a cell spans anyway)."""
    return bool(_SPAN_RE.match(value)) and value != "1"


def _allowed_attributes(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    kept = []
    for name, value in attrs:
        value = (value or "").strip()
        if tag in ("th", "td") and name in SPAN_ATTRIBUTES and is_span(value):
            kept.append(f' {name}="{value}"')
        elif tag == "th" and name == "scope" and value in SCOPES:
            kept.append(f' scope="{value}"')
    return "".join(kept)


class _TableRebuilder(HTMLParser):
    """Keeps table tags in a well-nested stack; everything else contributes only its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []  # the table being rebuilt
        self.loose: list[str] = []  # text outside any table, waiting for its paragraph
        self.done: list[tuple[str, str]] = []
        self.stack: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_WITH_CONTENT:
            self.skipping += 1
        elif tag in ALLOWED_TAGS and not self.skipping:
            if not self.stack:
                self._flush_loose()
            self.out.append(f"<{tag}{_allowed_attributes(tag, attrs)}>")
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ALLOWED_TAGS:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_WITH_CONTENT:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ALLOWED_TAGS and tag in self.stack and not self.skipping:
            while self.stack:
                open_tag = self.stack.pop()
                self.out.append(f"</{open_tag}>")
                if open_tag == tag:
                    break
            if not self.stack:
                self._flush_table()

    def handle_data(self, data: str) -> None:
        if not data.strip() and self.stack and self.stack[-1] not in ("th", "td", "caption"):
            return
        if self.skipping:
            return
        text = html.escape(re.sub(r"\s+", " ", data), quote=False)
        if self.stack:
            self.out.append(text)
        else:  # text beside a table in the same block (no blank line before it): kept, never dropped
            self.loose.append(text)

    def segments(self) -> list[tuple[str, str]]:
        """("table", html) and ("text", escaped text) in source order."""
        self.close()
        self.out.extend(f"</{t}>" for t in reversed(self.stack))
        self.stack.clear()
        self._flush_loose()
        self._flush_table()
        return self.done

    def _flush_table(self) -> None:
        if self.out:
            self.done.append(("table", "".join(self.out)))
            self.out = []

    def _flush_loose(self) -> None:
        text = " ".join("".join(self.loose).split())
        if text:
            self.done.append(("text", text))
        self.loose = []


def is_table_block(source: str) -> bool:
    return bool(re.match(r"\s*<table[\s>]", source, re.IGNORECASE))


def rebuild_table(source: str) -> list[tuple[str, str]]:
    """A safe, well-formed copy of the table(s) in `source`, with any text beside them, in order:
    ("table", html) and ("text", escaped text) pairs."""
    parser = _TableRebuilder()
    parser.feed(source)
    return parser.segments()
