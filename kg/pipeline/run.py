"""``kg.build``: files in, ``graph.ttl``, ``graph.html`` and ``report.html`` out.

The whole pipeline in order; every stage is a plain function of the previous
stage's values (see ``kg/model.py``)::

    read_inputs -> split_articles (per file) -> extract (per article) -> to_triples -> Turtle

With a cache (``cache=True`` or a folder, see :mod:`kg.pipeline.cache`) each input file's
layout and extractions are kept, checked against its content: an unchanged corpus is
not laid out or extracted again, an edited article is re-extracted alone. When the file
system says the inputs have not changed since a cached build (:mod:`kg.pipeline.stamp`),
they are not even read: that build's graph.ttl is taken as it is, and its triples are
read back from it only if the pages must be drawn again. Layout and extraction run per input file in
``workers`` processes (see :mod:`kg.pipeline.documents`), or extraction runs on a Dask cluster
(``dask=ADDRESS``, :mod:`kg.pipeline.distributed`); the graph is the same byte for byte
whichever way it ran.

>>> import tempfile
>>> result = build(output=tempfile.mkdtemp(), workers=1)   # the bundled sample corpus
>>> result.articles, result.skipped, result.extracted
(3, (), 3)
>>> result.graph_path.name
'graph.ttl'
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.escape import printable
from kg.model import ENTITY_CLASSES, Document, Skipped
from kg.pipeline.cache import KEEP_GRAPHS, Cache, GraphEntry, code_fingerprint, default_cache_dir, key
from kg.pipeline.documents import DocumentResult, Tick, layout_key, process_documents, work_fingerprint
from kg.pipeline.output import staged_output
from kg.pipeline.parallel import cyclic_gc_paused
from kg.pipeline.stamp import InputsEntry, input_stamp
from kg.rdf.atomic import atomic_write_bytes, atomic_write_text, remove_stale_temp_files
from kg.resources import seed_corpus

if TYPE_CHECKING:  # rdflib and the graph stage are imported when a graph is made, not to reuse one
    from rdflib import Graph

    from kg.rdf.graph import Triple

DEFAULT_OUTPUT = Path("output")

#: The file beside the pages that keeps the key they were drawn under and the sha256 of
#: each (see ``_reuse_pages``).
PAGES_KEY = ".pages.key"
PAGES = ("graph.html", "report.html")


@dataclass(frozen=True, eq=False)
class BuildResult:
    """What a build produced: counts, the files written, what was skipped and the log."""

    output: Path
    articles: int
    entities: dict[str, int]  # per class of the four
    skipped: tuple[Skipped, ...]
    log: tuple[str, ...] = field(repr=False)
    load_triples: Callable[[], tuple[Triple, ...]] = field(repr=False)  # see ``triples``
    size: int = 0  # how many triples the graph has
    dated: int = 0  # how many of them give an article's date (dcterms:date)
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
    def triples(self) -> tuple[Triple, ...]:
        """The graph's triples, sorted (when the graph was reused from the cache, read
        back from its Turtle on first use)."""
        return self.load_triples()

    @cached_property
    def graph(self) -> Graph:
        """The graph as an rdflib Graph (built on first use)."""
        from kg.rdf.graph import to_graph

        return to_graph(self.triples)

    @property
    def ok(self) -> bool:
        """True when every input was read (files of unsupported formats found in folders aside)."""
        return not any(not s.unsupported for s in self.skipped)


def build(paths: Sequence[str | Path] | None = None, output: str | Path = DEFAULT_OUTPUT, *,
          html: bool = True, progress: Callable[[str], None] | None = None,
          workers: int | None = None, cache: bool | str | Path | Cache | None = None,
          dask=None, tick: Tick | None = None,
          max_file_bytes: int | None = None, split_level: int | None = None) -> BuildResult:
    """Build the graph of ``paths`` (files or folders; default: the bundled sample corpus)
    and write it under ``output``.

    ``workers``: processes that lay out and extract (default: one per core; 1 runs in this process).
    ``cache``: None/False for none, True for the default folder (:func:`kg.pipeline.cache.default_cache_dir`),
    or a folder. ``dask``: a Dask scheduler address (or Client) to extract on instead of a pool.
    ``progress(message)`` hears about each step, ``tick(files_done, files_total, articles_done)``
    about each input file laid out and extracted.
    ``max_file_bytes``: files larger than this are skipped unread (default: ``$KG_MAX_FILE_SIZE`` or 10 MB).
    ``split_level``: in a file bundling many stories, the heading level that starts a story
    (default: found by structure, see :mod:`kg.ingest.bundles`).
    """
    started = time.perf_counter()
    say = progress or (lambda _msg: None)
    output, store = Path(output), _open_cache(cache)
    paths = list(paths) if paths else [seed_corpus()]
    stamp = input_stamp(paths, max_file_bytes, split_level) if store else None
    known = store.get("inputs", stamp, InputsEntry) if store and stamp else None  # inputs as last time
    pool = dask is None and _workers(workers, dask) > 1
    read = None if known else _read_and_load(paths, max_file_bytes, split_level, pool=pool, keyed=bool(store),
                                             store=store, pages=html)
    # No cyclic GC from here on (see cyclic_gc_paused): besides layout, extraction and the
    # graph stage, each collection while drawing the pages walked every Article, Extraction
    # and triple still alive (0.4 s on the laws corpus, for some 15,000 objects in cycles,
    # collected once the build is done).
    with staged_output(output, say=say) as stage, cyclic_gc_paused():
        notes = _remove_stale_temp_files(output)
        reused = _cached_graph(store, known.graph, known.files, output, stage, say) if store and known else None
        if reused is not None:  # nothing read: the stamp says the inputs are as they were
            graph, skipped = reused, list(known.skipped)  # type: ignore[union-attr]
        else:
            read = read or _read_and_load(paths, max_file_bytes, split_level, pool=False, keyed=bool(store))
            docs, skipped = read.docs, read.skipped
            graph = _graph_of(read, stage, output=output, store=store, workers=workers, dask=dask,
                              tick=tick or _say_every(say, 100), say=say, pages=html,
                              start=f"laying out and extracting {len(docs)} file(s) from {len(paths)} input(s), "
                                    f"{len(skipped)} skipped")
            if store and stamp and graph.key:
                store.put("inputs", stamp, InputsEntry(graph.key, len(docs), tuple(skipped)))
        result = _result(output, graph, skipped, notes)
        say(f"wrote {result.size} triples to {result.graph_path}")
        if html:
            _write_pages(result, graph, stage, say, _workers(workers, dask))  # -> graph.html, report.html
        _write_log(stage, skipped, result)
    if store:
        for kind in GRAPH_KINDS:
            store.prune(kind, keep=KEEP_GRAPHS)
        store.prune("inputs", keep=KEEP_STAMPS)
    object.__setattr__(result, "seconds", time.perf_counter() - started)
    return result


class NothingToBuild(ValueError):
    """No article could be read from the inputs: nothing is written, the old output stays."""


def _read(paths: list[str | Path], max_bytes: int | None, split_level: int | None) -> tuple[list[Document], list[Skipped]]:
    """The Documents of ``paths`` and what was skipped; NothingToBuild if none could be read."""
    from kg.ingest import read_inputs

    docs, skipped = read_inputs(paths, max_bytes=max_bytes)
    if split_level is not None:
        docs = [dataclasses.replace(d, split_level=split_level) for d in docs]
    if not docs:
        raise NothingToBuild(_nothing_read(paths, skipped))
    return docs, skipped


def _nothing_read(paths, skipped: Sequence[Skipped]) -> str:
    if skipped:
        why = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:5])
        more = f" (and {len(skipped) - 5} more)" if len(skipped) > 5 else ""
        return f"no article could be read from {len(paths)} input(s), nothing written: {why}{more}"
    return f"no readable article file found in {len(paths)} input(s), nothing written"


def _remove_stale_temp_files(output: Path) -> list[str]:
    """Remove what a killed build left in ``output``; the log line saying so, if any."""
    stale = remove_stale_temp_files(output) if output.is_dir() else 0
    return [f"{output}: removed {stale} temp file(s) a killed build left"] if stale else []


@dataclass(frozen=True)
class _CacheKeys:
    """The layout key of each Document and the key of the whole graph (computed only with a cache)."""

    documents: list[str]
    graph: str


@dataclass(frozen=True, eq=False)
class _Inputs:
    """What was read: the Documents, what was skipped, each Document's layout key (when
    there is a cache), the lexicon to extract with, and the layouts made while it loaded
    (by index in ``docs``)."""

    docs: list[Document]
    skipped: list[Skipped]
    keys: list[str] | None
    lexicon: Any
    laid_out: dict[int, Any] = field(default_factory=dict)


def _read_and_load(paths: list[str | Path], max_bytes: int | None, split_level: int | None, *,
                   pool: bool, keyed: bool, store: Cache | None = None, pages: bool = False) -> _Inputs:
    """The Documents of ``paths`` and what was skipped (see :func:`_read`), with ``keyed``
    their layout keys, and the lexicon. With a ``pool`` of forked workers to follow, the
    files are read (and hashed) in a forked process while this one loads the lexicon and
    builds its matchers (jieba's dictionaries: 1 s), which the workers then inherit, and
    gets ready for the pool (:func:`_ready_for_pool`: with ``pages``, their modules too)
    unless every file read has an entry in the ``store`` already; that process then lays
    Documents out, the largest first, until this one is ready (the pool need not lay those
    out again). Else one after the other."""
    from kg.extract import load_lexicon  # the heavy stage, imported when used
    from kg.pipeline.parallel import forks, side_by_side

    read = partial(_read_keyed, paths, max_bytes, split_level, keyed)
    if not (pool and forks()):
        docs, skipped, keys = read()
        return _Inputs(docs, skipped, keys, load_lexicon())
    import multiprocessing

    context = multiprocessing.get_context("fork")
    ready, was_read, new = context.Event(), context.Event(), context.Event()
    lexicon, (docs, skipped, keys, laid_out) = side_by_side([
        partial(_load_for_pool, ready, was_read, new, pages),
        partial(_read_and_lay_out, read, ready, was_read, new, store)])
    return _Inputs(docs, skipped, keys, lexicon, laid_out)


def _read_keyed(paths: list[str | Path], max_bytes: int | None, split_level: int | None,
                keyed: bool) -> tuple[list[Document], list[Skipped], list[str] | None]:
    docs, skipped = _read(paths, max_bytes, split_level)
    return docs, skipped, [layout_key(d) for d in docs] if keyed else None


#: How much lower the priority of the layouts made ahead is (see :func:`_read_and_lay_out`).
LAY_OUT_AHEAD_NICENESS = 5


def _read_and_lay_out(read: Callable[[], tuple[list[Document], list[Skipped], list[str] | None]], ready,
                      was_read=None, new=None, store: Cache | None = None) -> tuple:
    """``read()``, and the layouts of its Documents made until the ``ready`` event is set.
    Once read, ``was_read`` is set, after ``new`` if a Document has no entry in the ``store``
    (or there is none): the pool will have files to extract, not only cache entries to read.
    The layouts are a bonus: made at a lower priority (this process is not the parent, and
    ends next), so that on a loaded machine they do not slow the loading of the lexicon."""
    from kg.pipeline.documents import entry_key, lay_out_until

    docs, skipped, keys = read()
    if new is not None and (store is None or not all(store.path("document", entry_key(d)).exists() for d in docs)):
        new.set()
    if was_read is not None:
        was_read.set()
    with contextlib.suppress(OSError):
        os.nice(LAY_OUT_AHEAD_NICENESS)
    return docs, skipped, keys, lay_out_until(docs, ready.is_set)


def _warm_lexicon(ready=None):
    """The lexicon, its matchers built (:func:`kg.extract.warm_up`); then ``ready`` is set."""
    from kg.extract import load_lexicon, warm_up

    lexicon = load_lexicon()
    warm_up(lexicon)
    if ready is not None:
        ready.set()
    return lexicon


def _load_for_pool(ready, was_read, new, pages: bool):
    """:func:`_warm_lexicon`, then, unless the files were read and all have cache entries
    (``was_read`` set, ``new`` not), :func:`_ready_for_pool`; then ``ready`` is set."""
    lexicon = _warm_lexicon()
    if new.is_set() or not was_read.is_set():  # still reading: nothing else to do meanwhile
        _ready_for_pool(lexicon, pages)
    ready.set()
    return lexicon


def _ready_for_pool(lexicon, pages: bool) -> None:
    """Before the pool forks, with the other core busy laying out: the imports of what
    follows the pool (see :func:`_import_what_follows`), so that this process does not
    load them while the workers extract (three processes on two cores, each import slower
    for it), and whatever layout and extraction build on first use (see
    :func:`kg.pipeline.documents.warm_up_work`), built once here instead of in every worker."""
    from kg.pipeline.documents import warm_up_work

    _import_what_follows(pages)
    warm_up_work(lexicon)


def _graph_of(read: _Inputs, stage: Path, *, output: Path, store: Cache | None,
              say: Callable[[str], None], **make: Any) -> _Graph:
    """The graph of ``read.docs``: the cached one if the same documents were built with the
    same code, else made (``make``: the options of :func:`_make_graph`); graph.ttl in ``stage``."""
    docs, lexicon = read.docs, read.lexicon
    keys = _cache_keys(read.keys or [layout_key(d) for d in docs], lexicon) if store else None
    return ((_cached_graph(store, keys.graph, len(docs), output, stage, say) if store and keys else None)
            or _make_graph(docs, lexicon, keys, stage / "graph.ttl", store=store, say=say, laid_out=read.laid_out,
                           output=output, **make))


def _cache_keys(doc_keys: list[str], lexicon) -> _CacheKeys:
    """The keys of a build with a cache: each Document's layout key (``doc_keys``) and the graph's."""
    return _CacheKeys(doc_keys, key("graph", code_fingerprint("kg.pipeline.run"), work_fingerprint(),
                                    lexicon.fingerprint, *doc_keys))


#: The cache kinds of a whole-corpus entry: its counts and log, and its graph.ttl.
GRAPH_KINDS = ("graph", "graph-turtle")
#: How many ``inputs`` entries (see :mod:`kg.pipeline.stamp`) to keep: small, one per state of the inputs.
KEEP_STAMPS = 8 * KEEP_GRAPHS


@dataclass(frozen=True, eq=False)
class _Graph:
    """The graph stage's output, graph.ttl written: its sha256, its triples (made, or read
    back on first use), counts and log. (The Turtle itself is not kept: for 20,000 small
    files it is 60 MB.)"""

    digest: str
    key: str | None  # of its cache entry (None without a cache)
    load: Callable[[], tuple[Triple, ...]] = field(repr=False)
    size: int
    dated: int
    articles: int
    entities: dict[str, int]
    log: tuple[str, ...]
    extracted: int = 0
    cached: int = 0
    reused: bool = False
    page_data: Any = field(default=None, repr=False)  # what the pages are drawn from, if read already

    @cached_property
    def triples(self) -> tuple[Triple, ...]:
        return self.load()


def _cached_graph(store: Cache, k: str, files: int, output: Path, stage: Path,
                  say: Callable[[str], None]) -> _Graph | None:
    """The graph of the last build of the same input files with the same code, if cached:
    its graph.ttl into ``stage`` (linked from ``output`` when that one is still the same
    bytes, else written from the cache). Nothing else is read: the triples are read back
    from the Turtle only if asked for (to draw the pages again, say)."""
    memo = store.get("graph", k, GraphEntry)
    if memo is None:
        return None
    turtle = _same_file(output / "graph.ttl", memo.turtle)
    if turtle is None or not _link(output / "graph.ttl", stage / "graph.ttl"):
        turtle = store.get_bytes("graph-turtle", k, memo.turtle)
        if turtle is None:
            return None
        atomic_write_bytes(stage / "graph.ttl", turtle)
    for kind in GRAPH_KINDS:  # used now: the last to be pruned
        store.touch(kind, k)
    say(f"{files} input file(s) unchanged since a cached build: reusing its graph")
    return _Graph(memo.turtle, k, partial(_read_back, turtle), memo.triples, memo.dated, memo.articles, memo.entities,
                  memo.log, cached=memo.articles, reused=True)


def _same_file(path: Path, sha256: str) -> bytes | None:
    """The bytes of ``path`` if their sha256 is ``sha256``, else None."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == sha256 else None


