"""One input document through layout and extraction, using the cache where it can.

This is the unit of work of a local build: ``process_document`` lays a Document out
into Articles and extracts each of them. Its cache entry (kind ``document``, one file
per input file, see :mod:`kg.pipeline.cache`) holds the layout, valid while the file's content
and the ingestion code are unchanged, and each Article's Extraction under a key of the
Article's content, the lexicon and the extractors: so an edited article is extracted
again alone, the other articles of its file come from the entry, and a changed
vocabulary or rule re-extracts everything. ``process_documents`` runs it over a corpus,
in this process or in a pool of workers (:func:`kg.pipeline.parallel.pool_map`); either way the
results come back in input order, so the graph does not depend on how it ran.

>>> from kg.extract import load_lexicon
>>> from kg.model import Document
>>> doc = Document("a.md", "a.md", "# 工会开展送温暖活动\\n\\n工会面向困难职工开展送温暖活动。\\n", "utf-8")
>>> done = process_document(doc, layout_key(doc), load_lexicon())
>>> [a.title for a in done.articles], done.extracted
(['工会开展送温暖活动'], 1)
"""

from __future__ import annotations

import dataclasses
import os
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, partial

import orjson

from kg.model import Article, Document, Extraction
from kg.pipeline.cache import Cache, code_fingerprint, key
from kg.pipeline.codec import encode

#: The modules whose code does the per-file work: every module of the package they
#: import is part of each cache key (see :func:`kg.pipeline.cache.code_modules`).
WORK_MODULES = ("kg.pipeline.documents", "kg.ingest", "kg.extract")

#: ``tick(files_done, files_total, articles_done)``: progress of the per-document work.
Tick = Callable[[int, int, int], None]

#: What :func:`lay_out` returns for a Document: its Articles and log lines.
Layout = tuple[tuple[Article, ...], tuple[str, ...]]


@dataclass(frozen=True)
class DocumentResult:
    """A document's Articles, one Extraction per Article, the ingestion log lines, and how
    many of the Extractions were computed (not read from the cache)."""

    articles: tuple[Article, ...]
    extractions: tuple[Extraction, ...]
    log: tuple[str, ...]
    extracted: int


@dataclass(frozen=True)
class OpenDocument:
    """A document laid out (or its layout read from the cache), with the Extractions the
    cache has for its Articles (None where it has none)."""

    doc: Document
    layout_key: str | None  # None without a cache: no key is computed then
    articles: tuple[Article, ...]
    log: tuple[str, ...]
    extraction_keys: tuple[str, ...]
    found: tuple[Extraction | None, ...]
    stored: bool  # the cache entry already holds exactly this layout and these Extractions
    article_data: tuple[bytes, ...] = ()  # each Article's JSON, for an entry to be written (see entry_data)


@dataclass(frozen=True)
class DocumentEntry:
    """A ``document`` cache entry: the layout with the key it was made under, and the
    Extractions by :func:`extraction_key`."""

    layout_key: str
    articles: tuple[Article, ...]
    log: tuple[str, ...]
    extractions: dict[str, Extraction]


@cache
def work_fingerprint() -> str:
    """What the per-file work is, besides its input: the source of every module it
    imports, the vocabularies and the package version."""
    import kg
    from kg.resources import ontology_dir

    vocab = [p.name.encode() + b"\0" + p.read_bytes() for p in sorted((ontology_dir() / "vocab").glob("*.ttl"))]
    return key("work", code_fingerprint(*WORK_MODULES), getattr(kg, "__version__", ""), *vocab)[:16]


def layout_key(doc: Document) -> str:
    """The key of ``doc``'s layout: every field of the Document (its text, and whatever
    else a reader fills in, such as its metadata) and the code."""
    return key("layout", work_fingerprint(), doc.text, repr(dataclasses.replace(doc, text="")))


def entry_key(doc: Document) -> str:
    """The key of ``doc``'s cache entry: the file, wherever its content has gone since."""
    return key("document", os.path.abspath(doc.path))


def extraction_key(article: Article, lexicon, data: bytes | None = None) -> str:
    """The key of ``article``'s Extraction: the Article (every field, as the cache's JSON
    writes it: a tenth of the time of its repr; ``data``: that JSON, if made already),
    the lexicon and the code."""
    return key("extract", work_fingerprint(), lexicon.fingerprint, encode(article) if data is None else data)


