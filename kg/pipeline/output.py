"""The output folder as one unit: a build's files appear together or not at all.

A build writes ``graph.ttl``, ``graph.html``, ``report.html`` and ``build.log`` into a
staging folder beside the output folder (``.NAME.kg-stage-PID``), then swaps the two in
one step (Linux ``renameat2(RENAME_EXCHANGE)``): a reader, a second build or a crash
sees the old set or the new one, never a new ``graph.ttl`` beside an old ``graph.html``.
Files of other programs in the output folder (``output/README.md``) are carried over
as hard links. A lock file beside the folder (``.NAME.kg-lock``) makes a second build
into the same folder wait for the first. Where the swap is not possible (another OS, a
mount point, the output folder is the current directory), the new files replace the
old ones one by one, each still atomically.

Errors a user can fix (no space, read-only file system, no permission) surface as
:class:`OutputError` with one line naming the folder; the old output stays as it was.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "out"
>>> with staged_output(out) as stage:
...     _ = (stage / "graph.ttl").write_text("new")
>>> (out / "graph.ttl").read_text()
'new'
>>> sorted(p.name for p in out.parent.iterdir() if "stage" in p.name)
[]
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

#: The files a build writes; everything else in the output folder belongs to someone else.
GENERATED = ("graph.ttl", "graph.html", "report.html", "build.log", ".pages.key")

#: errno values that mean "this folder cannot take the output", reported in one line.
UNWRITABLE = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class OutputError(Exception):
    """The output folder cannot be written; the message is one line for the user."""


@contextmanager
def staged_output(output: Path, *, say: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Lock ``output``, yield an empty staging folder, and publish it as ``output`` when
    the block ends without an exception (otherwise discard it, leaving ``output`` as it was).

    ``say(message)`` hears when the build waits for another one writing to the same folder.
    """
    output = Path(os.path.abspath(output))
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        lock = open(output.parent / f".{output.name}.kg-lock", "a")  # noqa: SIM115 (held until the end)
    except OSError as exc:
        raise _output_error(output, exc) from None
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if say:
                say(f"another kg build is writing to {output}: waiting for it to finish")
            fcntl.flock(lock, fcntl.LOCK_EX)
        _remove_leftovers(output)
        stage = output.parent / f".{output.name}.kg-stage-{os.getpid()}"
        try:
            stage.mkdir()
            _probe(stage)
        except OSError as exc:
            shutil.rmtree(stage, ignore_errors=True)
            raise _output_error(output, exc) from None
        try:
            yield stage
            _publish(stage, output)
        except OSError as exc:
            if exc.errno in UNWRITABLE:
                raise _output_error(output, exc) from None
            raise
        finally:
            shutil.rmtree(stage, ignore_errors=True)
    finally:
        lock.close()  # releases the lock


def _publish(stage: Path, output: Path) -> None:
    if not output.exists():
        os.rename(stage, output)
        return
    if not output.is_dir():
        raise OutputError(f"{output} exists and is not a folder")
    if _can_exchange(output):
        _carry_over(output, stage)
        if _exchange(stage, output):
            return  # ``stage`` now holds the old output; the caller removes it
    for name in GENERATED:  # fallback: each file still replaced atomically
        new = stage / name
        if new.exists():
            os.replace(new, output / name)
        else:
            try:
                (output / name).unlink()  # a file this build did not write is not left stale
            except FileNotFoundError:
                pass


def _can_exchange(output: Path) -> bool:
    """Not a mount point, and not the current directory or one of its ancestors (swapping
    it away would leave the user's shell in a deleted folder)."""
    if os.path.ismount(output):
        return False
    cwd = Path.cwd().resolve()
    real = output.resolve()
    return real != cwd and real not in cwd.parents


def _carry_over(output: Path, stage: Path) -> None:
    """Hard-link (or copy) what others put in ``output`` into ``stage``."""
    for entry in output.iterdir():
        if entry.name in GENERATED or (entry.name.startswith(".") and entry.name.endswith(".tmp")):
            continue
        target = stage / entry.name
        if target.exists():
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, target, symlinks=True, copy_function=_link_or_copy)
        elif entry.is_symlink():
            os.symlink(os.readlink(entry), target)
        else:
            _link_or_copy(str(entry), str(target))


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    rc = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.EBUSY, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _probe(stage: Path) -> None:
    """Fail now, before the long work, if the folder cannot take a file."""
    probe = stage / ".probe"
    with open(probe, "wb") as f:
        f.write(b"\0" * 65536)
        f.flush()
        os.fsync(f.fileno())
    probe.unlink()


def _remove_leftovers(output: Path) -> None:
    """Staging folders a killed build left (we hold the lock, so none is in use)."""
    for old in output.parent.glob(f".{output.name}.kg-stage-*"):
        shutil.rmtree(old, ignore_errors=True)


def _output_error(output: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    return OutputError(f"cannot write the output folder {output}: {reason}")
