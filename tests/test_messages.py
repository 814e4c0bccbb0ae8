"""Messages in Chinese by default and in English on request, from gettext catalogues kept with Babel.

The catalogue is read straight from the source: Babel extracts every msg(code, "English …") the
code holds, as `scripts/messages.py` does, and each must have a Chinese translation with the same
{fields}. So no message can reach an editor in English under zh."""

from __future__ import annotations

import re
import shutil
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from conftest import ROOT, SiteDir, run_main
from test_bad_inputs import CASES as BAD_INPUTS, Case
from reportsite.commands import main
from reportsite.core.i18n import LOCALE_DIR, CatalogueProblem, choose_language, read_catalogue, translator

ZH = LOCALE_DIR / "zh_CN" / "LC_MESSAGES"


def extracted() -> dict[tuple[str, str], str]:
    """(code, English template) → where it is written, for every message in reportsite/."""
    found: dict[tuple[str, str], str] = {}
    method_map = [("**.py", "python")]
    for filename, lineno, message, _comments, context in extract_from_dir(
            ROOT / "reportsite", method_map, keywords={"msg": ((1, "c"), 2)}, comment_tags=()):
        found.setdefault((context, message), f"reportsite/{filename}:{lineno}")
    return found


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_scan_sees_the_messages() -> None:
    assert len(extracted()) >= 15 and ("cli.usage", "usage: ") in extracted()


def test_every_message_has_a_chinese_translation_with_the_same_fields() -> None:
    catalogue = {(m.context, m.id): m for m in read_catalogue(ZH) if m.id}
    missing, wrong = [], []
    for (code, template), where in sorted(extracted().items()):
        entry = catalogue.get((code, template))
        if entry is None or not entry.string or entry.fuzzy:
            missing.append(f"{where}: {code}")
        elif fields(entry.string) != fields(template) or not re.search(r"[\u4e00-\u9fff]", entry.string):
            wrong.append(f"{where}: {code}: {entry.string!r}")
    assert missing == [], "run scripts/messages.py and translate these in reportsite/locale/zh_CN"
    assert wrong == []


def test_each_code_names_one_message_and_no_translation_is_left_over() -> None:
    codes: dict[str, list[str]] = {}
    for code, template in extracted():
        codes.setdefault(code, []).append(template)
    assert {code: t for code, t in codes.items() if len(t) > 1} == {}
    stale = {(m.context, m.id) for m in read_catalogue(ZH) if m.id} - set(extracted())
    assert stale == set(), "remove these translations: the code no longer has the messages"


def test_the_language_comes_from_the_flag_then_the_config_then_the_locale() -> None:
    assert choose_language("en", "zh-CN", {"LANG": "zh_CN.UTF-8"}) == "en"
    assert choose_language(None, "en", {"LANG": "zh_CN.UTF-8"}) == "en"
    assert choose_language(None, None, {"LANG": "en_US.UTF-8"}) == "en"
    assert choose_language(None, None, {"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}) == "zh"
    assert choose_language(None, None, {"LANG": "C.UTF-8"}) == "zh"  # C names no language: the default
    assert choose_language(None, None, {"LANG": "fr_FR.UTF-8"}) == "zh"
    assert choose_language(None, None, {}) == "zh"


def shown_help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(list(argv))
    return capsys.readouterr().out


def test_help_is_chinese_by_default_and_english_on_request(monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("LANGUAGE")
    monkeypatch.setenv("LANG", "C.UTF-8")
    chinese = shown_help(capsys, "--help")
    assert chinese.startswith("用法：python build.py") and "生成政府工作报告网站。" in chinese
    assert "显示本帮助并退出" in chinese and "show this help" not in chinese
    english = shown_help(capsys, "--lang", "en", "--help")
    assert english.startswith("usage: python build.py") and "show this help message and exit" in english


def test_site_language_in_config_chooses_english(site: SiteDir, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("LANGUAGE")
    config = (site.root / "config.yaml").read_text(encoding="utf-8")
    site.write("config.yaml", config.replace("site:\n", "site:\n  language: en\n", 1))
    assert shown_help(capsys, "build", "--config", str(site.root / "config.yaml"), "--help").startswith("usage: ")


def test_an_unknown_language_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    run = run_main("--lang", "fr", "build")
    assert run.code == 2 and run.err.count("\n") == 1
    assert run.err.startswith("未知的语言 --lang fr：请用 zh（中文）或 en（英文）")


def test_a_broken_catalogue_is_one_line_naming_the_file(tmp_path: Path) -> None:
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale)
    broken = locale / "zh_CN/LC_MESSAGES/cli.po"
    broken.write_text(broken.read_text(encoding="utf-8") + '\nmsgctxt "x"\nmsgid "unterminated\n', encoding="utf-8")
    with pytest.raises(CatalogueProblem) as problem:
        translator("zh", locale)
    assert str(problem.value).startswith(f"{broken}: 翻译目录无法读取") and "\n" not in str(problem.value)
    assert translator("en", locale)("x") == "x"  # English needs no catalogue


ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?: +[A-Za-z]+){2,}\b")  # three English words in a row


def _chinese_lines(err: str) -> list[str]:
    """The lines of a run's stderr that read as English: their own words (after `file:line: `, with
    what is quoted set aside: `what to type`, and “what a library said”) hold three English words in a row."""
    return [line for line in err.splitlines()
            if ENGLISH.search(re.sub(r"`[^`]*`|“[^”]*”", "", line.split(": ", 1)[-1]))]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in BAD_INPUTS])
def test_every_bad_input_is_answered_in_chinese(site: SiteDir, monkeypatch: pytest.MonkeyPatch, case: Case) -> None:
    """The cases of tests/test_bad_inputs.py, each built under the default language: every line the
    editor reads is Chinese, which a message that escaped the catalogue would not be."""
    monkeypatch.delenv("LANGUAGE")
    monkeypatch.setenv("LANG", "C.UTF-8")
    if case.setup:
        case.setup(site.root)
    for relpath, text in case.files.items():
        site.write(relpath, text)
    run = site.build(*case.args)
    assert run.code == 1 and run.err.strip()
    assert _chinese_lines(run.err) == []
