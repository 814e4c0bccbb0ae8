"""Bytes of a saved page → its text, and whether that text is HTML.

Report files are UTF-8 and are read with the one decoder the build uses. Pages
saved from old CMSs often are not: Windows saved them as UTF-16 or GBK, so those
encodings are tried here too, and only here.
"""

from __future__ import annotations

from pathlib import Path

from reportsite.core.i18n import msg
from reportsite.core.problems import Problem, Problems
from reportsite.core.text import newlines, utf8_text

_HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")


def decode(name: str, raw: bytes) -> str:
    """Text from a saved page: UTF-8 (with or without BOM), else GB18030, which old CMSs used;
    Problems when the page is empty or in neither."""
    if not raw.strip():
        raise Problems([Problem(name, None, msg("import.file_empty", "the file is empty"))])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return newlines(raw.decode("utf-16"))
        except UnicodeDecodeError:
            pass
    try:
        return utf8_text(raw)
    except UnicodeDecodeError:
        pass
    try:
        return newlines(raw.decode("gb18030"))
    except UnicodeDecodeError:
        raise Problems([Problem(name, None, msg(
            "import.not_utf8_or_gb18030", "cannot read the file: it is neither UTF-8 nor GB18030 (GBK) text; "
                                          "save the page again as UTF-8"))]) from None




def looks_like_html(name: str, text: str) -> bool:
    """Saved pages keep their .html suffix, but some are saved as .txt with the markup inside."""
    if Path(name).suffix.lower() in _HTML_SUFFIXES:
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or "<html" in head
