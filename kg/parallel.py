"""Run the pure per-article extractor over many articles: in this process or in a pool.

``extract_all`` returns one Extraction per article, in input order, whatever the
number of workers, so the graph does not depend on it. The lexicon goes to each
worker once (the pool initializer), articles go in chunks of similar size, largest
first, so that one long statute does not keep a worker busy at the end.

>>> from kg.model import Article, Extraction
>>> arts = [Article(id=str(i), title="t", source="s", text="x" * i) for i in range(1, 6)]
>>> [len(c) for c in chunk_by_size(arts, range(5), target=6)]
[1, 1, 3]
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Callable, Sequence

from kg.model import Article, Extraction

Tick = Callable[[int], None]

_LEXICON = None  # set in each worker by _init_worker


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def chunk_by_size(articles: Sequence[Article], indices, target: int) -> list[list[int]]:
    """``indices`` in chunks of about ``target`` characters, the longest articles first."""
    order = sorted(indices, key=lambda i: -len(articles[i].text))
    chunks: list[list[int]] = []
    size = 0
    for i in order:
        n = len(articles[i].text)
        if not chunks or size + n > target:
            chunks.append([])
            size = 0
        chunks[-1].append(i)
        size += n
    return chunks


def extract_serial(articles: Sequence[Article], lexicon, tick: Tick | None = None,
                   on_result: Callable[[int, Extraction], None] | None = None) -> list[Extraction]:
    """Extract ``articles`` one after the other in this process."""
    from kg.extract import extract

    out = []
    for i, article in enumerate(articles):
        out.append(extract(article, lexicon))
        if on_result:
            on_result(i, out[-1])
        if tick:
            tick(1)
    return out


def keep_results(found: list[tuple[int, Extraction]], results: list, tick: Tick | None = None,
                 on_result: Callable[[int, Extraction], None] | None = None) -> None:
    """Put one finished chunk's ``(index, extraction)`` pairs in place and report them."""
    for i, ex in found:
        results[i] = ex
        if on_result:
            on_result(i, ex)
    if tick:
        tick(len(found))


def _init_worker(lexicon) -> None:
    global _LEXICON
    _LEXICON = lexicon


def _extract_chunk(chunk: list[tuple[int, Article]]) -> list[tuple[int, Extraction]]:
    from kg.extract import extract

    return [(i, extract(a, _LEXICON)) for i, a in chunk]


def extract_pool(articles: Sequence[Article], lexicon, workers: int, tick: Tick | None = None,
                 on_result: Callable[[int, Extraction], None] | None = None) -> list[Extraction]:
    """Extract ``articles`` in a pool of ``workers`` processes; results in input order.

    ``on_result(i, extraction)`` is called in this process as each one arrives (the
    cache stores it there, so a killed build keeps what it finished).
    """
    total_chars = sum(len(a.text) for a in articles)
    # About 8 chunks per worker balances the load; 20k characters keeps the per-task cost small.
    target = max(20_000, total_chars // (workers * 8))
    chunks = chunk_by_size(articles, range(len(articles)), target)
    results: list[Extraction | None] = [None] * len(articles)
    forking = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    if forking:
        from kg.extract import warm_up

        warm_up(lexicon)  # forked workers inherit the tokenizer instead of each loading it
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context,
                             initializer=_init_worker, initargs=(lexicon,)) as pool:
        pending = {pool.submit(_extract_chunk, [(i, articles[i]) for i in c]) for c in chunks}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                keep_results(fut.result(), results, tick, on_result)
    return results  # type: ignore[return-value]
