"""The 政府信息公开工作年度报告 across years, checked against the published numbers: a site built from
平潭综合实验区's reports of 2019, 2021, 2022 and 2024 (tests/fixtures/annual, copied from the published
tables) shows each year's key figures per publisher on the series page and in the home page's 年度对比,
charts them, and publishes them in catalog.json and as a CSV that Excel opens, rebuilt with the content.

Every expected number is read off the published tables (/work/shared/corpus/pingtan/xxgk-nianbao-*.html),
e.g. 2024: 本年新收 218; 予以公开 71 + 部分公开 29 of （七）总计 218 = 45.9%; 行政复议 7, 纠正 1 = 14.3%;
行政诉讼 0 + 19 = 19, 纠正 0 + 2 = 10.5%; 现行有效行政规范性文件 440.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from conftest import FIXTURES, SiteDir, soup
from test_html_validity import vnu_errors

CONFIG = """\
site:
  name: 平潭综合实验区管委会
  domain: www.pingtan.gov.cn
  base_url: https://www.pingtan.gov.cn/zwgk/
  id_code: "3501280001"
footer:
  sponsor: 平潭综合实验区管委会
  icp: 闽ICP备00000000号
  police: 闽公网安备00000000000000号
publishers:
  pingtan:
    name: 平潭综合实验区管委会
    code: ""
  gonganju:
    name: 平潭综合实验区公安局
    code: ""
"""
BODY = """
## 一、总体情况

本年度持续深化政务公开。

## 二、主动公开政府信息情况

## 三、收到和处理政府信息公开申请情况

## 四、政府信息公开行政复议、行政诉讼情况

## 五、存在的主要问题及改进情况

加强培训。

## 六、其他需要报告的事项

无。
"""
TITLES = {"pingtan": "平潭综合实验区", "gonganju": "平潭综合实验区公安局"}
SERIES = "series/zheng-fu-xin-xi-gong-kai-gong-zuo-nian-du-bao-gao/"
CSV_PATH = SERIES + "nianbao-figures.csv"
#: 平潭's figures as its published tables give them, in the tables' column order.
PINGTAN_ROWS = [
    ["2019年", "23", "34.8", "0", "—", "0", "—", "—"],  # 8 of 23; no 复议 or 诉讼 at all; 2019 form
    ["2020年", "—", "—", "—", "—", "—", "—", "—"],  # no report in this site
    ["2021年", "70", "50.7", "3", "0.0", "12", "0.0", "665"],  # 35 of 69; 0 of 3; 0 of 12 + 0
    ["2022年", "74", "40.0", "2", "50.0", "1", "0.0", "698"],  # 30 of 75; 1 of 2; 0 of 1 + 0
    ["2023年", "—", "—", "—", "—", "—", "—", "—"],
    ["2024年", "218", "45.9", "7", "14.3", "19", "10.5", "440"],
]


def report(site: SiteDir, year: int, publisher: str, numbers: int, published: str) -> None:
    """A report of `publisher` for `year` carrying the tables of 平潭's report for `numbers`."""
    tables = (FIXTURES / "annual" / f"pingtan-{numbers}.yaml").read_text(encoding="utf-8")
    site.write(f"content/{year}/{publisher}-nianbao.md", (
        f"---\ntitle: {TITLES[publisher]}{year}年度政府信息公开工作年度报告\npublisher: {publisher}\ndoc_no: \"\"\n"
        f"issued: {published[:10]}\npublished: {published}\nyear: {year}\ncategory: 信息公开年报\n"
        f"series: 政府信息公开工作年度报告\n{tables}---\n{BODY}"))


def write_pingtan(site: SiteDir) -> None:
    """平潭's four reports, and one of 公安局 for 2024 that carries 平潭's 2022 tables, so that two
    publishers' figures must be kept apart."""
    site.write("config.yaml", CONFIG)
    for year, published in ((2019, "2020-01-20 15:22"), (2021, "2022-01-28 16:34"),
                            (2022, "2023-01-20 15:07"), (2024, "2025-01-10 15:35")):
        report(site, year, "pingtan", year, published)
    report(site, 2024, "gonganju", 2022, "2025-01-12 09:00")


@pytest.fixture
def pingtan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> SiteDir:
    site = SiteDir(tmp_path / "site", capsys)
    write_pingtan(site)
    assert site.build("--no-pdf", "--no-search").code == 0
    return site


def table_rows(section) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])]
            for tr in section.select("table.annual-figures__table tbody tr")]


def publisher_section(page, name: str):  # type: ignore[no-untyped-def]
    found = [s for s in page.select("section.annual-figures__publisher") if s.find(["h3", "h4"]).get_text() == name]
    assert len(found) == 1, name
    return found[0]


