"""Two real builds into one output folder, and config keys that would name a folder outside the site.

tests/test_trust_output.py holds the lock in the test process; here both sides are real builds, as
when an editor runs `build` while CI does.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SiteDir

# Signals and kills sent to real builds, and their timing: one at a time, on one worker (pytest-xdist).
pytestmark = pytest.mark.xdist_group("signals")

FAST = ("--no-pdf", "--no-search")
PAGE = "2023/badou-key-work/index.html"


def _start_build(site: SiteDir, *args: str) -> subprocess.Popen[str]:
    """A build as a maintainer starts it, with its output read line by line as it is printed."""
    return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--config", str(site.root / "config.yaml"),
                             *FAST, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            stdin=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1", "CI": "true"})


def _first_line(build: subprocess.Popen[str]) -> str:
    assert build.stdout is not None
    return build.stdout.readline()


def test_a_second_real_build_names_the_first_and_waits_for_it(site: SiteDir) -> None:
    """The first build is frozen (SIGSTOP) while it holds the lock, so the second must meet it."""
    first = _start_build(site)
    second: subprocess.Popen[str] | None = None
    try:
        assert "reading content" in _first_line(first)  # printed once the lock is held
        os.kill(first.pid, signal.SIGSTOP)
        second = _start_build(site, "--quiet")  # even a quiet build says why it does not finish
        waiting = _first_line(second)
        assert f"another build (pid {first.pid}) is writing {site.output}; waiting" in waiting
        assert second.poll() is None and not site.output.exists()
        os.kill(first.pid, signal.SIGCONT)
        assert first.wait(timeout=300) == 0
        assert second.wait(timeout=300) == 0
    finally:
        for build in (first, second):
            if build is not None and build.poll() is None:
                os.kill(build.pid, signal.SIGCONT)
                build.kill()
                build.wait()
    assert (site.output / PAGE).is_file() and (site.output / ".reportsite-output").is_file()
    assert [p.name for p in site.root.iterdir() if p.name.startswith(".output.staging")] == []


def test_a_publisher_key_that_is_not_a_slug_is_named_on_its_own_line(site: SiteDir) -> None:
    config = (site.root / "config.yaml").read_text(encoding="utf-8")
    site.write("config.yaml", config + '  "../../escaped":\n    name: 越界\n')  # line 14, below badou's 11–13
    run = site.build(*FAST)
    assert run.code == 1
    assert ("config.yaml:14: publisher key `../../escaped` must be lower-case letters, digits and hyphens"
            in run.err), run.err
    assert "such as `escaped`: it becomes the address of the publisher's page; rename it" in run.err
    assert not (site.root.parent / "escaped").exists() and not site.output.exists()


def test_a_failed_build_names_the_folder_it_left_unchanged(site: SiteDir, tmp_path: Path) -> None:
    """The summary said "output/ was left unchanged" whatever --out named."""
    site.write("content/2023/badou-key-work.md", (site.root / "content/2023/badou-key-work.md").read_text(
        encoding="utf-8").replace("issued: 2024-01-15", "issued: 2024-02-30"))
    run = site.build(*FAST, "--out", str(tmp_path / "www"))
    assert run.code == 1
    assert run.err.rstrip().endswith(f"build failed: 1 error(s); {tmp_path / 'www'}/ was left unchanged")


def test_a_mount_point_is_refused_before_anything_is_built(site: SiteDir, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A mount point (a Docker volume, /srv/www on its own disk) cannot be renamed: the swap failed
    with "Device or resource busy" after a whole build. It is refused up front, with the way out."""
    volume = tmp_path / "www"
    volume.mkdir()
    real_ismount = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda path: Path(path) == volume or real_ismount(path))
    run = site.build(*FAST, "--out", str(volume))
    assert run.code == 1
    assert (f"{volume}: cannot be the output folder: it is a mount point, which cannot be swapped for a new "
            f"folder, and a build replaces the whole folder; build into a folder inside it (--out {volume}/site) "
            "and serve that") in run.err
    assert list(volume.iterdir()) == [] and list(tmp_path.glob(".www.staging-*")) == []
    assert site.build(*FAST, "--out", str(volume / "site")).code == 0


def test_a_symbolic_link_that_loops_is_refused_and_kept(site: SiteDir, tmp_path: Path) -> None:
    """It was an internal error (Python's RuntimeError from resolve), and a rename would replace the link."""
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    run = site.build(*FAST, "--out", str(tmp_path / "a"))
    assert run.code == 1
    assert f"{tmp_path / 'a'}: cannot be the output folder: it is a symbolic link that loops back on itself" in run.err
    assert "internal error" not in run.err
    assert os.readlink(tmp_path / "a") == str(tmp_path / "b")
