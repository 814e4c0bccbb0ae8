"""Drafts and scheduled reports: absent from every published artefact until they are due, said so in
the build's summary, and shown with a banner where a build includes them (serve, --drafts, --future)."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

from conftest import GOOD_REPORT, SiteDir, soup
from reportsite.pipeline import BuildOptions, build

DRAFT = "content/2023/badou-draft.md"
DRAFT_TEXT = (GOOD_REPORT.replace("八陡镇2023年度重点工作情况", "八陡镇2023年度工作总结（草稿）")
              .replace("5432138", "5432139").replace("series: 年度重点工作情况\n", "")
              .replace("category: 工作总结\n", "category: 工作总结\ndraft: true\n"))
LATER = "content/2023/badou-later.md"
LATER_TEXT = (GOOD_REPORT.replace("八陡镇2023年度重点工作情况", "八陡镇2023年度工作总结（定时）")
              .replace("5432138", "5432140").replace("series: 年度重点工作情况\n", "")
              .replace("published: 2024-01-15", "published: 2999-12-31 09:00"))
FAST = ("--no-pdf",)


def every_text(folder: Path) -> str:
    """Everything the site publishes, as text: pages, feeds, sitemap, catalog and the search index."""
    texts = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # Pagefind's index files are gzipped
            data = gzip.decompress(data)
        texts.append(data.decode("utf-8", errors="replace"))
    return "\n".join(texts)


def test_a_draft_and_a_scheduled_report_are_in_no_published_file(site: SiteDir) -> None:
    site.write(DRAFT, DRAFT_TEXT)
    site.write(LATER, LATER_TEXT)
    run = site.build(*FAST)
    assert run.code == 0, run.err
    published = every_text(site.output)
    assert "badou-key-work" in published  # the published report is there, in the index too
    for slug, title in (("badou-draft", "（草稿）"), ("badou-later", "（定时）")):
        assert slug not in published and title not in published
    assert ("note: 1 draft report(s) not published (content/2023/badou-draft.md); remove `draft: true` to "
            "publish, or build with --drafts to include them") in run.out
    assert ("note: 1 report(s) scheduled for later not published; the next, content/2023/badou-later.md, appears "
            "with the first build after 2999-12-31 09:00 (Beijing time); --future includes them now") in run.out


def test_drafts_and_future_build_them_with_a_banner_and_noindex(site: SiteDir) -> None:
    site.write(DRAFT, DRAFT_TEXT)
    site.write(LATER, LATER_TEXT)
    assert site.build(*FAST, "--drafts", "--future").code == 0
    draft = soup(site.output / "2023/badou-draft/index.html")
    assert draft.select_one(".report__unpublished[role=note]").get_text().startswith("草稿：本报告尚未发布")
    assert draft.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    later = soup(site.output / "2023/badou-later/index.html")
    assert "定时发布：本报告将于 2999-12-31 09:00（北京时间）后发布" in later.select_one(".report__unpublished").get_text()
    published = soup(site.output / "2023/badou-key-work/index.html")
    assert published.select_one(".report__unpublished") is None
    assert published.find("meta", attrs={"name": "robots"}) is None


def test_the_preview_shows_drafts_with_the_banner(site: SiteDir, tmp_path: Path) -> None:
    site.write(DRAFT, DRAFT_TEXT)
    build(BuildOptions(site.root / "config.yaml", tmp_path / "preview", pdf=False, search=False, preview=True))
    banner = soup(tmp_path / "preview/2023/badou-draft/index.html").select_one(".report__unpublished")
    assert banner is not None and "草稿" in banner.get_text()


def test_a_scheduled_report_appears_with_the_first_build_after_its_time_though_nothing_changed(
        site: SiteDir) -> None:
    """A build with unchanged sources has nothing to do, except when a held report has fallen due."""
    site.write(LATER, LATER_TEXT.replace("2999-12-31 09:00", "2030-06-01 09:00"))
    options = BuildOptions(site.root / "config.yaml", pdf=False, search=False, now=dt.datetime(2030, 6, 1, 8, 59))
    first = build(options)
    assert [h.source_name for h in first.held] == [LATER] and not (site.output / "2023/badou-later").exists()
    assert build(options).rendered == 0  # still before 09:00: a no-op, still holding it back
    due = build(BuildOptions(site.root / "config.yaml", pdf=False, search=False, now=dt.datetime(2030, 6, 1, 9, 0)))
    assert due.held == () and (site.output / "2023/badou-later/index.html").is_file()


def test_draft_must_be_true_or_false(site: SiteDir) -> None:
    site.write(DRAFT, DRAFT_TEXT.replace("draft: true", "draft: 是"))
    run = site.build(*FAST)
    assert run.code == 1
    line = DRAFT_TEXT.splitlines().index("draft: true") + 1
    assert f'{DRAFT}:{line}: 草稿 (`draft`) "是" must be true or false; write `draft: true` or remove the line' in run.err
