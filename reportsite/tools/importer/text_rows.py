"""One line of a saved page read as a row of a table laid out as text, or not.

Pages pasted from Word or typed into a CMS set out tables with tabs, runs of spaces (ASCII, 全角
or NBSP) or `|` between the cells. Such a line is only a row candidate: whether the lines around
it make a table is for the table stage to judge (text_tables).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportsite.core.numbering import official_level
from reportsite.tools.importer.spacing import is_wide

BAR = "bar"
GAP = "gap"
#: A run of white space that sets cells apart: any run with a tab, or two or more spaces.
_SPACE_RUN_RE = re.compile(r"[ \t\xa0\u3000]+")
#: A table's ruling drawn in text: +----+----+, |---|:--|, ======, ──────.
_RULE_RE = re.compile(r"[|+:\-=─━┼┬┴├┤│ \t\xa0\u3000]+")
_RULE_CHARS_RE = re.compile(r"[-=─━]")
#: What makes a cell a sentence rather than an entry: a full stop, or a long clause.
_SENTENCE_END_RE = re.compile(r"[。！？；!?;]")
_PROSE_CHARS = 40
_CLAUSE_CHARS = 20
#: A line that could be a wrapped cell's second line: short, no sentence, no label.
_FRAGMENT_CHARS = 20


@dataclass(frozen=True)
class Row:
    """A line read as cells: how they were set apart (BAR or GAP), the cells' text, and the display
    column where the second cell starts (a wrapped cell's next line is indented about that far)."""

    style: str
    cells: tuple[str, ...]
    second_column: int

    @property
    def heading_level(self) -> int | None:
        """The level of the official number the row starts with (一、 → 2), if it starts with one."""
        return official_level(self.cells[0])


def read_row(text: str) -> Row | None:
    """The line as a row of two or more cells, or None when nothing sets cells apart in it. Cells
    are set apart by `|` when the line starts or ends with one or has no gaps, or when a gap leaves
    a `|` at a cell's edge ("a  |  b"); otherwise by the gaps, and a `|` is part of a cell's text."""
    body = text.strip()
    gaps = _gap_row(text)
    if "|" in body and (body.startswith("|") or body.endswith("|") or gaps is None
                        or any(cell.startswith("|") or cell.endswith("|") for cell in gaps.cells)):
        return _bar_row(text)
    return gaps


def _gap_row(text: str) -> Row | None:
    """A row of cells between runs of white space that hold a tab or two or more spaces."""
    cells: list[str] = []
    starts: list[int] = []
    position = len(text) - len(text.lstrip())
    for gap in _SPACE_RUN_RE.finditer(text, position, len(text.rstrip())):
        if "\t" in gap.group() or len(gap.group()) >= 2:
            cells.append(text[position:gap.start()])
            starts.append(position)
            position = gap.end()
    cells.append(text[position:len(text.rstrip())])
    starts.append(position)
    if len(cells) < 2:
        return None
    return Row(GAP, tuple(cells), display_width(text[:starts[1]]))


def _bar_row(text: str) -> Row | None:
    """A row of cells between `|`s; a bar at either end only closes the row."""
    body = text.strip()
    inner = body[1:] if body.startswith("|") else body
    inner = inner[:-1] if inner.endswith("|") else inner
    cells = tuple(cell.strip() for cell in inner.split("|"))
    if len(cells) < 2:
        return None
    second = text.index("|", len(text) - len(text.lstrip()) + (1 if body.startswith("|") else 0)) + 1
    return Row(BAR, cells, display_width(text[:second]))


def is_rule(text: str) -> bool:
    """A ruling line drawn between a text table's rows, with no text of its own."""
    return bool(_RULE_RE.fullmatch(text.strip())) and len(_RULE_CHARS_RE.findall(text)) >= 3


def prose_cell(row: Row) -> str | None:
    """The first cell that reads as a sentence, not a table entry: a table of sentences is prose
    with gaps in it, and its "cells" would cut the sentences apart."""
    for cell in row.cells:
        long_clause = len(cell) > _CLAUSE_CHARS and bool(re.search(r"[，,]", cell))
        if _SENTENCE_END_RE.search(cell) or len(cell) > _PROSE_CHARS or long_clause:
            return cell
    return None


def is_fragment(text: str) -> bool:
    """A short piece of text that could be the rest of a wrapped cell: no sentence, no label."""
    body = text.strip()
    return 0 < len(body) <= _FRAGMENT_CHARS and not re.search(r"[。！？；：:!?;]", body)


def indent_width(text: str) -> int:
    """How far a line is indented, in display columns."""
    return display_width(text[: len(text) - len(text.lstrip())])


def display_width(text: str) -> int:
    """Columns a text takes in a fixed-width font: Chinese characters two, tabs to the next eighth."""
    width = 0
    for char in text:
        if char == "\t":
            width += 8 - width % 8
        else:
            width += 2 if is_wide(char) else 1
    return width
