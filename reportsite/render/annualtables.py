"""A 年报's tables 2–4 drawn as the national form prints them, from its data (Report.annual).

The markup is built here, from the form's own wording (core.annualform) and numbers the content
stage has validated, never from the editor's text, so it is trusted like a template. Every header
cell is a `<th>` with its scope, so a screen reader reads a number with its row and column; each
table scrolls inside its own focusable region named by its caption, and the same markup prints.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from reportsite.core.annualform import (APPLICANTS_HEADING, BALANCE_NOTE, CONTENT_HEADING, FORMS, HANDLED_HEADING,
                                        LAWSUIT_HEADING, LAWSUIT_KINDS, ORGANISATIONS_HEADING, OUTCOMES,
                                        REVIEW_HEADING, Part, Row, Table)
from reportsite.core.annualform import figure_text as number
from reportsite.model import AnnualTables

#: Table 2 is four label-and-numbers blocks on one grid as wide as its widest block (a label, three numbers).
_TABLE2_WIDTH = 4
#: Each table's columns for the stylesheet: label columns l1–l3 (table 3's three levels of row labels) and
#: number columns n.
_COLUMNS = {"表二": (("c-l1", 1), ("c-n", 3)), "表三": (("c-l1", 1), ("c-l2", 1), ("c-l3", 1), ("c-n", 7)),
            "表四": (("c-n", 15),)}
#: The stylesheet knows number widths up to this many characters (an amount in 元 of a hundred billion).
_MAX_DIGITS = 16


def annual_tables_html(annual: AnnualTables | None) -> dict[str, str]:
    """Each table's markup by the section it follows (二, 三, 四); none for a report without data."""
    if annual is None:
        return {}
    form = FORMS[annual.template]
    draw = {"表二": _table2, "表三": _table3, "表四": _table4}
    return {table.section: _region(table, annual, draw[table.key](table, annual)) for table in form.tables}


def _region(table: Table, annual: AnnualTables, rows: str) -> str:
    """The scroll region, named by the table's caption so that each region's name is its own. The
    table's class gives its columns (`_COLUMNS`) and its longest number, which the stylesheet makes
    the width of every number column, so that no number ever wraps or overflows its cell."""
    ident = f"annual-{table.section}"
    digits = max((len(number(v)) for key, _, values in annual.rows if key == table.key for v in values), default=1)
    cols = "".join(f'<col class="{css}"{f" span={chr(34)}{span}{chr(34)}" if span > 1 else ""}>'
                   for css, span in _COLUMNS[table.key])
    return (f'<div class="table-wrap annual" role="region" tabindex="0" aria-labelledby="{ident}">\n'
            f'<table class="annual-table annual-{table.key} annual-d{min(digits, _MAX_DIGITS)}">\n'
            f'<caption id="{ident}">{_pinned(table.caption, start=True)}</caption>\n<colgroup>{cols}</colgroup>\n'
            f"{rows}</table>\n</div>\n")


def _pinned(text: str, start: bool = False) -> str:
    """Text that stays in view while a wide table scrolls under it: at the left of the region
    (`start`), or of the numbers, right of the label columns that stay in view themselves."""
    return f'<span class="annual-pinned{" annual-pinned--start" if start else ""}">{escape(text)}</span>'


def _th(text: str, scope: str, rows: int = 1, cols: int = 1, css: str = "") -> str:
    """A header cell; one over several number columns keeps its text in view as they scroll."""
    spans = (f' rowspan="{rows}"' if rows > 1 else "") + (f' colspan="{cols}"' if cols > 1 else "")
    text = _pinned(text, start=scope == "rowgroup") if cols > 1 and scope != "row" else escape(text)
    return f'<th scope="{scope}"{spans}{css and f" class={chr(34)}{css}{chr(34)}"}>{text}</th>'


def _td(value: float, cols: int = 1, column: str = "") -> str:
    """A number; `column` names it where a narrow screen stacks the row and the header is not above it."""
    spans = f' colspan="{cols}"' if cols > 1 else ""
    named = f' data-column="{escape(column)}"' if column else ""
    return f"<td{spans}{named}>{number(value)}</td>"


