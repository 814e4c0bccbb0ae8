"""The build cache: rendered artefacts kept by the hash of everything they were made from.

It lives in `.reportsite-cache/` beside the config (git-ignored). An entry is
only ever written whole (temporary file, then rename), so a killed build can
leave a missing entry but never a truncated one.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

from reportsite.core.digest import code_digest, content_key, file_digest
from reportsite.core.files import tree_entries
from reportsite.core.i18n import Message
from reportsite.output.writer import pid_alive

#: How the temporary file of an entry being written starts; the writer's pid follows.
_TEMP = ".writing-"
#: The kinds of entry, each a folder of the cache. The cache's folder also holds the live preview and
#: its staging folders, which the cache's own sweeps must never walk into (a build is swapping them).
KINDS = ("manifest", "pdf")


class BuildCache:
    """Files by key, grouped by kind (e.g. `pdf`)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.code = code_digest()

    def path(self, kind: str, key: str, suffix: str = "") -> Path:
        assert kind in KINDS, kind
        return self.root / kind / key[:2] / f"{key}{suffix}"

    def open(self, kind: str, key: str, suffix: str = "") -> BinaryIO | None:
        """An entry to read, or None when it is not there or this user cannot read it. A cache written
        by another user (a build once run with sudo, or by CI) holds entries only that user may read:
        those are misses, to render again, not errors, since the cache only saves time."""
        try:
            return open(self.path(kind, key, suffix), "rb")
        except OSError:
            return None

    def readable(self, kind: str, key: str, suffix: str = "") -> bool:
        """Whether `open` would give the entry, as misses are decided before anything renders."""
        entry = self.open(kind, key, suffix)
        if entry is None:
            return False
        entry.close()
        return True

    def get(self, kind: str, key: str, suffix: str = "") -> bytes | None:
        try:
            return self.path(kind, key, suffix).read_bytes()
        except OSError:
            return None

    def put(self, kind: str, key: str, data: bytes, suffix: str = "") -> bool:
        """Store an entry; False when the cache cannot be written (full disk, read-only), which
        only costs speed: the caller then keeps the data itself instead of reading it back."""
        return write_whole(self.path(kind, key, suffix), data)

    def prune(self, kind: str, keep: set[str], max_bytes: int, suffix: str = "") -> None:
        """Drop entries of one kind that the current build does not use, oldest first, until the
        rest fit in `max_bytes`: the cache must not grow with every edit of every report.

        Runs after the new site is swapped in, so it never raises: a cache that cannot be changed
        (read-only, or another user's) simply stays as it is."""
        try:
            entries = [(info.st_mtime_ns, info.st_size, p) for p in (self.root / kind).glob(f"*/*{suffix}")
                       for info in [p.stat()]]
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= max_bytes:
                return
            if path.name.removesuffix(suffix) not in keep:
                if not _remove(path):
                    return
                total -= size


    def remove_leftovers(self) -> None:
        """Temporary files of builds killed while writing an entry (see write_whole), which no entry
        name matches, so pruning by kind never sees them; a running build's are left alone."""
        for path in (found for kind in KINDS for found in (self.root / kind).glob(f"*/{_TEMP}*")):
            pid = path.name.removeprefix(_TEMP).split("-")[0]
            if not (pid.isdigit() and pid_alive(int(pid))) and not _remove(path):
                return


def _remove(path: Path) -> bool:
    """Delete a cache file; False when the cache cannot be changed, so pruning stops there."""
    try:
        path.unlink(missing_ok=True)
        return True
    except OSError:
        return False


def write_whole(target: Path, data: bytes) -> bool:
    """Write a cache file through a temporary file and a rename, so a reader never sees half of it.

    Best effort: a failure (full disk, read-only cache) leaves no file, not even the temporary
    one, and returns False rather than raising, since the cache only saves time."""
    tmp: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f"{_TEMP}{os.getpid()}-", delete=False) as file:
            tmp = Path(file.name)
            file.write(data)
        os.replace(tmp, target)
        return True
    except OSError:
        return False
    finally:  # gone after the rename; left only by a failure or an interruption
        if tmp is not None:
            tmp.unlink(missing_ok=True)


