"""Which reading of a flattened table's digit runs to take, and what to tell the editor about it.

表三 and 表四 check themselves: each row's 总计 is the sum of its other cells, and 表三's columns
satisfy （七）总计 = the handled rows and 一 + 二 = 三（七） + 四. Almost always exactly one reading
keeps them; where the published report itself does not add up, the reading where the fewest of
them fail is taken, and the editor is told which fail. Nothing is corrected: every cell is digits
that were published, in their order.

表二 has no sums, so its runs are guessed, by the rule described at `_likelihood`, and every row
that could be read another way is named with its other readings for the editor to check against
the original page.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping

from reportsite.content.annualsums import fill_totals, mismatch, sum_problems
from reportsite.core.annualform import AMOUNT, CHANGE, Form, Part, Row, Table
from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem
from reportsite.tools.importer.annual_reading import Mismatch, Reading, unit_dropped
from reportsite.tools.importer.annual_text import TextTable
from reportsite.tools.importer.digit_runs import Cells, Keep, TooMany, digits, readings, value
from reportsite.tools.importer.page import listed

#: Readings of a whole 表三 tried together at most, when several rows could each be read two ways.
_MAX_COMBINATIONS = 5000
#: Other readings named in a note; the rest are counted.
_SHOWN = 3
#: 表二's columns where the first cannot exceed the second: what was made (or newly published) this
#: year and is still in force is part of what is in force (or published) in all.
_AT_MOST = (("本年制发件数", "现行有效件数"), ("本年新公开数量", "对外公开总数量"))
#: 表二's columns that count what is in force or published in all, not what happened this year.
_STOCKS = ("现行有效件数", "对外公开总数量")
_UNITS = ("万元", "元")


class _Unreadable(Exception):
    """Why a table's runs cannot be read at all: the table then stays as the page had it."""

    def __init__(self, reason: Message) -> None:
        super().__init__(str(reason))
        self.reason = reason


def split_text_table(form: Form, key: str, found: TextTable) -> Reading | Mismatch:
    """A flattened table's runs as the rows of the form's table `key`, or why they cannot be read."""
    table = form.table(key)
    try:
        rows, notes = {"表二": _table2, "表三": _table3, "表四": _table4}[key](form, table, dict(found.runs))
    except _Unreadable as failed:
        return Mismatch(key, form.template, failed.reason, len(found.runs))
    return Reading(key, form.template, tuple((path, tuple(value(c) for c in cells)) for path, cells in rows),
                   tuple(notes))


def _all_readings(run: str, part: Part, row: Row, keep: Keep | None = None) -> list[Cells]:
    """Every reading of a row's run; Problems-worthy when there are none (unless pruned by `keep`,
    where the caller falls back to all) or too many to choose from."""
    kinds = tuple(column.kind for column in part.columns)
    try:
        found = readings(run, kinds, keep)
    except TooMany:
        raise _Unreadable(_too_many(run, row)) from None
    if not found and keep is None:
        raise _Unreadable(msg("annual_import.unsplittable", "the digits “{digits}” of the row “{row}” cannot be "
                                                            "read as {count} numbers", digits=run, row=row.name,
                              count=len(kinds)))
    return found


def _too_many(run: str, row: Row) -> Message:
    return msg("annual_import.too_many_readings", "the digits “{digits}” of the row “{row}” can be read in too many "
                                                  "ways to choose one", digits=run, row=row.name)


def _shown(cells: Cells) -> str:
    return "[" + ", ".join(cells) + "]" if len(cells) > 1 else cells[0]


def _guess(table: Table, row: Row, run: str, chosen: Cells, others: list[Cells], why: Message) -> Message:
    """The note for a row read by a guess: what was taken, and what else the digits could be."""
    shown: Message | str = "、".join(_shown(c) for c in others[:_SHOWN])
    if len(others) > _SHOWN:
        shown = msg("annual_import.and_more", "{shown} and {count} more", shown=shown, count=len(others) - _SHOWN)
    return msg("annual_import.guessed", "{table} “{row}”: read the digits “{digits}” as {chosen}, a guess ({why}); "
                                        "it could also be {others}; check it against the original page",
               table=table.key, row=row.name, digits=run, chosen=_shown(chosen), why=why, others=shown)


