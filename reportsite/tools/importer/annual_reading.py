"""What reading one published 年报 table against one national form gives: its numbers, or why not.

The HTML and the text readers both hand back these, so the import decides the same way whichever
the page was: the data only when all three tables read under one template, else every table stays
as the page had it and the editor is told the first thing that did not match.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportsite.core.i18n import Message, msg
from reportsite.tools.importer.annual_words import Number

#: A table's rows as data: (row path as the YAML names it, the numbers in column order).
Rows = tuple[tuple[str, tuple[Number, ...]], ...]


@dataclass(frozen=True)
class Reading:
    """A table read under `template`: its rows, notes for the editor to check (guessed splits, a
    unit the data cannot keep), and the prose that shared the table's paragraph in a text dump."""

    table: str
    template: str
    rows: Rows
    notes: tuple[Message, ...] = ()
    kept: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mismatch:
    """Why a table is not the form under `template`; `progress` counts the form's rows that matched
    before it failed, so the message shown is the one of the form the table came nearest to."""

    table: str
    template: str
    reason: Message
    progress: int = 0


def unit_dropped(table: str, row: str, column: str, text: str, unit: str) -> Message:
    """The note for money published with its unit ("75394432.52元"): the data has a number only."""
    return msg("annual_import.unit_dropped", "{table} {row} {column} was published as “{text}”; the data keeps the "
                                             "number only, without “{unit}”", table=table, row=row, column=column,
               text=text, unit=unit)
