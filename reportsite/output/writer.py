"""The output writer: a whole new site is staged beside output/ and swapped in at the end.

Maintainers deploy output/ as it is, so it must never hold half a site. Pages are
written into a staging folder next to it (same file system, so the swap is a
rename); a failed, interrupted or stopped (SIGTERM) build removes its staging
folder, a killed one leaves it behind, never a broken output/, and the next
build removes it.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem, Problems, display_path
from reportsite.runtime.signals import signals_held

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
#: What a site's sources hold and a built site never does: an output folder holding one is a mistyped --out.
_SOURCE_MARKERS = ("config.yaml", "content", ".git", "build.py")
#: The file every built site carries, so a build replaces only a folder reportsite wrote.
STAMP = ".reportsite-output"
STAMP_TEXT = ("This folder was written by reportsite. The next build replaces all of it;\n"
              "keep nothing of your own here.\n")
_FICLONE = 0x40049409  # ioctl(2) FICLONE: share the data blocks copy-on-write, where the file system can


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one step with renameat2(2); False where the kernel or libc can't."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except AttributeError:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def resolved(folder: Path) -> Path:
    """The folder with its links followed; a link that loops stays as it is, for the build to refuse."""
    try:
        return folder.resolve()
    except RuntimeError:  # Python 3.11 raises this for a symbolic link loop
        return folder.absolute()


def _not_an_output(out_dir: Path) -> tuple[Message, Message] | None:
    """Why `out_dir` must not be replaced by a build and what to do instead, or None when it may.

    The swap replaces the whole folder, so `--out .` or `--out <the site>` would
    otherwise throw away the editor's content, config and git history.
    """
    another = msg("output.choose_another", "choose another folder with --out")
    if out_dir.is_symlink():  # only a link that could not be followed is left unresolved
        return msg("output.link_loops", "it is a symbolic link that loops back on itself"), another
    if not out_dir.is_dir():
        return msg("output.is_a_file", "it is a file, not a folder"), another
    if out_dir == Path(out_dir.anchor):
        return msg("output.is_root", "it is the root of the file system"), another
    if os.path.ismount(out_dir):  # the swap renames the folder, and a mount point cannot be renamed
        return (msg("output.is_mount", "it is a mount point, which cannot be swapped for a new folder"),
                msg("output.build_inside_mount", "build into a folder inside it (--out {folder}) and serve that",
                    folder=str(out_dir / "site")))
    if Path.cwd().resolve().is_relative_to(out_dir):
        return msg("output.holds_cwd", "it holds the folder you are working in"), another
    found = next((name for name in _SOURCE_MARKERS if (out_dir / name).exists()), None)
    if found:
        return msg("output.holds_source_marker", "it holds {name}, so it looks like a site's sources rather than "
                   "a built site", name=found), another
    report = next(iter(out_dir.glob("*/*.md")), None) or next(iter(out_dir.glob("*/*/index.md")), None)
    if report:
        return msg("output.holds_report", "it holds the report {report}, so it looks like a content/ folder",
                   report=report.relative_to(out_dir).as_posix()), another
    if not (out_dir / STAMP).is_file() and not _built_before_stamps(out_dir):
        first = min((p.name for p in out_dir.iterdir()), default=None)
        if first is not None:
            return (msg("output.foreign_files", "it holds files that reportsite did not write (such as {name})",
                        name=first),
                    msg("output.remove_foreign", "choose an empty or new folder with --out, or remove this one "
                        "yourself if nothing in it is needed"))
    return None


def _built_before_stamps(out_dir: Path) -> bool:
    """Whether a folder is a site built by a reportsite older than the stamp, so that a maintainer's
    existing output/ still rebuilds: it has the files only reportsite writes together, and a
    catalog.json of reportsite's shape."""
    if not all((out_dir / name).is_file() for name in ("catalog.json", "feed.xml", "sitemap.xml", "404.html")):
        return False
    try:
        catalog = json.loads((out_dir / "catalog.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(catalog, dict) and {"base_url", "reports"} <= set(catalog)


def staging_prefix(out_dir: Path) -> str:
    """How the staging folders beside an output folder start (output/ → .output.staging-); the pid follows."""
    return f".{out_dir.name}.staging-"


def lock_path(out_dir: Path) -> Path:
    """The lock file of an output folder: beside it, named after it (output/ → .output.lock)."""
    return out_dir.parent / f".{out_dir.name}.lock"


@contextlib.contextmanager
def output_lock(out_dir: Path, on_wait: Callable[[Message], None]) -> Iterator[None]:
    """One build at a time per output folder: a second build (an editor's while CI or `serve`
    runs) waits for the first instead of staging and swapping at the same time.

    The lock is flock(2) on a file beside the folder (the folder itself is swapped away), so a
    build that is killed releases it with its last breath and never blocks the next one. The
    holder writes its pid into the file, only so that the waiting build can name it."""
    out_dir = resolved(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path(out_dir), "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip()
            by = msg("output.lock_holder", " (pid {pid})", pid=holder) if holder.isdigit() else ""
            on_wait(msg("output.waiting", "another build{by} is writing {folder}; waiting for it to finish "
                        "(Ctrl+C to stop waiting)", by=by, folder=str(out_dir)))
            fcntl.flock(lock, fcntl.LOCK_EX)
        lock.truncate(0)
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def pid_alive(pid: int) -> bool:
    """Whether a process still runs, so that what a killed one left (a staging folder, a cache
    file half written) can be told from what a running one is writing."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class StagedOutput:
    """Write files into a staging folder; `commit()` makes them the output in one swap."""

    def __init__(self, out_dir: Path, background_cleanup: bool = False) -> None:
        self.out_dir = resolved(out_dir)
        self.background_cleanup = background_cleanup
        self._prefix = staging_prefix(self.out_dir)
        self.staging = self.out_dir.parent / f"{self._prefix}{os.getpid()}"
        self.committed = False

    def check_replaceable(self) -> None:
        """Refuse, before anything is written anywhere, a folder the swap must not replace; the problem
        names the folder as the editor sees it from where they run the build."""
        if (self.out_dir.exists() or self.out_dir.is_symlink()) and (refusal := _not_an_output(self.out_dir)):
            reason, advice = refusal
            raise Problems([Problem(display_path(self.out_dir, Path.cwd()), None, msg(
                "output.refused", "cannot be the output folder: {reason}, and a build replaces the whole folder; "
                "{advice}", reason=reason, advice=advice))])

    def __enter__(self) -> "StagedOutput":
        self.check_replaceable()
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        self.remove_leftovers()
        self.staging.mkdir()
        try:
            self.write_text(STAMP, STAMP_TEXT)
        except BaseException:  # __exit__ does not run when __enter__ fails
            shutil.rmtree(self.staging, ignore_errors=True)
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if not self.committed:
            shutil.rmtree(self.staging, ignore_errors=True)

    def remove_leftovers(self) -> None:
        """Staging folders of builds that were killed; a running build's folder is left alone."""
        for path in self.out_dir.parent.glob(f"{self._prefix}*"):
            pid = path.name.removeprefix(self._prefix)
            if path != self.staging and not (pid.isdigit() and pid_alive(int(pid))):
                shutil.rmtree(path, ignore_errors=True)

    def target(self, relpath: str) -> Path:
        """The one way to a file in the staged site: every write asks here, so no name taken from
        config or content (a publisher key of `../../x`) can write beside the site, outside the swap.
        Such names are config keys (the content stage allows none), so the problem points there."""
        parts = Path(relpath).parts
        if not parts or Path(relpath).is_absolute() or any(part in ("..", ".") for part in parts):
            raise Problems([Problem("config.yaml", None, msg(
                "output.unsafe_path", 'a page path "{path}" would be written outside the site; use keys of '
                "lower-case letters, digits and hyphens", path=relpath))])
        path = self.staging.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def write_text(self, relpath: str, text: str) -> None:
        self.target(relpath).write_text(text, encoding="utf-8")

    def write_bytes(self, relpath: str, data: bytes) -> Path:
        target = self.target(relpath)
        target.write_bytes(data)
        return target

    def copy(self, source: Path | BinaryIO, relpath: str) -> Path:
        """A copy that shares no inode with its source: cache entries are copied, never linked, so
        an edit of the published file (or `rsync --inplace`) cannot reach the cache. Reflinked
        where the file system can, which costs no space; the mode is the umask's, as `cp` gives.
        The source may be a file the caller opened, so that it can tell a source it cannot open
        (a cache entry just pruned) from a failure to write the site."""
        target = self.target(relpath)
        with contextlib.ExitStack() as files:
            src = files.enter_context(open(source, "rb")) if isinstance(source, Path) else source
            dst = files.enter_context(open(target, "wb"))
            try:
                fcntl.ioctl(dst.fileno(), _FICLONE, src.fileno())
            except OSError:
                shutil.copyfileobj(src, dst, 1 << 20)
        return target

    def link(self, source: Path, relpath: str) -> Path:
        """Put an unchanged file of the current output into the staged site by hard link, copying
        only where a link cannot be made: the two generations of output/ may share it, since no build
        edits a file in place. Never a cache entry (see `copy`), which an edit of output/ would reach."""
        target = self.target(relpath)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
        return target

    def link_each(self, files: Mapping[str, Path]) -> None:
        """`link` for each reused file (path in the site → the current output's file)."""
        for relpath, source in files.items():
            self.link(source, relpath)

    def commit(self) -> None:
        """Make the staged site the output; the old one is removed only after the swap.

        Ctrl+C and SIGTERM wait until the swap is done and recorded, so `committed` always says
        which site output/ holds, and an interrupted build can say so truthfully."""
        old = self.out_dir.parent / f"{self._prefix}{os.getpid()}-old"
        with signals_held():
            if self.out_dir.exists() and _exchange(self.staging, self.out_dir):
                os.rename(self.staging, old)
            elif self.out_dir.exists():
                os.rename(self.out_dir, old)
                os.rename(self.staging, self.out_dir)
            else:
                os.rename(self.staging, self.out_dir)
            self.committed = True
        if old.exists():
            self._discard(old)

    def _discard(self, old: Path) -> None:
        """Delete the previous site, in the background when asked: removing thousands of folders
        takes seconds on some file systems, and the new site is already in place. A deletion that
        is cut short leaves a leftover the next build removes."""
        if self.background_cleanup:
            try:
                subprocess.Popen(["rm", "-rf", "--", str(old)], start_new_session=True, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                return
            except OSError:
                pass
        shutil.rmtree(old, ignore_errors=True)
