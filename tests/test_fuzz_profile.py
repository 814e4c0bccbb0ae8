"""In CI the property tests draw the same examples on every run; elsewhere they keep exploring.

A derandomised CI run can be repeated to see the same failure, and a green run is not a lucky draw.
Checked as a user sees it: the suite's own conftest, a small property test run twice in fresh
processes, and the examples it drew compared.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PROBE = '''
from pathlib import Path
from hypothesis import given, settings, strategies as st

@settings(max_examples=30, deadline=None)
@given(st.binary(min_size=8, max_size=8))
def test_draw(data: bytes) -> None:
    with open(Path(__file__).with_name("drawn.txt"), "a") as log:
        log.write(data.hex() + "\\n")
'''


def drawn_examples(folder: Path, ci: str | None) -> list[str]:
    """The examples the probe drew in one fresh pytest run with the suite's conftest, CI set or not."""
    (folder / "test_probe.py").write_text(PROBE, encoding="utf-8")
    (folder / "drawn.txt").unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": ci} if ci is not None else {})
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "tests"), str(ROOT)])
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "conftest", "-p", "no:cacheprovider",
                           "--rootdir", str(folder), str(folder / "test_probe.py")],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    drawn = (folder / "drawn.txt").read_text(encoding="utf-8").split()
    assert len(drawn) >= 10, drawn
    return drawn


def test_ci_runs_draw_the_same_examples(tmp_path: Path) -> None:
    assert drawn_examples(tmp_path, "true") == drawn_examples(tmp_path, "true")


def test_runs_outside_ci_draw_new_examples(tmp_path: Path) -> None:
    """The probe can tell: without CI, two runs of 8 random bytes x 30 do not repeat."""
    assert drawn_examples(tmp_path, None) != drawn_examples(tmp_path, None)
