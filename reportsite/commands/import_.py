"""`python build.py import FILE... --to content/`: pages saved from an old CMS → report files.

Each input becomes content/<year>/<slug>.md; the command prints every path it
wrote, one per line, so a script can `git add` them. It never overwrites a file
(a second import of the same page is written beside it as <slug>-2.md), and a
page it cannot import is reported as `FILE: message` while the others go on.
"""

from __future__ import annotations

import argparse
import errno
import os
import stat
from pathlib import Path

from reportsite.core.problems import Problem, Problems
from reportsite.core.i18n import Message, msg
from reportsite.tools.importer import ImportOptions, convert
from reportsite.commands.common import (Render, console, create_report_file, in_language, print_internal_error, print_problems,
                     year_argument)

_DEVICE = msg("import.kind_device", "a device")
#: What a path that is not a regular file is, in the words of the message (stat test → name).
_NOT_FILES = ((stat.S_ISDIR, msg("import.kind_folder", "a folder")),
              (stat.S_ISFIFO, msg("import.kind_named_pipe", "a named pipe")),
              (stat.S_ISCHR, _DEVICE), (stat.S_ISBLK, _DEVICE), (stat.S_ISSOCK, msg("import.kind_socket", "a socket")))


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("files", nargs="+", type=Path, metavar="FILE",
                         help=msg("import.help_files", "saved pages (.txt or .html)"))
    command.add_argument("--to", type=Path, required=True, metavar="CONTENT_DIR", help=msg(
        "import.help_to", "the content folder to write into (reports go in CONTENT_DIR/<year>/)"))
    command.add_argument("--publisher", default="", metavar="NAME",
                         help=msg("import.help_publisher", "发布机构 to use when a page names none"))
    command.add_argument("--year", type=in_language(command, year_argument), default=None, metavar="YYYY", help=msg(
        "import.help_year", "report year (报告年度) for every page, instead of the year its title names"))
    command.add_argument("--title", default="", metavar="TEXT", help=msg(
        "import.help_title", "title to use when a page has none (only with a single FILE)"))


def run(args: argparse.Namespace) -> int:
    """Import every FILE; exit 1 if any could not be imported (the others are still written)."""
    if args.title and len(args.files) > 1:
        print_problems([Problem("import", None, msg("import.title_with_several_files",
                                                    "--title applies to one FILE; import that page on its own"))],
                       args.tr)
        return 1
    options = ImportOptions(publisher=args.publisher.strip(), year=args.year, title=args.title.strip())
    failed = False
    for path in args.files:
        try:
            failed |= not _import_one(path, args.to, options, args.tr)
        except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
            if os.environ.get("REPORTSITE_DEBUG"):
                raise
            print_internal_error(exc, args.tr)
            failed = True
    return 1 if failed else 0


def _import_one(path: Path, content_dir: Path, options: ImportOptions, render: Render) -> bool:
    """Import one page and print where it went; False (with the problem printed) if it could not be.
    The problems and review notes are in the editor's language (`render`)."""
    name = str(path)
    try:
        converted = convert(name, read_page(path), options)
    except Problems as failure:
        print_problems(failure.problems, render)
        return False
    print_problems(converted.warnings, render)
    try:
        written = create_report_file(content_dir, converted.year, converted.slug, converted.text)
    except OSError as exc:
        print_problems([Problem(name, None, msg("import.cannot_write", "cannot write into {folder}: {reason}",
                                                folder=str(content_dir), reason=exc.strerror or str(exc)))], render)
        return False
    console(stderr=False).print(str(written), markup=False)
    return True


def read_page(path: Path) -> bytes:
    """The saved page's bytes, or Problems saying why not. It is opened without blocking and
    checked before reading: a named pipe would wait forever for a writer, /dev/zero never ends."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise Problems([_unreadable(str(path), exc)]) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((kind for test, kind in _NOT_FILES if test(mode)),
                        msg("import.kind_other", "something other than a file"))
            raise Problems([Problem(str(path), None, msg(
                "import.not_a_file", "cannot import {kind}: give the path of a page saved from the old site "
                                     "(an .html or .txt file)", kind=kind))])
        os.set_blocking(fd, True)
        with open(fd, "rb", closefd=False) as handle:
            return handle.read()
    except OSError as exc:
        raise Problems([_unreadable(str(path), exc)]) from None
    finally:
        os.close(fd)


def _unreadable(name: str, exc: OSError) -> Problem:
    """Why a page could not be read, with what to do about the common causes."""
    hint: Message | str
    if exc.errno in (errno.EACCES, errno.EPERM):
        hint = msg("import.permission_denied",
                   "permission denied; make it readable (chmod u+r {name}) or import a copy you can read", name=name)
    elif exc.errno == errno.ENOENT:
        hint = msg("import.no_such_file", "no such file; check the path")
    else:
        hint = str(exc.strerror or exc)  # the system's own words for a rarer cause
    return Problem(name, None, msg("import.unreadable", "cannot read the file: {reason}", reason=hint))


