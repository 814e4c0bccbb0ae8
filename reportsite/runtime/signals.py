"""Ctrl+C and SIGTERM during a build: held while a step must not stop halfway, and left to the parent in
forked workers, which die with it however it dies.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: The signals that stop a build: the parent turns them into an exception, its workers ignore them.
STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})
_PR_SET_PDEATHSIG = 1



@contextmanager
def signals_held() -> Iterator[None]:
    """Defer Ctrl+C and SIGTERM until the block ends, so a step that must not stop halfway
    (forking a worker before it can ignore them, swapping output/ in) finishes first.

    Two layers, because a signal sent to the process may be delivered to any of its threads (a
    progress bar, a pool's manager): the mask keeps it pending in this thread and in a child
    forked here, and a recording handler catches one that another thread received, since
    Python runs every handler in the main thread. Either way it takes effect after the block.
    """
    caught: list[int] = []
    handlers = _record_stop_signals(caught)
    previous_mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, previous_mask)  # a pending signal is handled here
        if caught:
            _deliver(caught[0], handlers[caught[0]])


def _record_stop_signals(caught: list[int]) -> dict[int, Any]:
    """Swap in a handler that only records; returns the handlers to put back. Handlers can be set
    in the main thread only; elsewhere the mask alone holds the signals."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    handlers = {number: signal.getsignal(number) for number in STOP_SIGNALS}
    for number, handler in handlers.items():
        if handler is not signal.SIG_IGN and handler is not None:
            signal.signal(number, lambda received, frame: caught.append(received))
    return {number: handler for number, handler in handlers.items() if handler is not None}


def _deliver(number: int, handler: Any) -> None:
    """Act on a signal that arrived while held, as its own handler would have."""
    if callable(handler):
        handler(number, None)
    elif handler == signal.SIG_DFL:
        os.kill(os.getpid(), number)


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies, however the parent dies."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (AttributeError, OSError):
        pass


def become_worker(parent: int) -> None:
    """First thing in a forked worker (forked with `signals_held`): die with the parent, and leave
    Ctrl+C and SIGTERM to it, so a stopped build prints one message instead of a traceback per worker.

    A parent that died before the death signal was set can no longer send it: that worker exits now.
    """
    die_with_parent()
    if os.getppid() != parent:
        os._exit(1)
    for number in STOP_SIGNALS:
        signal.signal(number, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
