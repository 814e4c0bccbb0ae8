"""HTML tables in content, rebuilt from an allowlist so they can carry row and column spans.

Markdown tables cannot span cells, and the statistics tables of a
政府信息公开工作年度报告 need header cells that span rows and columns. So a
`<table>` block in a report is parsed and re-serialised: only table structure,
`rowspan`/`colspan`/`scope`, and escaped text survive. Nothing from the source
markup is passed through, so no script or handler can ride along.

The rebuild also says what the page needs to lay a table out on a phone (`Segment`): its caption,
which names its scroll region, and whether its first column can stay in view while it scrolls.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
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
_CELLS = frozenset({"th", "td", "caption"})


@dataclass(frozen=True)
class Segment:
    """A rebuilt table (`kind` "table", `html` its markup) or the escaped text beside it ("text").

    `caption` is a table's own caption as plain text ("" without one); `pin_first` says that no cell
    of its first column spans rows, so every row starts in that column and it can stay in view."""

    kind: str
    html: str
    caption: str = ""
    pin_first: bool = False


def escape_text(text: str) -> str:
    """Cell text as HTML: escaped, nothing more (the allowlist's own output)."""
    return html.escape(text, quote=False)


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
    """Keeps table tags in a well-nested stack; everything else contributes only its text.

    Text inside a table is held until the next table tag, so that a number split by a dropped tag
    (`20<span>.69</span>`) reaches `cell_text` whole."""

    def __init__(self, cell_text: Callable[[str], str]) -> None:
        super().__init__(convert_charrefs=True)
        self.cell_text = cell_text
        self.out: list[str] = []  # the table being rebuilt
        self.pending: list[str] = []  # its text since the last table tag
        self.loose: list[str] = []  # text outside any table, waiting for its paragraph
        self.done: list[Segment] = []
        self.stack: list[str] = []
        self.skipping = 0
        self._new_table()

    def _new_table(self) -> None:
        self.caption: list[str] = []
        self.pin_first = True
        self.row_has_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_WITH_CONTENT:
            self.skipping += 1
        elif tag in ALLOWED_TAGS and not self.skipping:
            self._flush_pending()
            if not self.stack:
                self._flush_loose()
            self._note_first_column(tag, attrs)
            self.out.append(f"<{tag}{_allowed_attributes(tag, attrs)}>")
            self.stack.append(tag)

    def _note_first_column(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A row's first cell of the outermost table that spans rows puts the next rows' first cells in
        the second column: then the first column cannot stay in view (the sticky cells would not line up)."""
        if self.stack.count("table") != 1:
            return
        if tag == "tr":
            self.row_has_cell = False
        elif tag in ("th", "td") and not self.row_has_cell:
            self.row_has_cell = True
            if any(name == "rowspan" and is_span((value or "").strip()) for name, value in attrs):
                self.pin_first = False

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ALLOWED_TAGS:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_WITH_CONTENT:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ALLOWED_TAGS and tag in self.stack and not self.skipping:
            self._flush_pending()
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
        text = re.sub(r"\s+", " ", data)
        if self.stack:
            self.pending.append(text)
            if self.stack.count("table") == 1 and "caption" in self.stack:
                self.caption.append(text)
        else:  # text beside a table in the same block (no blank line before it): kept, never dropped
            self.loose.append(html.escape(text, quote=False))

    def segments(self) -> list[Segment]:
        """Tables and the escaped text beside them, in source order."""
        self.close()
        self._flush_pending()
        self.out.extend(f"</{t}>" for t in reversed(self.stack))
        self.stack.clear()
        self._flush_loose()
        self._flush_table()
        return self.done

    def _flush_pending(self) -> None:
        """Text in a cell or caption becomes markup through `cell_text`; between rows it is only escaped."""
        if self.pending:
            text = re.sub(r" {2,}", " ", "".join(self.pending))
            in_cell = any(tag in _CELLS for tag in self.stack)
            self.out.append(self.cell_text(text) if in_cell else escape_text(text))
            self.pending = []

    def _flush_table(self) -> None:
        if self.out:
            caption = " ".join("".join(self.caption).split())
            self.done.append(Segment("table", "".join(self.out), caption, self.pin_first))
            self.out = []
        self._new_table()

    def _flush_loose(self) -> None:
        text = " ".join("".join(self.loose).split())
        if text:
            self.done.append(Segment("text", text))
        self.loose = []


def is_table_block(source: str) -> bool:
    return bool(re.match(r"\s*<table[\s>]", source, re.IGNORECASE))


def rebuild_table(source: str, cell_text: Callable[[str], str] = escape_text) -> list[Segment]:
    """A safe, well-formed copy of the table(s) in `source`, with any text beside them, in order.

    `cell_text` turns the text of a cell or caption into markup; it must escape it (the page's renderer
    also keeps each number whole with it, see render.bodytables)."""
    parser = _TableRebuilder(cell_text)
    parser.feed(source)
    return parser.segments()
