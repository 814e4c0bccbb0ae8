"""Which reports content/ already holds, so importing a page a second time is noticed.

A migration is run again and again: after fixing the pages that failed, after adding
a publisher to config.yaml, after another office sends its folder. A report is the
same one when it has the same 索引号, or, for pages that give none (many old CMSs
show none), the same title and 发文日期. The files are read with the content stage's
own reader of files (its finder, decoder and YAML), but not validated: a report
whose front matter the build refuses, say an import still being fixed, is still
that report, and importing it again would make a copy.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from reportsite.content.decode import Unreadable, read_parts, split_front_matter
from reportsite.content.discover import find_report_files
from reportsite.core.yamlread import YamlProblem, parse_mapping


@dataclass(frozen=True)
class Identity:
    """What makes two reports the same one: the 索引号 when it has one, else its title and date."""

    index_no: str
    title: str
    issued: str  # YYYY-MM-DD

    @property
    def keys(self) -> tuple[tuple[str, str], ...]:
        """The keys it is looked up and filed under; a report without a 索引号 is matched by title
        and date, one with a 索引号 by that alone (two reports may share a title and a date)."""
        if self.index_no:
            return (("index_no", self.index_no), ("title", f"{self.title}\n{self.issued}"))
        return (("title", f"{self.title}\n{self.issued}"),)


@dataclass(frozen=True)
class Match:
    """An existing report this page is, and which of its keys matched."""

    path: Path
    by_index_no: bool


def identity(front: dict[str, object]) -> Identity:
    """A report's identity from its front matter as YAML read it (dates may be dates)."""
    issued = front.get("issued")
    day = issued.isoformat()[:10] if isinstance(issued, (dt.date, dt.datetime)) else str(issued or "")[:10]
    return Identity(_one_line(front.get("index_no")), _one_line(front.get("title")), day)


def front_of(text: str) -> dict[str, object]:
    """The front matter of a content file's text, as YAML reads it; {} when it has none that reads."""
    try:
        return dict(parse_mapping(split_front_matter(text).front, first_line=2).data)
    except (Unreadable, YamlProblem):
        return {}


class KnownReports:
    """The reports of a content folder by identity, and those this run adds as it goes (so it
    changes while a run lasts; a page later in the run is matched against one earlier in it)."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, str], Path] = {}
        self.added: set[Path] = set()

    @classmethod
    def read(cls, content_dir: Path) -> KnownReports:
        """Every report file under content_dir whose front matter can be read at all."""
        known = cls()
        if not content_dir.is_dir():
            return known
        paths, _ = find_report_files(content_dir)  # what cannot be read is the build's to report
        for path in paths:
            try:
                front = front_of_parts(path)
            except (Unreadable, YamlProblem):
                continue
            known.add(path, identity(front), this_run=False)
        return known

    def add(self, path: Path, report: Identity, this_run: bool = True) -> None:
        """File a report under its keys; the first file with a key keeps it (the original)."""
        for key in report.keys:
            self._by_key.setdefault(key, path)
        if this_run:
            self.added.add(path)

    def find(self, report: Identity) -> Match | None:
        """The report this one is, by its 索引号 when it has one, else by title and date."""
        key = report.keys[0]
        path = self._by_key.get(key)
        return Match(path, key[0] == "index_no") if path else None


def front_of_parts(path: Path) -> dict[str, object]:
    """The front matter of one report file; Unreadable or YamlProblem when it cannot be read."""
    return dict(parse_mapping(read_parts(path).front, first_line=2).data)


def _one_line(value: object) -> str:
    """A title or 索引号 compared without the spaces and line breaks an editor may have changed."""
    return re.sub(r"\s+", " ", str(value or "")).strip()
