"""Tables laid out as text → table blocks: rows whose cells are set apart by tabs, runs of spaces
or `|`, with as many cells in every row.

Text dumps and pasted HTML keep their tables only as aligned lines, which the readers flatten into
one paragraph per row. This stage finds them again, after the page is read: it matches the body's
blocks to the page's own lines (text_lines), where the gaps between the cells still show, and turns
each run of two or more rows with the same number of cells into a table block, its first row the
header. The 年报 step then reads such a table like an HTML one, and the body writer sets it as a
Markdown table.

A wrong table cuts text apart where the page did not, so anything doubtful stays as it was and the
editor is told, with the line: a lone row, rows with different numbers of cells, a "cell" that is a
sentence, a line that may continue a wrapped cell, a heading followed by spaces. Nothing is lost
either way: a table keeps every character of its cells, in order; only the gaps and ruling lines
between them go.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem
from reportsite.tools.importer.grid import Cell, Grid
from reportsite.tools.importer.page import Block, Page, review_note
from reportsite.tools.importer.text_lines import Piece, SourceLine, page_pieces, reader_text, squeezed
from reportsite.tools.importer.text_rows import BAR, Row, indent_width, is_fragment, is_rule, prose_cell, read_row

#: The block kind of a table found in text; body.py writes it as a Markdown table.
TEXT_TABLE = "text_table"
_TEXT_KINDS = ("paragraph", "heading")
#: How many pieces past the last one matched a block's piece is looked for among, before the
#: whole rest of the page (where only a piece of exactly the block's text is taken).
_WINDOW = 50
_EXCERPT_CHARS = 20


@dataclass(frozen=True)
class TextTables:
    """The body with its text tables as table blocks, and notes on the lines left as text."""

    blocks: tuple[Block, ...]
    warnings: tuple[Problem, ...]


@dataclass(frozen=True)
class _Unit:
    """The body's blocks [first, end), which a reader made of one piece of the page."""

    first: int
    end: int
    piece: Piece


@dataclass(frozen=True)
class _Line:
    """A line of the body: which unit it is part of, and what it reads as."""

    unit: int
    source: SourceLine
    row: Row | None

    @property
    def rule(self) -> bool:
        return self.row is None and is_rule(self.source.text)


def with_text_tables(name: str, page: Page, text: str, html: bool) -> Page:
    """The page with the tables its text lays out as table blocks, and notes on doubtful ones."""
    found = text_tables(name, page.blocks, page_pieces(text, html))
    return replace(page, blocks=found.blocks, warnings=page.warnings + found.warnings)


def text_tables(name: str, blocks: Sequence[Block], pieces: Sequence[Piece]) -> TextTables:
    """Table blocks for the runs of rows among `blocks`, read from the page's `pieces`."""
    units = _units(blocks, pieces)
    tables: list[tuple[_Line, ...]] = []
    warnings: list[Problem] = []
    for run in _runs(units):
        found, notes = _tables_in(name, run)
        tables += found
        warnings += notes
    return TextTables(_rebuilt(tuple(blocks), units, tables), tuple(warnings))


def _units(blocks: Sequence[Block], pieces: Sequence[Piece]) -> list[_Unit]:
    """Which blocks came from which piece, in order: blocks whose text together, white space aside,
    is a piece's. Blocks matching no piece (a line the reader trimmed of page chrome) are left out."""
    where: dict[str, list[int]] = defaultdict(list)
    for index, piece in enumerate(pieces):
        where[piece.key].append(index)
    units: list[_Unit] = []
    cursor = i = 0
    while i < len(blocks):
        found = _match(blocks, i, pieces, cursor, where) if blocks[i].kind in _TEXT_KINDS else None
        if found is None:
            i += 1
            continue
        unit, cursor = found
        units.append(unit)
        i = unit.end
    return units


def _match(blocks: Sequence[Block], i: int, pieces: Sequence[Piece], cursor: int,
           where: dict[str, list[int]]) -> tuple[_Unit, int] | None:
    """The unit starting at block i and the place after its piece: a nearby piece that the blocks
    from i make up together (a row the heading finder cut in two), else a later piece of exactly
    block i's text (the body starts far into an HTML page)."""
    for index in range(cursor, min(cursor + _WINDOW, len(pieces))):
        if (end := _joined(blocks, i, pieces[index].key)) is not None:
            return _Unit(i, end, pieces[index]), index + 1
    later = where.get(squeezed(blocks[i].text), [])
    k = bisect_left(later, cursor)
    return (_Unit(i, i + 1, pieces[later[k]]), later[k] + 1) if k < len(later) else None


