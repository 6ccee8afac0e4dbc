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

import os
from pathlib import Path
from typing import Sequence

from kg.ingest.clean import LAYOUT_CLEANERS, clean_document, compose
from kg.ingest.decode import NotText, decode_bytes
from kg.model import Document, Skipped

#: file suffixes taken from folders (a file named explicitly is read whatever its suffix)
SUFFIXES = (".md", ".txt", ".markdown")


def read_inputs(paths: Sequence[str | Path], *, max_bytes: int = 50_000_000
                ) -> tuple[list[Document], list[Skipped]]:
    """Decode every file named in ``paths`` and every .md/.txt file below a folder in
    ``paths`` (recursively, in sorted order; hidden files and folders are left out).

    ``Document.source`` is the path relative to the folder argument's parent
    (``corpus/sub/a.md``), or the bare file name for a file argument. Anything that
    cannot be read becomes a ``Skipped`` with the reason; the rest is still read.
    """
    docs: list[Document] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()
    for arg in paths:
        arg = Path(arg)
        for path, source, problem in _expand(arg):
            if problem:
                skipped.append(Skipped(str(path), problem))
                continue
            key = path.resolve()
            if key in seen:
                continue
            seen.add(key)
            result = read_file(path, source, max_bytes=max_bytes)
            (docs if isinstance(result, Document) else skipped).append(result)
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
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                path = Path(dirpath, name)
                found.append((path.relative_to(root).as_posix(), path))
    for source, path in sorted(found):
        yield path, source, None
    for path, problem in sorted(problems):
        yield path, "", problem


def read_file(path: Path, source: str, *, max_bytes: int = 50_000_000) -> Document | Skipped:
    """One file as a Document, or a Skipped saying why not."""
    try:
        if path.is_dir():
            return Skipped(str(path), "is a folder with no readable files")  # pragma: no cover
        size = path.stat().st_size
        if size > max_bytes:
            return Skipped(str(path), f"larger than the size cap ({size} bytes > {max_bytes})")
        data = path.read_bytes()
    except OSError as exc:
        return Skipped(str(path), _os_reason(exc))
    if not data:
        return Skipped(str(path), "empty file")
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


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "does not exist"
    if isinstance(exc, IsADirectoryError):
        return "is a folder"
    return exc.strerror or str(exc)
