"""The output writer: a whole site or the previous one, never a mix; leftovers cleaned up."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import SiteDir, snapshot
from reportsite.output.writer import StagedOutput


def test_failed_render_leaves_previous_output_and_no_staging(tmp_path: Path) -> None:
    out = tmp_path / "output"
    with StagedOutput(out) as writer:
        writer.write_text("index.html", "old")
        writer.commit()
    with pytest.raises(RuntimeError):
        with StagedOutput(out) as writer:
            writer.write_text("index.html", "new")
            raise RuntimeError("renderer crashed")
    assert (out / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_commit_replaces_the_whole_tree(tmp_path: Path) -> None:
    out = tmp_path / "output"
    with StagedOutput(out) as writer:
        writer.write_text("gone.html", "x")
        writer.commit()
    with StagedOutput(out) as writer:
        writer.write_text("a/index.html", "y")
        writer.commit()
    assert snapshot(out).keys() == {"a/index.html", ".reportsite-output"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_leftover_staging_of_a_killed_build_is_removed(tmp_path: Path) -> None:
    dead = tmp_path / ".output.staging-999999999"
    dead.mkdir()
    (dead / "half.html").write_text("half")
    with StagedOutput(tmp_path / "output") as writer:
        writer.commit()
    assert not dead.exists()


def test_build_twice_is_byte_identical(site: SiteDir) -> None:
    """The second build renders everything again (--clean, into another folder): an unchanged site
    would take the no-op path and compare the first build with itself."""
    first = site.build()
    assert first.code == 0 and "(10 rendered)" in first.out and "1 PDFs rendered, 0 reused" in first.out
    again = site.root / "again"
    second = site.build("--clean", "--out", str(again))
    assert second.code == 0
    assert "(10 rendered)" in second.out and "1 PDFs rendered, 0 reused" in second.out
    assert snapshot(again) == snapshot(site.output)


def test_unwritable_output_parent_is_a_clear_error(site: SiteDir, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        target = Path("/proc/reportsite-output")  # not writable even for root
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        target = locked / "output"
    run = site.build("--out", str(target))
    assert run.code == 1
    assert "cannot write the site:" in run.err and "Traceback" not in run.err
