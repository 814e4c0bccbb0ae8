"""The suite passes however it is started: here, the signal tests as `pytest … &` runs them."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from conftest import ROOT

# Signals and kills sent to real builds, and their timing: one at a time, on one worker (pytest-xdist).
pytestmark = pytest.mark.xdist_group("signals")


def test_signal_tests_pass_with_sigint_ignored_as_in_a_background_job() -> None:
    """The in-process signal tests: Ctrl+C sent to itself, and the parent's dispositions compared."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-v", "-n", "0", "-p", "no:cacheprovider", "tests/test_signals.py", "tests/test_parallel.py",
         "-k", "ctrl_c or stop_signals"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))  # noqa: PLW1509 - tests only
    assert done.returncode == 0, done.stdout[-3000:]
    assert " passed" in done.stdout and "failed" not in done.stdout
    ran = [line.split(" ")[0] for line in done.stdout.splitlines() if line.endswith("]") and " PASSED " in line]
    assert any(test.startswith("tests/test_signals.py::test_ctrl_c_") for test in ran), done.stdout[-3000:]
    assert "tests/test_parallel.py::test_page_workers_leave_stop_signals_to_the_parent_and_die_with_it" in ran, ran
