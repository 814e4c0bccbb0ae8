"""The build cache: rendered artefacts kept by the hash of everything they were made from.

It lives in `.reportsite-cache/` beside the config (git-ignored). An entry is
only ever written whole (temporary file, then rename), so a killed build can
leave a missing entry but never a truncated one.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from . import __version__


def content_key(*parts: str | bytes) -> str:
    """A key that changes when any input, or reportsite itself, changes."""
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class BuildCache:
    """Files by key, grouped by kind (e.g. `pdf`)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, kind: str, key: str, suffix: str = "") -> Path:
        return self.root / kind / key[:2] / f"{key}{suffix}"

    def get(self, kind: str, key: str, suffix: str = "") -> bytes | None:
        try:
            return self.path(kind, key, suffix).read_bytes()
        except OSError:
            return None

    def put(self, kind: str, key: str, data: bytes, suffix: str = "") -> None:
        """Store an entry; a cache that cannot be written only costs speed, never the build."""
        target = self.path(kind, key, suffix)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as tmp:
                tmp.write(data)
            os.replace(tmp.name, target)
        except OSError:
            pass
