"""Bytes of a saved page → its text, and whether that text is HTML.

Report files are UTF-8 and are read with the one decoder the build uses. Pages
saved from old CMSs often are not: Windows saved them as UTF-16 or GBK, so those
encodings are tried here too, and only here.

A folder of saved pages also holds what is not a page: scans, PDFs, Word files,
archives. GB18030 decodes almost any bytes, so such a file would come out as a
page of mojibake with "no title found"; its first bytes say what it is instead,
and the editor is told what to do with that kind of file.
"""

from __future__ import annotations

from pathlib import Path

from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem, Problems
from reportsite.core.text import newlines, utf8_text

_HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
_IMAGE = "image"
_DOCUMENT = "document"
_ARCHIVE = "archive"
#: The first bytes of the files that are not pages, the name of their format, and what kind they are.
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG", _IMAGE), (b"\xff\xd8\xff", "JPEG", _IMAGE), (b"GIF87a", "GIF", _IMAGE),
    (b"GIF89a", "GIF", _IMAGE), (b"II*\x00", "TIFF", _IMAGE), (b"MM\x00*", "TIFF", _IMAGE),
    (b"%PDF-", "PDF", _DOCUMENT), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word/Excel/WPS (.doc, .xls, .wps)", _DOCUMENT),
    (b"PK\x03\x04", "ZIP (.zip, .docx, .xlsx)", _ARCHIVE), (b"Rar!\x1a\x07", "RAR", _ARCHIVE),
    (b"7z\xbc\xaf\x27\x1c", "7z", _ARCHIVE), (b"\x1f\x8b", "gzip", _ARCHIVE),
)
#: How much of the start is searched for the NUL bytes no text page has.
_SNIFF = 8192


def decode(name: str, raw: bytes) -> str:
    """Text from a saved page: UTF-8 (with or without BOM), else GB18030, which old CMSs used;
    Problems when the page is empty, is some other kind of file, or is in neither encoding."""
    if not raw.strip():
        raise Problems([Problem(name, None, msg("import.file_empty", "the file is empty"))])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return newlines(raw.decode("utf-16"))
        except UnicodeDecodeError:
            pass
    if (kind := not_a_page(raw)) is not None:
        raise Problems([Problem(name, None, kind)])
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


def not_a_page(raw: bytes) -> Message | None:
    """What the file is when its bytes show it is no text at all (an image, a PDF, an archive, any
    binary), with what to do about it; None for text."""
    for signature, name, kind in _SIGNATURES:
        if raw.startswith(signature):
            return _what_to_do(name, kind)
    if raw.startswith(b"RIFF") and raw[8:12] == b"WEBP":
        return _what_to_do("WebP", _IMAGE)
    if raw.startswith(b"BM") and raw[6:10] == b"\x00\x00\x00\x00":  # BMP: "BM", its size, four zero bytes
        return _what_to_do("BMP", _IMAGE)
    if b"\x00" in raw[:_SNIFF]:
        return msg("import.binary_file", "this is a binary file, not a saved page; give the .html or .txt "
                                         "file the browser saved")
    return None


def _what_to_do(name: str, kind: str) -> Message:
    """The one line for a file of a known format that is not a page."""
    if kind == _IMAGE:
        return msg("import.image_file", "this is a {format} image, not a saved page; a scanned report must be "
                                        "typed or copied into a .txt file before it can be imported", format=name)
    if kind == _DOCUMENT:
        return msg("import.document_file", "this is a {format} file, not a saved page; copy its text into a .txt "
                                           "file, with 标题：, 发布日期： and 发布机构： lines at the top, and "
                                           "import that", format=name)
    return msg("import.archive_file", "this is a {format} archive, not a saved page; unpack it and import "
                                      "the folder", format=name)


def looks_like_html(name: str, text: str) -> bool:
    """Saved pages keep their .html suffix, but some are saved as .txt with the markup inside."""
    if Path(name).suffix.lower() in _HTML_SUFFIXES:
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or "<html" in head
