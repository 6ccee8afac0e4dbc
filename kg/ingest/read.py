"""Find the input files and decode them into Documents.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()) / "corpus"; d.mkdir()
>>> _ = (d / "a.md").write_text("# 标题", encoding="utf-8")
>>> _ = (d / "b.md").write_bytes(b"")
>>> docs, skipped = read_inputs([d])
>>> [x.source for x in docs], [s.reason for s in skipped]
(['corpus/a.md'], ['empty file'])
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.ingest import html
from kg.ingest.clean import LAYOUT_CLEANERS, clean_document, compose
from kg.ingest.decode import NotText, decode_bytes
from kg.model import Document, Skipped


@dataclass(frozen=True)
class Format:
    """A kind of input file: its name, its suffixes, and the reader that turns its bytes
    into a Document (None: decoded as Markdown or plain text)."""

    name: str
    suffixes: tuple[str, ...]
    reader: Callable[[bytes, Path, str], Document | Skipped] | None = None


def _read_docx(data: bytes, path: Path, source: str) -> Document | Skipped:
    """:func:`kg.ingest.docx.read_docx`, imported when a Word file is read: a corpus without
    one never loads it (nor the PDF reader, below: 20 ms of every build's start)."""
    from kg.ingest.docx import read_docx

    return read_docx(data, path, source)


def _read_pdf(data: bytes, path: Path, source: str) -> Document | Skipped:
    """:func:`kg.ingest.pdf.read_pdf`, imported when a PDF is read."""
    from kg.ingest.pdf import read_pdf

    return read_pdf(data, path, source)


#: The formats kg build reads, by suffix: the one table of formats.
FORMATS = (
    Format("Markdown or plain text", (".md", ".markdown", ".txt")),
    Format("web page (HTML)", (".html", ".htm"), html.read_html),
    Format("Word", (".docx",), _read_docx),
    Format("PDF with a text layer", (".pdf",), _read_pdf),
)

#: Kinds of files that no reader takes, and why: named in the summary and build.log.
UNSUPPORTED = {
    ".doc": "old Word format (.doc) is not supported: save it as .docx",
    ".wps": "WPS document is not supported: save it as .docx",
    ".rtf": "RTF is not supported: save it as .docx",
    ".xls": "spreadsheet, not an article", ".xlsx": "spreadsheet, not an article",
    ".csv": "table, not an article", ".json": "data file (JSON), not an article",
    ".xml": "data file (XML), not an article",
    ".ppt": "slides are not supported", ".pptx": "slides are not supported",
    ".jpg": "image (no text layer to read)", ".jpeg": "image (no text layer to read)",
    ".png": "image (no text layer to read)", ".gif": "image (no text layer to read)",
    ".bmp": "image (no text layer to read)", ".tif": "image (no text layer to read)",
    ".tiff": "image (no text layer to read)", ".webp": "image (no text layer to read)",
    ".zip": "archive: unpack it first", ".rar": "archive: unpack it first", ".7z": "archive: unpack it first",
}

#: file suffixes taken from folders (a file named explicitly is read whatever its suffix)
SUFFIXES = tuple(s for f in FORMATS for s in f.suffixes)


def format_of(path: Path) -> Format | None:
    """The format whose suffix ``path`` has, or None."""
    suffix = path.suffix.lower()
    return next((f for f in FORMATS if suffix in f.suffixes), None)


def unsupported_reason(path: Path) -> str:
    """Why a file no reader takes is left out."""
    suffix = path.suffix.lower()
    reason = UNSUPPORTED.get(suffix, f"not a format kg build reads ({suffix or 'no suffix'})")
    return f"unsupported: {reason}"

#: the per-file size cap unless ``KG_MAX_FILE_SIZE`` or the caller says otherwise; the
#: biggest real article seen is under 100 kB, a file of many MB is a dump, not an article
DEFAULT_MAX_BYTES = 10_000_000
#: environment variable that sets the cap: bytes, or a number with k/M/G (``KG_MAX_FILE_SIZE=50M``)
MAX_SIZE_ENV = "KG_MAX_FILE_SIZE"
_UNITS = {"": 1, "b": 1, "k": 1000, "kb": 1000, "m": 1000_000, "mb": 1000_000,
          "g": 1000_000_000, "gb": 1000_000_000}


def parse_size(text: str) -> int:
    """Bytes from ``"2000"``, ``"500k"``, ``"20M"`` or ``"1.5GB"``; ValueError otherwise.

    >>> parse_size("20M"), parse_size("500k"), parse_size("123")
    (20000000, 500000, 123)
    """
    t = text.strip().lower()
    num = t.rstrip("kmgb")
    unit = t[len(num):]
    if unit not in _UNITS or not num:
        raise ValueError(f"not a size: {text!r} (use bytes, or a number with k, M or G)")
    value = float(num) * _UNITS[unit]
    if value <= 0:
        raise ValueError(f"not a size: {text!r} (must be positive)")
    return int(value)


def max_file_bytes() -> int:
    """The size cap: ``$KG_MAX_FILE_SIZE`` if set (ValueError if malformed), else the default."""
    raw = os.environ.get(MAX_SIZE_ENV, "").strip()
    return parse_size(raw) if raw else DEFAULT_MAX_BYTES


def format_size(n: int) -> str:
    """``20.0 MB``, ``512.0 kB`` or ``12 bytes``.

    >>> format_size(20_971_520), format_size(999)
    ('21.0 MB', '999 bytes')
    """
    if n >= 1000_000:
        return f"{n / 1000_000:.1f} MB"
    if n >= 1000:
        return f"{n / 1000:.1f} kB"
    return f"{n} bytes"


def read_inputs(paths: Sequence[str | Path], *, max_bytes: int | None = None
                ) -> tuple[list[Document], list[Skipped]]:
    """Read every file named in ``paths`` and every file of a format in :data:`FORMATS`
    below a folder in ``paths`` (recursively, in sorted order; hidden files and folders,
    and a saved page's assets folder, are left out; any other file there is a ``Skipped``
    saying why it is not read).

    ``Document.source`` is the path relative to the folder argument's parent
    (``corpus/sub/a.md``), or the bare file name for a file argument. Anything that
    cannot be read becomes a ``Skipped`` with the reason; the rest is still read.
    A file larger than ``max_bytes`` (default :func:`max_file_bytes`) is skipped unread.
    """
    if max_bytes is None:
        max_bytes = max_file_bytes()
    docs: list[Document] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()
    for arg in paths:
        arg = Path(arg)
        for path, source, problem in _expand(arg):
            if not problem and not _utf8_name(str(path)):
                problem = "its path is not valid UTF-8 (shown escaped); rename it to read it"
            if problem:
                in_folder = arg.is_dir() and problem.startswith("unsupported:")
                skipped.append(Skipped(str(path), problem, unsupported=in_folder))
                continue
            try:
                key = path.resolve()
            except (OSError, RuntimeError):  # a symbolic link that loops: read_file says so
                key = Path(os.path.abspath(path))
            if key in seen:
                continue
            seen.add(key)
            result = read_file(path, source, max_bytes=max_bytes)
            if isinstance(result, Document):
                docs.append(result)
            else:
                skipped.append(result)
    return docs, skipped


def _expand(arg: Path):
    """``(path, source, problem)`` for each file that ``arg`` stands for."""
    if not arg.exists() and not arg.is_symlink():
        yield arg, "", "does not exist"
        return
    if not arg.is_dir():
        yield arg, arg.name, None
        return
    root = arg.resolve().parent if arg.name in ("", ".", "..") else arg.parent
    found, problems = [], []

    def onerror(exc: OSError) -> None:
        problems.append((Path(exc.filename or arg), _os_reason(exc)))

    for dirpath, dirnames, filenames in os.walk(arg, onerror=onerror):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and not _page_assets(d, filenames)]
        for name in filenames:
            path = Path(dirpath, name)
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                found.append((path.relative_to(root).as_posix(), path))
            elif not name.startswith("."):
                problems.append((path, unsupported_reason(path)))
    for source, path in sorted(found):
        yield path, source, None
    for path, problem in sorted(problems):
        yield path, "", problem


