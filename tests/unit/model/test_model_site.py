"""build_site groups entries into the site: reports newest first (then by title), years newest first,
series neighbours in time, 索引号 and URLs unique across the site, and drafts and reports still to be
published held back unless the build asks for them."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import report_entry
from reportsite.content.entry import Entry
from reportsite.model import Release, Report, Site, build_site

NOW = dt.datetime(2024, 6, 1, 12, 0)
SERIES = "年度重点工作情况"


@pytest.fixture
def config(minimal_config):  # type: ignore[no-untyped-def]
    return minimal_config


@pytest.fixture
def make(config):  # type: ignore[no-untyped-def]
    def entry(name: str, title: str, published: str, **fields: object) -> Entry:
        return report_entry(config, name, title, published, **fields)

    return entry


def titles(reports: tuple[Report, ...]) -> list[str]:
    return [r.title for r in reports]


def site_of(config, entries: list[Entry], release: Release | None = None) -> tuple[Site, list]:  # type: ignore[no-untyped-def]
    return build_site(config, entries, release=release or Release(NOW))


def test_reports_are_newest_first_then_by_title(config, make) -> None:  # type: ignore[no-untyped-def]
    site, problems = site_of(config, [
        make("2023/b.md", "乙报告", "2024-01-10 09:00"),
        make("2023/a.md", "甲报告", "2024-01-10 09:00"),
        make("2023/old.md", "最早的报告", "2024-01-02"),
        make("2023/new.md", "最新的报告", "2024-03-01"),
    ])
    assert problems == []
    # one minute, so by title, in code point order: 乙 (U+4E59) before 甲 (U+7532)
    assert titles(site.years[0].reports) == ["最新的报告", "乙报告", "甲报告", "最早的报告"]


def test_years_are_newest_first_and_hold_their_own_reports(config, make) -> None:  # type: ignore[no-untyped-def]
    site, _ = site_of(config, [
        make("2021/a.md", "2021年报告", "2022-01-05"),
        make("2023/a.md", "2023年报告", "2024-01-05"),
        make("2022/a.md", "2022年报告", "2023-01-05"),
    ])
    assert [y.year for y in site.years] == [2023, 2022, 2021]
    assert [titles(y.reports) for y in site.years] == [["2023年报告"], ["2022年报告"], ["2021年报告"]]
    assert [y.path for y in site.years] == ["2023/", "2022/", "2021/"]
    assert titles(site.reports) == ["2023年报告", "2022年报告", "2021年报告"]


def test_each_report_of_a_series_links_the_one_before_and_after_it(config, make) -> None:  # type: ignore[no-untyped-def]
    site, _ = site_of(config, [
        make("2023/key.md", "2023年度重点工作情况", "2024-01-05", series=SERIES),
        make("2021/key.md", "2021年度重点工作情况", "2022-01-05", series=SERIES),
        make("2022/key.md", "2022年度重点工作情况", "2023-01-05", series=SERIES),
        make("2022/other.md", "不在系列中的报告", "2023-02-01"),
    ])
    by_title = {r.title: r for r in site.reports}
    first, middle, last = (by_title[f"{y}年度重点工作情况"] for y in (2021, 2022, 2023))
    assert first.previous is None and first.next is not None and first.next.path == "2022/key/"
    assert (middle.previous.title, middle.next.title) == ("2021年度重点工作情况", "2023年度重点工作情况")
    assert last.previous is not None and last.previous.path == "2022/key/" and last.next is None
    lone = by_title["不在系列中的报告"]
    assert lone.previous is None and lone.next is None
    assert [(s.name, titles(s.reports)) for s in site.series] == [
        (SERIES, ["2023年度重点工作情况", "2022年度重点工作情况", "2021年度重点工作情况"])]


def test_a_duplicate_index_number_is_an_error_on_the_second_file(config, make) -> None:  # type: ignore[no-untyped-def]
    _, problems = site_of(config, [
        make("2023/b.md", "乙报告", "2024-01-10", index_no="1137030400421863XL/2024-7"),
        make("2023/a.md", "甲报告", "2024-01-11", index_no="1137030400421863XL/2024-7"),
    ])
    assert [str(p) for p in problems] == [
        'content/2023/b.md:4: 索引号 "1137030400421863XL/2024-7" is also used by content/2023/a.md (added earlier); '
        "this report was added later: give it its own serial, or delete it if it is a copy"]


def test_two_files_with_one_url_are_an_error(config, make) -> None:  # type: ignore[no-untyped-def]
    _, problems = site_of(config, [
        make("2023/report.md", "甲报告", "2024-01-10"),
        make("2023/report/index.md", "乙报告", "2024-01-11", slug="report"),
    ])
    assert [p.message.code for p in problems] == ["content.duplicate_url"]
    assert 'URL "2023/report/" is also used by content/2023/report.md (added earlier)' in str(problems[0])


def test_an_empty_index_number_is_no_duplicate(config, make) -> None:  # type: ignore[no-untyped-def]
    _, problems = site_of(config, [make("2023/a.md", "甲报告", "2024-01-10", index_no=""),
                                   make("2023/b.md", "乙报告", "2024-01-11", index_no="")])
    assert problems == []


def test_a_clash_with_a_draft_is_reported_before_the_draft_is_published(config, make) -> None:  # type: ignore[no-untyped-def]
    _, problems = site_of(config, [
        make("2023/a.md", "甲报告", "2024-01-10", index_no="X/2024-1"),
        make("2023/b.md", "乙报告", "2024-01-11", index_no="X/2024-1", draft=True),
    ])
    assert [p.message.code for p in problems] == ["content.duplicate_index_no"]


@pytest.fixture
def unfinished(make) -> list[Entry]:  # type: ignore[no-untyped-def]
    return [
        make("2024/public.md", "已发布的报告", "2024-06-01 12:00"),  # published this very minute
        make("2024/draft.md", "草稿", "2024-05-01", draft=True),
        make("2024/later.md", "定时发布的报告", "2024-06-01 12:01"),
    ]


def test_drafts_and_reports_still_to_come_are_held_back(config, unfinished) -> None:  # type: ignore[no-untyped-def]
    site, _ = site_of(config, unfinished, Release(NOW))
    assert titles(site.reports) == ["已发布的报告"]
    assert {r.title: r.unpublished for r in site.held} == {"草稿": "draft", "定时发布的报告": "scheduled"}


def test_drafts_are_built_when_asked_and_say_so(config, unfinished) -> None:  # type: ignore[no-untyped-def]
    site, _ = site_of(config, unfinished, Release(NOW, drafts=True))
    assert {r.title: r.unpublished for r in site.reports} == {"已发布的报告": "", "草稿": "draft"}
    assert titles(site.held) == ["定时发布的报告"]


def test_scheduled_reports_are_built_when_asked(config, unfinished) -> None:  # type: ignore[no-untyped-def]
    site, _ = site_of(config, unfinished, Release(NOW, future=True))
    assert titles(site.reports) == ["定时发布的报告", "已发布的报告"]
    assert titles(site.held) == ["草稿"]


def test_a_scheduled_report_is_public_from_its_minute(config, unfinished) -> None:  # type: ignore[no-untyped-def]
    site, _ = site_of(config, unfinished, Release(dt.datetime(2024, 6, 1, 12, 1)))
    assert titles(site.reports) == ["定时发布的报告", "已发布的报告"]
