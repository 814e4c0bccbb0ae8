"""`build.py new`: a skeleton with every field that builds without a warning, and never overwrites."""

from __future__ import annotations

import builtins
import datetime as dt
import io
from pathlib import Path

import pytest

from conftest import GOOD_REPORT, MINIMAL_CONFIG, Run, SiteDir, front_matter
from reportsite.commands import main, parser
from reportsite.commands.new import default_year, run, title_years
from reportsite.content.schema import FIELDS
from reportsite.core.i18n import translator

TITLE = "八陡镇2024年度重点工作情况"
SLUG = "ba-dou-zhen-2024-nian-du-zhong-dian-gong-zuo-qing-kuang"
#: The day `new` runs on unless a test says otherwise: early 2025, when reports on 2024 are written.
TODAY = dt.date(2025, 2, 10)
#: A day on which a report on 2024 can no longer be issued.
LATE = dt.date(2026, 12, 3)


class Terminal(io.StringIO):
    """stdin as an editor's terminal: isatty() is what `new` asks before prompting."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def empty_site(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> SiteDir:
    """A site with a config and no reports, and a stdin that is not a terminal (as in CI)."""
    monkeypatch.setattr("sys.stdin", io.StringIO())
    site = SiteDir(tmp_path / "site", capsys)
    site.write("config.yaml", MINIMAL_CONFIG)
    return site


def new(site: SiteDir, *args: str, today: dt.date = TODAY) -> Run:
    """`build.py new …` run on `today`, so no test depends on the day it runs."""
    site.capsys.readouterr()
    tr = translator("en")
    parsed = parser(tr, "new").parse_args(["new", "--config", str(site.root / "config.yaml"), *args])
    parsed.tr = tr  # as main() hands every command its translator
    code = run(parsed, today)
    captured = site.capsys.readouterr()
    return Run(code, captured.out, captured.err)


def reports(site: SiteDir) -> list[Path]:
    content = site.root / "content"
    return sorted(content.rglob("*.md")) if content.exists() else []


def written(site: SiteDir, run: Run) -> Path:
    """The one path `new` printed, which may be relative to the working directory."""
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert len(lines) == 1, run.out
    path = Path(lines[0])
    return path if path.is_absolute() else Path.cwd() / path


def only_the_placeholder_warning(err: str) -> bool:
    """The skeleton builds; its one warning is that its …… placeholders are still to be written."""
    lines = err.splitlines()
    return len(lines) == 1 and ": warning: 5 placeholder(s) of the `new` skeleton (……) are still in the text" in lines[0]


def test_skeleton_has_every_field_and_builds_with_only_the_placeholder_warning(empty_site: SiteDir) -> None:
    run = new(empty_site, "--title", TITLE, "--publisher", "badou", "--date", "2025-02-10",
              "--series", "年度重点工作情况", "--category", "工作总结")
    path = written(empty_site, run)
    assert path.resolve() == (empty_site.root / f"content/2024/{SLUG}.md").resolve()
    data = front_matter(path)
    assert list(data) == [key for key in FIELDS if key != "annual_report"]  # 年报表格 only in a 信息公开年报
    assert data["title"] == TITLE and data["publisher"] == "badou"
    assert data["index_no"] == "1137030400421863XL/2025-1"
    assert data["issued"] == data["published"] == data["signed"] == "2025-02-10"
    assert data["year"] == 2024 and data["status"] == "有效" and data["signer"] == "博山区八陡镇"
    assert data["doc_no"] == "" and data["keywords"] == data["attachments"] == data["metrics"] == []
    text = path.read_text(encoding="utf-8")
    assert "# 文号，如 博政发〔2024〕3号" in text
    assert "## 一、" in text and "**一是……。**" in text
    build = empty_site.build("--no-pdf", "--no-search", "--quiet")
    assert build.code == 0 and only_the_placeholder_warning(build.err), build.err
    assert (empty_site.output / f"2024/{SLUG}/index.html").is_file()


def test_quoted_title_and_default_date_still_build(empty_site: SiteDir) -> None:
    path = written(empty_site, new(empty_site, "--title", "工作报告: 第二部分 #2", "--publisher", "badou",
                                   today=LATE))
    assert front_matter(path)["title"] == "工作报告: 第二部分 #2"
    assert front_matter(path)["issued"] == "2026-12-03" and path.parent.name == "2026"
    assert only_the_placeholder_warning(empty_site.build("--no-pdf", "--no-search", "--quiet").err)


def test_the_readme_example_is_filed_under_the_year_its_title_names(empty_site: SiteDir) -> None:
    path = written(empty_site, new(empty_site, "--title", TITLE, "--publisher", "badou"))
    assert path.resolve() == (empty_site.root / f"content/2024/{SLUG}.md").resolve()
    data = front_matter(path)
    assert data["year"] == 2024 and data["issued"] == "2025-02-10"
    build = empty_site.build("--no-pdf", "--no-search", "--quiet")
    assert build.code == 0 and all(": warning: " in line for line in build.err.splitlines()), build.err


@pytest.mark.parametrize("title, years", [
    (TITLE, (2024,)), ("博山区2024年工作总结", (2024,)), ("二〇二四年工作总结", (2024,)),
    ("二零二三年度报告", (2023,)), ("２０２２年 工作要点", (2022,)), ("2024年工作总结和2025年工作计划", (2024, 2025)),
    ("关于印发博政发〔2024〕3号的通知", ()), ("第12024年报告", ()), ("八陡镇重点工作情况", ()),
])
def test_years_a_title_names(title: str, years: tuple[int, ...]) -> None:
    assert title_years(title) == years


@pytest.mark.parametrize("args, folder", [
    (["--title", "某某局2023年工作总结", "--date", "2024-01-20"], "2023"),
    (["--title", "二〇二五年工作计划"], "2025"),
    (["--title", "八陡镇重点工作情况", "--year", "2025"], "2025"),
    (["--title", "2024年工作总结和2025年工作计划", "--year", "2025"], "2025"),
])
def test_the_title_or_year_alone_sets_the_report_year(empty_site: SiteDir, args: list[str], folder: str) -> None:
    path = written(empty_site, new(empty_site, *args, "--publisher", "badou"))
    assert path.parent.name == folder and front_matter(path)["year"] == int(folder)
    assert empty_site.build("--no-pdf", "--no-search", "--quiet").code == 0


def test_a_year_that_disagrees_with_the_title_is_refused(empty_site: SiteDir) -> None:
    run_ = new(empty_site, "--title", TITLE, "--publisher", "badou", "--year", "2023")
    assert run_.code == 1 and run_.out == "" and not reports(empty_site)
    assert f'new: --year 2023 disagrees with the title "{TITLE}", which names 2024; pass --year 2024' in run_.err


def test_today_is_the_date_when_it_fits_the_year(empty_site: SiteDir) -> None:
    path = written(empty_site, new(empty_site, "--title", "二〇二五年工作总结", "--publisher", "badou", today=LATE))
    assert front_matter(path)["issued"] == "2026-12-03" and path.parent.name == "2025"


def test_a_script_is_told_which_date_to_pass_when_today_does_not_fit(empty_site: SiteDir) -> None:
    run_ = new(empty_site, "--title", TITLE, "--publisher", "badou", today=LATE)
    assert run_.code == 1 and run_.out == "" and not reports(empty_site)
    assert run_.err.startswith("new: today, 2026-12-03, does not fit 报告年度 2024")
    assert "pass the date it was issued as --date YYYY-MM-DD, e.g. --date 2025-01-15" in run_.err


def test_a_terminal_is_asked_for_the_date_when_today_does_not_fit(empty_site: SiteDir,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    prompts: list[str] = []
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(builtins, "input", lambda prompt="": prompts.append(prompt) or "2025-01-20")
    path = written(empty_site, new(empty_site, "--title", TITLE, "--publisher", "badou", today=LATE))
    assert prompts == ["发文日期 (issued, YYYY-MM-DD, 2023–2025): "]
    assert front_matter(path)["issued"] == "2025-01-20" and path.parent.name == "2024"


@pytest.mark.parametrize("answer, message", [
    ("2025-02-30", '"2025-02-30" is not a real date written YYYY-MM-DD'),
    ("2022-12-31", "报告年度 2024 does not fit the date 2022-12-31"),
])
def test_a_wrong_answer_for_the_date_writes_nothing(empty_site: SiteDir, monkeypatch: pytest.MonkeyPatch,
                                                    answer: str, message: str) -> None:
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(builtins, "input", lambda prompt="": answer)
    run_ = new(empty_site, "--title", TITLE, "--publisher", "badou", today=LATE)
    assert run_.code == 1 and message in run_.err and not reports(empty_site)


def test_a_title_that_exists_that_year_is_refused_naming_the_file(empty_site: SiteDir) -> None:
    empty_site.write("content/2024/key-work.md", GOOD_REPORT.replace("2023年度", "2024年度")
                     .replace("2024-01-15", "2025-01-15").replace("year: 2023", "year: 2024"))
    run_ = new(empty_site, "--title", "八陡镇 ２０２４年度重点工作情况", "--publisher", "badou")
    assert run_.code == 1 and run_.out == ""
    where, message = run_.err.split(":2: ", 1)
    assert Path(where).resolve() == (empty_site.root / "content/2024/key-work.md").resolve()
    assert message.startswith(f'a report titled "{TITLE}" already exists for 报告年度 2024; edit this file, '
                              "or pass --force"), run_.err
    assert reports(empty_site) == [empty_site.root / "content/2024/key-work.md"]
    other_year = new(empty_site, "--title", "八陡镇2025年度重点工作情况", "--publisher", "badou")
    assert other_year.code == 0, other_year.err


@pytest.mark.parametrize("existing, expected", [
    (["2025-5432138", "2025-7", "2024-9999999"], "1137030400421863XL/2025-5432139"),
    (["2025-0007", "2025-0003"], "1137030400421863XL/2025-0008"),
    (["2024-0007"], "1137030400421863XL/2025-1"),
])
def test_index_no_follows_the_publishers_highest_serial_that_year(empty_site: SiteDir, existing: list[str],
                                                                  expected: str) -> None:
    for n, serial in enumerate(existing):
        year = serial[:4]
        report = GOOD_REPORT.replace("2024-5432138", serial).replace("2024-01-15", f"{year}-01-15")
        empty_site.write(f"content/{int(year) - 1}/old-{n}.md", report)
    path = written(empty_site, new(empty_site, "--title", TITLE, "--publisher", "博山区八陡镇", "--date", "2025-02-10"))
    data = front_matter(path)
    assert data["index_no"] == expected
    assert data["publisher"] == "badou"
    assert empty_site.build("--no-pdf", "--no-search", "--quiet").code == 0


def test_running_twice_is_refused_and_force_writes_a_copy_without_overwriting(empty_site: SiteDir) -> None:
    args = ("--title", TITLE, "--publisher", "badou", "--date", "2025-02-10")
    first = written(empty_site, new(empty_site, *args))
    before = first.read_text(encoding="utf-8")
    again = new(empty_site, *args)
    assert again.code == 1 and f"content/2024/{SLUG}.md:2: a report titled" in again.err and not again.out
    second = written(empty_site, new(empty_site, *args, "--force"))
    assert second.name == f"{SLUG}-2.md"
    empty_site.write(f"content/2024/{SLUG}-3/index.md", GOOD_REPORT)
    third = written(empty_site, new(empty_site, *args, "--force"))
    assert third.name == f"{SLUG}-4.md"
    assert first.read_text(encoding="utf-8") == before
    assert front_matter(second)["index_no"] == "1137030400421863XL/2025-2"


def test_publisher_without_code_leaves_index_no_empty_with_a_note(empty_site: SiteDir) -> None:
    run = new(empty_site, "--title", "某某局2024年工作总结", "--publisher", "某某局", "--date", "2025-06-01")
    path = written(empty_site, run)
    assert front_matter(path)["index_no"] == ""
    assert "索引号 (index_no) was left empty" in run.err and ":4: warning:" in run.err
    assert path.parent.name == "2024"
    assert empty_site.build("--no-pdf", "--no-search", "--quiet").code == 0


@pytest.mark.parametrize("args, message", [
    (["--publisher", "badou"], 'new: 标题 is missing: pass --title "…"'),
    (["--title", TITLE], 'new: 发布机构 is missing: pass --publisher "…"'),
    (["--title", TITLE, "--publisher", "badoo"], "publisher `badoo` is not in config.yaml's publishers "
                                                 "(did you mean `badou`?)"),
    (["--title", "八陡镇重点工作情况", "--publisher", "badou", "--date", "2025-02-10", "--year", "2020"],
     "new: 报告年度 2020 does not fit the date 2025-02-10"),
    (["--title", TITLE, "--publisher", "badou", "--date", "2026-01-01"],
     "new: 报告年度 2024 does not fit the date 2026-01-01"),
    (["--title", "八陡\u200b镇工作总结", "--publisher", "badou"], "标题 (--title) contains the invisible character U+200B"),
    (["--title", "八陡镇\x07工作总结", "--publisher", "badou"], "contains the invisible character U+0007"),
])
def test_missing_or_wrong_values_fail_without_writing(empty_site: SiteDir, args: list[str], message: str) -> None:
    run = new(empty_site, *args)
    assert run.code == 1 and run.out == ""
    assert message in run.err
    assert "Traceback" not in run.err
    assert not (empty_site.root / "content").exists() or not list((empty_site.root / "content").rglob("*.md"))


def test_asks_for_missing_values_on_a_terminal(empty_site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter([TITLE, "badou"])
    prompts: list[str] = []
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(builtins, "input", lambda prompt="": prompts.append(prompt) or next(answers))
    path = written(empty_site, new(empty_site, "--date", "2025-02-10"))
    assert prompts[0] == "标题 (title): " and prompts[1].startswith("发布机构 (publisher")
    assert front_matter(path)["title"] == TITLE


def test_bad_date_is_an_argument_error(empty_site: SiteDir) -> None:
    with pytest.raises(SystemExit) as exit_:
        new(empty_site, "--title", TITLE, "--publisher", "badou", "--date", "2025-02-30")
    assert exit_.value.code == 2
    assert "not a real date written YYYY-MM-DD" in empty_site.capsys.readouterr().err


@pytest.mark.parametrize("date, year", [("2025-01-05", 2024), ("2025-03-31", 2024), ("2025-04-01", 2025),
                                        ("2025-12-31", 2025)])
def test_default_year_is_last_year_in_the_first_quarter(date: str, year: int) -> None:
    assert default_year(dt.date.fromisoformat(date)) == year


def test_help_explains_the_default_year_and_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    help_ = " ".join(capsys.readouterr().out.split())
    assert "from January to March" in help_ and "the year the title names" in help_
    assert "--force" in help_ and "otherwise asked for on a terminal" in help_


def test_the_command_line_uses_the_clock(empty_site: SiteDir) -> None:
    """Through main(), `new` runs on the real today; a title without a year always fits it."""
    empty_site.capsys.readouterr()
    code = main(["new", "--config", str(empty_site.root / "config.yaml"), "--title", "八陡镇工作情况",
                 "--publisher", "badou"])
    path = written(empty_site, Run(code, *empty_site.capsys.readouterr()))
    assert front_matter(path)["issued"] == f"{dt.date.today():%Y-%m-%d}"


def test_end_of_input_at_a_prompt_is_a_missing_value(empty_site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> None:
    def closed(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(builtins, "input", closed)
    run = new(empty_site, "--publisher", "badou")
    assert run.code == 1 and 'new: 标题 is missing: pass --title "…"' in run.err
