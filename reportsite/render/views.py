"""The values pages show, made ready for templates: sizes and dates as text, links quoted, fallbacks
decided once. A template then only lays out what it is given, and a wording or format is changed here,
in one place, for every page and the PDF alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from reportsite.model import Report
from reportsite.render.charts import MetricSeries, bar_chart

#: What a report's column (ColumnName, the PDF's description) is when it names neither category nor series.
DEFAULT_COLUMN = "工作报告"


@dataclass(frozen=True)
class AttachmentLink:
    """An attachment as its report's page lists it."""

    href: str
    title: str
    size: str


@dataclass(frozen=True)
class ReportItem:
    """A report as the lists and the catalogue show it; `pdf` is its PDF's file name when it has one."""

    path: str
    title: str
    publisher: str
    index_no: str
    category: str
    issued: str
    published: str
    pdf: str | None


@dataclass(frozen=True)
class MetricRow:
    """One year of a metric's table: the figures as text, a dash where the report states none."""

    year: int
    value: str
    target: str


def human_size(size: int) -> str:
    """File sizes as readers expect them next to a download link: 812 B, 35 KB, 1.2 MB."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def file_href(name: str) -> str:
    """A file name as a relative link: ASCII that would change the URL (`%`, spaces, quotes) is
    percent-encoded, so a name holding `%2e%2e%2f` reaches the copied file and nothing else; Chinese
    stays readable (browsers encode it as UTF-8 themselves)."""
    return "".join(c if ord(c) > 127 else quote(c, safe="/") for c in name)


def day_text(day: dt.date) -> str:
    """A date as every page writes it, 2024-01-15; a time of day is left out."""
    return f"{day:%Y-%m-%d}"


@dataclass(frozen=True)
class DayTime:
    """A date that a template shows as a `<time>` element (Jinja reads `__html__`), which the stylesheet
    never breaks across lines (2025-03- / 10), among values that may wrap (the disclosure block). It is
    made from a date, never from content; as text it is the date as every page writes it."""

    day: dt.date

    def __str__(self) -> str:
        return day_text(self.day)

    def __html__(self) -> str:
        return f'<time datetime="{self}">{self}</time>'


def minute_text(moment: dt.datetime) -> str:
    """A moment to the minute, 2024-01-15 09:30: when a report is published."""
    return f"{moment:%Y-%m-%d %H:%M}"


def column(report: Report) -> str:
    """The column a report appears under: its category, else its series, else the default."""
    return report.category or report.series or DEFAULT_COLUMN


def attachment_links(report: Report) -> tuple[AttachmentLink, ...]:
    return tuple(AttachmentLink(file_href(a.file), a.title, human_size(a.size)) for a in report.attachments)


def report_item(report: Report, pdf_sizes: Mapping[str, int]) -> ReportItem:
    return ReportItem(report.path, report.title, report.publisher.name, report.index_no, report.category,
                      day_text(report.issued), day_text(report.published),
                      report.pdf_name if report.path in pdf_sizes else None)


@dataclass(frozen=True)
class ChartRow:
    """A row of a chart's data table: the year, then its figures as text."""

    head: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class ChartView:
    """A chart as partials/chart.html lays it out: a heading of `level`, the SVG, and the same numbers
    as a table beside it, so that one block serves every chart on every page, on screen and in print."""

    heading_id: str
    heading: str
    level: int
    svg: str
    caption: str
    columns: tuple[str, ...]
    rows: tuple[ChartRow, ...]


def metric_rows(series: MetricSeries) -> tuple[MetricRow, ...]:
    return tuple(MetricRow(p.year, series.text(p.value) or "—", series.text(p.target) or "—") for p in series.points)


def metric_chart(series: MetricSeries, heading_id: str, chart_id: str, level: int = 2) -> ChartView:
    """A report metric's chart, with its actual and target figures per year in the table."""
    rows = tuple(ChartRow(f"{row.year}年", (row.value, row.target)) for row in metric_rows(series))
    heading = series.label + (f"（{series.unit}）" if series.unit else "")
    return ChartView(heading_id, heading, level, bar_chart(series, chart_id), series.title,
                     ("年度", "实际", "目标"), rows)
