"""tools.importer.annual_split: the sums pick 表三's and 表四's splits; 表二's are guesses, and say so."""

from __future__ import annotations

from reportsite.core.annualform import FORMS
from reportsite.core.i18n import english
from reportsite.tools.importer.annual_reading import Mismatch, Reading
from reportsite.tools.importer.annual_split import split_text_table
from reportsite.tools.importer.annual_text import TextTable

ZERO = "0000000"
#: 表三 of a report, row path → the digits a crawler ran together (the 2024 Pingtan report's).
TABLE3 = {"本年新收": "21710000218", "予以公开": "710000071", "部分公开": "290000029",
          "不予公开.属于国家秘密": "4000004", "不予公开.保护第三方合法权益": "3000003",
          "不予公开.属于三类内部事务信息": "320000032", "无法提供.本机关不掌握相关政府信息": "750000075",
          "不予处理.重复申请": "1000001", "其他处理.逾期不补正": "1000001", "其他处理.其他": "1100002",
          "总计": "21710000218"}


def table3(changes: dict[str, str] | None = None) -> TextTable:
    runs = {**TABLE3, **(changes or {})}
    paths = [row.path for _, row in FORMS["2021"].table("表三").rows]
    return TextTable(0, 1, tuple((path, runs.get(path, ZERO)) for path in paths))


def reading(found: Reading | Mismatch) -> dict[str, tuple[float, ...]]:
    assert isinstance(found, Reading), english(found.reason) if isinstance(found, Mismatch) else found
    return dict(found.rows)


def test_table3s_sums_decide_every_split() -> None:
    found = split_text_table(FORMS["2021"], "表三", table3())
    rows = reading(found)
    assert rows["本年新收"] == (217, 1, 0, 0, 0, 0, 218)
    assert rows["不予公开.属于三类内部事务信息"] == (32, 0, 0, 0, 0, 0, 32)
    assert rows["其他处理.其他"] == (1, 1, 0, 0, 0, 0, 2)
    assert isinstance(found, Reading) and found.notes == ()


def test_a_column_sum_decides_a_row_its_own_total_leaves_open() -> None:
    # "000011011" adds up as …, 1, 10, 11 and as …, 11, 0, 11; only the first balances 一 + 二 = 三（七） + 四
    published = "0 0 0 0 1 10 11"
    runs = {path: ZERO for path in TABLE3} | {"本年新收": "000011011", "予以公开": published, "总计": published}
    found = split_text_table(FORMS["2021"], "表三", table3(runs))
    assert reading(found)["本年新收"] == (0, 0, 0, 0, 1, 10, 11)
    assert isinstance(found, Reading) and found.notes == ()


def test_a_report_that_does_not_add_up_is_read_with_the_fewest_failures_and_said_so() -> None:
    found = split_text_table(FORMS["2021"], "表三", table3({"总计": "21610000217"}))  # (七)总计 published 1 short
    rows = reading(found)
    assert rows["总计"] == (216, 1, 0, 0, 0, 0, 217)  # as published, not made to add up
    assert isinstance(found, Reading)
    note = " ".join(english(n) for n in found.notes)
    assert "does not add up as published" in note and "自然人: the items add up to 217" in note


def test_table2_is_a_guess_with_its_other_readings_named() -> None:
    runs = {"规章": "000", "行政规范性文件": "6233440", "行政许可": "4529", "行政处罚": "1100", "行政强制": "65",
            "行政事业性收费": "18651.06"}
    found = split_text_table(FORMS["2021"], "表二", TextTable(0, 1, tuple(runs.items())))
    assert reading(found)["行政规范性文件"] == (62, 33, 440)
    assert isinstance(found, Reading) and len(found.notes) == 1
    note = english(found.notes[0])
    assert "“6233440” as [62, 33, 440], a guess" in note and "[6, 233, 440]" in note and "more" in note


def test_a_lone_zero_is_read_as_a_cell_and_money_leaves_its_unit_in_a_note() -> None:
    runs = {"规章": "000", "规范性文件": "898989", "行政许可": "3960181", "其他对外管理服务事项": "100153",
            "行政处罚": "26480430", "行政强制": "126025", "行政事业性收费": "350", "政府集中采购": "13575394432.52元"}
    found = split_text_table(FORMS["2019"], "表二", TextTable(0, 1, tuple(runs.items())))
    rows = reading(found)
    assert rows["行政许可"] == (396, 0, 181) and rows["行政处罚"] == (2648, 0, 430) and rows["行政事业性收费"] == (35, 0)
    assert rows["政府集中采购"] == (135, 75394432.52)
    assert isinstance(found, Reading)
    assert any("采购总金额 was published as “75394432.52元”" in english(note) for note in found.notes)


def test_what_was_made_this_year_is_not_read_as_more_than_what_is_in_force() -> None:
    runs = {"规章": "000", "行政规范性文件": "8855698", "行政许可": "1", "行政处罚": "1", "行政强制": "1",
            "行政事业性收费": "1"}
    found = split_text_table(FORMS["2021"], "表二", TextTable(0, 1, tuple(runs.items())))
    assert reading(found)["行政规范性文件"] == (88, 55, 698)  # not 885, 5, 698 nor 88, 556, 98


def test_a_run_with_too_few_digits_is_no_reading() -> None:
    found = split_text_table(FORMS["2021"], "表三", table3({"部分公开": "00000"}))
    assert isinstance(found, Mismatch)
    assert "“00000” of the row “（二）部分公开” cannot be read as 7 numbers" in english(found.reason)


def test_table4s_run_is_three_rows_that_each_add_up() -> None:
    found = split_text_table(FORMS["2021"], "表四", TextTable(0, 1, (("行政复议", "21317000001324019"),)))
    assert reading(found) == {"行政复议": (2, 1, 3, 1, 7), "未经复议直接起诉": (0, 0, 0, 0, 0),
                              "复议后起诉": (13, 2, 4, 0, 19)}
