"""A report in the site model: the content stage's validated entry, plus what only the whole site knows
(its neighbours in a series, its change history, why it is held back)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from reportsite.content.entry import AnnualTables, Attachment, Entry, Metric
from reportsite.content.history import Revision
from reportsite.content import schema

__all__ = ["AnnualTables", "Attachment", "Metric", "Report", "ReportLink"]


@dataclass(frozen=True)
class ReportLink:
    """Enough of a report to link to it from another page."""

    title: str
    path: str
    year: int


@dataclass(frozen=True)
class Report(Entry):
    """A report as the site publishes it: its entry, with what only the whole site knows."""

    previous: ReportLink | None = None
    next: ReportLink | None = None
    revisions: tuple[Revision, ...] = ()  # what 修订记录 lists: `changes:` and Change-Note trailers, newest first
    updated: dt.date | None = None  # 最后更新 (see config.Revisions)
    #: Why a report in this build is not public yet ("draft", "scheduled"): only `serve`, `--drafts`
    #: or `--future` build such a report, and its page says so. Empty for a published report.
    unpublished: str = ""

    @property
    def path(self) -> str:
        """The report's folder in the output, which is also its pretty URL."""
        return f"{self.year}/{self.slug}/"

    @property
    def pdf_name(self) -> str:
        """The file name of the report's PDF, beside its page (the rule is the content stage's)."""
        return schema.pdf_name(self.slug)

    def link(self) -> ReportLink:
        return ReportLink(self.title, self.path, self.year)


def from_entry(entry: Entry) -> Report:
    """The model's report for a content entry, before the site adds to it."""
    return Report(**{f.name: getattr(entry, f.name) for f in fields(Entry)})
