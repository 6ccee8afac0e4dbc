"""Extraction on a Dask cluster (dask.distributed): the same pure per-article function.

Layout runs here (it is cheap) and so does the cache; the Articles the cache has no
Extraction for travel to the cluster in chunks of similar size (see :func:`kg.pipeline.parallel.chunk_by_size`), the
lexicon is broadcast to every worker once, and results come back to their places, so
the graph equals the one a local build writes. The workers need ``gonghui-kg``
installed (same version); nothing else is shared with them, not even a file system.

Start a cluster with ``dask scheduler`` on one machine and ``dask worker tcp://HOST:8786``
on each of the others, then ``kg build ARCHIVE --dask tcp://HOST:8786``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kg.model import Article, Document, Extraction
from kg.pipeline.cache import Cache
from kg.pipeline.documents import DocumentResult, OpenDocument, Tick, close_document, open_document
from kg.pipeline.parallel import chunk_by_size, chunk_target


def _extract_chunk(chunk: list[tuple[int, Article]], lexicon) -> list[tuple[int, Extraction]]:
    from kg.extract import extract

    return [(i, extract(a, lexicon)) for i, a in chunk]


def process_documents_dask(address, docs: Sequence[Document], keys: Sequence[str] | None, lexicon, *,
                           store: Cache | None = None, tick: Tick | None = None) -> list[DocumentResult]:
    """What :func:`kg.pipeline.documents.process_documents` returns, extracting on the Dask
    scheduler at ``address`` (``tcp://host:8786``) or through a ``distributed.Client``,
    which is then used and left open."""
    opened = [open_document(doc, keys[i] if keys else None, lexicon, store) for i, doc in enumerate(docs)]
    gather = _Gather(opened, store, tick)
    todo = [j for j, x in enumerate(gather.found) if x is None]
    if tick:
        tick(0, len(docs), 0)
    gather.close([d for d in range(len(docs)) if not gather.missing[d]])
    if todo:
        _extract_on_cluster(address, lexicon, [(j, gather.flat[j][1]) for j in todo], gather.receive)
    return gather.results  # type: ignore[return-value]


class _Gather:
    """The Extractions of every Article, those the cache had and those coming back from the
    cluster; each document is closed (cached, so a killed build keeps it, and counted) as
    soon as its last one is in."""

    def __init__(self, opened: list[OpenDocument], store: Cache | None, tick: Tick | None) -> None:
        self.opened, self.store, self.tick = opened, store, tick
        self.flat = [(d, a) for d, o in enumerate(opened) for a in o.articles]
        self.found: list[Extraction | None] = [x for o in opened for x in o.found]
        self.missing = [0] * len(opened)  # per document: Extractions still to come
        for d, x in zip((d for d, _ in self.flat), self.found):
            self.missing[d] += x is None
        self.starts = [0]  # document d's Articles are flat[starts[d]:starts[d + 1]]
        for o in opened:
            self.starts.append(self.starts[-1] + len(o.articles))
        self.results: list[DocumentResult | None] = [None] * len(opened)
        self.files = self.articles = 0

    def receive(self, extracted: list[tuple[int, Extraction]]) -> None:
        """Extractions by their index among all Articles; documents now complete are closed."""
        finished = []
        for j, ex in extracted:
            self.found[j] = ex
            d = self.flat[j][0]
            self.missing[d] -= 1
            if not self.missing[d]:
                finished.append(d)
        self.close(finished)

    def close(self, doc_indices: list[int]) -> None:
        if not doc_indices:
            return
        for d in doc_indices:
            done = [x for x in self.found[self.starts[d]:self.starts[d + 1]] if x is not None]  # all in, by the count
            self.results[d] = close_document(self.opened[d], done, self.store)
            self.files += 1
            self.articles += len(self.opened[d].articles)
        if self.tick:
            self.tick(self.files, len(self.opened), self.articles)


def _extract_on_cluster(address, lexicon, items: list[tuple[int, Article]],
                        receive: Callable[[list[tuple[int, Extraction]]], None]) -> None:
    """Extract the numbered Articles ``items`` on the cluster, in chunks of similar size,
    the lexicon broadcast once; ``receive`` gets each chunk's results as it finishes."""
    from dask.distributed import Client, as_completed

    own = not isinstance(address, Client)
    client = Client(address, set_as_default=False) if own else address
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        sizes = [len(a.text) for _, a in items]
        chunks = chunk_by_size(sizes, chunk_target(sum(sizes), workers))
        lex = client.scatter(lexicon, broadcast=True)
        futures = [client.submit(_extract_chunk, [items[c] for c in chunk], lex, pure=False) for chunk in chunks]
        with client.as_current():
            for fut in as_completed(futures):
                receive(fut.result())
                fut.release()
    finally:
        if own:
            client.close()
