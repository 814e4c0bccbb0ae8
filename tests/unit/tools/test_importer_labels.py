"""tools.importer.labels: a CMS's metadata read in every layout it is printed in."""

from __future__ import annotations

import pytest

from reportsite.tools.importer.labels import (Conflict, is_field_line, is_label_line, parse_labels, read_labels,
                                              with_label_colon)


def fields(*lines: str) -> dict[str, str]:
    return dict(parse_labels(lines))


def test_colon_labels_one_per_line_with_either_colon() -> None:
    assert fields("标题：某镇2023年工作总结", "发布机构: 某镇人民政府", "成文日期：2024-01-10") == {
        "title": "某镇2023年工作总结", "publisher": "某镇人民政府", "issued": "2024-01-10"}


def test_several_colon_labels_to_a_line_end_each_other() -> None:
    assert fields("信息索引号：113703/2024-00012    主题分类：工作总结    发文字号：") == {
        "index_no": "113703/2024-00012", "category": "工作总结"}


def test_labels_without_colons_several_to_a_line() -> None:
    assert fields("索引号 MB1670946/2023-00023 生成日期 2023-01-17 公开日期 2023-01-17") == {
        "index_no": "MB1670946/2023-00023", "issued": "2023-01-17", "published": "2023-01-17"}


def test_an_empty_field_without_a_colon_still_ends_the_value_before_it() -> None:
    assert fields("发布机构 江宁区统计局 文号") == {"publisher": "江宁区统计局"}


def test_a_table_header_row_laid_out_with_spaces_is_not_metadata() -> None:
    assert fields("名称  数量  金额") == {}
    assert not is_field_line("名称  数量  金额") and not is_label_line("名称  数量  金额")


@pytest.mark.parametrize("row, expected", [
    ("| 索引号 | 1137/2024-1 | 主题分类 | 综合政务 |", {"index_no": "1137/2024-1", "category": "综合政务"}),
    ("| 文号 | | 发布日期 | 2024/1/16 10:30 |", {"published": "2024/1/16 10:30"}),
    ("文件名称 | 某街道2023年工作计划 |", {"title": "某街道2023年工作计划"}),
    ("| --- | --- | --- | --- |", {}),
])
def test_pipe_table_rows(row: str, expected: dict[str, str]) -> None:
    assert fields(row) == expected


def test_spaced_full_width_spaced_and_bracketed_labels() -> None:
    assert fields("索 引 号：A-1", "标　　题：某镇报告", "【文号】某政发〔2024〕1号 【发布机构】某镇") == {
        "index_no": "A-1", "title": "某镇报告", "doc_no": "某政发〔2024〕1号", "publisher": "某镇"}


def test_the_new_labels_are_read_or_end_the_value_before_them() -> None:
    found = fields("发布机构：某镇人民政府 公开方式：主动公开 公开时限：常年公开", "组配分类：工作总结",
                   "公开目录：计划总结", "有效性：有效", "内容概述：某镇全年工作情况。", "文件编号：无")
    assert found == {"publisher": "某镇人民政府", "category": "工作总结", "column": "计划总结", "status": "有效",
                     "summary": "某镇全年工作情况。"}


def test_two_different_values_of_a_field_are_a_conflict_naming_both() -> None:
    labels = read_labels(["索引号：A/2024-00002", "信息索引号：A/2024-00003", "发文机关：某镇办公室",
                          "发布机构：某镇人民政府"])
    assert dict(labels.values) == {"index_no": "A/2024-00002", "publisher": "某镇人民政府"}
    assert labels.conflicts == (Conflict("索引号", "A/2024-00002", "信息索引号", "A/2024-00003"),
                                Conflict("发布机构", "某镇人民政府", "发文机关", "某镇办公室"))


def test_the_same_day_written_twice_is_no_conflict_and_keeps_its_time() -> None:
    labels = read_labels(["公开日期：2024年01月05日", "发布时间：2024-01-05 09:30", "发布日期：2024/1/5"])
    assert labels.conflicts == ()
    assert dict(labels.values) == {"published": "2024-01-05 09:30"}


def test_what_starts_a_metadata_block() -> None:
    assert is_field_line("索引号 MB1670946/2023-00023 生成日期 2023-01-17")
    assert is_field_line("| 发布机构 | 某镇 |")
    assert not is_field_line("来源：某镇")  # a label, but of a field not kept
    assert is_label_line("来源：某镇")


def test_a_bare_label_cell_is_given_its_colon() -> None:
    assert with_label_colon("索 引 号") == "索 引 号："
    assert with_label_colon("某镇人民政府") == "某镇人民政府"
