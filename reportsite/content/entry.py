"""What the content stage hands on: one validated report file as plain frozen data.

The model builds its Reports from these entries and adds what only the whole site knows
(neighbours in a series, what is published, the change history). The body is not held here:
`Body` reads it again when a renderer asks, so memory stays flat as a site grows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportsite.config.model import Publisher
from reportsite.content.history import Revision
from reportsite.core.annualform import FORMS
from reportsite.core.digest import content_key
from reportsite.core.i18n import msg
from reportsite.core.problems import Problem, Problems
from reportsite.core.text import front_matter_end, utf8_text


@dataclass(frozen=True)
class Attachment:
    """A file listed under 附件, as the editor named it; its link and size text are the renderer's."""

    file: str
    title: str
    size: int


@dataclass(frozen=True)
class Metric:
    """A key figure stated in a report: an actual value, a target, or both, for one year."""

    key: str
    label: str
    unit: str
    year: int
    value: float | None = None
    target: float | None = None


@dataclass(frozen=True)
class AnnualTables:
    """The numbers of a 政府信息公开工作年度报告's tables 2–4 (`annual_report:`), read against the
    national form `template` (see core.annualform), with every total filled in: as the editor gave
    it, or computed where the editor left it out.

    `rows` holds each row of the form as (table key, row path, numbers in column order); `lines`
    the front-matter line of each (table key, row path) the editor wrote, for messages."""

    template: str
    rows: tuple[tuple[str, str, tuple[float, ...]], ...]
    lines: tuple[tuple[tuple[str, str], int], ...]
    line: int | None = None  # the line of `annual_report:`

    def values(self, table: str, row: str) -> tuple[float, ...]:
        """A row's numbers, e.g. values("表三", "不予公开.属于国家秘密")."""
        return next(values for key, path, values in self.rows if (key, path) == (table, row))

    def cell(self, table: str, row: str, column: str) -> float:
        """One number by its row and its column's key (cell("表二", "行政规范性文件", "现行有效件数")), so
        that no reader finds a column by counting and both forms are read alike."""
        part = next(part for part, found in FORMS[self.template].table(table).rows if found.path == row)
        return self.values(table, row)[[c.key for c in part.columns].index(column)]

    def line_of(self, table: str, row: str) -> int | None:
        return dict(self.lines).get((table, row), self.line)


@dataclass(frozen=True)
class Body:
    """A lazy handle on a report's Markdown body, which the content stage has already read and checked.

    `read` decodes the file again and cuts off the front matter, without validating anything; a file
    edited while the build runs no longer matches the digest, and the build stops rather than publish
    text nobody checked."""

    source: Path
    source_name: str
    line: int  # the body's first line in the file
    digest: str

    def read(self) -> str:
        try:
            text = utf8_text(self.source.read_bytes())
        except (OSError, UnicodeDecodeError):
            text = None
        body = "\n".join(text.split("\n")[self.line - 1:]) if text and front_matter_end(text) else None
        if body is None or content_key(body) != self.digest:
            raise Problems([Problem(self.source_name, None, msg(
                "content.changed_while_building", "the file changed while the site was being built; build again"))])
        return body


@dataclass(frozen=True)
class Entry:
    """One report as the editor wrote it, validated."""

    source: Path
    source_name: str
    folder: Path | None
    slug: str
    year: int
    title: str
    publisher: Publisher
    index_no: str
    doc_no: str
    issued: dt.date
    published: dt.datetime
    series: str
    category: str
    keywords: tuple[str, ...]
    summary: str
    attachments: tuple[Attachment, ...]
    files: tuple[str, ...]  # everything published from the report's folder, attachments included
    status: str
    signer: str
    signed: dt.date | None
    metrics: tuple[Metric, ...]
    body: Body
    key_lines: tuple[tuple[str, int], ...]
    draft: bool = False
    changes: tuple[Revision, ...] = ()  # the front matter's `changes:`, newest first
    annual: AnnualTables | None = None  # a 信息公开年报's tables as data (`annual_report:`)

    def line_of(self, key: str) -> int | None:
        return dict(self.key_lines).get(key)
