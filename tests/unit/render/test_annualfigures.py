"""The 年报 key figures from tables given as data: shares of the form's own totals to one decimal, rounded
half up; a share of nothing shown as "—", never 0%; each publisher's years apart, gaps kept; a CSV that
is the same whatever order the reports come in."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from conftest import report_entry
from reportsite.config.model import Publisher
from reportsite.core.annualform import FORMS
from reportsite.model import AnnualTables, Listing, Release, build_site
from reportsite.render.annualfigures import catalog_figures, figures, figures_csv, percent, publisher_figures
from reportsite.render.annualviews import annual_figures

SERIES = "政府信息公开工作年度报告"
OTHER = Publisher("gonganju", "平潭综合实验区公安局", "")


def tables(template: str = "2021", **given: tuple[float, ...]) -> AnnualTables:
    """Every row of the form, zeros unless `given` as 表三__不予公开__属于国家秘密=(…)."""
    rows = []
    for table in FORMS[template].tables:
        for part, row in table.rows:
            values = given.get(f"{table.key}__{row.path}".replace(".", "__"), tuple(0 for _ in part.columns))
            rows.append((table.key, row.path, values))
    return AnnualTables(template, tuple(rows), ())


Given = tuple[str, AnnualTables | None, Publisher | None]


def listing(config, *reports: Given) -> Listing:  # type: ignore[no-untyped-def]
    """A series of reports `content/<name>`, issued on 20 January of the next year, or on the day
    a name like `2023/b@2024-03-01.md` gives."""
    entries = []
    for name, annual, publisher in reports:
        name, _, day = name.removesuffix(".md").partition("@")
        entries.append(report_entry(config, name + ".md", f"{name}的报告", day or f"{int(name[:4]) + 1}-01-20",
                                    series=SERIES, category="信息公开年报", annual=annual,
                                    publisher=publisher or config.publishers[0], index_no=name))
    site, problems = build_site(config, entries, release=Release(dt.datetime(2030, 1, 1)))
    assert problems == []
    return site.series[0]


@pytest.mark.parametrize(("part", "whole", "share"), [(100, 218, 45.9), (1, 7, 14.3), (2, 19, 10.5), (1, 2, 50.0),
                                                      (1, 16, 6.3), (0, 3, 0.0), (0, 0, None), (3, 0, None)])
def test_a_share_is_a_percentage_to_one_decimal_rounded_half_up(part: int, whole: int, share: float | None) -> None:
    assert percent(part, whole) == share


def test_figures_come_from_the_named_rows_and_columns_of_the_2021_form() -> None:
    """Pingtan 2024 as published."""
    found = figures(tables(
        表三__本年新收=(217, 1, 0, 0, 0, 0, 218), 表三__予以公开=(71, 0, 0, 0, 0, 0, 71),
        表三__部分公开=(29, 0, 0, 0, 0, 0, 29), 表三__总计=(217, 1, 0, 0, 0, 0, 218),
        表四__行政复议=(2, 1, 3, 1, 7), 表四__复议后起诉=(13, 2, 4, 0, 19), 表二__行政规范性文件=(62, 33, 440)))
    assert (found.received, found.granted_share, found.review, found.review_share) == (218, 45.9, 7, 14.3)
    assert (found.litigation, found.litigation_share) == (19, 10.5)
    assert (found.normative, found.normative_published) == (440, None)


def test_the_2019_form_has_no_count_in_force_and_keeps_its_published_count_apart() -> None:
    found = figures(tables("2019", 表二__规范性文件=(77, 77, 166)))
    assert (found.normative, found.normative_published) == (None, 166)


def test_shares_of_nothing_are_dashes_not_zero_percent(minimal_config) -> None:  # type: ignore[no-untyped-def]
    view = annual_figures(listing(minimal_config, ("2024/a.md", tables(表三__本年新收=(0, 0, 0, 0, 0, 0, 0)), None)),
                          "https://x.cn/", 2)
    block, = view.publishers
    assert block.rows[0].cells == ("0", "—", "0", "—", "0", "—", "0")
    descs = [chart.svg.split("<desc")[1] for chart in block.charts]
    assert "2024年：办理结果总计为0" in descs[1] and "2024年：无行政复议" in descs[3] and "2024年：无行政诉讼" in descs[5]
    assert not any("0%" in chart.svg or "0.0<" in chart.svg for chart in block.charts[1::2])
    assert catalog_figures(tables())["figures"]["granted_share"] is None  # type: ignore[index]


def test_each_publisher_has_its_own_years_and_ids(minimal_config) -> None:  # type: ignore[no-untyped-def]
    found = listing(minimal_config, ("2021/a.md", tables(表三__本年新收=(0, 0, 0, 0, 0, 0, 5)), None),
                    ("2023/b.md", tables(表三__本年新收=(0, 0, 0, 0, 0, 0, 9)), None),
                    ("2023/c.md", tables(表三__本年新收=(0, 0, 0, 0, 0, 0, 4)), OTHER),
                    ("2022/d.md", None, OTHER))  # a report without tables as data adds no year
    view = annual_figures(found, "https://x.cn/", 2)
    assert [(b.heading, [r.year for r in b.rows]) for b in view.publishers] == [
        ("博山区八陡镇", ["2021年", "2022年", "2023年"]), ("平潭综合实验区公安局", ["2023年"])]
    first, second = view.publishers
    assert [r.cells[0] for r in first.rows] == ["5", "—", "9"] and first.rows[1].href is None
    assert "2022年：无报告" in first.charts[0].svg
    ids = [b.heading_id for b in view.publishers] + [c.heading_id for b in view.publishers for c in b.charts]
    assert len(ids) == len(set(ids))


def test_of_two_reports_for_one_year_the_later_issued_counts(minimal_config) -> None:  # type: ignore[no-untyped-def]
    """A corrected report replaces the first, whichever file name sorts first."""
    found = listing(minimal_config, ("2023/b@2024-03-01.md", tables(表三__本年新收=(0, 0, 0, 0, 0, 0, 10)), None),
                    ("2023/a@2024-01-20.md", tables(表三__本年新收=(0, 0, 0, 0, 0, 0, 9)), None))
    publisher, = publisher_figures(found.reports)
    assert [(y.report.slug, y.figures.received) for y in publisher.years] == [("b", 10)]


def test_the_home_page_shows_the_first_chart_and_links_the_series_page(minimal_config) -> None:  # type: ignore[no-untyped-def]
    found = listing(minimal_config, ("2024/a.md", tables(), None))
    home, page = annual_figures(found, "https://x.cn/", 3, home=True), annual_figures(found, "https://x.cn/", 2)
    assert (len(home.publishers[0].charts), len(page.publishers[0].charts)) == (1, 7)
    assert (home.series_path, page.series_path) == (found.path + "index.html", None)
    assert (home.level, home.publishers[0].level, home.publishers[0].charts[0].level) == (3, 4, 5)


def test_a_series_without_tables_as_data_has_no_figures(minimal_config) -> None:  # type: ignore[no-untyped-def]
    assert annual_figures(listing(minimal_config, ("2024/a.md", None, None)), "https://x.cn/", 2) is None


def test_the_csv_does_not_depend_on_the_order_reports_come_in(minimal_config) -> None:  # type: ignore[no-untyped-def]
    reports = [("2021/a.md", tables(表三__本年新收=(0, 0, 0, 0, 0, 0, 5)), None),
               ("2023/c.md", tables(表三__本年新收=(0, 0, 0, 0, 0, 0, 4)), OTHER)]
    one, other = listing(minimal_config, *reports), listing(minimal_config, *reversed(reports))
    data = figures_csv(one, "https://x.cn/")
    assert data == figures_csv(other, "https://x.cn/")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row[:2] + [row[5]] for row in rows[1:]] == [["博山区八陡镇", "2021", "5"], ["平潭综合实验区公安局", "2023", "4"]]
