"""Word files (``.docx``, read with python-docx).

The text is written as the layout reads Markdown: the title paragraph as ``# title``
(the first paragraph in a Title or Heading 1 style, or bold, or centred; else the file's
own title property), Heading styles as ``## ``, every other paragraph and every table
cell's paragraph on its own. A notice's signature block at the end (the issuing
organization on a short line, then the date: ``临江市总工会`` / ``2026年8月15日``) is
not body text: it goes to ``Document.meta`` as "organization" and "date". An old
binary ``.doc`` is not read (see ``UNSUPPORTED`` in :mod:`kg.ingest.read`).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from kg.ingest.clean import clean_document
from kg.ingest.dates import parse_date
from kg.model import Document, Skipped

#: an issuing organization's line in a signature block is at most this long
MAX_SIGNATURE = 30
_DATE_ONLY = re.compile(r"^[\s（(]*(?:\d{4}|[〇零○一二三四五六七八九]{4})\s*年.{1,8}[日号][\s）)]*$")
_CLAUSE = re.compile(r"[，。；！？,;!?：:]")
_NOTE = re.compile(r"^[（(].{1,40}[)）]$")
#: lines above the title of an official document: the issuer's banner and the document number
_HEADER = re.compile(r"文件$|[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号")
#: the title is one of the first paragraphs
MAX_BEFORE_TITLE = 3


def read_docx(data: bytes, path: Path, source: str) -> Document | Skipped:
    """A Word file as a Document, or why it cannot be one."""
    import docx

    try:
        word = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        return Skipped(str(path), f"not a readable Word (.docx) file ({type(exc).__name__}: {exc})")
    except Exception as exc:  # python-docx raises its own kinds for broken packages
        return Skipped(str(path), f"not a readable Word (.docx) file ({type(exc).__name__})")

    blocks = _blocks(word)
    if not blocks:
        return Skipped(str(path), "Word file with no text")
    blocks, meta = _take_signature(blocks)
    title = next((t for k, t in blocks if k == "title"), "") or (word.core_properties.title or "").strip()
    if title:
        meta.insert(0, ("title", title))
    lines = [f"# {title}"] if title else []
    lines += [f"## {text}" if kind == "heading" else text for kind, text in blocks if kind in ("heading", "body")]
    return Document(path=str(path), source=source, text=clean_document("\n\n".join(lines) + "\n"),
                    encoding="docx", meta=tuple(meta))


def _blocks(word) -> list[tuple[str, str]]:
    """``(kind, text)`` of each paragraph and table row in order; kind is title, heading or body."""
    from docx.table import Table

    blocks: list[tuple[str, str]] = []
    for item in word.iter_inner_content():
        if isinstance(item, Table):
            blocks += [("body", row) for row in _table_rows(item)]
            continue
        text = _text(item)
        if text:
            blocks.append((_paragraph_kind(item, text, blocks), text))
    return blocks


def _table_rows(table) -> list[str]:
    """Each row with text as one paragraph, its cells separated by spaces."""
    rows = []
    for row in table.rows:
        cells = [" ".join(t for p in c.paragraphs if (t := _text(p))) for c in _unique_cells(row.cells)]
        if row_text := " ".join(c for c in cells if c):
            rows.append(row_text)
    return rows


def _paragraph_kind(paragraph, text: str, before: list[tuple[str, str]]) -> str:
    """title, heading or body, for a paragraph with ``text`` after the blocks ``before``."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if (not any(k == "title" for k, _ in before) and len(before) < MAX_BEFORE_TITLE and not _HEADER.search(text)
            and (style.startswith(("Title", "Heading 1")) or _all_bold(paragraph)
                 or paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER)):
        return "title"
    if style.startswith(("Heading", "Title", "Subtitle")):
        return "heading"
    return "body"


def _take_signature(blocks: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The blocks without the signature block, and what it says as metadata."""
    meta: list[tuple[str, str]] = []
    signature = _signature(blocks)
    if signature is None:
        return blocks, meta
    start, end = signature
    if end - start == 2:
        meta.append(("organization", blocks[start][1]))
    meta.append(("date", blocks[end - 1][1]))
    return blocks[:start] + blocks[end:], meta  # what follows it (此件公开发布) stays


def _signature(blocks: list[tuple[str, str]]) -> tuple[int, int] | None:
    """``(start, end)`` of the signature block among the last paragraphs: a date alone on
    its line, with the issuer's short line before it; only short bracketed notes such as
    （此件公开发布） may follow it."""
    for k in range(len(blocks) - 1, max(len(blocks) - 4, 0), -1):
        kind, text = blocks[k]
        if kind == "body" and _DATE_ONLY.match(text) and parse_date(text):
            if not all(_NOTE.match(t) for _, t in blocks[k + 1:]):
                return None
            org = blocks[k - 1]
            if k >= 2 and org[0] == "body" and len(org[1]) <= MAX_SIGNATURE and not _CLAUSE.search(org[1]):
                return k - 1, k + 1
            return k, k + 1
    return None


def _text(paragraph) -> str:
    return re.sub(r"[ \t\u3000]+", " ", paragraph.text).strip()


def _all_bold(paragraph) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def _unique_cells(cells) -> list:
    """A row's cells with merged cells once (python-docx repeats a merged cell)."""
    seen, out = set(), []
    for c in cells:
        if id(c._tc) not in seen:
            seen.add(id(c._tc))
            out.append(c)
    return out