def _link(source: Path, target: Path) -> bool:
    try:
        os.link(source, target)
    except OSError:
        return False
    return True


def _read_back(turtle: bytes) -> tuple[Triple, ...]:
    """The triples of a graph.ttl ``kg build`` wrote, in the graph's order, as the graph
    stage made them."""
    import pyoxigraph as ox

    from kg.rdf.graph import sorted_triples
    from kg.rdf.turtle import rdflib_triples

    return tuple(sorted_triples(rdflib_triples(ox.parse(input=turtle, format=ox.RdfFormat.TURTLE))))


def _make_graph(docs: list[Document], lexicon, keys: _CacheKeys | None, ttl: Path, *, store: Cache | None,
                workers: int | None, dask, tick: Tick, say: Callable[[str], None], start: str,
                pages: bool = False, laid_out: dict[int, Any] | None = None, output: Path | None = None) -> _Graph:
    """Lay out and extract every Document, then turn the Articles and Extractions into
    triples and Turtle written to ``ttl`` (and keep the result in the cache, if there is
    one); ``say(start)`` first. With a pool of ``workers``, this process imports what draws
    the ``pages`` while they work, and the Turtle is written beside something else: the
    reading of what the pages are drawn from (:func:`_turtle_beside_page_data`), or its other half."""
    from kg.rdf.graph import GraphStage, sorted_triples

    say(start)
    triple_stage = GraphStage()  # fed each file's results as they come (with a pool, while the workers work)
    with cyclic_gc_paused():
        done = _process(docs, lexicon, keys, store=store, workers=workers, dask=dask, tick=tick,
                        pages=pages, laid_out=laid_out,
                        each=lambda i, d: triple_stage.add(i, d.articles, d.extractions))
    articles = [a for d in done for a in d.articles]
    if not articles:
        raise NothingToBuild(f"no article found in {len(docs)} file(s) read; nothing written")
    extractions = [x for d in done for x in d.extractions]
    extracted = sum(d.extracted for d in done)
    say(f"{len(articles)} articles, {extracted} extracted, {len(articles) - extracted} from the cache")
    log = [line for d in done for line in d.log] + list(lexicon.log)
    for ex in extractions:
        log.extend(ex.log)
    k = keys.graph if keys else None
    beside = dask is None and _workers(workers, None) > 1
    with cyclic_gc_paused():
        for i, d in enumerate(done):
            if i not in triple_stage:  # made on a Dask cluster
                triple_stage.add(i, d.articles, d.extractions)
        merged, rdf_log = triple_stage.merged()
        size = len(merged)
        page_data = None
        if beside and pages and not _pages_may_be_kept(output, size):
            unsorted = tuple(merged)  # a fraction of the set's memory, in this process and the forked ones
            del merged
            digest, dated, entities, page_data = _turtle_beside_page_data(unsorted, ttl, store, k)
            load = partial(_sorted_tuple, unsorted)  # sorted only if asked for (see _Graph.triples)
        else:
            made = tuple(sorted_triples(merged))
            del merged
            digest = _write_turtle(made, ttl, store, k, halves=beside)
            dated, entities = _counts(made)
            load = partial(_same, made)
    log.extend(rdf_log)
    graph = _Graph(digest, k, load, size, dated, len(articles), entities, tuple(log),
                   extracted=extracted, cached=len(articles) - extracted, page_data=page_data)
    if store and keys:  # after the graph-turtle entry (see _write_turtle)
        store.put("graph", keys.graph, GraphEntry(graph.articles, graph.entities, graph.log, graph.size, graph.dated,
                                                  graph.digest))
    return graph


