"""Change history from git: when each report file was last committed, and every commit's message.

Residents and supervisors ask what changed in a published report and when.
The history comes from one `git log` pass over content/, never a process per
file, and depends only on the commits, so a build of a given commit is
reproducible. Outside a git checkout, or for files never committed, there is
simply no history.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

#: China Standard Time, the zone report dates are written in and commit dates are shown in.
CST = dt.timezone(dt.timedelta(hours=8))
_RECORD = "\x1e"
_FIELD = "\x1f"


@dataclass(frozen=True)
class Revision:
    commit: str
    date: dt.date
    message: str


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), "-c", "core.quotePath=false", *args], capture_output=True,
                              encoding="utf-8", errors="surrogateescape", timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def read_history(content_dir: Path) -> dict[Path, tuple[Revision, ...]]:
    """Revisions of every file under content_dir, newest first, keyed by absolute path."""
    top = _git(content_dir, "rev-parse", "--show-toplevel")
    if top is None:
        return {}
    # -z: paths come NUL-terminated and never quoted, so a Chinese or odd folder name still matches
    log = _git(content_dir, "log", "-z", "--no-renames", f"--format={_RECORD}%H{_FIELD}%cI{_FIELD}%s",
               "--name-only", "--", ".")
    if not log:
        return {}
    root = Path(top.strip())
    history: dict[Path, list[Revision]] = defaultdict(list)
    for record in log.split(_RECORD)[1:]:
        header, _, files = record.partition("\0")
        commit, stamp, message = header.split(_FIELD, 2)
        revision = Revision(commit, dt.datetime.fromisoformat(stamp).astimezone(CST).date(), message.strip())
        for name in files.lstrip("\n").split("\0"):
            if name:
                history[(root / name).resolve()].append(revision)
    return {path: tuple(revisions) for path, revisions in history.items()}


def head_commit(folder: Path) -> str:
    """The checked-out commit, which is all the history of a build depends on ('' outside git)."""
    return (_git(folder, "rev-parse", "HEAD") or "").strip()
