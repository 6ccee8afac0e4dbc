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

from collections.abc import Sequence

from kg.model import Article, Document, Extraction
from kg.pipeline.cache import Cache
from kg.pipeline.documents import DocumentResult, Tick, close_document, open_document
from kg.pipeline.parallel import chunk_by_size, chunk_target


def _extract_chunk(chunk: list[tuple[int, Article]], lexicon) -> list[tuple[int, Extraction]]:
    from kg.extract import extract

    return [(i, extract(a, lexicon)) for i, a in chunk]


def process_documents_dask(address, docs: Sequence[Document], keys: Sequence[str], lexicon, *,
                           store: Cache | None = None, tick: Tick | None = None) -> list[DocumentResult]:
    """What :func:`kg.pipeline.documents.process_documents` returns, extracting on the Dask
    scheduler at ``address`` (``tcp://host:8786``) or through a ``distributed.Client``,
    which is then used and left open."""
    from dask.distributed import Client, as_completed

    opened = [open_document(doc, k, lexicon, store) for doc, k in zip(docs, keys)]
    flat = [(d, a) for d, o in enumerate(opened) for a in o.articles]
    found: list[Extraction | None] = [x for o in opened for x in o.found]
    todo = [j for j, x in enumerate(found) if x is None]
    missing = [0] * len(docs)  # per document: Extractions still to come
    for j in todo:
        missing[flat[j][0]] += 1
    starts = [0]  # document d's Articles are flat[starts[d]:starts[d + 1]]
    for o in opened:
        starts.append(starts[-1] + len(o.articles))
    results: list[DocumentResult | None] = [None] * len(docs)
    files = articles = 0

    def advance(doc_indices: list[int]) -> None:
        """Documents whose every Extraction is in: cached (so a killed build keeps them) and counted."""
        nonlocal files, articles
        if not doc_indices:
            return
        for d in doc_indices:
            done = [x for x in found[starts[d]:starts[d + 1]] if x is not None]  # all in, by the count above
            results[d] = close_document(opened[d], done, store)
            files += 1
            articles += len(opened[d].articles)
        if tick:
            tick(files, len(docs), articles)

    if tick:
        tick(0, len(docs), 0)
    advance([d for d in range(len(docs)) if not missing[d]])
    if todo:
        own = not isinstance(address, Client)
        client = Client(address, set_as_default=False) if own else address
        try:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            sizes = [len(flat[j][1].text) for j in todo]
            chunks = chunk_by_size(sizes, chunk_target(sum(sizes), workers))
            lex = client.scatter(lexicon, broadcast=True)
            futures = [client.submit(_extract_chunk, [(todo[c], flat[todo[c]][1]) for c in chunk], lex, pure=False)
                       for chunk in chunks]
            with client.as_current():
                for fut in as_completed(futures):
                    finished = []
                    for j, ex in fut.result():
                        found[j] = ex
                        d = flat[j][0]
                        missing[d] -= 1
                        if not missing[d]:
                            finished.append(d)
                    advance(finished)
                    fut.release()
        finally:
            if own:
                client.close()

    return results  # type: ignore[return-value]
