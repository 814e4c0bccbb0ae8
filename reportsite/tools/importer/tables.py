"""Tables of a saved page → the clean HTML tables a report keeps.

Word's export wraps each cell in styled <p>/<span>/<font>/<o:p>; the site's own
stylesheet does the styling, so only structure, spans and text are kept, within
the allowlist the page renders tables with (reportsite.core.tables): a table the
importer writes reaches the page whole.
"""

from __future__ import annotations

import html
import re

from bs4 import Tag

from reportsite.core.tables import SCOPES, SPAN_ATTRIBUTES, is_span
from reportsite.tools.importer.html_tags import BLOCK_TAGS, SKIP_TAGS, is_text
from reportsite.tools.importer.spacing import collapse, is_wide

_CELLS = ("td", "th")


def table_html(table: Tag) -> str:
    """A clean table: structure, spans and text only, one row per line, no blank lines."""
    caption = table.find("caption")
    head_rows, body_rows = _table_rows(table)
    lines = ["<table>"]
    if caption is not None and (text := cell_text(caption)):
        lines.append(f"<caption>{html.escape(text, quote=False)}</caption>")
    if head_rows:
        lines += ["<thead>", *(_row_html(r, header=True, first=i == 0) for i, r in enumerate(head_rows)), "</thead>"]
    lines += ["<tbody>", *(_row_html(r, header=False, first=i == 0 and not head_rows)
                           for i, r in enumerate(body_rows)), "</tbody>", "</table>"]
    return "\n".join(lines)


def is_layout_table(table: Tag) -> bool:
    """A table that only lays out the page (one cell, or tables inside it): read through as text."""
    return len(table.find_all(_CELLS)) <= 1 or table.find("table") is not None


def _table_rows(table: Tag) -> tuple[list[Tag], list[Tag]]:
    """(header rows, other rows) of this table only, never of a table nested in it; empty
    trailing rows (Word's column-width spacers) dropped."""
    rows = own_rows(table)
    while rows and not any(cell_text(c) for c in rows[-1].find_all(_CELLS)):
        rows.pop()
    head = [tr for tr in rows if tr.find_parent("thead") is not None]
    if not head:
        head = _label_rows(rows)
    return head, [tr for tr in rows if tr not in head]


def own_rows(table: Tag) -> list[Tag]:
    """The rows of this table that hold cells, never those of a table nested in it."""
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table and tr.find(_CELLS)]


def _label_rows(rows: list[Tag]) -> list[Tag]:
    """Leading rows of a statistics table that hold only labels, when numbers follow: Word tables
    mark no header, but these rows are one. A single-cell first row is a title row, so no header."""
    if not rows or len(own_cells(rows[0])) < 2:
        return []
    head = []
    for row in rows[:3]:
        if any(_is_number(cell_text(c)) for c in own_cells(row)):
            break
        head.append(row)
    rest = rows[len(head):]
    return head if rest and any(_is_number(cell_text(c)) for r in rest for c in own_cells(r)) else []


def own_cells(row: Tag) -> list[Tag]:
    """The cells of this row, never those of a table nested in one of them."""
    return [c for c in row.find_all(_CELLS) if c.find_parent("tr") is row]


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[-+－]?[\d,，.]+%?", text.strip()))


def _row_html(row: Tag, header: bool, first: bool) -> str:
    cells = own_cells(row)
    return "<tr>" + "".join(_cell_html(c, header, first) for c in cells) + "</tr>"


def _cell_html(cell: Tag, in_head: bool, first_row: bool) -> str:
    text = cell_text(cell)
    is_header = (in_head or cell.name == "th") and bool(text)  # an empty header cell names nothing
    tag = "th" if is_header else "td"
    attrs = [f'{name}="{span}"' for name in SPAN_ATTRIBUTES if (span := _span(cell, name))]
    scope = str(cell.get("scope", "")).strip().lower()
    if is_header and scope not in SCOPES and (in_head or first_row):
        scope = "col"
    if is_header and scope in SCOPES:
        attrs.append(f'scope="{scope}"')
    opening = f"<{tag}{''.join(' ' + a for a in attrs)}>"
    return f"{opening}{html.escape(text, quote=False)}</{tag}>"


def _span(cell: Tag, name: str) -> int | None:
    """The cell's span as the page will show it, or None where it shows none (1, 0, past MAX_SPAN)."""
    value = str(cell.get(name, "")).strip()
    return int(value) if value.isascii() and value.isdigit() and is_span(str(int(value))) else None


def cell_text(cell: Tag) -> str:
    """A cell's visible text; pieces split by <p>/<br> join without a space between Chinese
    characters (Word puts one character per line in narrow cells) and with one otherwise."""
    pieces = [p for p in (collapse(piece) for piece in _cell_pieces(cell)) if p]
    text = ""
    for piece in pieces:
        joiner = "" if not text or (is_wide(text[-1]) and is_wide(piece[0])) else " "
        text += joiner + piece
    return text


def _cell_pieces(node: Tag) -> list[str]:
    pieces = [""]
    for child in node.descendants:
        if isinstance(child, Tag):
            if child.name == "br" or child.name in BLOCK_TAGS:
                pieces.append("")
        elif is_text(child) and not any(isinstance(p, Tag) and p.name in SKIP_TAGS for p in child.parents):
            pieces[-1] += str(child)
            if child.next_sibling is None and isinstance(child.parent, Tag) and child.parent.name in BLOCK_TAGS:
                pieces.append("")
    return pieces
