"""The build cache only ever saves time: a cache that cannot be written, read or kept small never
fails a build or leaves stale files published, and nothing in the output is taken on trust.

Each test reproduces what a maintainer hit (issue 12): a read-only cache over its size cap failed the
build after the site was already swapped in, a cache written by another user (0600 entries) stopped
every PDF build, a hand edit of the search index survived rebuilds, and manifests of folders long
gone stayed in the cache forever.
"""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import SiteDir, snapshot, without_root_powers

REPORT = "content/2023/badou-key-work.md"
PDF = "2023/badou-key-work/badou-key-work.pdf"
CACHE_OFF = "cannot be written (full or read-only)"


def edit_report(site: SiteDir, old: str, new: str) -> None:
    path = site.root / REPORT
    site.write(REPORT, path.read_text(encoding="utf-8").replace(old, new))


def build_as_a_user(site: SiteDir, *args: str, pdf_cache_bytes: int | None = None) -> subprocess.CompletedProcess[str]:
    """A build in its own process without root's powers over file modes, so a read-only or unreadable
    cache is what it is for a maintainer; optionally with a smaller cap on the PDF cache."""
    cap = f"reportsite.pipeline.PDF_CACHE_BYTES = {pdf_cache_bytes}; " if pdf_cache_bytes is not None else ""
    code = (f"import sys, reportsite.pipeline; {cap}from reportsite.commands import main; "
            "sys.exit(main(['build', *sys.argv[1:]]))")
    return subprocess.run([*without_root_powers(), sys.executable, "-c", code, "--config", str(site.root / "config.yaml"),
                           *args], capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)


def set_tree_mode(root: Path, files: int, folders: int) -> None:
    for path in [root, *root.rglob("*")]:
        path.chmod(folders if path.is_dir() else files)


def test_a_read_only_cache_over_its_cap_still_builds(site: SiteDir) -> None:
    """Pruning a read-only cache raised after the swap: the build said it failed and blamed a cache file,
    though the new site was already published."""
    assert site.build("--no-search").code == 0
    edit_report(site, "20.69", "20.70")
    assert site.build("--no-search").code == 0  # the cache now holds a PDF the output no longer uses
    edit_report(site, "20.70", "20.71")
    cache = site.root / ".reportsite-cache"
    before = snapshot(cache)
    set_tree_mode(cache, 0o444, 0o555)
    try:
        done = build_as_a_user(site, "--no-search", pdf_cache_bytes=0)
    finally:
        set_tree_mode(cache, 0o644, 0o755)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count(CACHE_OFF) == 1 and "cannot read" not in done.stderr and "Traceback" not in done.stderr
    assert (site.output / PDF).read_bytes().startswith(b"%PDF")
    assert snapshot(cache) == before


def test_cache_entries_this_user_cannot_read_are_rendered_again(site: SiteDir, tmp_path: Path) -> None:
    """A cache written by another user (a build run once with sudo, or by CI) holds 0600 entries: every PDF
    build then stopped with "cannot read this file" instead of rendering the PDFs itself."""
    assert site.build("--no-search").code == 0
    entries = list((site.root / ".reportsite-cache/pdf").rglob("*.pdf"))
    assert entries
    for entry in entries:
        entry.chmod(0o000)
    other = tmp_path / "other"
    done = build_as_a_user(site, "--no-search", "--out", str(other))
    assert done.returncode == 0, done.stderr
    assert "cannot read" not in done.stderr and "Traceback" not in done.stderr
    assert "1 PDFs rendered" in done.stdout + done.stderr
    assert (other / PDF).read_bytes() == (site.output / PDF).read_bytes()


def full_disk_in(folder: Path):  # type: ignore[no-untyped-def]
    """A NamedTemporaryFile whose writes fail with ENOSPC inside `folder`, as on a full disk."""
    real = tempfile.NamedTemporaryFile

    def named_temporary_file(*args, **kwargs):  # type: ignore[no-untyped-def]
        file = real(*args, **kwargs)
        if Path(file.name).is_relative_to(folder):
            def full(data: bytes) -> int:
                raise OSError(errno.ENOSPC, "No space left on device")
            file.write = full
        return file

    return named_temporary_file


