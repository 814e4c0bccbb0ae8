"""关键指标 (`metrics:`): the key figures a report states, which its series page charts across years.

A figure is charted next to other years', so it must be a plain finite number in a sensible
unit, with a key that stays the same from year to year.
"""

from __future__ import annotations

import math
import re
from typing import Any

from reportsite.content.characters import shown
from reportsite.content.entry import Metric
from reportsite.content.fields import Fields
from reportsite.content.schema import YEARS
from reportsite.core.i18n import msg

_METRIC_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_METRIC_FIELDS = frozenset({"key", "label", "value", "unit", "target", "year"})
_METRIC_EXAMPLE = "- {key: industrial_output, label: 规上工业产值, value: 20.69, unit: 亿元}"


def metrics(fields: Fields, year: int) -> tuple[Metric, ...]:
    """Key figures the series page charts across years; a target may name the year it is for."""
    raw = fields.data.get("metrics") or []
    if not isinstance(raw, list):
        fields.error("metrics", msg("content.metrics_not_list", "关键指标 (`metrics`) must be a list with one "
                                    "`- {{…}}` line per figure, e.g. {example}", example=_METRIC_EXAMPLE))
        return ()
    found = [m for m in (_metric(fields, entry, year) for entry in fields.each_item("metrics", raw)) if m]
    return tuple(found)


def _metric(fields: Fields, entry: Any, year: int) -> Metric | None:
    if not isinstance(entry, dict):
        fields.error("metrics", msg("content.metric_not_mapping", "each metric is a mapping, e.g. {example}",
                                    example=_METRIC_EXAMPLE))
        return None
    unknown = sorted(set(entry) - _METRIC_FIELDS)
    if unknown:
        fields.error("metrics", msg("content.metric_unknown_field", "unknown metric field `{field}` "
                                    "(use key, label, value, unit, target, year)", field=unknown[0]))
    if any(isinstance(entry.get(name), (dict, list, bool)) for name in ("key", "label", "unit")):
        fields.error("metrics", msg("content.metric_not_text", "a metric's `key`, `label` and `unit` must be plain "
                                    "text, e.g. {example}", example=_METRIC_EXAMPLE))
        return None
    key, label = str(entry.get("key") or ""), str(entry.get("label") or "").strip()
    if not _METRIC_KEY_RE.match(key) or not label:
        fields.error("metrics", msg("content.metric_key_and_label", "each metric needs `key:` (lower-case letters, "
                                    "digits, _) and `label:`, e.g. {example}", example=_METRIC_EXAMPLE))
        return None
    value, target = _number(fields, entry, "value"), _number(fields, entry, "target")
    if value is None and target is None and entry.get("value") is None and entry.get("target") is None:
        fields.error("metrics", msg("content.metric_no_value", 'metric "{label}" needs `value:` or `target:`; '
                                    "add one of them", label=shown(label)))
        return None
    metric_year = entry.get("year", year)
    if isinstance(metric_year, bool) or not isinstance(metric_year, int) or metric_year not in YEARS:
        fields.error("metrics", msg("content.metric_year", 'metric "{label}": `year` must be a four-digit year '
                                    "such as {year}", label=shown(label), year=year))
        return None
    unit = str(entry.get("unit") or "").strip()
    for text in (label, unit):
        fields.visible("metrics", text, msg("content.metric_label", 'metric "{label}"', label=shown(label)))
    return Metric(key, label, unit, metric_year, value, target)


def _number(fields: Fields, entry: dict[str, Any], name: str) -> float | None:
    """A metric's value or target as a finite number of a size a chart can show, or None with a problem."""
    value = entry.get(name)
    if value is None:
        return None
    try:
        number = float(value) if not isinstance(value, bool) and isinstance(value, (int, float)) else None
    except OverflowError:
        number = None
    label = shown(entry.get("label", "?"))
    if number is None or not math.isfinite(number):
        fields.error("metrics", msg("content.metric_not_number", 'metric "{label}": `{name}` must be a plain number '
                                    'such as 20.69 (put the unit in `unit:`), not "{value}"',
                                    label=label, name=name, value=shown(value)))
        return None
    if abs(number) > 1e15 or 0 < abs(number) < 1e-6:
        fields.error("metrics", msg("content.metric_too_large", 'metric "{label}": `{name}` {value} is too large to '
                                    "chart or compare; give it in another unit (e.g. 亿元 instead of 元) and set "
                                    "`unit:` to match", label=label, name=name, value=shown(value))
                     if abs(number) > 1 else
                     msg("content.metric_too_small", 'metric "{label}": `{name}` {value} is too small to '
                         "chart or compare; give it in another unit (e.g. 亿元 instead of 元) and set "
                         "`unit:` to match", label=label, name=name, value=shown(value)))
        return None
    return number
