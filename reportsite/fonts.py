"""Font stacks for the PDF, and which characters the installed fonts can draw.

The official faces (仿宋_GB2312, 方正小标宋, 黑体, 楷体) are proprietary and
usually missing, so each role has a stack that prefers them and falls back to
the free fonts the set-up installs. A character no font in the body stack
covers would print as an empty box, so the build refuses it instead.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

ROLES = ("title", "body", "hei", "kai", "fangsong", "numerals")
DEFAULT_STACKS: dict[str, tuple[str, ...]] = {
    "title": ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC"),
    "body": ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC"),
    "hei": ("黑体", "SimHei", "Noto Sans CJK SC"),
    "kai": ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "AR PL KaitiM GB", "Noto Serif CJK SC"),
    "fangsong": ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC"),
    "numerals": ("宋体", "SimSun", "Noto Serif CJK SC"),
}
CJK_FONT_PACKAGE = "fonts-noto-cjk"


@dataclass(frozen=True)
class FontStacks:
    """One family list per typographic role; every role falls back to the body stack."""

    stacks: tuple[tuple[str, tuple[str, ...]], ...]

    def stack(self, role: str) -> tuple[str, ...]:
        return dict(self.stacks)[role]

    def css(self) -> dict[str, str]:
        """CSS font-family values, each role followed by the body stack so no glyph goes missing."""
        body = self.stack("body")
        return {role: ", ".join(f'"{name}"' for name in dict.fromkeys(self.stack(role) + body))
                for role in ROLES}


@dataclass(frozen=True, order=True)
class FontFace:
    """One face in one file; `index` picks the face inside a .ttc collection."""

    file: Path
    index: int


def installed_fonts() -> dict[str, tuple[FontFace, ...]]:
    """Family name (lower case) → its regular faces, from fontconfig; empty when fontconfig is missing.

    Regular faces are enough to judge coverage: bold and light weights of the
    same family cover the same characters.
    """
    try:
        listing = subprocess.run(["fc-list", "--format", "%{family}\t%{style}\t%{file}\t%{index}\n"],
                                 capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    faces: dict[str, set[FontFace]] = {}
    regular: dict[str, set[FontFace]] = {}
    for line in listing.splitlines():
        families, styles, file, index = (line.split("\t") + ["", "", "", "0"])[:4]
        face = FontFace(Path(file), int(index or 0))
        for family in families.split(","):
            key = family.strip().lower()
            faces.setdefault(key, set()).add(face)
            if {"regular", "book", "normal"} & {s.strip().lower() for s in styles.split(",")}:
                regular.setdefault(key, set()).add(face)
    return {family: tuple(sorted(regular.get(family) or found)) for family, found in faces.items()}


def stack_faces(stack: tuple[str, ...], installed: dict[str, tuple[FontFace, ...]]) -> tuple[FontFace, ...]:
    """The installed faces of a stack's families, in stack order."""
    faces: list[FontFace] = []
    for family in stack:
        faces.extend(installed.get(family.lower(), ()))
    return tuple(dict.fromkeys(faces))


def covered_codepoints(faces: tuple[FontFace, ...]) -> frozenset[int]:
    """Every code point some face maps to a glyph."""
    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for face in faces:
        with TTFont(str(face.file), fontNumber=face.index, lazy=True) as font:
            covered.update(font.getBestCmap() or {})
    return frozenset(covered)
