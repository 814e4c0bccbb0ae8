"""The importer's public data: what the command line adds to a page, and what an import gives back."""

from __future__ import annotations

from dataclasses import dataclass

from reportsite.core.problems import Problem


@dataclass(frozen=True)
class ImportOptions:
    """What the command line adds to what the page says."""

    publisher: str = ""
    year: int | None = None
    title: str = ""


@dataclass(frozen=True)
class Converted:
    """A content file ready to write to <content>/<year>/<slug>.md."""

    year: int
    slug: str
    text: str
    warnings: tuple[Problem, ...]
