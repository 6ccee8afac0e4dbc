"""What the inputs of a build look like on disk, so that an unchanged corpus is not read.

An unchanged rebuild must still know that nothing changed: reading and hashing every
file is most of what it costs (0.3 s of 0.6 s on the laws corpus). :func:`input_stamp`
is a key over what the file system says of each input, without reading one: every file
under the given paths (hidden ones and other formats too, so that nothing the reader
might read is missed) with its size, modification and change times in nanoseconds,
inode, device and mode, and the arguments, the working folder, the options of reading,
the code of the build and the folders packages are installed in (so that an upgraded
library of a reader is noticed). The cache keeps, under that key, the key of the graph the
inputs gave and what reading them skipped (:class:`InputsEntry`); when the key is found
again, the build takes the graph without opening a file.

Stat data can lie in one case: a file written twice within one tick of the file
system's clock, the second time after the build looked, keeps its times (and maybe its
size). So a file changed less than :data:`SETTLE_SECONDS` before the stamp is taken
makes no stamp: that build reads and hashes everything, as every build did before, and
a later one records the stamp. Anything else that changes a file (an edit, a copy with
its times kept, a rename, chmod) changes its change time or inode, and the key.

The lexicon's fingerprint is not read either: it hashes the vocabularies and the
sources of ``kg.extract``, which the work's fingerprint (part of the key) hashes too.

>>> import tempfile, pathlib, os, time
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.md").write_text("# 题\\n\\n正文。\\n", encoding="utf-8")
>>> input_stamp([folder], None, None) is None   # just written: not settled
True
>>> old = time.time() - 60
>>> os.utime(folder / "a.md", (old, old))
>>> input_stamp([folder], None, None, settle=0) == input_stamp([folder], None, None, settle=0)
True
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.model import Skipped
from kg.pipeline.cache import code_fingerprint, key

#: A file changed this recently (seconds) makes no stamp (see the module's docstring):
#: more than the coarsest clock of a common file system (FAT's 2 s).
SETTLE_SECONDS = 3.0


@dataclass(frozen=True)
class InputsEntry:
    """A cache entry (kind ``inputs``): the graph the stamped inputs gave, how many files
    were read, and what was skipped."""

    graph: str  # the key of the ``graph`` entry
    files: int
    skipped: tuple[Skipped, ...]


def input_stamp(paths: Sequence[str | Path], max_bytes: int | None, split_level: int | None, *,
                settle: float | None = None) -> str | None:
    """The key of ``paths`` as the file system describes them (no file is read), or None
    when one of them changed in the last ``settle`` seconds (default :data:`SETTLE_SECONDS`)
    or cannot be listed."""
    from kg.pipeline.documents import work_fingerprint

    settle = SETTLE_SECONDS if settle is None else settle
    recent = time.time_ns() - int(settle * 1e9)
    parts: list[str] = [code_fingerprint("kg.pipeline.run"), work_fingerprint(), repr(max_bytes),
                        repr(split_level), os.getcwd(), sys.version, *_installed()]
    for arg in paths:
        arg = os.fspath(arg)
        parts.append(f"arg\0{arg}\0{os.path.abspath(arg)}")
        try:
            files = _files(arg)
        except OSError:  # a folder that cannot be listed: the reader says what it can
            return None
        for rel, st in files:
            if st is None:
                parts.append(f"missing\0{rel}")
                continue
            if max(st.st_mtime_ns, st.st_ctime_ns) > recent:
                return None
            parts.append(f"{rel}\0{st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino} {st.st_dev} {st.st_mode}")
    return key("inputs", *parts)


def _installed() -> list[str]:
    """The folders packages are installed in, with their modification times: installing,
    upgrading or removing a package (a reader's library, say) changes its folder's
    listing, so the files are read again rather than trusted to read as before. (Not
    every folder on ``sys.path``: the working folder is one, and a build's output
    folder appearing in it would change it every time.)"""
    import site

    out = []
    for folder in [*site.getsitepackages(), site.getusersitepackages()]:
        try:
            out.append(f"{folder}\0{os.stat(folder).st_mtime_ns}")
        except OSError:
            continue
    return out


def _files(arg: str) -> list[tuple[str, os.stat_result | None]]:
    """Every file ``arg`` stands for (itself, or everything below it, symbolic links to
    folders not followed, as the reader walks), with its stat (None if missing);
    OSError if a folder cannot be listed."""
    if not os.path.isdir(arg):
        return [("", _stat(arg))]
    found: list[tuple[str, os.stat_result | None]] = []
    _walk(arg, "", found)
    return found


def _walk(folder: str, rel: str, found: list) -> None:
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        name = f"{rel}/{entry.name}" if rel else entry.name
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, name, found)
        else:
            found.append((name, _stat(entry.path)))


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        try:
            return os.lstat(path)  # a dangling symbolic link
        except OSError:
            return None
