"""Which of some report files was added first: by git history, else by modification time.

When two reports clash (one 索引号, one URL), the one to change is the one added later,
usually a copy or a re-import; blaming whichever sorts first by name would send the
editor to the original. Git knows when each file was added; a file not committed yet
was added after every committed one; among files git cannot tell apart (outside a
checkout, or added in one commit) the modification time decides. Only the clashing
files are asked about, in one `git log`, so a site without clashes pays nothing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from reportsite.content.history import _git  # the one way the content stage asks git

_RECORD = "\x1e"
#: Sorts after any commit time: a file git does not know was added after every committed one.
_NOT_COMMITTED = float("inf")


def added_order(paths: Sequence[Path]) -> dict[Path, tuple[float, float]]:
    """A sort key per path, earliest added first: (when git last added it, or infinity when it is not
    committed; its modification time)."""
    committed = _committed(paths)
    return {path: (committed.get(path.resolve(), _NOT_COMMITTED), _mtime(path)) for path in paths}


def _committed(paths: Sequence[Path]) -> dict[Path, float]:
    """When git added each path (the latest add, for a file deleted and added again); {} outside git."""
    if not paths:
        return {}
    folder = paths[0].resolve().parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top is None:
        return {}
    root = Path(top.strip())
    log = _git(root, "log", "-z", "--diff-filter=A", "--no-renames", f"--format={_RECORD}%ct", "--name-only", "--",
               *(str(path.resolve()) for path in paths))
    added: dict[Path, float] = {}
    for record in (log or "").split(_RECORD)[1:]:
        stamp, _, names = record.partition("\0")  # "<time>\0\n<name>\0<name>\0…"
        if not stamp.isdigit():
            continue
        for name in names.strip("\n\0").split("\0"):
            if name:
                added.setdefault((root / name).resolve(), float(stamp))  # newest first: the latest add
    return added


def _mtime(path: Path) -> float:
    """The file's modification time; a file gone meanwhile sorts last, as one never committed does."""
    try:
        return os.stat(path).st_mtime
    except OSError:
        return _NOT_COMMITTED
