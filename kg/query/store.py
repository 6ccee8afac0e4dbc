"""Persistent Oxigraph stores for ``kg query`` and ``kg serve``: a graph is parsed once.

Parsing the Turtle of an archive graph (400,000 triples) takes seconds; opening an
Oxigraph (RocksDB) store of it takes milliseconds. :func:`open_graph` is the one loader
of ``kg query`` and ``kg serve``: it keeps a store per graph in the cache folder
(:func:`kg.pipeline.cache.default_cache_dir`, checked like the build cache) and opens it
read-only, or builds it first when the graph has none yet.

Layout under ``<cache>/stores/``:

* ``<key>/db``: the store of one graph content, where ``key`` hashes the sha256 of the
  graph file's bytes, its format, the Oxigraph version and :data:`STORE_FORMAT`. It is
  built in a temp folder beside it and renamed into place, so it is complete or absent;
* ``index/<sha256 of the file's real path>``: the file's identity (device, inode, size,
  mtime and ctime in ns) and the content hash seen with it, so an unchanged file is not
  hashed again. Any change of the file (even an edit that keeps the size and mtime
  changes the ctime) means hashing it again, so a store is never used for other bytes.

The :data:`KEEP_STORES` most recently used stores are kept. ``cache=False`` (``--no-cache``,
or ``$KG_QUERY_NO_STORE=1``) parses the graph into memory as before.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as cache:
...     first = len(open_graph("tests/data/query/seed_small.ttl", cache=cache))
...     again = len(open_graph("tests/data/query/seed_small.ttl", cache=cache))
>>> first == again > 500
True
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from kg.pipeline.cache import CacheError, check_cache_folder, default_cache_dir
from kg.rdf.graphio import GraphInputError, graph_format, load_store, resolve_graph_file

#: Bump when what a store holds for a graph changes (e.g. how named graphs are merged).
STORE_FORMAT = "1"

#: How many stores to keep (each is about a third of its Turtle file's size).
KEEP_STORES = 4

#: Set to 1 to parse the graph on every query instead of keeping a store.
NO_STORE_ENV = "KG_QUERY_NO_STORE"


def _identity(st: os.stat_result) -> list[int]:
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _content_hash(file: Path) -> str:
    h = hashlib.sha256()
    with open(file, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _cache_root(cache: bool | str | os.PathLike | None) -> Path | None:
    if cache is False or (cache in (True, None) and os.environ.get(NO_STORE_ENV, "") not in ("", "0")):
        return None
    return default_cache_dir() if cache in (True, None) else Path(cache)  # type: ignore[arg-type]


def prepare_store(graph: str | os.PathLike, cache: bool | str | os.PathLike | None = True,
                  *, log=sys.stderr) -> Path | None:
    """The folder of a read-only store holding ``graph`` (a graph file or build folder),
    built now if the cache has none for its current bytes; None when the cache is off or
    cannot be used (then a line on ``log`` says why) or the file changed while read.

    ``cache``: True for the default cache folder, a path for another one, False for none.
    """
    file = resolve_graph_file(graph)
    root = _cache_root(cache)
    if root is None:
        return None
    try:
        check_cache_folder(root)
    except CacheError as exc:
        print(f"kg: warning: {exc}; parsing the graph instead of keeping a store", file=log)
        return None
    stores = root / "stores"
    try:
        before = _identity(os.stat(file))
        index = stores / "index" / hashlib.sha256(os.fsencode(file.resolve())).hexdigest()
        indexed = _indexed_content(index, before)
        content = indexed or _content_hash(file)
        fmt = graph_format(file)
        key = hashlib.sha256("\0".join([STORE_FORMAT, ox.__version__, fmt.name, content]).encode()).hexdigest()
        folder = stores / key
        if not (folder / "db").is_dir() and not _build(file, folder, before, log):
            return None
        if _identity(os.stat(file)) != before:  # changed since it was hashed: trust neither
            return None
    except OSError as exc:  # a full disk or a vanished file costs the store, never the answer
        print(f"kg: warning: cannot keep a query store in {stores}: {exc}; parsing the graph instead", file=log)
        return None
    try:  # bookkeeping only: on a read-only cache the store is still used
        if indexed is None:
            _write_index(index, before, content)
        os.utime(folder)  # most recently used: kept by _prune
        _prune(stores, keep=folder)
    except OSError:
        pass
    return folder / "db"


def _indexed_content(index: Path, identity: list[int]) -> str | None:
    try:
        data = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict) and data.get("identity") == identity and isinstance(data.get("content"), str):
        return data["content"]
    return None


def _write_index(index: Path, identity: list[int], content: str) -> None:
    from kg.rdf.atomic import atomic_write_bytes

    atomic_write_bytes(index, json.dumps({"identity": identity, "content": content}).encode(), fsync=False)


def _build(file: Path, folder: Path, identity: list[int], log) -> bool:
    """Parse ``file`` into a new store at ``folder/db``: built in a temp folder, renamed in
    unless the file changed since it was hashed (then False: the bytes are not the key's)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f".build-{os.getpid()}-{time.monotonic_ns()}"
    print(f"kg: building a query store for {file} (once per version of the graph) in {folder.parent}", file=log)
    try:
        tmp.mkdir(mode=0o700)
        store = ox.Store(str(tmp / "db"))
        load_store(file, into=store)
        store.flush()
        del store  # closes the database before it is renamed and opened read-only
        if _identity(os.stat(file)) != identity:
            return False
        try:
            os.rename(tmp, folder)
        except OSError:
            if not (folder / "db").is_dir():  # else another process built the same store first
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return True


def _prune(stores: Path, keep: Path) -> None:
    """Remove all but the :data:`KEEP_STORES` most recently used stores, and temp folders
    of builds whose process is gone."""
    found = []
    for p in stores.iterdir():
        if p.name.startswith(".build-"):
            pid = p.name.split("-")[1]
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(p, ignore_errors=True)
        elif p.name != "index" and p.is_dir():
            found.append((p.stat().st_mtime, p))
    found.sort(reverse=True)
    for _, p in found[KEEP_STORES:]:
        if p != keep:
            shutil.rmtree(p, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def open_store_folder(db: str | os.PathLike) -> ox.Store:
    """A store made by :func:`prepare_store`, opened read-only."""
    try:
        return ox.Store.read_only(str(db))
    except OSError as exc:
        raise GraphInputError(f"{db}: cannot open the query store: {exc}") from None


def open_graph(graph: str | os.PathLike, cache: bool | str | os.PathLike | None = True, *, log=sys.stderr) -> ox.Store:
    """The graph (a file or build folder) as an Oxigraph store: the kept store when the
    cache is on (see :func:`prepare_store`), else parsed into memory."""
    db = prepare_store(graph, cache, log=log)
    return load_store(graph) if db is None else open_store_folder(db)
