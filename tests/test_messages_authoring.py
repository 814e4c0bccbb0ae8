"""`new` and `import` speak the editor's language: Chinese by default, English with --lang en.

The English texts are asserted by test_new.py and test_importer.py; these check that the same
messages reach a Chinese editor in Chinese, in the form 问题；怎样改."""

from __future__ import annotations

import builtins
import datetime as dt
import io
from pathlib import Path

import pytest

from conftest import Run, SiteDir, run_main
from reportsite.commands import main, parser
from reportsite.commands.new import run as run_new
from reportsite.core.i18n import translator

#: A day on which a report on 2024 can no longer be issued, so `new` needs a --date.
LATE = dt.date(2026, 12, 3)
TITLE = "八陡镇2024年度重点工作情况"


class Terminal(io.StringIO):
    """stdin as an editor's terminal: isatty() is what `new` asks before prompting."""

    def isatty(self) -> bool:
        return True


def new_on(site: SiteDir, language: str, today: dt.date, *argv: str) -> Run:
    """`build.py new --lang <language> …` on a fixed day, as main() runs it but with `today` given."""
    tr = translator(language)
    args = parser(tr, "new").parse_args(["new", "--config", str(site.root / "config.yaml"), *argv])
    args.tr = tr
    site.capsys.readouterr()
    code = run_new(args, today)
    captured = site.capsys.readouterr()
    return Run(code, captured.out, captured.err)


@pytest.fixture
def in_site(site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> SiteDir:
    """The one-report site as the working directory (files are named as the editor sees them), no terminal."""
    monkeypatch.chdir(site.root)
    monkeypatch.setattr("sys.stdin", io.StringIO())
    return site


def test_a_duplicate_title_is_refused_in_chinese_and_in_english(in_site: SiteDir) -> None:
    argv = ("new", "--title", "八陡镇2023年度重点工作情况", "--publisher", "badou")
    chinese = run_main(*argv, "--lang", "zh")
    assert chinese.code == 1 and chinese.out == ""
    assert chinese.err == ("content/2023/badou-key-work.md:2: 报告年度 2023 已有标题为“八陡镇2023年度重点工作情况”的报告；"
                           "请直接编辑这个文件，或者加上 --force 在它旁边另建一篇\n")
    english = run_main(*argv, "--lang", "en")
    assert english.err == ('content/2023/badou-key-work.md:2: a report titled "八陡镇2023年度重点工作情况" already exists '
                           "for 报告年度 2023; edit this file, or pass --force to write another one beside it\n")


def test_a_script_is_told_in_chinese_which_date_to_pass(in_site: SiteDir) -> None:
    run = new_on(in_site, "zh", LATE, "--title", TITLE, "--publisher", "badou")
    assert run.code == 1 and run.out == ""
    assert run.err == ("new: 今天（2026-12-03）不在报告年度 2024 可以发文的时间内（报告在所写年度的前后一年内印发，"
                       "即 2023–2025 年）；请用 --date YYYY-MM-DD 写明实际的发文日期，如 --date 2025-01-15\n")
    assert new_on(in_site, "en", LATE, "--title", TITLE, "--publisher", "badou").err.startswith(
        "new: today, 2026-12-03, does not fit 报告年度 2024 (a report is issued within a year")


def test_a_terminal_is_asked_in_chinese_and_a_wrong_answer_says_how_to_write_it(
        in_site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> None:
    prompts: list[str] = []
    answers = iter(["badou", "2025-02-30"])
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(builtins, "input", lambda prompt="": prompts.append(prompt) or next(answers))
    run = new_on(in_site, "zh", LATE, "--title", TITLE)
    assert prompts == ["发布机构（publisher：填 badou，或机构全称）：", "发文日期（issued，写成 YYYY-MM-DD，在 2023–2025 年内）："]
    assert run.code == 1 and run.err == ("new: “2025-02-30”不是真实的日期；请写成 YYYY-MM-DD，如 2024-01-15；"
                                         "也可以在命令中加上 --date YYYY-MM-DD\n")


def test_new_on_the_command_line_in_chinese(in_site: SiteDir, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["new", "--lang", "zh", "--help"])
    assert "同一报告年度已有同名报告时也新建一篇（写成 <slug>-2.md）" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["new", "--lang", "zh", "--title", TITLE, "--date", "2025-02-30"])
    assert capsys.readouterr().err.splitlines()[-1] == (
        "python build.py new：命令行有误：argument --date: “2025-02-30”不是真实的日期；请写成 YYYY-MM-DD，如 2024-01-15")


def test_import_in_chinese_review_notes_errors_and_help(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page, undated = tmp_path / "page.txt", tmp_path / "undated.txt"
    page.write_text("标题：某镇2023年度工作总结\n发布日期：2024-01-10\n发布机构：某镇人民政府\n\n一、总体情况\n\n正文。\n",
                    encoding="utf-8")
    undated.write_text(page.read_text(encoding="utf-8").replace("发布日期：2024-01-10", "发文日期：2024-02-30\n"
                                                                "发布日期：2024-13-01"), encoding="utf-8")
    content, empty = tmp_path / "content", tmp_path / "empty"
    empty.mkdir()
    imported = run_main("import", "--lang", "zh", str(page), str(empty), str(undated), "--to", str(content))
    assert imported.code == 1 and imported.out.strip().endswith(".md")
    assert imported.err.splitlines()[-1] == ("3 个文件：1 个已导入，0 个已改写（其中 1 个需核对），0 个以前已导入、已跳过，"
                                             "2 个失败")
    assert imported.err.splitlines()[:3] == [
        f"{page}: 警告：网页没有写发文日期，已把发布日期 2024-01-10 用作发文日期；请核对",
        f"{empty}: 这个文件夹里没有保存的网页（.html、.htm、.shtml 或 .txt 文件）；请确认是不是这个文件夹",
        f"{undated}: 没有找到可用的日期（发文日期“2024-02-30”不是真实的日期；另外，发布日期“2024-13-01”不是真实的日期）；"
        "请在网页中加一行“发文日期: YYYY-MM-DD”或“发布日期: YYYY-MM-DD”",
    ]
    english = run_main("import", "--lang", "en", str(page), "--to", str(content), "--year", "2019", "--force")
    assert english.err.splitlines() == [
        f"{page}: warning: the page gives no 发文日期; used its 发布日期 2024-01-10",
        f"{page}: warning: report year 2019 does not fit 发文日期 2024-01-10; used 2023 instead",
    ]
    with pytest.raises(SystemExit):
        main(["import", "--lang", "zh", "--help"])
    assert "网页没有标题时使用的标题（只能用于一个文件）" in capsys.readouterr().out


def test_init_names_every_missing_value_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO())
    run = run_main("init", "--lang", "zh", str(tmp_path / "ceshi"), "--name", "淄川区测试镇人民政府")
    assert run.code == 1 and not (tmp_path / "ceshi").exists()
    assert run.err.splitlines() == ['init: 缺少 --publisher；请加上 --publisher "…"', 'init: 缺少 --code；请加上 --code "…"',
                                    'init: 缺少 --base-url；请加上 --base-url "…"', "init：没有写入任何文件"]
    english = run_main("init", "--lang", "en", str(tmp_path / "ceshi"), "--name", "淄川区测试镇人民政府")
    assert english.err.splitlines()[0] == 'init: --publisher is missing: pass --publisher "…"'
    assert english.err.splitlines()[-1] == "init: nothing was written"
