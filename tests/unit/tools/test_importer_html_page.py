"""tools.importer.html_page and html_title: an HTML page's metadata, its title where no label or meta
tag names one, and the furniture inside its article."""

from __future__ import annotations

from reportsite.core.dates import find_date
from reportsite.tools.importer.html_page import read_html_page
from reportsite.tools.importer.page import Page

CHECK = "it is not known page furniture, so check that it is no part of the report"


def read(body: str, head: str = "") -> Page:
    return read_html_page("page.html", f"<html><head>{head}</head><body>{body}</body></html>")


def test_a_title_shown_above_the_metadata_and_again_in_the_article() -> None:
    page = read("<h1>某镇2023年工作总结</h1><ul><li><span>索引号</span> <span>A/2024-1</span></li>"
                "<li><span>发布机构</span> <span>某镇</span></li></ul>"
                "<div id='zoom'><p>某镇2023年工作总结</p><p>正文。</p></div>", "<title>某镇人民政府</title>")
    assert dict(page.meta) == {"index_no": "A/2024-1", "publisher": "某镇", "page_title": "某镇人民政府"}
    assert page.title_guess is not None and (page.title_guess.text, page.title_guess.reason) == ("某镇2023年工作总结",
                                                                                                 None)
    assert not page.title_guess.dropped  # the article keeps what it shows


def test_no_guess_where_an_articletitle_names_the_title() -> None:
    page = read("<h1>某镇2023年工作总结</h1><div id='zoom'><p>正文。</p></div>",
                "<meta name='ArticleTitle' content='某镇2023年度工作总结'>")
    assert dict(page.meta)["title"] == "某镇2023年度工作总结" and page.title_guess is None


def test_furniture_inside_the_article_is_dropped_and_other_lines_after_it_named() -> None:
    page = read("<div id='zoom'><p>正文。</p><p>某镇人民政府</p><p>扫一扫在手机打开当前页</p><p>【打印】【关闭】</p>"
                "<p>本页由镇党政办提供</p><p>责任编辑：张三</p></div>")
    assert [b.text for b in page.blocks] == ["正文。", "某镇人民政府"]
    assert [str(w) for w in page.warnings] == [f'page.html: warning: left out "本页由镇党政办提供" below the body: {CHECK}']


def test_a_metadata_table_that_contradicts_itself_is_a_note() -> None:
    page = read("<table><tr><td>索引号</td><td>A/2024-1</td><td>发布机构</td><td>某镇</td></tr>"
                "<tr><td>发布日期</td><td>2024-01-05</td><td>公开日期</td><td>2024-01-06</td></tr></table>"
                "<div id='zoom'><p>正文。</p></div>")
    assert dict(page.meta)["published"] == "2024-01-05"
    assert [str(w) for w in page.warnings] == ['page.html: warning: "发布日期: 2024-01-05" and "公开日期: 2024-01-06" '
                                               'disagree; used "2024-01-05", check which is right']


def test_the_publication_time_printed_with_the_buttons_above_the_article_is_kept() -> None:
    """CMSs print 发布时间 beside the font-size buttons, outside the metadata block and the article:
    that line is furniture, but its time is the report's 发布日期."""
    page = read("<ul><li><b>索 引 号:</b> A/2023-1</li><li><b>发文日期:</b> 2023/12/28</li></ul>"
                "<h1>某县2023年重点工作完成情况</h1>"
                "<div class='info'>发布时间：2023-12-29 10:20 【字体：大 中 小】 浏览次数：<span>87</span></div>"
                "<script>var t = '发布时间：2020-01-01';</script>"
                "<div id='zoom'><p>正文。</p></div>")
    meta = dict(page.meta)
    assert (find_date(meta["issued"]), find_date(meta["published"])) == ("2023-12-28", "2023-12-29 10:20")
    assert [block.text for block in page.blocks] == ["正文。"]


def test_text_beside_the_article_container_is_named_for_review() -> None:
    """A lead or a signature a CMS prints next to its article container, not in it: left out of the body,
    but never without a word, unlike the site's own header and footer."""
    page = read("<div class='nav'>首页 政务公开 机构设置</div><div class='main'><h1>某镇2024年工作总结</h1>"
                "<div class='lead'>编者按：本总结经镇党委会议审议通过。</div>"
                "<div class='TRS_Editor'><p>正文。</p></div><div class='sign'>某镇人民政府</div>"
                "<div class='share'>【打印】【关闭】</div></div>", "<title>某镇2024年工作总结</title>")
    notes = [str(note) for note in page.warnings]
    assert [block.text for block in page.blocks] == ["正文。"]
    assert any('left out "编者按：本总结经镇党委会议审议通过。" above the body' in note for note in notes)
    assert any('left out "某镇人民政府" below the body' in note for note in notes)
    assert not any("首页" in note or "打印" in note or "某镇2024年工作总结\" above" in note for note in notes)
