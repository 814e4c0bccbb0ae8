"""年报表格 (`annual_report:`): the numbers of a 政府信息公开工作年度报告's tables 2–4, read against the
national form (core.annualform), with the totals the editor left out computed.

Editors copy these numbers from a spreadsheet, so the reader expects a number typed as text, a row
written twice or under the wrong heading, a reason spelt as the form prints it ("1.属于国家秘密"),
and a template that does not exist; each is an error on its own line saying how to fix it. Whether
the numbers add up is judged afterwards, by content.annualsums.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from reportsite.content.annualsums import Cells, fill_totals, sum_problems
from reportsite.content.characters import shown
from reportsite.content.entry import AnnualTables
from reportsite.content.fields import Fields
from reportsite.core.annualform import AMOUNT, CHANGE, DEFAULT_TEMPLATE, FORMS, Form, Part, Row, Table
from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem, Severity
from reportsite.core.suggest import closest

KEY = "annual_report"
#: No count or amount of a 年报 comes near this (a trillion); a number that does was mistyped.
_LARGEST = 10 ** 12
_NUMBERING_RE = re.compile(r"^\s*(?:\d+[.．、]|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)\s*")


def annual_tables(fields: Fields, strict: bool) -> AnnualTables | None:
    """The report's tables as data, or None when it has none (or they hold an error)."""
    raw = fields.data.get(KEY)
    if raw is None:
        return None
    if not isinstance(raw, dict):
        fields.error(KEY, msg("annual.not_mapping", "年报表格 (`annual_report`) must be a mapping with `template:`, "
                                                    "`表二:`, `表三:` and `表四:`; `python build.py new --category "
                                                    "信息公开年报` writes one to fill in"))
        return None
    form = _form(fields, raw)
    if form is None:
        return None
    _unknown_keys(fields, raw, ("template", *(table.key for table in form.tables)), KEY)
    before = len(fields.problems)
    readers = [_TableReader(fields, table) for table in form.tables]
    cells = {(reader.table.key, path): values for reader in readers for path, values in reader.rows(raw.get(reader.table.key))}
    if any(p.is_error for p in fields.problems[before:]):
        return None
    lines = {(reader.table.key, path): line for reader in readers for path, line in reader.lines.items()}
    filled = fill_totals(form, cells)
    fields.problems += sum_problems(fields.name, form, cells, filled, lines, strict)
    return AnnualTables(form.template, tuple((t, p, v) for (t, p), v in filled.items()),
                        tuple(lines.items()), fields.lines.get(KEY))


def _form(fields: Fields, raw: dict[str, Any]) -> Form | None:
    template = str(raw.get("template", DEFAULT_TEMPLATE)).strip()
    if template not in FORMS:
        _error(fields, _line(fields, "template"), msg(
            "annual.unknown_template", '年报表格的 `template` "{value}" is not a national template; write '
                                       "`template: 2021` (国办公开办函〔2021〕30号, reports for 2021 on) or "
                                       "`template: 2019` (国办公开办函〔2019〕60号, reports for 2019 and 2020)",
            value=shown(template)))
        return None
    return FORMS[template]


def _line(fields: Fields, path: str) -> int | None:
    return fields.nested_lines.get(f"{KEY}.{path}", fields.lines.get(KEY))


def _error(fields: Fields, line: int | None, message: Message, severity: Severity = Severity.ERROR) -> None:
    fields.problems.append(Problem(fields.name, line, message, severity))


def _unknown_keys(fields: Fields, given: dict[str, Any], known: tuple[str, ...], where: str) -> None:
    """A key the form does not have: a typo (named with the close match) or a row of the other template."""
    for key in given:
        if str(key) not in known:
            best = closest(str(key), known)
            hint = (msg("annual.did_you_mean", "did you mean `{key}`?", key=best) if best else
                    msg("annual.known_rows", "the form has: {keys}", keys="、".join(known)))
            path = f"{where}.{key}".removeprefix(f"{KEY}.")
            _error(fields, _line(fields, path), msg("annual.unknown_row", "`{key}` under `{where}` is not in the "
                                                                           "national form; {hint}",
                                                    key=shown(key), where=where.removeprefix(f"{KEY}."), hint=hint))


def _aliases(row: Row) -> tuple[str, ...]:
    """What an editor may call a row: its key, or the form's wording with or without its numbering."""
    return tuple(dict.fromkeys((row.key, row.label, _NUMBERING_RE.sub("", row.label))))


