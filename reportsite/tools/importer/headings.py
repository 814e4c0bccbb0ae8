"""Headings in body text a crawler ran together, found by their official numbering.

Old pages lose their heading markup: a text dump puts 一、总体情况 and the
paragraph after it on one line, and a page's tables come out as runs of figures
numbered 一、二、 of their own. So a number starts a heading only where the
report's own numbering goes on (二、 after 一、), at a sentence boundary, and not
inside table text; where a heading's end cannot be seen, its text is kept
together with what follows and the editor is told.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from reportsite.core.i18n import msg
from reportsite.core.numbering import MARKER_RE, MAX_HEADING_CHARS, marker_level_and_number
from reportsite.core.problems import Problem
from reportsite.tools.importer.page import Block, review_note

#: Characters after which a new numbered heading may start in run-together text.
_BOUNDARY = frozenset(" \t\u3000\xa0。！？!?”’」』")
#: Table text the crawler ran together: a row's counts as one long digit run (not a number with
#: its unit, like 202410月), or several counts separated by spaces.
_TABLE_TEXT_RE = re.compile(r"(?<![\d：:])\d{5,}(?![\d年月日元万亿个件条项人次%-])|(?:\d+\s+){3,}\d")
_SENTENCE_GAP_RE = re.compile(r"(?<=[。！？])\s+|(?<=[。！？][”’」』])\s+")


@dataclass(frozen=True)
class _Numbering:
    """The last number seen at each heading level (2–5). Headings count up, so table rows
    numbered 一、二、 inside flattened table text are not taken for the report's own headings."""

    last: tuple[int, int, int, int] = (0, 0, 0, 0)

    def accepts(self, level: int, n: int) -> bool:
        previous = self.last[level - 2]
        return previous < n <= previous + 4

    def after(self, level: int, n: int) -> _Numbering:
        i = level - 2
        return _Numbering(self.last[:i] + (n,) + (0,) * (3 - i))


@dataclass(frozen=True)
class _Marker:
    start: int
    end: int
    level: int
    number: int


def text_blocks(name: str, pieces: Iterable[tuple[int | None, str | Block]]
                ) -> tuple[tuple[Block, ...], tuple[Problem, ...]]:
    """Paragraphs and headings from pieces of body text (with their line, where known); headings
    are found by official numbering, which carries from piece to piece. A piece that is already a
    Block (a table) is kept as it is, and the numbering carries across it."""
    blocks: list[Block] = []
    warnings: list[Problem] = []
    state = _Numbering()
    for line_no, piece in pieces:
        if isinstance(piece, Block):
            blocks.append(piece)
            continue
        found, state, unsure = _split_headings(piece, state)
        blocks.extend(found)
        warnings.extend(_unsure_warning(name, line_no, excerpt) for excerpt in unsure)
    return tuple(blocks), tuple(warnings)


def _unsure_warning(name: str, line: int | None, excerpt: str) -> Problem:
    return review_note(name, msg("import.heading_end_unclear",
                                 'could not tell where the numbered heading "{excerpt}…" ends, so it was kept '
                                 "with the text that follows; make it a heading by hand if it is one",
                                 excerpt=excerpt), line)


def _split_headings(text: str, state: _Numbering) -> tuple[list[Block], _Numbering, list[str]]:
    """Cut a line of run-together text into headings and paragraphs.

    A numbered heading only starts at a sentence boundary, with the next number of
    its level, and not inside table text; it ends where the text plainly goes on.
    Where its end cannot be seen, the paragraph still breaks before the number but
    the heading stays part of it, and the caller warns.
    """
    blocks: list[Block] = []
    unsure: list[str] = []
    pos = 0
    marker = _next_marker(text, 0, state)
    while marker is not None:
        state = state.after(marker.level, marker.number)
        following = _next_marker(text, marker.end, state, marker)
        stop = following.start if following else len(text)
        blocks.extend(_paragraphs(text[pos:marker.start]))
        end = _heading_end(text, marker, stop)
        if end is None:
            unsure.append(text[marker.start: marker.start + 16])
            pos = marker.start
        else:
            blocks.append(Block("heading", text[marker.start:end].strip(), marker.level))
            pos = end
        marker = following
    blocks.extend(_paragraphs(text[pos:]))
    return blocks, state, unsure