def entry_data(layout_key: str, articles: Sequence[bytes], log: tuple[str, ...],
               extractions: dict[str, Extraction]) -> bytes:
    """``encode(DocumentEntry(layout_key, ARTICLES, log, extractions))`` where ``articles``
    is the JSON of ARTICLES, made already for their keys (:func:`extraction_key`): the
    Articles are not encoded a second time (0.1 s of a cold laws build).

    >>> from kg.model import Extraction
    >>> a = Article("a1", "题", "a.md", "题\\n正文。")
    >>> entry_data("k", [encode(a)], ("log",), {"x": Extraction("a1")}) == encode(
    ...     DocumentEntry("k", (a,), ("log",), {"x": Extraction("a1")}))
    True
    """
    return encode({"layout_key": layout_key, "articles": [orjson.Fragment(a) for a in articles], "log": log,
                   "extractions": extractions})


def lay_out(doc: Document) -> Layout:
    """``doc``'s Articles and the log lines :func:`kg.ingest.ingest` writes for it."""
    from kg.ingest import split_articles  # not imported to reuse a graph: 0.1 s

    found = split_articles(doc)
    lines = [f"{doc.source}: read as {doc.encoding}"] if doc.encoding not in ("utf-8", "utf-8-sig") else []
    lines.append(f"{doc.source}: {len(found)} article(s)")
    for a in found:
        lines.extend(a.log)
    return tuple(found), tuple(lines)


def open_document(doc: Document, k: str | None, lexicon, store: Cache | None = None,
                  laid_out: Layout | None = None) -> OpenDocument:
    """``doc``'s layout and the Extractions its cache entry holds (``k``: its layout key).
    Without a cache (``store`` None) no key is computed: each key hashes the whole text.
    ``laid_out``: ``lay_out(doc)``, if it was computed already (see :func:`lay_out_until`)."""
    if store is None:
        articles, log = laid_out if laid_out is not None else lay_out(doc)
        return OpenDocument(doc, k, articles, log, (), (None,) * len(articles), False)
    entry = store.get("document", entry_key(doc), DocumentEntry)
    if entry is not None and entry.layout_key == k:
        articles, log = entry.articles, entry.log
    else:
        articles, log = laid_out if laid_out is not None else lay_out(doc)
    saved = entry.extractions if entry is not None else {}
    data = tuple(encode(a) for a in articles)
    keys = tuple(extraction_key(a, lexicon, d) for a, d in zip(articles, data))
    found = tuple(saved.get(ek) for ek in keys)
    stored = entry is not None and entry.layout_key == k and None not in found and len(saved) == len(set(keys))
    return OpenDocument(doc, k, articles, log, keys, found, stored, () if stored else data)


def lay_out_until(docs: Sequence[Document], done: Callable[[], bool]) -> dict[int, bytes]:
    """:func:`lay_out` of ``docs``, the largest first, until ``done()`` says to stop (asked
    before each one), by index in ``docs``, each pickled as it is made: the layouts a
    process can make while another one loads the lexicon, which the pool then need not
    make. Pickled here, they cross to the pool as bytes and are unpickled by the worker
    that extracts them, not on the way (see :func:`process_documents`).

    >>> from kg.model import Document
    >>> docs = [Document("a.md", "a.md", "# 甲\\n\\n正文。\\n", "utf-8"), Document("b.md", "b.md", "# 乙\\n\\n较长的正文。\\n", "utf-8")]
    >>> sorted(lay_out_until(docs, lambda: False)), list(lay_out_until(docs, lambda: True))
    ([0, 1], [])
    """
    made: dict[int, bytes] = {}
    for i in sorted(range(len(docs)), key=lambda i: -len(docs[i].text)):
        if done():
            break
        made[i] = pickle.dumps(lay_out(docs[i]), protocol=pickle.HIGHEST_PROTOCOL)
    return made


def warm_up_work(lexicon) -> None:
    """Lay out and extract the bundled sample corpus, the results thrown away. Layout and
    the rules build some of their matchers when first asked (regular expressions, the
    automaton of the word sets the rules ask about: about 0.3 s in all); built here, before
    a pool of workers forks, they are built once instead of once in every worker."""
    from kg.ingest import read_inputs
    from kg.resources import seed_corpus

    for doc in read_inputs([seed_corpus()])[0]:
        process_document(doc, None, lexicon)