@dataclass
class _TableReader:
    """One table's rows, read in the form's order; every problem names the row's own line, and
    `lines` keeps it (by row path) for the sums and the cross-year checks."""

    fields: Fields
    table: Table
    lines: dict[str, int] = field(default_factory=dict)

    def rows(self, raw: Any) -> Iterator[tuple[str, Cells]]:
        """(row path, numbers in column order), None for a total the editor left out."""
        if not isinstance(raw, dict):
            self._missing_table(raw)
            return
        mappings = self._mappings(raw)
        read: list[tuple[str, Cells]] = []
        for part, row in self.table.rows:
            mapping = mappings.get(row.group, {})
            if row.key not in mapping:
                self._missing_row(part, row)
                if row.total:
                    read.append((row.path, tuple(None for _ in part.columns)))
                continue
            values = self._values(part, row, mapping[row.key])
            if values is not None:
                read.append((row.path, values))
        self._mixed_totals(read)
        yield from read

    def _mixed_totals(self, read: list[tuple[str, Cells]]) -> None:
        """A row one number short where the table's other rows give their 总计 is most likely a row
        with a number left out, not a 总计 left out: the numbers would sit under the wrong columns."""
        given = [path for path, values in read if values and values[-1] is not None]
        if len(given) * 2 <= len(read):
            return
        parts = {row.path: (part, row) for part, row in self.table.rows}
        for path, values in read:
            if values and values[-1] is None and (line := self.lines.get(path)):
                part, row = parts[path]
                _error(self.fields, line, msg(
                    "annual.total_left_out", "{table} {row}: this row has one number fewer than the others, so its "
                                             "last number was read as {column} and the 总计 computed; if a number "
                                             "is missing instead, add it in its column",
                    table=self.table.key, row=row.name, column=part.columns[-2].label), Severity.WARNING)

    def _missing_table(self, raw: Any) -> None:
        if raw is not None:  # written, but as a list or a number
            _error(self.fields, _line(self.fields, self.table.key), msg(
                "annual.table_not_mapping", "`{table}:` ({caption}) holds its rows one per line, each `row: "
                                            "[numbers]`, not a list or a single value; write it as `python "
                                            "build.py new --category 信息公开年报` does",
                table=self.table.key, caption=self.table.caption))
            return
        line = self.fields.lines.get(KEY)
        _error(self.fields, line, msg("annual.table_missing", "年报表格 has no `{table}:` ({caption}) with its rows; "
                                                               "add it as `python build.py new --category 信息公开年报` "
                                                               "writes it", table=self.table.key,
                                      caption=self.table.caption))

    def _mappings(self, raw: dict[Any, Any]) -> dict[str, dict[str, Any]]:
        """The table's rows by group ("" for its top level), keyed by the form's own keys."""
        groups = tuple(dict.fromkeys(row.group for _, row in self.table.rows if row.group))
        top = self._normalised(raw, "", [row for _, row in self.table.rows if not row.group], groups)
        found = {"": top}
        for group in groups:
            inner = top.get(group)
            members = [row for _, row in self.table.rows if row.group == group]
            if inner is not None and not isinstance(inner, dict):
                _error(self.fields, _line(self.fields, f"{self.table.key}.{group}"), msg(
                    "annual.group_not_mapping", "{table} `{group}` holds its reasons, one per line, e.g. "
                                                "`  {first}: [0, 0, 0, 0, 0, 0, 0]`", table=self.table.key,
                    group=group, first=members[0].key))
                inner = {}
            found[group] = self._normalised(inner or {}, group, members)
        return found

    def _normalised(self, raw: dict[Any, Any], group: str, rows: list[Row],
                    groups: tuple[str, ...] = ()) -> dict[str, Any]:
        """The rows of one mapping by their keys, whichever of a row's names the editor wrote; each
        row's line is kept, and a name the form does not have is an error."""
        by_alias = {alias: row for row in rows for alias in _aliases(row)}
        where = ".".join(filter(None, (self.table.key, group)))
        known = {}
        for written, value in raw.items():
            row = by_alias.get(str(written))
            if row is None and str(written) not in groups:
                if not self._misplaced(written, where):
                    _unknown_keys(self.fields, {written: value}, tuple(r.key for r in rows) + groups, f"{KEY}.{where}")
                continue
            key = row.key if row else str(written)
            if key in known:
                _error(self.fields, _line(self.fields, f"{where}.{written}"), msg(
                    "annual.row_twice", "{table} `{row}` is written twice under `{where}`; keep one",
                    table=self.table.key, row=key, where=where))
            known[key] = value
            if row:
                self.lines[row.path] = _line(self.fields, f"{where}.{written}") or 0
        return known

    def _misplaced(self, written: Any, where: str) -> bool:
        """A row of the form written at the wrong level (a reason outside its group, or a group's name
        inside another): said with where it belongs, which a typo hint would not tell."""
        elsewhere = next((row for _, row in self.table.rows if str(written) in _aliases(row)), None)
        if elsewhere is None:
            return False
        belongs = ".".join(filter(None, (self.table.key, elsewhere.group)))
        _error(self.fields, _line(self.fields, f"{where}.{written}"), msg(
            "annual.row_misplaced", "{table} `{row}` is written under `{where}`, but the form has it under "
                                    "`{belongs}:`; move the line there (indented like the rows beside it)",
            table=self.table.key, row=elsewhere.key, where=where, belongs=belongs))
        return True

    def _missing_row(self, part: Part, row: Row) -> None:
        """A row left out is an error with the fix, except a total row, which the build computes."""
        if row.total:
            return
        where = f"{self.table.key}.{row.group}" if row.group else self.table.key
        example = "0" if len(part.columns) == 1 else "[" + ", ".join("0" for _ in part.columns) + "]"
        _error(self.fields, _line(self.fields, where), msg(
            "annual.row_missing", "{table} has no row `{row}` ({label}); add `{row}: {example}` under `{where}:`, "
                                  "with the real numbers (0 where there were none)", table=self.table.key,
            row=row.key, label=row.label, where=where, example=example))

    def _values(self, part: Part, row: Row, found: Any) -> Cells | None:
        """A row's numbers in column order; None for a total left out (the build computes it)."""
        columns = part.columns
        cells = found if isinstance(found, list) else [found]
        allowed = {len(columns), len(columns) - 1} if columns[-1].total else {len(columns)}
        if len(cells) not in allowed:
            self._wrong_length(part, row)
            return None
        numbers = [self._number(row, column.label, column.kind, cell) for column, cell in zip(columns, cells)]
        if any(n is None for n in numbers):
            return None
        return tuple(numbers) + (None,) * (len(columns) - len(cells))

    def _wrong_length(self, part: Part, row: Row) -> None:
        names = "、".join(column.label for column in part.columns)
        example = ", ".join("0" for _ in part.columns)
        _error(self.fields, self.lines.get(row.path) or _line(self.fields, self.table.key), msg(
            "annual.row_shape", "{table} {row}: write the numbers as [{example}], in the order {names}{optional}",
            table=self.table.key, row=row.name, example=example, names=names,
            optional=msg("annual.total_optional", " (the 总计 may be left out)") if part.columns[-1].total else ""))

    def _number(self, row: Row, column: str, kind: str, value: Any) -> float | None:
        """One cell, as the form counts it; None with an error when it cannot be one."""
        numeric = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        fits = numeric and abs(value) < _LARGEST
        if fits and (kind == AMOUNT or float(value).is_integer()) and (kind == CHANGE or value >= 0):
            return float(value) if kind == AMOUNT else int(value)
        where = dict(table=self.table.key, row=row.name, column=column, value=shown(value))
        line = self.lines.get(row.path) or _line(self.fields, self.table.key)
        if numeric and not fits:
            message = msg("annual.too_large", "{table} {row} {column}: {value} is far larger than any report counts; "
                                              "check for extra digits", **where)
        elif numeric and value < 0:
            message = (msg("annual.negative_amount", "{table} {row} {column}: {value} cannot be negative; write the "
                                                     "amount (0 if none)", **where) if kind == AMOUNT else
                       msg("annual.negative", "{table} {row} {column}: {value} cannot be negative; write the number "
                                              "of cases (0 if none)", **where))
        elif numeric:
            message = msg("annual.not_whole", "{table} {row} {column}: {value} is not a whole number; the form "
                                              "counts cases, write e.g. {whole}", whole=round(value), **where)
        elif value is None:
            message = msg("annual.empty_cell", "{table} {row} {column}: the number is missing; write it, or 0 if "
                                               "there were none", **where)
        else:
            message = msg("annual.not_number", '{table} {row} {column}: "{value}" is not a number; write digits '
                                               "only, e.g. 3 (0 if none)", **where)
        _error(self.fields, line, message)
        return None
