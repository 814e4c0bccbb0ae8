"""The output writer: a whole new site is staged beside output/ and swapped in at the end.

Maintainers deploy output/ as it is, so it must never hold half a site. Pages are
written into a staging folder next to it (same file system, so the swap is a
rename); a failed or killed build leaves the staging folder behind, never a
broken output/, and the next build removes it.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
from pathlib import Path
from types import TracebackType

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


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


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class StagedOutput:
    """Write files into a staging folder; `commit()` makes them the output in one swap."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        self._prefix = f".{self.out_dir.name}.staging-"
        self.staging = self.out_dir.parent / f"{self._prefix}{os.getpid()}"
        self.committed = False

    def __enter__(self) -> "StagedOutput":
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        self.remove_leftovers()
        self.staging.mkdir()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if not self.committed:
            shutil.rmtree(self.staging, ignore_errors=True)

    def remove_leftovers(self) -> None:
        """Staging folders of builds that were killed; a running build's folder is left alone."""
        for path in self.out_dir.parent.glob(f"{self._prefix}*"):
            pid = path.name.removeprefix(self._prefix)
            if path != self.staging and not (pid.isdigit() and _pid_alive(int(pid))):
                shutil.rmtree(path, ignore_errors=True)

    def target(self, relpath: str) -> Path:
        path = self.staging / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def write_text(self, relpath: str, text: str) -> None:
        self.target(relpath).write_text(text, encoding="utf-8")

    def write_bytes(self, relpath: str, data: bytes) -> None:
        self.target(relpath).write_bytes(data)

    def copy(self, source: Path, relpath: str) -> None:
        shutil.copyfile(source, self.target(relpath))

    def commit(self) -> None:
        """Make the staged site the output; the old one is removed only after the swap."""
        if self.out_dir.exists() and _exchange(self.staging, self.out_dir):
            shutil.rmtree(self.staging, ignore_errors=True)
        elif self.out_dir.exists():
            old = self.out_dir.parent / f"{self._prefix}{os.getpid()}-old"
            os.rename(self.out_dir, old)
            os.rename(self.staging, self.out_dir)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(self.staging, self.out_dir)
        self.committed = True
