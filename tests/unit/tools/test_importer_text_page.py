"""tools.importer.text_page: where a text dump's metadata ends, its body starts and its footer begins,
and which left-out lines the editor is told about."""

from __future__ import annotations

from reportsite.core.problems import Problem
from reportsite.tools.importer.page import Page
from reportsite.tools.importer.text_page import read_text_page

CHECK = "it is not known page furniture, so check that it is no part of the report"


def read(*lines: str) -> Page:
    return read_text_page("page.txt", "\n".join(lines))


def body(page: Page) -> list[str]:
    return [block.text for block in page.blocks]


def notes(page: Page) -> list[str]:
    return [str(problem) for problem in page.warnings]


def test_the_body_starts_after_the_metadata_and_the_title_printed_again() -> None:
    page = read("某镇人民政府网", "某镇2023年工作总结", "索引号：A/2024-1", "发布机构：某镇", "某镇2023年工作总结",
                "【打印】【关闭】", "发布日期：2024-01-05 09:30", "2023年，某镇各项工作取得新成效。")
    assert body(page) == ["2023年，某镇各项工作取得新成效。"]
    assert dict(page.meta) == {"index_no": "A/2024-1", "publisher": "某镇", "published": "2024-01-05 09:30"}
    assert page.title_guess is not None and (page.title_guess.text, page.title_guess.line) == ("某镇2023年工作总结", 2)
    assert notes(page) == [f'page.txt:1: warning: left out "某镇人民政府网" above the body: {CHECK}']


def test_one_line_after_the_metadata_that_reads_as_a_title_is_the_title() -> None:
    page = read("索引号 A/2024-1 发布机构 某镇", "某镇2023年工作总结", "（2024年1月8日在某镇人民代表大会上）", "正文。")
    assert page.title_guess is not None and page.title_guess.text == "某镇2023年工作总结"
    assert body(page) == ["（2024年1月8日在某镇人民代表大会上）", "正文。"]  # a subtitle is body


def test_the_title_line_is_left_out_only_once() -> None:
    page = read("索引号：A/2024-1", "某镇2023年工作总结", "某镇2024年工作计划", "正文。")
    assert body(page) == ["某镇2024年工作计划", "正文。"]


def test_labels_after_prose_are_body_and_nothing_is_dropped() -> None:
    page = read("2023年，某镇各项工作取得新成效。", "索引号：A/2024-1", "正文。")
    assert page.meta == () and page.title_guess is None
    assert body(page) == ["2023年，某镇各项工作取得新成效。", "索引号：A/2024-1", "正文。"]


def test_a_numbered_heading_ends_the_metadata() -> None:
    page = read("索引号：A/2024-1", "一、总体情况", "来源：某镇", "正文。")
    assert body(page) == ["一、总体情况", "来源：某镇", "正文。"]


def test_the_footer_is_dropped_and_its_unknown_lines_named() -> None:
    page = read("索引号：A/2024-1", "正文。", "某镇人民政府", "扫一扫在手机打开当前页", "【打印】【关闭】",
                "地址：某镇政府驻地", "主办单位：某区人民政府办公室 网站标识码：3703020001")
    assert body(page) == ["正文。", "某镇人民政府"]
    assert notes(page) == [f'page.txt:6: warning: left out "地址：某镇政府驻地" below the body: {CHECK}']


def test_print_buttons_with_text_after_them_are_no_footer() -> None:
    page = read("索引号：A/2024-1", "正文。", "【打印】", "还有一段正文。", "【关闭】")
    assert body(page) == ["正文。", "【打印】", "还有一段正文。"]
    assert notes(page) == []


def test_a_text_table_after_the_body_is_kept_line_by_line() -> None:
    page = read("索引号：A/2024-1", "主要指标如下：", "指标  2022年  2023年", "收入  1.02  1.10", "扫一扫在手机打开当前页")
    assert body(page) == ["主要指标如下：", "指标 2022年 2023年", "收入 1.02 1.10"]


def test_a_crawler_header_names_its_unknown_lines() -> None:
    page = read("标题: 某镇2023年工作总结", "抓取任务 42", "==================== 正文 ====================", "正文。")
    assert body(page) == ["正文。"]
    assert notes(page) == [f'page.txt:2: warning: left out "抓取任务 42" above the body: {CHECK}']


def test_a_field_given_twice_differently_is_a_note_naming_both() -> None:
    page = read("索引号：A/2024-1", "发布机构：某镇", "信息索引号：A/2024-2", "正文。")
    assert dict(page.meta)["index_no"] == "A/2024-1"
    assert notes(page) == ['page.txt: warning: "索引号: A/2024-1" and "信息索引号: A/2024-2" disagree; used "A/2024-1", '
                           "check which is right"]
    assert all(isinstance(note, Problem) and not note.is_error for note in page.warnings)
