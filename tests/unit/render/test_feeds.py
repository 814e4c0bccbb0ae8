"""The Atom feed: the newest reports first, at most FEED_SIZE of them, every time in Beijing time with
its +08:00 offset, and the feed's own `updated` fixed by SOURCE_DATE_EPOCH when it is set."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

import pytest

from conftest import report_entry
from reportsite.model import Release, Site, build_site
from reportsite.render.feeds import FEED_SIZE, atom_feed

A = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def no_source_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def site_with(config, *reports: tuple[str, str, str]) -> Site:  # type: ignore[no-untyped-def]
    entries = [report_entry(config, name, title, published) for name, title, published in reports]
    site, problems = build_site(config, entries, release=Release(dt.datetime(2030, 1, 1)))
    assert problems == []
    return site


def feed(site: Site) -> ET.Element:
    return ET.fromstring(atom_feed(site).encode("utf-8"))


def test_entries_are_the_newest_reports_first_with_beijing_times(minimal_config) -> None:  # type: ignore[no-untyped-def]
    site = site_with(minimal_config,
                     ("2022/a.md", "2022年报告", "2023-01-05 09:30"),
                     ("2023/b.md", "2023年报告", "2024-01-15 16:00"),
                     ("2023/c.md", "2023年另一份报告", "2024-01-15 08:00"))
    entries = feed(site).findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == ["2023年报告", "2023年另一份报告", "2022年报告"]
    assert [e.findtext(f"{A}published") for e in entries] == [
        "2024-01-15T16:00:00+08:00", "2024-01-15T08:00:00+08:00", "2023-01-05T09:30:00+08:00"]
    assert entries[0].findtext(f"{A}updated") == "2024-01-15T16:00:00+08:00"
    assert entries[0].findtext(f"{A}id") == "https://www.example.gov.cn/town/2023/b/"
    assert entries[0].find(f"{A}link").get("href") == "https://www.example.gov.cn/town/2023/b/"


def test_the_feed_is_updated_when_its_newest_report_was_published(minimal_config) -> None:  # type: ignore[no-untyped-def]
    site = site_with(minimal_config, ("2022/a.md", "甲", "2023-01-05 09:30"), ("2023/b.md", "乙", "2024-01-15 16:00"))
    assert feed(site).findtext(f"{A}updated") == "2024-01-15T16:00:00+08:00"


def test_source_date_epoch_fixes_the_feeds_updated_and_nothing_else(minimal_config,  # type: ignore[no-untyped-def]
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    site = site_with(minimal_config, ("2023/b.md", "乙", "2024-01-15 16:00"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    root = feed(site)
    assert root.findtext(f"{A}updated") == "2023-11-15T06:13:20+08:00"
    assert root.find(f"{A}entry").findtext(f"{A}updated") == "2024-01-15T16:00:00+08:00"


def test_a_source_date_epoch_that_is_no_whole_number_is_ignored(minimal_config,  # type: ignore[no-untyped-def]
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    site = site_with(minimal_config, ("2023/b.md", "乙", "2024-01-15 16:00"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert feed(site).findtext(f"{A}updated") == "2024-01-15T16:00:00+08:00"


def test_the_feed_holds_at_most_feed_size_entries_the_newest_ones(minimal_config) -> None:  # type: ignore[no-untyped-def]
    assert FEED_SIZE == 50
    start = dt.datetime(2023, 1, 1, 9, 0)
    reports = [(f"2023/r{n:02d}.md", f"报告{n:02d}", (start + dt.timedelta(days=n)).isoformat(sep=" "))
               for n in range(52)]
    entries = feed(site_with(minimal_config, *reports)).findall(f"{A}entry")
    assert len(entries) == 50
    assert entries[0].findtext(f"{A}title") == "报告51" and entries[-1].findtext(f"{A}title") == "报告02"


def test_the_feed_names_the_site_and_links_itself(minimal_config) -> None:  # type: ignore[no-untyped-def]
    root = feed(site_with(minimal_config, ("2023/b.md", "乙", "2024-01-15 16:00")))
    assert root.findtext(f"{A}title") == "测试镇人民政府"
    assert root.findtext(f"{A}id") == "https://www.example.gov.cn/town/"
    assert {link.get("rel"): link.get("href") for link in root.findall(f"{A}link")} == {
        "self": "https://www.example.gov.cn/town/feed.xml", "alternate": "https://www.example.gov.cn/town/"}
    assert root.find(f"{A}entry").find(f"{A}author").findtext(f"{A}name") == "博山区八陡镇"


def test_an_empty_site_gives_a_feed_without_entries(minimal_config) -> None:  # type: ignore[no-untyped-def]
    root = feed(site_with(minimal_config))
    assert root.findall(f"{A}entry") == []
    assert root.findtext(f"{A}updated") == "2000-01-01T00:00:00+08:00"
