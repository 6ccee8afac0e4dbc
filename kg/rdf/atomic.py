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
import time
from pathlib import Path

_SERIAL = itertools.count()  # with the pid, makes each temp file name unique


def atomic_write_bytes(path: Path, data: bytes, *, fsync: bool = True) -> None:
    """Write ``data`` to a temp file beside ``path``, fsync it, then rename it over ``path``.

    ``fsync=False`` still never leaves a partial file after a crash of the process (the
    rename is atomic); it only gives up the guarantee against power loss. The temp file
    is named ``.NAME.PID.N.tmp`` and created with O_EXCL, and the folder is made only
    when missing: the build cache writes a file per input file, so every system call counts.
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
        try:  # os.write, not a file object: that costs three more system calls (fstat, ioctl, lseek)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if fsync:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


#: A temp file is only taken for a leftover once it is this old (seconds): a writer on
#: another machine sharing the folder has a pid this one cannot check.
STALE_AFTER = 3600.0


def remove_stale_temp_files(folder: Path, *, older_than: float = STALE_AFTER) -> int:
    """Delete the temp files of :func:`atomic_write_bytes` that a killed writer left in
    ``folder``: named ``.NAME.PID.N.tmp``, their process gone, and older than
    ``older_than`` seconds. Returns how many were deleted."""
    removed = 0
    now = time.time()
    for tmp in Path(folder).glob(".*.tmp"):
        parts = tmp.name.rsplit(".", 3)
        if len(parts) != 4 or not parts[1].isdigit() or not parts[2].isdigit() or _alive(int(parts[1])):
            continue
        try:
            if now - tmp.stat().st_mtime > older_than:
                tmp.unlink()
                removed += 1
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or not a pid: leave its file alone
    return True


def atomic_write_text(path: Path, text: str) -> None:
    """Like :func:`atomic_write_bytes` for UTF-8 text."""
    atomic_write_bytes(path, text.encode("utf-8"))
