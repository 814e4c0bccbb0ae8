"""tools.importer.annual_text: a table a crawler flattened into prose, cut up by the form's wording."""

from __future__ import annotations

from pathlib import Path

from reportsite.core.annualform import FORMS
from reportsite.core.i18n import english
from reportsite.tools.importer.annual_reading import Mismatch
from reportsite.tools.importer.annual_text import TextTable, find_text_table, label_pattern

PINGTAN = Path(__file__).resolve().parents[2] / "fixtures/pingtan"
#: 表四 of the 2022 dump, as the crawler wrote it (spaces and all).
TABLE4 = ("行政复议 行政诉讼 结果维持结果纠正其他结果尚未审结总计 未经复议直接起诉 复议后起诉 结果维持结果纠正其他结果尚未审结总计"
          "结果维持结果纠正其他结果尚未审结总计 0 1 1 0 2 1 0 0 0 1 0 0 0 0 0 ")


def section(year: int, start: str, end: str) -> str:
    text = (PINGTAN / f"xxgk-nianbao-{year}.txt").read_text(encoding="utf-8")
    return text[text.index(start) + len(start): text.index(end)].strip()


def test_each_rows_figures_are_what_stands_between_its_label_and_the_next() -> None:
    text = section(2024, "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议")
    found = find_text_table(text, FORMS["2021"].table("表三"), "2021")
    assert isinstance(found, TextTable)
    runs = dict(found.runs)
    assert runs["本年新收"] == "21710000218"
    assert runs["不予公开.属于国家秘密"] == "4000004"  # "2." after it is the next row's number
    assert runs["不予公开.属于三类内部事务信息"] == "320000032"
    assert runs["其他处理.其他"] == "1100002"
    assert (found.start, found.end) == (0, len(text))


def test_prose_around_the_table_is_left_outside_it() -> None:
    text = "本年度情况见下表（单位：件）。" + TABLE4 + "以上为全部案件。"
    found = find_text_table(text, FORMS["2021"].table("表四"), "2021")
    assert isinstance(found, TextTable)
    assert text[:found.start] == "本年度情况见下表（单位：件）。"
    assert text[found.end:] == " 以上为全部案件。"
    assert found.runs == (("行政复议", "0 1 1 0 2 1 0 0 0 1 0 0 0 0 0"),)


def test_words_between_rows_that_the_form_does_not_have_mean_it_is_not_the_table() -> None:
    text = section(2024, "二、主动公开政府信息情况", "三、收到和处理").replace("规章000", "规章000。其中新制定的规章均已报备。")
    found = find_text_table(text, FORMS["2021"].table("表二"), "2021")
    assert isinstance(found, Mismatch)
    assert "stands between the rows “规章” and “行政规范性文件”" in english(found.reason)


def test_a_paragraph_of_prose_has_no_table() -> None:
    found = find_text_table("本年度共收到政府信息公开申请3件。", FORMS["2021"].table("表三"), "2021")
    assert isinstance(found, Mismatch) and found.progress == 0
    assert "has no table of the form" in english(found.reason)


def test_the_2021_form_is_not_found_in_a_2019_dump() -> None:
    text = section(2019, "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议")
    assert isinstance(find_text_table(text, FORMS["2019"].table("表三"), "2019"), TextTable)
    wrong = find_text_table(text, FORMS["2021"].table("表三"), "2021")
    assert isinstance(wrong, Mismatch) and "申请人无正当理由逾期不补正" in english(wrong.reason)


def test_labels_are_found_whatever_spaces_and_widths_the_crawler_left() -> None:
    assert label_pattern("社会公益组织").search("科研机构社会公益 组织 法律服务")
    assert label_pattern("第二十条第（一）项").search("第二十条第(一) 项")
    assert not label_pattern("行政强制").search("行政 检查")
