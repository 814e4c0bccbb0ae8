"""What the content stage hands on: one validated report file as plain frozen data.

The model builds its Reports from these entries and adds what only the whole site knows
(neighbours in a series, what is published, the change history). The body is not held here:
`Body` reads it again when a renderer asks, so memory stays flat as a site grows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from reportsite.config.load import Publisher
from reportsite.content.history import Revision
from reportsite.core.digest import content_key
from reportsite.core.i18n import msg
from reportsite.core.problems import Problem, Problems
from reportsite.core.text import front_matter_end, utf8_text


@dataclass(frozen=True)
class Attachment:
    file: str
    title: str
    size: int

    @property
    def size_text(self) -> str:
        return human_size(self.size)

    @property
    def href(self) -> str:
        """The file name as a relative link: ASCII that would change the URL (`%`, spaces, quotes)
        is percent-encoded, so a name holding `%2e%2e%2f` reaches the copied file and nothing else;
        Chinese stays readable (browsers encode it as UTF-8 themselves)."""
        return "".join(c if ord(c) > 127 else quote(c, safe="/") for c in self.file)


def human_size(size: int) -> str:
    """File sizes as readers expect them next to a download link: 812 B, 35 KB, 1.2 MB."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / 1024 / 1024:.1f} MB"


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

    def line_of(self, key: str) -> int | None:
        return dict(self.key_lines).get(key)
