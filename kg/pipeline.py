"""``kg.build``: files in, ``graph.ttl``, ``graph.html`` and ``report.html`` out.

The whole pipeline in order; every stage is a plain function of the previous
stage's values (see ``kg/model.py``)::

    read_inputs -> split_articles (per file) -> extract (per article) -> to_triples -> Turtle

With a cache (``cache=True`` or a folder, see :mod:`kg.cache`) each stage's result is
kept by content hash: an unchanged corpus is not laid out or extracted again, an
edited article is re-extracted alone. Extraction runs in ``workers`` processes (see
:mod:`kg.parallel`) or on a Dask cluster (``dask=ADDRESS``, :mod:`kg.distributed`);
the graph is the same byte for byte whichever way it ran.

>>> import tempfile
>>> result = build(output=tempfile.mkdtemp(), workers=1)   # the bundled sample corpus
>>> result.articles, result.skipped, result.extracted
(3, (), 3)
>>> result.graph_path.name
'graph.ttl'
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Sequence

from rdflib import Graph
from rdflib.namespace import RDF

from kg.atomic import atomic_write_bytes, atomic_write_text
from kg.cache import Cache, default_cache_dir, key, source_fingerprint
from kg.ingest import read_inputs, split_articles
from kg.model import ENTITY_CLASSES, Article, Document, Extraction, Skipped
from kg.rdf.graph import Triple, to_graph, to_triples
from kg.rdf.namespace import GH
from kg.rdf.turtle import serialize_turtle
from kg.resources import seed_corpus

DEFAULT_OUTPUT = Path("output")

#: The sources each cached value depends on, besides its input (see kg/cache.py).
LAYOUT_SOURCES = ("ingest/*.py", "model.py")
EXTRACT_SOURCES = ("extract/**/*.py", "model.py")
GRAPH_SOURCES = LAYOUT_SOURCES + EXTRACT_SOURCES + ("rdf/*.py", "pipeline.py", "cache.py", "parallel.py")


@dataclass(frozen=True, eq=False)
class BuildResult:
    """What a build produced: counts, the files written, what was skipped and the log."""

    output: Path
    articles: int
    entities: dict[str, int]  # per class of the four
    triples: tuple[Triple, ...] = field(repr=False)
    skipped: tuple[Skipped, ...]
    log: tuple[str, ...] = field(repr=False)
    seconds: float = 0.0
    extracted: int = 0  # articles run through the extractors in this build
    cached: int = 0  # articles whose extraction came from the cache
    reused_graph: bool = False  # the whole graph came from the cache (nothing changed)

    @property
    def graph_path(self) -> Path:
        return self.output / "graph.ttl"

    @property
    def html_path(self) -> Path:
        return self.output / "graph.html"

    @property
    def report_path(self) -> Path:
        return self.output / "report.html"

    @property
    def log_path(self) -> Path:
        return self.output / "build.log"

    @cached_property
    def graph(self) -> Graph:
        """The graph as an rdflib Graph (built on first use)."""
        return to_graph(self.triples)

    @property
    def ok(self) -> bool:
        """True when every input was read."""
        return not self.skipped


def build(paths: Sequence[str | Path] | None = None, output: str | Path = DEFAULT_OUTPUT, *,
          html: bool = True, progress: Callable[[str], None] | None = None,
          workers: int | None = None, cache: bool | str | Path | Cache | None = None,
          dask=None, tick: Callable[[int, int], None] | None = None,
          max_file_bytes: int | None = None) -> BuildResult:
    """Build the graph of ``paths`` (files or folders; default: the bundled sample corpus)
    and write it under ``output``.

    ``workers``: extraction processes (default: one per core; 1 runs in this process).
    ``cache``: None/False for none, True for the default folder (:func:`kg.cache.default_cache_dir`),
    or a folder. ``dask``: a Dask scheduler address (or Client) to extract on instead of a pool.
    ``progress(message)`` hears about each step, ``tick(done, total)`` about each article extracted.
    ``max_file_bytes``: files larger than this are skipped unread (default: ``$KG_MAX_FILE_SIZE`` or 10 MB).
    """
    from kg.extract import load_lexicon  # the heavy stage, imported when used
    from kg.parallel import default_workers

    started = time.perf_counter()
    say = progress or (lambda _msg: None)
    output = Path(output)
    paths = list(paths) if paths else [seed_corpus()]
    store = _open_cache(cache)
    workers = workers or default_workers()

    docs, skipped = read_inputs(paths, max_bytes=max_file_bytes)
    skipped_log = [f"{s.path}: skipped: {s.reason}" for s in skipped]
    lexicon = load_lexicon()
    doc_keys = [key("layout", source_fingerprint(*LAYOUT_SOURCES), d.path, d.source, d.encoding, d.text)
                for d in docs]
    graph_key = key("graph", source_fingerprint(*GRAPH_SOURCES), lexicon.fingerprint, *doc_keys)

    memo = store.get("graph", graph_key) if store else None
    if memo is not None:
        say(f"{len(docs)} input file(s) unchanged since a cached build: reusing its graph")
        atomic_write_bytes(output / "graph.ttl", memo["turtle"])
        result = BuildResult(output=output, articles=memo["articles"], entities=memo["entities"],
                             triples=memo["triples"], skipped=tuple(skipped),
                             log=tuple(skipped_log + memo["log"]), cached=memo["articles"], reused_graph=True)
    else:
        articles, log = lay_out(docs, doc_keys, store)
        say(f"read {len(articles)} articles from {len(paths)} input(s), {len(skipped)} skipped")
        log.extend(lexicon.log)
        extractions, extracted = extract_all(articles, lexicon, workers=workers, store=store, dask=dask,
                                             tick=tick or _say_every(say, 100))
        for ex in extractions:
            log.extend(ex.log)
        triples, rdf_log = to_triples(articles, extractions)
        log.extend(rdf_log)
        turtle = serialize_turtle(triples).encode("utf-8")
        atomic_write_bytes(output / "graph.ttl", turtle)
        result = BuildResult(output=output, articles=len(articles), entities=count_entities(triples),
                             triples=tuple(triples), skipped=tuple(skipped), log=tuple(skipped_log + log),
                             extracted=extracted, cached=len(articles) - extracted)
        if store:
            store.put("graph", graph_key, {"articles": result.articles, "entities": result.entities,
                                           "triples": result.triples, "turtle": turtle, "log": log})
            store.prune("graph", keep=8)
    say(f"wrote {len(result.triples)} triples to {result.graph_path}")

    if html:
        from kg.report import write_report
        from kg.viz import write_explorer

        write_explorer(result.graph, result.html_path)
        write_report(result.graph, result.report_path)
        say(f"wrote {result.html_path} and {result.report_path}")
    skipped_lines = [f"skipped {s.path}: {s.reason}" for s in skipped]
    atomic_write_text(result.log_path, "\n".join(skipped_lines + list(result.log)) + "\n")
    object.__setattr__(result, "seconds", time.perf_counter() - started)
    return result


def lay_out(docs: Sequence[Document], doc_keys: Sequence[str], store: Cache | None) -> tuple[list[Article], list[str]]:
    """Every document's Articles and ingestion log lines, from the cache where it has them.

    The log lines are those :func:`kg.ingest.ingest` writes for a document.
    """
    articles: list[Article] = []
    log: list[str] = []
    for doc, k in zip(docs, doc_keys):
        hit = store.get("layout", k) if store else None
        if hit is None:
            found = split_articles(doc)
            lines = [f"{doc.source}: read as {doc.encoding}"] if doc.encoding not in ("utf-8", "utf-8-sig") else []
            lines.append(f"{doc.source}: {len(found)} article(s)")
            for a in found:
                lines.extend(a.log)
            hit = (tuple(found), tuple(lines))
            if store:
                store.put("layout", k, hit)
        articles.extend(hit[0])
        log.extend(hit[1])
    return articles, log


def extract_all(articles: Sequence[Article], lexicon, *, workers: int = 1, store: Cache | None = None,
                dask=None, tick: Callable[[int, int], None] | None = None) -> tuple[list[Extraction], int]:
    """One Extraction per article, in order, and how many were extracted (not cached)."""
    fp = key(source_fingerprint(*EXTRACT_SOURCES), lexicon.fingerprint)
    keys = [key("extract", fp, repr(a)) for a in articles]
    results: list[Extraction | None] = [store.get("extract", k) if store else None for k in keys]
    results = [r if isinstance(r, Extraction) else None for r in results]
    todo = [i for i, r in enumerate(results) if r is None]
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if tick:
            tick(done, len(todo))

    def keep(j: int, ex: Extraction) -> None:
        i = todo[j]
        results[i] = ex
        if store:
            store.put("extract", keys[i], ex)

    if tick:
        tick(0, len(todo))
    batch = [articles[i] for i in todo]
    if dask is not None and batch:
        from kg.distributed import extract_dask

        extract_dask(dask, batch, lexicon, tick=advance, on_result=keep)
    elif workers > 1 and len(batch) > 1:
        from kg.parallel import extract_pool

        extract_pool(batch, lexicon, workers, tick=advance, on_result=keep)
    else:
        from kg.parallel import extract_serial

        extract_serial(batch, lexicon, tick=advance, on_result=keep)
    return results, len(todo)  # type: ignore[return-value]


def _open_cache(cache) -> Cache | None:
    if cache is None or cache is False:
        return None
    if isinstance(cache, Cache):
        return cache
    return Cache(default_cache_dir() if cache is True else cache)


def _say_every(say: Callable[[str], None], n: int) -> Callable[[int, int], None]:
    """A ``tick`` that says how far extraction got each time another ``n`` articles are done."""
    said = 0

    def tick(done: int, total: int) -> None:
        nonlocal said
        if done - said >= n or (done == total and said < done and total >= n):
            said = done
            say(f"extracted {done}/{total} articles")
    return tick


def count_entities(triples) -> dict[str, int]:
    """Entities per class of the four, from the graph's rdf:type triples."""
    classes = {GH[c]: c for c in ENTITY_CLASSES}
    counts = Counter(classes[o] for _, p, o in triples if p == RDF.type and o in classes)
    return {c: counts.get(c, 0) for c in ENTITY_CLASSES}
