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
class TitleGuess:
    """A line the page seems to use as its title, where no label names one: where it is, and why
    it reads as the title (None: the page prints it twice)."""

    text: str
    line: int | None
    reason: Message | None
    #: Whether the reader left the line out of the body, taking it for the title.
    dropped: bool = False


@dataclass(frozen=True)
class Page:
    """What was read from one page: its labelled metadata (field → raw value), its body, and the
    line that seems to be its title when no label names one."""

    meta: tuple[tuple[str, str], ...]
    blocks: tuple[Block, ...]
    warnings: tuple[Problem, ...] = ()
    title_guess: TitleGuess | None = None

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


#: How much of a left-out line a note quotes.
_QUOTED_CHARS = 60


def left_out(name: str, text: str, line: int | None, below: bool) -> Problem:
    """A note for a line dropped above or below the body that is not known page furniture: it
    may be part of the report, and only the editor can tell."""
    quoted = text if len(text) <= _QUOTED_CHARS else text[:_QUOTED_CHARS] + "…"
    if below:
        message = msg("import.left_out_below", 'left out "{text}" below the body: it is not known page furniture, '
                                               "so check that it is no part of the report", text=quoted)
    else:
        message = msg("import.left_out_above", 'left out "{text}" above the body: it is not known page furniture, '
                                               "so check that it is no part of the report", text=quoted)
    return review_note(name, message, line)