def _table2(table: Table, annual: AnnualTables) -> str:
    """One row group per 第二十条 block: its heading, its column headers, its rows; the last column
    of a block with fewer columns spans the rest, as on the form."""
    return "".join(f"<tbody>\n{''.join(_part2(table, part, annual))}</tbody>\n" for part in table.parts)


def _part2(table: Table, part: Part, annual: AnnualTables) -> Iterator[str]:
    spans = [1] * (len(part.columns) - 1) + [_TABLE2_WIDTH - len(part.columns)]
    yield f"<tr>{_th(part.heading, 'rowgroup', cols=_TABLE2_WIDTH, css='annual-part')}</tr>\n"
    yield "<tr>" + _th(CONTENT_HEADING, "col", css="l1") + "".join(
        _th(column.label, "col", cols=span) for column, span in zip(part.columns, spans)) + "</tr>\n"
    for row in part.rows:
        values = annual.values(table.key, row.path)
        cells = "".join(_td(value, span) for value, span in zip(values, spans))
        yield "<tr>" + _th(row.label, "row", css="l1") + cells + "</tr>\n"


def _table3(table: Table, annual: AnnualTables) -> str:
    person, total = table.parts[0].columns[0], table.parts[0].columns[-1]
    note = f'<td colspan="3" rowspan="3" class="annual-note">{BALANCE_NOTE}</td>'
    head = ("<thead>\n"
            f'<tr>{note}{_th(APPLICANTS_HEADING, "colgroup", cols=7)}</tr>\n'
            f'<tr>{_th(person.label, "col", rows=2)}{_th(ORGANISATIONS_HEADING, "colgroup", cols=5)}'
            f'{_th(total.label, "col", rows=2)}</tr>\n'
            "<tr>" + "".join(_th(column.label, "col") for column in table.parts[0].columns[1:6]) + "</tr>\n"
            "</thead>\n")
    rows = table.parts[0].rows
    groups = {group.key: group.label for group in FORMS[annual.template].groups}
    body = "".join("<tr>" + "".join(_labels3(rows, index, groups)) + "".join(
        _td(v, column=c.label) for v, c in zip(annual.values(table.key, row.path), table.parts[0].columns))
        + "</tr>\n" for index, row in enumerate(rows))
    return head + "<tbody>\n" + body + "</tbody>\n"


def _labels3(rows: tuple[Row, ...], index: int, groups: dict[str, str]) -> Iterator[str]:
    """A row's label cells: 三、本年度办理结果 spans the rows （一） to （七）, and each group of
    reasons its reasons; rows outside 三 span all three label columns."""
    row = rows[index]
    handled = [i for i, r in enumerate(rows) if r.key not in ("本年新收", "上年结转", "结转下年度")]
    if index not in handled:
        yield _th(row.label, "row", cols=3, css="l1")
        return
    if index == handled[0]:
        yield _th(HANDLED_HEADING, "rowgroup", rows=len(handled), css="l1")
    if not row.group:
        yield _th(row.label, "row", cols=2, css="l2")
        return
    members = [r for r in rows if r.group == row.group]
    if row is members[0]:
        yield _th(groups[row.group], "rowgroup", rows=len(members), css="l2")
    yield _th(row.label, "row", css="l3")


def _table4(table: Table, annual: AnnualTables) -> str:
    """One line of fifteen numbers under two levels of headers, as the form prints it."""
    labels = "".join(_th(column.label, "col") for column in OUTCOMES)
    head = ("<thead>\n"
            f'<tr>{_th(REVIEW_HEADING, "colgroup", cols=5)}{_th(LAWSUIT_HEADING, "colgroup", cols=10)}</tr>\n'
            "<tr>" + "".join(_th(column.label, "col", rows=2) for column in OUTCOMES)
            + "".join(_th(kind, "colgroup", cols=5) for kind in LAWSUIT_KINDS) + "</tr>\n"
            f"<tr>{labels}{labels}</tr>\n</thead>\n")
    values = [v for _, row in table.rows for v in annual.values(table.key, row.path)]
    return head + "<tbody>\n<tr>" + "".join(_td(v) for v in values) + "</tr>\n</tbody>\n"
