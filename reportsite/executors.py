"""Where PDF rendering runs: warm local worker processes (the default) or a Dask cluster.

A province-wide portal has tens of thousands of PDFs at about 0.2 s each, hours
on one machine, so rendering can be sent to an existing Dask distributed
cluster. Jobs are plain strings and the result is bytes, so any worker with
reportsite, WeasyPrint and the same fonts installed can render them.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

from .errors import Problem

ExecutorFactory = Callable[[int], AbstractContextManager[concurrent.futures.Executor]]


class ExecutorProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def local_processes(workers: int, warm_up: Callable[[], None]) -> ExecutorFactory:
    """One forked process per core, each warmed up once before its first job."""

    @contextmanager
    def factory(jobs: int) -> Iterator[concurrent.futures.Executor]:
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(min(workers, jobs), mp_context=context,
                                                    initializer=warm_up) as pool:
            yield pool

    return factory


def dask_cluster(address: str) -> ExecutorFactory:
    """The workers of an existing Dask scheduler, e.g. tcp://10.0.0.5:8786."""

    @contextmanager
    def factory(jobs: int) -> Iterator[concurrent.futures.Executor]:
        try:
            from distributed import Client
        except ImportError:
            raise ExecutorProblem(Problem("--executor dask", None, "dask is not installed: "
                                          "`.venv/bin/pip install 'dask[distributed]'`")) from None
        try:
            client = Client(address, timeout="15s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise ExecutorProblem(Problem("--scheduler", None, f"cannot reach the Dask scheduler at {address} "
                                          f"({exc}); start one with `dask scheduler` and workers with "
                                          "`dask worker ADDRESS`")) from None
        try:
            yield client.get_executor(pure=False)
        finally:
            client.close()

    return factory
