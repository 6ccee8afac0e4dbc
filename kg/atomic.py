"""Atomic file writes: a reader sees the old complete file or the new one, never half.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
>>> atomic_write_text(p, "完整")
>>> p.read_text(encoding="utf-8")
'完整'
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

_SERIAL = itertools.count()  # with the pid, makes each temp file name unique


def atomic_write_bytes(path: Path, data: bytes, *, fsync: bool = True) -> None:
    """Write ``data`` to a temp file beside ``path``, fsync it, then rename it over ``path``.

    ``fsync=False`` still never leaves a partial file after a crash of the process (the
    rename is atomic); it only gives up the guarantee against power loss. The temp file
    is named ``.NAME.PID.N.tmp`` and created with O_EXCL, and the folder is made only
    when missing: the build cache writes a file per article, so every system call counts.
    """
    path = Path(path)
    tmp = f"{path.parent}{os.sep}.{path.name}.{os.getpid()}.{next(_SERIAL)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(tmp, flags, 0o666)  # the umask applies, as for any file the user writes
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, flags, 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if fsync:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """Like :func:`atomic_write_bytes` for UTF-8 text."""
    atomic_write_bytes(path, text.encode("utf-8"))
