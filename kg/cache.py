"""The build cache: what a build computed, kept on disk by content hash.

Three kinds of entry, each keyed by a sha256 of everything that decides its value:

* ``layout``:  one input Document -> its Articles and ingestion log lines
  (key: the Document and the source of ``kg/ingest`` and ``kg/model.py``);
* ``extract``: one Article -> its Extraction
  (key: the Article, the lexicon fingerprint, which covers the vocabularies and
  every ``kg/extract`` source file, and ``kg/model.py``);
* ``graph``:   the whole corpus -> its triples, ``graph.ttl`` and log
  (key: every Document key, the lexicon fingerprint and the source of the whole
  ``kg`` package), so an unchanged corpus is not even laid out again.

An edited article changes only its own ``extract`` key; a changed vocabulary or rule
changes the fingerprint, hence every ``extract`` key. Entries are pickles written
atomically (temp file + rename): a killed build never leaves a half-written entry,
and an unreadable one is deleted and recomputed.

Location: ``--cache-dir``, else ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/gonghui-kg``,
else ``~/.cache/gonghui-kg``. Deleting the folder is always safe.

>>> import tempfile
>>> c = Cache(tempfile.mkdtemp())
>>> k = key("extract", "some article")
>>> c.get("extract", k) is None
True
>>> c.put("extract", k, {"found": 1})
>>> c.get("extract", k)
{'found': 1}
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path

from kg.atomic import atomic_write_bytes

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


@lru_cache(maxsize=None)
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
        """Store ``value`` under ``k`` atomically; a full or read-only disk only costs the entry."""
        try:
            _write_atomically(self.path(kind, k), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass

    def prune(self, kind: str, keep: int) -> None:
        """Keep only the ``keep`` most recently written entries of ``kind``."""
        entries = sorted((self.base / kind).glob("*/*"), key=lambda p: p.stat().st_mtime, reverse=True)
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
