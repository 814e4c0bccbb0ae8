"""A report file's bytes → its front matter and body, or the one problem that stops it being read.

Editors save from Notepad, Word and old CMSs, so a file may be empty, UTF-16, GBK or hold a NUL;
each gets a message saying what the file is and how to convert it, never a traceback. Text is
decoded with core.text, the decoder a report's body handle reads with again later.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportsite.content.characters import first_control
from reportsite.core.i18n import Message, msg
from reportsite.core.text import FRONT_MATTER_MARKER, front_matter_end, utf8_text


@dataclass(frozen=True)
class Parts:
    """A report file's two parts, and where its body starts."""

    front: str
    body: str
    body_line: int


class Unreadable(Exception):
    """Why a file's text cannot be read, and the line where that shows when there is one."""

    def __init__(self, message: Message, line: int | None = None) -> None:
        super().__init__(message.code)
        self.message = message
        self.line = line


def read_parts(path: Path) -> Parts:
    """The parts of a report file; Unreadable when it cannot be read, decoded or split."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise Unreadable(msg("content.file_unreadable", "cannot read this file ({reason}); make it readable "
                                                        "(chmod a+r) and build again", reason=exc.strerror)) from None
    text = decode(raw)
    refuse_control_characters(text)
    return split_front_matter(text)


def decode(raw: bytes) -> str:
    """Text from bytes; Unreadable saying which encoding a non-UTF-8 file seems to be in and how to convert it."""
    if not raw.strip():
        raise Unreadable(msg("content.file_empty",
                             "the file is empty; start from the skeleton that `python build.py new` writes"))
    if wide := wide_encoding(raw):
        raise Unreadable(msg("content.wide_encoding",
                             "the file is saved as {encoding}; save it as UTF-8 (in Notepad: 另存为 → 编码 UTF-8)",
                             encoding=wide))
    try:
        return utf8_text(raw)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise Unreadable(msg("content.not_utf8", "the file is not UTF-8: {hint}", hint=legacy_hint(raw)),
                         line) from None


def wide_encoding(raw: bytes) -> Message | str | None:
    """UTF-16 or UTF-32, by BOM or, without one, by the NUL bytes every ASCII character brings."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    sample = raw[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if len(sample) >= 8 and max(even, odd) > len(sample) // 8 and min(even, odd) < max(even, odd) // 4:
        return msg("content.utf16_without_bom", "UTF-16 (without a BOM)")
    return None


def legacy_hint(raw: bytes) -> Message:
    """GBK files convert with GBK; files with rarer characters need GB18030, which iconv -f GBK would refuse."""
    for codec, name in (("gbk", "GBK"), ("gb18030", "GB18030")):
        try:
            raw.decode(codec)
        except UnicodeDecodeError:
            continue
        return msg("content.looks_like_encoding", "it looks like {encoding}; convert it with "
                                                  "`iconv -f {encoding} -t UTF-8 FILE > NEW` or save it as UTF-8",
                   encoding=name)
    return msg("content.save_as_utf8", "save it as UTF-8")


def refuse_control_characters(text: str) -> None:
    """NUL and other control bytes break YAML and browsers; Unreadable on the first one's line."""
    if found := first_control(text):
        offset, char = found
        raise Unreadable(msg("content.control_character", "the file contains the control character U+{char}; "
                                                          "delete it or re-save the file as plain UTF-8 text",
                             char=char), text.count("\n", 0, offset) + 1)


def split_front_matter(text: str) -> Parts:
    """The front matter and the body; Unreadable when the file does not open and close a front matter."""
    lines = text.split("\n")
    if lines[0].strip() != FRONT_MATTER_MARKER:
        raise Unreadable(msg("content.no_front_matter", "the file must start with a line `---`, then the front "
                                                        "matter (title: …), then another `---`; see "
                                                        "`python build.py new`"), 1)
    if (end := front_matter_end(text)) is None:
        raise Unreadable(msg("content.front_matter_not_closed",
                             "the front matter is not closed: add a line `---` after its last key"), 1)
    return Parts("\n".join(lines[1:end]), "\n".join(lines[end + 1:]), end + 2)
