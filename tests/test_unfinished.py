"""`check` catches unfinished reports: the skeleton's placeholders, a summary that only repeats the title,
and two reports of one year with one title. Warnings, so `check --strict` (the pre-commit hook) fails."""

from __future__ import annotations

import json

import pytest

from conftest import GOOD_REPORT, SiteDir, run_main, with_badge
from reportsite.commands.new import BODY

REPORT = "content/2023/badou-key-work.md"


@pytest.fixture
def site(site: SiteDir) -> SiteDir:
    """conftest's site with the 党政机关网站标识 its footer needs, so `check` warns only of the report."""
    return with_badge(site)


def check(site: SiteDir, *args: str) -> tuple[int, dict[str, list[dict[str, object]]]]:
    run = run_main("check", "--config", str(site.root / "config.yaml"), "--format", "json", *args)
    return run.code, json.loads(run.out)


def test_the_skeletons_placeholders_warn_and_fail_strict(site: SiteDir) -> None:
    front = GOOD_REPORT[:GOOD_REPORT.index("## 一、")]
    site.write(REPORT, front + BODY)
    code, found = check(site)
    assert code == 0
    line = (front + BODY).splitlines().index("### （一）……") + 1
    assert [(w["line"], w["message"]) for w in found["warnings"]] == [
        (line, "5 placeholder(s) of the `new` skeleton (……) are still in the text, the first on this line; "
               "write the report's own text in their place")]
    assert check(site, "--strict")[0] == 1


def test_a_finished_report_and_a_real_ellipsis_pass_strict(site: SiteDir) -> None:
    site.write(REPORT, GOOD_REPORT + "\n主要做法包括招商引资、项目建设……等方面。\n")
    assert check(site, "--strict") == (0, {"errors": [], "warnings": []})


def test_a_summary_that_only_repeats_the_title_warns(site: SiteDir) -> None:
    text = GOOD_REPORT.replace("category: 工作总结", "category: 工作总结\nsummary: 八陡镇2023年度重点工作情况。")
    site.write(REPORT, text)
    code, found = check(site, "--strict")
    assert code == 1
    [warning] = found["warnings"]
    assert warning["line"] == text.splitlines().index("summary: 八陡镇2023年度重点工作情况。") + 1
    assert str(warning["message"]).startswith("内容概述 (`summary`) only repeats the title; say in one sentence")


def test_two_reports_of_one_year_with_one_title_warn_naming_both(site: SiteDir) -> None:
    site.write("content/2023/badou-key-work-2.md", GOOD_REPORT.replace("5432138", "5432139"))
    code, found = check(site, "--strict")
    assert code == 1
    assert [(w["file"], w["line"], w["message"]) for w in found["warnings"]] == [
        ("content/2023/badou-key-work-2.md", 2, '2023年 already has a report titled "八陡镇2023年度重点工作情况" '
         "(content/2023/badou-key-work.md); remove the copy, or give each report its own title")]
