"""The suite's own promise: tests marked with one `xdist_group` run on one worker (pyproject.toml's
`--dist loadgroup`). The signal, preview and shared-site tests depend on it; a pytest or
pytest-xdist upgrade once broke it silently (pytest-xdist#1386), so it is checked here."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT

# Starts a pytest of its own with two workers; alone on its worker, so it does not crowd the others.
pytestmark = pytest.mark.xdist_group("grouping-check")

GROUPED = textwrap.dedent("""
    import os
    import pytest

    pytestmark = pytest.mark.xdist_group("together")

    @pytest.mark.parametrize("n", range(6))
    def test_records_its_worker(n, tmp_path_factory):
        out = tmp_path_factory.getbasetemp().parent.parent / "workers.txt"
        with out.open("a") as f:
            f.write(os.environ["PYTEST_XDIST_WORKER"] + "\\n")
""")


def test_one_group_runs_on_one_worker_across_modules(tmp_path: Path) -> None:
    for name in ("test_first.py", "test_second.py"):
        (tmp_path / name).write_text(GROUPED, encoding="utf-8")
    (tmp_path / "test_apart.py").write_text("def test_apart():\n    pass\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(ROOT / "pyproject.toml"),
         "--rootdir", str(tmp_path), "-n", "2", "--basetemp", str(tmp_path / "tmp"), str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    workers = (tmp_path / "workers.txt").read_text(encoding="utf-8").split()
    assert len(workers) == 12
    assert len(set(workers)) == 1, f"one xdist_group ran on several workers: {sorted(set(workers))}"

