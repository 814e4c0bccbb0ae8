"""Problems found in a site's inputs, kept as values until the command prints them.

Editors fix their files from these messages, so every problem carries the file,
the line where known, what is wrong and how to fix it. Nothing in the pipeline
prints or exits: it returns problems, and the command layer decides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from reportsite.core.i18n import Message, english, msg


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file."""

    path: str
    line: int | None
    message: str | Message  # a Message, rendered in the editor's language when printed (see i18n)
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        """The English line, for logs and tests: `file:line: [warning: ]what is wrong; how to fix it`."""
        return self.text(english)

    def text(self, render: Callable[[Message | str], str]) -> str:
        """The line in the language `render` speaks (an i18n.Translator)."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = render(msg("problem.warning", "warning: ")) if self.severity is Severity.WARNING else ""
        return f"{where}: {prefix}{render(self.message)}"

    @property
    def code(self) -> str:
        """The kind of problem, stable across languages and releases, for `check --format json`."""
        return self.message.code if isinstance(self.message, Message) else "unclassified"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class Problems(Exception):
    """The one error type of every stage: every problem found so far, errors and warnings, with file
    and line. A stage that cannot go on raises it; the command layer prints it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{sum(p.is_error for p in problems)} error(s)")
        self.problems = problems

    def __reduce__(self):  # type: ignore[no-untyped-def]
        """Pickle with the problems, so a forked renderer's failure reaches the parent intact."""
        return type(self), (self.problems,)


def has_errors(problems: Iterable[Problem]) -> bool:
    """Warnings never stop a stage; this is the one test of whether it may go on."""
    return any(p.is_error for p in problems)


def display_path(path: Path, root: Path) -> str:
    """Name a file the way the editor sees it in their checkout: relative to the site."""
    try:  # the folder resolved, the name kept: a link is named as the editor made it
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except (ValueError, RuntimeError, OSError):  # outside the site, or a link that loops
        try:
            return path.absolute().relative_to(root.absolute()).as_posix()
        except ValueError:
            return str(path)