class Manifest:
    """What each output file was made from, so a rebuild renders only what changed.

    One manifest per output folder records every file's input key and the hash of
    what was written. A file whose key is unchanged, and whose bytes are still the
    ones written (a maintainer may have edited the output by hand), is hard-linked
    from the current output into the staged site instead of rendered. The manifest
    is saved only after the new site is swapped in, and never for a throw-away
    folder (`check`'s), so the cache holds one manifest per real output folder; it names that
    folder, so that a manifest whose folder is gone can be pruned.
    """

    def __init__(self, cache: BuildCache, out_dir: Path, clean: bool = False, keep: bool = True) -> None:
        self.path = cache.path("manifest", content_key(str(out_dir)), ".json")
        self.folder = cache.root / "manifest"
        self.keep = keep
        self.code = cache.code
        self.out_dir = out_dir
        self.saved: dict[str, Any] = {} if clean else self._load()
        self.previous: dict[str, list[object]] = self.saved.get("files", {})
        self.current: dict[str, list[object]] = {}
        self.summary: dict[str, Any] = {}

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def unchanged(self, fingerprint: str | None) -> dict[str, Any] | None:
        """The last build's summary, when nothing it was built from has changed since and every file it
        wrote is still there as written (someone may have deleted or edited files in the output)."""
        summary = self.saved.get("summary") or {}
        if fingerprint is None or self.saved.get("fingerprint") != fingerprint or "files" not in summary:
            return None
        try:
            if self.tree(self.out_dir) != summary["files"]:
                return None
        except OSError:
            return None
        return summary

    def unchanged_folder(self, subfolder: str) -> dict[str, Path]:
        """The files of a folder of the current output, by their path in the site, when it holds exactly
        the files the last build wrote there, byte for byte; else none. For output that is reused whole
        (the search index) rather than file by file."""
        files = (self.saved.get("summary") or {}).get("files") or {}
        prefix = subfolder.rstrip("/") + "/"
        written = {path: digest for path, digest in files.items() if path.startswith(prefix)}
        try:
            found = {prefix + path: digest for path, digest in self.tree(self.out_dir / subfolder).items()}
        except OSError:
            return {}
        return {path: self.out_dir / path for path in sorted(found)} if written and found == written else {}

    @staticmethod
    def tree(folder: Path) -> dict[str, str]:
        """Every file of a built site with its hash, for `unchanged` to compare against later:
        by content, since a hand edit that keeps a file's size must still be undone."""
        return {p.relative_to(folder).as_posix(): file_digest(p) for p in folder.rglob("*") if p.is_file()}

    def reusable(self, relpath: str, key: str) -> Path | None:
        """The current output file, if it was made from exactly these inputs and is still as written;
        recorded for the new manifest when it is."""
        entry = self.previous.get(relpath)
        old = self.out_dir / relpath
        if not entry or entry[0] != key:
            return None
        try:
            if file_digest(old) != entry[1]:
                return None
        except OSError:
            return None
        self.current[relpath] = list(entry)
        return old

    def reuse(self, keys: Mapping[str, str]) -> dict[str, Path]:
        """The current output's files that may go into the new site as they are, by path: of the files
        to make (path → key), those `reusable` finds, recorded for the new manifest."""
        return {relpath: old for relpath, key in keys.items() if (old := self.reusable(relpath, key)) is not None}

    def record(self, written: Mapping[str, str], keys: Mapping[str, str]) -> None:
        """Files a renderer wrote (path → digest of its bytes), each with the key it was made from."""
        for relpath, digest in written.items():
            self.current[relpath] = [keys[relpath], digest]

    def save(self) -> None:
        if not self.keep:
            return
        data = {"files": self.current, "fingerprint": self.summary.get("fingerprint"), "summary": self.summary,
                "out_dir": str(self.out_dir)}
        write_whole(self.path, json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8"))

    def prune_others(self) -> None:
        """Drop the manifests of output folders that no longer exist: those of `check`'s temporary
        folders from before it stopped leaving one, and of `--out` folders since removed. A manifest
        that names no folder predates this rule. Never raises, like BuildCache.prune."""
        for path in sorted(self.folder.glob("*/*.json")):
            if path == self.path:
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except OSError:  # another user's, or just removed: not this build's to judge
                continue
            if not _names_a_folder(text) and not _remove(path):
                return


def _names_a_folder(manifest: str) -> bool:
    """Whether a manifest's text names an output folder that still exists."""
    try:
        data = json.loads(manifest)
    except ValueError:
        return False
    out_dir = data.get("out_dir") if isinstance(data, dict) else None
    return isinstance(out_dir, str) and Path(out_dir).is_dir()


def stored_message(message: Message | str) -> object:
    """A message as JSON for the manifest: its code, template and fields rather than its text, so that
    a rebuild with nothing to do repeats the last build's warnings in the language it is run in.
    A field that is neither a message nor a JSON scalar is kept as its text, which is what it shows."""
    if isinstance(message, str):
        return message
    return {"code": message.code, "template": message.template,
            "params": [[key, stored_message(value) if isinstance(value, Message) else _scalar(value)]
                       for key, value in message.params]}


def _scalar(value: object) -> object:
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)


def loaded_message(data: object) -> Message | str:
    """The message `stored_message` wrote; a manifest's plain text (or anything unexpected) as text."""
    if not isinstance(data, dict) or not {"code", "template", "params"} <= set(data):
        return data if isinstance(data, str) else str(data)
    return Message(str(data["code"]), str(data["template"]),
                   tuple((str(key), loaded_message(value) if isinstance(value, dict) else value)
                         for key, value in data["params"]))


def input_fingerprint(inputs: list[Path], *extra: str) -> str | None:
    """The bytes of every input file: equal fingerprints mean nothing changed since, so a rebuild has
    nothing to do. Contents, not modification times, because two saves can share a timestamp.

    Every entry counts, not only readable files: a new broken link, pipe or locked folder must
    reach validation and be reported. None when something cannot be read, so the build runs."""
    digest = hashlib.sha256("\0".join(extra).encode())
    try:
        for root in inputs:
            for path in tree_entries(root):
                digest.update(f"\0{path}\0".encode() + _entry_bytes(path))
    except OSError:
        return None
    return content_key(digest.hexdigest())


def _entry_bytes(path: Path) -> bytes:
    """What an entry holds: a file's bytes, a link's target (and its bytes), or its type."""
    mode = path.lstat().st_mode
    if stat.S_ISLNK(mode):
        target = os.readlink(path).encode()
        return b"link\0" + target + (b"\0" + path.read_bytes() if path.is_file() else b"")
    if stat.S_ISREG(mode):
        return path.read_bytes()
    return f"mode {stat.S_IFMT(mode)}".encode()
