"""tools.importer.grid: a Word table laid out as a reader sees it, spans and all."""

from __future__ import annotations

from bs4 import BeautifulSoup

from reportsite.tools.importer.grid import Grid, table_grid


def grid(html: str) -> Grid:
    table = BeautifulSoup(html, "html.parser").find("table")
    assert table is not None
    return table_grid(table)


def test_a_rowspan_covers_the_rows_below_and_pushes_their_cells_right() -> None:
    laid = grid("<table><tr><td rowspan='2'>（三）不予公开</td><td>1.属于国家秘密</td><td>4</td></tr>"
                "<tr><td>2.其他法律行政法规禁止公开</td><td>0</td></tr></table>")
    assert [(c.text, c.col) for c in laid.covering(1)] == [("（三）不予公开", 0), ("2.其他法律行政法规禁止公开", 1), ("0", 2)]
    assert laid.height == 2


def test_a_colspan_heads_every_column_it_spans() -> None:
    laid = grid("<table><tr><th colspan='5'>行政复议</th><th>x</th></tr>"
                "<tr><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td></tr></table>")
    assert [c.text for c in laid.column(4, range(2))] == ["行政复议", "5"]
    assert [c.text for c in laid.column(5, range(1))] == ["x"]


def test_spans_word_writes_oddly_are_read_as_a_browser_reads_them() -> None:
    laid = grid("<table><tr><td rowspan='0'>a</td><td colspan='x'>b</td><td>c</td></tr>"
                "<tr><td>d</td></tr><tr><td>e</td></tr></table>")
    a = laid.cells[0]
    assert (a.rows, a.cols) == (3, 1)  # 0: to the end of the table
    assert [c.col for c in laid.cells] == [0, 1, 2, 1, 1]


def test_cells_of_a_nested_table_are_not_the_outer_tables() -> None:
    laid = grid("<table><tr><td><table><tr><td>inner</td></tr></table></td><td>9</td></tr></table>")
    assert [c.text for c in laid.cells][1:] == ["9"] and laid.height == 1