def _sorted_tuple(triples: Iterable[Triple]) -> tuple[Triple, ...]:
    from kg.rdf.graph import sorted_triples

    return tuple(sorted_triples(triples))


def _same(triples: tuple[Triple, ...]) -> tuple[Triple, ...]:
    return triples


def _counts(triples) -> tuple[int, dict[str, int]]:
    """How many of ``triples`` give an article's date, and the entities per class."""
    from rdflib.namespace import DCTERMS

    return len(_objects_of(triples, DCTERMS.date)), count_entities(triples)


def _turtle_beside_page_data(triples: Sequence[Triple], ttl: Path, store: Cache | None,
                             k: str | None) -> tuple[str, int, dict[str, int], Any]:
    """The sha256 of the Turtle of ``triples`` (in no order) and their :func:`_counts`,
    from a forked process that sorts them, writes the Turtle and counts them
    (:func:`_sorted_turtle`), while this one reads what the pages are drawn from
    (:func:`_page_data`, which does not depend on the order), also returned: the sorting
    and the counting are not on the way to the pages. (The pages are drawn after, by two
    processes again: never more than two at once, as each holds the build's memory.)"""
    from kg.pipeline.parallel import side_by_side

    data, (digest, dated, entities) = side_by_side([partial(_page_data, triples),
                                                    partial(_sorted_turtle, triples, ttl, store, k)])
    return digest, dated, entities, data


