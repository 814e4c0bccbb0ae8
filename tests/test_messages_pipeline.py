"""The build pipeline's messages in Chinese by default and in English on request: a refused output folder,
a site that cannot be written, a character no PDF font has, a broken link found by `check`, the stages.

Each runs the real command, with --lang, and asserts the whole line an editor reads; the last shows that
a rebuild with nothing to do keeps its warnings as messages, to be said in the language it is run in."""

from __future__ import annotations

import errno

import pytest

from conftest import GOOD_REPORT, SiteDir, run_main
from reportsite.core.problems import display_path
from reportsite.core.i18n import Message
from reportsite.output.writer import StagedOutput
from reportsite.pipeline import BuildOptions, build

REPORT = "content/2023/badou-key-work.md"
FAST = ("--no-pdf", "--no-search")


def _line_of(text: str, needle: str) -> int:
    return next(n for n, row in enumerate(text.splitlines(), start=1) if needle in row)


def test_a_folder_reportsite_did_not_write_is_refused_in_chinese_and_english(site: SiteDir) -> None:
    foreign = site.root / "someone-else"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")
    shown = display_path(foreign, foreign.cwd())
    chinese = site.build(*FAST, "--out", str(foreign), "--lang", "zh")
    assert chinese.code == 1
    assert (f"{shown}: 不能用作输出文件夹：它里面有不是 reportsite 写入的文件（如 notes.txt），而生成网站时会替换整个"
            "文件夹；请用 --out 选一个空的或新的文件夹；如果其中的文件都不再需要，也可以自己删掉这个文件夹\n") in chinese.err
    english = site.build(*FAST, "--out", str(foreign), "--lang", "en")
    assert (f"{shown}: cannot be the output folder: it holds files that reportsite did not write (such as "
            "notes.txt), and a build replaces the whole folder; choose an empty or new folder with --out, or remove "
            "this one yourself if nothing in it is needed\n") in english.err
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_a_full_disk_says_the_site_cannot_be_written(site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(StagedOutput, "write_text", disk_full)
    shown = display_path(site.output, site.output.cwd())
    chinese = site.build(*FAST, "--lang", "zh")
    assert chinese.code == 1
    assert f"{shown}: 无法写入网站：磁盘已满；请腾出空间后重新生成（原有的网站保持不变）\n" in chinese.err
    english = site.build(*FAST, "--lang", "en")
    assert (f"{shown}: cannot write the site: the disk is full; free some space and build again "
            "(the previous site was left as it was)\n") in english.err


def test_a_character_no_pdf_font_has_is_named_in_chinese(site: SiteDir) -> None:
    pua = "\ue000"  # a 造字 in the private-use area, in no installed font (see tests/test_glyphs.py)
    text = GOOD_REPORT.replace("全年完成", f"全年{pua}完成")
    site.write(REPORT, text)
    line = _line_of(text, pua)
    chinese = run_main("check", "--config", str(site.root / "config.yaml"), "--lang", "zh")
    assert chinese.code == 1
    assert (f"{REPORT}:{line}: 字符“{pua}”（U+E000）在 PDF 正文字体组的所有字体中都没有；请安装含有该字符的字体，"
            "并把它加到 config.yaml 的 pdf.fonts.body 中，或者换掉这个字符\n") in chinese.err
    english = site.build("--no-search", "--lang", "en")
    assert english.code == 1
    assert (f'{REPORT}:{line}: the character "{pua}" (U+E000) is in no font of the PDF body stack; install a font '
            "that has it and add it to pdf.fonts.body in config.yaml, or replace the character\n") in english.err


def test_a_broken_link_found_by_check_is_said_in_chinese(site: SiteDir) -> None:
    text = GOOD_REPORT + "\n见[上年报告](../../2022/nothing/)和[第二部分](#part-two)。\n"
    site.write(REPORT, text)
    line = _line_of(text, "nothing")
    chinese = run_main("check", "--config", str(site.root / "config.yaml"), "--lang", "zh")
    assert chinese.code == 1
    assert (f"{REPORT}:{line}: 链接“../../2022/nothing/”无效：生成的网站里没有 2022/nothing/；"
            "请检查拼写和路径（相对链接从本页所在的文件夹算起）\n") in chinese.err
    assert f"{REPORT}:{line}: 链接“#part-two”无效：本页中没有 id 为“part-two”的元素；" in chinese.err
    english = run_main("check", "--config", str(site.root / "config.yaml"), "--lang", "en")
    assert (f'{REPORT}:{line}: link "../../2022/nothing/" is broken: there is no 2022/nothing/ in the built site; '
            "check the spelling and the path (a relative link starts from the page's own folder)\n") in english.err


def test_the_stages_of_a_build_are_named_in_chinese(site: SiteDir) -> None:
    run = site.build(*FAST, "--lang", "zh")
    assert run.code == 0, run.err
    assert "… 读取内容\n" in run.out and "… 生成页面\n" in run.out and "… 换上新网站\n" in run.out


def test_a_rebuild_with_nothing_to_do_repeats_the_warnings_as_messages(site: SiteDir) -> None:
    """The manifest keeps a warning's code and fields, not its English text, so the rebuild that only
    replays it still says it in the language that rebuild is run in."""
    site.write(REPORT, GOOD_REPORT.replace('doc_no: ""', "doc_no: 博政发[2024]3号"))
    options = BuildOptions(site.root / "config.yaml", pdf=False, search=False)
    first = build(options)
    again = build(options)
    assert again.rendered == 0 and first.rendered > 0
    replayed = [(w.path, w.line, w.message) for w in again.warnings]
    assert replayed == [(w.path, w.line, w.message) for w in first.warnings]
    assert len(again.warnings) == 1 and isinstance(again.warnings[0].message, Message)