def close_document(opened: OpenDocument, extractions: Sequence[Extraction], store: Cache | None = None) -> DocumentResult:
    """The DocumentResult of ``opened`` once every Article has its Extraction; the cache
    entry is rewritten if anything in it changed."""
    if store and not opened.stored and opened.layout_key is not None:
        store.put_json("document", entry_key(opened.doc),
                       entry_data(opened.layout_key, opened.article_data, opened.log,
                                  dict(zip(opened.extraction_keys, extractions))))
    return DocumentResult(opened.articles, tuple(extractions), opened.log, opened.found.count(None))


def process_document(doc: Document, k: str | None, lexicon, store: Cache | None = None,
                     laid_out: Layout | None = None) -> DocumentResult:
    """Lay ``doc`` out (unless ``laid_out`` is its layout already) and extract every
    Article the cache has no Extraction for."""
    from kg.extract import extract

    opened = open_document(doc, k, lexicon, store, laid_out)
    extractions = [ex if ex is not None else extract(a, lexicon) for a, ex in zip(opened.articles, opened.found)]
    return close_document(opened, extractions, store)


def process_documents(docs: Sequence[Document], keys: Sequence[str] | None, lexicon, *, workers: int = 1,
                      store: Cache | None = None, tick: Tick | None = None,
                      meanwhile: Callable[[], object] | None = None,
                      laid_out: dict[int, bytes] | None = None,
                      each: Callable[[int, DocumentResult], object] | None = None) -> list[DocumentResult]:
    """``process_document`` over ``docs``, in ``workers`` processes; results in input order.
    ``keys``: the layout key of each Document (see :func:`layout_key`), None without a cache.
    ``laid_out``: the layouts made already, pickled, by index in ``docs`` (see :func:`lay_out_until`).
    ``each(i, result)``: run in this process on each result as it comes (with a pool, while
    the workers make the others).
    ``meanwhile()``: run in this process while a pool of workers works (see
    :func:`kg.pipeline.parallel.pool_map`), not at all without one."""
    results: list[DocumentResult | None] = [None] * len(docs)
    files = articles = 0

    def keep(i: int, done: DocumentResult) -> None:
        nonlocal files, articles
        results[i] = done
        if each:
            each(i, done)
        files += 1
        articles += len(done.articles)
        if tick:
            tick(files, len(docs), articles)

    if tick:
        tick(0, len(docs), 0)
    laid_out = laid_out or {}
    if workers > 1 and len(docs) > 1:
        from kg.extract import warm_up
        from kg.pipeline.parallel import forks, pool_map

        if forks():
            warm_up(lexicon)  # before the workers fork: they inherit the tokenizer instead of each loading it
        work = partial(_process_for_pool, docs=docs, keys=keys, lexicon=lexicon, store=store, laid_out=laid_out)
        # A Document laid out already costs its worker about a quarter less.
        sizes = [len(d.text) * 3 // 4 if i in laid_out else len(d.text) for i, d in enumerate(docs)]
        pool_map(work, sizes, workers, on_result=keep, meanwhile=meanwhile)
    else:
        for i, doc in enumerate(docs):
            keep(i, process_document(doc, keys[i] if keys else None, lexicon, store, _unpickled(laid_out.get(i))))
    return results  # type: ignore[return-value]


def _process_for_pool(i: int, *, docs, keys, lexicon, store, laid_out) -> DocumentResult:
    """``process_document`` in a worker, its Articles trimmed for the trip back.

    The graph stage reads an Article's header and text, never its paragraph and
    sentence index, which is most of the cost of sending Articles between processes
    (0.5 s of the parent's time on the laws corpus). The cache, written here in the
    worker, keeps the whole Articles.
    """
    done = process_document(docs[i], keys[i] if keys else None, lexicon, store, _unpickled(laid_out.get(i)))
    light = tuple(dataclasses.replace(a, paragraphs=(), sentences=(), note=None) for a in done.articles)
    return dataclasses.replace(done, articles=light)


def _unpickled(data: bytes | None) -> Layout | None:
    return pickle.loads(data) if data is not None else None  # made by lay_out_until in this build
