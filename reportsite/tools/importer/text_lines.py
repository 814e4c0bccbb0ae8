"""A saved page's lines as a reader sees them, spacing kept: where a table laid out as text shows.

The readers collapse every run of spaces (indentation means nothing in Markdown), and so lose the
gaps that set a text table's cells apart. The table stage therefore reads the lines again from
the page's own text: a text dump line by line, an HTML page the way a browser breaks it into lines
(at <br> and block elements, every line of a <pre>), with the runs of NBSP and 全角 spaces a browser
shows. Each group of lines is keyed by the text the reader made of it, so the stage can tell which
of the page's blocks came from which lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from reportsite.tools.importer.html_tags import BLOCK_TAGS, SKIP_TAGS, is_text
from reportsite.tools.importer.spacing import clean_line, collapse

#: White space a browser shows as one space outside <pre> (NBSP and 全角 spaces it shows as they are).
_HTML_SPACE_RE = re.compile(r"[ \t\r\n\f]+")


@dataclass(frozen=True)
class SourceLine:
    """One line as shown: its text with its spacing, the line of the file it is on (for notes), and
    its place among the page's lines (lines next to each other have places one apart)."""

    text: str
    number: int | None
    place: int


@dataclass(frozen=True)
class Piece:
    """Lines a reader took as one piece of text (a line of a dump, a paragraph or <pre> of a page),
    keyed by that text without its white space, which is how the piece's blocks are recognised."""

    key: str
    lines: tuple[SourceLine, ...]


def squeezed(text: str) -> str:
    """Text without white space: the same for a line and for the blocks a reader cut it into."""
    return re.sub(r"\s+", "", text)


def page_pieces(text: str, html: bool) -> tuple[Piece, ...]:
    """The page's pieces of text in reading order, each with its lines as shown."""
    return _html_pieces(text) if html else _text_pieces(text)


def reader_text(lines: tuple[SourceLine, ...]) -> str:
    """The text the readers make of some lines, for lines that stay text: one line as the text
    reader cleans it, several (of a <pre>) as the HTML reader joins them."""
    if len(lines) == 1:
        return clean_line(lines[0].text)
    return collapse("\n".join(line.text for line in lines))


def _text_pieces(text: str) -> tuple[Piece, ...]:
    """A text dump: every line that is not blank is a piece; blank lines keep their place, so a
    table broken by a blank line is two."""
    pieces = []
    for index, line in enumerate(text.split("\n")):
        if line.strip():
            pieces.append(Piece(squeezed(line), (SourceLine(line.rstrip("\r"), index + 1, index),)))
    return tuple(pieces)


def _html_pieces(text: str) -> tuple[Piece, ...]:
    """An HTML page: a piece per run of text between <br>s and block elements, a <pre> one piece
    of many lines. Walked flat (never recursively), so no nesting depth can stop it."""
    soup = BeautifulSoup(text, "html.parser")
    pieces: list[Piece] = []
    current: list[str] = []
    owner: Tag | None = None
    for node in soup.descendants:
        if isinstance(node, Tag):
            if node.name == "br":
                _flush(pieces, current, owner)
            continue
        if not is_text(node) or _hidden(node):
            continue
        block = _block_of(node)
        if block is not owner:
            _flush(pieces, current, owner)
            owner = block
        current.append(str(node))
    _flush(pieces, current, owner)
    return tuple(pieces)


def _hidden(node: object) -> bool:
    parents = getattr(node, "parents", ())
    return any(isinstance(p, Tag) and p.name in SKIP_TAGS for p in parents)


def _block_of(node: object) -> Tag | None:
    """The innermost block element holding a text node: where a browser's line of it begins."""
    return next((p for p in getattr(node, "parents", ()) if isinstance(p, Tag) and p.name in BLOCK_TAGS), None)


def _flush(pieces: list[Piece], current: list[str], owner: Tag | None) -> None:
    """End the piece under way: its lines as a browser shows them, placed after the last piece's."""
    raw = "".join(current)
    current.clear()
    if not raw.strip(" \t\r\n\f"):  # nothing a browser shows; a line of NBSPs is a blank line
        return
    place = pieces[-1].lines[-1].place + 1 if pieces else 0
    start = owner.sourceline if owner is not None else None
    if owner is not None and (owner.name == "pre" or owner.find_parent("pre") is not None):
        lines = tuple(SourceLine(line, start + i if start else None, place + i)
                      for i, line in enumerate(raw.split("\n")))
    else:
        lines = (SourceLine(_HTML_SPACE_RE.sub(" ", raw), start, place),)
    pieces.append(Piece(squeezed(raw), lines))
