"""The key figures of the 政府信息公开工作年度报告 across years, one set per publisher, for the series
page, the home page's 年度对比, catalog.json and a CSV download.

Every figure is read from a report's tables as data (`Report.annual`, see core.annualform), so the
chart, the table, the CSV and catalog.json state the same numbers as the report's own tables. A share
is of one of the form's own totals, rounded half up to one decimal, and a share of nothing (a total of
0) is no number at all: None, shown as "—", never 0%.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from reportsite.config.model import Publisher
from reportsite.core.annualform import FORMS, LAWSUIT_KINDS
from reportsite.model import AnnualTables, Listing, Report, Site
from reportsite.render.charts import MetricPoint, MetricSeries, number

CSV_NAME = "nianbao-figures.csv"
NO_REPORT = "无报告"
_TENTH = Decimal("0.1")


def percent(part: float, whole: float) -> float | None:
    """`part` as a percentage of `whole` to one decimal, rounded half up as statistics are (a binary
    float would round 0.25 down); None when `whole` is 0, since a share of nothing is no number."""
    if not whole:
        return None
    return float((Decimal(str(part)) * 100 / Decimal(str(whole))).quantize(_TENTH, ROUND_HALF_UP))


@dataclass(frozen=True)
class Figures:
    """One report's key figures as its tables state them; the shares follow from these counts."""

    template: str
    received: float  # 表三 一、本年新收, 总计
    granted: float  # （一）予以公开, 总计
    partly: float  # （二）部分公开, 总计
    handled: float  # （七）总计, 总计
    review: float  # 表四 行政复议, 总计
    review_corrected: float
    litigation: float  # 未经复议直接起诉 + 复议后起诉, 总计
    litigation_corrected: float
    normative: float | None  # 2021 form: 行政规范性文件 现行有效件数
    #: 2019 form: 规范性文件 对外公开总数量, counted otherwise (every document ever published, in force
    #: or not), so it is kept apart and never charted as the 现行有效件数.
    normative_published: float | None

    @property
    def granted_share(self) -> float | None:
        return percent(self.granted + self.partly, self.handled)

    @property
    def review_share(self) -> float | None:
        return percent(self.review_corrected, self.review)

    @property
    def litigation_share(self) -> float | None:
        return percent(self.litigation_corrected, self.litigation)


def figures(tables: AnnualTables) -> Figures:
    """The key figures of one report."""
    def total(table: str, row: str) -> float:
        return tables.cell(table, row, "总计")

    in_2021 = tables.template == "2021"
    return Figures(
        template=tables.template, received=total("表三", "本年新收"), granted=total("表三", "予以公开"),
        partly=total("表三", "部分公开"), handled=total("表三", "总计"),
        review=total("表四", "行政复议"), review_corrected=tables.cell("表四", "行政复议", "结果纠正"),
        litigation=sum(total("表四", row) for row in LAWSUIT_KINDS),
        litigation_corrected=sum(tables.cell("表四", row, "结果纠正") for row in LAWSUIT_KINDS),
        normative=tables.cell("表二", "行政规范性文件", "现行有效件数") if in_2021 else None,
        normative_published=None if in_2021 else tables.cell("表二", "规范性文件", "对外公开总数量"))


@dataclass(frozen=True)
class Measure:
    """A key figure charted across years: `label` says what it counts (for a share, of what), and
    `gap` what a year with a report but no such figure shows instead."""

    key: str
    label: str
    unit: str
    value: Callable[[Figures], float | None]
    gap: str = ""
    places: int | None = None

    @property
    def heading(self) -> str:
        return f"{self.label}（{self.unit}）"

    def text(self, value: float | None) -> str:
        """A figure as tables show it, "—" where there is none."""
        return "—" if value is None else number(value, self.places)


MEASURES = (
    Measure("received", "本年新收政府信息公开申请", "件", lambda f: f.received),
    Measure("granted_share", "予以公开和部分公开占办理结果（七）总计的比例", "%", lambda f: f.granted_share,
            "办理结果总计为0", 1),
    Measure("review", "政府信息公开行政复议", "件", lambda f: f.review),
    Measure("review_corrected_share", "行政复议结果纠正占行政复议总计的比例", "%", lambda f: f.review_share,
            "无行政复议", 1),
    Measure("litigation", "未经复议直接起诉与复议后起诉的政府信息公开行政诉讼", "件", lambda f: f.litigation),
    Measure("litigation_corrected_share", "行政诉讼结果纠正占行政诉讼总计的比例", "%", lambda f: f.litigation_share,
            "无行政诉讼", 1),
    Measure("normative", "现行有效行政规范性文件", "件", lambda f: f.normative, "无可比数据"),
)