def _sorted_turtle(triples: Sequence[Triple], ttl: Path, store: Cache | None,
                   k: str | None) -> tuple[str, int, dict[str, int]]:
    """:func:`_write_turtle` of ``triples`` sorted, and their :func:`_counts`."""
    from kg.rdf.graph import sorted_triples

    made = sorted_triples(triples)
    return (_write_turtle(made, ttl, store, k), *_counts(made))


def _write_turtle(triples: Sequence[Triple], ttl: Path, store: Cache | None, k: str | None, *,
                  halves: bool = False) -> str:
    """Write the Turtle of ``triples`` to ``ttl`` and, with a ``store``, into its entry
    ``graph-turtle`` ``k``; its sha256. With ``halves``, a forked process writes the second
    half of the subjects' blocks while this one writes the first
    (:func:`kg.rdf.turtle.turtle_utf8`, :func:`kg.pipeline.parallel.side_by_side`)."""
    from kg.pipeline.parallel import side_by_side
    from kg.rdf.turtle import turtle_utf8

    turtle = turtle_utf8(triples, side_by_side if halves else None, ordered=True)  # sorted_triples' order
    atomic_write_bytes(ttl, turtle)
    if store and k:
        store.put_bytes("graph-turtle", k, turtle)
    return hashlib.sha256(turtle).hexdigest()


