"""The site model: plain frozen data that every renderer reads and none changes.

The content stage produces entries; `build_site` makes them Reports, groups them into years and
series, and checks what only the whole site can show (duplicate 索引号 and URLs).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reportsite.config.load import SiteConfig
from reportsite.core.problems import Problem, Severity
from reportsite.content.added import added_order
from reportsite.content.entry import Entry
from reportsite.content.history import FileHistory
from reportsite.core.clock import CST, beijing_now
from reportsite.core.i18n import Message, msg
from reportsite.core.slugs import unique_slugs
from reportsite.model.annualyears import cross_year_problems
from reportsite.model.report import Report, from_entry


@dataclass(frozen=True)
class Year:
    year: int
    reports: tuple[Report, ...]

    @property
    def path(self) -> str:
        return f"{self.year}/"


@dataclass(frozen=True)
class Listing:
    """Reports grouped by series, publisher or category, newest first."""

    kind: str
    name: str
    slug: str
    reports: tuple[Report, ...]

    @property
    def path(self) -> str:
        return f"{self.kind}/{self.slug}/"


@dataclass(frozen=True)
class Release:
    """Which reports a build makes public: never a draft, nor one whose 发布日期 is still to come
    (Beijing time), unless the build asks for them (`--drafts`, `--future`, and `serve`)."""

    now: dt.datetime  # naive Beijing time, as report dates are
    drafts: bool = False
    future: bool = False

    def held_back(self, report: Report) -> str:
        """Why the report is not public at `now` ("draft", "scheduled"), or "" when it is."""
        if report.draft:
            return "draft"
        return "scheduled" if report.published > self.now else ""

    def includes(self, why: str) -> bool:
        return not why or (why == "draft" and self.drafts) or (why == "scheduled" and self.future)


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    years: tuple[Year, ...]
    series: tuple[Listing, ...] = ()
    publishers: tuple[Listing, ...] = ()
    categories: tuple[Listing, ...] = ()
    held: tuple[Report, ...] = ()  # left out of this build, each with `unpublished` saying why

    @property
    def reports(self) -> tuple[Report, ...]:
        return tuple(r for y in self.years for r in y.reports)


def _order(report: Report) -> tuple[object, ...]:
    """Newest first, then by title, so listings never depend on the file system's order.

    Report times are Beijing time. A naive `.timestamp()` would read them in the build machine's
    zone, where a daylight-saving gap can swap two reports an hour apart."""
    return (-report.published.replace(tzinfo=CST).timestamp(), report.title, report.slug)


def _link_series(reports: list[Report]) -> list[Report]:
    """Give each report its neighbours in time within the same series."""
    by_series: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        if report.series:
            by_series[report.series].append(report)
    linked: dict[Path, Report] = {}
    for members in by_series.values():
        members.sort(key=lambda r: (r.year, r.issued, r.slug))
        for i, report in enumerate(members):
            linked[report.source] = replace(
                report,
                previous=members[i - 1].link() if i > 0 else None,
                next=members[i + 1].link() if i + 1 < len(members) else None,
            )
    return [linked.get(r.source, r) for r in reports]


def _duplicate_index_no(value: str, first: Report) -> Message:
    return msg("content.duplicate_index_no", '索引号 "{value}" is also used by {first} (added earlier); this '
                                             "report was added later: give it its own serial, or delete it if it "
                                             "is a copy", value=value, first=first.source_name)


def _duplicate_url(value: str, first: Report) -> Message:
    return msg("content.duplicate_url", 'URL "{value}" is also used by {first} (added earlier); this report was '
                                        "added later: rename its file", value=value, first=first.source_name)


def _duplicates(reports: list[Report]) -> list[Problem]:
    """索引号 and URLs must be unique across the site, whatever folder they sit in. Of reports that
    share one, the one added first (by git, else by file time) is the original; each added after it
    is the one told to change, with the original named."""
    problems: list[Problem] = []
    for attribute, message in (("index_no", _duplicate_index_no), ("path", _duplicate_url)):
        groups: dict[str, list[Report]] = defaultdict(list)
        for report in reports:
            if value := getattr(report, attribute):
                groups[value].append(report)
        clashes = {value: group for value, group in groups.items() if len(group) > 1}
        order = added_order([report.source for group in clashes.values() for report in group])
        for value, group in clashes.items():
            first, *later = sorted(group, key=lambda r: (order[r.source], r.source_name))
            problems += [Problem(r.source_name, r.line_of(attribute), message(value, first)) for r in later]
    return sorted(problems, key=lambda p: (p.path, p.line or 0)) + _same_titles(reports)


def _same_titles(reports: list[Report]) -> list[Problem]:
    """Two reports of one year with one title: a copy made by mistake (`new` run twice), or a title
    that readers cannot tell apart in the lists."""
    seen: dict[tuple[int, str], Report] = {}
    problems = []
    for report in sorted(reports, key=lambda r: r.source_name.removesuffix(".md")):  # x.md before its copy x-2.md
        first = seen.setdefault((report.year, report.title), report)
        if first is not report:
            problems.append(Problem(report.source_name, report.line_of("title"), msg(
                "content.duplicate_title", '{year}年 already has a report titled "{title}" ({first}); '
                                           "remove the copy, or give each report its own title",
                year=report.year, title=report.title, first=first.source_name), Severity.WARNING))
    return problems


def _listings(kind: str, reports: list[Report], name_of: Callable[[Report], str],
              slug_of: Callable[[str], str] | None = None) -> tuple[Listing, ...]:
    """One listing per distinct name, ordered by name, each with its reports newest first."""
    groups: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        if name := name_of(report):
            groups[name].append(report)
    names = sorted(groups)
    slugs = unique_slugs(names)
    return tuple(Listing(kind, name, (slug_of(name) if slug_of else None) or slugs[name], tuple(groups[name]))
                 for name in names)


def with_history(report: Report, history: FileHistory, config: SiteConfig) -> Report:
    """The report with what its page says of its changes: only the notes editors chose to publish
    (commit subjects never), and 最后更新 as config.yaml's `revisions.updated` asks."""
    if not config.revisions.show:
        return report
    notes = tuple(sorted(set(report.changes) | set(history.notes), key=lambda r: (r.date, r.note), reverse=True))
    dates = [r.date for r in notes[:1]]
    if config.revisions.updated == "content" and history.content_changed:
        dates.append(history.content_changed)
    return replace(report, revisions=notes, updated=max(dates, default=None))


