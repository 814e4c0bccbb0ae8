"""The example site, built from the repository: the seed report's page must match the seed page."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import FIXTURES, ROOT, soup

SEED = (FIXTURES / "badou-2023-key-work.txt").read_text(encoding="utf-8")
REPORT_PAGE = "2023/badou-key-work/index.html"
SEED_LABELS = ["标题", "索引号", "文号", "发文日期", "发布机构", "发布日期"]


def seed_metadata() -> dict[str, str]:
    """The disclosure fields as the scraped seed page shows them."""
    header = SEED[: SEED.index("一、工作开展情况")]
    found = re.findall(r"(标题|索引号|文号|发文日期|发布机构|发布日期)[ \t]*[:：][ \t]*([^ \t\n]*)", header)
    return dict(found)


def seed_body() -> str:
    return re.sub(r"\s+", "", SEED[SEED.index("一、工作开展情况"):])


@pytest.fixture(scope="module")
def page(example_output: Path):
    return soup(example_output / REPORT_PAGE)


def test_disclosure_block_matches_the_seed_field_by_field(page) -> None:
    rows = page.select(".disclosure dt")
    labels = [dt.get_text(strip=True) for dt in rows]
    assert labels[:6] == SEED_LABELS
    shown = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True) for dt in rows}
    expected = seed_metadata()
    assert set(expected) == set(SEED_LABELS)
    for label in SEED_LABELS:
        assert shown[label] == expected[label], label
    assert shown["文号"] == ""  # shown empty, not hidden, as the seed does


def test_page_keeps_every_character_of_the_seed_text_in_order(page) -> None:
    body = re.sub(r"\s+", "", page.select_one(".report__body").get_text())
    assert body == seed_body()


def test_official_heading_levels_and_run_in_leads(page) -> None:
    body = page.select_one(".report__body")
    assert [h.get_text() for h in body.find_all("h2")] == ["一、工作开展情况", "二、存在的问题和不足", "三、下一步工作打算"]
    assert body.find("h3").get_text() == "(一)项目为纲持续优化产业结构"
    assert body.find("h4").get_text() == "1.聚焦产业发展。"
    assert all(h.get("id") for h in body.find_all(re.compile("^h[2-6]$")))
    leads = [s.get_text() for s in body.find_all("strong")]
    assert "一是经济运行稳中有进" in leads and "三是科技创新持续发力。" in leads
    first = body.find("strong", string="一是经济运行稳中有进")
    assert first.parent.name == "p" and "全年完成规上工业产值20.69亿元" in first.parent.get_text()


def test_one_h1_and_a_contents_list(page) -> None:
    assert [h.get_text() for h in page.find_all("h1")] == ["八陡镇2023年度重点工作情况"]
    toc = page.select_one("nav.toc")
    targets = [a["href"] for a in toc.find_all("a")]
    assert len(targets) >= 3
    for href in targets:
        assert page.find(id=href[1:]) is not None, href


def test_font_size_and_print_controls(page) -> None:
    tools = page.select_one("[data-tools]")
    assert "needs-js" in tools["class"]  # shown only once site.js has run, so no dead buttons without JavaScript
    sizes = tools.select("[role=group] button")
    assert [b.get_text(strip=True) for b in sizes] == ["大", "中", "小"]
    assert all(b["type"] == "button" and b.has_attr("aria-pressed") for b in sizes)
    assert tools.select_one("[role=group]")["aria-label"] == "字号"
    assert tools.find("button", string="打印") is not None


def test_government_meta_tags_and_canonical(page) -> None:
    meta = {m["name"]: m["content"] for m in page.find_all("meta", attrs={"name": True})}
    url = "https://www.boshan.gov.cn/badou/2023/badou-key-work/"
    assert meta["SiteName"] == "博山区八陡镇人民政府"
    assert meta["SiteDomain"] == "www.boshan.gov.cn"
    assert meta["SiteIDCode"] == "3703040001"
    assert meta["ColumnName"] == "工作总结"
    assert meta["ColumnType"] == "工作动态"
    assert meta["ArticleTitle"] == "八陡镇2023年度重点工作情况"
    assert meta["PubDate"] == "2024-01-15 00:00"
    assert meta["ContentSource"] == "博山区八陡镇"
    assert "乡村振兴" in meta["Keywords"].split(",")
    assert meta["Description"]
    assert meta["Url"] == url
    assert page.find("link", rel="canonical")["href"] == url


def test_footer_identifies_the_site_owner(page) -> None:
    footer = page.select_one("footer").get_text(" ", strip=True)
    for text in ("主办单位", "博山区八陡镇人民政府", "网站标识码", "3703040001", "鲁ICP备", "鲁公网安备"):
        assert text in footer


def test_breadcrumb_and_pdf_link(page) -> None:
    crumbs = [li.get_text(strip=True) for li in page.select("nav.breadcrumbs li")]
    assert crumbs == ["首页", "2023年", "八陡镇2023年度重点工作情况"]
    pdf = page.find("a", href="badou-key-work.pdf")
    assert pdf is not None and pdf.get_text(strip=True).startswith("下载PDF")


def test_home_page_indexes_every_year_with_counts(example_output: Path) -> None:
    home = soup(example_output / "index.html")
    years = home.select("section.year")
    headings = [s.find("h3").get_text(" ", strip=True) for s in years]
    numbers = [int(h[:4]) for h in headings]
    content_years = sorted({int(p.parent.name) for p in (ROOT / "content").glob("*/*.md")}, reverse=True)
    assert numbers == content_years
    for section, heading in zip(years, headings):
        links = [li.find("a")["href"] for li in section.select(".report-list li")]
        year = heading[:4]
        assert links and all(link.startswith(f"{year}/") for link in links)
        assert f"（{len(links)}篇）" in heading
        assert len(links) == len(list((ROOT / "content" / year).glob("*.md")))
    seed_year = years[numbers.index(2023)]
    assert "2023/badou-key-work/index.html" in [li.find("a")["href"] for li in seed_year.select(".report-list li")]


def test_year_page_and_404(example_output: Path) -> None:
    year = soup(example_output / "2023/index.html")
    assert year.find("h1").get_text(" ", strip=True).startswith("2023年")
    assert year.find("a", href="../2023/badou-key-work/index.html")
    missing = soup(example_output / "404.html")
    assert missing.find("h1").get_text() == "页面未找到"
    assert missing.find("link", rel="stylesheet")["href"].startswith("/badou/assets/css/site.")


def pages(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html") if p.name != "404.html")


def test_every_relative_link_resolves_in_output(example_output: Path) -> None:
    """output/ must work from file:// and under any sub-path, so every local link is relative and exists,
    the links to each report's PDF included."""
    pdf_links = 0
    for path in pages(example_output):
        doc = soup(path)
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for node in doc.find_all(tag, attrs={attr: True}):
                url = node[attr]
                if tag == "link" and node.get("rel") == ["canonical"] or urlsplit(url).scheme in ("http", "https"):
                    continue
                assert not url.startswith("/"), f"{path}: {url} is not relative"
                target, _, fragment = unquote(url).partition("#")
                resolved = (path.parent / target).resolve() if target else path
                assert resolved.is_file(), f"{path.relative_to(example_output)}: {url} does not exist"
                if resolved.suffix == ".pdf":
                    pdf_links += 1
                    assert resolved.read_bytes().startswith(b"%PDF-"), f"{path}: {url} is not a PDF"
                elif fragment:
                    assert soup(resolved).find(id=fragment), f"{path}: #{fragment} missing"
    reports = list((ROOT / "content").rglob("*.md"))
    assert reports and pdf_links >= len(reports)  # each report page links its PDF, at the least


