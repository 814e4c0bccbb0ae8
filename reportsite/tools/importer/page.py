"""What reading one saved page yields, whichever kind of page it was: its labelled metadata, its
body as blocks, and notes for the editor. The text and HTML readers both produce it, so the
front matter and the Markdown body are written the same way for either."""

from __future__ import annotations

from dataclasses import dataclass

from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem, Severity
from reportsite.tools.importer.grid import Grid


@dataclass(frozen=True)
class Block:
    """One piece of the body: a heading, a paragraph of text, or a finished HTML table (with the
    table laid out as a grid, for reading a 年报's statistics against the national form)."""

    kind: str  # "heading", "paragraph" or "table"
    text: str
    level: int = 0
    grid: Grid | None = None


@dataclass(frozen=True)
class Page:
    """What was read from one page: its labelled metadata (field → raw value) and its body."""

    meta: tuple[tuple[str, str], ...]
    blocks: tuple[Block, ...]
    warnings: tuple[Problem, ...] = ()

    def get(self, key: str) -> str:
        return dict(self.meta).get(key, "")


def review_note(name: str, message: Message, line: int | None = None) -> Problem:
    """A note for the editor to check after the import: the page was read, but by a guess."""
    return Problem(name, line, message, Severity.WARNING)


def listed(parts: list[Message]) -> Message:
    """Several problems as one message, in the order found ("A; B")."""
    if len(parts) == 1:
        return parts[0]
    return msg("import.problems_and", "{first}; {rest}", first=parts[0], rest=listed(parts[1:]))