def test_the_series_page_tables_each_publishers_figures_as_published(pingtan: SiteDir) -> None:
    page = soup(pingtan.output / SERIES / "index.html")
    heads = [th.get_text() for th in page.select("table.annual-figures__table thead th")][:8]
    assert heads == ["年度", "本年新收政府信息公开申请（件）", "予以公开和部分公开占办理结果（七）总计的比例（%）",
                     "政府信息公开行政复议（件）", "行政复议结果纠正占行政复议总计的比例（%）",
                     "未经复议直接起诉与复议后起诉的政府信息公开行政诉讼（件）",
                     "行政诉讼结果纠正占行政诉讼总计的比例（%）", "现行有效行政规范性文件（件）"]
    assert table_rows(publisher_section(page, "平潭综合实验区管委会")) == PINGTAN_ROWS
    assert table_rows(publisher_section(page, "平潭综合实验区公安局")) == [
        ["2024年", "74", "40.0", "2", "50.0", "1", "0.0", "698"]]


def test_each_year_links_to_its_report(pingtan: SiteDir) -> None:
    section = publisher_section(soup(pingtan.output / SERIES / "index.html"), "平潭综合实验区管委会")
    links = [(a.get_text(), a["href"]) for a in section.select("tbody th a")]
    assert links == [(f"{year}年", f"../../{year}/pingtan-nianbao/index.html") for year in (2019, 2021, 2022, 2024)]


def test_the_charts_state_every_published_number_and_say_why_a_year_has_none(pingtan: SiteDir) -> None:
    section = publisher_section(soup(pingtan.output / SERIES / "index.html"), "平潭综合实验区管委会")
    charts = {svg.title.get_text(): svg.desc.get_text() for svg in section.select("svg.chart[role=img]")}
    assert charts == {
        "平潭综合实验区管委会：本年新收政府信息公开申请（件），2019—2024年":
            "2019年：23；2020年：无报告；2021年：70；2022年：74；2023年：无报告；2024年：218。",
        "平潭综合实验区管委会：予以公开和部分公开占办理结果（七）总计的比例（%），2019—2024年":
            "2019年：34.8；2020年：无报告；2021年：50.7；2022年：40.0；2023年：无报告；2024年：45.9。",
        "平潭综合实验区管委会：政府信息公开行政复议（件），2019—2024年":
            "2019年：0；2020年：无报告；2021年：3；2022年：2；2023年：无报告；2024年：7。",
        "平潭综合实验区管委会：行政复议结果纠正占行政复议总计的比例（%），2019—2024年":
            "2019年：无行政复议；2020年：无报告；2021年：0.0；2022年：50.0；2023年：无报告；2024年：14.3。",
        "平潭综合实验区管委会：未经复议直接起诉与复议后起诉的政府信息公开行政诉讼（件），2019—2024年":
            "2019年：0；2020年：无报告；2021年：12；2022年：1；2023年：无报告；2024年：19。",
        "平潭综合实验区管委会：行政诉讼结果纠正占行政诉讼总计的比例（%），2019—2024年":
            "2019年：无行政诉讼；2020年：无报告；2021年：0.0；2022年：0.0；2023年：无报告；2024年：10.5。",
        "平潭综合实验区管委会：现行有效行政规范性文件（件），2019—2024年":
            "2019年：无可比数据；2020年：无报告；2021年：665；2022年：698；2023年：无报告；2024年：440。",
    }
    beside = [[td.get_text() for td in table.select("tbody td")] for table in section.select("table.metric__table")]
    assert beside[0] == ["23", "—", "70", "74", "—", "218"]  # each chart has its numbers in a table too
    assert beside[3] == ["—", "—", "0.0", "50.0", "—", "14.3"]


def test_the_2019_forms_count_of_published_documents_is_named_not_charted_as_in_force(pingtan: SiteDir) -> None:
    section = publisher_section(soup(pingtan.output / SERIES / "index.html"), "平潭综合实验区管委会")
    notes = [p.get_text() for p in section.select(".annual-figures__note")]
    assert any("2019年" in note and "对外公开总数量" in note and "89件" in note and "不作比较" in note for note in notes)
    assert not any(">89<" in str(svg) for svg in section.select("svg.chart"))


def test_ids_stay_unique_with_two_publishers_on_each_page(pingtan: SiteDir) -> None:
    for path in (SERIES + "index.html", "index.html"):
        ids = Counter(tag["id"] for tag in soup(pingtan.output / path).select("[id]"))
        assert [id_ for id_, count in ids.items() if count > 1] == [], path


