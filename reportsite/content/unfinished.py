"""Warnings about a report that reads as unfinished: the `new` skeleton's placeholders still in the
text, a summary that only repeats the title, footnote marks without a note.

They are warnings, not errors, so a draft builds while it is written; `check --strict` (the
pre-commit hook) stops such a report before it is published.
"""

from __future__ import annotations

import re
import unicodedata

from reportsite.content.fields import Fields
from reportsite.core.i18n import msg
from reportsite.core.problems import Problem, Severity

_FOOTNOTE_REF_RE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_FOOTNOTE_DEF_RE = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)
#: What `new`'s skeleton leaves for the editor to replace (commands/new.py, BODY): a paragraph, heading
#: or run-in lead that is only "……" after its number, and the skeleton's hints.
_PLACEHOLDER_RE = re.compile(r"^[#*\s]*(?:[一二三四五六七八九十]+[、是]|（[一二三四五六七八九十\d]+）|\d+[.．、])?\s*…{2,}[。.]?\**\s*")
SKELETON_HINTS = ("写明做了什么、成效如何，尽量用数字说明", "在此填写")


def undefined_footnotes(name: str, body: str, body_line: int) -> list[Problem]:
    """A footnote mark with no `[^n]: …` note is printed as the bare text `[^n]`; say where."""
    defined = set(_FOOTNOTE_DEF_RE.findall(body))
    return [Problem(name, body_line + body.count("\n", 0, m.start()),
                    msg("content.footnote_without_note", "footnote [^{mark}] has no note, so it shows as plain text; "
                        "add a line `[^{mark}]: …` at the end of the report, or remove the mark", mark=m.group(1)),
                    Severity.WARNING)
            for m in _FOOTNOTE_REF_RE.finditer(body) if m.group(1) not in defined]


def unfinished(fields: Fields, body: str, body_line: int) -> list[Problem]:
    """A report still holding the skeleton's placeholders, or a summary that only repeats the title."""
    problems = []
    lines = [n for n, line in enumerate(body.split("\n"), start=body_line)
             if _PLACEHOLDER_RE.match(line) or any(hint in line for hint in SKELETON_HINTS)]
    if lines:
        problems.append(Problem(fields.name, lines[0], msg(
            "content.placeholders_left", "{count} placeholder(s) of the `new` skeleton (……) are still in the text, "
                                         "the first on this line; write the report's own text in their place",
            count=len(lines)), Severity.WARNING))
    summary, title = (_bare(fields.text(key)) for key in ("summary", "title"))
    if summary and summary in title:
        problems.append(Problem(fields.name, fields.lines.get("summary"), msg(
            "content.summary_repeats_title", "内容概述 (`summary`) only repeats the title; say in one sentence what "
                                             "the report is about, or remove the line (the page then uses the "
                                             "opening of the text)"), Severity.WARNING))
    return problems


def _bare(text: str) -> str:
    """Text without white space and punctuation, to compare what two fields say."""
    return "".join(c for c in text if not c.isspace() and not unicodedata.category(c).startswith("P"))
