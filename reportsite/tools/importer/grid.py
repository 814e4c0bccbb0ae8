"""A table of a saved page as the grid a reader sees: every cell at its row and column, spans laid out.

Word's tables say which numbers belong to which heading only through rowspan and colspan: 表三's
"（三）不予公开" spans the eight reasons beside it, 表四's "复议后起诉" spans the five columns under
it, and a column may be split in two by a stray empty cell. Reading a statistics table against the
national form needs the cell that covers a place, so the table is laid out the way HTML lays it
out, once, here.
"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import Tag

from reportsite.core.tables import MAX_SPAN
from reportsite.tools.importer.tables import cell_text, own_cells, own_rows


@dataclass(frozen=True)
class Cell:
    """One cell: its visible text, where its top-left corner sits, and how far it spans."""

    text: str
    row: int
    col: int
    rows: int = 1
    cols: int = 1

    def covers(self, row: int, col: int | None = None) -> bool:
        """Whether the cell takes up this row (and this column, when given)."""
        in_row = self.row <= row < self.row + self.rows
        return in_row and (col is None or self.col <= col < self.col + self.cols)


@dataclass(frozen=True)
class Grid:
    """A table's cells, laid out; `height` counts its rows (Word's empty spacer rows too)."""

    cells: tuple[Cell, ...]
    height: int

    def covering(self, row: int) -> tuple[Cell, ...]:
        """The cells a reader sees on this row, left to right, including those spanning from above."""
        return tuple(sorted((c for c in self.cells if c.covers(row)), key=lambda c: c.col))

    def column(self, col: int, rows: range) -> tuple[Cell, ...]:
        """The cells covering one column over some rows, top to bottom, each once."""
        found = [c for c in self.cells if any(c.covers(r, col) for r in rows)]
        return tuple(sorted(found, key=lambda c: c.row))

    def text(self) -> str:
        """All the table's words, for telling which form it follows."""
        return "".join(c.text for c in self.cells)


def table_grid(table: Tag) -> Grid:
    """Lay a table out as HTML does: each cell goes to the first free column of its row, and its
    spans take up the places to its right and below."""
    taken: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    rows = own_rows(table)
    for r, tr in enumerate(rows):
        col = 0
        for td in own_cells(tr):
            while (r, col) in taken:
                col += 1
            cell = Cell(cell_text(td), r, col, _span(td, "rowspan", len(rows) - r), _span(td, "colspan", MAX_SPAN))
            taken.update((r + dr, col + dc) for dr in range(cell.rows) for dc in range(cell.cols))
            cells.append(cell)
            col += cell.cols
    return Grid(tuple(cells), len(rows))


def _span(cell: Tag, name: str, limit: int) -> int:
    """A span as a browser takes it: a whole number from 1, never past the table's edge (a rowspan
    of 0 or 99 in Word's output means "to the end")."""
    value = str(cell.get(name, "1")).strip()
    number = int(value) if value.isascii() and value.isdigit() else 1
    return max(1, min(number or limit, limit))
