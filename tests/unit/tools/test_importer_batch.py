"""One page as a worker imports it: what it says when a page holds no report at all, and the publisher
matched after the conversion."""

from __future__ import annotations

from pathlib import Path

from reportsite.config.model import Publisher
from reportsite.tools.importer.batch import Job, import_page
from reportsite.tools.importer.options import ImportOptions

MENUS = ("<html><head><title>某镇人民政府</title></head><body><div>您当前的位置：首页 &gt; 政务公开</div>"
         "<div>发布时间：2024-01-05</div><div>【打印】【关闭】</div><div>分享到：微信 微博</div></body></html>")
REPORT = "标题：某镇2023年度工作总结\n发布机构：某镇人民政府\n发布日期：2024-01-10\n\n一、总体情况\n\n全年完成各项任务。\n"


def test_a_page_of_menus_is_said_to_hold_no_report(tmp_path: Path) -> None:
    page = tmp_path / "list.html"
    page.write_text(MENUS, encoding="utf-8")
    done = import_page(Job(page, ImportOptions(publisher="某镇人民政府")))
    assert done.converted is None
    assert [str(p) for p in done.problems] == [
        f"{page}: the page holds no report, only short lines such as the site's menus, buttons and links; save the "
        "report's own page, not a list or the home page"]


def test_a_page_that_only_lacks_a_date_is_told_so(tmp_path: Path) -> None:
    page = tmp_path / "undated.txt"
    page.write_text(REPORT.replace("发布日期：2024-01-10\n", ""), encoding="utf-8")
    done = import_page(Job(page, ImportOptions()))
    assert [p.code for p in done.problems] == ["import.no_date"]  # it has a sentence: a report, not a menu


def test_the_publisher_becomes_the_key_after_conversion(tmp_path: Path) -> None:
    page = tmp_path / "report.txt"
    page.write_text(REPORT, encoding="utf-8")
    done = import_page(Job(page, ImportOptions(), (Publisher("mouzhen", "某镇人民政府", ""),)))
    assert done.converted is not None and "\npublisher: mouzhen\n" in done.converted.text
    assert done.publisher is not None and done.publisher.key == "mouzhen"
    plain = import_page(Job(page, ImportOptions()))
    assert plain.converted is not None and "\npublisher: 某镇人民政府\n" in plain.converted.text
    assert plain.publisher is None
