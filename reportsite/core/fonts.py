"""Font stacks for the PDF, and which characters the installed fonts can draw.

The official faces (仿宋_GB2312, 方正小标宋, 黑体, 楷体) are proprietary and
usually missing, so each role has a stack that prefers them and falls back to
the free fonts the set-up installs. A character no font in the body stack
covers would print as an empty box, so the build refuses it instead.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
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
#: CSS generic families, which fontconfig resolves (the UA stylesheet sets `monospace` on code).
GENERIC_FAMILIES = frozenset({"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui",
                              "ui-serif", "ui-sans-serif", "ui-monospace", "ui-rounded", "emoji", "math"})


@dataclass(frozen=True)
class FontStacks:
    """One family list per typographic role; every role falls back to the body stack."""

    stacks: tuple[tuple[str, tuple[str, ...]], ...]

    def stack(self, role: str) -> tuple[str, ...]:
        return dict(self.stacks)[role]

    def families(self, role: str) -> tuple[str, ...]:
        """The families a role's text is drawn with: its own stack, then the body stack."""
        return tuple(dict.fromkeys(self.stack(role) + self.stack("body")))

    def css(self) -> dict[str, str]:
        """CSS font-family values, each role followed by the body stack so no glyph goes missing."""
        return {role: ", ".join(f'"{name}"' for name in self.families(role)) for role in ROLES}

    def role_of(self, families: tuple[str, ...]) -> str | None:
        """The role whose CSS gives text these families (the first of equal ones), for error messages;
        None for families the theme or the browser defaults chose."""
        return next((role for role in ROLES if self.families(role) == families), None)


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


def fallback_faces(generic: str) -> tuple[FontFace, ...]:
    """The faces fontconfig draws a generic family with, in its fallback order (`fc-match -s`);
    empty when fontconfig is missing."""
    try:
        listing = subprocess.run(["fc-match", "-s", "--format", "%{file}\t%{index}\n", generic],
                                 capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    rows = (line.split("\t") for line in listing.splitlines() if line)
    return tuple(dict.fromkeys(FontFace(Path(file), int(index or 0)) for file, index in rows))


def codepoints(face: FontFace) -> frozenset[int]:
    """Every code point the face maps to a glyph."""
    from fontTools.ttLib import TTFont

    with TTFont(str(face.file), fontNumber=face.index, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


class Coverage:
    """Which characters a CSS font-family list can draw. One per build: reading a face's cmap takes
    a fifth of a second for Noto CJK, so each face is read once however many reports use it."""

    def __init__(self, installed: dict[str, tuple[FontFace, ...]]) -> None:
        self.installed = installed
        self._cmaps: dict[FontFace, frozenset[int]] = {}
        self._generic: dict[str, tuple[FontFace, ...]] = {}

    def faces(self, families: Iterable[str]) -> tuple[FontFace, ...]:
        """The installed faces of the families, in order; a generic family is what fontconfig gives."""
        found: list[FontFace] = []
        for family in families:
            found.extend(self.installed.get(family.lower()) or self._fallback(family))
        return tuple(dict.fromkeys(found))

    def missing(self, families: tuple[str, ...], chars: Iterable[str]) -> set[str]:
        """The characters no face of the families has."""
        cmaps = [self._cmap(face) for face in self.faces(families)]
        return {char for char in chars if not any(ord(char) in cmap for cmap in cmaps)}

    def _cmap(self, face: FontFace) -> frozenset[int]:
        if face not in self._cmaps:
            self._cmaps[face] = codepoints(face)
        return self._cmaps[face]

    def _fallback(self, family: str) -> tuple[FontFace, ...]:
        if family.lower() not in GENERIC_FAMILIES:
            return ()
        if family not in self._generic:
            self._generic[family] = fallback_faces(family.lower())
        return self._generic[family]
