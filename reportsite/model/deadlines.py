"""The legal deadline of each publisher's 政府信息公开工作年度报告, checked over the whole site.

政府信息公开条例 (2019) 第四十九条 sets when the 年报 on year Y must be public in Y+1 (config.model's
LEVEL_DEADLINES, overridden by config.yaml). Only the whole site shows which publisher published
which year, so this is a check of the site model, not of one report: a 年报 published after its
deadline, and a year missing after a year that was published, once that year's deadline has passed.

Every date is Beijing time, as report dates are; a deadline day is on time through 23:59:59 of
that day. "Now" is the caller's (the build's moment, which SOURCE_DATE_EPOCH fixes), never the
clock read here, so the same sources give the same warnings.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from reportsite.config.model import Publisher, SiteConfig
from reportsite.core.annualform import CATEGORY
from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem, Severity
from reportsite.model.report import Report
from reportsite.model.site import Site


@dataclass(frozen=True)
class Record:
    """One publisher's 年报 in the site, by report year: what the deadline checks compare."""

    publisher: Publisher
    reports: tuple[tuple[int, Report], ...]  # (report year, its 年报), oldest first

    @property
    def years(self) -> frozenset[int]:
        return frozenset(year for year, _ in self.reports)


def due(config: SiteConfig, publisher: Publisher, year: int) -> dt.date:
    """The last day, in Beijing, on which the publisher's 年报 on `year` is on time."""
    month, day = config.annual_report.deadline_of(publisher)
    return dt.date(year + 1, month, day)


def records(site: Site) -> tuple[Record, ...]:
    """Each publisher's 年报, published or scheduled: a scheduled one will appear and is checked for
    lateness now, while a draft is not public and so never counts as published, even in a build that
    shows drafts (`serve`, `--drafts`): check and build must agree."""
    grouped: dict[str, list[Report]] = defaultdict(list)
    for report in (*site.reports, *site.held):
        if report.category == CATEGORY and report.unpublished != "draft":
            grouped[report.publisher.name].append(report)
    return tuple(Record(reports[0].publisher, tuple(sorted(((r.year, r) for r in reports),
                                                           key=lambda pair: (pair[0], pair[1].source_name))))
                 for _, reports in sorted(grouped.items()))


def deadline_problems(site: Site, now: dt.datetime) -> list[Problem]:
    """Warnings for every late 年报 and every missing one whose deadline had passed at `now` (naive
    Beijing time). Warnings only: a report published late stays published, and the fix of a missing
    one lies with the publisher, not in this build."""
    found = list(records(site))
    return [*_late(site.config, found), *_missing(site.config, found, now.date())]


def next_deadline(site: Site, now: dt.datetime) -> dt.datetime | None:
    """The first moment after `now` at which a missing 年报 becomes overdue, so that a rebuild with
    unchanged sources knows it must warn again then, or None when no deadline is pending."""
    moments = (_overdue_from(day) for record in records(site) for _, day in _gaps(site.config, record))
    return min((moment for moment in moments if moment > now), default=None)


def _overdue_from(day: dt.date) -> dt.datetime:
    """The deadline's end: 00:00 of the next day, Beijing time."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time())


def _gaps(config: SiteConfig, record: Record) -> Iterable[tuple[int, dt.date]]:
    """Each year after a year with a 年报 that has none itself, with its deadline. Only the first year
    of a gap counts: a publisher that stopped publishing is told once, not every year since."""
    for year in sorted(record.years):
        if year + 1 not in record.years:
            yield year + 1, due(config, record.publisher, year + 1)


def _late(config: SiteConfig, found: list[Record]) -> list[Problem]:
    problems = []
    for record in found:
        for year, report in record.reports:
            deadline = due(config, record.publisher, year)
            if (days := (report.published.date() - deadline).days) > 0:
                problems.append(Problem(report.source_name, report.line_of("published"), msg(
                    "deadlines.late", "发布日期 {published} is after the deadline of {publisher}'s {year} 年报, "
                                      "{deadline}: {days} day(s) late; if the date is wrong, correct `published`; "
                                      "if the deadline is, set the publisher's `level` or `annual_deadline` in "
                                      "config.yaml", published=report.published.date().isoformat(),
                    publisher=record.publisher.name, year=year, deadline=deadline.isoformat(), days=days),
                    Severity.WARNING))
    return problems


def _missing(config: SiteConfig, found: list[Record], today: dt.date) -> list[Problem]:
    problems = []
    for record in found:
        before = dict(record.reports)
        for year, deadline in _gaps(config, record):
            if today > deadline:
                problems.append(Problem(before[year - 1].source_name, None, _missing_message(
                    record.publisher, before[year - 1], year, deadline), Severity.WARNING))
    return problems


def _missing_message(publisher: Publisher, previous: Report, year: int, deadline: dt.date) -> Message:
    """Names the year and the deadline, and the command that writes the missing report's skeleton."""
    title = (previous.title.replace(str(year - 1), str(year)) if str(year - 1) in previous.title
             else f"{publisher.name}{year}年度政府信息公开工作年度报告")
    return msg("deadlines.missing", "{publisher} published a {previous} 年报 (this file) but none for {year}, "
                                    "which was due by {deadline}; add it under content/{year}/ with `python build.py "
                                    "new --category 信息公开年报 --publisher {key} --year {year} --title {title}`",
               publisher=publisher.name, previous=year - 1, year=year, deadline=deadline.isoformat(),
               key=publisher.key or publisher.name, title=title)
