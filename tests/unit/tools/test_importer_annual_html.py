"""tools.importer.annual_html: a published HTML table read cell by cell against the national form."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from reportsite.core.annualform import FORMS
from reportsite.core.i18n import english
from reportsite.tools.importer.annual_html import read_html_table
from reportsite.tools.importer.annual_reading import Mismatch, Reading
from reportsite.tools.importer.grid import Grid, table_grid

PINGTAN = Path(__file__).resolve().parents[2] / "fixtures/pingtan"
TABLE4 = """<table>
<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td>
<td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr>{heads}{heads}</tr>
<tr>{cells}</tr>
</table>"""
HEADS = "<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>"


def grid(html: str) -> Grid:
    table = BeautifulSoup(html, "html.parser").find("table")
    assert table is not None
    return table_grid(table)


def published(year: int, index: int) -> Grid:
    page = BeautifulSoup((PINGTAN / f"xxgk-nianbao-{year}.html").read_text(encoding="utf-8"), "html.parser")
    return table_grid(page.select_one("div.article_content").find_all("table")[index])


def test_table4s_fifteen_cells_are_its_three_rows() -> None:
    cells = "".join(f"<td>{n}</td>" for n in (2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19))
    found = read_html_table(grid(TABLE4.format(heads=HEADS, cells=cells)), FORMS["2021"], "表四")
    assert isinstance(found, Reading)
    assert dict(found.rows) == {"行政复议": (2, 1, 3, 1, 7), "未经复议直接起诉": (0, 0, 0, 0, 0), "复议后起诉": (13, 2, 4, 0, 19)}


def test_a_cell_that_is_no_number_is_named() -> None:
    cells = "".join(f"<td>{n}</td>" for n in (2, 1, 3, 1, 7, 0, "—", 0, 0, 0, 13, 2, 4, 0, 19))
    found = read_html_table(grid(TABLE4.format(heads=HEADS, cells=cells)), FORMS["2021"], "表四")
    assert isinstance(found, Mismatch)
    assert english(found.reason) == "row “未经复议直接起诉”, column “结果纠正” reads “—”, not a number"


def test_a_column_heading_the_form_does_not_have_is_named() -> None:
    cells = "".join("<td>0</td>" for _ in range(15))
    table = TABLE4.format(heads=HEADS, cells=cells).replace(HEADS, HEADS.replace("结果纠正", "结果撤销"), 1)
    found = read_html_table(grid(table), FORMS["2021"], "表四")
    assert isinstance(found, Mismatch)
    assert "column 7 is headed" in english(found.reason) and "未经复议直接起诉 结果纠正" in english(found.reason)


def test_a_column_split_by_a_stray_cell_keeps_its_heading() -> None:
    # 2021's 表三: 自然人 spans two columns over an empty cell, 商业企业's numbers span two
    found = read_html_table(published(2021, 1), FORMS["2021"], "表三")
    assert isinstance(found, Reading)
    rows = dict(found.rows)
    assert rows["本年新收"] == (64, 0, 0, 2, 0, 4, 70)
    assert rows["总计"] == (63, 0, 0, 2, 0, 4, 69)


def test_table3_of_the_2019_form_has_one_row_for_other_handling() -> None:
    assert isinstance(read_html_table(published(2019, 1), FORMS["2019"], "表三"), Reading)
    found = read_html_table(published(2019, 1), FORMS["2021"], "表三")
    assert isinstance(found, Mismatch)
    assert english(found.reason).startswith("row 24 reads “三、本年度办理结果 （六）其他处理” where the 2021 form has "
                                            "“1.申请人无正当理由逾期不补正")


def test_table2_reads_each_block_and_drops_a_unit_with_a_note() -> None:
    found = read_html_table(published(2019, 0), FORMS["2019"], "表二")
    assert isinstance(found, Reading)
    assert dict(found.rows)["政府集中采购"] == (135, 75394432.52)
    assert [english(n) for n in found.notes] == [
        "表二 政府集中采购 采购总金额 was published as “75394432.52元”; the data keeps the number only, without “元”"]
    other = read_html_table(published(2019, 0), FORMS["2021"], "表二")
    assert isinstance(other, Mismatch)
    assert english(other.reason) == "column 1 is headed “本年新制作数量” where the 2021 form has “本年制发件数”"
