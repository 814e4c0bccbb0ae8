"""Finding the report files under content/, and where each sits: content/<year>/<slug>.md or
content/<year>/<slug>/index.md.

Anything that should hold a report but cannot be read (a locked folder, a broken or looping
link, a folder or pipe named like a report) is an error, never a silent skip: skipping would
publish a site with reports quietly missing. A file that only looks like a report is a warning.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from reportsite.content.schema import YEARS
from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem, Severity, display_path

#: In content/, says the folder is empty on purpose: a site `python build.py init` started, with no
#: report yet, builds (its home page says how to add one) instead of being refused as a mistake.
NEW_SITE_MARKER = ".gitkeep"
_REPORT_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class Location:
    """Where a report file sits: its folder's year, its slug, and its own folder if it has one."""

    year: int
    slug: str
    folder: Path | None


def find_report_files(content_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Every report file, in a stable order, and every problem with what should hold one."""
    found: list[Path] = []
    problems: list[Problem] = []
    for year in _listing(content_dir, content_dir, problems):
        if not year.is_dir():
            continue
        for entry in _listing(year, content_dir, problems):
            if entry.is_dir() and (os.path.lexists(entry / "index.md") or not _readable_dir(entry)):
                _add_report_file(entry / "index.md", content_dir, found, problems)
            elif entry.name.endswith(".md"):
                _add_report_file(entry, content_dir, found, problems)
            elif stray := _stray(entry):
                problems.append(Problem(display_path(entry, content_dir.parent), None, stray, Severity.WARNING))
    return sorted(found), problems


def location(path: Path, content_dir: Path) -> Location | None:
    """Where a found report file sits, or None if it is not in a four-digit year folder."""
    rel = path.relative_to(content_dir).parts
    folder = path.parent if len(rel) == 3 else None
    slug = rel[1] if folder else Path(rel[1]).stem
    if not re.fullmatch(r"\d{4}", rel[0]) or int(rel[0]) not in YEARS:
        return None
    return Location(int(rel[0]), slug, folder)


def _stray(path: Path) -> Message | None:
    """Why a file that looks like a report is never read, because of its name; a build would skip it."""
    if path.suffix.lower() in _REPORT_SUFFIXES and path.is_file():
        return msg("content.stray_file", "this file is not read as a report: rename it to {name} (lower-case .md)",
                   name=path.stem + ".md")
    if path.is_dir() and any(p.suffix.lower() in _REPORT_SUFFIXES for p in path.iterdir()):
        return msg("content.stray_folder", "this folder has no index.md, so it is not published: "
                                           "rename its report file to index.md")
    return None


def _listing(folder: Path, content_dir: Path, problems: list[Problem]) -> list[Path]:
    """A folder's entries, or none with a problem when the folder cannot be listed."""
    try:
        return sorted(folder.iterdir())
    except OSError as exc:
        problems.append(Problem(display_path(folder, content_dir.parent), None,
                                msg("content.folder_unreadable", "cannot open this folder ({reason}), so its reports "
                                    "would be left out; make it readable (chmod -R a+rX) and build again",
                                    reason=exc.strerror)))
        return []


def _readable_dir(folder: Path) -> bool:
    try:
        next(iter(folder.iterdir()), None)
        return True
    except OSError:
        return False


def _add_report_file(path: Path, content_dir: Path, found: list[Path], problems: list[Problem]) -> None:
    """Keep ``path`` if it is a readable regular file; otherwise say what it is and what to do."""
    if problem := _not_a_report_file(path):
        problems.append(Problem(display_path(path, content_dir.parent), None, problem))
    else:
        found.append(path)


def _not_a_report_file(path: Path) -> Message | None:
    """What is wrong with a path named like a report file; its type is checked before it is opened,
    since opening a pipe would wait forever."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            return msg("content.report_file_is_folder", "this is a folder named like a report file; a report folder "
                                                        "is content/<year>/<slug>/ with an index.md inside: rename it")
        if not stat.S_ISREG(mode):
            return msg("content.report_not_regular_file", "this is not a regular file (a pipe or device); "
                                                          "replace it with the report's Markdown file")
        with path.open("rb"):
            return None
    except FileNotFoundError:
        return msg("content.broken_link", "this is a link to a file that does not exist; "
                                          "replace it with the report file or delete it")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return msg("content.link_loop", "this link points back to itself; replace it with the report file")
        return msg("content.report_file_unreadable", "cannot read this file ({reason}); make it and its folder "
                                                     "readable (chmod -R a+rX content) and build again",
                   reason=exc.strerror)
