"""The official heading numbering both the renderer and the importer read: levels, numbers, limits."""

from __future__ import annotations

import re

import pytest

from reportsite.core.numbering import (MARKER_RE, MAX_HEADING_CHARS, chinese_number, heading_level,
                                       marker_level_and_number, official_level)


@pytest.mark.parametrize("text, level", [
    ("一、总体情况", 2), ("二十三、其他事项", 2), ("（二）", 3), ("(三)主要做法", 3),
    ("3.", 4), ("3．加强组织领导", 4), ("（4）", 5), ("(12)专项行动", 5),
])
def test_each_form_of_numbering_gives_its_heading_level(text: str, level: int) -> None:
    assert official_level(text) == level


@pytest.mark.parametrize("text", ["一是经济运行稳中有进", "2024年工作", "8.5亿元", "3.14", "总体情况", "第一、"])
def test_text_that_only_starts_with_a_numeral_has_no_level(text: str) -> None:
    assert official_level(text) is None


def test_a_page_takes_any_written_numerals_for_a_heading_number() -> None:
    """What an editor writes as a heading is one; only the importer, guessing, is stricter."""
    assert official_level("一百零一、附则") == 2
    assert official_level("（二〇）附表") == 3
    assert MARKER_RE.fullmatch("（二〇）") is None


def test_a_numbered_sentence_is_prose_not_a_heading() -> None:
    assert heading_level("一、总体情况") == 2
    assert heading_level("一、总体情况良好。全年完成各项目标任务") is None
    assert heading_level("（一）加强领导；落实责任") is None
    assert heading_level("（一）加强组织领导。") == 3  # a full stop at the very end is still a heading
    assert heading_level("一、总体情况\n全年完成各项目标任务") is None


def test_the_length_limit_is_forty_characters() -> None:
    assert MAX_HEADING_CHARS == 40
    assert heading_level("一、" + "字" * 38) == 2
    assert heading_level("一、" + "字" * 39) is None


@pytest.mark.parametrize("text, number", [
    ("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("九十九", 99),
    ("", 0), ("十十", 0), ("一二", 0), ("百", 0), ("一百", 0), ("二十三四", 0), ("3", 0),
])
def test_chinese_number(text: str, number: int) -> None:
    assert chinese_number(text) == number


@pytest.mark.parametrize("text, found", [
    ("工作。二、主要做法", ("二、", 2, 2)),
    ("情况（十二）其他", ("（十二）", 3, 12)),
    ("做法3.确保满意", ("3.", 4, 3)),
    ("如下：（4）招商", ("（4）", 5, 4)),
])
def test_markers_are_found_in_running_text_with_level_and_number(text: str, found: tuple[str, int, int]) -> None:
    match = MARKER_RE.search(text)
    assert match is not None and (match.group(), *marker_level_and_number(match)) == found


@pytest.mark.parametrize("text", ["收入3.14亿元", "版本1.2.3", "共12.5%"])
def test_a_figure_with_a_point_is_no_marker(text: str) -> None:
    assert not [m for m in MARKER_RE.finditer(text) if re.fullmatch(r"\d+[.．]", m.group())]
