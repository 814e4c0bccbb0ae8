"""A 年报 table a crawler flattened into prose, found again by the national form's wording.

A text dump keeps a table's words and figures in reading order with nothing between them:
"…规章000行政规范性文件6233440第二十条第（五）项…". So each of the form's labels is looked for in
turn (spaces anywhere, as the crawler left them), and what lies between one row's label and the
next is that row's figures, one run of digits, then perhaps a group heading ("（三）不予公开") and the
next label's own number ("2."). This module only cuts the text up; annual_split decides how each
run of digits divides into cells. Anything else between the labels (a word, a sentence) means the
text is not the form, and the table is left as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportsite.core.annualform import AMOUNT, Part, Table
from reportsite.core.i18n import Message, msg
from reportsite.tools.importer.annual_reading import Mismatch
from reportsite.tools.importer.annual_words import compact, split_numbering

#: Characters that differ between the form and a page only in width or shape.
_VARIANTS = {"(": "[（(]", ")": "[）)]", ".": "[.．]", ":": "[：:]", '"': "[“”\"]", ",": "[，,]", ";": "[；;]"}
_RUN_RE = re.compile(r"[\s\d.+\-－−]*")
_UNIT_RE = re.compile(r"\s*(?:万元|元)")
_SENTENCE_END = "。！？；"
#: How much besides the form's labels (header words such as 申请人情况, a group heading) may stand
#: between the labels before it is taken for prose.
_FURNITURE_CHARS = 24


@dataclass(frozen=True)
class TextTable:
    """Where a table sits in a paragraph, and the figures published for each row (for 表四, one run
    holding all three rows, under the first row's path)."""

    start: int
    end: int
    runs: tuple[tuple[str, str], ...]


def find_text_table(text: str, table: Table, template: str) -> TextTable | Mismatch:
    """The table `table` in one paragraph of a text dump, or why it is not there."""
    try:
        if table.key == "表四":
            return _single_run(text, table)
        return _Walk(text, table).rows()
    except _Missing as missing:
        return Mismatch(table.key, template, missing.reason, missing.progress)


class _Missing(Exception):
    """Why the text is not the table, and how many rows were found before it stopped."""

    def __init__(self, reason: Message, progress: int) -> None:
        super().__init__(str(reason))
        self.reason, self.progress = reason, progress


def label_pattern(label: str) -> re.Pattern[str]:
    """A label as it may appear in a dump: any white space between its characters, either width."""
    return re.compile(r"\s*".join(_VARIANTS.get(char, re.escape(char)) for char in compact(label)))


@dataclass(frozen=True)
class _Step:
    """One label to find: a 表二 block's heading, or a row (with the part whose columns it fills)."""

    part: Part
    label: str
    path: str = ""  # the row's path; empty for a heading


class _Walk:
    """The form's labels found in order; the text between them checked and kept as each row's figures."""

    def __init__(self, text: str, table: Table) -> None:
        self.text, self.table = text, table
        self.runs: list[tuple[str, str]] = []
        self.pos = 0

    def rows(self) -> TextTable:
        steps = [step for part in self.table.parts
                 for step in ([_Step(part, part.heading)] if part.heading else [])
                 + [_Step(part, row.label, row.path) for row in part.rows]]
        start = 0
        for index, step in enumerate(steps):
            gap_start, gap_end = self._find(step.label)
            if index == 0:
                start = _table_start(self.text[:gap_end])
                self._furniture(start, gap_end, step.part if step.path else None, step)
            elif not steps[index - 1].path:
                self._furniture(gap_start, gap_end, step.part, step)
            else:
                self._figures(gap_start, gap_end, steps[index - 1], step)
        last = steps[-1]
        run = self._run(self.pos, len(self.text), last)
        self.runs.append((last.path, run.strip()))
        return TextTable(start, self.pos + len(run.rstrip()), tuple(self.runs))

    def _find(self, label: str) -> tuple[int, int]:
        """The next occurrence of a label's words: (where the text before it starts, where it ends,
        short of the label's own numbering); the walk goes on after the label."""
        numbering, words = split_numbering(label)
        found = label_pattern(words).search(self.text, self.pos)
        if found is None and self.pos == 0:
            raise _Missing(_no_table(label), 0)
        if found is None:
            raise _Missing(msg("annual_import.text_missing", "the form's wording “{expected}” was not found where "
                                                             "the table goes on", expected=label), len(self.runs))
        gap_start, gap_end = self.pos, found.start()
        if numbering and (prefix := re.search(label_pattern(numbering).pattern + r"\s*$",
                                              self.text[gap_start:gap_end])):
            gap_end = gap_start + prefix.start()
        self.pos = found.end()
        return gap_start, gap_end

    def _figures(self, start: int, end: int, row: _Step, following: _Step) -> None:
        """The text between two labels: the figures of the row before, then at most a group heading."""
        run = self._run(start, end, row)
        self.runs.append((row.path, run.strip()))
        filler = self.text[start + len(run):end]
        if not _is_furniture(filler, ()):
            raise _Missing(msg("annual_import.text_between", "“{found}” stands between the rows “{row}” and "
                                                             "“{next}”, where the form has only figures",
                               found=filler.strip(), row=row.label, next=following.label), len(self.runs))

    def _run(self, start: int, end: int, row: _Step) -> str:
        """The figures at the start of a gap, with a unit after money kept for the splitter to drop."""
        run = _RUN_RE.match(self.text, start, end)
        stop = run.end() if run else start
        if any(column.kind == AMOUNT for column in row.part.columns) and (unit := _UNIT_RE.match(self.text, stop, end)):
            stop = unit.end()
        if not re.search(r"\d", self.text[start:stop]):
            raise _Missing(_no_figures(row.label), len(self.runs))
        return self.text[start:stop]

    def _furniture(self, start: int, end: int, part: Part | None, step: _Step) -> None:
        """Text before a block's first row (or before the table): words of the form's header only,
        naming every column of `part` when given."""
        text = self.text[start:end]
        labels = tuple(column.label for column in part.columns) if part else ()
        if all(label_pattern(label).search(text) for label in labels) and _is_furniture(text, labels):
            return
        raise _Missing(_not_header(step.label, labels, text), len(self.runs))


def _single_run(text: str, table: Table) -> TextTable:
    """表四: its headings name every row and column, and one run of figures holds all its rows."""
    first = table.parts[0].rows[0].label
    if label_pattern(first).search(text) is None:
        raise _Missing(_no_table(first), 0)
    digit = re.search(r"\d", text)
    if digit is None:
        raise _Missing(_no_figures(table.parts[0].rows[-1].label), 0)
    start = _table_start(text[:digit.start()])
    head = text[start:digit.start()]
    part = table.parts[0]
    labels = tuple(row.label for row in part.rows) + tuple(column.label for column in part.columns)
    if not all(label_pattern(label).search(head) for label in labels) or not _is_furniture(head, labels):
        raise _Missing(_not_header(part.rows[0].label, labels, head), 0)
    run = _RUN_RE.match(text, digit.start())
    assert run is not None
    return TextTable(start, digit.start() + len(run.group().rstrip()), ((part.rows[0].path, run.group().strip()),))


def _table_start(lead: str) -> int:
    """Where the table's own text starts in what precedes its first label: after the last sentence
    that ends outside brackets (the prose before a table stays prose), else at the start."""
    depth, cut = 0, 0
    for index, char in enumerate(lead):
        depth += (char in "（(") - (char in "）)")
        if depth <= 0 and char in _SENTENCE_END:
            cut = index + 1
    while cut < len(lead) and lead[cut].isspace():
        cut += 1
    return cut


def _is_furniture(text: str, labels: tuple[str, ...]) -> bool:
    """Whether text is only a table's header words: the labels given, notes in brackets and a few
    words more (申请人情况, 信息内容, a group heading), with no figure and no sentence."""
    rest = re.sub(r"[（(][^（()）]*[）)]", "", compact(text))
    for label in sorted(labels, key=len, reverse=True):
        rest = rest.replace(compact(label), "")
    return len(rest) <= _FURNITURE_CHARS and not re.search(r"\d|[。！？；]", rest)


def _no_table(first: str) -> Message:
    return msg("annual_import.text_no_table", "the text after the heading has no table of the form (its first "
                                              "words “{expected}” are not there)", expected=first)


def _no_figures(row: str) -> Message:
    return msg("annual_import.text_no_figures", "no figures follow the row “{row}”", row=row)


def _not_header(row: str, labels: tuple[str, ...], text: str) -> Message:
    return msg("annual_import.text_header", "the text before “{row}” is not the form's header ({columns}): "
                                            "“{found}”", row=row, columns="、".join(labels) or "—",
               found=_excerpt(text))


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 30 else text[:30] + "…"
