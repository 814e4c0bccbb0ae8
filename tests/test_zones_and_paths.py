"""What the build machine's time zone and folder names must not change: report order and 修订记录."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import GOOD_REPORT, MINIMAL_CONFIG, SiteDir, soup
from test_history import git, revisions


def _report(title: str, serial: str, published: str) -> str:
    return (GOOD_REPORT.replace("八陡镇2023年度重点工作情况", title).replace("5432138", serial)
            .replace("published: 2024-01-15", f"published: {published}").replace("issued: 2024-01-15", "issued: 2024-03-01"))


def test_reports_an_hour_apart_keep_their_order_across_a_daylight_saving_gap(
        site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> None:
    """02:30 on 2024-03-10 does not exist in New York; read as local time it sorted after 03:15."""
    site.write("content/2023/badou-key-work.md", _report("较早的报告", "1000001", "2024-03-10 02:30"))
    site.write("content/2023/later.md", _report("较晚的报告", "1000002", "2024-03-10 03:15"))
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert site.build("--no-pdf", "--no-search").code == 0
    finally:
        monkeypatch.undo()
        time.tzset()
    titles = [a.get_text() for a in soup(site.output / "2023/index.html").select(".report-list li > a")]
    assert titles == ["较晚的报告", "较早的报告"]


def test_history_is_read_for_a_site_in_a_chinese_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """git quotes non-ASCII paths by default ("\\345\\205\\253…"), which matched no report file.
    The repository holds the site one folder down, as a maintainer's repository of several sites would."""
    site = SiteDir(tmp_path / "八陡镇网站", capsys)
    site.write("config.yaml", MINIMAL_CONFIG)
    site.write("content/2023/badou-key-work.md", GOOD_REPORT)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "publish\n\nChange-Note: 发布2023年度重点工作情况")
    assert site.build("--no-pdf", "--no-search").code == 0
    assert revisions(site) == ["2024-01-15 发布2023年度重点工作情况"]
