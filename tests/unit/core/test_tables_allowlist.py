"""The one table allowlist: what a report's table keeps on the page, and what the importer may write."""

from __future__ import annotations

from bs4 import BeautifulSoup

from reportsite.core.tables import ALLOWED_TAGS, MAX_SPAN, SCOPES, is_span, rebuild_table
from reportsite.tools.importer import table_html


def rebuilt(source: str) -> str:
    parts = rebuild_table(source)
    assert [part.kind for part in parts] == ["table"]
    return parts[0].html


def test_spans_from_two_up_to_the_limit_are_kept() -> None:
    assert MAX_SPAN == 999
    assert rebuilt('<table><tr><td colspan="2">a</td><td rowspan="999">b</td></tr></table>') == (
        '<table><tr><td colspan="2">a</td><td rowspan="999">b</td></tr></table>')


def test_spans_of_one_past_the_limit_or_not_plainly_written_are_dropped() -> None:
    for value in ("1", "0", "1000", "02", "-3", "two", ""):
        assert not is_span(value), value
        assert rebuilt(f'<table><tr><td colspan="{value}">a</td></tr></table>') == "<table><tr><td>a</td></tr></table>"


def test_disallowed_tags_and_attributes_are_dropped_and_their_text_kept() -> None:
    source = ('<table class="x" onclick="evil()"><tr style="color:red"><th scope="col" onmouseover="e()">'
              '<span>年度</span></th><td scope="row"><a href="javascript:x()">链接</a><b>粗</b></td></tr></table>')
    assert rebuilt(source) == '<table><tr><th scope="col">年度</th><td>链接粗</td></tr></table>'


def test_only_the_known_scopes_survive() -> None:
    assert SCOPES == {"row", "col", "rowgroup", "colgroup"}
    assert rebuilt('<table><tr><th scope="all">a</th></tr></table>') == "<table><tr><th>a</th></tr></table>"


def test_script_and_style_content_is_dropped_not_shown() -> None:
    source = "<table><tr><td>数<script>alert(1)</script><style>td{}</style>据</td></tr></table>"
    assert rebuilt(source) == "<table><tr><td>数据</td></tr></table>"


def imported(source: str) -> str:
    table = BeautifulSoup(source, "html.parser").find("table")
    assert table is not None
    return table_html(table)


def test_the_importer_writes_spans_the_page_shows_and_drops_the_rest() -> None:
    out = imported('<table><tr><td colspan="3">合计</td><td rowspan="1000">x</td><td colspan="1">y</td>'
                   '<td rowspan="007">z</td></tr></table>')
    assert out == ('<table>\n<tbody>\n<tr><td colspan="3">合计</td><td>x</td><td>y</td><td rowspan="7">z</td></tr>'
                   "\n</tbody>\n</table>")


def test_what_the_importer_writes_reaches_the_page_whole() -> None:
    """A Word table with styling, spans and a header row: the page's rebuild changes nothing of it."""
    out = imported('<table border="1" style="width:100%"><tr><td colspan="2" style="x"><p><b>项目</b></p></td>'
                   '<td>数量</td></tr><tr><td scope="row">收到申请</td><td rowspan="2">本年</td><td>12</td></tr>'
                   "<tr><td>办结</td><td>10</td></tr></table>")
    tags = {t.name for t in BeautifulSoup(out, "html.parser").find_all(True)}
    assert tags <= ALLOWED_TAGS
    assert rebuilt(out) == out.replace("\n", "")
    assert '<th colspan="2" scope="col">项目</th>' in out and '<td rowspan="2">本年</td>' in out


def test_a_span_written_in_superscript_or_other_digits_is_dropped_not_a_crash() -> None:
    """`colspan="²"` passes str.isdigit() but is no number int() reads: the import once died on it."""
    out = imported('<table><tr><td colspan="²">a</td><td rowspan="３">b</td></tr></table>')
    assert out == "<table>\n<tbody>\n<tr><td>a</td><td>b</td></tr>\n</tbody>\n</table>"