def build_site(config: SiteConfig, entries: Sequence[Entry], history: dict[Path, FileHistory] | None = None,
               release: Release | None = None) -> tuple[Site, list[Problem]]:
    """Group the content stage's entries into the site model; return problems only the whole site reveals."""
    reports = [from_entry(entry) for entry in entries]
    problems = _duplicates(reports)  # drafts too: a clash must be fixed before either is published
    problems += cross_year_problems(reports, config.annual_report.strict)
    release = release or Release(beijing_now())
    reports = [replace(r, unpublished=release.held_back(r)) for r in reports]
    held = tuple(r for r in reports if not release.includes(r.unpublished))
    reports = [r for r in reports if release.includes(r.unpublished)]
    reports = [with_history(r, (history or {}).get(r.source.resolve(), FileHistory()), config) for r in reports]
    linked = sorted(_link_series(reports), key=_order)
    by_year: dict[int, list[Report]] = defaultdict(list)
    for report in linked:
        by_year[report.year].append(report)
    years = tuple(Year(y, tuple(by_year[y])) for y in sorted(by_year, reverse=True))
    publisher_keys = {p.name: p.key for p in config.publishers}
    return Site(
        config, years,
        series=_listings("series", linked, lambda r: r.series),
        publishers=_listings("publishers", linked, lambda r: r.publisher.name, publisher_keys.get),
        categories=_listings("categories", linked, lambda r: r.category), held=held,
    ), problems