def _joined(blocks: Sequence[Block], i: int, key: str) -> int | None:
    """The end of the run of text blocks from i whose text together is `key`, if there is one."""
    text, end = "", i
    while end < len(blocks) and blocks[end].kind in _TEXT_KINDS:
        text += squeezed(blocks[end].text)
        end += 1
        if text == key:
            return end
        if not key.startswith(text):
            return None
    return None


def _runs(units: list[_Unit]) -> list[list[_Line]]:
    """The body's lines in runs that a table could span: next to each other on the page, with no
    blank line and no other block between them."""
    runs: list[list[_Line]] = []
    previous: tuple[int, int] | None = None  # (unit, place) of the last line
    for n, unit in enumerate(units):
        for source in unit.piece.lines:
            if not source.text.strip():
                previous = None
                continue
            if not _next_to(units, previous, n, source.place):
                runs.append([])
            runs[-1].append(_Line(n, source, None if is_rule(source.text) else read_row(source.text)))
            previous = (n, source.place)
    return runs


def _next_to(units: list[_Unit], previous: tuple[int, int] | None, unit: int, place: int) -> bool:
    """Whether a line follows the last one directly: the next line on the page, in the same unit
    or in the unit of the very next block."""
    if previous is None or place != previous[1] + 1:
        return False
    return previous[0] == unit or units[previous[0]].end == units[unit].first


def _tables_in(name: str, run: list[_Line]) -> tuple[list[tuple[_Line, ...]], list[Problem]]:
    """The tables of one run of lines, and a note for each group of rows left as text."""
    headings = _heading_rows(run)
    tables: list[tuple[_Line, ...]] = []
    notes: list[Problem] = []
    k = floor = 0  # floor: the first line no group has taken yet
    while k < len(run):
        row = run[k].row
        if row is not None and k in headings:
            notes.append(_note(name, run[k], msg(
                "import_tables.heading_row", "{excerpt} starts with a heading number, so it was not taken for a "
                                             "table row though spaces set its text apart; check how it reads",
                excerpt=_excerpt(run[k]))))
        elif row is not None:
            start, stop = _group(run, k, headings, floor)
            lines = tuple(run[start:stop])
            doubt = _doubt(lines)
            if doubt is None:
                tables.append(lines)
            else:
                notes.append(_note(name, *doubt))
            k = floor = stop
            continue
        k += 1
    return tables, notes


def _heading_rows(run: list[_Line]) -> set[int]:
    """Rows that start with an official number (一、, （一）, 1.) that no other row of the run has
    at its level: a heading with text set apart after it, not a numbered row of a table."""
    levels = [line.row.heading_level if line.row else None for line in run]
    return {k for k, level in enumerate(levels) if level is not None and levels.count(level) == 1}


def _group(run: list[_Line], k: int, headings: set[int], floor: int) -> tuple[int, int]:
    """The lines [start, stop) of the group of rows from row k: rows set apart the same way, with
    ruling lines and short fragments (a wrapped cell's second line) between them, a ruling line
    above (unless the group before took it) and below, and an indented fragment after the last row."""
    first = run[k].row
    assert first is not None
    last = j = k
    while (j := j + 1) < len(run) and j not in headings:
        row = run[j].row
        if row is not None and row.style == first.style:
            last = j
        elif row is not None or not (run[j].rule or is_fragment(run[j].source.text)):
            break
    start = k - 1 if k > floor and run[k - 1].rule else k
    stop = last + 1
    if stop < len(run) and (run[stop].rule or _continues(run[last], run[stop])):
        stop += 1
    return start, stop


def _continues(row: _Line, line: _Line) -> bool:
    """Whether a line after a row reads as the rest of one of its cells: a fragment indented as far
    as the row's second cell."""
    assert row.row is not None
    return (line.row is None and is_fragment(line.source.text)
            and indent_width(line.source.text) >= row.row.second_column)


