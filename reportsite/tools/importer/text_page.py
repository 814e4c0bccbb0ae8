"""Text dumps of saved pages: metadata lines, then the body.

A crawler's dump is a header it wrote itself and a 正文 separator, or only
what the page showed: the site's name and breadcrumb, labelled metadata lines,
the title (once or twice, labelled or not), page furniture, then the report and
the site's footer. The body starts where none of these goes on and ends where the
footer starts; every line left out that is not known furniture is named for the
editor, so nothing of a report can go missing unseen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reportsite.core.numbering import official_level
from reportsite.core.problems import Problem
from reportsite.tools.importer.chrome import Furniture, load_furniture
from reportsite.tools.importer.headings import text_blocks
from reportsite.tools.importer.labels import Labels, conflict_notes, is_field_line, is_label_line, read_labels
from reportsite.tools.importer.page import Page, left_out
from reportsite.tools.importer.spacing import clean_line
from reportsite.tools.importer.titles import compact, guess_title, title_reason

_SEPARATOR_RE = re.compile(r"^=+\s*正文\s*=+$")
#: How far down a dump its first metadata label may come; further down, it is in the body.
_HEAD_LINES = 60
#: How many lines that are neither labels nor furniture (a site's name, a title) may stand
#: between two metadata lines; more, and the later label is in the body.
_MAX_GAP = 3

Numbered = list[tuple[int, str]]


@dataclass(frozen=True)
class _Head:
    """What stands above the body: the metadata read from it, where the body starts, and its
    lines that are neither labels nor furniture (the title, a site's name), with their numbers."""

    labels: Labels
    body_start: int
    others: tuple[tuple[int, str], ...] = ()


def read_text_page(name: str, text: str, furniture: Furniture | None = None) -> Page:
    """A text dump: metadata lines (or a crawler header and a 正文 separator), then the body."""
    furniture = furniture or load_furniture()
    lines = text.split("\n")
    separator = next((i for i, line in enumerate(lines) if _SEPARATOR_RE.match(line.strip())), None)
    head = _header(lines, separator, furniture) if separator is not None else _text_head(lines, furniture)
    labelled = dict(head.labels.values).get("title", "")
    guess = None if labelled else guess_title(head.others)
    guess = replace(guess, dropped=True) if guess else None
    title = labelled or (guess.text if guess else "")
    notes = [left_out(name, line, n, below=False) for n, line in head.others
             if compact(line) != compact(title)]
    numbered = [(i + 1, line) for i, line in enumerate(lines) if i >= head.body_start]
    body, below = _trim_text_body(name, numbered, title, furniture)
    blocks, warnings = text_blocks(name, body)
    found = tuple(conflict_notes(name, head.labels.conflicts)) + tuple(notes) + below + warnings
    return Page(head.labels.values, blocks, found, guess)


def _header(lines: list[str], separator: int, furniture: Furniture) -> _Head:
    """A crawler's own header above its 正文 separator: labels, and lines to name if unknown."""
    head = lines[:separator]
    return _Head(read_labels(head), separator + 1, _others(head, furniture))


def _others(lines: list[str], furniture: Furniture, start: int = 0) -> tuple[tuple[int, str], ...]:
    """The lines that are neither empty, labels nor furniture, numbered from 1."""
    return tuple((start + i + 1, line.strip()) for i, line in enumerate(lines)
                 if line.strip() and not is_label_line(line.strip()) and not furniture.is_line(line.strip()))


def _text_head(lines: list[str], furniture: Furniture) -> _Head:
    """Metadata and where the body starts, for dumps without a separator.

    Short lines before the first field label are the site's header (its name, a
    breadcrumb, the title); the metadata runs to the last label line that no prose,
    numbered heading or long stretch of other lines stands before; after it, furniture,
    repeats of a line above and one line that reads as the title still belong to the
    head, and the body starts at the first line that is none of these. A page whose
    labels come only after prose has no head: nothing is dropped on a guess.
    """
    first = next((i for i, line in enumerate(lines[:_HEAD_LINES]) if is_field_line(line.strip())), None)
    if first is None or any(_is_prose(line) and not is_label_line(line.strip()) and not furniture.is_line(line.strip())
                            for line in lines[:first]):
        return _Head(Labels(()), 0)
    last = _last_label(lines, first, furniture)
    labels = read_labels(lines[: last + 1])
    start = _after_metadata(lines, last + 1, furniture, labels, _others(lines[: last + 1], furniture))
    return _Head(read_labels(lines[:start]), start, _others(lines[:start], furniture))


def _last_label(lines: list[str], first: int, furniture: Furniture) -> int:
    """The last line of the metadata block that starts at `first`."""
    last, gap = first, 0
    for i in range(first + 1, min(len(lines), first + _HEAD_LINES)):
        line = lines[i].strip()
        if is_label_line(line) and (is_field_line(line) or not _is_prose(line)):
            last, gap = i, 0
            continue
        if not line or furniture.is_line(line):
            continue
        gap += 1
        if _is_prose(line) or official_level(line) is not None or gap > _MAX_GAP:
            break
    return last


def _after_metadata(lines: list[str], start: int, furniture: Furniture, labels: Labels,
                    others: tuple[tuple[int, str], ...]) -> int:
    """Where the body starts after the metadata: past furniture, repeats of a line above it (the
    title printed twice) and, when nothing above names or reads as the title, one line that does."""
    named = dict(labels.values)
    known = {compact(line) for _, line in others} | {compact(named.get("title", ""))} - {""}
    titled = bool(named.get("title") or named.get("page_title")) or any(title_reason(line) for _, line in others)
    i = start
    while i < len(lines):
        line = lines[i].strip()
        if not line or furniture.is_line(line) or compact(line) in known:
            i += 1
        elif not titled and title_reason(line) is not None:
            titled = True
            known.add(compact(line))
            i += 1
        else:
            break
    return i


def _is_prose(line: str) -> bool:
    return len(line.strip()) > 60 or bool(re.search(r"[。！？；]", line))


def _trim_text_body(name: str, lines: Numbered, title: str, furniture: Furniture
                    ) -> tuple[Numbered, tuple[Problem, ...]]:
    """The body without furniture lines and title repeats at its start, the site's footer at its
    end, or furniture run into its first and last lines; with a note for each line left out
    below it that is not known furniture."""
    body = [(n, clean_line(line)) for n, line in lines]
    while body and (not body[0][1] or furniture.is_line(body[0][1]) or _same(body[0][1], title)):
        body.pop(0)
    footer = furniture.footer_start([line for _, line in body])
    tail, body = (body[footer:], body[:footer]) if footer is not None else ([], body)
    while body and (not body[-1][1] or furniture.is_line(body[-1][1])):
        body.pop()
    notes = tuple(left_out(name, line, n, below=True) for n, line in tail if line and not furniture.is_line(line))
    if body:
        body[0] = (body[0][0], furniture.strip_leading(body[0][1], title))
        body[-1] = (body[-1][0], furniture.strip_trailing(body[-1][1]))
    return [(n, line) for n, line in body if line], notes


def _same(line: str, title: str) -> bool:
    return bool(title) and compact(line) == compact(title)

