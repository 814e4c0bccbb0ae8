"""A 政府信息公开工作年度报告's tables 2–4 brought over as `annual_report:` data, or left as they were.

The build draws a 年报's tables from its data, after the body's headings 二、, 三、 and 四、, so the
data is written only when all three tables read as one national form (2021 or 2019): then the
published tables leave the body and the headings stay. A table that is not the form, or a form the
other tables do not follow, keeps every table as the page had it (data with a table missing
would draw an empty one), and the editor is told in one line which row or column differed.
Published numbers are taken as published, whether or not they add up.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportsite.core.annualform import FORMS, TEMPLATES, Form, Table, annual_template
from reportsite.core.annualyaml import annual_yaml
from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem
from reportsite.tools.importer.annual_html import read_html_table
from reportsite.tools.importer.annual_reading import Mismatch, Reading
from reportsite.tools.importer.annual_split import split_text_table
from reportsite.tools.importer.annual_text import find_text_table
from reportsite.tools.importer.annual_words import compact
from reportsite.tools.importer.page import Block, listed, review_note

#: Where each table sits in the body: (first block after its heading, block of the next section).
Spans = dict[str, tuple[int, int]]


@dataclass(frozen=True)
class AnnualImport:
    """The body with the tables that became data taken out, the `annual_report:` block for the
    front matter ("" when the tables stay), and notes for the editor."""

    blocks: tuple[Block, ...]
    data: str
    warnings: tuple[Problem, ...]


@dataclass(frozen=True)
class _Found:
    """One table read under one form, and which block of the body held it."""

    result: Reading | Mismatch
    block: int | None = None


def import_tables(name: str, blocks: tuple[Block, ...], year: int) -> AnnualImport:
    """The 年报's tables as data when they all read as one form, else the body as it was and why."""
    spans = _sections(blocks)
    order = sorted(TEMPLATES, key=lambda t: t != annual_template(year))  # the year's own form first
    found = {template: {table.key: _read(blocks, spans, FORMS[template], table) for table in FORMS[template].tables}
             for template in order}
    complete = [t for t in order if all(isinstance(f.result, Reading) for f in found[t].values())]
    if not complete:
        reason = listed(_reasons(found, order))
        return AnnualImport(blocks, "", (review_note(name, msg(
            "annual_import.kept_tables", "the statistics tables stay as the page had them, not as `annual_report:` "
                                         "data: {reasons}", reasons=reason)),))
    readings = {key: (f.result, f.block) for key, f in found[complete[0]].items() if isinstance(f.result, Reading)}
    numbers = {(key, path): values for key, (reading, _) in readings.items() for path, values in reading.rows}
    notes = tuple(review_note(name, note) for reading, _ in readings.values() for note in reading.notes)
    return AnnualImport(_without_tables(blocks, readings), annual_yaml(complete[0], numbers), notes)


def _sections(blocks: tuple[Block, ...]) -> Spans:
    """The numeral of each 一、-level heading → the blocks of its section, the first of each kept."""
    heads = [(i, compact(b.text)) for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 2]
    spans: Spans = {}
    for (index, text), following in zip(heads, [h[0] for h in heads[1:]] + [len(blocks)]):
        numeral = text.split("、", 1)[0] if "、" in text else ""
        spans.setdefault(numeral, (index + 1, following))
    return spans


def _read(blocks: tuple[Block, ...], spans: Spans, form: Form, table: Table) -> _Found:
    """A table from its section: the one HTML table there, else the paragraph holding its text."""
    if table.section not in spans:
        return _Found(Mismatch(table.key, form.template, msg(
            "annual_import.no_heading", "the body has no heading “{section}、…” for it to follow",
            section=table.section)))
    start, end = spans[table.section]
    grids = [i for i in range(start, end) if blocks[i].grid is not None]
    if len(grids) > 1:
        return _Found(Mismatch(table.key, form.template, msg(
            "annual_import.several_tables", "{count} tables follow the heading “{section}、”, where the form has one",
            count=len(grids), section=table.section)))
    if grids:
        grid = blocks[grids[0]].grid
        assert grid is not None
        return _Found(read_html_table(grid, form, table.key), grids[0])
    best: Mismatch = Mismatch(table.key, form.template, msg(
        "annual_import.no_table", "no table follows the heading “{section}、”", section=table.section), -1)
    for index in range(start, end):
        if blocks[index].kind != "paragraph":
            continue
        result = _read_text(blocks[index].text, form, table)
        if isinstance(result, Reading):
            return _Found(result, index)
        best = max(best, result, key=lambda m: m.progress)
    return _Found(best)


def _read_text(text: str, form: Form, table: Table) -> Reading | Mismatch:
    """A table flattened into a paragraph, with the paragraph's prose around it kept."""
    found = find_text_table(text, table, form.template)
    if isinstance(found, Mismatch):
        return found
    result = split_text_table(form, table.key, found)
    if isinstance(result, Mismatch):
        return result
    kept = tuple(part for part in (text[:found.start].strip(), text[found.end:].strip()) if part)
    return replace(result, kept=kept)


def _reasons(found: dict[str, dict[str, _Found]], order: list[str]) -> list[Message]:
    """Why no form fits: each table that is no form, with the difference from the form it came
    nearest; or, when each table is some form, which form each follows."""
    keys = [table.key for table in FORMS[order[0]].tables]
    reasons = []
    for key in keys:
        results = [found[t][key].result for t in order]
        if not any(isinstance(r, Reading) for r in results):
            nearest = max((r for r in results if isinstance(r, Mismatch)), key=lambda m: m.progress)
            reasons.append(msg("annual_import.table_reason", "{table} ({caption}): {reason}", table=key,
                               caption=FORMS[order[0]].table(key).caption, reason=nearest.reason))
    if reasons:
        return reasons
    follows = [f"{key} {t}" for key in keys
               if len(forms := [t for t in order if isinstance(found[t][key].result, Reading)]) == 1 for t in forms]
    return [msg("annual_import.mixed", "the tables follow different national forms ({forms}), and the data holds "
                                       "one", forms="、".join(follows))]


def _without_tables(blocks: tuple[Block, ...], readings: dict[str, tuple[Reading, int | None]]) -> tuple[Block, ...]:
    """The body without the tables that became data: an HTML table goes; a paragraph of table text
    keeps only the prose it had around the table."""
    replaced = {block: reading.kept for reading, block in readings.values()}
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        if index not in replaced:
            kept.append(block)
        elif block.kind == "paragraph":
            kept += [Block("paragraph", text) for text in replaced[index]]
    return tuple(kept)
