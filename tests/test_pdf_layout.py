"""What a reader of the PDF notices of its line breaks: the header keeps each label with its value, and
no paragraph leaves a single line alone at the foot or head of a page (the last page included)."""

from __future__ import annotations

from pypdf import PdfReader

from conftest import GOOD_REPORT, SiteDir
from tests.test_pdf import SEED_PDF, body_lines, flat, pdftotext

#: Paragraphs of three lines on the 28-character grid (the indent takes two), each named by its number;
#: one split across pages would leave one of its lines alone on one page or the other.
PARAGRAPH = "第{:02d}段" + "推进乡村振兴重点项目建设" * 5 + "全面完成"
THREE_LINES = GOOD_REPORT + "".join(f"\n{PARAGRAPH.format(n)}\n" for n in range(1, 40))


def test_the_header_keeps_each_label_with_its_value(site: SiteDir) -> None:
    """Without `white-space: nowrap` the line broke between 索引号： and 1137…, which then stood alone."""
    assert site.build().code == 0
    lines = [flat(line) for line in pdftotext(site.output / SEED_PDF, "-l", "1").splitlines()]
    for pair in ("发布机构：博山区八陡镇", "发文日期：2024-01-15", "索引号：1137030400421863XL/2024-5432138"):
        assert any(flat(pair) in line for line in lines), (pair, lines[:6])


def test_no_page_holds_a_single_line_of_a_paragraph(site: SiteDir) -> None:
    assert len(PARAGRAPH.format(1)) + 2 > 2 * 28  # three lines each
    site.write("content/2023/badou-key-work.md", THREE_LINES)
    assert site.build().code == 0
    pdf = site.output / SEED_PDF
    pages = [body_lines(pdf, number) for number in range(1, len(PdfReader(pdf).pages) + 1)]
    assert len(pages) >= 3
    for number, lines in enumerate(pages[1:], start=2):
        assert lines[0].startswith("第"), (number, lines[:2])  # a paragraph's first line: none is split
    assert len(pages[-1]) >= 2
