"""tools.importer.front_matter: the title taken in the order the issue gives, and dates in the one form."""

from __future__ import annotations

import pytest

from reportsite.core.i18n import msg
from reportsite.core.problems import Problems
from reportsite.tools.importer.front_matter import front_matter
from reportsite.tools.importer.options import ImportOptions
from reportsite.tools.importer.page import Block, Page, TitleGuess

BODY = (Block("paragraph", "正文。"),)
META = (("publisher", "某镇"), ("issued", "2024-01-10"))
TWICE = TitleGuess("某镇2023年工作总结", 4, None, dropped=True)
LIKE = TitleGuess("某镇2023年工作总结", 7, msg("import.title_reason_year", "it names the year {year}", year="2023"),
                  dropped=True)


def title_and_notes(meta: tuple[tuple[str, str], ...], guess: TitleGuess | None = None,
                    **options: str) -> tuple[object, list[str]]:
    front, warnings = front_matter("p.txt", Page(META + meta, BODY, (), guess), ImportOptions(**options))
    return front["title"], [str(w) for w in warnings]


def test_the_title_option_wins_and_a_dropped_title_line_is_named() -> None:
    assert title_and_notes((("title", "标签标题"),), title="选项标题") == ("选项标题", [])
    title, notes = title_and_notes((), TWICE, title="选项标题")
    assert title == "选项标题"
    assert notes == ['p.txt:4: warning: left out "某镇2023年工作总结" above the body: it is not known page furniture, '
                     "so check that it is no part of the report"]


def test_a_label_then_the_title_tag_then_a_line_printed_twice_then_one_that_reads_as_a_title() -> None:
    assert title_and_notes((("title", "标签标题"), ("page_title", "某镇2023年报告_某镇"))) == ("标签标题", [])
    title, notes = title_and_notes((("page_title", "某镇2023年度报告_某镇人民政府"),), TWICE)
    assert title == "某镇2023年度报告"
    assert notes[0] == 'p.txt: warning: the page labels no title; took "某镇2023年度报告" from its <title>, check it'
    assert title_and_notes((), TWICE)[1] == [
        'p.txt:4: warning: the page labels no title; took "某镇2023年工作总结", which it prints twice (above the '
        "metadata and above the body), check it"]
    assert title_and_notes((), LIKE)[1] == [
        'p.txt:7: warning: the page labels no title; took "某镇2023年工作总结", the first line above the body that '
        "reads as a title (it names the year 2023), check it"]


def test_a_title_tag_with_only_the_sites_name_gives_way_to_the_line_the_page_shows() -> None:
    assert title_and_notes((("page_title", "某镇人民政府"),), TWICE)[0] == "某镇2023年工作总结"
    assert title_and_notes((("page_title", "某镇人民政府"),))[0] == "某镇人民政府"  # nothing better


def test_no_title_anywhere_stops_with_the_fix() -> None:
    with pytest.raises(Problems) as failure:
        title_and_notes(())
    assert "no title found" in str(failure.value.problems[0])


@pytest.mark.parametrize("issued, published, expected", [
    ("2024-01-16", "2024-01-17", ("2024-01-16", "2024-01-17")),
    ("2024年01月16日", "2024年1月17日 09:30", ("2024-01-16", "2024-01-17 09:30")),
    ("2024/1/16 10:00", "2024/1/17 9:05:33", ("2024-01-16", "2024-01-17 09:05")),
    ("2024.1.16", "2024.1.16 08:00", ("2024-01-16", "2024-01-16 08:00")),
])
def test_dates_in_every_common_form_and_a_time_only_where_it_is_taken(issued: str, published: str,
                                                                      expected: tuple[str, str]) -> None:
    page = Page((("title", "某镇2023年工作总结"), ("publisher", "某镇"), ("issued", issued), ("published", published)),
                BODY)
    front, _ = front_matter("p.txt", page, ImportOptions())
    assert (front["issued"], front["published"]) == expected


def test_summary_and_status_are_kept() -> None:
    page = Page(META + (("title", "某镇2023年工作总结"), ("summary", "某镇全年工作情况。"), ("status", "有效")), BODY)
    front, _ = front_matter("p.txt", page, ImportOptions())
    assert (front["summary"], front["status"]) == ("某镇全年工作情况。", "有效")
