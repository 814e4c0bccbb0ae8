"""The markup of the tables an editor writes, as a phone needs it (render.bodytables): each number and date
in a cell kept on one line, each table's region named on its own, and the first column marked to stay in
view only where every row starts in it. How it lays out is tests/browser/test_body_tables.py."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from reportsite.render.bodytables import number_runs
from reportsite.render.markup import make_markdown, render_markdown


def page(source: str, tables: dict[str, str] | None = None) -> BeautifulSoup:
    return BeautifulSoup(render_markdown(make_markdown(), source, tables).html, "html.parser")


def region_names(soup: BeautifulSoup) -> list[str]:
    """Each region's accessible name as a screen reader gets it: the element it is labelled by, else its label."""
    return [soup.find(id=r["aria-labelledby"]).get_text() if r.has_attr("aria-labelledby") else r["aria-label"]
            for r in soup.select("[role=region]")]


@pytest.mark.parametrize("text, whole", [
    ("2025-03-10", ["2025-03-10"]), ("完成20.69亿元", ["20.69"]), ("1,234户", ["1,234"]), ("增长45.9%", ["45.9%"]),
    ("2024年1月立项", ["2024年1月"]), ("3月10日前", ["3月10日"]), ("-3.5与+16.7%", ["-3.5", "+16.7%"]),
    ("第1项", []), ("2023-2024年", ["2023", "2024年"]),
])
def test_numbers_and_dates_are_found_whole(text: str, whole: list[str]) -> None:
    pieces = list(number_runs(text))
    assert "".join(piece for piece, _ in pieces) == text
    assert [piece for piece, kept in pieces if kept] == whole


def test_numbers_in_every_table_cell_are_kept_on_one_line_and_nowhere_else() -> None:
    soup = page("全年产值20.69亿元。\n\n| 日期 | 金额 |\n|---|---|\n| 2025-03-10 | **1,234**万元 |\n| 第1项 | 7 |\n\n"
                "<table><caption>2024年指标</caption><tr><td>20<span>.69</span></td><td>45.9%</td></tr></table>")
    assert [span.get_text() for span in soup.select(".nobr")] == ["2025-03-10", "1,234", "2024年", "20.69", "45.9%"]
    assert not soup.p.find("span")  # the paragraph's text is left as it is
    assert soup.get_text().count("20.69") == 2


def test_content_that_looks_like_the_markup_stays_text() -> None:
    soup = page('| a |\n|---|\n| <span class="nobr">12</span><b>3</b> |\n\n'
                '<table><tr><td>&lt;span class="nobr"&gt;45&lt;/span&gt;<img src=x onerror=alert(1)></td></tr></table>')
    cells = soup.select("td")
    assert [cell.get_text() for cell in cells] == ['<span class="nobr">12</span><b>3</b>', '<span class="nobr">45</span>']
    assert [span.get_text() for span in soup.select("span")] == ["12", "45"]  # made by the renderer
    assert not soup.find(["b", "img"])


def test_regions_are_named_by_caption_or_by_their_place_and_never_alike() -> None:
    source = ("| a |\n|---|\n| 1 |\n\n<table><tr><td>x</td></tr></table>\n\n"
              "<table><caption> 资金 使用 </caption><tr><td>y</td></tr></table>\n\n"
              "<table><caption>资金 使用</caption><tr><td>z</td></tr></table>\n\n"
              "<table><caption> </caption><tr><td>w</td></tr></table>\n\n| b |\n|---|\n| 2 |")
    soup = page(source)
    assert region_names(soup) == ["表1", "表2", " 资金 使用 ", "资金 使用（第4个表格）", "表5", "表6"]
    assert soup.select("[role=region]")[2]["aria-labelledby"] == soup.select("caption")[0]["id"]
    assert all(r["tabindex"] == "0" and "table-wrap" in r["class"] for r in soup.select("[role=region]"))


def test_the_first_column_is_pinned_only_where_every_row_starts_in_it() -> None:
    soup = page("| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                '<table><tr><th rowspan="2">主动公开</th><td>1</td></tr><tr><td>2</td></tr></table>\n\n'
                '<table><tr><td>甲</td><td rowspan="2">1</td></tr><tr><td>乙</td></tr></table>\n\n'
                '<table><tr><td colspan="2">合计</td></tr><tr><td><table><tr><td rowspan="2">内</td></tr></table></td>'
                "<td>3</td></tr></table>")
    assert [table.get("class") for table in soup.find_all("table", recursive=True)
            if table.parent.name == "div"] == [["pin-first"], None, ["pin-first"], ["pin-first"]]


def test_a_annual_reports_form_tables_are_left_as_drawn() -> None:
    """The 年报's tables have their own regions and names (render.annualtables); an editor's table after
    them is still 表1."""
    drawn = '<div class="table-wrap annual" role="region" tabindex="0" aria-labelledby="annual-二">' \
            '<table><caption id="annual-二">主动公开</caption><tr><td>2024</td></tr></table></div>'
    html = render_markdown(make_markdown(), "## 二、主动公开政府信息情况\n\n| a |\n|---|\n| 12 |", {"二": drawn}).html
    assert html.count(drawn) == 1
    assert region_names(BeautifulSoup(html, "html.parser")) == ["主动公开", "表1"]