# ---------------------------------------------------------------- 表二: no sums, so a guess


def _table2(form: Form, table: Table, runs: Mapping[str, str]) -> tuple[list[tuple[str, Cells]], list[Message]]:
    """Each row by its likeliest reading; rows with money last, as their count is sized by the others."""
    chosen: dict[str, Cells] = {}
    notes: list[Message] = []
    ordered = sorted(table.rows, key=lambda pr: any(c.kind == AMOUNT for c in pr[0].columns))
    for part, row in ordered:
        run, unit = _without_unit(runs[row.path])
        options = _all_readings(run, part, row)
        typical = _typical(chosen.values())
        options.sort(key=lambda cells: _likelihood(part, cells, typical))
        chosen[row.path] = options[0]
        if len(options) > 1:
            notes.append(_guess(table, row, runs[row.path], options[0], options[1:],
                                msg("annual_import.why_no_sums", "the form has no sums to check this row by")))
        if unit:
            money = next(i for i, column in enumerate(part.columns) if column.kind == AMOUNT)
            notes.append(unit_dropped(table.key, row.name, part.columns[money].label, options[0][money] + unit, unit))
    return [(row.path, chosen[row.path]) for _, row in table.rows], notes


def _without_unit(run: str) -> tuple[str, str]:
    stripped = run.rstrip()
    unit = next((u for u in _UNITS if stripped.endswith(u)), "")
    return stripped[: len(stripped) - len(unit)], unit


def _typical(rows: Iterable[Cells]) -> float:
    """How many digits the table's counts have, on average, in the rows read so far (2 if none)."""
    sizes = [digits(c) for cells in rows for c in cells if c != "0" and "." not in c]
    return sum(sizes) / len(sizes) if sizes else 2.0


def _likelihood(part: Part, cells: Cells, typical: float) -> tuple[object, ...]:
    """How likely a reading of a 表二 row is; smaller sorts first. In order of weight:

    1. the relation a true report keeps: a count this year within the count in force or in all (_AT_MOST);
    2. the count in force or in all (_STOCKS) is the row's largest: a stock outweighs a year's flow;
    3. beside money, a count as long as the table's other counts (money says nothing of its size);
    4. more lone zeros: 0 is the commonest entry of the form, and a 0 can only be a cell of its
       own or the inside of a longer number;
    5. even lengths (the longest cell as short as can be, then the next): a row's numbers count
       the same kind of thing;
    6. a short 本年增/减: a change in the number of items is small beside the items;
    7. left to right: the earlier cell the longer, as one reads a run of digits.
    """
    counts = [(c, column) for c, column in zip(cells, part.columns) if column.kind != AMOUNT]
    sizes = [digits(c) for c, _ in counts]
    near = sum(abs(s - typical) for s in sizes) if len(counts) < len(cells) else 0.0
    change = sum(digits(c) for c, column in counts if column.kind == CHANGE)
    return (_broken(part, cells), _stock_not_largest(part, cells), round(near, 6),
            -sum(c == "0" for c, _ in counts), max(sizes, default=0), sorted(sizes, reverse=True), change,
            [-s for s in sizes])


def _broken(part: Part, cells: Cells) -> int:
    """How many of the relations a true report keeps this reading breaks."""
    numbers = {column.key: value(c) for c, column in zip(cells, part.columns)}
    return sum(1 for small, large in _AT_MOST if small in numbers and large in numbers
               and numbers[small] > numbers[large])


def _stock_not_largest(part: Part, cells: Cells) -> bool:
    numbers = {column.key: value(c) for c, column in zip(cells, part.columns)}
    return any(key in numbers and numbers[key] < max(numbers.values()) for key in _STOCKS)


# ---------------------------------------------------------------- 表三 and 表四: the sums decide


def _adds_up(cells: Cells) -> bool:
    return sum(value(c) for c in cells[:-1]) == value(cells[-1])


