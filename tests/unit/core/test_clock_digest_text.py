"""The one clock (Beijing time, SOURCE_DATE_EPOCH), the digests that decide what a rebuild redoes, and
the one decoder of report files."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportsite.core import digest
from reportsite.core.clock import CST, beijing_now, source_date, source_date_epoch
from reportsite.core.digest import code_digest, content_key, file_digest
from reportsite.core.text import front_matter_end, utf8_text


@pytest.fixture
def machine_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The build machine in New York, where a naive local clock would be 12 or 13 hours off Beijing."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_china_standard_time_is_utc_plus_eight_all_year() -> None:
    assert CST.utcoffset(dt.datetime(2024, 1, 15)) == dt.timedelta(hours=8)
    assert CST.utcoffset(dt.datetime(2024, 7, 15)) == dt.timedelta(hours=8)


@pytest.mark.usefixtures("machine_zone")
def test_now_is_beijing_time_whatever_the_machines_zone() -> None:
    before = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) + dt.timedelta(hours=8)
    now = beijing_now()
    after = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) + dt.timedelta(hours=8)
    assert now.tzinfo is None  # naive, as report dates are written and compared
    assert before <= now <= after


@pytest.mark.parametrize(("epoch", "moment"), [
    ("1700000000", dt.datetime(2023, 11, 15, 6, 13, 20)),  # 2023-11-14 22:13:20 UTC
    (" 1700000000\n", dt.datetime(2023, 11, 15, 6, 13, 20)),
    ("0", dt.datetime(1970, 1, 1, 8, 0)),
])
@pytest.mark.usefixtures("machine_zone")
def test_source_date_epoch_is_read_as_beijing_time(monkeypatch: pytest.MonkeyPatch, epoch: str,
                                                   moment: dt.datetime) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert source_date() == moment
    assert source_date_epoch() == epoch.strip()


@pytest.mark.parametrize("epoch", ["", "  ", "1.5", "-1", "yesterday", "1e9"])
def test_a_source_date_epoch_that_is_no_whole_number_of_seconds_is_no_date(monkeypatch: pytest.MonkeyPatch,
                                                                           epoch: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert source_date() is None


def test_without_source_date_epoch_there_is_no_fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert source_date() is None and source_date_epoch() == ""


def test_a_content_key_is_stable_and_the_same_for_text_and_its_utf8() -> None:
    assert content_key("八陡镇", b"x") == content_key("八陡镇", b"x")
    assert content_key("八陡镇") == content_key("八陡镇".encode())
    assert len(content_key()) == 64 and int(content_key(), 16) >= 0


def test_a_content_key_tells_where_one_part_ends_and_the_next_begins() -> None:
    assert content_key("ab", "c") != content_key("a", "bc")
    assert content_key("abc") != content_key("ab", "c")
    assert content_key("", "a") != content_key("a", "")


def test_a_content_key_changes_with_reportsites_version(monkeypatch: pytest.MonkeyPatch) -> None:
    before = content_key("report")
    monkeypatch.setattr(digest, "__version__", "999.0.0")
    assert content_key("report") != before


def test_a_file_digest_is_the_sha256_of_its_bytes(tmp_path: Path) -> None:
    (tmp_path / "abc").write_bytes(b"abc")
    (tmp_path / "empty").write_bytes(b"")
    # the test vectors of FIPS 180-2
    assert file_digest(tmp_path / "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert file_digest(tmp_path / "empty") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_the_code_digest_is_one_sha256_for_one_source_tree() -> None:
    assert code_digest() == code_digest()
    assert len(code_digest()) == 64


@pytest.mark.parametrize(("raw", "text"), [
    (b"---\ntitle: a\n---\n", "---\ntitle: a\n---\n"),
    (b"\xef\xbb\xbf---\n", "---\n"),  # the BOM Windows Notepad writes
    (b"a\r\nb\r\n", "a\nb\n"),       # Windows newlines
    (b"a\rb\r", "a\nb\n"),           # old Mac newlines
    ("八陡镇\r\n".encode(), "八陡镇\n"),
])
def test_report_text_is_utf8_with_unix_newlines(raw: bytes, text: str) -> None:
    assert utf8_text(raw) == text


def test_a_file_that_is_not_utf8_is_refused() -> None:
    with pytest.raises(UnicodeDecodeError):
        utf8_text("八陡镇".encode("gbk"))


@pytest.mark.parametrize(("text", "end"), [
    ("---\ntitle: a\n---\nbody", 2),
    ("---\ntitle: a\nseries: b\n...\nbody", 3),   # YAML's document end closes it too
    ("---  \ntitle: a\n  ---\nbody", 2),          # spaces around the marker
    ("---\n---\n", 1),                            # empty front matter
    ("title: a\n---\n", None),                    # does not open with ---
    ("\n---\ntitle: a\n---\n", None),             # not on the first line
    ("---\ntitle: a\nbody", None),                # never closed
    ("", None),
])
def test_where_the_front_matter_ends(text: str, end: int | None) -> None:
    assert front_matter_end(text) == end
