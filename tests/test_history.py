"""Change history from git on report pages: 最后更新 and 修订记录, from one git log pass."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import GOOD_REPORT, SiteDir, soup

REPORT = "content/2023/badou-key-work.md"


def git(root: Path, *args: str, date: str = "2024-01-15T10:00:00+08:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "编辑",
           "GIT_AUTHOR_EMAIL": "editor@example.gov.cn", "GIT_COMMITTER_NAME": "编辑",
           "GIT_COMMITTER_EMAIL": "editor@example.gov.cn"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def revisions(site: SiteDir, page: str = "2023/badou-key-work/index.html") -> list[str]:
    doc = soup(site.output / page)
    return [li.get_text(" ", strip=True) for li in doc.select(".revisions__list li")]


def test_history_lists_commits_newest_first_with_last_update(site: SiteDir) -> None:
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "发布2023年度重点工作情况")
    site.write(REPORT, GOOD_REPORT.replace("20.69亿元", "20.70亿元"))
    git(site.root, "commit", "-qam", "更正规上工业产值", date="2024-02-01T23:30:00+00:00")
    assert site.build("--no-pdf", "--no-search").code == 0
    assert revisions(site) == ["2024-02-02 更正规上工业产值", "2024-01-15 发布2023年度重点工作情况"]
    page = soup(site.output / "2023/badou-key-work/index.html")
    assert "最后更新：2024-02-02" in page.select_one(".revisions").get_text()


def test_uncommitted_report_and_non_git_site_have_no_history(site: SiteDir) -> None:
    assert site.build("--no-pdf", "--no-search").code == 0
    assert soup(site.output / "2023/badou-key-work/index.html").select_one(".revisions") is None
    git(site.root, "init", "-q")
    git(site.root, "add", "config.yaml")
    git(site.root, "commit", "-qm", "配置")
    assert site.build("--no-pdf", "--no-search").code == 0
    assert revisions(site) == []


def test_history_is_read_in_one_git_pass(site: SiteDir, monkeypatch) -> None:
    git(site.root, "init", "-q")
    for year in range(2015, 2023):
        site.write(f"content/{year}/r.md", GOOD_REPORT.replace("2024-", f"{year + 1}-").replace("2023", str(year))
                   .replace("5432138", str(year)))
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "批量发布")
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(args, *rest, **kwargs):  # type: ignore[no-untyped-def]
        if args and args[0] == "git":
            calls.append(list(args))
        return real_run(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting_run)
    assert site.build("--no-pdf", "--no-search").code == 0
    assert len([c for c in calls if "log" in c]) == 1
    assert revisions(site, "2017/r/index.html") == ["2024-01-15 批量发布"]