def test_no_inline_scripts_handlers_or_third_party_resources(example_output: Path) -> None:
    for path in sorted(example_output.rglob("*.html")):
        doc = soup(path)
        for script in doc.find_all("script"):
            assert script.get("src", "").split("assets/")[0].strip("./") in ("", "badou"), script
            assert not script.get_text().strip()
        for node in doc.find_all(True):
            assert not [a for a in node.attrs if a.lower().startswith("on")], node
        for node in doc.find_all(["link", "script", "img"]):
            url = node.get("href") or node.get("src") or ""
            assert node.get("rel") == ["canonical"] or not urlsplit(url).scheme, url
        assert doc.find("meta", attrs={"http-equiv": "Content-Security-Policy"})


def test_assets_have_content_hash_names(example_output: Path) -> None:
    names = sorted(p.name for p in (example_output / "assets").rglob("*") if p.is_file())
    assert names and all(re.fullmatch(r"[\w-]+\.[0-9a-f]{10}\.\w+", n) for n in names), names


def test_html_lang_landmarks_and_skip_link(page) -> None:
    assert page.find("html")["lang"] == "zh-CN"
    focusables = page.find_all(["a", "button"])
    assert focusables[0]["href"] == "#main" and focusables[0].get_text() == "跳到正文"
    assert page.find("main", id="main") and page.find("header") and page.find("footer")


def test_example_site_spans_years_series_and_publishers(example_output: Path) -> None:
    compare = soup(example_output / "index.html").select_one("table.compare")
    assert len(compare.select("thead th")) - 1 >= 5
    series = [tr.th.get_text(strip=True) for tr in compare.select("tbody tr")]
    assert {"年度重点工作情况", "政府信息公开工作年度报告", "政府工作报告"} <= set(series)
    assert compare.select("td.compare__gap")  # e.g. no annual disclosure report for 2023


def test_annual_disclosure_report_keeps_its_statistics_tables_with_spans(example_output: Path) -> None:
    page = soup(example_output / "2022/pingtan-xxgk-nianbao/index.html")
    tables = page.select(".report__body table")
    assert len(tables) >= 3
    for table in tables:
        assert table.select("[rowspan], [colspan]"), table.get_text()[:40]
    assert "本年新收" in page.select_one(".report__body").get_text()


def test_government_work_report_series_charts_gdp(example_output: Path) -> None:
    page = soup(example_output / "series/zheng-fu-gong-zuo-bao-gao/index.html")
    descs = [d.get_text() for d in page.select("svg.chart desc")]
    assert "2020年：实际301.4；2021年：实际328.63；2022年：实际373.91。" in descs
