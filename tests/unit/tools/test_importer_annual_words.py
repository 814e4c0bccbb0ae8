"""tools.importer.annual_words: a published label is the form's despite widths, spaces and quotes."""

from __future__ import annotations

import pytest

from reportsite.core.annualform import AMOUNT, CHANGE, COUNT
from reportsite.tools.importer.annual_words import is_number, read_number, same_label, split_numbering


@pytest.mark.parametrize("found, label", [
    ("1．属于国家秘密", "1.属于国家秘密"),
    ("3.危及\"三安全一稳定\"", "3.危及“三安全一稳定”"),
    ("三、本年度办 理结果", "三、本年度办理结果"),
    ("(二)部分公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("属于国家秘密", "1.属于国家秘密"),
    ("第二十条第(一)项", "第二十条第（一）项"),
])
def test_labels_that_differ_only_in_form_are_the_forms(found: str, label: str) -> None:
    assert same_label(found, label)


@pytest.mark.parametrize("found, label", [
    ("行政检查", "行政强制"), ("规范性文件", "行政规范性文件"), ("", "规章"), ("1.", "1.属于国家秘密"),
    ("（二）部分", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
])
def test_other_words_are_another_row(found: str, label: str) -> None:
    assert not same_label(found, label)


def test_numbering_is_told_apart_from_the_words() -> None:
    assert split_numbering("（三）不予公开") == ("(三)", "不予公开")
    assert split_numbering("12.其他") == ("12.", "其他")
    assert split_numbering("规章") == ("", "规章")


@pytest.mark.parametrize("text, kind, expected", [
    ("75394432.52元", AMOUNT, (75394432.52, "元")), ("9116.36", AMOUNT, (9116.36, "")),
    ("1,234", COUNT, (1234, "")), ("１２", COUNT, (12, "")), (" 7 ", COUNT, (7, "")),
    ("-18", CHANGE, (-18, "")), ("－15", CHANGE, (-15, "")),
    ("-18", COUNT, None), ("2.5", COUNT, None), ("—", COUNT, None), ("", COUNT, None), ("12元", COUNT, None),
])
def test_cells_are_read_as_their_columns_kind(text: str, kind: str, expected: object) -> None:
    assert read_number(text, kind) == expected


def test_a_row_of_labels_has_no_numbers() -> None:
    assert not is_number("信息内容") and is_number("0") and is_number("73802895.90元")
