"""Extraction on a Dask cluster (dask.distributed): the same pure per-article function.

The lexicon is broadcast to every worker once; articles travel in chunks of similar
size (see :func:`kg.parallel.chunk_by_size`); results come back in input order, so the
graph equals the one a local build writes. The workers need ``gonghui-kg`` installed
(same version); nothing else is shared with them, not even a file system.

Start a cluster with ``dask scheduler`` on one machine and ``dask worker tcp://HOST:8786``
on each of the others, then ``kg build ARCHIVE --dask tcp://HOST:8786``.
"""

from __future__ import annotations

from typing import Callable, Sequence

from kg.model import Article, Extraction
from kg.parallel import Tick, chunk_by_size, keep_results


def _extract_chunk(chunk: list[tuple[int, Article]], lexicon) -> list[tuple[int, Extraction]]:
    from kg.extract import extract

    return [(i, extract(a, lexicon)) for i, a in chunk]


def extract_dask(address, articles: Sequence[Article], lexicon, tick: Tick | None = None,
                 on_result: Callable[[int, Extraction], None] | None = None) -> list[Extraction]:
    """Extract ``articles`` on the Dask scheduler at ``address`` (``tcp://host:8786``).

    ``address`` may also be a ``distributed.Client``, which is then used and left open.
    """
    from dask.distributed import Client, as_completed

    own = not isinstance(address, Client)
    client = Client(address, set_as_default=False) if own else address
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        target = max(20_000, sum(len(a.text) for a in articles) // (workers * 8))
        chunks = chunk_by_size(articles, range(len(articles)), target)
        lex = client.scatter(lexicon, broadcast=True)
        futures = [client.submit(_extract_chunk, [(i, articles[i]) for i in c], lex, pure=False)
                   for c in chunks]
        results: list[Extraction | None] = [None] * len(articles)
        with client.as_current():
            for fut in as_completed(futures):
                keep_results(fut.result(), results, tick, on_result)
                fut.release()
        return results  # type: ignore[return-value]
    finally:
        if own:
            client.close()
