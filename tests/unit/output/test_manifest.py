"""The manifest lends the new site a file of the current output only when it was made from the same
inputs and is still the file that was written."""

from __future__ import annotations

import hashlib
from pathlib import Path

from reportsite.output.cache import BuildCache, Manifest


def written(out_dir: Path, relpath: str, data: bytes) -> str:
    (out_dir / relpath).parent.mkdir(parents=True, exist_ok=True)
    (out_dir / relpath).write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def saved_manifest(tmp_path: Path) -> tuple[BuildCache, Path]:
    cache, out_dir = BuildCache(tmp_path / "cache"), tmp_path / "output"
    manifest = Manifest(cache, out_dir)
    manifest.record({"index.html": written(out_dir, "index.html", b"<p>home</p>")}, {"index.html": "key-1"})
    manifest.save()
    return cache, out_dir


def test_a_file_is_reused_when_its_key_and_bytes_are_as_recorded(tmp_path: Path) -> None:
    cache, out_dir = saved_manifest(tmp_path)
    manifest = Manifest(cache, out_dir)
    assert manifest.reuse({"index.html": "key-1"}) == {"index.html": out_dir / "index.html"}
    assert manifest.current["index.html"][0] == "key-1"


def test_a_file_made_from_other_inputs_is_not_reused(tmp_path: Path) -> None:
    cache, out_dir = saved_manifest(tmp_path)
    assert Manifest(cache, out_dir).reuse({"index.html": "key-2"}) == {}


def test_a_tampered_output_file_is_not_reused(tmp_path: Path) -> None:
    cache, out_dir = saved_manifest(tmp_path)
    (out_dir / "index.html").write_bytes(b"<p>hom3</p>")  # same size, other bytes
    assert Manifest(cache, out_dir).reuse({"index.html": "key-1"}) == {}


def test_a_clean_build_reuses_nothing(tmp_path: Path) -> None:
    cache, out_dir = saved_manifest(tmp_path)
    assert Manifest(cache, out_dir, clean=True).reuse({"index.html": "key-1"}) == {}


def test_a_saved_manifest_loads_as_it_was_saved(tmp_path: Path) -> None:
    cache, out_dir = saved_manifest(tmp_path)
    loaded = Manifest(cache, out_dir)
    assert loaded.previous == {"index.html": ["key-1", hashlib.sha256(b"<p>home</p>").hexdigest()]}
    assert loaded.saved["out_dir"] == str(out_dir)


def test_a_throwaway_manifest_is_never_saved(tmp_path: Path) -> None:
    cache, out_dir = BuildCache(tmp_path / "cache"), tmp_path / "output"
    manifest = Manifest(cache, out_dir, keep=False)
    manifest.record({"index.html": written(out_dir, "index.html", b"x")}, {"index.html": "key-1"})
    manifest.save()
    assert Manifest(cache, out_dir).previous == {}


def test_a_folder_is_lent_whole_only_while_every_file_is_as_written(tmp_path: Path) -> None:
    cache, out_dir = BuildCache(tmp_path / "cache"), tmp_path / "output"
    written(out_dir, "pagefind/pagefind.js", b"js")
    written(out_dir, "pagefind/index/a.pf", b"index")
    manifest = Manifest(cache, out_dir)
    manifest.summary = {"files": Manifest.tree(out_dir)}
    manifest.save()
    assert Manifest(cache, out_dir).unchanged_folder("pagefind") == {
        "pagefind/index/a.pf": out_dir / "pagefind/index/a.pf", "pagefind/pagefind.js": out_dir / "pagefind/pagefind.js"}
    written(out_dir, "pagefind/extra.js", b"added by hand")
    assert Manifest(cache, out_dir).unchanged_folder("pagefind") == {}
