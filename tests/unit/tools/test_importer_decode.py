"""Saved pages' bytes: UTF-8, GBK and GB18030 text read, and files that are no text at all named
for what they are, since GB18030 would read almost any bytes as mojibake."""

from __future__ import annotations

import pytest

from reportsite.core.problems import Problems
from reportsite.tools.importer.decode import decode, not_a_page


@pytest.mark.parametrize("raw, start", [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "this is a PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "this is a JPEG image"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "this is a WebP image"),
    (b"%PDF-1.7\n", "this is a PDF file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "this is a Word/Excel/WPS (.doc, .xls, .wps) file"),
    (b"PK\x03\x04\x14\x00", "this is a ZIP (.zip, .docx, .xlsx) archive"),
    (b"abc\x00def", "this is a binary file"),
])
def test_files_that_are_not_text_are_named(raw: bytes, start: str) -> None:
    found = not_a_page(raw)
    assert found is not None and str(found).startswith(start)
    with pytest.raises(Problems) as failed:
        decode("x.html", raw)
    assert str(failed.value.problems[0]).startswith(f"x.html: {start}")


def test_text_in_each_encoding_is_read() -> None:
    text = "标题：刘䶮走访㐀家庄\n"
    assert not_a_page(text.encode("utf-8")) is None
    assert decode("a.txt", text.encode("gb18030")) == text
    assert decode("a.txt", "标题：东山街道\r\n".encode("gbk")) == "标题：东山街道\n"
    assert decode("a.txt", "BMW 标题".encode("utf-8")) == "BMW 标题"  # "BM" alone is no bitmap
