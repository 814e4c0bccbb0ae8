"""The body of an imported report as Markdown that shows exactly the page's text.

Old pages are plain text to Markdown: a 1. starts a list, a * emphasis, a <
raw HTML. So every such character is escaped, and blocks are set apart by blank
lines so that no paragraph can run into a list or a table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reportsite.tools.importer.grid import Grid
from reportsite.tools.importer.page import Block

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<|])")
_ENTITY_LIKE = re.compile(r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def escape_text(text: str) -> str:
    """Backslash-escape what Markdown would act on, so the page shows exactly the source text."""
    text = _escape_inline(text)
    if re.match(r"[#>+\-=~]", text):
        return "\\" + text
    if match := _LIST_NUMBER.match(text):
        return match.group(1) + "\\" + text[match.end(1):]
    return text


def _escape_inline(text: str) -> str:
    """Escape what acts anywhere in a line: emphasis, code, links, raw HTML, table bars, entities."""
    return _ENTITY_LIKE.sub(r"\\&", _INLINE_SPECIAL.sub(r"\\\1", text))


def _escape_heading(text: str) -> str:
    """Heading text: inline escapes, and every # escaped (a trailing run would close the heading)."""
    return _escape_inline(text).replace("#", "\\#")


def markdown_table(grid: Grid) -> str:
    """A table found in text as a Markdown (GFM) table: its first row the header, then the
    delimiter row, then the other rows; each cell escaped like running text, `|` included, so
    every cell shows exactly its text and none splits in two."""
    rows = [[_escape_inline(cell.text) for cell in grid.covering(r)] for r in range(grid.height)]
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join([lines[0], "|" + "---|" * len(rows[0]), *lines[1:]])


def body_markdown(blocks: Iterable[Block]) -> str:
    """The body: one line per heading or paragraph and blank lines between, so no paragraph can
    run into a list or a table; tables from HTML go in as finished HTML blocks, tables found in
    text as Markdown tables."""
    parts = []
    for block in blocks:
        if block.kind == "heading":
            parts.append("#" * block.level + " " + _escape_heading(block.text))
        elif block.kind == "table":
            parts.append(block.text)
        elif block.kind == "text_table" and block.grid is not None:
            parts.append(markdown_table(block.grid))
        else:
            parts.append(escape_text(block.text))
    return "\n\n".join(parts) + "\n"
