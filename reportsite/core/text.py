"""The one text decoder for report files: UTF-8 (with or without a BOM), newlines made `\n`, and where
the front matter ends. The content stage checks files with it, and a report's body handle reads them
again with it, so both always see the same text.
"""

from __future__ import annotations

FRONT_MATTER_MARKER = "---"


def utf8_text(raw: bytes) -> str:
    """The file's text with its newlines made `\n`; UnicodeDecodeError if not UTF-8."""
    return newlines(raw.decode("utf-8-sig"))


def newlines(text: str) -> str:
    """Windows and old-Mac newlines made `\n`, so line numbers and front matter read the same on any system."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def front_matter_end(text: str) -> int | None:
    """The index (among the text's lines) of the line that closes the front matter, or None when the text
    does not open with `---` or never closes it. YAML's `...` closes it too."""
    lines = text.split("\n")
    if lines[0].strip() != FRONT_MATTER_MARKER:
        return None
    return next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in (FRONT_MATTER_MARKER, "...")), None)
