"""What the build may replace, and what it publishes and reuses: nothing lost, nothing stale.

Each test here reproduces a defect a maintainer hit: a wiped folder, PDFs the web server could not
read, a cache corrupted through the output, a hand edit that survived, a cache that grew forever.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SiteDir, snapshot, without_root_powers

FAST = ("--no-pdf", "--no-search")
PAGE = "2023/badou-key-work/index.html"
PDF = "2023/badou-key-work/badou-key-work.pdf"


def test_a_folder_reportsite_did_not_write_is_refused_and_kept(site: SiteDir, tmp_path: Path) -> None:
    """`--out /srv/www` holding another site exited 0 and replaced it."""
    target = tmp_path / "www"
    (target / "css").mkdir(parents=True)
    (target / "index.html").write_text("<p>另一个网站</p>", encoding="utf-8")
    (target / "css/site.css").write_text("p {}", encoding="utf-8")
    before = snapshot(target)
    run = site.build(*FAST, "--out", str(target))
    assert run.code == 1
    assert str(target) in run.err and "did not write" in run.err and "choose an empty or new folder" in run.err
    assert "Traceback" not in run.err
    assert snapshot(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "www"]  # no staging left beside it


def test_an_empty_folder_and_an_earlier_build_may_be_replaced(site: SiteDir, tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    assert site.build(*FAST, "--out", str(target)).code == 0
    assert (target / PAGE).is_file() and (target / ".reportsite-output").is_file()
    site.write("content/2023/badou-key-work.md",
               (site.root / "content/2023/badou-key-work.md").read_text(encoding="utf-8").replace("20.69", "20.70"))
    assert site.build(*FAST, "--out", str(target)).code == 0
    assert "20.70" in (target / PAGE).read_text(encoding="utf-8")


def test_check_and_preview_folders_obey_the_same_rule(site: SiteDir) -> None:
    """serve's preview folder is a StagedOutput like any other: a stranger's files there are kept."""
    preview = site.root / ".reportsite-cache/preview"
    preview.mkdir(parents=True)
    (preview / "notes.txt").write_text("mine", encoding="utf-8")
    run = site.build(*FAST, "--out", str(preview))
    assert run.code == 1 and (preview / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_publisher_key_cannot_write_outside_the_site(site: SiteDir, tmp_path: Path) -> None:
    config = (site.root / "config.yaml").read_text(encoding="utf-8")
    site.write("config.yaml", config.replace("  badou:\n", '  "../../escaped":\n    name: 越界\n    code: ""\n  badou:\n'))
    run = site.build(*FAST)
    assert run.code == 1
    assert "config.yaml:" in run.err and "publisher key `../../escaped`" in run.err and "lower-case letters" in run.err
    assert not list(tmp_path.rglob("escaped"))


def test_every_write_goes_through_the_path_authority(tmp_path: Path) -> None:
    from reportsite.core.problems import Problems
    from reportsite.output.writer import StagedOutput

    with StagedOutput(tmp_path / "output") as writer:
        for bad in ("../x.html", "/etc/x", "a/../../x"):
            with pytest.raises(Problems):
                writer.write_text(bad, "x")
    assert sorted(p.name for p in tmp_path.rglob("*")) == []


def _umask_build(site: SiteDir, mask: int, *args: str) -> None:
    old = os.umask(mask)
    try:
        assert site.build("--no-search", *args).code == 0
    finally:
        os.umask(old)


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_pdfs_get_the_same_mode_as_the_pages(site: SiteDir, mask: int, mode: int) -> None:
    _umask_build(site, mask)
    _umask_build(site, mask, "--clean")  # a rebuild that takes the PDF from the cache
    for name in (PAGE, PDF):
        assert stat.S_IMODE((site.output / name).stat().st_mode) == mode, name


def test_the_output_shares_no_file_with_the_cache(site: SiteDir) -> None:
    assert site.build("--no-search").code == 0
    site.write("content/2023/badou-key-work.md",
               (site.root / "content/2023/badou-key-work.md").read_text(encoding="utf-8").replace("20.69", "20.71"))
    assert site.build("--no-search").code == 0
    assert site.build("--no-search", "--clean").code == 0
    cache = {(p.stat().st_dev, p.stat().st_ino) for p in (site.root / ".reportsite-cache").rglob("*") if p.is_file()}
    output = {(p.stat().st_dev, p.stat().st_ino) for p in site.output.rglob("*") if p.is_file()}
    assert cache and output and not cache & output
    # what rsync --inplace does to a published PDF must not reach the cache
    with open(site.output / PDF, "r+b") as published:
        published.write(b"XXXX")
    site.write("content/2023/other.md", (site.root / "content/2023/badou-key-work.md").read_text(encoding="utf-8")
               .replace("5432138", "5432139").replace("八陡镇2023年度重点工作情况", "另一份报告"))
    assert site.build("--no-search").code == 0
    assert (site.output / PDF).read_bytes().startswith(b"%PDF")


def test_a_hand_edit_of_the_same_size_is_undone_by_the_next_build(site: SiteDir) -> None:
    assert site.build(*FAST).code == 0
    page = site.output / PAGE
    original = page.read_text(encoding="utf-8")
    page.write_text(original.replace("20.69亿元", "66.66亿元"), encoding="utf-8")
    assert site.build(*FAST).code == 0  # nothing changed in the sources: the no-op path
    assert page.read_text(encoding="utf-8") == original
    other = site.output / "2023/index.html"
    other.write_text(other.read_text(encoding="utf-8").replace("2024", "2042"), encoding="utf-8")
    site.write("content/2023/new.md", (site.root / "content/2023/badou-key-work.md").read_text(encoding="utf-8")
               .replace("5432138", "5432140").replace("20.69亿元", "1亿元").replace("series: 年度重点工作情况", "series: 其他"))
    page.write_text(original.replace("20.69亿元", "66.66亿元"), encoding="utf-8")
    assert site.build(*FAST).code == 0  # an incremental build: the report page is reused, not re-rendered
    assert page.read_text(encoding="utf-8") == original


def test_a_read_only_cache_still_publishes_every_pdf(site: SiteDir) -> None:
    cache = site.root / ".reportsite-cache"
    cache.mkdir()
    cache.chmod(0o555)
    try:
        done = subprocess.run([*without_root_powers(), sys.executable, str(ROOT / "build.py"), "--config",
                               str(site.root / "config.yaml"), "--no-search"], capture_output=True, text=True,
                              timeout=600, stdin=subprocess.DEVNULL)
    finally:
        cache.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert (site.output / PDF).read_bytes().startswith(b"%PDF")
    assert done.stderr.count("cannot be written") == 1 and "Traceback" not in done.stderr


def test_check_leaves_nothing_in_the_cache(site: SiteDir) -> None:
    assert site.build(*FAST).code == 0
    cache = site.root / ".reportsite-cache"
    before = snapshot(cache)
    from conftest import run_main

    for _ in range(2):
        assert run_main("check", "--config", str(site.root / "config.yaml")).code == 0
    assert snapshot(cache) == before


def test_unused_pdfs_are_pruned_once_the_cache_is_over_its_cap(site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> None:
    import reportsite.pipeline

    monkeypatch.setattr(reportsite.pipeline, "PDF_CACHE_BYTES", 0)
    report = site.root / "content/2023/badou-key-work.md"
    for figure in ("20.70", "20.71", "20.72"):
        report.write_text(report.read_text(encoding="utf-8").replace("20.69", figure).replace("20.70", figure)
                          .replace("20.71", figure), encoding="utf-8")
        assert site.build("--no-search").code == 0
    entries = list((site.root / ".reportsite-cache/pdf").rglob("*.pdf"))
    assert len(entries) == 1  # only the PDF the current output uses


def test_a_second_build_waits_for_the_first(site: SiteDir, tmp_path: Path) -> None:
    """Holding the lock as a running build does, a second build waits, then builds a whole site."""
    from reportsite.output.writer import output_lock

    command = [sys.executable, str(ROOT / "build.py"), "--config", str(site.root / "config.yaml"), *FAST]
    with output_lock(site.output, lambda _: None):
        second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                  stdin=subprocess.DEVNULL)
        assert second.stdout is not None
        first_line = second.stdout.readline()
        assert "another build" in first_line and "is writing" in first_line
        assert second.poll() is None and not site.output.exists()
    rest = second.stdout.read()
    assert second.wait(timeout=300) == 0, rest
    assert (site.output / PAGE).is_file()
    assert sorted(p.name for p in site.root.iterdir() if p.name.startswith(".output.staging")) == []


def test_a_killed_build_does_not_hold_the_lock(site: SiteDir) -> None:
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                               "from reportsite.output.writer import output_lock; "
                               "lock = output_lock(Path(sys.argv[1]), print); lock.__enter__(); "
                               "print('held', flush=True); time.sleep(600)", str(site.output)],
                              stdout=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    assert site.build(*FAST).code == 0  # flock died with the holder: no wait, no stale lock


def test_a_site_built_before_the_stamp_still_rebuilds(site: SiteDir) -> None:
    assert site.build(*FAST).code == 0
    (site.output / ".reportsite-output").unlink()
    assert site.build(*FAST, "--clean").code == 0
    assert (site.output / ".reportsite-output").is_file()
