"""The build cache: what a build computed, kept on disk under a hash of what decided it.

Two kinds of entry, each keyed by a sha256 (see ``key``):

* ``document``: one input file -> its Articles, ingestion log lines and each Article's
  Extraction (see :mod:`kg.documents`). The key is the file's path; inside, the layout
  is kept with the key of the content and ingestion source it came from, and each
  Extraction with the key of its Article, the lexicon fingerprint (which covers the
  vocabularies and every ``kg/extract`` source file) and ``kg/model.py``. One file per
  input file, since creating a file is much of what a cache costs;
* ``graph``: the whole corpus -> its triples, ``graph.ttl`` and log
  (key: every document's content key, the lexicon fingerprint and the source of the
  whole ``kg`` package), so an unchanged corpus is not even laid out again.

An edited article changes only its own Extraction's key; a changed vocabulary or rule
changes the fingerprint, hence every Extraction's key. Entries are pickles written
atomically (temp file + rename): a killed build never leaves a half-written entry,
and an unreadable one is deleted and recomputed. A thread in each process writes them
(see ``_Writer``), so the disk's latency overlaps the build's work; ``get`` sees an
entry as soon as it is put, and ``flush()`` (which ``kg.build`` calls before it
returns) waits until every entry is on disk.

Location: ``--cache-dir``, else ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/gonghui-kg``,
else ``~/.cache/gonghui-kg``. Deleting the folder is always safe.

>>> import tempfile
>>> c = Cache(tempfile.mkdtemp())
>>> k = key("document", "/archive/2024/03.md")
>>> c.get("document", k) is None
True
>>> c.put("document", k, {"found": 1})
>>> c.get("document", k)
{'found': 1}
"""

from __future__ import annotations

import hashlib
import multiprocessing.util
import os
import pickle
import queue
import threading
from functools import cache
from pathlib import Path

from kg.atomic import atomic_write_bytes, remove_stale_temp_files

#: Bump when the layout of cache entries changes; every old entry is then ignored.
CACHE_FORMAT = "1"

#: How many whole-corpus ``graph`` entries to keep (each is about the size of graph.ttl twice).
KEEP_GRAPHS = 8

_PACKAGE = Path(__file__).resolve().parent


def default_cache_dir() -> Path:
    """``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/gonghui-kg``, else ``~/.cache/gonghui-kg``."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "gonghui-kg"


def key(*parts: str | bytes) -> str:
    """sha256 over ``parts`` (each length-prefixed, so parts never run together)."""
    h = hashlib.sha256(CACHE_FORMAT.encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@cache
def source_fingerprint(*globs: str) -> str:
    """A hash of the package source files matching ``globs`` (relative to ``kg/``).

    >>> source_fingerprint("ingest/*.py") == source_fingerprint("ingest/*.py")
    True
    """
    h = hashlib.sha256()
    for pattern in globs:
        for path in sorted(_PACKAGE.glob(pattern)):
            h.update(str(path.relative_to(_PACKAGE)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


class Cache:
    """Pickled values under ``root/v<FORMAT>/<kind>/<key[:2]>/<key>``."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.base = self.root / f"v{CACHE_FORMAT}"

    def __repr__(self) -> str:
        return f"Cache({str(self.root)!r})"

    def path(self, kind: str, k: str) -> Path:
        return self.base / kind / k[:2] / k

    def get(self, kind: str, k: str):
        """The value stored under ``k``, or None if absent or unreadable (then it is removed)."""
        p = self.path(kind, k)
        data = _WRITER.pending.get(p) if _WRITER else None  # put by this process, maybe not on disk yet
        if data is None:
            try:
                data = p.read_bytes()
            except OSError:
                return None
        try:
            return pickle.loads(data)
        except Exception:  # truncated or foreign bytes: drop it, the caller recomputes
            try:
                p.unlink()
            except OSError:
                pass
            return None

    def put(self, kind: str, k: str, value) -> None:
        """Store ``value`` under ``k``: pickled now, written to disk atomically by this
        process's writer thread. A full or read-only disk only costs the entry."""
        _writer().put(self.path(kind, k), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def flush(self) -> None:
        """Wait until every entry this process put is on disk (or failed to be written)."""
        flush()

    def prune(self, kind: str, keep: int) -> None:
        """Keep only the ``keep`` most recently written entries of ``kind``, and remove the
        temp files a killed build left among them."""
        for folder in (self.base / kind).glob("*"):
            remove_stale_temp_files(folder)
        entries = sorted((p for p in (self.base / kind).glob("*/*") if not p.name.startswith(".")),
                         key=lambda p: p.stat().st_mtime, reverse=True)
        for p in entries[keep:]:
            try:
                p.unlink()
            except OSError:
                pass


def _write_atomically(path: Path, data: bytes) -> None:
    """Temp file + rename without fsync: a killed build still never leaves a partial entry;
    fsync would only guard against power loss, which :meth:`Cache.get` survives anyway (an
    unreadable entry is recomputed), and one fsync per article made cold builds slower."""
    atomic_write_bytes(path, data, fsync=False)


class _Writer:
    """The thread that writes this process's cache entries, in the order they were put.

    Creating a file costs 0.2-0.5 ms on some disks, twice per article; written here the
    wait overlaps extraction instead of adding to it. ``pending`` holds what is not on
    disk yet, for ``Cache.get``; the bounded queue keeps a slow disk from filling memory.
    """

    def __init__(self) -> None:
        self.pending: dict[Path, bytes] = {}
        self.queue: queue.Queue = queue.Queue(maxsize=256)
        threading.Thread(target=self._run, name="kg-cache-writer", daemon=True).start()

    def put(self, path: Path, data: bytes) -> None:
        self.pending[path] = data
        self.queue.put((path, data))

    def _run(self) -> None:
        while True:
            path, data = self.queue.get()
            try:
                _write_atomically(path, data)
            except Exception:  # a full or read-only disk costs the entry, never the build
                pass
            finally:
                if self.pending.get(path) is data:
                    del self.pending[path]
                self.queue.task_done()


_WRITER: _Writer | None = None
_WRITER_LOCK = threading.Lock()


def _writer() -> _Writer:
    global _WRITER
    if _WRITER is None:
        with _WRITER_LOCK:
            if _WRITER is None:
                _WRITER = _Writer()
                # A worker process of a pool exits through multiprocessing, which runs
                # these finalizers (not atexit): its last entries reach the disk first.
                multiprocessing.util.Finalize(None, flush, exitpriority=10)
    return _WRITER


def flush() -> None:
    """Wait until every cache entry this process put is on disk."""
    if _WRITER is not None:
        _WRITER.queue.join()


def _forget_writer() -> None:
    """A forked child has no writer thread: it starts its own on its first put."""
    global _WRITER, _WRITER_LOCK
    _WRITER, _WRITER_LOCK = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_writer)