def _off_by(cells: Cells) -> float:
    return abs(sum(value(c) for c in cells[:-1]) - value(cells[-1]))


def _table3(form: Form, table: Table, runs: Mapping[str, str]) -> tuple[list[tuple[str, Cells]], list[Message]]:
    """Each row by the readings whose 总计 adds up (all, nearest first, where none does); then the
    combination of rows where the fewest of the form's sums fail."""
    part = table.parts[0]
    pools: dict[str, list[Cells]] = {}
    for row in part.rows:
        options = _all_readings(runs[row.path], part, row)
        pools[row.path] = [c for c in options if _adds_up(c)] or sorted(options, key=_off_by)
    open_rows = [path for path, pool in pools.items() if len(pool) > 1]
    if math.prod(len(pools[path]) for path in open_rows) > _MAX_COMBINATIONS:
        row = next(r for r in part.rows if r.path == open_rows[0])
        raise _Unreadable(_too_many(runs[row.path], row))
    scored = []
    for combination in itertools.product(*(pools[path] for path in open_rows)):
        rows = {path: pool[0] for path, pool in pools.items()} | dict(zip(open_rows, combination))
        scored.append((len(_failures(form, rows)), rows))
    best = min(score for score, _ in scored)
    tied = [rows for score, rows in scored if score == best]
    chosen = tied[0]
    notes = []
    for path in open_rows:
        others = list(dict.fromkeys(rows[path] for rows in tied[1:] if rows[path] != chosen[path]))
        if others:
            row = next(r for r in part.rows if r.path == path)
            notes.append(_guess(table, row, runs[path], chosen[path], others, _tie()))
    if best:
        notes.append(_not_adding_up(table, [p.message for p in _failures(form, chosen)
                                            if isinstance(p.message, Message)]))
    return [(row.path, chosen[row.path]) for row in part.rows], notes


def _failures(form: Form, rows: Mapping[str, Cells]) -> list[Problem]:
    """The sums of 表三 that a reading breaks, as `check` would report them."""
    numbers: dict[tuple[str, str], tuple[int | float | None, ...]] = {
        ("表三", path): tuple(value(c) for c in cells) for path, cells in rows.items()}
    return sum_problems("", form, numbers, fill_totals(form, numbers), {}, strict=False)


def _tie() -> Message:
    return msg("annual_import.why_tie", "other readings add up as well as this one")


def _not_adding_up(table: Table, failures: list[Message]) -> Message:
    return msg("annual_import.sums_fail", "{table} does not add up as published, however its digits are read: "
                                          "{failures}; it was read so that the fewest sums fail, check it against "
                                          "the original page", table=table.key, failures=listed(failures))


def _table4(form: Form, table: Table, runs: Mapping[str, str]) -> tuple[list[tuple[str, Cells]], list[Message]]:
    """表四's one run as its three rows: the readings where every row's 总计 adds up, else those
    where the fewest rows fail."""
    part = table.parts[0]
    width = len(part.columns)
    whole = Part("", part.columns * len(part.rows), part.rows)
    first = part.rows[0]
    run = runs[first.path]

    def rows_add_up(cells: Cells) -> bool:
        return len(cells) % width != 0 or _adds_up(cells[-width:])

    options = _all_readings(run, whole, first, rows_add_up) or _all_readings(run, whole, first)

    def failed(cells: Cells) -> list[int]:
        return [i for i in range(len(part.rows)) if not _adds_up(cells[i * width:(i + 1) * width])]

    options.sort(key=lambda cells: len(failed(cells)))
    best = options[0]
    tied = [c for c in options[1:] if len(failed(c)) == len(failed(best))]
    notes = [_guess(table, first, run, best, tied, _tie())] if tied else []
    if failed(best):
        notes.append(_not_adding_up(table, [
            mismatch(table.key, part.rows[i].name, part.columns[-1].label,
                     sum(value(c) for c in best[i * width:(i + 1) * width - 1]), value(best[(i + 1) * width - 1]))
            for i in failed(best)]))
    return [(row.path, best[i * width:(i + 1) * width]) for i, row in enumerate(part.rows)], notes
