"""What report pages say of their changes: 修订记录 lists only the notes editors publish (`changes:` and
Change-Note trailers), 最后更新 dates the last real change; history comes from one git log pass."""

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


def last_update(site: SiteDir, page: str = "2023/badou-key-work/index.html") -> str | None:
    section = soup(site.output / page).select_one(".revisions time")
    return section.get_text() if section else None


def test_the_page_lists_change_notes_never_commit_subjects(site: SiteDir) -> None:
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "Initial import of the 2023 report")
    site.write(REPORT, GOOD_REPORT.replace("20.69亿元", "20.70亿元"))
    git(site.root, "commit", "-qam", "fix figure\n\nChange-Note: 更正规上工业产值", date="2024-02-01T23:30:00+00:00")
    site.write(REPORT, GOOD_REPORT.replace("20.69亿元", "20.71亿元"))
    git(site.root, "commit", "-qam", "typo", date="2024-03-05T10:00:00+08:00")
    assert site.build("--no-pdf", "--no-search").code == 0
    assert revisions(site) == ["2024-02-02 更正规上工业产值"]  # Beijing date of the commit
    assert last_update(site) == "2024-03-05"  # the last commit that changed the text, noted or not
    page = (site.output / "2023/badou-key-work/index.html").read_text(encoding="utf-8")
    assert "Initial import" not in page and "fix figure" not in page and "typo" not in page


def test_a_metadata_or_white_space_tidy_up_is_not_an_update(site: SiteDir) -> None:
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "发布")
    site.write(REPORT, GOOD_REPORT.replace("category: 工作总结", "category: 工作总结\nkeywords: [经济]"))
    git(site.root, "commit", "-qam", "关键词", date="2024-02-10T10:00:00+08:00")
    site.write(REPORT, GOOD_REPORT.replace("category: 工作总结", "category: 工作总结\nkeywords: [经济]")
               .replace("全年完成", "全年完成 ").replace("\n## 一", "\n\n## 一"))
    git(site.root, "commit", "-qam", "排版", date="2024-02-20T10:00:00+08:00")
    assert site.build("--no-pdf", "--no-search").code == 0
    assert last_update(site) == "2024-01-15"


def test_front_matter_changes_and_trailers_are_merged_newest_first(site: SiteDir) -> None:
    site.write(REPORT, GOOD_REPORT.replace("category: 工作总结", "category: 工作总结\nchanges:\n"
                                           "  - {date: 2024-03-01, note: 补充附件说明}"))
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "x\n\nChange-Note: 首次发布")
    assert site.build("--no-pdf", "--no-search").code == 0
    assert revisions(site) == ["2024-03-01 补充附件说明", "2024-01-15 首次发布"]
    assert last_update(site) == "2024-03-01"


def test_changes_without_git_and_the_settings_of_the_section(site: SiteDir) -> None:
    site.write(REPORT, GOOD_REPORT.replace("category: 工作总结", "category: 工作总结\nchanges:\n"
                                           "  - {date: 2024-03-01, note: 补充附件说明}"))
    assert site.build("--no-pdf", "--no-search").code == 0
    assert revisions(site) == ["2024-03-01 补充附件说明"] and last_update(site) == "2024-03-01"
    config = (site.root / "config.yaml").read_text(encoding="utf-8")
    site.write("config.yaml", config + "revisions:\n  show: false\n")
    assert site.build("--no-pdf", "--no-search").code == 0
    assert soup(site.output / "2023/badou-key-work/index.html").select_one(".revisions") is None


def test_last_update_from_notes_only_when_configured(site: SiteDir) -> None:
    config = (site.root / "config.yaml").read_text(encoding="utf-8")
    site.write("config.yaml", config + "revisions:\n  updated: notes\n")
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "发布")
    assert site.build("--no-pdf", "--no-search").code == 0
    assert soup(site.output / "2023/badou-key-work/index.html").select_one(".revisions") is None
    site.write("config.yaml", config + "revisions:\n  updated: sometimes\n")
    run = site.build("--no-pdf", "--no-search")
    assert run.code == 1 and '`revisions.updated` "sometimes" must be content' in run.err


def test_a_change_without_a_real_date_names_its_line(site: SiteDir) -> None:
    text = GOOD_REPORT.replace("category: 工作总结", "category: 工作总结\nchanges:\n  - {date: 2024-02-30, note: x}")
    site.write(REPORT, text)
    run = site.build("--no-pdf", "--no-search")
    line = text.splitlines().index("  - {date: 2024-02-30, note: x}") + 1
    assert run.code == 1
    assert f"{REPORT}:{line}: each change needs a real `date:` (YYYY-MM-DD) and a `note:`" in run.err


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
    git(site.root, "commit", "-qm", "批量发布\n\nChange-Note: 批量发布")
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
