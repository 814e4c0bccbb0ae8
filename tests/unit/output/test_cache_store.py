"""The build cache keeps rendered files by key: what is put is what is got, a half-written entry is never
read back as an entry, and pruning keeps the newest entries the build still uses within the cap."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reportsite.output.cache import BuildCache

KEY_A = "a1" + "0" * 62
KEY_B = "b2" + "0" * 62
KEY_C = "c3" + "0" * 62


def aged(cache: BuildCache, key: str, data: bytes, seconds_ago: int) -> None:
    """An entry put `seconds_ago` seconds before now, as an earlier build would have left it."""
    assert cache.put("pdf", key, data, ".pdf")
    when = 1_700_000_000 - seconds_ago
    os.utime(cache.path("pdf", key, ".pdf"), (when, when))


def test_what_is_put_under_a_key_is_got_back_under_it_and_only_it(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    assert cache.put("pdf", KEY_A, b"%PDF-1.7 first", ".pdf") is True
    assert cache.put("pdf", KEY_B, b"%PDF-1.7 second", ".pdf") is True
    assert cache.get("pdf", KEY_A, ".pdf") == b"%PDF-1.7 first"
    assert cache.get("pdf", KEY_B, ".pdf") == b"%PDF-1.7 second"
    assert cache.get("pdf", KEY_C, ".pdf") is None
    assert cache.get("pdf", KEY_A) is None  # the suffix is part of the entry's name
    assert cache.readable("pdf", KEY_A, ".pdf") and not cache.readable("pdf", KEY_C, ".pdf")


def test_entries_live_under_their_kind_and_a_two_character_shard(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    cache.put("manifest", KEY_A, b"{}", ".json")
    assert (tmp_path / "cache" / "manifest" / "a1" / f"{KEY_A}.json").read_bytes() == b"{}"


def test_putting_again_replaces_the_entry_whole(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    cache.put("pdf", KEY_A, b"a much longer first version of the entry", ".pdf")
    cache.put("pdf", KEY_A, b"short", ".pdf")
    assert cache.get("pdf", KEY_A, ".pdf") == b"short"


def test_an_unknown_kind_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(AssertionError):
        BuildCache(tmp_path / "cache").put("html", KEY_A, b"<p>")


def test_a_half_written_entry_is_never_read_back(tmp_path: Path) -> None:
    """A build killed while writing leaves only its temporary file, which is no entry's name."""
    cache = BuildCache(tmp_path / "cache")
    shard = tmp_path / "cache" / "pdf" / KEY_A[:2]
    shard.mkdir(parents=True)
    (shard / ".writing-999999999-x1y2").write_bytes(b"%PDF-1.7 trunc")
    assert cache.get("pdf", KEY_A, ".pdf") is None
    assert cache.open("pdf", KEY_A, ".pdf") is None
    cache.remove_leftovers()  # pid 999999999 is no running build
    assert list(shard.iterdir()) == []


def test_a_failed_write_leaves_neither_the_entry_nor_a_temporary_file(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    cache = BuildCache(tmp_path / "cache")

    def full_disk(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    assert cache.put("pdf", KEY_A, b"%PDF-1.7", ".pdf") is False
    monkeypatch.undo()
    assert cache.get("pdf", KEY_A, ".pdf") is None
    assert list((tmp_path / "cache" / "pdf" / KEY_A[:2]).iterdir()) == []


def test_a_leftover_of_a_running_build_is_kept(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    shard = tmp_path / "cache" / "pdf" / KEY_A[:2]
    shard.mkdir(parents=True)
    mine = shard / f".writing-{os.getpid()}-x1y2"
    mine.write_bytes(b"being written")
    cache.remove_leftovers()
    assert mine.exists()


def test_prune_drops_the_oldest_unused_entries_until_the_rest_fit(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    aged(cache, KEY_A, b"x" * 100, seconds_ago=300)  # oldest
    aged(cache, KEY_B, b"x" * 100, seconds_ago=200)
    aged(cache, KEY_C, b"x" * 100, seconds_ago=100)  # newest
    cache.prune("pdf", keep=set(), max_bytes=250, suffix=".pdf")
    assert cache.get("pdf", KEY_A, ".pdf") is None
    assert cache.get("pdf", KEY_B, ".pdf") == b"x" * 100
    assert cache.get("pdf", KEY_C, ".pdf") == b"x" * 100


def test_prune_keeps_what_the_build_uses_even_when_it_is_the_oldest(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    aged(cache, KEY_A, b"x" * 100, seconds_ago=300)
    aged(cache, KEY_B, b"x" * 100, seconds_ago=200)
    aged(cache, KEY_C, b"x" * 100, seconds_ago=100)
    cache.prune("pdf", keep={KEY_A}, max_bytes=150, suffix=".pdf")
    assert cache.get("pdf", KEY_A, ".pdf") == b"x" * 100
    assert cache.get("pdf", KEY_B, ".pdf") is None
    assert cache.get("pdf", KEY_C, ".pdf") is None


def test_prune_within_the_cap_drops_nothing(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    aged(cache, KEY_A, b"x" * 100, seconds_ago=300)
    aged(cache, KEY_B, b"x" * 100, seconds_ago=200)
    cache.prune("pdf", keep=set(), max_bytes=200, suffix=".pdf")
    assert cache.get("pdf", KEY_A, ".pdf") == b"x" * 100 and cache.get("pdf", KEY_B, ".pdf") == b"x" * 100


def test_prune_of_a_cache_never_written_does_nothing(tmp_path: Path) -> None:
    BuildCache(tmp_path / "no-cache").prune("pdf", keep=set(), max_bytes=0, suffix=".pdf")
    assert not (tmp_path / "no-cache").exists()
