"""`python build.py import FILE|FOLDER… --to content/`: pages saved from an old CMS → report files.

Each page becomes content/<year>/<slug>.md; the command prints every path it wrote, one
per line on stdout, so a script can `git add` them. A folder is walked for saved pages,
which are converted in parallel and written here, in the order of their names. A page
that content/ already holds (the same 索引号, or the same title and date) is skipped,
naming the file: `--update` rewrites that file, `--force` writes a copy beside it. A page
that cannot be imported is reported as `FILE: message` while the others go on; a run of
several files ends with a table of what became of each (`--report` writes it as CSV),
and `--dry-run` does all of it but write content/.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reportsite.config.load import read_config
from reportsite.config.model import SiteConfig
from reportsite.core.i18n import msg
from reportsite.core.problems import Problem, Problems, Severity
from reportsite.runtime.executors import in_order, local_processes
from reportsite.runtime.progress import Progress, Silent
from reportsite.tools.importer import ImportOptions
from reportsite.tools.importer.batch import FORCE, SKIP, UPDATE, Decision, Imported, Job, decide, import_page, \
    skipped_message
from reportsite.tools.importer.chrome import load_furniture
from reportsite.tools.importer.known import KnownReports
from reportsite.tools.importer.publishers import PagePublisher, config_lines
from reportsite.tools.importer.sources import gather
from reportsite.tools.importer.summary import (DUPLICATE, FAILED, IMPORTED, UPDATED, Row, attention, cells, counts,
                                               header, totals_message, write_csv)
from reportsite.commands.common import (BarProgress, Render, console, create_report_file, in_language, print_problems,
                                        year_argument)

if TYPE_CHECKING:
    from rich.console import Console

#: Fewer pages than this are converted in this process: forking workers costs more than it saves.
_PARALLEL_FROM = 8


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("files", nargs="+", type=Path, metavar="FILE", help=msg(
        "import.help_files_and_folders", "saved pages (.html, .htm, .shtml or .txt), or folders of them"))
    command.add_argument("--to", type=Path, required=True, metavar="CONTENT_DIR", help=msg(
        "import.help_to", "the content folder to write into (reports go in CONTENT_DIR/<year>/)"))
    command.add_argument("--publisher", default="", metavar="NAME",
                         help=msg("import.help_publisher", "发布机构 to use when a page names none"))
    command.add_argument("--year", type=in_language(command, year_argument), default=None, metavar="YYYY", help=msg(
        "import.help_year", "report year (报告年度) for every page, instead of the year its title names"))
    command.add_argument("--title", default="", metavar="TEXT", help=msg(
        "import.help_title", "title to use when a page has none (only with a single FILE)"))
    command.add_argument("--config", type=Path, default=None, help=msg(
        "import.help_config", "the site's config file, whose publishers pages are matched to "
                              "(default: config.yaml beside CONTENT_DIR, if there is one)"))
    again = command.add_mutually_exclusive_group()
    again.add_argument("--update", action="store_const", const=UPDATE, dest="again", default=SKIP, help=msg(
        "import.help_update", "rewrite the report a page was imported as before, instead of skipping the page"))
    again.add_argument("--force", action="store_const", const=FORCE, dest="again", help=msg(
        "import.help_force", "import a page again as a second copy, even when content/ holds it already"))
    command.add_argument("--dry-run", action="store_true", help=msg(
        "import.help_dry_run", "write nothing into CONTENT_DIR, but show (and --report) what would be done"))
    command.add_argument("--report", type=Path, default=None, metavar="FILE.csv", help=msg(
        "import.help_report", "also write the table of what became of each file as CSV (for Excel), "
                              "even with --dry-run"))


def run(args: argparse.Namespace) -> int:
    """Import every page; exit 1 if any could not be imported (the others are still written)."""
    config, refused = _site_config(args)
    if refused:
        print_problems(refused, args.tr)
        return 1
    sources = gather(args.files, args.to)
    pages = [item for item in sources.items if isinstance(item, Path)]
    if args.title and len(pages) > 1:
        print_problems([Problem("import", None, msg("import.title_with_several_files",
                                                    "--title applies to one FILE; import that page on its own"))],
                       args.tr)
        return 1
    try:
        furniture = load_furniture()  # once for the run: a broken list stops it before any page
    except Problems as broken:
        print_problems(broken.problems, args.tr)
        return 1
    options = ImportOptions(publisher=args.publisher.strip(), year=args.year, title=args.title.strip())
    publishers = config.publishers if config else None
    session = _Session(args, KnownReports.read(args.to))
    progress = _progress(len(pages), args.tr)
    try:
        converted = _convert_all([Job(path, options, publishers, furniture) for path in pages])
        for item in sources.items:
            if isinstance(item, Path):
                session.handle(next(converted))
                progress.advance()
            else:
                session.cannot_read(item)
    finally:
        progress.finish()
    return session.finish(config, len(sources.items), sources.left_alone)


def _site_config(args: argparse.Namespace) -> tuple[SiteConfig | None, list[Problem]]:
    """The site's config, to match publishers with: --config, else config.yaml beside the content
    folder; without one the pages' names are kept as they are. A config that cannot be read at all
    stops the run, since every page would be filed under the wrong names."""
    path = args.config or args.to.resolve().parent / "config.yaml"
    if args.config is None and not path.is_file():
        return None, []
    config, problems = read_config(path)
    return config, (problems if config is None else [])


def _progress(total: int, render: Render) -> Progress:
    """A bar on a terminal; nothing in pipes and CI, where stdout carries only the paths written."""
    if total < 2 or not console(stderr=False).is_terminal:
        return Silent()
    bar = BarProgress(render)
    bar.stage(msg("import.progress", "importing pages"), total)
    return bar


def _convert_all(jobs: Sequence[Job]) -> Iterator[Imported]:
    """Each job's page, in the jobs' order, converted by worker processes when there are enough."""
    workers = min(os.cpu_count() or 1, len(jobs) // 2)
    if len(jobs) < _PARALLEL_FROM or workers < 2:
        yield from map(import_page, jobs)
        return
    _warm_up()  # once here, so the forked workers inherit the loaded dictionaries
    with local_processes(workers, _warm_up)(len(jobs)) as pool:
        yield from in_order(pool, import_page, jobs)


def _warm_up() -> None:
    """Load pypinyin's dictionaries, which every page's slug needs: half a second, paid once."""
    from reportsite.core.slugs import readable_slug

    readable_slug("预热")


class _Session:
    """What one run has done so far: the rows of its table and the reports it added (a run adds as
    it goes, so this is not frozen)."""

    def __init__(self, args: argparse.Namespace, known: KnownReports) -> None:
        self.args, self.known = args, known
        self.rows: list[Row] = []
        self.publishers: list[PagePublisher] = []
        self.planned: set[Path] = set()  # the files a dry run would have written

    def cannot_read(self, problem: Problem) -> None:
        """A path the walk could not read (a link loop, a locked folder): failed, in its place."""
        print_problems([problem], self.args.tr)
        self.rows.append(Row(problem.path, FAILED, notes=(problem,)))

    def handle(self, page: Imported) -> None:
        """Write, rewrite, skip or report one converted page, and note it for the table."""
        decision = decide(page, self.known, self.args.again)
        if page.publisher is not None:
            self.publishers.append(page.publisher)
        if decision.action == "fail":
            print_problems(page.problems, self.args.tr)
            self.rows.append(Row(page.name, FAILED, notes=page.problems))
        elif decision.action == "skip":
            self._skip(page, decision)
        else:
            self._write(page, decision)

    def _skip(self, page: Imported, decision: Decision) -> None:
        """A report content/ holds already: named, so the editor can choose --update or --force."""
        assert decision.existing is not None
        why = Problem(page.name, None, skipped_message(decision, decision.existing in self.known.added, page),
                      Severity.WARNING)
        print_problems([why], self.args.tr)
        self.rows.append(Row(page.name, DUPLICATE, existing=str(decision.existing), notes=(why,)))

    def _write(self, page: Imported, decision: Decision) -> None:
        """A new file (or, for --update, the existing one rewritten), then its path on stdout."""
        assert page.converted is not None
        print_problems(page.converted.warnings, self.args.tr)
        try:
            target = self._rewrite(decision.existing, page.converted.text) if decision.action == "rewrite" \
                else self._create(page)
        except OSError as exc:
            problem = Problem(page.name, None, msg("import.cannot_write", "cannot write into {folder}: {reason}",
                                                   folder=str(self.args.to), reason=exc.strerror or str(exc)))
            print_problems([problem], self.args.tr)
            self.rows.append(Row(page.name, FAILED, notes=(problem,)))
            return
        self.known.add(target, page.identity)
        if not self.args.dry_run:
            console(stderr=False).print(str(target), markup=False)
        result = UPDATED if decision.action == "rewrite" else IMPORTED
        self.rows.append(Row(page.name, result, written=str(target), notes=page.converted.warnings))

    def _create(self, page: Imported) -> Path:
        """A new file (never over another); on a dry run, where it would have gone."""
        assert page.converted is not None
        year, slug = page.converted.year, page.converted.slug
        if not self.args.dry_run:
            return create_report_file(self.args.to, year, slug, page.converted.text)
        target = _planned_path(self.args.to / str(year), slug, self.planned)
        self.planned.add(target)
        return target

    def _rewrite(self, existing: Path | None, text: str) -> Path:
        """Replace the report's file whole: a reader (the preview) never sees half of it."""
        assert existing is not None
        if not self.args.dry_run:
            handle, temporary = tempfile.mkstemp(dir=existing.parent, prefix=f".{existing.name}.", suffix=".tmp")
            try:
                with open(handle, "w", encoding="utf-8", newline="\n") as out:
                    out.write(text)
                os.replace(temporary, existing)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        return existing

    def finish(self, config: SiteConfig | None, items: int, left_alone: Sequence[Path]) -> int:
        """The table, the notes for the editor, the totals and the CSV; 1 if any file failed."""
        render, out = self.args.tr, _table_console()
        found = counts(self.rows)
        if items > 1 or self.args.dry_run or self.args.report:
            _print_table(out, self.rows, render)
        if left_alone:
            out.print(render(msg("import.left_alone", "{count} file(s) or folder(s) in the folders are not saved pages "
                                                      "and were left alone: {examples}", count=len(left_alone),
                                 examples=_examples(left_alone))), markup=False)
        if config is not None and (unknown := [p for p in self.publishers if not p.key]):
            _print_unknown_publishers(out, unknown, config, render)
        if items > 1 or self.args.dry_run or self.args.report:
            out.print(render(totals_message(found, self.args.dry_run)), markup=False)
        written = self._write_report()
        return 1 if found.failed or not written else 0

    def _write_report(self) -> bool:
        """--report's CSV, under --dry-run too (seeing what would happen is what a dry run is for)."""
        if self.args.report is None:
            return True
        try:
            write_csv(self.args.report, self.rows, self.args.tr)
        except OSError as exc:
            print_problems([Problem(str(self.args.report), None, msg(
                "import.cannot_write_report", "cannot write the report: {reason}",
                reason=exc.strerror or str(exc)))], self.args.tr)
            return False
        return True