def _doubt(lines: tuple[_Line, ...]) -> tuple[_Line, Message] | None:
    """Why a group of rows is not surely a table (the line to look at, and the message), or None."""
    rows = [line for line in lines if line.row is not None]
    first = rows[0]
    if len(rows) == 1:
        return first, msg("import_tables.lone_row", "{excerpt} has its text set apart by {separator} like a table "
                                                    "row, but no line next to it does; kept as text, make it a "
                                                    "table by hand if it is one",
                          excerpt=_excerpt(first), separator=_separator(first))
    if wrapped := next((line for line in lines if line.row is None and not line.rule), None):
        return wrapped, msg("import_tables.wrapped_cell", "{excerpt} seems to go on from a cell of the line above "
                                                          "(a cell wrapped onto two lines), so the {rows} lines of "
                                                          "the table from {first} were kept as text; join the cell "
                                                          "and make the table by hand",
                            excerpt=_excerpt(wrapped), rows=len(rows), first=_excerpt(first))
    expected = len(_cells(first))
    if uneven := next((line for line in rows if len(_cells(line)) != expected), None):
        return uneven, msg("import_tables.uneven_rows", "{excerpt} has {found} cells where {first} above it has "
                                                        "{expected}, so these {rows} lines that look like a table "
                                                        "were kept as text; make it a table by hand if it is one",
                           excerpt=_excerpt(uneven), found=len(_cells(uneven)), first=_excerpt(first),
                           expected=expected, rows=len(rows))
    for line in rows:
        if (cell := prose_cell(_row(line))) is not None:
            return line, msg("import_tables.sentence_cell", "the {rows} lines from {first} look like a table, but "
                                                            "its cell “{cell}” reads as a sentence; kept as text, "
                                                            "make it a table by hand if it is one",
                             rows=len(rows), first=_excerpt(first), cell=cell)
    return None


def _row(line: _Line) -> Row:
    assert line.row is not None
    return line.row


def _cells(line: _Line) -> tuple[str, ...]:
    return _row(line).cells


def _separator(line: _Line) -> Message:
    if _row(line).style == BAR:
        return msg("import_tables.by_bars", "“|”")
    return msg("import_tables.by_gaps", "tabs or runs of spaces")


def _excerpt(line: _Line) -> str:
    """The start of a line, quoted, for the editor to find it by (HTML line numbers are the element's)."""
    text = " ".join(line.source.text.split())
    return f"“{text[:_EXCERPT_CHARS]}…”" if len(text) > _EXCERPT_CHARS else f"“{text}”"


def _note(name: str, line: _Line, message: Message) -> Problem:
    return review_note(name, message, line.source.number)


def _rebuilt(blocks: tuple[Block, ...], units: list[_Unit], tables: list[tuple[_Line, ...]]) -> tuple[Block, ...]:
    """The body with the blocks of each table's lines replaced by one table block; blocks of no
    table stay as they were."""
    owner = {(line.unit, line.source.place): table for table in tables for line in table}
    touched = {unit.first: n for n, unit in enumerate(units)
               if any((n, source.place) in owner for source in unit.piece.lines)}
    kept: list[Block] = []
    i = 0
    while i < len(blocks):
        if i not in touched:
            kept.append(blocks[i])
            i += 1
            continue
        n = touched[i]
        kept += _replacement(n, units[n].piece.lines, owner)
        i = units[n].end
    return tuple(kept)


def _replacement(unit: int, lines: tuple[SourceLine, ...],
                 owner: dict[tuple[int, int], tuple[_Line, ...]]) -> list[Block]:
    """The blocks of one unit's lines: a table block where a table starts, nothing for the table's
    other lines, and the lines of no table (the rest of a <pre>) as paragraphs between."""
    found: list[Block] = []
    text: list[SourceLine] = []
    for source in lines:
        table = owner.get((unit, source.place))
        if table is None:
            text.append(source)
            continue
        found += _paragraph(text)
        text = []
        if table[0].unit == unit and table[0].source.place == source.place:
            found.append(_table_block(table))
    return found + _paragraph(text)


def _paragraph(lines: list[SourceLine]) -> list[Block]:
    text = reader_text(tuple(lines)) if lines else ""
    return [Block("paragraph", text)] if text else []


def _table_block(table: tuple[_Line, ...]) -> Block:
    """A table block: its rows as a grid (the first row its header), and its lines as the page had
    them, ruling lines included."""
    rows = [line.row for line in table if line.row is not None]
    cells = tuple(Cell(text, r, c) for r, row in enumerate(rows) for c, text in enumerate(row.cells))
    return Block(TEXT_TABLE, "\n".join(line.source.text for line in table), grid=Grid(cells, len(rows)))