def test_a_full_cache_still_publishes_every_pdf(site: SiteDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache is on a full disk (its own, or a quota): PDFs go straight into the site, with one warning,
    and the error never blames output/."""
    reference = tmp_path / "reference"
    assert site.build("--no-search", "--out", str(reference)).code == 0
    cache = site.root / ".reportsite-cache"
    shutil.rmtree(cache)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", full_disk_in(cache))
    run = site.build("--no-search")
    assert run.code == 0, run.err
    assert run.err.count(CACHE_OFF) == 1 and "cannot write the site" not in run.err
    assert (site.output / PDF).read_bytes() == (reference / PDF).read_bytes()
    assert not list(cache.rglob("*.pdf")) and not [p for p in cache.rglob("*") if p.is_file()]


def test_a_hand_edit_of_the_search_index_is_undone(site: SiteDir) -> None:
    """The search index was linked from the current output whenever no page changed, so an edit of
    pagefind/'s files (same size) survived every rebuild, and the no-op path then kept it for good."""
    assert site.build("--no-pdf").code == 0
    script = site.output / "pagefind/pagefind-ui.js"
    original = script.read_bytes()
    script.write_bytes(original.replace(b"function", b"FUNCTION", 1))
    assert script.read_bytes() != original and script.stat().st_size == len(original)
    assert site.build("--no-pdf").code == 0
    assert script.read_bytes() == original
    assert site.build("--no-pdf").code == 0
    assert script.read_bytes() == original


def test_manifests_of_folders_that_are_gone_are_pruned(site: SiteDir, tmp_path: Path) -> None:
    """Every `check` run used to leave a manifest keyed by its temporary folder; a build now drops the
    manifests of output folders that no longer exist, keeping its own and those of folders still there."""
    kept, gone = tmp_path / "kept", tmp_path / "gone"
    for out in (kept, gone):
        assert site.build("--no-pdf", "--no-search", "--out", str(out)).code == 0
    manifests = site.root / ".reportsite-cache/manifest"
    assert len(list(manifests.rglob("*.json"))) == 2
    shutil.rmtree(gone)
    assert site.build("--no-pdf", "--no-search").code == 0
    assert len(list(manifests.rglob("*.json"))) == 2  # output/'s and kept/'s
    assert "(0 rendered)" in site.build("--no-pdf", "--no-search", "--out", str(kept)).out  # its manifest stayed


def test_a_cache_entry_pruned_by_another_build_meanwhile_is_rendered(site: SiteDir, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Two builds into two folders share the cache; one prunes it while the other, which has just
    found a PDF there, is rendering the rest. The PDF was gone when copied, and the build failed."""
    assert site.build("--no-search").code == 0
    from reportsite.output.cache import BuildCache

    real = BuildCache.readable

    def pruned_right_after(self: BuildCache, kind: str, key: str, suffix: str = "") -> bool:
        found = real(self, kind, key, suffix)
        self.path(kind, key, suffix).unlink(missing_ok=True)
        return found

    monkeypatch.setattr(BuildCache, "readable", pruned_right_after)
    other = tmp_path / "other"
    run = site.build("--no-search", "--out", str(other))
    assert run.code == 0, run.err
    assert "1 PDFs rendered, 0 reused" in run.out + run.err
    assert (other / PDF).read_bytes() == (site.output / PDF).read_bytes()


def test_what_a_build_killed_while_caching_leaves_is_removed_by_the_next(site: SiteDir) -> None:
    """A build killed between writing a cache entry and renaming it into place left its temporary file
    in the cache, where no pruning ever looked: every such kill added one for good."""
    killed = subprocess.run([sys.executable, "-c", "import os, signal, sys; import reportsite.output.cache as cache; "
                             "cache.os.replace = lambda *_: os.kill(os.getpid(), signal.SIGKILL); "
                             "from reportsite.commands import main; sys.exit(main(['build', *sys.argv[1:]]))",
                             "--config", str(site.root / "config.yaml"), "--no-search"],
                            capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    assert killed.returncode == -9, killed.stderr
    cache = site.root / ".reportsite-cache"
    assert [p for p in cache.rglob("*") if p.is_file()]  # what the kill left
    assert site.build("--no-search").code == 0
    left = sorted(p.relative_to(cache).parts[0] + ":" + p.suffix for p in cache.rglob("*") if p.is_file())
    assert left == ["manifest:.json", "pdf:.pdf"]


def test_the_cache_sweep_leaves_the_preview_alone(site: SiteDir) -> None:
    """The live preview and its staging folders live in the cache's folder. The sweep for temporary
    files walked into them, and when `serve` was removing the previous preview meanwhile, the
    vanished folder failed the rebuild after its new site was already in place."""
    cache = site.root / ".reportsite-cache"
    dead = ".writing-999999999-0"  # a pid no process has
    preview_files = [cache / "preview/2023" / dead, cache / ".preview.staging-1-old/2023" / dead]
    for path in [*preview_files, cache / "pdf/ab" / dead]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    assert site.build("--no-search").code == 0
    assert all(path.is_file() for path in preview_files)
    assert not (cache / "pdf/ab" / dead).exists()  # the cache's own leftovers still go


def test_a_build_with_nothing_to_do_does_not_repeat_the_cache_warning(site: SiteDir) -> None:
    """With only the PDF folder of the cache read-only, the manifest is still saved, and the next build,
    which has nothing to do, replayed "N PDF(s) were written straight into the site" about PDFs it never made."""
    assert site.build("--no-search").code == 0
    edit_report(site, "20.69", "20.70")
    pdfs = site.root / ".reportsite-cache/pdf"
    set_tree_mode(pdfs, 0o444, 0o555)
    try:
        first = build_as_a_user(site, "--no-search")
        again = build_as_a_user(site, "--no-search")
    finally:
        set_tree_mode(pdfs, 0o644, 0o755)
    assert first.returncode == 0 and first.stderr.count(CACHE_OFF) == 1, first.stderr
    assert again.returncode == 0 and "(0 rendered)" in again.stdout + again.stderr, again.stderr
    assert CACHE_OFF not in again.stderr
