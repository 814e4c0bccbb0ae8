"""Which files an `import FILE… ` run reads: the files given, and the saved pages in the folders given.

A migration starts from a folder: a whole saved site, or years of pages an office kept.
Such a folder also holds what a browser saved beside each page (`page_files/` with its
images and scripts), style sheets, crawler logs, and sometimes scans or PDFs of reports.
Pages are imported; the files that may well be a report in another form (an image, a
PDF, a Word file, an archive) are tried too, so the editor is told what to do with each;
the rest of a website is left alone and only counted, since a line for every .css would
bury the lines that matter. A link that leads back into the folder is reported, never
followed round, and the order is the sorted order of the names, so two runs read alike.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reportsite.core.i18n import msg
from reportsite.core.problems import Problem

#: Saved pages: what the import converts.
PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".txt")
#: Files that may be a report in a form the import cannot read: each is tried, and told about.
_MAYBE_REPORTS = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".pdf", ".ofd", ".doc",
                  ".docx", ".wps", ".xls", ".xlsx", ".et", ".zip", ".rar", ".7z")
#: What browsers name the folder of a page's images and scripts ("Save as: Webpage, complete").
_ASSET_FOLDER_ENDINGS = ("_files", ".files", "_archivos", "-Dateien")


@dataclass(frozen=True)
class Sources:
    """The files to read, in order, with a problem in its place for each path that cannot be
    walked (a link loop, a folder that cannot be opened); and what the folders hold that is not
    a page. One list keeps the run's lines in the order of the files."""

    items: tuple[Path | Problem, ...]
    left_alone: tuple[Path, ...]


def gather(paths: list[Path], content_dir: Path | None = None) -> Sources:
    """The files to import from the command line's paths: a file as it is (even with another
    suffix: it was asked for), a folder walked for pages. A file reached twice is read once, and
    the content folder being written is never walked (`import . --to content`)."""
    walk = _Walk()
    if content_dir is not None and content_dir.is_dir():
        info = content_dir.stat()
        walk.seen_folders.add((info.st_dev, info.st_ino))
    for path in paths:
        if not path.is_dir():
            walk.file(path)
            continue
        before = (walk.reached, len(walk.items))
        if walk.folder(path, ()) and (walk.reached, len(walk.items)) == before:
            walk.items.append(Problem(str(path), None, msg(
                "import.folder_without_pages", "this folder holds no saved pages (.html, .htm, .shtml or .txt "
                                               "files); check that it is the right folder")))
    return Sources(tuple(walk.items), tuple(walk.left_alone))


class _Walk:
    """What one gather has found so far (a walk appends as it goes, so it is not frozen)."""

    def __init__(self) -> None:
        self.items: list[Path | Problem] = []
        self.left_alone: list[Path] = []
        self.seen_files: set[str] = set()
        self.reached = 0  # files reached, read before or not: a folder of pages given twice still has pages
        self.seen_folders: set[tuple[int, int]] = set()

    def file(self, path: Path) -> None:
        """Read it once, however many paths lead to it; one that cannot be resolved is read as
        given, so the reading names what is wrong with it."""
        try:
            real = str(path.resolve(strict=True))
        except (OSError, RuntimeError):
            real = str(path)
        self.reached += 1
        if real not in self.seen_files:
            self.seen_files.add(real)
            self.items.append(path)

    def folder(self, folder: Path, above: tuple[tuple[int, int], ...]) -> bool:
        """Every page below `folder`, in name order; `above` are the folders being walked that
        hold it, so a link back to one of them is a loop, not a way down. False when the folder
        was read already, or cannot be."""
        try:
            info = folder.stat()
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as exc:
            self.items.append(Problem(str(folder), None, msg(
                "import.folder_unreadable", "cannot open this folder ({reason}); make it readable "
                                            "(chmod -R a+rX) and import again", reason=exc.strerror or str(exc))))
            return False
        here = (info.st_dev, info.st_ino)
        if here in self.seen_folders:
            return False  # a second way into a folder already read: its pages are read once
        self.seen_folders.add(here)
        names = {entry.name for entry in entries}
        for entry in entries:
            self._entry(Path(folder, entry.name), names, (*above, here))
        return True

    def _entry(self, path: Path, siblings: set[str], above: tuple[tuple[int, int], ...]) -> None:
        """One name in a folder: a folder to walk, a file to read, or something left alone."""
        if path.name.startswith("."):
            return  # .DS_Store, .git: never part of a saved site
        try:
            info = path.stat()
        except OSError:
            self.file(path)  # a broken link or a link loop: the reading says which, in one line
            return
        if os.path.isdir(path):
            if (info.st_dev, info.st_ino) in above:
                self.items.append(Problem(str(path), None, msg(
                    "import.folder_link_loop", "this link leads back to {folder}, a folder being imported, so "
                                               "it was not followed; remove the link", folder=str(path.resolve()))))
            elif _is_asset_folder(path.name, siblings):
                self.left_alone.append(path)
            else:
                self.folder(path, above)
        elif path.suffix.lower() in PAGE_SUFFIXES + _MAYBE_REPORTS:
            self.file(path)
        else:
            self.left_alone.append(path)


def _is_asset_folder(name: str, siblings: set[str]) -> bool:
    """`page_files/` beside `page.html`: the images and scripts a browser saved with a page."""
    for ending in _ASSET_FOLDER_ENDINGS:
        if name.endswith(ending):
            stem = name[: -len(ending)]
            if any(f"{stem}{suffix}" in siblings for suffix in PAGE_SUFFIXES):
                return True
    return False
