"""The legal deadline of 政府信息公开工作年度报告 as an editor meets it: `check` and `build` warn about a
年报 published late and about a year missing after a year that was published, once its deadline has
passed, in Beijing time, with the build's moment fixed by SOURCE_DATE_EPOCH; config.yaml's `level`,
`annual_deadline` and `annual_report.deadline` set the deadline, and bad values are config errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, SiteDir, with_badge
from reportsite.commands import main
from reportsite.pipeline import BuildOptions, build

CONFIG = MINIMAL_CONFIG.replace("  id_code:", "  description: 测试镇历年报告。\n  id_code:")
#: 2024-01-31 23:59:59 and 2024-02-01 00:00:00 in Beijing (UTC+8).
LAST_SECOND_OF_31_JANUARY = "1706716799"  # 2024-01-31T15:59:59Z
FIRST_SECOND_OF_1_FEBRUARY = "1706716800"  # 2024-01-31T16:00:00Z
LAST_SECOND_OF_31_MARCH = "1711900799"  # 2024-03-31T15:59:59Z
FIRST_SECOND_OF_1_APRIL = "1711900800"  # 2024-03-31T16:00:00Z
MISSING_2023 = ("博山区八陡镇 published a 2022 年报 (this file) but none for 2023, which was due by {due}; add it "
                "under content/2023/ with `python build.py new --category 信息公开年报 --publisher badou --year 2023 "
                "--title 八陡镇2023年度政府信息公开工作年度报告`")


def annual(year: int, published: str, serial: int = 1) -> str:
    """A 年报 of 博山区八陡镇 on `year`, published at `published` (Beijing time); `published:` is line 7."""
    return f"""---
title: 八陡镇{year}年度政府信息公开工作年度报告
publisher: badou
index_no: 1137030400421863XL/{year + 1}-{serial}
doc_no: ""
issued: {published[:10]}
published: {published}
category: 信息公开年报
summary: 八陡镇{year}年政府信息公开工作情况。
---

## 一、总体情况

{year}年，八陡镇认真贯彻落实《中华人民共和国政府信息公开条例》。
"""


@pytest.fixture
def annual_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> SiteDir:
    """A site whose one publisher (no level: the 31 January deadline) has a 2022 年报 and no 2023 one."""
    site = SiteDir(tmp_path / "site", capsys)
    site.write("config.yaml", CONFIG)
    site.write("content/2022/badou-nianbao.md", annual(2022, "2023-01-10 10:00"))
    return with_badge(site)


def check_at(site: SiteDir, epoch: str, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, dict]:
    """`check --format json` run at the moment SOURCE_DATE_EPOCH names: its exit status and its warnings."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    site.capsys.readouterr()
    code = main(["check", "--config", str(site.root / "config.yaml"), "--format", "json", *args])
    return code, json.loads(site.capsys.readouterr().out)


def deadline_warnings(result: dict) -> list[tuple[str, int | None, str]]:
    return [(w["file"], w["line"], w["message"]) for w in result["warnings"] if w["code"].startswith("deadlines.")]


