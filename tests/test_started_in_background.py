"""The suite passes however it is started: here, the signal tests as `pytest … &` runs them."""

from __future__ import annotations

import signal
import subprocess
import sys

from conftest import ROOT


def test_signal_tests_pass_with_sigint_ignored_as_in_a_background_job() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_signals.py", "-k", "ctrl_c"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))  # noqa: PLW1509 - tests only
    assert done.returncode == 0, done.stdout[-3000:]
    assert " passed" in done.stdout and "failed" not in done.stdout
