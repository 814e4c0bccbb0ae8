"""`build.py new`: a skeleton with every field that builds without a warning, and never overwrites."""

from __future__ import annotations

import builtins
import datetime as dt
import io
from pathlib import Path

import pytest

from conftest import GOOD_REPORT, MINIMAL_CONFIG, Run, SiteDir, front_matter
from reportsite.commands import main
from reportsite.commands.new import default_year
from reportsite.content import FIELDS

TITLE = "八陡镇2024年度重点工作情况"
SLUG = "ba-dou-zhen-2024-nian-du-zhong-dian-gong-zuo-qing-kuang"


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


def new(site: SiteDir, *args: str) -> Run:
    site.capsys.readouterr()
    code = main(["new", "--config", str(site.root / "config.yaml"), *args])
    captured = site.capsys.readouterr()
    return Run(code, captured.out, captured.err)


def written(site: SiteDir, run: Run) -> Path:
    """The one path `new` printed, which may be relative to the working directory."""
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert len(lines) == 1, run.out
    path = Path(lines[0])
    return path if path.is_absolute() else Path.cwd() / path


def test_skeleton_has_every_field_and_builds_without_warnings(empty_site: SiteDir) -> None:
    run = new(empty_site, "--title", TITLE, "--publisher", "badou", "--date", "2025-02-10",
              "--series", "年度重点工作情况", "--category", "工作总结")
    path = written(empty_site, run)
    assert path.resolve() == (empty_site.root / f"content/2024/{SLUG}.md").resolve()
    data = front_matter(path)
    assert list(data) == list(FIELDS)
    assert data["title"] == TITLE and data["publisher"] == "badou"
    assert data["index_no"] == "1137030400421863XL/2025-1"
    assert data["issued"] == data["published"] == data["signed"] == "2025-02-10"
    assert data["year"] == 2024 and data["status"] == "有效" and data["signer"] == "博山区八陡镇"
    assert data["doc_no"] == "" and data["keywords"] == data["attachments"] == data["metrics"] == []
    text = path.read_text(encoding="utf-8")
    assert "# 文号，如 博政发〔2024〕3号" in text
    assert "## 一、" in text and "**一是……。**" in text
    build = empty_site.build("--no-pdf", "--no-search", "--quiet")
    assert build.code == 0 and build.err == "", build.err
    assert (empty_site.output / f"2024/{SLUG}/index.html").is_file()


def test_quoted_title_and_default_date_still_build(empty_site: SiteDir) -> None:
    path = written(empty_site, new(empty_site, "--title", "工作报告: 第二部分 #2", "--publisher", "badou"))
    assert front_matter(path)["title"] == "工作报告: 第二部分 #2"
    assert front_matter(path)["issued"] == f"{dt.date.today():%Y-%m-%d}"
    assert empty_site.build("--no-pdf", "--no-search", "--quiet").err == ""


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


def test_never_overwrites_a_report_file_or_folder(empty_site: SiteDir) -> None:
    args = ("--title", TITLE, "--publisher", "badou", "--date", "2025-02-10")
    first = written(empty_site, new(empty_site, *args))
    before = first.read_text(encoding="utf-8")
    second = written(empty_site, new(empty_site, *args))
    assert second.name == f"{SLUG}-2.md"
    empty_site.write(f"content/2024/{SLUG}-3/index.md", GOOD_REPORT)
    third = written(empty_site, new(empty_site, *args))
    assert third.name == f"{SLUG}-4.md"
    assert first.read_text(encoding="utf-8") == before
    assert front_matter(second)["index_no"] == "1137030400421863XL/2025-2"


def test_publisher_without_code_leaves_index_no_empty_with_a_note(empty_site: SiteDir) -> None:
    run = new(empty_site, "--title", "某某局2024年工作总结", "--publisher", "某某局", "--date", "2025-06-01")
    path = written(empty_site, run)
    assert front_matter(path)["index_no"] == ""
    assert "索引号 (index_no) was left empty" in run.err and ":4: warning:" in run.err
    assert path.parent.name == "2025"
    assert empty_site.build("--no-pdf", "--no-search", "--quiet").code == 0


@pytest.mark.parametrize("args, message", [
    (["--publisher", "badou"], 'new: 标题 is missing: pass --title "…"'),
    (["--title", TITLE], 'new: 发布机构 is missing: pass --publisher "…"'),
    (["--title", TITLE, "--publisher", "badoo"], "publisher `badoo` is not in config.yaml's publishers "
                                                 "(did you mean `badou`?)"),
    (["--title", TITLE, "--publisher", "badou", "--date", "2025-02-10", "--year", "2020"],
     "报告年度 2020 does not fit the date 2025-02-10"),
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


def test_help_explains_the_default_year(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    assert "from January to March" in " ".join(capsys.readouterr().out.split())


def test_end_of_input_at_a_prompt_is_a_missing_value(empty_site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> None:
    def closed(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(builtins, "input", closed)
    run = new(empty_site, "--publisher", "badou")
    assert run.code == 1 and 'new: 标题 is missing: pass --title "…"' in run.err