def _next_marker(text: str, start: int, state: _Numbering, previous: _Marker | None = None) -> _Marker | None:
    for match in MARKER_RE.finditer(text, start):
        level, number = marker_level_and_number(match)
        marker = _Marker(match.start(), match.end(), level, number)
        if number and _opens_heading(text, marker, state, previous):
            return marker
    return None


def _opens_heading(text: str, marker: _Marker, state: _Numbering, previous: _Marker | None) -> bool:
    """Whether a number in running text starts a heading: the right next number, at a boundary,
    and not a row label inside table text."""
    if not state.accepts(marker.level, marker.number):
        return False
    before = text[marker.start - 1] if marker.start else " "
    at_boundary = before in _BOUNDARY or (before in "：:" and marker.level in (2, 3))
    # "…新爆点3.确保群众满意", "…收费24252.31三、收到和处理…": the next item of a list under way
    # may follow a word or a table's last figure directly…
    next_item = marker.number >= 2 and marker.number == state.last[marker.level - 2] + 1
    # …and so may the first item under a heading just opened: "（二）主要做法1.加强组织领导".
    first_child = (marker.number == 1 and previous is not None and marker.level > previous.level
                   and marker.start - previous.start <= MAX_HEADING_CHARS
                   and not re.search(r"[。！？]", text[previous.end:marker.start]))
    after_word = before.isalnum() and before != "第" and (next_item or first_child)
    if not at_boundary and not after_word:
        return False
    return not _TABLE_TEXT_RE.search(text, marker.end, marker.end + 50)


def _heading_end(text: str, marker: _Marker, stop: int) -> int | None:
    """Where a heading that runs into its text ends, or None when that cannot be seen.

    Signs, earliest wins: a space; a full stop or colon (kept in the heading); the
    start of 一是; a year starting the next sentence (…情况2021年，…); for 一、
    headings, the 情况/事项 that closes the standard 年报 headings.
    """
    first = marker.end
    while first < stop and text[first].isspace():
        first += 1
    limit = min(stop, marker.start + MAX_HEADING_CHARS)
    span = text[first:limit]
    ends = []
    if (space := re.search(r"\s", span)) and space.start() > 0:
        ends.append(first + space.start())
    if (stop_mark := re.search(r"[。：:]", span)) and _heading_like(span[: stop_mark.start()]):
        ends.append(first + stop_mark.end())
    for pattern in (r"一是", r"\d{4}年[，,是]"):
        if (found := re.search(pattern, span[2:])) is not None and _heading_like(span[:2 + found.start()]):
            ends.append(first + 2 + found.start())
    if marker.level == 2 and (closing := re.search(r"情况|事项", span)):
        ends.append(first + closing.end())
    ends = [e for e in ends if e > first]
    if ends:
        return min(ends)
    if stop - marker.start <= MAX_HEADING_CHARS and stop > first:
        return stop
    return None


def _heading_like(text: str) -> bool:
    """Heading text before its full stop: one phrase, or two short ones ("坚持探索新路，两岸融合行稳致远");
    a long clause before a comma is a sentence that merely starts with a number."""
    parts = re.split(r"[，,]", text)
    return not re.search(r"[。；;]", text) and (len(parts) == 1 or (len(parts) == 2 and len(parts[0]) <= 12
                                                                     and len(parts[1]) <= 15))


def _paragraphs(text: str) -> list[Block]:
    """Paragraphs from running text: a space after a full stop was a paragraph break on the page."""
    return [Block("paragraph", part.strip()) for part in _SENTENCE_GAP_RE.split(text) if part.strip()]
