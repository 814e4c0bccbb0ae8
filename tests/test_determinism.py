"""The output depends on the content only: not on the clock, the time zone, the locale or hash seeds.

The example site is built twice from cold caches in subprocesses that differ in
TZ, locale, PYTHONHASHSEED and working folder; every file must be byte-identical,
PDFs, catalog.json, feed.xml, sitemap.xml and Pagefind's index included. The one
date content cannot give, the feed's own <updated>, follows SOURCE_DATE_EPOCH and
nothing else.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GOOD_REPORT, MINIMAL_CONFIG, ROOT, snapshot

# The module's sites are built once: the fixture lives for the session, since tests of other modules
# run between this one's on its worker (pytest-xdist), which would tear a module fixture down.
pytestmark = pytest.mark.xdist_group("determinism")

ENVIRONMENTS = {
    "first": {"TZ": "UTC", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "1"},
    "second": {"TZ": "Pacific/Kiritimati", "LC_ALL": "C", "PYTHONHASHSEED": "4242"},  # UTC+14: another day
}


def build(site: Path, out: Path, cwd: Path, clean: bool = True, **env: str) -> None:
    """A build from a cold cache (unless `clean` is False), without SOURCE_DATE_EPOCH unless given."""
    if clean:
        shutil.rmtree(site / ".reportsite-cache", ignore_errors=True)
    base = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "TZ", "LC_ALL", "LANG")}
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--config", str(site / "config.yaml"),
                           "--out", str(out), "--quiet"], cwd=cwd, env={**base, **env},
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example site (config.yaml and content/ copied, so the repository's cache is not touched), built twice."""
    site = tmp_path_factory.mktemp("determinism") / "site"
    site.mkdir()
    shutil.copy(ROOT / "config.yaml", site / "config.yaml")
    shutil.copytree(ROOT / "content", site / "content")
    outs = {}
    for name, env in ENVIRONMENTS.items():
        outs[name] = site.parent / f"out-{name}"
        build(site, outs[name], cwd=site if name == "first" else site.parent, **env)
    outs["site"] = site
    return outs


def differences(a: Path, b: Path) -> list[str]:
    first, second = snapshot(a), snapshot(b)
    return sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))


def test_two_clean_builds_are_byte_identical(builds: dict[str, Path]) -> None:
    first = snapshot(builds["first"])
    assert any(name.endswith(".pdf") for name in first)
    assert {"catalog.json", "feed.xml", "sitemap.xml", "robots.txt"} <= first.keys()
    site_files = [name for name in differences(builds["first"], builds["second"]) if not name.startswith("pagefind/")]
    assert site_files == []


def test_pagefind_index_is_identical(builds: dict[str, Path]) -> None:
    first = {k: v for k, v in snapshot(builds["first"]).items() if k.startswith("pagefind/")}
    second = {k: v for k, v in snapshot(builds["second"]).items() if k.startswith("pagefind/")}
    assert first, "no search index was built"
    assert sorted(first) == sorted(second), "Pagefind wrote different file names"
    assert first == second, "Pagefind wrote the same files with different bytes"


def test_source_date_epoch_changes_only_the_feed_updated(builds: dict[str, Path]) -> None:
    out = builds["site"].parent / "out-epoch"
    build(builds["site"], out, cwd=builds["site"], clean=False, SOURCE_DATE_EPOCH="1700000000",
          **ENVIRONMENTS["first"])
    assert differences(builds["first"], out) == ["feed.xml"]
    before = (builds["first"] / "feed.xml").read_text(encoding="utf-8").splitlines()
    after = (out / "feed.xml").read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.unified_diff(before, after, n=0, lineterm="")
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(changed) == 2 and all("<updated>" in line for line in changed), changed
    assert changed[1].strip() == "+  <updated>2023-11-15T06:13:20+08:00</updated>"
    feed_level = [i for i, line in enumerate(after) if "<updated>" in line][0]
    assert feed_level < [i for i, line in enumerate(after) if "<entry>" in line][0]


def test_rebuild_with_another_source_date_epoch_updates_the_feed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content/2023").mkdir(parents=True)
    (site / "config.yaml").write_text(MINIMAL_CONFIG, encoding="utf-8")
    (site / "content/2023/badou-key-work.md").write_text(GOOD_REPORT, encoding="utf-8")
    # The epochs in China Standard Time, worked out by hand: 1700000000 is 2023-11-14 22:13:20 UTC.
    for epoch, shown in (("1700000000", "2023-11-15T06:13:20+08:00"), ("1800000000", "2027-01-15T16:00:00+08:00")):
        build(site, site / "output", cwd=site, clean=False, SOURCE_DATE_EPOCH=epoch, TZ="UTC")
        feed = (site / "output/feed.xml").read_text(encoding="utf-8")
        updated = re.search(r"<updated>(.*?)</updated>", feed)
        assert updated and updated[1] == shown
