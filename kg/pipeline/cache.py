"""The build cache: what a build computed, kept on disk under a hash of what decided it.

Two kinds of entry, each keyed by a sha256 (see ``key``):

* ``document``: one input file -> its Articles, ingestion log lines and each Article's
  Extraction (see :mod:`kg.pipeline.documents`). The key is the file's path; inside, the layout
  is kept with the key of the content and code it came from, and each Extraction with
  the key of its Article, the lexicon and the code. One file per input file, since
  creating a file is much of what a cache costs;
* ``graph``: the whole corpus -> its counts and log (:class:`GraphEntry`), with the bytes
  of its ``graph.ttl`` beside it (kind ``graph-turtle``; key: every document's content
  key, the lexicon and the code of the whole build), so an unchanged corpus is not even
  laid out again.

"The code" is :func:`code_fingerprint`: the source of every module of the package that
the work imports, found by following its import statements, so no list kept by hand
can miss one. An edited article changes only its own Extraction's key; a changed
vocabulary, rule, ingestion or conversion module changes every key.

Entries are plain data, never pickles: JSON written by :mod:`kg.pipeline.codec` and read back
as the type the reader asks for, so a planted or corrupt file is at worst a wrong or
missing entry (then deleted and recomputed), never code that runs. The one entry that
is not JSON, ``graph.ttl``'s bytes, is only copied out, and only when its sha256 is the
one its JSON entry names. They are written
atomically (temp file + rename) when they are put, by the process that made them (a
writer thread, as before, cost more CPU than the writes: each of its system calls
handed the interpreter's lock back and forth with the build, some 5,000 context
switches in a cold laws build, for writes of 0.1-0.2 ms each). A full or read-only disk
costs the entries, never the build: it is said once on stderr.

Location: ``--cache-dir``, else ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/gonghui-kg``,
else ``~/.cache/gonghui-kg``. It is created private (0700); a folder that belongs to
another user or that group or others may write is refused (:class:`CacheError`), since
whoever can write the cache decides what the graph says. Deleting it is always safe.

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

import errno
import hashlib
import multiprocessing
import os
import re
import stat
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kg.pipeline.codec import CodecError, decode, encode
from kg.rdf.atomic import atomic_write_bytes, remove_stale_temp_files

#: Bump when the layout of cache entries changes; every old entry is then ignored.
#: ("3": one folder per kind, no ``key[:2]`` subfolders, see :meth:`Cache.path`.)
CACHE_FORMAT = "3"

#: How many whole-corpus ``graph`` entries to keep (each is about the size of graph.ttl twice).
KEEP_GRAPHS = 8

_PACKAGE = Path(__file__).resolve().parents[1]  # kg/


class CacheError(ValueError):
    """The cache folder cannot be trusted or used; ``str(exc)`` says why and what to do."""


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


# ---------------------------------------------------------------- what the code is

def code_modules(*modules: str, package: Path = _PACKAGE) -> dict[str, Path]:
    """The source file of every module of the ``kg`` package that importing ``modules``
    (and calling into them) can run: the import statements of each module are followed
    transitively, those inside functions too, with the ``__init__`` of every package on
    the way. ``package`` is the folder of ``kg`` (a copy, in tests).

    >>> mods = code_modules("kg.pipeline.documents")
    >>> {"kg.pipeline.documents", "kg.ingest.decode", "kg.convert", "kg.extract.lexicon", "kg"} <= set(mods)
    True
    >>> "kg.serve.worker" in mods
    False
    """
    found: dict[str, Path] = {}
    todo = list(modules)
    while todo:
        name = todo.pop()
        if name in found or not (name == "kg" or name.startswith("kg.")):
            continue
        path = _module_file(name, package)
        if path is None:  # a name imported from a module, not a module
            continue
        found[name] = path
        parts = name.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)))
        todo.extend(_imports(name, path))
    return dict(sorted(found.items()))


def _module_file(name: str, package: Path) -> Path | None:
    rel = Path(*name.split(".")[1:])
    for candidate in (package / rel / "__init__.py", package / rel.with_suffix(".py") if rel.parts else None):
        if candidate is not None and candidate.is_file():
            return candidate
    return None


#: An import statement at any depth: ``from X import (a, b)`` or ``import a.b as c, d``.
_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)"
                     r"|import[ \t]+([^\n#;]*))", re.M)


def _imports(name: str, path: Path) -> list[str]:
    """The modules ``path`` (module ``name``) names in import statements, at any depth;
    ``from a import b`` yields ``a`` and ``a.b``. Read with a pattern, not a parser (a
    tenth of the time): a line that only looks like an import (in a docstring) can add a
    module, never lose one. Calls of ``importlib.import_module`` are not followed: the
    package makes them only to pick a CLI command and for ``kg.build``'s lazy attribute,
    and following the latter would make every module part of every key."""
    own = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: list[str] = []
    for m in _IMPORT.finditer(path.read_text(encoding="utf-8")):
        module, names, plain = m.groups()
        if plain is not None:
            out.extend(part.split()[0] for part in plain.split(",") if part.split())
            continue
        level = len(module) - len(module.lstrip("."))
        if level:
            base = own.rsplit(".", level - 1)[0] if level > 1 else own
            rest = module[level:]
            module = f"{base}.{rest}" if rest else base
        out.append(module)
        out.extend(f"{module}.{part.split()[0]}" for part in names.strip("()").split(",") if part.split())
    return out


@cache
def code_fingerprint(*modules: str, package: Path = _PACKAGE) -> str:
    """A hash of the source of :func:`code_modules` of ``modules``.

    >>> code_fingerprint("kg.pipeline.documents") == code_fingerprint("kg.pipeline.documents")
    True
    """
    h = hashlib.sha256()
    for name, path in code_modules(*modules, package=package).items():
        data = path.read_bytes()
        h.update(name.encode() + b"\0" + len(data).to_bytes(8, "little") + data)
    return h.hexdigest()[:16]


# ---------------------------------------------------------------- the cache itself

class Cache:
    """JSON values under ``root/v<FORMAT>/<kind>/<key>``.

    Opening one creates ``root`` (mode 0700) if missing and checks that it is a folder
    of this user that nobody else may write; CacheError otherwise.
    """

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.base = self.root / f"v{CACHE_FORMAT}"
        check_cache_folder(self.root)

    def __repr__(self) -> str:
        return f"Cache({str(self.root)!r})"

    def path(self, kind: str, k: str) -> Path:
        """Where the entry ``k`` of ``kind`` is: all of a kind in one folder. Spread over
        256 ``key[:2]`` subfolders (cache format 2), the entries of a cold laws build cost
        0.3-0.5 s more system time: each file created in another new folder (ext4 spreads
        new folders over the disk) costs about 0.5 ms, against 0.15 ms in one folder, which
        stays fast with tens of thousands of entries (ext4's hashed directories)."""
        return self.base / kind / k

    def get(self, kind: str, k: str, as_type: Any = Any) -> Any:
        """The value stored under ``k``, decoded as ``as_type`` (a dataclass, or ``Any``
        for plain JSON), or None if absent or not of that type (then it is removed)."""
        p = self.path(kind, k)
        try:
            data = p.read_bytes()
        except OSError:
            return None
        try:
            return decode(data, as_type)
        except (CodecError, TypeError, ValueError):  # truncated or foreign bytes: drop it, the caller recomputes
            try:
                p.unlink()
            except OSError:
                pass
            return None

    def put(self, kind: str, k: str, value: Any) -> None:
        """Store ``value`` under ``k``, written to disk atomically. A full or read-only disk
        only costs the entry."""
        self.put_json(kind, k, encode(value))

    def put_json(self, kind: str, k: str, data: bytes) -> None:
        """Store ``data``, the :func:`kg.pipeline.codec.encode` of a value made already, under
        ``k`` (read back by :meth:`get` as that value)."""
        _write(self.path(kind, k), data)

    def get_bytes(self, kind: str, k: str, sha256: str) -> bytes | None:
        """The bytes stored under ``k`` by :meth:`put_bytes` if their sha256 is ``sha256``
        (which a JSON entry names), else None (and a mismatching file is removed). Such an
        entry is never decoded: its bytes are only copied out, ``graph.ttl`` for one.

        >>> import tempfile
        >>> c = Cache(tempfile.mkdtemp())
        >>> c.put_bytes("graph-turtle", "ab" * 32, b"<a> <b> <c> .")
        >>> c.get_bytes("graph-turtle", "ab" * 32, hashlib.sha256(b"<a> <b> <c> .").hexdigest())
        b'<a> <b> <c> .'
        >>> c.get_bytes("graph-turtle", "ab" * 32, "0" * 64) is None
        True
        """
        p = self.path(kind, k)
        try:
            data = p.read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() == sha256:
            return data
        try:
            p.unlink()
        except OSError:
            pass
        return None

    def put_bytes(self, kind: str, k: str, data: bytes) -> None:
        """Store ``data`` as it is under ``k`` (read back by :meth:`get_bytes`)."""
        _write(self.path(kind, k), data)

    def touch(self, kind: str, k: str) -> None:
        """Mark the entry ``k`` as just used, so that :meth:`prune` keeps it longest."""
        try:
            os.utime(self.path(kind, k))
        except OSError:
            pass

    def prune(self, kind: str, keep: int) -> None:
        """Keep only the ``keep`` most recently written entries of ``kind``, and remove the
        temp files a killed build left among them."""
        folder = self.base / kind
        if not folder.is_dir():
            return
        remove_stale_temp_files(folder)
        entries = sorted((p for p in folder.iterdir() if not p.name.startswith(".")),
                         key=lambda p: p.stat().st_mtime, reverse=True)
        for p in entries[keep:]:
            try:
                p.unlink()
            except OSError:
                pass


def check_cache_folder(root: Path) -> None:
    """Create ``root`` (0700) if missing; CacheError unless it is a folder owned by this
    user that neither group nor others may write. Whoever can write the cache decides
    what the graph says, so a shared or foreign folder is never used."""
    try:
        root.parent.mkdir(parents=True, exist_ok=True)
        root.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise CacheError(f"cache folder {root}: cannot create it ({exc.strerror}); "
                         f"use --cache-dir DIR or --no-cache") from None
    try:
        st = os.stat(root)
    except OSError as exc:
        raise CacheError(f"cache folder {root}: {exc.strerror}; use --cache-dir DIR or --no-cache") from None
    if not stat.S_ISDIR(st.st_mode):
        raise CacheError(f"cache folder {root} is not a folder; use --cache-dir DIR or --no-cache")
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        raise CacheError(f"cache folder {root} belongs to another user (uid {st.st_uid}, you are "
                         f"{os.geteuid()}): its entries are not trusted; use your own folder "
                         f"(--cache-dir DIR) or --no-cache")
    if st.st_mode & 0o022:
        who = " and ".join(w for w, bit in (("group", 0o020), ("others", 0o002)) if st.st_mode & bit)
        raise CacheError(f"cache folder {root} is writable by {who} (mode {stat.filemode(st.st_mode)}): "
                         f"its entries are not trusted; run 'chmod go-w {root}', or use "
                         f"--cache-dir DIR or --no-cache")


@dataclass(frozen=True)
class GraphEntry:
    """The whole-corpus entry (kind ``graph``): the counts and log of a build and the
    sha256 of its ``graph.ttl``, whose bytes are kept beside it under the same key (kind
    ``graph-turtle``, see :meth:`Cache.get_bytes`). Small, so that an unchanged rebuild
    decodes next to nothing: the triples are not kept (should the pages have to be drawn
    again, they are read back from ``graph.ttl``).

    >>> GraphEntry(3, {"Person": 2}, ("a.md: 1 article(s)",), triples=40, dated=2, turtle="0" * 64).dated
    2
    """

    articles: int
    entities: dict[str, int]
    log: tuple[str, ...]
    triples: int  # how many the graph has
    dated: int  # how many of them are an article's dcterms:date
    turtle: str  # sha256 of graph.ttl

    def __post_init__(self) -> None:
        if not _SHA256.fullmatch(self.turtle):
            raise CodecError(f"turtle: not a sha256: {self.turtle[:70]!r}")


_SHA256 = re.compile(r"[0-9a-f]{64}")


def _write_atomically(path: Path, data: bytes) -> None:
    """Temp file + rename without fsync: a killed build still never leaves a partial entry;
    fsync would only guard against power loss, which :meth:`Cache.get` survives anyway (an
    unreadable entry is recomputed), and one fsync per article made cold builds slower."""
    atomic_write_bytes(path, data, fsync=False)


try:  # one flag for the build and its forked workers: a full disk is reported once
    _WARNED: Any = multiprocessing.Value("b", 0)
except (OSError, ImportError):  # pragma: no cover - no shared memory: once per process
    _WARNED = None
_WARNED_HERE = False


def _warn_write_failed(path: Path, exc: OSError) -> None:
    """Say once, on stderr, that cache entries cannot be written, and why."""
    global _WARNED_HERE
    if _WARNED_HERE:
        return
    _WARNED_HERE = True
    if _WARNED is not None:
        with _WARNED.get_lock():
            if _WARNED.value:
                return
            _WARNED.value = 1
    folder = path.parents[2] if len(path.parents) > 2 else path.parent  # root/v<FORMAT>/<kind>/<key>
    what = "the disk is full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else (exc.strerror or str(exc))
    try:
        print(f"kg: warning: cache {folder}: cannot write entries ({what}); "
              f"the build goes on without saving them", file=sys.stderr, flush=True)
    except (OSError, ValueError):  # pragma: no cover - no stderr
        pass


def _write(path: Path, data: bytes) -> None:
    """Write an entry atomically; a full or read-only disk costs the entry, never the build."""
    try:
        _write_atomically(path, data)
    except OSError as exc:
        _warn_write_failed(path, exc)
