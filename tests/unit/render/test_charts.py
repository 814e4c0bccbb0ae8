"""Key figures across a series' years: one point per year from first to last with gaps kept, the later
report's figure winning, and an SVG chart whose title and description state every number."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import report_entry
from reportsite.model import Listing, Metric, Release, build_site
from reportsite.render.charts import MetricPoint, bar_chart, description, number, series_metrics

SERIES = "年度重点工作情况"


def fai(year: int, value: float | None = None, target: float | None = None, label: str = "固定资产投资") -> Metric:
    return Metric("fai", label, "亿元", year, value, target)


def listing(config, *reports: tuple[str, str, tuple[Metric, ...]]) -> Listing:  # type: ignore[no-untyped-def]
    entries = [report_entry(config, name, f"{name}的报告", published, series=SERIES, metrics=metrics)
               for name, published, metrics in reports]
    site, problems = build_site(config, entries, release=Release(dt.datetime(2030, 1, 1)))
    assert problems == []
    return site.series[0]


@pytest.mark.parametrize(("value", "text"), [(8.5, "8.5"), (20.69, "20.69"), (13.0, "13"), (100.0, "100"),
                                              (0.0, "0"), (1234.5, "1234.5"), (None, "")])
def test_figures_are_written_as_the_reports_write_them(value: float | None, text: str) -> None:
    assert number(value) == text


def test_one_point_per_year_from_first_to_last_with_gaps(minimal_config) -> None:  # type: ignore[no-untyped-def]
    series, = series_metrics(listing(minimal_config,
                                     ("2021/key.md", "2022-01-10", (fai(2021, value=7.1), fai(2022, target=8))),
                                     ("2023/key.md", "2024-01-10", (fai(2023, value=8.29), fai(2024, target=8.5)))))
    assert series.points == (MetricPoint(2021, 7.1, None), MetricPoint(2022, None, 8.0),
                             MetricPoint(2023, 8.29, None), MetricPoint(2024, None, 8.5))
    assert series.title == "固定资产投资（亿元），2021—2024年"
    assert description(series) == "2021年：实际7.1；2022年：目标8；2023年：实际8.29；2024年：目标8.5。"


def test_a_year_no_report_speaks_of_says_so(minimal_config) -> None:  # type: ignore[no-untyped-def]
    series, = series_metrics(listing(minimal_config, ("2021/key.md", "2022-01-10", (fai(2021, value=7.1),)),
                                     ("2023/key.md", "2024-01-10", (fai(2023, value=8.29),))))
    assert description(series) == "2021年：实际7.1；2022年：无数据；2023年：实际8.29。"
    assert ">无数据</text>" in bar_chart(series, "fai")


def test_the_later_reports_figure_replaces_the_earlier_estimate(minimal_config) -> None:  # type: ignore[no-untyped-def]
    series, = series_metrics(listing(minimal_config,
                                     ("2022/key.md", "2023-01-10", (fai(2022, value=20.0, label="固投"),)),
                                     ("2023/key.md", "2024-01-10", (fai(2022, value=20.69), fai(2023, value=21.5)))))
    assert [(p.year, p.value) for p in series.points] == [(2022, 20.69), (2023, 21.5)]
    assert series.label == "固定资产投资"  # the later report's label too


def test_each_key_is_its_own_series_in_key_order(minimal_config) -> None:  # type: ignore[no-untyped-def]
    metrics = (Metric("output", "规上工业产值", "亿元", 2023, 20.69), Metric("fai", "固定资产投资", "亿元", 2023, 8.29))
    found = series_metrics(listing(minimal_config, ("2023/key.md", "2024-01-10", metrics)))
    assert [s.key for s in found] == ["fai", "output"]


def test_the_chart_is_an_image_named_by_its_title_and_description(minimal_config) -> None:  # type: ignore[no-untyped-def]
    series, = series_metrics(listing(minimal_config, ("2023/key.md", "2024-01-10", (fai(2023, value=8.29),))))
    svg = bar_chart(series, "chart-fai")
    assert svg.startswith('<svg class="chart" role="img" viewBox="0 0 640 300" '
                          'aria-labelledby="chart-fai-title chart-fai-desc"')
    assert '<title id="chart-fai-title">固定资产投资（亿元），2023—2023年</title>' in svg
    assert '<desc id="chart-fai-desc">2023年：实际8.29。</desc>' in svg
    assert ">8.29</text>" in svg and ">2023</text>" in svg


def test_bars_are_drawn_to_scale_and_targets_as_lines(minimal_config) -> None:  # type: ignore[no-untyped-def]
    """Four slots of (640-16-16)/4 = 152 px; the axis tops out at 10 (8.5 × 1.15 rounded up), so the
    plot's 228 px put 7.1 at 28 + 228 × 0.29 = 94.1 px, a bar 161.9 px tall."""
    series, = series_metrics(listing(minimal_config,
                                     ("2021/key.md", "2022-01-10", (fai(2021, value=7.1), fai(2022, target=8))),
                                     ("2023/key.md", "2024-01-10", (fai(2023, value=8.29), fai(2024, target=8.5)))))
    svg = bar_chart(series, "fai")
    bars = re.findall(r'<rect class="chart__bar" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/>', svg)
    assert bars[0] == ("54.0", "94.1", "76.0", "161.9")
    assert len(bars) == 2  # 2022 and 2024 state only targets
    assert len(re.findall(r'<line class="chart__target"', svg)) == 2
    assert ">目标8</text>" in svg and ">目标8.5</text>" in svg


def test_text_from_a_report_is_escaped_in_the_chart(minimal_config) -> None:  # type: ignore[no-untyped-def]
    hostile = Metric("x", '<script>alert("x")</script>', "&", 2023, 1.0)
    series, = series_metrics(listing(minimal_config, ("2023/key.md", "2024-01-10", (hostile,))))
    svg = bar_chart(series, "x")
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;（&amp;）" in svg
