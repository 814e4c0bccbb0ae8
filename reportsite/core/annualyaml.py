"""年报表格 written out as the `annual_report:` front matter an editor fills in and reads.

`new` writes it with zeros to fill in and the importer with a published report's numbers, so both
write the one layout the editor's guide shows: the form's own row names, one row a line, and a
comment naming the columns in the order the numbers go.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportsite.core.annualform import FORMS, Part, Row, Table, figure_text

Numbers = Mapping[tuple[str, str], tuple[float | int, ...]]


def annual_yaml(template: str, numbers: Numbers | None = None) -> str:
    """The `annual_report:` block for `template`, with `numbers` by (table key, row path); a row
    with no numbers is written with zeros, and 表三's （七）总计 is left to the build unless given."""
    form = FORMS[template]
    lines = ["annual_report:",
             f"  template: {template}            # 格式版本：2021（{FORMS['2021'].document}）或 2019（{FORMS['2019'].document}）"]
    for table in form.tables:
        lines += _table(table, numbers or {})
    return "\n".join(lines) + "\n"


def _table(table: Table, numbers: Numbers) -> list[str]:
    single = len(table.parts) == 1
    header = f"  {table.key}:                   # {table.caption}"
    lines = [header + (f"；每行依次为 {_names(table.parts[0])}" if single else "")]
    group = ""
    for part, row in table.rows:
        if row.group != group and row.group:
            lines.append(f"    {row.group}:")
        group = row.group
        if row.total and (table.key, row.path) not in numbers:
            lines.append(f"    # {row.key}: 可不写，由系统按各项相加")
            continue
        comment = "" if single else f"   # {_names(part)}"
        lines.append(f"{'      ' if row.group else '    '}{row.key}: {_values(part, table, row, numbers)}{comment}")
    return lines


def _names(part: Part) -> str:
    return "、".join(column.label for column in part.columns) + ("（总计可不写）" if part.columns[-1].total else "")


def _values(part: Part, table: Table, row: Row, numbers: Numbers) -> str:
    values = numbers.get((table.key, row.path)) or tuple(0 for _ in part.columns)
    shown = [figure_text(value) for value in values]
    return shown[0] if len(part.columns) == 1 else "[" + ", ".join(shown) + "]"