@dataclass(frozen=True)
class YearFigures:
    year: int
    report: Report
    figures: Figures


@dataclass(frozen=True)
class PublisherFigures:
    """A publisher's reports of a series that carry their tables as data, one per year, oldest first."""

    publisher: Publisher
    years: tuple[YearFigures, ...]

    @property
    def span(self) -> range:
        """Every year from the first report to the last, so that a year without one shows as a gap."""
        return range(self.years[0].year, self.years[-1].year + 1)

    def series(self, measure: Measure) -> MetricSeries:
        by_year = {y.year: measure.value(y.figures) for y in self.years}
        points = tuple(MetricPoint(year, by_year[year], None, measure.gap) if year in by_year
                       else MetricPoint(year, None, None, NO_REPORT) for year in self.span)
        return MetricSeries(measure.key, f"{self.publisher.name}：{measure.label}", measure.unit, points,
                            measure.places, said="")


def publisher_figures(reports: Iterable[Report]) -> tuple[PublisherFigures, ...]:
    """The reports with tables as data, grouped by publisher (by name, as the site lists publishers).
    Of two reports of one publisher and year the later issued wins: a corrected report replaces the first."""
    chosen: dict[tuple[str, int], Report] = {}
    for report in sorted((r for r in reports if r.annual), key=lambda r: (r.year, r.issued, r.path)):
        chosen[(report.publisher.key, report.year)] = report
    publishers = sorted({r.publisher for r in chosen.values()}, key=lambda p: (p.name, p.key))
    return tuple(PublisherFigures(publisher, tuple(
        YearFigures(year, report, figures(report.annual)) for (key, year), report in sorted(chosen.items())
        if key == publisher.key and report.annual)) for publisher in publishers)


def annual_series(site: Site) -> tuple[Listing, ...]:
    """The series whose reports carry 年报 tables as data: those get figures, charts and a CSV."""
    return tuple(listing for listing in site.series if any(r.annual for r in listing.reports))


def catalog_figures(tables: AnnualTables | None) -> dict[str, object] | None:
    """A report's form and key figures for catalog.json: plain numbers, shares in percent, null where
    the form has no such figure or a share has a total of 0."""
    if tables is None:
        return None
    f = figures(tables)
    counts = {"applications_received": f.received, "granted": f.granted, "partly_granted": f.partly,
              "handled": f.handled, "review": f.review, "review_corrected": f.review_corrected,
              "litigation": f.litigation, "litigation_corrected": f.litigation_corrected,
              "normative_in_force": f.normative, "normative_published_2019_form": f.normative_published}
    shares = {m.key: m.value(f) for m in MEASURES if m.places is not None}
    return {"template": tables.template, "figures": counts | shares}


#: The CSV's columns after 发布机构, 年度, 报告标题, 报告网址: each a header and how a year's cell is written.
_COLUMNS: tuple[tuple[str, Callable[[Figures], str]], ...] = (
    ("统计表格式", lambda f: FORMS[f.template].document),
    ("本年新收政府信息公开申请（件）", lambda f: number(f.received)),
    ("予以公开（件）", lambda f: number(f.granted)),
    ("部分公开（件）", lambda f: number(f.partly)),
    ("本年度办理结果总计（件）", lambda f: number(f.handled)),
    (MEASURES[1].heading, lambda f: MEASURES[1].text(f.granted_share)),
    ("行政复议总计（件）", lambda f: number(f.review)),
    ("行政复议结果纠正（件）", lambda f: number(f.review_corrected)),
    (MEASURES[3].heading, lambda f: MEASURES[3].text(f.review_share)),
    ("行政诉讼总计（件，未经复议直接起诉与复议后起诉合计）", lambda f: number(f.litigation)),
    ("行政诉讼结果纠正（件）", lambda f: number(f.litigation_corrected)),
    (MEASURES[5].heading, lambda f: MEASURES[5].text(f.litigation_share)),
    ("现行有效行政规范性文件（件，2021年版格式）", lambda f: number(f.normative)),
    ("规范性文件对外公开总数量（件，2019年版格式，与现行有效件数口径不同）", lambda f: number(f.normative_published)),
)


def figures_csv(listing: Listing, base_url: str) -> bytes:
    """One row per publisher and year, in UTF-8 with a BOM (without it Excel reads the Chinese as
    mojibake). A share of a total of 0 is "—", a figure the report's form does not have is empty."""
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\r\n")
    rows.writerow(["发布机构", "年度", "报告标题", "报告网址", *(header for header, _ in _COLUMNS)])
    for publisher in publisher_figures(listing.reports):
        for y in publisher.years:
            rows.writerow([publisher.publisher.name, y.year, y.report.title, base_url + y.report.path,
                           *(write(y.figures) for _, write in _COLUMNS)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
