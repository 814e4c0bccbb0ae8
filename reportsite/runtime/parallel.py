"""Work split across forked processes that inherit the site model instead of being sent it.

Pickling a site model to each worker would cost more than rendering it, so
children are forked after the model is built, each takes a share of the
items, writes its files directly into the staged output, and sends back only
small results through a pipe. Errors come back as values.

A worker belongs to the process that forked it: Ctrl+C and SIGTERM are the
parent's to handle (it kills its workers and says once what happened), and a
worker dies with its parent even when the parent is killed outright.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from reportsite.runtime.signals import become_worker, signals_held

Item = TypeVar("Item")
Result = TypeVar("Result")

class WorkerFailed(Exception):
    """A child raised: its exception, re-raised in the parent when it pickles, else this."""


def _child(parent: int, function: Callable[[Sequence[Any]], Any], share: Sequence[Any], pipe: Any) -> None:
    become_worker(parent)
    try:
        pipe.send(("ok", function(share)))
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
        try:
            pipe.send(("error", exc))
        except Exception:  # noqa: BLE001 - an exception that does not pickle
            pipe.send(("error", WorkerFailed("".join(traceback.format_exception(exc)))))
    finally:
        pipe.close()


def fork_map(function: Callable[[Sequence[Item]], Result], items: Sequence[Item],
             workers: int | None = None, minimum: int = 64) -> list[Result]:
    """function(share) for `workers` interleaved shares; the last share runs in this process.

    Small jobs run in this process only: forking costs more than it saves.
    """
    workers = min(workers or os.cpu_count() or 1, max(1, len(items) // minimum))
    if workers <= 1:
        return [function(items)]
    context = multiprocessing.get_context("fork")
    shares = [items[i::workers] for i in range(workers)]
    children = []
    try:
        with signals_held():
            for share in shares[:-1]:
                receive, send = context.Pipe(duplex=False)
                process = context.Process(target=_child, args=(os.getpid(), function, share, send), daemon=True)
                process.start()
                send.close()
                children.append((process, receive))
        results = [function(shares[-1])]
        for process, receive in children:
            status, value = receive.recv()
            process.join()
            if status == "error":
                raise value
            results.insert(len(results) - 1, value)
        return results
    finally:
        with signals_held():  # on any failure, Ctrl+C included, no worker may go on writing
            for process, _ in children:
                if process.is_alive():
                    process.kill()
                    process.join()
