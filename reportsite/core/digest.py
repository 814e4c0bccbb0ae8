"""Digests: the keys that tell whether an input, or reportsite itself, changed since the last build.

One place for them, so the content stage's body digests, the cache's keys and the manifest's file
digests are computed the same way.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from reportsite import __version__


def content_key(*parts: str | bytes) -> str:
    """A key that changes when any input, or reportsite itself, changes."""
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes: what decides whether an output file is still as written."""
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def code_digest() -> str:
    """reportsite's own source: a changed renderer must re-render, even between version numbers."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