def _page_assets(folder: str, files: list[str]) -> bool:
    """True for the assets folder a browser saves beside a page (``新闻_files`` beside
    ``新闻.html``): its images and scripts are part of the page, not inputs."""
    return folder.endswith("_files") and any(f in files for f in (folder[:-6] + ".html", folder[:-6] + ".htm"))


def read_file(path: Path, source: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document | Skipped:
    """One file as a Document, or a Skipped saying why not."""
    if path.suffix.lower() in UNSUPPORTED:
        return Skipped(str(path), unsupported_reason(path))
    fmt = format_of(path)
    try:
        data = read_regular_file(path, max_bytes)
    except Unreadable as exc:
        return Skipped(str(path), str(exc))
    if not data:
        return Skipped(str(path), "empty file")
    if fmt is not None and fmt.reader is not None:
        return fmt.reader(data, path, source)
    try:
        text, encoding = decode_bytes(data)
    except NotText as exc:
        return Skipped(str(path), str(exc))
    text = clean_document(text)
    if not text.strip():
        return Skipped(str(path), "only white space")
    if not compose(LAYOUT_CLEANERS, text).strip():
        return Skipped(str(path), "no text besides front matter or HTML comments")
    return Document(path=str(path), source=source, text=text, encoding=encoding)


class Unreadable(Exception):
    """A file that is not read; ``str(exc)`` says why."""


#: What a path that is not a regular file is, for the message.
_FILE_KINDS = ((stat.S_ISDIR, "is a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
               (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
               (stat.S_ISSOCK, "a socket"))
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def read_regular_file(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of ``path`` if it is a regular file (after symbolic links) of at most
    ``max_bytes`` that did not change while it was read; Unreadable with the reason
    otherwise. Never blocks on a FIFO or device and never reads more than
    ``max_bytes + 1`` bytes, whatever ``stat`` said (a file that grows, ``/proc``).

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); os.mkfifo(os.path.join(d, "pipe.md"))
    >>> read_regular_file(os.path.join(d, "pipe.md"))
    Traceback (most recent call last):
    ...
    kg.ingest.read.Unreadable: not a regular file: a FIFO (named pipe)
    """
    try:
        before = os.stat(path)  # follows links; checked before open, which would block on a FIFO
        if not stat.S_ISREG(before.st_mode):
            raise Unreadable(_not_regular(before.st_mode))
        if before.st_size > max_bytes:
            raise Unreadable(f"larger than the size cap ({format_size(before.st_size)} > "
                             f"{format_size(max_bytes)}; set {MAX_SIZE_ENV}=SIZE to raise it)")
        fd = os.open(path, _OPEN_FLAGS)  # O_NONBLOCK: if it became a FIFO since, open does not wait
    except OSError as exc:
        raise Unreadable(_os_reason(exc)) from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise Unreadable(_not_regular(opened.st_mode))
        if (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
            raise Unreadable("changed while it was read (replaced by another file); read it again later")
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            want = min(max(opened.st_size + 1 - total, 1 << 16), max_bytes + 1 - total)
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        after = os.fstat(fd)
    except OSError as exc:
        raise Unreadable(_os_reason(exc)) from None
    finally:
        os.close(fd)
    if total > max_bytes:
        raise Unreadable(f"larger than the size cap while it was read (its size said "
                         f"{format_size(opened.st_size)}, more than {format_size(max_bytes)} came; "
                         f"set {MAX_SIZE_ENV}=SIZE to raise it)")
    if total != opened.st_size or (after.st_size, after.st_mtime_ns) != (opened.st_size, opened.st_mtime_ns):
        raise Unreadable(f"changed while it was read (its size said {format_size(opened.st_size)}, "
                         f"{format_size(total)} came, now {format_size(after.st_size)}); read it again later")
    return b"".join(chunks)


def _not_regular(mode: int) -> str:
    what = next((name for test, name in _FILE_KINDS if test(mode)), "not a file")
    return what if what == "is a folder" else f"not a regular file: {what}"


def _utf8_name(name: str) -> bool:
    """Whether ``name`` (as os.fsdecode made it) was valid UTF-8 on disk."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link that loops (or too many links in a row)"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "does not exist"
    if isinstance(exc, IsADirectoryError):
        return "is a folder"
    return exc.strerror or str(exc)
