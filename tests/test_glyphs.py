"""Characters no PDF font has: a build error with file, line, character and fix, never an empty box."""

from __future__ import annotations

import pytest

from conftest import GOOD_REPORT, SiteDir, run_main, snapshot

REPORT = "content/2023/badou-key-work.md"
PUA = "\ue000"  # a 造字 in the private-use area
EXT_H = "\U00031350"  # CJK Extension H: unassigned in Python 3.11's tables, in no installed font


@pytest.mark.parametrize("char, where", [(PUA, "body"), (EXT_H, "body"), (PUA, "heading")])
def test_a_character_no_font_has_fails_build_and_check(site: SiteDir, char: str, where: str) -> None:
    assert site.build("--no-search").code == 0
    before = snapshot(site.output)
    text = GOOD_REPORT.replace("全年完成", f"全年{char}完成") if where == "body" else \
        GOOD_REPORT.replace("一、工作开展情况", f"一、工作{char}开展情况")
    site.write(REPORT, text)
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if char in row)
    code = f"U+{ord(char):04X}"
    run = site.build("--no-search")
    assert run.code == 1 and "Traceback" not in run.err
    assert f"{REPORT}:{line}:" in run.err and code in run.err and "pdf.fonts" in run.err
    assert snapshot(site.output) == before
    checked = run_main("check", "--config", str(site.root / "config.yaml"))
    assert checked.code == 1 and f"{REPORT}:{line}:" in checked.err and code in checked.err


def test_ordinary_text_passes_the_glyph_check(site: SiteDir) -> None:
    checked = run_main("check", "--config", str(site.root / "config.yaml"))
    assert checked.code == 0, checked.err


# 鿫 (U+9FEB, Unicode 10) is in Noto Sans CJK SC, the free font of the hei stack that draws 一、 headings
# and bold runs, but not in Noto Serif CJK SC, the body stack's.
HEI_ONLY = "\u9feb"
HEADING = "一、工作开展情况"


def _line_of(text: str, char: str) -> int:
    return next(n for n, row in enumerate(text.splitlines(), start=1) if char in row)


def test_a_heading_is_checked_against_the_stack_that_draws_it(site: SiteDir) -> None:
    """The hei stack has the character, so the 一、 heading prints it: no error there, in build or check."""
    site.write(REPORT, GOOD_REPORT.replace(HEADING, f"一、工作{HEI_ONLY}开展情况"))
    run = site.build("--no-search")
    assert run.code == 0, run.err
    assert run_main("check", "--config", str(site.root / "config.yaml")).code == 0


def test_the_same_character_in_body_text_names_the_body_stack(site: SiteDir) -> None:
    text = GOOD_REPORT.replace("全年完成", f"全年{HEI_ONLY}完成")
    site.write(REPORT, text)
    run = site.build("--no-search")
    assert run.code == 1
    assert (f'{REPORT}:{_line_of(text, HEI_ONLY)}: the character "{HEI_ONLY}" (U+9FEB) is in no font of the PDF '
            "body stack; install a font that has it and add it to pdf.fonts.body") in run.err


def test_a_heading_character_no_font_has_names_the_heading_stack(site: SiteDir) -> None:
    text = GOOD_REPORT.replace(HEADING, f"一、工作{PUA}开展情况")
    site.write(REPORT, text)
    run = site.build("--no-search")
    assert run.code == 1
    assert (f"{REPORT}:{_line_of(text, PUA)}: " f'the character "{PUA}" (U+E000) is in no font of the PDF hei '
            "stack nor the body stack it falls back to; install a font that has it and add it to pdf.fonts.hei "
            "(or pdf.fonts.body) in config.yaml, or replace the character") in run.err


def test_the_title_and_inline_code_are_checked_too(site: SiteDir) -> None:
    """The title prints in the title stack; code in the browser's monospace, which fontconfig resolves."""
    text = GOOD_REPORT.replace("title: 八陡镇", f"title: 八{PUA}陡镇").replace("全年完成", f"全年`{EXT_H}`完成")
    site.write(REPORT, text)
    run = site.build("--no-search")
    assert run.code == 1
    assert f'{REPORT}:2: the character "{PUA}" (U+E000) is in no font of the PDF title stack' in run.err
    assert (f'{REPORT}:{_line_of(text, EXT_H)}: the character "{EXT_H}" (U+31350) is in no installed font the '
            "PDF draws it with (monospace)") in run.err


def test_a_font_config_change_checks_cached_pdfs_again(site: SiteDir) -> None:
    """A build that reuses every PDF must still refuse a character the new font stacks lack."""
    config = (site.root / "config.yaml").read_text()
    site.write(REPORT, GOOD_REPORT.replace("全年完成", f"全年{HEI_ONLY}完成"))
    site.write("config.yaml", config + "pdf:\n  fonts:\n    body: [Noto Sans CJK SC]\n")
    assert site.build("--no-search").code == 0
    before = snapshot(site.output)
    site.write("config.yaml", config)
    run = site.build("--no-search")
    assert run.code == 1 and "(U+9FEB) is in no font of the PDF body stack" in run.err
    assert snapshot(site.output) == before
