"""tools.importer.annual: all three tables become data under one form, or none does, with the reason."""

from __future__ import annotations

from pathlib import Path

from reportsite.core.i18n import english
from reportsite.tools.importer.annual import import_tables
from reportsite.tools.importer.html_page import read_html_page
from reportsite.tools.importer.page import Block

PINGTAN = Path(__file__).resolve().parents[2] / "fixtures/pingtan"


def blocks(year: int) -> tuple[Block, ...]:
    text = (PINGTAN / f"xxgk-nianbao-{year}.html").read_text(encoding="utf-8")
    return read_html_page("page.html", text).blocks


def test_the_tables_leave_the_body_and_their_headings_stay() -> None:
    before = blocks(2024)
    found = import_tables("page.html", before, 2024)
    assert found.data.startswith("annual_report:\n  template: 2021 ")
    assert [b for b in before if b.kind != "table"] == list(found.blocks)
    assert found.warnings == ()


def test_a_missing_section_heading_keeps_every_table_and_says_so() -> None:
    before = tuple(b for b in blocks(2024) if not (b.kind == "heading" and b.text.startswith("三、")))
    found = import_tables("page.html", before, 2024)
    assert (found.blocks, found.data) == (before, "")
    [warning] = found.warnings
    assert "表三 (收到和处理政府信息公开申请情况): the body has no heading “三、…” for it to follow" in english(warning.message)
    # and section 二 now runs on over 表三's table too, which is not 表二's one table
    assert "表二 (主动公开政府信息情况): 2 tables follow the heading “二、”" in english(warning.message)
    assert "表四" not in english(warning.message)


def test_two_tables_under_one_heading_are_not_guessed_between() -> None:
    before = list(blocks(2022))
    table = next(b for b in before if b.kind == "table")
    before.insert(before.index(table), table)
    found = import_tables("page.html", tuple(before), 2022)
    assert found.data == ""
    assert "2 tables follow the heading “二、”, where the form has one" in english(found.warnings[0].message)


def test_the_form_the_tables_follow_wins_over_the_years_own() -> None:
    assert import_tables("page.html", blocks(2020), 2024).data.startswith("annual_report:\n  template: 2019 ")
