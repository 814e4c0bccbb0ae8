"""Key figures across years as inline SVG bar charts, drawn at build time.

No charting JavaScript: the chart is plain SVG with role="img", a <title> and
a <desc> that states every number, and a data table beside it holds the same
numbers. Colours come from the page's CSS, so charts follow 关怀模式, high
contrast and print like the text does.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from html import escape

from reportsite.model import Listing, Metric

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 16, 16, 28, 44


@dataclass(frozen=True)
class MetricPoint:
    """One year of a series; `gap` is what the chart and its description say when the year has no
    figure, so a year with no report and a share of nothing (a denominator of 0) can each say why."""

    year: int
    value: float | None
    target: float | None
    gap: str = "无数据"


@dataclass(frozen=True)
class MetricSeries:
    """A figure across years. `places` fixes the decimals shown (a share is 45.9 and 50.0, never 50),
    and `said` is the word before a value in the description (实际, set against a 目标)."""

    key: str
    label: str
    unit: str
    points: tuple[MetricPoint, ...]
    places: int | None = None
    said: str = "实际"

    def text(self, value: float | None) -> str:
        return number(value, self.places)

    @property
    def title(self) -> str:
        unit = f"（{self.unit}）" if self.unit else ""
        return f"{self.label}{unit}，{self.points[0].year}—{self.points[-1].year}年"


def number(value: float | None, places: int | None = None) -> str:
    """Figures as the reports write them: 8.5, 20.69, 13 — never 13.0; or with exactly `places` decimals."""
    if value is None:
        return ""
    if places is not None:
        return f"{value:.{places}f}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def series_metrics(listing: Listing) -> tuple[MetricSeries, ...]:
    """Every metric key stated in a series, one point per year from first to last, gaps included.

    When two reports state the same figure for a year, the later report wins:
    a 2024 report's final figure replaces the 2023 report's estimate.
    """
    by_key: dict[str, list[Metric]] = defaultdict(list)
    for report in sorted(listing.reports, key=lambda r: (r.year, r.issued)):
        for metric in report.metrics:
            by_key[metric.key].append(metric)
    result = []
    for key in sorted(by_key):
        metrics = by_key[key]
        values = {m.year: m.value for m in metrics if m.value is not None}
        targets = {m.year: m.target for m in metrics if m.target is not None}
        years = range(min(m.year for m in metrics), max(m.year for m in metrics) + 1)
        points = tuple(MetricPoint(y, values.get(y), targets.get(y)) for y in years)
        result.append(MetricSeries(key, metrics[-1].label, metrics[-1].unit, points))
    return tuple(result)


def description(series: MetricSeries) -> str:
    parts = []
    for p in series.points:
        said = [f"{series.said}{series.text(p.value)}" if p.value is not None else "",
                f"目标{series.text(p.target)}" if p.target is not None else ""]
        parts.append(f"{p.year}年：" + ("，".join(s for s in said if s) or p.gap))
    return "；".join(parts) + "。"


def _scale(series: MetricSeries) -> float:
    top = max([p.value or 0 for p in series.points] + [p.target or 0 for p in series.points]) or 1
    magnitude = 10 ** math.floor(math.log10(top))
    return math.ceil(top * 1.15 / magnitude) * magnitude


def bar_chart(series: MetricSeries, chart_id: str) -> str:
    """An accessible SVG bar chart: bars are actual values, dashed lines are targets."""
    scale = _scale(series)
    slot = (WIDTH - LEFT - RIGHT) / len(series.points)
    plot = HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return TOP + plot * (1 - value / scale)

    shapes = [f'<line class="chart__axis" x1="{LEFT}" y1="{TOP + plot}" x2="{WIDTH - RIGHT}" y2="{TOP + plot}"/>']
    for i, point in enumerate(series.points):
        x = LEFT + i * slot
        middle = x + slot / 2
        shapes.append(f'<text class="chart__year" x="{middle:.1f}" y="{HEIGHT - 16}">{point.year}</text>')
        if point.value is not None:
            top = y(point.value)
            shapes.append(f'<rect class="chart__bar" x="{x + slot * 0.25:.1f}" y="{top:.1f}" '
                          f'width="{slot * 0.5:.1f}" height="{TOP + plot - top:.1f}"/>')
            shapes.append(f'<text class="chart__value" x="{middle:.1f}" y="{top - 6:.1f}">'
                          f"{series.text(point.value)}</text>")
        if point.target is not None:
            top = y(point.target)
            shapes.append(f'<line class="chart__target" x1="{x + slot * 0.12:.1f}" y1="{top:.1f}" '
                          f'x2="{x + slot * 0.88:.1f}" y2="{top:.1f}"/>')
            shapes.append(f'<text class="chart__target-label" x="{middle:.1f}" y="{top + 18:.1f}">'
                          f"目标{series.text(point.target)}</text>")
        if point.value is None and point.target is None:
            shapes.append(f'<text class="chart__gap" x="{middle:.1f}" y="{TOP + plot - 8}">{escape(point.gap)}</text>')
    return (f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{chart_id}-title">{escape(series.title)}</title>'
            f'<desc id="{chart_id}-desc">{escape(description(series))}</desc>'
            + "".join(shapes) + "</svg>")
