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
