"""The account of an `import` run: one row per file, the counts, and the same rows as a CSV file.

A migration of hundreds of pages is checked by someone who did not watch it run: what came
over, what was there already, what failed and why, and what an editor must look at. The
CSV is for them; it is UTF-8 with a byte-order mark, without which Excel, which most
offices open it in, shows the Chinese as mojibake.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem

Render = Callable[[Message | str], str]

#: Each outcome of a file, in the order the table lists them.
FAILED, REVIEW, DUPLICATE, UPDATED, IMPORTED = "failed", "review", "duplicate", "updated", "imported"
RESULTS = {
    FAILED: msg("import.result_failed", "failed"),
    REVIEW: msg("import.result_review", "imported, to review"),
    DUPLICATE: msg("import.result_duplicate", "skipped: already imported"),
    UPDATED: msg("import.result_updated", "updated"),
    IMPORTED: msg("import.result_imported", "imported"),
}
_HEADER = (msg("import.column_file", "file"), msg("import.column_result", "result"),
           msg("import.column_written", "written to"), msg("import.column_existing", "existing report"),
           msg("import.column_notes", "why, or what to check"))


@dataclass(frozen=True)
class Row:
    """What became of one file. `notes` are why it failed or was skipped, or the review notes;
    `review` says whether an imported file had notes to check."""

    source: str
    result: str
    written: str = ""
    existing: str = ""
    notes: tuple[Problem, ...] = ()

    @property
    def review(self) -> bool:
        return self.result in (IMPORTED, UPDATED) and bool(self.notes)

    def shown_result(self) -> str:
        """The result as the table and the CSV name it: an import with notes is one to review."""
        return REVIEW if self.review else self.result

    def note_lines(self, render: Render) -> list[str]:
        """Each note as stderr showed it, less the file name the row already gives and the
        "warning:" its result already says: `12: could not tell …`."""
        return [f"{note.line}: {render(note.message)}" if note.line else render(note.message) for note in self.notes]


@dataclass(frozen=True)
class Counts:
    """How many files had each outcome; `review` counts imports (new or updated) with notes."""

    imported: int
    updated: int
    duplicates: int
    failed: int
    review: int

    @property
    def files(self) -> int:
        return self.imported + self.updated + self.duplicates + self.failed


def counts(rows: Iterable[Row]) -> Counts:
    rows = list(rows)
    by = Counter(row.result for row in rows)
    return Counts(by[IMPORTED], by[UPDATED], by[DUPLICATE], by[FAILED], sum(row.review for row in rows))


def totals_message(found: Counts, dry_run: bool) -> Message:
    """The run's last line: what it did with how many files (or would have, on a dry run)."""
    values = dict(files=found.files, imported=found.imported, updated=found.updated, duplicates=found.duplicates,
                  failed=found.failed, review=found.review)
    if dry_run:
        return msg("import.totals_dry_run", "dry run, nothing written: of {files} file(s), {imported} would be "
                                            "imported and {updated} updated ({review} to review), {duplicates} "
                                            "skipped as already imported, {failed} failed", **values)
    return msg("import.totals", "{files} file(s): {imported} imported and {updated} updated ({review} to review), "
                                "{duplicates} skipped as already imported, {failed} failed", **values)


def attention(rows: Iterable[Row]) -> list[Row]:
    """The rows the table shows: every file that failed, was skipped or must be reviewed, those
    first, in that order; clean imports are counted only (their paths went to stdout)."""
    order = (FAILED, DUPLICATE, REVIEW)
    wanted = [row for row in rows if row.shown_result() in order]
    return sorted(wanted, key=lambda row: order.index(row.shown_result()))


def cells(row: Row, render: Render) -> tuple[str, str, str, str, str]:
    """One row's cells, in the language of the run, as the table and the CSV both show them."""
    return (row.source, render(RESULTS[row.shown_result()]), row.written, row.existing,
            "\n".join(row.note_lines(render)))


def header(render: Render) -> tuple[str, ...]:
    return tuple(render(title) for title in _HEADER)


def write_csv(path: Path, rows: Iterable[Row], render: Render) -> None:
    """Every file of the run, one row each, in the order they were read; OSError when it cannot
    be written (the caller says so)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header(render))
        writer.writerows(cells(row, render) for row in rows)