def _planned_path(folder: Path, slug: str, planned: set[Path]) -> Path:
    """Where create_report_file would write, given the files a dry run has already planned."""
    n = 1
    while True:
        stem = slug if n == 1 else f"{slug}-{n}"
        n += 1
        target = folder / f"{stem}.md"
        if not (folder / stem).exists() and not target.exists() and target not in planned:
            return target


def _table_console() -> Console:
    """stderr, as wide as the table needs off a terminal, so a CI log keeps each row on its lines."""
    from rich.console import Console as Wide

    out = console()
    return out if out.is_terminal else Wide(stderr=True, highlight=False, width=400)


def _print_table(out: Console, rows: list[Row], render: Render) -> None:
    """The files that need someone's attention, each with why; clean imports are counted only."""
    from rich.table import Table

    shown = attention(rows)
    if not shown:
        return
    names = header(render)
    out.print(render(msg("import.table_title", "what the import did:")), markup=False)
    table = Table()
    for name in (names[0], names[1], names[2], names[4]):
        table.add_column(name, overflow="fold")
    for row in shown:
        source, result, written, existing, notes = cells(row, render)
        table.add_row(source, result, written or existing, notes)
    out.print(table)


def _print_unknown_publishers(out: Console, unknown: list[PagePublisher], config: SiteConfig,
                              render: Render) -> None:
    """The config.yaml lines that would file these publishers' reports under a key."""
    entries = config_lines(unknown, [p.key for p in config.publishers])
    shown = str(config.root / "config.yaml")
    out.print(render(msg("import.unknown_publishers", "{count} publisher(s) are not in {config}, so the reports "
                                                      "name them as their pages do; to file them under a key, add "
                                                      "these lines under `publishers:` there and import again with "
                                                      "--update:", count=len(entries), config=shown)), markup=False)
    out.print("\n".join(entries), markup=False)


def _examples(paths: Sequence[Path], most: int = 3) -> str:
    """A few of the paths, then how many more."""
    shown = ", ".join(str(path) for path in paths[:most])
    return shown if len(paths) <= most else f"{shown}, … (+{len(paths) - most})"