def _process(docs: list[Document], lexicon, keys: _CacheKeys | None, *, store: Cache | None,
             workers: int | None, dask, tick: Tick, pages: bool = False,
             laid_out: dict[int, Any] | None = None,
             each: Callable[[int, DocumentResult], object] | None = None) -> list[DocumentResult]:
    """Each Document laid out and extracted: on a Dask cluster, or in ``workers`` processes
    (while they work, this one imports what follows, the ``pages``' modules, and runs
    ``each(i, result)`` on each result as it comes)."""
    doc_keys = keys.documents if keys else None
    if dask is not None:
        from kg.pipeline.distributed import process_documents_dask

        return process_documents_dask(dask, docs, doc_keys, lexicon, store=store, tick=tick)
    return process_documents(docs, doc_keys, lexicon, workers=_workers(workers, None), store=store, tick=tick,
                             meanwhile=partial(_import_what_follows, pages), laid_out=laid_out, each=each)


#: What the graph stage imports, and what draws the pages (``kg.viz`` needs numpy and
#: networkx; PageRank is ranked without scipy, see :func:`kg.analyze.pagerank_numpy`).
GRAPH_STAGE = ("rdflib", "kg.rdf.graph", "kg.rdf.turtle", "kg.extract.rules")
PAGE_MODULES = ("kg.analyze", "kg.rdf.reader", "kg.viz", "kg.viz.report", "kg.viz.explorer", "kg.viz.graphdata")


