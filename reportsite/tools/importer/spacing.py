"""Whitespace in saved pages, which means less than it seems: Word's HTML breaks lines anywhere,
and CMSs indent with runs of NBSP and 全角 spaces that Markdown would take for a code block."""

from __future__ import annotations

import re
import unicodedata


def collapse(text: str) -> str:
    """One line of text: a line break between Chinese characters is only source wrapping (Word's
    HTML breaks lines anywhere), other whitespace runs become one space."""
    text = re.sub(r"(?<=[^\x00-\xff])[ \t]*\n\s*(?=[^\x00-\xff])", "", text)
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def clean_line(line: str) -> str:
    """Collapse runs of spaces (NBSP and 全角 included) and trim: indentation means nothing in
    Markdown but a code block."""
    return re.sub(r"[ \t\xa0\u3000]+", " ", line).strip()


def is_wide(char: str) -> bool:
    """A full-width character (Chinese text), between which a line break adds no space."""
    return unicodedata.east_asian_width(char) in ("W", "F")
