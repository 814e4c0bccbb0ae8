"""The official heading numbering of Chinese government documents: 一、 / （一） / 1. / （1）.

Reports mark their headings with these numbers rather than with `#`, so two places
must read them the same way: the renderer, which gives a numbered paragraph its
heading level, and the importer, which finds headings in text a crawler ran together.
Both take the levels, the numerals and the length limit from here.

They differ on purpose in how much they accept. The renderer reads a line an editor
wrote as a heading, so any run of numerals counts (一百零一、 too). The importer guesses
inside running prose, where a wrong guess cuts a sentence in two, so it takes only
numbers up to 九十九 (see `chinese_number`) and a 1. that is not part of a longer figure.
"""

from __future__ import annotations

import re

#: 一 to 九, in order: a digit's value is its place here plus one.
DIGITS = "一二三四五六七八九"
#: What heading numbers are written with: 一 to 九十九.
NUMERALS = DIGITS + "十"
#: Numerals an editor may also write in a heading's number (一百零一、, 二〇、); the renderer accepts them.
WRITTEN_NUMERALS = NUMERALS + "百零〇"
#: A numbered line longer than this is prose that starts with a number, not a heading.
MAX_HEADING_CHARS = 40

#: Official numbering at the start of a line → its HTML heading level (h1 is the report title).
OFFICIAL_LEVELS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"^[{WRITTEN_NUMERALS}]+、"), 2),
    (re.compile(rf"^[（(][{WRITTEN_NUMERALS}]+[）)]"), 3),
    (re.compile(r"^\d{1,2}[.．](?!\d)"), 4),
    (re.compile(r"^[（(]\d{1,2}[）)]"), 5),
)
#: The same numbering anywhere in running text, one named group per level (h2…h5). A 1. must stand
#: apart from other figures (not 3.14, not 1.2.), and a Chinese number has at most three numerals.
MARKER_RE = re.compile(
    rf"(?P<h2>[{NUMERALS}]{{1,3}}、)"
    rf"|(?P<h3>[（(][{NUMERALS}]{{1,3}}[）)])"
    r"|(?P<h5>[（(]\d{1,2}[）)])"
    r"|(?P<h4>(?<![\d.．])\d{1,2}[.．](?![\d.．]))"
)


def official_level(text: str) -> int | None:
    """The heading level that an official numbering prefix implies, if any."""
    for pattern, level in OFFICIAL_LEVELS:
        if pattern.match(text):
            return level
    return None


def heading_level(line: str) -> int | None:
    """The level of a line that reads as a numbered heading: one short line, numbered, with no full
    stop or semicolon before its last character (a numbered sentence is prose)."""
    if "\n" in line or len(line) > MAX_HEADING_CHARS or re.search(r"[。；;]", line[:-1]):
        return None
    return official_level(line)


def marker_level_and_number(match: re.Match[str]) -> tuple[int, int]:
    """(level, number) of a MARKER_RE match; the number is 0 when its numerals spell no number."""
    level = int(match.lastgroup[1]) if match.lastgroup else 0
    digits = re.sub(r"[^0-9" + NUMERALS + "]", "", match.group())
    return level, int(digits) if digits.isdigit() else chinese_number(digits)


def chinese_number(text: str) -> int:
    """一 to 九十九 as an int, or 0 when the text is not such a number (十十, 一二, 百)."""
    if not text or any(c not in NUMERALS for c in text):
        return 0
    if "十" not in text:
        return DIGITS.index(text) + 1 if len(text) == 1 else 0
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return 0
    return (DIGITS.index(tens) + 1 if tens else 1) * 10 + (DIGITS.index(units) + 1 if units else 0)
