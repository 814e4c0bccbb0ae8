"""What renderers write into and read from, as interfaces: the output stage's staged folder and build
cache fit them as they are, and the pipeline hands the real ones in, so no renderer imports the output
stage (see reportsite/render/__init__.py)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, Protocol


class StagedFolder(Protocol):
    """The folder a build's files are written into before it becomes the site: every path is relative
    to the site's root, and the folder refuses one that would land outside it."""

    def write_text(self, relpath: str, text: str) -> None: ...

    def write_bytes(self, relpath: str, data: bytes) -> Path: ...

    def copy(self, source: Path | BinaryIO, relpath: str) -> Path: ...


class FileStore(Protocol):
    """Files kept by kind and key between builds (the PDFs), where a miss only costs time: reading
    gives None and writing gives False rather than raising."""

    @property
    def root(self) -> Path: ...

    def readable(self, kind: str, key: str, suffix: str = "") -> bool: ...

    def open(self, kind: str, key: str, suffix: str = "") -> BinaryIO | None: ...

    def put(self, kind: str, key: str, data: bytes, suffix: str = "") -> bool: ...