def test_the_home_pages_comparison_tables_and_charts_the_figures_and_links_the_rest(pingtan: SiteDir) -> None:
    page = soup(pingtan.output / "index.html")
    compare = page.select_one("section[aria-labelledby=compare-title]")
    assert table_rows(publisher_section(compare, "平潭综合实验区管委会")) == PINGTAN_ROWS
    descs = [svg.desc.get_text() for svg in publisher_section(compare, "平潭综合实验区管委会").select("svg.chart")]
    assert descs == ["2019年：23；2020年：无报告；2021年：70；2022年：74；2023年：无报告；2024年：218。"]
    links = {a.get_text(): a["href"] for a in compare.select(".annual-figures > p a")}
    assert links["查看“政府信息公开工作年度报告”各项数据的图表"] == SERIES + "index.html"
    assert any(text.startswith("下载“政府信息公开工作年度报告”各年度主要数据（CSV 表格，") and href == CSV_PATH
               for text, href in links.items())


def test_the_csv_opens_in_excel_with_one_row_per_publisher_and_year(pingtan: SiteDir) -> None:
    data = (pingtan.output / CSV_PATH).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:6] == ["发布机构", "年度", "报告标题", "报告网址", "统计表格式", "本年新收政府信息公开申请（件）"]
    figures = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert [(f["发布机构"], f["年度"]) for f in figures] == [
        ("平潭综合实验区公安局", "2024"), ("平潭综合实验区管委会", "2019"), ("平潭综合实验区管委会", "2021"),
        ("平潭综合实验区管委会", "2022"), ("平潭综合实验区管委会", "2024")]
    y2024 = figures[-1]
    assert y2024["报告网址"] == "https://www.pingtan.gov.cn/zwgk/2024/pingtan-nianbao/"
    assert [y2024[k] for k in rows[0][5:]] == ["218", "71", "29", "218", "45.9", "7", "1", "14.3", "19", "2", "10.5",
                                               "440", ""]
    y2019 = figures[1]
    assert y2019["统计表格式"] == "国办公开办函〔2019〕60号"
    assert [y2019[k] for k in rows[0][5:]] == ["23", "7", "1", "23", "34.8", "0", "0", "—", "0", "0", "—", "", "89"]
    assert data.count(b"\r\n") == len(rows)


def test_catalog_json_carries_each_reports_figures_as_plain_numbers(pingtan: SiteDir) -> None:
    catalog = json.loads((pingtan.output / "catalog.json").read_text(encoding="utf-8"))
    by_url = {entry["url"]: entry for entry in catalog["reports"]}
    entry = by_url["https://www.pingtan.gov.cn/zwgk/2024/pingtan-nianbao/"]
    assert entry["title"] == "平潭综合实验区2024年度政府信息公开工作年度报告" and entry["metrics"] == []  # the old keys stay
    assert entry["annual_report"] == {"template": "2021", "figures": {
        "applications_received": 218, "granted": 71, "partly_granted": 29, "handled": 218, "granted_share": 45.9,
        "review": 7, "review_corrected": 1, "review_corrected_share": 14.3,
        "litigation": 19, "litigation_corrected": 2, "litigation_corrected_share": 10.5,
        "normative_in_force": 440, "normative_published_2019_form": None}}
    old = by_url["https://www.pingtan.gov.cn/zwgk/2019/pingtan-nianbao/"]["annual_report"]["figures"]
    assert (old["review_corrected_share"], old["normative_in_force"], old["normative_published_2019_form"]) == \
        (None, None, 89)


def test_an_edited_number_reaches_page_csv_and_catalog_on_the_next_build(pingtan: SiteDir) -> None:
    """The CSV is part of the build like catalog.json: an incremental rebuild writes it anew."""
    path = pingtan.root / "content/2024/pingtan-nianbao.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("本年新收: [217, 1, 0, 0, 0, 0, 218]", "本年新收: [216, 1, 0, 0, 0, 0, 217]"),
                    encoding="utf-8")
    assert pingtan.build("--no-pdf", "--no-search").code == 0
    row = next(r for r in csv.reader(io.StringIO((pingtan.output / CSV_PATH).read_text(encoding="utf-8-sig")))
               if r[:2] == ["平潭综合实验区管委会", "2024"])
    assert row[5] == "217"
    section = publisher_section(soup(pingtan.output / SERIES / "index.html"), "平潭综合实验区管委会")
    assert table_rows(section)[-1][:2] == ["2024年", "217"]


def test_the_csv_is_the_same_in_a_clean_rebuild(pingtan: SiteDir) -> None:
    first = (pingtan.output / CSV_PATH).read_bytes()
    assert pingtan.build("--no-pdf", "--no-search", "--clean").code == 0
    assert (pingtan.output / CSV_PATH).read_bytes() == first


def test_the_pages_with_figures_are_valid_html(pingtan: SiteDir) -> None:
    assert vnu_errors([pingtan.output / SERIES / "index.html", pingtan.output / "index.html"]) == []
