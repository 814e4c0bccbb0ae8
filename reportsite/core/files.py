"""Walking a folder the same way everywhere: the build's fingerprint, the copied assets and the
live preview's watcher must all see the same entries, and all fail on a folder they cannot list."""

from __future__ import annotations

import os
from pathlib import Path


def tree_entries(root: Path) -> list[Path]:
    """Every entry below ``root`` (or ``root`` itself), without following links to folders.

    Unlike ``Path.rglob``, a folder that cannot be listed raises instead of being skipped."""
    if not root.is_dir():
        return [root]
    found = []

    def fail(error: OSError) -> None:
        raise error

    for folder, dirs, files in os.walk(root, onerror=fail):
        found += [Path(folder, name) for name in dirs + files]
    return sorted(found)
