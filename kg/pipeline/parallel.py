"""Run a pure per-item function over many items: in a pool of worker processes.

``pool_map(fn, sizes, workers, on_result)`` calls ``fn(i)`` for every item index in
worker processes and hands each result to ``on_result(i, result)`` in this process as
it arrives. The function (with the data it closes over) goes to each worker once, at
start-up, and is inherited for free where processes fork; tasks are chunks of indices
of similar total size, largest items first, so that one long statute does not keep a
worker busy at the end. The caller puts results in input order, so nothing downstream
depends on the number of workers. A worker ends itself when the build that started it
dies, even by SIGKILL, which gives the pool no chance to stop it (see
:func:`exit_with_parent`).

>>> [len(c) for c in chunk_by_size([1, 2, 3, 4, 5], target=6)]
[1, 1, 3]
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Any


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def forks() -> bool:
    """Whether pool workers start as forks of this process (and so inherit its memory)."""
    return "fork" in multiprocessing.get_all_start_methods()


def chunk_by_size(sizes: Sequence[int], target: int, workers: int = 1, least: int = 0) -> list[list[int]]:
    """The indices of ``sizes`` in chunks of about ``target`` in total, the largest first.

    With ``workers`` > 1 the last chunks are smaller: once what is left would make fewer
    than two chunks per worker, each new chunk takes a ``2 * workers``-th of what is left
    (but at least ``least``), so that the workers run out of work at about the same time
    instead of one of them finishing a whole chunk alone at the end.

    >>> [len(c) for c in chunk_by_size([1] * 24, target=4)]
    [4, 4, 4, 4, 4, 4]
    >>> [len(c) for c in chunk_by_size([1] * 24, target=4, workers=2, least=2)]
    [4, 4, 4, 3, 2, 2, 2, 2, 1]
    """
    order = sorted(range(len(sizes)), key=lambda i: -sizes[i])
    left = sum(sizes)
    chunks: list[list[int]] = []
    size = goal = 0
    for i in order:
        n = sizes[i]
        if not chunks or size + n > goal:
            chunks.append([])
            size = 0
            goal = target if workers < 2 else min(target, max(least, left // (2 * workers)))
        chunks[-1].append(i)
        size += n
        left -= n
    return chunks


_FN: Callable | None = None  # set in each worker by _init_worker

#: prctl(2) option: the signal this process gets when its parent dies (Linux).
PR_SET_PDEATHSIG = 1
#: How often (seconds) a worker's watchdog thread checks that its parent is alive.
WATCH_EVERY = 0.5


def _init_worker(fn: Callable, parent: int) -> None:
    global _FN
    _FN = fn
    exit_with_parent(parent)


def exit_with_parent(parent: int) -> None:
    """End this process as soon as ``parent`` (the pid that started it) is gone.

    On Linux the kernel sends SIGKILL when the parent dies (``PR_SET_PDEATHSIG``); a
    daemon thread also polls ``os.getppid()`` (an orphan is given a new parent), for other
    systems and in case the parent died before the request was made.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no libc prctl: the thread does it
            pass
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="kg-watch-parent", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(WATCH_EVERY)
        if os.getppid() != parent:
            os._exit(1)


def _run_chunk(chunk: list[int]) -> list[tuple[int, object]]:
    assert _FN is not None, "not a pool worker"
    with cyclic_gc_paused():  # as in the parent: per-file work makes no cycles
        return [(i, _FN(i)) for i in chunk]


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: for layout, extraction and the graph stage,
    which make millions of tuples, strings, dataclasses and rdflib terms and no reference
    cycles (none are left to collect after the laws corpus), while each collection walks
    the whole young heap and, now and then, every Article and Extraction kept so far
    (1.3-1.5 s of a laws build outside the graph stage). Reference counting still frees
    everything as usual; collection resumes when the block ends, with what the block made
    and kept in the oldest generation (``gc.freeze`` then ``gc.unfreeze``: moved there
    without being walked), since the first young collection after it would walk all of
    it (0.1 s after a laws build) to find nothing; a later full collection still does.

    >>> with cyclic_gc_paused():
    ...     gc.isenabled()
    False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


#: Characters of the smallest chunks a pool is given at its end (see :func:`chunk_by_size`):
#: some hundredths of a second of work, against about a millisecond per task.
LAST_CHUNK = 10_000


def chunk_target(total: int, workers: int) -> int:
    """Characters per task: about 16 tasks per worker balance the load and keep progress
    moving; at least 20k keeps the per-task cost small, at most 1M keeps a huge corpus
    reporting progress every few seconds."""
    return min(max(20_000, total // (workers * 16)), 1_000_000)


def side_by_side(tasks: Sequence[Callable[[], Any]]) -> list[Any]:
    """Run ``tasks`` at the same time and return their results in order: the first in this
    process, each other one in a forked child that inherits everything the task uses
    (nothing is pickled but the results). Where processes do not fork, one after another.

    >>> side_by_side([lambda: 1 + 1, lambda: "two"])
    [2, 'two']
    """
    if len(tasks) < 2 or not forks():
        return [task() for task in tasks]

    def run(i: int) -> Any:
        return tasks[i]()

    with ProcessPoolExecutor(max_workers=len(tasks) - 1, mp_context=multiprocessing.get_context("fork"),
                             initializer=_init_worker, initargs=(run, os.getpid())) as pool:
        others = [pool.submit(_run_chunk, [i]) for i in range(1, len(tasks))]
        first = tasks[0]()
        return [first] + [f.result()[0][1] for f in others]


def pool_map(fn: Callable[[int], Any], sizes: Sequence[int], workers: int,
             on_result: Callable[[int, Any], None], meanwhile: Callable[[], Any] | None = None) -> None:
    """Call ``fn(i)`` for ``i`` in ``range(len(sizes))`` in ``workers`` processes.

    ``on_result(i, value)`` runs in this process as each result arrives, in the order
    they finish (the progress bar hears of finished work there). ``meanwhile()`` runs in
    this process once the workers have started, before the first result is handled: work
    the caller needs next and the workers do not (what it imports, say, they never load).
    """
    chunks = chunk_by_size(sizes, chunk_target(sum(sizes), workers), workers, least=LAST_CHUNK)
    context = multiprocessing.get_context("fork" if forks() else "spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context,
                             initializer=_init_worker, initargs=(fn, os.getpid())) as pool:
        pending = {pool.submit(_run_chunk, c) for c in chunks}
        if meanwhile is not None:
            meanwhile()
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                for i, value in fut.result():
                    on_result(i, value)
