"""The wording and the numbers of a published 年报 table, compared with the national form's.

Offices copy the form into Word and the CMS mangles it on the way: full-width and half-width
brackets and dots mix (1．/1.), quotes change shape, a label is broken over two lines, and the long
label of （二）部分公开 is often cut short. A row still matches the form when only such things
differ; a word that differs is a different row, and the table is not read as the form.
"""

from __future__ import annotations

import re
import unicodedata

from reportsite.core.annualform import AMOUNT, CHANGE

Number = int | float

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "‘": "'", "’": "'", "−": "-"})
_NUMBERING_RE = re.compile(r"^(?:\d+[.、]|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)")
#: How each kind of cell may be written: counts without a sign, a change with one, money with decimals.
_PATTERNS = {CHANGE: re.compile(r"[-+]?\d+"), AMOUNT: re.compile(r"\d+(?:\.\d+)?")}
_COUNT_RE = re.compile(r"\d+")
#: The units a cell of money may carry after its number; the form's column says no unit of its own.
_UNIT_RE = re.compile(r"(万元|元)$")


def compact(text: str) -> str:
    """Text as compared with the form: no white space, full-width forms folded (NFKC), one kind of quote."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(_QUOTES))


def split_numbering(label: str) -> tuple[str, str]:
    """(the official numbering a label starts with, the words after it), both compacted:
    "（三）不予公开" → ("(三)", "不予公开")."""
    text = compact(label)
    match = _NUMBERING_RE.match(text)
    return (match.group(), text[match.end():]) if match else ("", text)


def same_label(found: str, label: str) -> bool:
    """Whether a published label is the form's: the same words, with or without the numbering, or
    the form's long label cut before its note in brackets (（二）部分公开 for the full wording)."""
    found_core, label_core = split_numbering(found)[1], split_numbering(label)[1]
    if not found_core:
        return False
    if compact(found) == compact(label) or found_core == label_core:
        return True
    return label_core.startswith(found_core + "(")


def read_number(text: str, kind: str) -> tuple[Number, str] | None:
    """A cell's number as the form counts it, and the unit written after it ("元"), or None when
    the cell holds something else (a dash, a word, an empty cell)."""
    value = compact(text)
    unit = ""
    if kind == AMOUNT and (found := _UNIT_RE.search(value)):
        unit, value = found.group(), value[: found.start()]
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", value):
        value = value.replace(",", "")
    if not _PATTERNS.get(kind, _COUNT_RE).fullmatch(value):
        return None
    return (float(value) if kind == AMOUNT else int(value)), unit


def is_number(text: str) -> bool:
    """Whether a cell holds a number of some kind (so its row is a row of numbers, not of labels)."""
    return any(read_number(text, kind) is not None for kind in (CHANGE, AMOUNT))
