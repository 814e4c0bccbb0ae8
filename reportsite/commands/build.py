"""`python build.py build`: render the site into output/."""

from __future__ import annotations

import argparse
from pathlib import Path

from reportsite.core.problems import Problems, Problem
from reportsite.core.i18n import Message, msg
from reportsite.pipeline import BuildOptions, BuildResult, Held, build, output_folder
from reportsite.render.views import minute_text
from reportsite.commands.common import (config_argument, console, print_failure, print_problems, unchanged_folder,
                     progress_for)


def add_arguments(command: argparse.ArgumentParser) -> None:
    config_argument(command)
    command.add_argument("--out", type=str, default=None,
                         help=msg("build.option_out", "output folder (default: output/ beside the config)"))
    command.add_argument("--no-pdf", action="store_true", help=msg("build.option_no_pdf", "skip rendering PDFs"))
    command.add_argument("--no-search", action="store_true",
                         help=msg("build.option_no_search", "skip building the search index"))
    command.add_argument("--quiet", action="store_true",
                         help=msg("build.option_quiet", "print only warnings and errors"))
    command.add_argument("--clean", action="store_true",
                         help=msg("build.option_clean", "render everything again, ignoring what is unchanged"))
    command.add_argument("--executor", choices=("local", "dask"), default="local",
                         help=msg("build.option_executor",
                                  "where PDFs render: local worker processes (default) or a Dask cluster"))
    command.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                         help=msg("build.option_scheduler", "the Dask scheduler, with --executor dask"))
    command.add_argument("--drafts", action="store_true",
                         help=msg("build.option_drafts", "publish reports marked `draft: true` too"))
    command.add_argument("--future", action="store_true",
                         help=msg("build.option_future", "publish reports whose 发布日期 (published) is still to come too"))
    command.add_argument("--strict", action="store_true",
                         help=msg("build.option_strict", "stop when a 年报 table does not add up, as "
                                                         "`annual_report.strict: true` in config.yaml does"))


def run(args: argparse.Namespace) -> int:
    if (args.executor == "dask") != bool(args.scheduler):
        print_failure([Problem("build", None, msg("build.scheduler_with_dask",
                                                  "--executor dask and --scheduler tcp://HOST:PORT go together"))],
                      render=args.tr)
        return 1
    options = BuildOptions(args.config, Path(args.out) if args.out else None, pdf=not args.no_pdf,
                           search=not args.no_search, clean=args.clean, scheduler=args.scheduler,
                           drafts=args.drafts, future=args.future, strict=args.strict,
                           progress=progress_for(args.quiet, args.tr))
    try:
        result = build(options)
    except Problems as failed:
        print_failure(failed.problems, unchanged_folder(output_folder(options)), args.tr)
        return 1
    print_problems(result.warnings, args.tr)
    if not args.quiet:  # notes are advice, not warnings: --quiet prints only warnings and errors
        out = console(stderr=False)
        for note in (*result.notes, *held_back_notes(result.held)):
            out.print(args.tr(msg("build.note", "note: {note}", note=note)), markup=False)
        out.print(args.tr(summary(result)), markup=False)
    return 0


def summary(result: BuildResult) -> Message:
    """The build's last line: what it made, where, and how long it took."""
    pdfs = msg("build.summary_pdfs", "{rendered} PDFs rendered, {reused} reused, ", rendered=result.pdfs.rendered,
               reused=result.pdfs.reused) if result.pdfs else ""
    return msg("build.summary", "built {pages} pages ({rendered} rendered) into {folder} ({pdfs}{warnings} warning(s), "
               "{seconds} s)", pages=result.pages, rendered=result.rendered, folder=str(result.out_dir), pdfs=pdfs,
               warnings=len(result.warnings), seconds=format(result.seconds, ".2f"))


def held_back_notes(held: tuple[Held, ...]) -> list[Message]:
    """What the build did not publish, and why, so an editor is never surprised by a missing report."""
    drafts = [h for h in held if h.why == "draft"]
    scheduled = sorted((h for h in held if h.why == "scheduled"), key=lambda h: h.published)
    notes = []
    if drafts:
        notes.append(msg("build.drafts_held", "{count} draft report(s) not published ({files}); remove `draft: true` "
                         "to publish, or build with --drafts to include them", count=len(drafts),
                         files=", ".join(h.source_name for h in drafts)))
    if scheduled:
        first = scheduled[0]
        notes.append(msg("build.scheduled_held", "{count} report(s) scheduled for later not published; the next, "
                         "{file}, appears with the first build after {when} (Beijing time); --future includes them "
                         "now", count=len(scheduled), file=first.source_name,
                         when=minute_text(first.published)))
    return notes
