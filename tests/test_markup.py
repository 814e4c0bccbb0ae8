"""Markdown rendering: official heading levels, CJK run-in leads, and no active content."""

from __future__ import annotations

import pytest

from reportsite.core.numbering import official_level
from reportsite.render.markup import make_markdown, render_markdown, slugify


@pytest.fixture(scope="module")
def md():
    return make_markdown()


def html(md, source: str) -> str:
    return render_markdown(md, source).html


@pytest.mark.parametrize("text, level", [
    ("一、总体情况", 2), ("十二、其他", 2), ("（一）项目为纲", 3), ("(二)提制增效", 3),
    ("1.聚焦产业发展", 4), ("12．园区建设", 4), ("（1）招商引资", 5), ("(3)城镇更新", 5),
    ("2024年工作", None), ("一是经济运行", None), ("8.5亿元", None),
])
def test_official_numbering_levels(text: str, level: int | None) -> None:
    assert official_level(text) == level


def test_numbered_paragraphs_become_headings_of_their_level(md) -> None:
    out = html(md, "一、工作开展情况\n\n（一）项目为纲\n\n1.聚焦产业发展\n\n（1）招商引资\n\n正文。")
    assert '<h2 id="一-工作开展情况">一、工作开展情况</h2>' in out
    assert "<h3" in out and "<h4" in out and "<h5" in out
    assert "<p>正文。</p>" in out


def test_long_numbered_paragraph_stays_prose(md) -> None:
    text = "1.聚焦产业发展。全面启动五经普登记，准确反映经济发展活力、底蕴和信心。"
    assert html(md, text) == f"<p>{text}</p>\n"


def test_explicit_heading_takes_level_from_numbering_and_never_h1(md) -> None:
    out = html(md, "# 一、总体情况\n\n#### （一）主动公开\n\n# 说明")
    assert "<h2" in out and "<h3" in out and "<h1" not in out


def test_heading_ids_are_stable_and_unique(md) -> None:
    body = render_markdown(md, "## 一、情况\n\n## 一、情况\n")
    assert [h.id for h in body.headings] == ["一-情况", "一-情况-1"]
    assert slugify("（一）项目为纲") == "一-项目为纲"


def test_run_in_lead_with_full_stop_is_bold_inside_its_paragraph(md) -> None:
    out = html(md, "**一是经济运行稳中有进。**全年完成规上工业产值20.69亿元。")
    assert out == "<p><strong>一是经济运行稳中有进。</strong>全年完成规上工业产值20.69亿元。</p>\n"


def test_ascii_emphasis_still_follows_commonmark(md) -> None:
    assert html(md, "a **b** c and snake_case_name") == "<p>a <strong>b</strong> c and snake_case_name</p>\n"


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<a href=\"javascript:alert(1)\">x</a>",
    "[点击](javascript:alert(1))",
    "[点击](JaVaScRiPt:alert(1))",
    "[点击](vbscript:msgbox(1))",
    "[点击](data:text/html;base64,PHNjcmlwdD4=)",
    "![图](data:image/svg+xml;base64,PHN2Zz4=)",
    "[ref]\n\n[ref]: javascript:alert(1)",
])
def test_content_never_becomes_active_markup(md, source: str) -> None:
    out = html(md, source)
    assert "<script" not in out and "<img src=x" not in out
    assert 'href="javascript' not in out.lower() and 'href="vbscript' not in out.lower()
    assert 'href="data:' not in out and 'src="data:' not in out


def test_tables_footnotes_and_wide_table_region(md) -> None:
    out = html(md, "| 项目 | 数量 |\n|---|---|\n| 新收 | 3 |\n\n正文[^1]\n\n[^1]: 注释")
    assert '<div class="table-wrap body-table" role="region" tabindex="0" aria-label="表1">' in out
    assert "<th>项目</th>" in out and "<td>3</td>" in out
    assert 'class="footnote' in out and "注释" in out


def test_html_table_keeps_spans_and_loses_everything_else(md) -> None:
    source = ('<table class="MsoNormalTable" style="border:none" onmouseover="x()">\n'
              '<tr><td rowspan="2" colspan=3 style="mso-x" onclick="evil()"><p><span>本年</span><o:p></o:p></p></td>'
              '<td>a<script>alert(2)</script>&amp;b<img src=x onerror=alert(1)></td></tr>\n'
              '<tr><th scope="col" id="x">说明</th><td><a href="javascript:x()">链接</a></td></tr></table>')
    out = html(md, source)
    assert '<td rowspan="2" colspan="3">本年</td>' in out
    assert "<td>a&amp;b</td>" in out and '<th scope="col">说明</th><td>链接</td>' in out
    for bad in ("style", "class=\"Mso", "onclick", "onmouseover", "script", "alert", "<img", "<a ", "<span", "<p>"):
        assert bad not in out.split('aria-label="表1">')[1], bad


def test_unclosed_html_table_is_closed(md) -> None:
    out = html(md, "<TABLE><tr><td>x")
    assert '<table class="pin-first"><tr><td>x</td></tr></table>' in out


def test_text_beside_an_html_table_is_kept_in_order_and_escaped(md) -> None:
    """Editors paste a table and go on typing without a blank line: that text must not vanish."""
    out = html(md, "<table><tr><td>甲</td></tr></table>\n全年<b>完成</b>目标。<script>alert(1)</script>\n"
                   "<table><tr><td>乙</td></tr></table>")
    first, text, second = out.index("<td>甲</td>"), out.index("<p>全年完成目标。</p>"), out.index("<td>乙</td>")
    assert first < text < second
    assert out.count('class="table-wrap body-table"') == 2 and "script" not in out and "alert" not in out
