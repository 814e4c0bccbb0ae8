"""The one date grammar: the form front matter takes, and the loose forms editors type instead."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from reportsite.core.dates import (DATE_TEXT, NoSuchDay, NoSuchTime, NotIsoForm, find_date, iso_day, parse_iso,
                                   suggest_iso)


@pytest.mark.parametrize(("typed", "iso"), [
    ("2024年1月5日", "2024-01-05"),
    ("2024 年 1 月 5 日", "2024-01-05"),
    ("2024/1/5", "2024-01-05"),
    ("2024.01.05", "2024-01-05"),
    ("2024-1-5", "2024-01-05"),
    ("二〇二四年一月五日", "2024-01-05"),
    ("２０２４年１月５日", "2024-01-05"),  # full-width digits, as Chinese input methods type them
    ("20240105", "2024-01-05"),
    ("Jan 5, 2024", "2024-01-05"),
    ("January 5 2024", "2024-01-05"),
    ("5 Jan 2024", "2024-01-05"),
    ("5 sept. 2024", "2024-09-05"),
])
def test_each_loose_form_suggests_its_iso_form(typed: str, iso: str) -> None:
    assert suggest_iso(typed) == iso


@pytest.mark.parametrize("typed", ["2024年2月30日", "20241301", "Feb 30, 2024", "2024年", "5 Foo 2024", "昨天", ""])
def test_no_suggestion_for_what_is_no_real_day(typed: str) -> None:
    assert suggest_iso(typed) is None


def test_a_time_is_suggested_only_where_one_is_allowed() -> None:
    assert suggest_iso("2024/1/5 9:30", allow_time=True) == "2024-01-05 09:30"
    assert suggest_iso("2024年1月5日 09：30", allow_time=True) == "2024-01-05 09:30"
    assert suggest_iso("2024-1-5T09:30:15", allow_time=True) == "2024-01-05 09:30"
    assert suggest_iso("2024/1/5 9:30") == "2024-01-05"


def test_the_strict_form_reads_a_day_and_a_time() -> None:
    assert parse_iso("2024-01-05") == dt.datetime(2024, 1, 5)
    assert parse_iso("2024-01-05 09:30", allow_time=True) == dt.datetime(2024, 1, 5, 9, 30)
    assert parse_iso("2024-02-29") == dt.datetime(2024, 2, 29)


@pytest.mark.parametrize("typed", ["2024-1-5", "2024/01/05", "2024年1月5日", "2024-01-05T09:30", "24-01-05", " "])
def test_the_strict_form_refuses_every_other_form(typed: str) -> None:
    with pytest.raises(NotIsoForm):
        parse_iso(typed, allow_time=True)


def test_a_time_is_refused_where_none_is_allowed() -> None:
    with pytest.raises(NotIsoForm):
        parse_iso("2024-01-05 09:30")


@pytest.mark.parametrize("typed", ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10"])
def test_a_day_the_calendar_lacks_is_refused(typed: str) -> None:
    with pytest.raises(NoSuchDay):
        parse_iso(typed)


@pytest.mark.parametrize("typed", ["2024-01-05 24:00", "2024-01-05 09:60"])
def test_a_time_the_clock_lacks_is_refused(typed: str) -> None:
    with pytest.raises(NoSuchTime):
        parse_iso(typed, allow_time=True)


def test_a_day_of_a_change_entry() -> None:
    assert iso_day(" 2024-02-02 ") == dt.date(2024, 2, 2)
    assert iso_day("2024-02-02 09:30") is None
    assert iso_day("2024-02-30") is None
    assert iso_day(dt.date(2024, 2, 2)) is None  # YAML's own dates are not the editor's text
    assert iso_day(20240202) is None


def test_a_date_is_found_in_a_page_line_with_its_time() -> None:
    assert find_date("发布时间：2024-01-05 09:30  来源：办公室") == "2024-01-05 09:30"
    assert find_date("日期：2024年1月5日") == "2024-01-05"
    assert find_date("2024/2/30") == ""
    assert find_date("no date here") == ""


def test_a_date_in_chinese_numerals_is_found_as_公文_sign_them() -> None:
    assert find_date("成文日期：二〇二四年一月十六日") == "2024-01-16"
    assert find_date("二〇二三年十二月三十一日") == "2023-12-31"
    assert find_date("二〇二四年十月十日") == "2024-10-10"
    assert find_date("二〇二四年二月三十日") == ""  # no such day


def test_the_embeddable_pattern_matches_a_loose_date_and_captures_nothing() -> None:
    pattern = re.compile("时间：" + DATE_TEXT)
    assert pattern.fullmatch("时间：2024年1月5日 09:30")
    assert pattern.fullmatch("时间：2024/1/5")
    assert not pattern.fullmatch("时间：昨天")
    assert pattern.groups == 0
