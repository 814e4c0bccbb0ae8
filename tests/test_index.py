"""The index across years: listings, 年度对比 with gaps, catalogue, charts, feeds, sitemap, catalog.json."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import MINIMAL_CONFIG, good_config, soup
from reportsite.commands import main

SERIES = "年度重点工作情况"


def report(title: str, year: int, serial: int, series: str = SERIES, category: str = "工作总结",
           publisher: str = "badou", metrics: str = "") -> str:
    return (f"---\ntitle: {title}\npublisher: {publisher}\nindex_no: 1137030400421863XL/{year + 1}-{serial}\n"
            f"issued: {year + 1}-01-{10 + serial:02d}\nseries: {series}\ncategory: {category}\n{metrics}---\n\n"
            f"## 一、总体情况\n\n{title}正文。\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two series over 2021–2023: the key-work series has a gap in 2022."""
    root = tmp_path_factory.mktemp("index")
    (root / "config.yaml").write_text(MINIMAL_CONFIG + "  other:\n    name: 平潭综合实验区\n    code: \"\"\n",
                                      encoding="utf-8")
    files = {
        "2021/key.md": report("八陡镇2021年度重点工作情况", 2021, 1, metrics=(
            "metrics:\n  - {key: fai, label: 固定资产投资, value: 7.1, unit: 亿元}\n"
            "  - {key: fai, label: 固定资产投资, target: 8, unit: 亿元, year: 2022}\n")),
        "2023/key.md": report("八陡镇2023年度重点工作情况", 2023, 2, metrics=(
            "metrics:\n  - {key: fai, label: 固定资产投资, value: 8.29, unit: 亿元}\n"
            "  - {key: fai, label: 固定资产投资, target: 8.5, unit: 亿元, year: 2024}\n")),
        "2021/nianbao.md": report("2021年度政府信息公开工作年度报告", 2021, 3, "政府信息公开工作年度报告",
                                  "信息公开年报", "other"),
        "2022/nianbao.md": report("2022年度政府信息公开工作年度报告", 2022, 4, "政府信息公开工作年度报告",
                                  "信息公开年报", "other"),
        "2023/nianbao.md": report("2023年度政府信息公开工作年度报告", 2023, 5, "政府信息公开工作年度报告",
                                  "信息公开年报", "other"),
    }
    for name, text in files.items():
        (root / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / name).write_text(text, encoding="utf-8")
    assert main(["build", "--config", str(root / "config.yaml"), "--quiet", "--no-pdf"]) == 0
    return root / "output"


def test_comparison_table_has_a_cell_per_series_and_year_with_gaps(built: Path) -> None:
    table = soup(built / "index.html").select_one("table.compare")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == ["系列", "2021年", "2022年", "2023年"]
    rows = {tr.th.get_text(strip=True): tr.find_all("td") for tr in table.select("tbody tr")}
    key = rows[SERIES]
    assert key[0].a["href"] == "2021/key/index.html" and key[2].a["href"] == "2023/key/index.html"
    assert key[1].a is None and "compare__gap" in key[1]["class"] and key[1].get_text(strip=True) == "—无"
    assert [td.a["href"] for td in rows["政府信息公开工作年度报告"]] == [
        "2021/nianbao/index.html", "2022/nianbao/index.html", "2023/nianbao/index.html"]


def test_home_lists_latest_reports_newest_first(built: Path) -> None:
    home = soup(built / "index.html")
    latest = [a.get_text() for a in home.select("section[aria-labelledby=latest-title] .report-list li > a:first-child")]
    assert latest[:2] == ["2023年度政府信息公开工作年度报告", "八陡镇2023年度重点工作情况"]


@pytest.mark.parametrize("page, titles", [
    ("series/nian-du-zhong-dian-gong-zuo-qing-kuang", ["八陡镇2023年度重点工作情况", "八陡镇2021年度重点工作情况"]),
    ("publishers/other", ["2023年度政府信息公开工作年度报告", "2022年度政府信息公开工作年度报告",
                          "2021年度政府信息公开工作年度报告"]),
    ("categories/gong-zuo-zong-jie", ["八陡镇2023年度重点工作情况", "八陡镇2021年度重点工作情况"]),
    ("2022", ["2022年度政府信息公开工作年度报告"]),
])
def test_listing_pages(built: Path, page: str, titles: list[str]) -> None:
    doc = soup(built / page / "index.html")
    assert [li.a.get_text() for li in doc.select("section[aria-labelledby=reports-title] .report-list li, "
                                                 "main > .report-list li")] == titles


