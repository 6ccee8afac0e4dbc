"""Word files (.docx)."""

from __future__ import annotations

from pathlib import Path

from kg.model import Document, Skipped


def read_docx(data: bytes, path: Path, source: str) -> Document | Skipped:
    return Skipped(str(path), "not yet")