def _import_what_follows(pages: bool) -> None:
    """Import the modules of the graph stage (and with ``pages``, of the pages) while the
    workers extract: otherwise this process loads them after the pool, while the workers
    stand idle."""
    import importlib

    for name in GRAPH_STAGE + (PAGE_MODULES if pages else ()):
        importlib.import_module(name)


def _workers(workers: int | None, dask) -> int:
    """How many processes the build may keep busy here (one when a Dask cluster extracts)."""
    if dask is not None:
        return 1
    from kg.pipeline.parallel import default_workers

    return workers or default_workers()


def _result(output: Path, graph: _Graph, skipped: list[Skipped], notes: list[str]) -> BuildResult:
    skipped_log = [f"{s.path}: skipped: {s.reason}" for s in skipped] + notes
    return BuildResult(output=output, articles=graph.articles, entities=graph.entities, skipped=tuple(skipped),
                       log=tuple(skipped_log + list(graph.log)), load_triples=lambda: graph.triples,
                       size=graph.size, dated=graph.dated,
                       extracted=graph.extracted, cached=graph.cached, reused_graph=graph.reused)


def _write_pages(result: BuildResult, graph: _Graph, stage: Path, say: Callable[[str], None], workers: int) -> None:
    """graph.html and report.html into ``stage``: the last build's when they were drawn from
    the same graph (``graph.digest``: the sha256 of its Turtle) by the same code, else drawn
    anew (both at once when the build has more than one ``workers``)."""
    pages = _pages_key(graph.digest)
    if _reuse_pages(result.output, stage, pages, result.size):
        say(f"graph unchanged: kept {result.html_path} and {result.report_path}")
    else:
        _draw_pages(graph.triples, stage, side_by_side=workers > 1, data=graph.page_data)
        atomic_write_text(stage / PAGES_KEY, _pages_record(stage, pages, result.size))
        say(f"wrote {result.html_path} and {result.report_path}")


