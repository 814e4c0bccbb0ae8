"""A 年报 table of a saved HTML page read against a national form (core.annualform), cell by cell.

Each table is read the way the form prints it: 表二 as blocks of a 第二十条 heading, a row of column
names and the rows of numbers; 表三 as a header naming the applicants over rows labelled down the
left; 表四 as one row of fifteen numbers under their two levels of headings. Every label must be the
form's (see annual_words.same_label), in the form's order, and every cell a number of its column's
kind; the first thing that differs is the reason the table is not read, so the editor can look at
exactly that row or column.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportsite.core.annualform import Form, Part, Table
from reportsite.core.i18n import Message, msg
from reportsite.tools.importer.annual_reading import Mismatch, Reading, unit_dropped
from reportsite.tools.importer.annual_words import Number, is_number, read_number, same_label
from reportsite.tools.importer.grid import Cell, Grid


class _Stop(Exception):
    """The first difference from the form, carried out of the reading loops."""

    def __init__(self, reason: Message, progress: int) -> None:
        super().__init__(str(reason))
        self.reason, self.progress = reason, progress


def read_html_table(grid: Grid, form: Form, key: str) -> Reading | Mismatch:
    """The table `key` of `form` read from a laid-out HTML table, or the first difference."""
    table = form.table(key)
    reader = {"表二": _Table2, "表三": _Table3, "表四": _Table4}[key](grid, form, table)
    try:
        rows = reader.read()
    except _Stop as stop:
        return Mismatch(key, form.template, stop.reason, stop.progress)
    return Reading(key, form.template, tuple(rows), tuple(reader.notes))


class _Reader:
    """What the three tables' readers share: the grid, the form, its numbers and the notes so far."""

    def __init__(self, grid: Grid, form: Form, table: Table) -> None:
        self.grid, self.form, self.table = grid, form, table
        self.notes: list[Message] = []
        self.done = 0

    def read(self) -> list[tuple[str, tuple[Number, ...]]]:
        raise NotImplementedError

    def stop(self, reason: Message) -> _Stop:
        return _Stop(reason, self.done)

    def number(self, cell: Cell, row: str, part: Part, index: int) -> Number:
        """One cell as its column's kind of number; a unit after money is dropped with a note."""
        column = part.columns[index]
        found = read_number(cell.text, column.kind)
        if found is None:
            raise self.stop(msg("annual_import.not_number", "row “{row}”, column “{column}” reads “{text}”, "
                                                            "not a number", row=row, column=column.label,
                                text=cell.text))
        value, unit = found
        if unit:
            self.notes.append(unit_dropped(self.table.key, row, column.label, cell.text, unit))
        return value

    def data_rows(self) -> list[int]:
        """The grid's rows that hold numbers: the rest are headings and column names."""
        return [r for r in range(self.grid.height)
                if any(is_number(c.text) for c in self.grid.covering(r) if c.row == r)]


def _texts(cells: Iterable[Cell]) -> list[str]:
    return [c.text for c in cells if c.text]


def _wrong_row(number: int, found: str, template: str, expected: str) -> Message:
    return msg("annual_import.row_label", "row {number} reads “{found}” where the {template} form has “{expected}”",
               number=number, found=found, template=template, expected=expected)


def _ends_early(template: str, expected: str) -> Message:
    return msg("annual_import.row_missing", "the table ends before the {template} form's row “{expected}”",
               template=template, expected=expected)


class _Table2(_Reader):
    """表二: for each 第二十条 block, its heading row, its row of column names, then its rows."""

    def read(self) -> list[tuple[str, tuple[Number, ...]]]:
        lines = [(r + 1, [c for c in self.grid.cells if c.row == r]) for r in range(self.grid.height)]
        lines = [(n, cells) for n, cells in lines if _texts(cells)]
        rows: list[tuple[str, tuple[Number, ...]]] = []
        position = 0
        for part in self.table.parts:
            position = self._heading(lines, position, part)
            position = self._columns(lines, position, part)
            for row in part.rows:
                number, line = self._line(lines, position, row.label)
                cells = [line[0], *(c for c in line[1:] if c.text)]
                if not same_label(cells[0].text, row.label):
                    raise self.stop(_wrong_row(number, cells[0].text, self.form.template, row.label))
                if len(cells) - 1 != len(part.columns):
                    raise self.stop(_cell_count(row.label, len(cells) - 1, self.form.template, len(part.columns)))
                rows.append((row.path, tuple(self.number(c, row.label, part, i) for i, c in enumerate(cells[1:]))))
                self.done += 1
                position += 1
        if position < len(lines):
            number, cells = lines[position]
            raise self.stop(msg("annual_import.row_extra", "row {number} “{found}” is not on the {template} form",
                                number=number, found=" ".join(_texts(cells)), template=self.form.template))
        return rows

    def _line(self, lines: list[tuple[int, list[Cell]]], position: int, expected: str) -> tuple[int, list[Cell]]:
        if position >= len(lines):
            raise self.stop(_ends_early(self.form.template, expected))
        return lines[position]

    def _heading(self, lines: list[tuple[int, list[Cell]]], position: int, part: Part) -> int:
        """The block's heading row (第二十条第（一）项), a row of one text."""
        number, cells = self._line(lines, position, part.heading)
        texts = _texts(cells)
        if len(texts) != 1 or not same_label(texts[0], part.heading):
            raise self.stop(_wrong_row(number, " ".join(texts), self.form.template, part.heading))
        return position + 1

    def _columns(self, lines: list[tuple[int, list[Cell]]], position: int, part: Part) -> int:
        """The row naming the block's columns after its first cell (信息内容)."""
        number, cells = self._line(lines, position, part.columns[0].label)
        names = _texts(cells)[1:]
        expected = [column.label for column in part.columns]
        for index, label in enumerate(expected):
            found = names[index] if index < len(names) else ""
            if not same_label(found, label):
                raise self.stop(_wrong_column(index + 1, found, self.form.template, label))
        if len(names) > len(expected):
            raise self.stop(_wrong_column(len(expected) + 1, names[len(expected)], self.form.template, ""))
        return position + 1