def test_every_listing_is_reachable_by_plain_links(built: Path) -> None:
    browse = soup(built / "index.html").select_one("nav.browse")
    hrefs = {a["href"] for a in browse.find_all("a")}
    assert {"2021/index.html", "series/nian-du-zhong-dian-gong-zuo-qing-kuang/index.html", "publishers/badou/index.html",
            "publishers/other/index.html", "categories/xin-xi-gong-kai-nian-bao/index.html"} <= hrefs
    for href in hrefs:
        assert (built / href).is_file()


def test_catalogue_is_a_table_in_date_order(built: Path) -> None:
    table = soup(built / "catalogue/index.html").select_one("table.catalogue")
    columns = ["索引号", "标题", "发布机构", "发文日期", "信息分类"]
    assert [th.select_one(".sort-label").get_text(strip=True) for th in table.select("thead th")] == columns
    assert [th.select_one("button.sort-button").get_text(strip=True) for th in table.select("thead th")] == columns
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    assert len(rows) == 5
    assert [r[3] for r in rows] == sorted((r[3] for r in rows), reverse=True)
    assert rows[0] == ["1137030400421863XL/2024-5", "2023年度政府信息公开工作年度报告", "平潭综合实验区", "2024-01-15", "信息公开年报"]


def test_series_chart_draws_the_metrics(built: Path) -> None:
    page = soup(built / "series/nian-du-zhong-dian-gong-zuo-qing-kuang/index.html")
    svg = page.select_one("svg.chart")
    assert svg["role"] == "img"
    assert svg.title.get_text() == "固定资产投资（亿元），2021—2024年"
    assert svg.desc.get_text() == "2021年：实际7.1；2022年：目标8；2023年：实际8.29；2024年：目标8.5。"
    bars = svg.select("rect.chart__bar")
    values = [t.get_text() for t in svg.select("text.chart__value")]
    assert values == ["7.1", "8.29"] and len(bars) == 2
    heights = [float(b["height"]) for b in bars]
    assert heights[1] / heights[0] == pytest.approx(8.29 / 7.1, rel=0.01)
    targets = [t.get_text() for t in svg.select("text.chart__target-label")]
    assert targets == ["目标8", "目标8.5"]
    table = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in page.select("table.metric__table tbody tr")]
    assert table == [["2021年", "7.1", "—"], ["2022年", "—", "8"], ["2023年", "8.29", "—"], ["2024年", "—", "8.5"]]


def test_feed_sitemap_and_catalog_parse_and_list_every_report(built: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(built / "feed.xml").getroot()
    entries = [e.find(f"{atom}link").get("href") for e in feed.findall(f"{atom}entry")]
    base = "https://www.example.gov.cn/town/"
    reports = {f"{base}{y}/{s}/" for y, s in (("2021", "key"), ("2023", "key"), ("2021", "nianbao"),
                                                ("2022", "nianbao"), ("2023", "nianbao"))}
    assert set(entries) == reports
    sitemap = ET.parse(built / "sitemap.xml").getroot()
    locs = {u.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text for u in sitemap}
    assert reports | {base, base + "catalogue/", base + "2022/", base + "series/nian-du-zhong-dian-gong-zuo-qing-kuang/"} <= locs
    html_pages = {base + p.relative_to(built).as_posix().removesuffix("index.html")
                  for p in built.rglob("*.html") if p.name != "404.html"}
    assert locs == html_pages
    catalog = json.loads((built / "catalog.json").read_text(encoding="utf-8"))
    assert {r["url"] for r in catalog["reports"]} == reports
    first = next(r for r in catalog["reports"] if r["url"].endswith("2023/key/"))
    assert first["index_no"] == "1137030400421863XL/2024-2" and first["pdf"] is None
    assert first["metrics"][0] == {"key": "fai", "label": "固定资产投资", "unit": "亿元", "year": 2023,
                                   "value": 8.29, "target": None}
    assert (built / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"


def test_feed_updated_honours_source_date_epoch(built: Path, tmp_path: Path, monkeypatch) -> None:
    from reportsite.render.feeds import atom_feed
    from reportsite.content.read import read_content
    from reportsite.model import build_site

    config, _ = good_config(built.parent / "config.yaml")
    site, _ = build_site(config, read_content(config)[0])
    assert "<updated>2024-01-15T00:00:00+08:00</updated>" in atom_feed(site).split("<entry>")[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert "<updated>2023-11-15T06:13:20+08:00</updated>" in atom_feed(site).split("<entry>")[0]


def test_search_index_and_page_are_built(built: Path) -> None:
    assert (built / "pagefind/pagefind.js").is_file()
    assert list((built / "pagefind").glob("*.pf_meta"))
    form = soup(built / "search/index.html").select_one("form[data-search-page]")
    assert "needs-js" in form["class"] and form["data-pagefind"] == "../pagefind/pagefind.js"
    header = soup(built / "index.html").select_one("form[data-search-form]")
    assert "needs-js" in header["class"] and header["action"] == "search/index.html"
