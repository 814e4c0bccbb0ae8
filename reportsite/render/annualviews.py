"""The 年报 key figures as pages show them: per publisher, a table of every figure per year and a chart
of each (partials/annual_figures.html lays them out), with a link to the same numbers as CSV.

The series page shows every chart; the home page's 年度对比 shows the first (新收申请) and links to the
series page for the rest, so the home page stays short. Ids are made from the series, the publisher
and the figure, so that several series and publishers on one page never share one.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportsite.core.annualform import FORMS
from reportsite.model import Listing
from reportsite.render.annualfigures import CSV_NAME, MEASURES, Measure, PublisherFigures, figures_csv, \
    publisher_figures
from reportsite.render.charts import bar_chart, number
from reportsite.render.views import ChartRow, ChartView, human_size

GAPS_NOTE = ("表中“—”表示没有可比的数字：该年度没有报告，比例的分母（总计）为0，"
             "或该年度报告使用的统计表格式没有这一项。")


@dataclass(frozen=True)
class FigureRow:
    """A year of a publisher's table; `href` leads to the year's report (None for a year without one)."""

    year: str
    href: str | None
    cells: tuple[str, ...]


@dataclass(frozen=True)
class PublisherBlock:
    """One publisher's figures: the table of every figure per year, what it needs said, its charts."""

    heading_id: str
    heading: str
    level: int
    caption: str
    columns: tuple[str, ...]
    rows: tuple[FigureRow, ...]
    notes: tuple[str, ...]
    charts: tuple[ChartView, ...]


@dataclass(frozen=True)
class AnnualFigures:
    """A series' key figures on a page: its publishers' blocks, the CSV to download (`csv_path` from
    the site's root) and, on the home page, the series page with every chart (`series_path`)."""

    heading_id: str
    heading: str
    level: int
    csv_path: str
    csv_text: str
    series_path: str | None
    series_text: str
    publishers: tuple[PublisherBlock, ...]


def _rows(publisher: PublisherFigures) -> tuple[FigureRow, ...]:
    """The table is the charts' series side by side, so that it shows exactly what they draw."""
    reports = {y.year: y.report.path + "index.html" for y in publisher.years}
    columns = [[m.text(p.value) for p in publisher.series(m).points] for m in MEASURES]
    return tuple(FigureRow(f"{year}年", reports.get(year), tuple(cells))
                 for year, *cells in zip(publisher.span, *columns))


def _notes(publisher: PublisherFigures) -> tuple[str, ...]:
    """What the table needs said: what "—" means, and why a 2019-form year has no 现行有效件数 (that
    form counts 规范性文件 对外公开总数量, every document ever published, in force or not)."""
    old = [y for y in publisher.years if y.figures.normative_published is not None]
    if not old:
        return (GAPS_NOTE,)
    stated = "、".join(f"{y.year}年{number(y.figures.normative_published)}件" for y in old)
    return (GAPS_NOTE, f"{'、'.join(f'{y.year}年' for y in old)}的报告按{FORMS['2019'].document}格式填报，"
                       f"该格式只有规范性文件“对外公开总数量”（{stated}），统计口径与“现行有效件数”不同，"
                       "不作比较，表中留空。")


def _chart(base: str, publisher: PublisherFigures, measure: Measure, level: int) -> ChartView:
    series = publisher.series(measure)
    rows = tuple(ChartRow(f"{p.year}年", (measure.text(p.value),)) for p in series.points)
    return ChartView(f"{base}-{measure.key}", measure.heading, level, bar_chart(series, f"{base}-{measure.key}-chart"),
                     series.title, ("年度", measure.heading), rows)


def _block(listing: Listing, publisher: PublisherFigures, level: int, charts: int) -> PublisherBlock:
    base = f"annual-{listing.slug}-{publisher.publisher.key}"
    name = publisher.publisher.name
    return PublisherBlock(
        base, name, level, f"{name}：{listing.name}主要数据，{publisher.span[0]}—{publisher.span[-1]}年",
        ("年度", *(m.heading for m in MEASURES)), _rows(publisher), _notes(publisher),
        tuple(_chart(base, publisher, m, level + 1) for m in MEASURES[:charts]))


def annual_figures(listing: Listing, base_url: str, level: int, home: bool = False) -> AnnualFigures | None:
    """A series' figures on its own page (headings from `level`), or, with `home`, in the 年度对比."""
    publishers = publisher_figures(listing.reports)
    if not publishers:
        return None
    size = human_size(len(figures_csv(listing, base_url)))
    return AnnualFigures(
        f"annual-{listing.slug}", f"{listing.name}：各年度主要数据" if home else "各年度主要数据", level,
        listing.path + CSV_NAME, f"下载“{listing.name}”各年度主要数据（CSV 表格，{size}）",
        listing.path + "index.html" if home else None, f"查看“{listing.name}”各项数据的图表",
        tuple(_block(listing, p, level + 1, 1 if home else len(MEASURES)) for p in publishers))
