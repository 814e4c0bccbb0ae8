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

from reportsite.core.clock import CST

_RECORD = "\x1e"
_FIELD = "\x1f"


@dataclass(frozen=True)
class Revision:
    """A change an editor chose to publish on the page: a `changes:` entry in the front matter, or a
    `Change-Note:` trailer of a commit. Commit subjects are for colleagues and never reach the page."""

    date: dt.date
    note: str


@dataclass(frozen=True)
class FileHistory:
    notes: tuple[Revision, ...] = ()  # the Change-Note trailers of the commits that touched the file, newest first
    content_changed: dt.date | None = None  # the last commit that changed the text, not only whitespace or metadata


@dataclass(frozen=True)
class _Commit:
    sha: str
    date: dt.date
    notes: tuple[str, ...]


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), "-c", "core.quotePath=false", *args], capture_output=True,
                              encoding="utf-8", errors="surrogateescape", timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def read_history(content_dir: Path) -> dict[Path, FileHistory]:
    """The history of every file under content_dir, keyed by absolute path: one `git log` pass, then
    one `git cat-file --batch` per round of comparing versions (usually one or two rounds)."""
    top = _git(content_dir, "rev-parse", "--show-toplevel")
    if top is None:
        return {}
    # -z: paths come NUL-terminated and never quoted, so a Chinese or odd folder name still matches
    log = _git(content_dir, "log", "-z", "--no-renames",
               f"--format={_RECORD}%H{_FIELD}%cI{_FIELD}%(trailers:key=Change-Note,valueonly,separator=%x1d)",
               "--name-only", "--", ".")
    if not log:
        return {}
    root = Path(top.strip())
    commits = _commits_by_file(log)
    changed = _content_changed(root, commits)
    return {(root / name).resolve(): FileHistory(tuple(Revision(c.date, n) for c in found for n in c.notes),
                                                  changed.get(name))
            for name, found in commits.items()}


def _commits_by_file(log: str) -> dict[str, list[_Commit]]:
    """Each repository-relative file name with the commits that touched it, newest first."""
    by_file: dict[str, list[_Commit]] = defaultdict(list)
    for record in log.split(_RECORD)[1:]:
        header, _, files = record.partition("\0")
        sha, stamp, trailers = header.split(_FIELD, 2)
        notes = tuple(note.strip() for note in trailers.split("\x1d") if note.strip())
        commit = _Commit(sha, dt.datetime.fromisoformat(stamp).astimezone(CST).date(), notes)
        for name in files.lstrip("\n").split("\0"):
            if name:
                by_file[name].append(commit)
    return by_file


def _content_changed(root: Path, commits: dict[str, list[_Commit]]) -> dict[str, dt.date]:
    """The date of each file's newest commit whose text differs from the version before it, the
    front matter and white space aside: a tidy-up of metadata or line breaks is not an update.
    Versions are read newest first, one step further back per round, until each file has its answer."""
    answers: dict[str, dt.date] = {}
    depth = {name: 0 for name in commits}
    texts: dict[tuple[str, str], str | None] = {}
    while depth:
        wanted = [(found[i].sha, name) for name, i in depth.items() for found in [commits[name]]
                  for i in (i, i + 1) if i < len(found) and (found[i].sha, name) not in texts]
        texts.update(_read_versions(root, wanted))
        for name in list(depth):
            found, i = commits[name], depth[name]
            older = texts.get((found[i + 1].sha, name)) if i + 1 < len(found) else None
            newer = texts.get((found[i].sha, name))
            if newer is not None and (i + 1 == len(found) or newer != older):
                answers[name] = found[i].date
            if name in answers or i + 1 >= len(found):
                del depth[name]
            else:
                depth[name] = i + 1
    return answers


def _read_versions(root: Path, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
    """The normalised body of each (commit, file) version, in one `git cat-file --batch`; None for a
    version that is gone (the commit deleted the file) or cannot be read."""
    bodies: dict[tuple[str, str], str | None] = dict.fromkeys(wanted)
    if not wanted:
        return bodies
    request = "".join(f"{sha}:{name}\n" for sha, name in wanted).encode("utf-8", "surrogateescape")
    try:
        out = subprocess.run(["git", "-C", str(root), "cat-file", "--batch"], input=request, capture_output=True,
                             timeout=120, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return bodies
    position = 0
    for key in wanted:  # each answer: "<sha> blob <size>\n<bytes>\n", or "<name> missing\n"
        end = out.find(b"\n", position)
        if end < 0:
            break
        header = out[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            bodies[key] = _normalised_body(out[position:position + size].decode("utf-8", "replace"))
            position += size + 1
    return bodies


def _normalised_body(text: str) -> str:
    """The text after the front matter with all white space removed."""
    lines = text.lstrip("\ufeff").split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---"), None)
        if end is not None:
            lines = lines[end + 1:]
    return "".join("".join(lines).split())


def head_commit(folder: Path) -> str:
    """The checked-out commit, which is all the history of a build depends on ('' outside git)."""
    return (_git(folder, "rev-parse", "HEAD") or "").strip()
