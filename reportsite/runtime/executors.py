"""Where PDF rendering runs: warm local worker processes (the default) or a Dask cluster.

A province-wide portal has tens of thousands of PDFs at about 0.2 s each, hours
on one machine, so rendering can be sent to an existing Dask distributed
cluster. Jobs are plain strings and the result is bytes, so any worker with
reportsite, WeasyPrint and the same fonts installed can render them.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, TypeVar

from reportsite.core.problems import Problem, Problems
from reportsite.core.i18n import msg
from reportsite.runtime.signals import become_worker, signals_held

Job = TypeVar("Job")

ExecutorFactory = Callable[[int], AbstractContextManager[concurrent.futures.Executor]]


def in_order(pool: concurrent.futures.Executor, function: Callable[[Job], Any], jobs: Iterable[Job]) -> Iterator[Any]:
    """pool.map, except that leaving early cancels nothing: the pool's owner stops the workers.

    With fork, a local pool forks all its workers at the first submit, so no signal may run the
    parent's handlers in a child before it ignores them. Cancelling futures and then killing the
    workers makes Python 3.11's pool raise InvalidStateError in its manager thread, a traceback.
    """
    with signals_held():
        futures = [pool.submit(function, job) for job in jobs]
    for future in futures:
        yield future.result()


def _start_worker(parent: int, warm_up: Callable[[], None]) -> None:
    become_worker(parent)
    warm_up()


def _stop_workers(pool: concurrent.futures.ProcessPoolExecutor) -> None:
    """Kill the workers at once: waiting would render every queued job, and a worker stuck in
    WeasyPrint would hold the build forever. The pool then breaks and shuts down by itself."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()
    pool.shutdown(wait=True)


def local_processes(workers: int, warm_up: Callable[[], None]) -> ExecutorFactory:
    """One forked process per core, each warmed up once before its first job; the workers are
    killed when the work stops early (Ctrl+C, SIGTERM, an error) and die with this process."""

    @contextmanager
    def factory(jobs: int) -> Iterator[concurrent.futures.Executor]:
        context = multiprocessing.get_context("fork")
        pool = concurrent.futures.ProcessPoolExecutor(min(workers, jobs), mp_context=context,
                                                      initializer=_start_worker, initargs=(os.getpid(), warm_up))
        try:
            yield pool
        except BaseException:
            with signals_held():
                _stop_workers(pool)
            raise
        pool.shutdown(wait=True)

    return factory


def dask_cluster(address: str) -> ExecutorFactory:
    """The workers of an existing Dask scheduler, e.g. tcp://10.0.0.5:8786."""

    @contextmanager
    def factory(jobs: int) -> Iterator[concurrent.futures.Executor]:
        try:
            from distributed import Client
        except ImportError:
            raise Problems([Problem("--executor dask", None, msg(
                "executor.dask_missing", "dask is not installed: `.venv/bin/pip install 'dask[distributed]'`"))]
            ) from None
        try:
            client = Client(address, timeout="15s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise Problems([Problem("--scheduler", None, msg(
                "executor.scheduler_unreachable", "cannot reach the Dask scheduler at {address} ({error}); start one "
                "with `dask scheduler` and workers with `dask worker ADDRESS`", address=address, error=str(exc)))]
            ) from None
        try:
            yield client.get_executor(pure=False)
        finally:
            client.close()

    return factory
