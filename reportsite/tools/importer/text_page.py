"""Text dumps of saved pages: metadata lines, then the body.

A crawler's dump is a header it wrote itself and a 正文 separator, or only
what the page showed: the site's name and breadcrumb, labelled metadata lines,
page chrome, and then the report. The body starts where none of these goes on.
"""

from __future__ import annotations

import re

from reportsite.tools.importer.chrome import is_furniture_line, strip_leading_chrome, strip_trailing_chrome
from reportsite.tools.importer.headings import text_blocks
from reportsite.tools.importer.labels import is_field_line, is_label_line, parse_labels
from reportsite.tools.importer.page import Page
from reportsite.tools.importer.spacing import clean_line

_SEPARATOR_RE = re.compile(r"^=+\s*正文\s*=+$")
#: How far down a dump its first metadata label may come; further down, it is in the body.
_HEAD_LINES = 60


def read_text_page(name: str, text: str) -> Page:
    """A text dump: metadata lines (or a crawler header and a 正文 separator), then the body."""
    lines = text.split("\n")
    separator = next((i for i, line in enumerate(lines) if _SEPARATOR_RE.match(line.strip())), None)
    if separator is not None:
        meta = parse_labels(lines[:separator])
        body_start = separator + 1
    else:
        meta, body_start = _text_head(lines)
    title = dict(meta).get("title", "")
    numbered = [(i + 1, line) for i, line in enumerate(lines) if i >= body_start]
    body = _trim_text_body(numbered, title)
    blocks, warnings = text_blocks(name, body)
    return Page(meta, blocks, warnings)


def _text_head(lines: list[str]) -> tuple[tuple[tuple[str, str], ...], int]:
    """Metadata and where the body starts, for dumps without a separator.

    Short lines before the first field label are the site's header (its name, a
    breadcrumb); from that label on, labels, furniture and repeats of the title
    belong to the head, and the body starts at the first line that is none of
    these. A page whose labels come only after prose has no head: nothing is
    dropped on a guess.
    """
    first = next((i for i, line in enumerate(lines[:_HEAD_LINES]) if is_field_line(line)), None)
    if first is None or any(_is_prose(line) for line in lines[:first]):
        return (), 0
    head: list[str] = []
    i = first
    while i < len(lines):
        line = lines[i].strip()
        title = dict(parse_labels(head)).get("title", "")
        if not line or is_label_line(line) or is_furniture_line(line) or _is_title(line, title):
            head.append(line)
            i += 1
            continue
        break
    return parse_labels(head), i


def _is_prose(line: str) -> bool:
    return len(line.strip()) > 60 or bool(re.search(r"[。！？；]", line))


def _is_title(line: str, title: str) -> bool:
    return bool(title) and re.sub(r"\s", "", line) == re.sub(r"\s", "", title)


def _trim_text_body(lines: list[tuple[int, str]], title: str) -> list[tuple[int, str]]:
    """The body without furniture lines and title repeats at either end, or chrome run into its
    first and last lines."""
    body = [(n, clean_line(line)) for n, line in lines]
    while body and (not body[0][1] or is_furniture_line(body[0][1]) or _is_title(body[0][1], title)):
        body.pop(0)
    while body and (not body[-1][1] or is_furniture_line(body[-1][1])):
        body.pop()
    if body:
        body[0] = (body[0][0], strip_leading_chrome(body[0][1], title))
        body[-1] = (body[-1][0], strip_trailing_chrome(body[-1][1]))
    return [(n, line) for n, line in body if line]
