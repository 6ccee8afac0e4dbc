"""PDF files."""

from __future__ import annotations

from pathlib import Path

from kg.model import Document, Skipped


def read_pdf(data: bytes, path: Path, source: str) -> Document | Skipped:
    return Skipped(str(path), "not yet")
