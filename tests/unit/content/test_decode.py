"""Bytes → text: every way a saved file is not plain UTF-8 text is named, with how to convert it."""

from __future__ import annotations

import pytest

from reportsite.content.decode import Unreadable, decode, refuse_control_characters, split_front_matter

REPORT = "---\ntitle: 八陡镇2024年工作总结\n---\n\n正文\n"


def _refusal(raw: bytes) -> Unreadable:
    with pytest.raises(Unreadable) as refused:
        decode(raw)
    return refused.value


def test_utf8_with_a_bom_and_windows_newlines_reads_as_plain_text() -> None:
    assert decode(b"\xef\xbb\xbf" + REPORT.replace("\n", "\r\n").encode("utf-8")) == REPORT


@pytest.mark.parametrize(("codec", "named"), [
    ("utf-16", "UTF-16"),  # Python writes the BOM
    ("utf-16-le", "UTF-16 (without a BOM)"),
    ("utf-16-be", "UTF-16 (without a BOM)"),
    ("utf-32", "UTF-32"),
])
def test_a_wide_encoding_is_named(codec: str, named: str) -> None:
    refused = _refusal(REPORT.encode(codec))
    assert refused.message.code == "content.wide_encoding"
    assert str(refused.message) == (f"the file is saved as {named}; save it as UTF-8 "
                                    "(in Notepad: 另存为 → 编码 UTF-8)")


def test_a_gbk_file_is_told_to_convert_from_gbk_on_the_line_it_breaks() -> None:
    refused = _refusal(("---\ntitle: ok\nsummary: " + "工作总结\n---\n").encode("gbk"))
    assert refused.message.code == "content.not_utf8" and refused.line == 3
    assert str(refused.message) == ("the file is not UTF-8: it looks like GBK; convert it with "
                                    "`iconv -f GBK -t UTF-8 FILE > NEW` or save it as UTF-8")


def test_a_file_with_characters_gbk_lacks_is_told_gb18030() -> None:
    refused = _refusal("---\ntitle: 𠮷\n---\n".encode("gb18030"))
    assert "iconv -f GB18030 -t UTF-8" in str(refused.message)


def test_bytes_no_chinese_encoding_reads_are_told_to_save_as_utf8() -> None:
    refused = _refusal(b"---\ntitle: \xff\xff\n---\n")
    assert str(refused.message) == "the file is not UTF-8: save it as UTF-8"


@pytest.mark.parametrize("raw", [b"", b"  \n\r\n\t"])
def test_an_empty_file_is_pointed_to_new(raw: bytes) -> None:
    assert _refusal(raw).message.code == "content.file_empty"


def test_a_control_character_is_named_on_its_line() -> None:
    with pytest.raises(Unreadable) as refused:
        refuse_control_characters("---\ntitle: a\x00b\n---\n")
    assert refused.value.line == 2 and "U+0000" in str(refused.value.message)
    refuse_control_characters("tabs\tand\nnewlines are fine\n")


def test_the_front_matter_is_split_from_the_body_and_the_body_line_counted() -> None:
    parts = split_front_matter(REPORT)
    assert (parts.front, parts.body, parts.body_line) == ("title: 八陡镇2024年工作总结", "\n正文\n", 4)


@pytest.mark.parametrize(("text", "code"), [
    ("title: x\n---\n", "content.no_front_matter"),
    ("---\ntitle: x\n", "content.front_matter_not_closed"),
])
def test_a_front_matter_must_open_and_close(text: str, code: str) -> None:
    with pytest.raises(Unreadable) as refused:
        split_front_matter(text)
    assert refused.value.message.code == code and refused.value.line == 1