def _wrong_column(number: int, found: str, template: str, expected: str) -> Message:
    if not expected:
        return msg("annual_import.column_extra", "column {number} “{found}” is not on the {template} form",
                   number=number, found=found, template=template)
    return msg("annual_import.column_label", "column {number} is headed “{found}” where the {template} form has "
                                             "“{expected}”", number=number, found=found, template=template,
               expected=expected)


def _cell_count(row: str, found: int, template: str, expected: int) -> Message:
    return msg("annual_import.cell_count", "row “{row}” has {found} numbers where the {template} form has {expected}",
               row=row, found=found, template=template, expected=expected)


class _Table3(_Reader):
    """表三: the applicants' columns named by the lowest header over each, the rows by their labels."""

    def read(self) -> list[tuple[str, tuple[Number, ...]]]:
        data = self.data_rows()
        if not data:
            raise self.stop(_ends_early(self.form.template, self.table.parts[0].rows[0].label))
        start = min(c.col for r in data for c in self.grid.covering(r) if c.row == r and is_number(c.text))
        heads = self._heads(data[0], start)
        part = self.table.parts[0]
        groups = {group.key: group.label for group in self.form.groups}
        rows: list[tuple[str, tuple[Number, ...]]] = []
        for index, row in enumerate(part.rows):
            if index >= len(data):
                raise self.stop(_ends_early(self.form.template, row.label))
            cells = self.grid.covering(data[index])
            labels = _texts([c for c in cells if c.col < start])
            label = labels[-1] if labels else ""
            in_group = not row.group or any(same_label(text, groups[row.group]) for text in labels)
            if not same_label(label, row.label) or not in_group:
                raise self.stop(_wrong_row(data[index] + 1, " ".join(labels), self.form.template, row.label))
            values = [c for c in cells if c.col >= start and c.row == data[index]]
            if [heads.get(c.col) for c in values] != list(range(len(part.columns))):
                raise self.stop(_cell_count(row.label, len(values), self.form.template, len(part.columns)))
            rows.append((row.path, tuple(self.number(c, row.label, part, i) for i, c in enumerate(values))))
            self.done += 1
        if len(data) > len(part.rows):
            extra = _texts(c for c in self.grid.covering(data[len(part.rows)]) if c.col < start)
            raise self.stop(msg("annual_import.row_extra", "row {number} “{found}” is not on the {template} form",
                                number=data[len(part.rows)] + 1, found=" ".join(extra), template=self.form.template))
        return rows

    def _heads(self, first: int, start: int) -> dict[int, int]:
        """Column of the grid → index of the form's column, from the lowest header cell over each
        column (a column split by a stray cell keeps the header that spans it)."""
        width = max(c.col + c.cols for c in self.grid.cells)
        lowest: list[Cell] = []
        for col in range(start, width):
            named = [c for c in self.grid.column(col, range(first)) if c.text]
            if named and (not lowest or named[-1] is not lowest[-1]):
                lowest.append(named[-1])
        expected = [column.label for column in self.table.parts[0].columns]
        for index, label in enumerate(expected):
            found = lowest[index].text if index < len(lowest) else ""
            if not same_label(found, label):
                raise self.stop(_wrong_column(index + 1, found, self.form.template, label))
        if len(lowest) > len(expected):
            raise self.stop(_wrong_column(len(expected) + 1, lowest[len(expected)].text, self.form.template, ""))
        return {col: index for index, cell in enumerate(lowest) for col in range(cell.col, cell.col + cell.cols)}


class _Table4(_Reader):
    """表四: one row of numbers, each under the headings of its row (行政复议 …) and its column (结果维持 …)."""

    def read(self) -> list[tuple[str, tuple[Number, ...]]]:
        data = self.data_rows()
        part = self.table.parts[0]
        if len(data) != 1:
            raise self.stop(msg("annual_import.table4_rows", "it has {found} rows of numbers where the form has one "
                                                             "row of {count}", found=len(data),
                                count=len(part.rows) * len(part.columns)))
        cells = [c for c in self.grid.covering(data[0]) if c.row == data[0]]
        if len(cells) != len(part.rows) * len(part.columns):
            raise self.stop(_cell_count(part.rows[0].label, len(cells), self.form.template,
                                        len(part.rows) * len(part.columns)))
        values: list[Number] = []
        for index, cell in enumerate(cells):
            row, column = part.rows[index // len(part.columns)], part.columns[index % len(part.columns)]
            heads = _texts(self.grid.column(cell.col, range(data[0])))
            if not (any(same_label(h, row.label) for h in heads) and any(same_label(h, column.label) for h in heads)):
                raise self.stop(_wrong_column(index + 1, " ".join(heads), self.form.template,
                                              f"{row.label} {column.label}"))
            values.append(self.number(cell, row.label, part, index % len(part.columns)))
            self.done = index // len(part.columns)
        width = len(part.columns)
        return [(row.path, tuple(values[i * width:(i + 1) * width])) for i, row in enumerate(part.rows)]

