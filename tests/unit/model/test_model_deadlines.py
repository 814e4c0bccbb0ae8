"""model.deadlines on site models made directly: which deadline a publisher has (its own, the site's,
its level's), which 年报 count (published and scheduled, never drafts), when a pending deadline next
passes, and config's month-day grammar and the build's moment they are measured at."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from conftest import report_entry
from reportsite.config.model import AnnualReportSettings, month_day
from reportsite.model import Release, build_site
from reportsite.model.deadlines import deadline_problems, due, next_deadline
from reportsite.pipeline import BuildOptions

NOW = dt.datetime(2024, 6, 1, 12, 0)


def with_publisher(config, **changes):  # type: ignore[no-untyped-def]
    """The minimal config with its one publisher (博山区八陡镇) changed, and `annual_report` if given."""
    settings = changes.pop("settings", config.annual_report)
    return replace(config, publishers=(replace(config.publishers[0], **changes),), annual_report=settings)


def annual(config, year: int, published: str, **fields: object):  # type: ignore[no-untyped-def]
    return report_entry(config, f"{year}/nianbao.md", f"八陡镇{year}年度政府信息公开工作年度报告", published,
                        **({"category": "信息公开年报", "publisher": config.publishers[0]} | fields))


def warnings_at(config, entries, now: dt.datetime) -> list[str]:  # type: ignore[no-untyped-def]
    site, _ = build_site(config, entries, release=Release(NOW))
    return [str(p) for p in deadline_problems(site, now)]


@pytest.mark.parametrize("level, expected", [
    ("township", dt.date(2024, 1, 31)), ("subdistrict", dt.date(2024, 1, 31)), ("department", dt.date(2024, 1, 31)),
    ("county", dt.date(2024, 3, 31)), ("city", dt.date(2024, 3, 31)), ("province", dt.date(2024, 3, 31)),
])
def test_each_level_has_the_deadline_of_the_regulation(minimal_config, level: str, expected: dt.date) -> None:  # type: ignore[no-untyped-def]
    config = with_publisher(minimal_config, level=level)
    assert due(config, config.publishers[0], 2023) == expected


def test_the_sites_deadline_beats_the_level_and_the_publishers_own_beats_both(minimal_config) -> None:  # type: ignore[no-untyped-def]
    site_wide = with_publisher(minimal_config, level="county", settings=AnnualReportSettings(deadline=(2, 15)))
    assert due(site_wide, site_wide.publishers[0], 2023) == dt.date(2024, 2, 15)
    own = with_publisher(site_wide, annual_deadline=(4, 30))
    assert due(own, own.publishers[0], 2023) == dt.date(2024, 4, 30)


def test_an_unconfigured_publisher_is_held_to_31_january(minimal_config) -> None:  # type: ignore[no-untyped-def]
    publisher, _ = minimal_config.resolve_publisher("某某县档案馆")
    assert due(minimal_config, publisher, 2023) == dt.date(2024, 1, 31)


@pytest.mark.parametrize("text, expected", [
    ("03-31", (3, 31)), ("3-31", (3, 31)), ("01-31", (1, 31)), (" 12-31 ", (12, 31)),
    ("02-29", None), ("02-30", None), ("13-01", None), ("March", None), ("2024-03-31", None), ("", None),
])
def test_a_deadline_is_a_month_and_day_every_year_has(text: str, expected: tuple[int, int] | None) -> None:
    assert month_day(text) == expected


def test_a_draft_does_not_count_as_published_and_a_scheduled_report_is_checked_before_it_appears(
        minimal_config) -> None:  # type: ignore[no-untyped-def]
    entries = [annual(minimal_config, 2022, "2023-01-10 09:00"),
               annual(minimal_config, 2023, "2024-01-20 09:00", draft=True)]
    assert warnings_at(minimal_config, entries, dt.datetime(2024, 2, 1)) == [
        "content/2022/nianbao.md: warning: 博山区八陡镇 published a 2022 年报 (this file) but none for 2023, which was "
        "due by 2024-01-31; add it under content/2023/ with `python build.py new --category 信息公开年报 --publisher "
        "badou --year 2023 --title 八陡镇2023年度政府信息公开工作年度报告`"]
    scheduled = [annual(minimal_config, 2023, "2024-07-01 09:00")]  # after NOW: held back, due to appear
    assert warnings_at(minimal_config, scheduled, dt.datetime(2024, 1, 1)) == [
        "content/2023/nianbao.md: warning: 发布日期 2024-07-01 is after the deadline of 博山区八陡镇's 2023 年报, "
        "2024-01-31: 152 day(s) late; if the date is wrong, correct `published`; if the deadline is, set the "
        "publisher's `level` or `annual_deadline` in config.yaml"]


def test_other_categories_have_no_deadline(minimal_config) -> None:  # type: ignore[no-untyped-def]
    late_summary = annual(minimal_config, 2022, "2023-12-10 09:00", category="工作总结")
    assert warnings_at(minimal_config, [late_summary], dt.datetime(2027, 1, 1)) == []


def test_the_next_deadline_is_the_first_moment_a_missing_report_is_overdue(minimal_config) -> None:  # type: ignore[no-untyped-def]
    site, _ = build_site(minimal_config, [annual(minimal_config, 2022, "2023-01-10 09:00")], release=Release(NOW))
    assert next_deadline(site, dt.datetime(2024, 1, 31, 23, 59, 59)) == dt.datetime(2024, 2, 1, 0, 0)
    assert next_deadline(site, dt.datetime(2024, 2, 1, 0, 0)) is None  # passed: the warning is given now


def test_deadlines_are_measured_at_source_date_epoch_in_beijing_unless_the_build_is_given_a_moment(
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1706716800")  # 2024-01-31T16:00:00Z
    assert BuildOptions(tmp_path / "config.yaml").checked_at() == dt.datetime(2024, 2, 1, 0, 0)
    given = dt.datetime(2030, 1, 1, 8, 0)
    assert BuildOptions(tmp_path / "config.yaml", now=given).checked_at() == given


def test_a_build_that_shows_drafts_still_counts_a_draft_as_missing(minimal_config) -> None:  # type: ignore[no-untyped-def]
    entries = [annual(minimal_config, 2022, "2023-01-10 09:00"),
               annual(minimal_config, 2023, "2024-01-20 09:00", draft=True)]
    site, _ = build_site(minimal_config, entries, release=Release(NOW, drafts=True))
    assert [p.message.code for p in deadline_problems(site, dt.datetime(2024, 2, 1))] == ["deadlines.missing"]
