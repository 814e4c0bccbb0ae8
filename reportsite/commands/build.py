"""`python build.py build`: render the site into output/."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import BuildFailed, Problem
from ..pipeline import BuildOptions, Held, build, output_folder
from .common import (config_argument, console, print_failure, print_problems, unchanged_folder,
                     progress_for)



def add_arguments(command: argparse.ArgumentParser) -> None:
    config_argument(command)
    command.add_argument("--out", type=str, default=None, help="output folder (default: output/ beside the config)")
    command.add_argument("--no-pdf", action="store_true", help="skip rendering PDFs")
    command.add_argument("--no-search", action="store_true", help="skip building the search index")
    command.add_argument("--quiet", action="store_true", help="print only warnings and errors")
    command.add_argument("--clean", action="store_true", help="render everything again, ignoring what is unchanged")
    command.add_argument("--executor", choices=("local", "dask"), default="local",
                         help="where PDFs render: local worker processes (default) or a Dask cluster")
    command.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="the Dask scheduler, with --executor dask")
    command.add_argument("--drafts", action="store_true", help="publish reports marked `draft: true` too")
    command.add_argument("--future", action="store_true",
                         help="publish reports whose 发布日期 (published) is still to come too")


def run(args: argparse.Namespace) -> int:
    if (args.executor == "dask") != bool(args.scheduler):
        print_failure([Problem("build", None, "--executor dask and --scheduler tcp://HOST:PORT go together")])
        return 1
    options = BuildOptions(args.config, Path(args.out) if args.out else None, pdf=not args.no_pdf,
                           search=not args.no_search, clean=args.clean, scheduler=args.scheduler,
                           drafts=args.drafts, future=args.future, progress=progress_for(args.quiet))
    try:
        result = build(options)
    except BuildFailed as failed:
        print_failure(failed.problems, unchanged_folder(output_folder(options)))
        return 1
    print_problems(result.warnings)
    if not args.quiet:  # notes are advice, not warnings: --quiet prints only warnings and errors
        for note in (*result.notes, *held_back_notes(result.held)):
            console(stderr=False).print(f"note: {note}", markup=False)
        pdfs = f"{result.pdfs.rendered} PDFs rendered, {result.pdfs.reused} reused, " if result.pdfs else ""
        console(stderr=False).print(
            f"built {result.pages} pages ({result.rendered} rendered) into {result.out_dir} "
            f"({pdfs}{len(result.warnings)} warning(s), {result.seconds:.2f} s)", markup=False)
    return 0


def held_back_notes(held: tuple[Held, ...]) -> list[str]:
    """What the build did not publish, and why, so an editor is never surprised by a missing report."""
    drafts = [h for h in held if h.why == "draft"]
    scheduled = sorted((h for h in held if h.why == "scheduled"), key=lambda h: h.published)
    notes = []
    if drafts:
        notes.append(f"{len(drafts)} draft report(s) not published ({', '.join(h.source_name for h in drafts)}); "
                     "remove `draft: true` to publish, or build with --drafts to include them")
    if scheduled:
        first = scheduled[0]
        notes.append(f"{len(scheduled)} report(s) scheduled for later not published; the next, {first.source_name}, "
                     f"appears with the first build after {first.published:%Y-%m-%d %H:%M} (Beijing time); "
                     "--future includes them now")
    return notes
