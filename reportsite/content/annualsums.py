"""Whether a 年报's numbers add up: every relation the national form implies (standards.md §5).

A total the editor wrote is checked, never replaced: published reports are kept as published, and
a sum that fails is a warning naming the row, the column, both numbers and the difference (an
error under `annual_report.strict`). A total left out is computed, by the same sums.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportsite.core.annualform import HANDLED_FIRST, HANDLED_LAST, Form, Table
from reportsite.core.annualform import figure_text as number_text
from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem, Severity

Cells = tuple[int | float | None, ...]
Rows = dict[tuple[str, str], Cells]
Filled = dict[tuple[str, str], tuple[float, ...]]


def mismatch(table: str, row: str, column: str, items: float, given: float) -> Message:
    return msg("annual.sum_mismatch", "{table} {row} {column}: the items add up to {sum}, but the total written is "
                                      "{given} (off by {diff}); check these numbers",
               table=table, row=row, column=column, sum=number_text(items), given=number_text(given),
               diff=number_text(abs(items - given)))


def fill_totals(form: Form, rows: Rows) -> Filled:
    """Every row with its totals: the editor's where written, the sums where left out."""
    filled = {key: _with_row_total(values) for key, values in rows.items()}
    table = form.table("表三")
    total = ("表三", HANDLED_LAST)
    handled = _handled(table, filled)
    filled[total] = tuple(sum(column) if given is None else given
                          for given, column in zip(filled[total], zip(*handled)))
    return filled  # type: ignore[return-value]


def sum_problems(name: str, form: Form, rows: Rows, filled: Filled, lines: dict[tuple[str, str], int],
                 strict: bool) -> list[Problem]:
    """Every failed sum of one report, on the line of the total that does not match: the totals the
    editor wrote (`rows`) against the sums of the numbers with every total filled in (`filled`)."""
    severity = Severity.ERROR if strict else Severity.WARNING
    found = [*_row_totals(form, rows, lines), *_handled_total(form, rows, filled, lines),
             *_balance(form, filled, lines)]
    # （七）总计's own 总计 is a row sum and a column sum at once: say it once
    return [Problem(name, line, message, severity) for line, message in dict.fromkeys(found)]


def _with_row_total(values: Cells) -> Cells:
    """A row whose 总计 was left out, with it computed; table 2's rows have no total and stay."""
    if values and values[-1] is None and None not in values[:-1]:
        return values[:-1] + (sum(values[:-1]),)  # type: ignore[arg-type]
    return values


def _handled(table: Table, rows: Rows) -> list[Cells]:
    """The rows of 三、本年度办理结果 that （七）总计 adds up: （一） to the last reason of （六）."""
    paths = [row.path for _, row in table.rows]
    first, last = paths.index(HANDLED_FIRST), paths.index(HANDLED_LAST)
    return [rows[("表三", path)] for path in paths[first:last]]


def _row_totals(form: Form, rows: Rows, lines: dict[tuple[str, str], int]) -> Iterator[tuple[int | None, Message]]:
    """表三 and 表四, every row: 总计 = the columns before it."""
    for table in (form.table("表三"), form.table("表四")):
        for part, row in table.rows:
            values = rows.get((table.key, row.path), ())
            if len(values) > 1 and values[-1] is not None and None not in values[:-1]:
                items = sum(values[:-1])  # type: ignore[arg-type]
                if items != values[-1]:
                    yield lines.get((table.key, row.path)), mismatch(
                        table.key, row.name, part.columns[-1].label, items, values[-1])


def _handled_total(form: Form, rows: Rows, filled: Filled,
                   lines: dict[tuple[str, str], int]) -> Iterator[tuple[int | None, Message]]:
    """表三 every column: （七）总计 = （一） + （二） + every reason under （三） to （六）."""
    table = form.table("表三")
    total = rows[("表三", HANDLED_LAST)]
    row = next(row for _, row in table.rows if row.path == HANDLED_LAST)
    for column, given, items in zip(table.parts[0].columns, total, zip(*_handled(table, filled))):
        if given is not None and sum(items) != given:  # type: ignore[arg-type]
            yield lines.get(("表三", HANDLED_LAST)), mismatch("表三", row.name, column.label, sum(items), given)  # type: ignore[arg-type]


def _balance(form: Form, filled: Filled, lines: dict[tuple[str, str], int]) -> Iterator[tuple[int | None, Message]]:
    """表三 every column: 一 + 二 = 三（七） + 四, the relation the form prints in its top-left cell."""
    columns = form.table("表三").parts[0].columns
    received = [a + b for a, b in zip(filled[("表三", "本年新收")], filled[("表三", "上年结转")])]
    settled = [a + b for a, b in zip(filled[("表三", HANDLED_LAST)], filled[("表三", "结转下年度")])]
    line = lines.get(("表三", "结转下年度"))
    for column, left, right in zip(columns, received, settled):
        if left != right:
            yield line, msg("annual.balance_mismatch", "表三 {column}: 第一项 plus 第二项 is {left}, but 第三项（七）总计 "
                                                       "plus 第四项 is {right} (off by {diff}); check these numbers",
                            column=column.label, left=number_text(left), right=number_text(right),
                            diff=number_text(abs(left - right)))
