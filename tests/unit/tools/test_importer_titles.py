"""tools.importer.titles: which line is a page's title when no label names it."""

from __future__ import annotations

import pytest

from reportsite.core.i18n import english
from reportsite.tools.importer.titles import guess_title, page_title_part, title_reason


@pytest.mark.parametrize("line, reason", [
    ("东山街道2024年政府信息公开工作年度报告", "it names the year 2024 and ends with 报告"),
    ("政府工作报告（2021）", "it names the year 2021 and ends with 报告"),
    ("区公安局2023年第四季度易制毒化学品企事业抽查", "it names the year 2023"),
    ("城西镇人民政府关于法治政府建设情况", "it ends with 情况"),
])
def test_lines_that_read_as_a_title_and_why(line: str, reason: str) -> None:
    found = title_reason(line)
    assert found is not None and english(found) == reason


@pytest.mark.parametrize("line", [
    "计划总结",  # a column heading: too short to be a report's title
    "一、2023年工作完成情况",  # a numbered heading
    "2024年1月10日", "二〇二四年一月十日",  # a signing date
    "（2024年1月8日在平阴县第十九届人民代表大会第四次会议上）",  # a subtitle
    "2023年，双杨镇各项工作取得新进展。",  # a sentence
    "索引号：A/2024-1",  # a label
    "博山区人民政府门户网站",
])
def test_lines_that_do_not(line: str) -> None:
    assert title_reason(line) is None


def test_a_line_printed_twice_wins_over_one_that_reads_more_as_a_title() -> None:
    guess = guess_title([(1, "博山区人民政府"), (2, "某镇2023年工作总结"), (3, "某镇工作总结"), (9, "某镇工作总结")])
    assert guess is not None and (guess.text, guess.line, guess.reason) == ("某镇工作总结", 3, None)


def test_else_the_line_that_reads_most_as_a_title_the_first_of_equals() -> None:
    guess = guess_title([(1, "博山区人民政府"), (2, "某镇关于工作情况"), (3, "某镇2023年工作总结"),
                         (4, "某镇2024年工作计划")])
    assert guess is not None and (guess.text, guess.line) == ("某镇2023年工作总结", 3)
    assert guess.reason is not None and english(guess.reason) == "it names the year 2023 and ends with 总结"


def test_no_guess_when_nothing_reads_as_a_title() -> None:
    assert guess_title([(1, "博山区人民政府"), (2, "【采集信息】")]) is None


@pytest.mark.parametrize("title, part", [
    ("东山街道2024年政府信息公开工作年度报告-博山区人民政府", "东山街道2024年政府信息公开工作年度报告"),
    ("博山区人民政府_东山街道2024年政府信息公开工作年度报告", "东山街道2024年政府信息公开工作年度报告"),
    ("某区“十四五”规划（2021-2025年） | 某区人民政府", "某区“十四五”规划（2021-2025年）"),
    ("关于印发2021-2025年发展规划的通知", "关于印发2021-2025年发展规划的通知"),
    ("博山区人民政府", "博山区人民政府"),
])
def test_the_report_title_in_a_title_tag(title: str, part: str) -> None:
    assert page_title_part(title) == part