def _pages_key(digest: str) -> str:
    """The key the pages of the graph whose Turtle has the sha256 ``digest`` are drawn under."""
    return key("pages", _page_code(), digest)


def _draw_pages(triples: Iterable[Triple], stage: Path, *, side_by_side: bool, data=None) -> None:
    """graph.html and report.html into ``stage``, drawn from ``data`` (the :func:`_page_data`
    of ``triples``, read now if not given); with ``side_by_side`` the explorer is drawn in a forked process while this
    one draws the report (:func:`kg.pipeline.parallel.side_by_side`)."""
    from kg.pipeline import parallel
    from kg.viz import write_explorer
    from kg.viz.report import write_report

    if data is None:
        data = _page_data(triples)
    report = partial(write_report, data, stage / "report.html")
    explorer = partial(write_explorer, data, stage / "graph.html")
    if side_by_side:
        parallel.side_by_side([report, explorer])
    else:
        explorer()
        report()


def _page_data(triples: Iterable[Triple]):
    """What both pages are drawn from: ``triples`` read and projected once (a
    :class:`kg.viz.graphdata.GraphData`, the same whatever order the triples come in), its
    network ranked once."""
    from kg.analyze import communities, pagerank
    from kg.rdf.reader import read_triples
    from kg.viz.graphdata import read_graph

    data = read_graph(read_triples(triples, distinct=True))  # to_triples' triples are distinct
    pagerank(data.network)  # both pages rank the network: computed once, before any fork
    communities(data.network)  # the report's: found before the explorer's process forks, no later
    return data


