"""When to rebuild the preview: what changed among the sources, and whether it has settled.

This is decided here, not by livereload's watcher: that one dropped any change within 3 s of the
last reload, so the save that fixed an error could leave its overlay up. Every save is rebuilt
once the sources are quiet for one look, and every rebuild reloads.
"""

from __future__ import annotations

import fnmatch
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from reportsite.config.load import read_config
from reportsite.core.digest import file_digest
from reportsite.core.files import tree_entries
from reportsite.core.i18n import english
from reportsite.core.problems import has_errors
from reportsite.pipeline import BuildOptions
from reportsite.commands.common import Render
from reportsite.commands.preview.rebuild import Preview, rebuild

#: How often the sources are looked at; a change is built once a look finds them as the last one did.
POLL_SECONDS = 0.25
#: Sources still changing after this many looks are built anyway, so a busy folder cannot starve the preview.
SETTLE_LOOKS = 8
#: A file modified this recently may be saved again within the same timestamp (1 s on some file
#: systems, a few ms on Linux), so its bytes are compared too.
RECENT_NS = 3_000_000_000
#: Files editors keep beside the one being edited (vim's swap and write test, emacs's lock and autosave, backups).
EDITOR_FILES = ("*.sw[a-p]", ".#*", "#*#", "*~", "4913")


@dataclass(frozen=True)
class Entry:
    """What a look at one source saw: its metadata, and its bytes' digest while it is recent
    (see RECENT_NS). A folder is only a folder: its times change with every editor's temp file."""

    meta: tuple[int, ...]
    digest: str | None = None

    def same(self, path: Path, later: Entry) -> bool:
        """Whether `later`, a later look at `path`, saw it unchanged. Equal metadata is not enough
        for a file that was recent at this look: a save in the same timestamp keeps it equal."""
        if self.meta != later.meta:
            return False
        if self.digest is None:
            return True
        return self.digest == (later.digest or _digest(path))


Sources = dict[Path, Entry]


def look(paths: Iterable[Path]) -> Sources:
    """Every entry below the watched paths, as it is now; editors' own files left out."""
    now = time.time_ns()
    found: Sources = {}
    for root in paths:
        try:
            entries = tree_entries(root)
        except OSError as exc:  # a folder that cannot be listed: the build reports it; notice when it can be
            found[root] = Entry((-1, exc.errno or 0))
            continue
        for path in entries:
            if not any(fnmatch.fnmatch(path.name, pattern) for pattern in EDITOR_FILES):
                found[path] = _entry(path, now)
    return found


def _entry(path: Path, now: int) -> Entry:
    try:
        st = path.stat()  # a link's target, as the build reads it
    except OSError:
        return Entry((0,))  # gone since the listing, or a broken link
    if path.is_dir():
        return Entry((1,))
    meta = (st.st_mode, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    return Entry(meta, _digest(path) if now - st.st_mtime_ns < RECENT_NS else None)


def _digest(path: Path) -> str:
    try:
        return file_digest(path)
    except OSError:
        return "unreadable"


def unchanged(before: Sources, after: Sources) -> bool:
    return before.keys() == after.keys() and all(before[p].same(p, after[p]) for p in before)


def watched_paths(config_path: Path) -> list[Path]:
    """Everything a page is made from: the config, content, and the site's own theme files."""
    root = config_path.resolve().parent
    config, problems = read_config(config_path)
    if config is not None and not has_errors(problems):
        sources = config.source_dirs
    else:  # watch what the site's own folder holds until the config is fixed
        sources = (root / "content", root / "templates", root / "assets")
    paths = [config_path.resolve(), *sources]
    return [p for p in dict.fromkeys(paths) if p.exists()]


class Rebuilds:
    """Rebuilds the preview after every change, then reloads the open pages: debounced, never dropped.

    Each look is compared with the sources as they were when the last build began, so a save made
    during a build (which runs in the server's loop, so no look happens meanwhile) is found by the
    first look after it. A change is built once a look finds the sources as the previous one did,
    so an editor's several writes, or a burst of saves, make one build of their final state."""

    def __init__(self, options: BuildOptions, render: Render = english) -> None:
        self.preview = Preview(options, render)
        self.paths = watched_paths(options.config_path)
        self.built = self.seen = look(self.paths)
        self.unsettled = 0

    @property
    def options(self) -> BuildOptions:
        return self.preview.options

    @property
    def render(self) -> Render:
        return self.preview.render

    def first(self) -> None:
        """The build before serving; made after the first look, so a save during it is seen."""
        rebuild(self.preview)

    def poll(self, reload: Callable[[], None]) -> None:
        """One look: rebuild and reload if something changed and has settled."""
        now = look(self.paths)
        settled = unchanged(self.seen, now)
        self.seen = now
        if unchanged(self.built, now):
            self.built, self.unsettled = now, 0  # recent files that stayed equal need no digest any more
            return
        if not settled and self.unsettled < SETTLE_LOOKS:
            self.unsettled += 1
            return
        self.built, self.unsettled = now, 0
        rebuild(self.preview)
        reload()
        self.paths = watched_paths(self.options.config_path)  # the config may name other folders now