def test_a_missing_report_is_not_late_on_the_deadline_days_last_second_in_beijing(
        annual_site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> None:
    code, result = check_at(annual_site, LAST_SECOND_OF_31_JANUARY, monkeypatch)
    assert code == 0 and result == {"errors": [], "warnings": []}


def test_a_missing_report_warns_from_midnight_after_the_deadline_in_beijing(
        annual_site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> None:
    code, result = check_at(annual_site, FIRST_SECOND_OF_1_FEBRUARY, monkeypatch)
    assert code == 0  # a warning: the site still passes, and builds
    assert result["warnings"] == [{"file": "content/2022/badou-nianbao.md", "line": None, "severity": "warning",
                                   "code": "deadlines.missing", "message": MISSING_2023.format(due="2024-01-31")}]
    strict, _ = check_at(annual_site, FIRST_SECOND_OF_1_FEBRUARY, monkeypatch, "--strict")
    assert strict == 1


def test_a_county_level_publisher_has_until_31_march(annual_site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> None:
    annual_site.write("config.yaml", CONFIG + "    level: county\n")
    assert deadline_warnings(check_at(annual_site, LAST_SECOND_OF_31_MARCH, monkeypatch)[1]) == []
    assert deadline_warnings(check_at(annual_site, FIRST_SECOND_OF_1_APRIL, monkeypatch)[1]) == [
        ("content/2022/badou-nianbao.md", None, MISSING_2023.format(due="2024-03-31"))]


def test_the_sites_deadline_applies_to_every_publisher_and_a_publishers_own_wins(
        annual_site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> None:
    annual_site.write("config.yaml", CONFIG + "    level: county\nannual_report:\n  deadline: \"01-15\"\n")
    assert deadline_warnings(check_at(annual_site, "1705334400", monkeypatch)[1]) == [  # 2024-01-16 00:00 CST
        ("content/2022/badou-nianbao.md", None, MISSING_2023.format(due="2024-01-15"))]
    annual_site.write("config.yaml", CONFIG + "    annual_deadline: \"03-31\"\nannual_report:\n  deadline: \"01-15\"\n")
    assert deadline_warnings(check_at(annual_site, FIRST_SECOND_OF_1_FEBRUARY, monkeypatch)[1]) == []
    assert deadline_warnings(check_at(annual_site, FIRST_SECOND_OF_1_APRIL, monkeypatch)[1]) == [
        ("content/2022/badou-nianbao.md", None, MISSING_2023.format(due="2024-03-31"))]


def test_published_on_the_deadline_day_at_23_59_is_on_time(annual_site: SiteDir,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    annual_site.write("content/2023/badou-nianbao.md", annual(2023, "2024-01-31 23:59", serial=2))
    assert deadline_warnings(check_at(annual_site, FIRST_SECOND_OF_1_APRIL, monkeypatch)[1]) == []


def test_published_the_day_after_names_the_line_the_date_the_deadline_and_how_late(
        annual_site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> None:
    annual_site.write("content/2023/badou-nianbao.md", annual(2023, "2024-02-01 00:00", serial=2))
    assert deadline_warnings(check_at(annual_site, FIRST_SECOND_OF_1_APRIL, monkeypatch)[1]) == [(
        "content/2023/badou-nianbao.md", 7,
        "发布日期 2024-02-01 is after the deadline of 博山区八陡镇's 2023 年报, 2024-01-31: 1 day(s) late; if the date "
        "is wrong, correct `published`; if the deadline is, set the publisher's `level` or `annual_deadline` in "
        "config.yaml")]


def test_a_publisher_that_never_published_a_report_is_not_expected_to(
        annual_site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> None:
    (annual_site.root / "content/2022/badou-nianbao.md").unlink()
    annual_site.write("content/2022/badou-key-work.md", annual(2022, "2023-01-10 10:00").replace(
        "category: 信息公开年报", "category: 工作总结").replace("政府信息公开工作年度报告", "重点工作情况"))
    code, result = check_at(annual_site, "1800000000", monkeypatch)  # 2027: every deadline long past
    assert code == 0 and result["warnings"] == []


def test_a_gap_of_several_years_is_named_once_at_its_first_year(annual_site: SiteDir,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    warnings = deadline_warnings(check_at(annual_site, "1800000000", monkeypatch)[1])  # 2027-01-15 CST
    assert warnings == [("content/2022/badou-nianbao.md", None, MISSING_2023.format(due="2024-01-31"))]


def test_check_says_it_in_chinese_by_default(annual_site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIRST_SECOND_OF_1_FEBRUARY)
    annual_site.capsys.readouterr()
    assert main(["check", "--lang", "zh", "--config", str(annual_site.root / "config.yaml")]) == 0
    assert annual_site.capsys.readouterr().err.splitlines() == [
        "content/2022/badou-nianbao.md: 警告：博山区八陡镇已发布 2022 年度政府信息公开工作年度报告（本文件），但还没有 "
        "2023 年度的，其公布期限 2024-01-31 已过；请用 `python build.py new --category 信息公开年报 --publisher "
        "badou --year 2023 --title 八陡镇2023年度政府信息公开工作年度报告` 在 content/2023/ 下添加"]


def test_build_warns_too_and_a_rebuild_with_nothing_changed_warns_once_the_deadline_passes(
        annual_site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    options = BuildOptions(annual_site.root / "config.yaml", pdf=False, search=False,
                           now=dt.datetime(2024, 1, 31, 23, 59, 59))
    assert build(options).warnings == ()
    assert build(options).warnings == ()  # nothing changed, nothing rendered
    later = build(BuildOptions(annual_site.root / "config.yaml", pdf=False, search=False,
                               now=dt.datetime(2024, 2, 1, 0, 0)))
    assert [str(w) for w in later.warnings] == [
        "content/2022/badou-nianbao.md: warning: " + MISSING_2023.format(due="2024-01-31")]
    assert (annual_site.output / "2022/badou-nianbao/index.html").is_file()


@pytest.mark.parametrize("written, line, message", [
    ("    level: County\n", 15,
     '`level` "County" must be one of: township (乡镇), subdistrict (街道办事处), department (县级以上人民政府部门; the '
     "default), county (县级人民政府), city (设区的市级人民政府), province (省级人民政府); county and above publish their "
     "年报 by 31 March, the others by 31 January"),
    ('    annual_deadline: "02-30"\n', 15,
     '`annual_deadline` "02-30" is not a deadline: write the month and day in the year after the report year as '
     '"MM-DD" in quotes, e.g. "03-31" for 31 March (a day every year has, so not 02-29)'),
    ("annual_report:\n  strict: false\n  deadline: March\n", 17,
     '`annual_report.deadline` "March" is not a deadline: write the month and day in the year after the report year '
     'as "MM-DD" in quotes, e.g. "03-31" for 31 March (a day every year has, so not 02-29)'),
], ids=["level", "publishers-deadline", "sites-deadline"])
def test_a_bad_level_or_deadline_is_a_config_error_on_its_line_with_the_fix(
        annual_site: SiteDir, written: str, line: int, message: str) -> None:
    annual_site.write("config.yaml", CONFIG + written)
    run = annual_site.build("--no-pdf", "--no-search")
    assert run.code == 1 and not annual_site.output.exists()
    assert run.err.splitlines()[0] == f"{annual_site.root / 'config.yaml'}:{line}: {message}"