def _write_log(stage: Path, skipped: list[Skipped], result: BuildResult) -> None:
    skipped_lines = [f"skipped {s.path}: {s.reason}" for s in skipped]
    atomic_write_text(stage / "build.log", "".join(printable(ln) + "\n" for ln in skipped_lines + list(result.log)))


def _page_code() -> str:
    """A fingerprint of what draws the pages: the modules of the explorer and the report,
    and the scripts and styles they inline."""
    import kg  # not kg.viz: importing the explorer costs more than an unchanged build

    static = sorted((Path(kg.__file__).parent / "viz" / "static").glob("*"))
    return key("page-code", code_fingerprint("kg.viz", "kg.viz.report"), *(p.name.encode() + p.read_bytes() for p in static))


def _pages_record(folder: Path, pages: str, size: int) -> str:
    """What ``PAGES_KEY`` holds: the key ``pages`` was drawn under, the ``size`` of the
    graph (triples), then the sha256 of each page in ``folder``."""
    return f"{pages}\n{size} triples\n" + "".join(
        f"{hashlib.sha256((folder / name).read_bytes()).hexdigest()}  {name}\n" for name in PAGES)


def _pages_may_be_kept(output: Path | None, size: int) -> bool:
    """Whether the pages in ``output`` may have been drawn from a graph of ``size`` triples
    (so that the pages of a graph of that size might be kept: see :func:`_reuse_pages`)."""
    try:
        lines = (output / PAGES_KEY).read_text(encoding="utf-8").splitlines() if output else []
    except OSError:
        return False
    return lines[1:2] == [f"{size} triples"]


def _reuse_pages(output: Path, stage: Path, pages: str, size: int) -> bool:
    """Link the last build's pages into ``stage`` when they were drawn from the same graph
    (of ``size`` triples) by the same page code and are still as drawn (``PAGES_KEY`` holds
    that key and their sha256): an unchanged rebuild draws nothing, and a page deleted or
    edited since is drawn again."""
    names = (*PAGES, PAGES_KEY)
    try:
        if (output / PAGES_KEY).read_text(encoding="utf-8") != _pages_record(output, pages, size):
            return False
        for name in names:
            os.link(output / name, stage / name)
    except OSError:
        for name in names:
            (stage / name).unlink(missing_ok=True)
        return False
    return True


def _open_cache(cache) -> Cache | None:
    if cache is None or cache is False:
        return None
    if isinstance(cache, Cache):
        return cache
    return Cache(default_cache_dir() if cache is True else cache)


def _say_every(say: Callable[[str], None], n: int) -> Tick:
    """A ``tick`` that says how far the build got each time another ``n`` files are done."""
    said = 0

    def tick(files: int, total: int, articles: int) -> None:
        nonlocal said
        if files - said >= n or (files == total and said < files and total >= n):
            said = files
            say(f"{files}/{total} files done, {articles} articles")
    return tick


def count_entities(triples) -> dict[str, int]:
    """Entities per class of the four, from the graph's rdf:type triples."""
    from rdflib.namespace import RDF

    from kg.rdf.namespace import GH

    classes = {GH[c]: c for c in ENTITY_CLASSES}
    counts = Counter(classes[o] for o in _objects_of(triples, RDF.type) if o in classes)
    return {c: counts.get(c, 0) for c in ENTITY_CLASSES}


def _objects_of(triples, predicate) -> list:
    """The objects of ``triples`` whose predicate is ``predicate`` (``==``, as rdflib
    compares terms). Their strings are compared first, in C: rdflib's ``==`` is a Python
    call per triple, and equal strings are what it asks of two IRIs besides their type."""
    same = str.__eq__
    return [o for _, p, o in triples if same(p, predicate) and p == predicate]
