"""Forked workers: results come back in order, a worker's error reaches the parent intact, and workers
leave Ctrl+C and SIGTERM to the parent and never outlive it."""

from __future__ import annotations

import ctypes
import multiprocessing
import signal
import time
from collections.abc import Sequence

import pytest

from reportsite.core.problems import Problems, Problem
from reportsite.runtime.executors import in_order, local_processes
from reportsite.runtime.parallel import fork_map

# Signals and kills sent to real builds, and their timing: one at a time, on one worker (pytest-xdist).
pytestmark = pytest.mark.xdist_group("signals")


def total(share: Sequence[int]) -> int:
    return sum(share)


def test_shares_cover_every_item_once() -> None:
    items = list(range(1000))
    results = fork_map(total, items, workers=2, minimum=10)
    assert len(results) == 2 and sum(results) == sum(items)


@pytest.mark.parametrize("error, shown", [
    (Problems([Problem("templates/report.html", 3, "template error: division by zero")]),
     "templates/report.html:3: template error: division by zero"),
    (Problems([Problem("content/2023/a.md", None, "the file changed while the site was being built")]),
     "content/2023/a.md: the file changed while the site was being built"),
])
def test_a_workers_error_arrives_with_its_problems(error: Exception, shown: str) -> None:
    def fail_in_worker(share: Sequence[int]) -> int:
        if 0 in share:  # only the first share, which a forked child renders
            raise error
        return sum(share)

    with pytest.raises(type(error)) as raised:
        fork_map(fail_in_worker, list(range(200)), workers=2, minimum=10)
    problems = raised.value.problems
    assert all(isinstance(p, Problem) for p in problems)
    assert str(problems[0]) == shown


def dispositions(share: object) -> tuple[object, object, int]:
    """How a process treats Ctrl+C and SIGTERM, and the signal it gets when its parent dies."""
    death = ctypes.c_int(0)
    ctypes.CDLL(None).prctl(2, ctypes.byref(death), 0, 0, 0)  # PR_GET_PDEATHSIG
    return signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM), death.value


@pytest.mark.usefixtures("ctrl_c_as_in_a_terminal")  # the parent's SIGINT must not be inherited ignored
def test_page_workers_leave_stop_signals_to_the_parent_and_die_with_it() -> None:
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    child, parent = fork_map(dispositions, list(range(200)), workers=2, minimum=10)
    assert child == (signal.SIG_IGN, signal.SIG_IGN, signal.SIGKILL)
    assert parent == dispositions(()) and parent[0] is not signal.SIG_IGN
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == mask  # forking held the signals only briefly


def test_pdf_workers_leave_stop_signals_to_the_parent_and_die_with_it() -> None:
    with local_processes(2, lambda: None)(2) as pool:
        found = list(in_order(pool, dispositions, [0, 1]))
    assert found == [(signal.SIG_IGN, signal.SIG_IGN, signal.SIGKILL)] * 2


def test_pdf_workers_are_killed_when_the_work_stops_early() -> None:
    """Ctrl+C in the parent must not wait for queued jobs, nor for a job that never ends."""
    with pytest.raises(KeyboardInterrupt):
        with local_processes(2, lambda: None)(4) as pool:
            for _ in range(4):
                pool.submit(time.sleep, 3600)
            workers = multiprocessing.active_children()
            raise KeyboardInterrupt
    assert len(workers) == 2 and not any(worker.is_alive() for worker in workers)
