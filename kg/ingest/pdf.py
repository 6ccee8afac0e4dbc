"""PDF files with a text layer (read with pypdfium2).

PDFium gives the text of each page as positioned runs of text. From them this module
rebuilds what the layout reads: running heads and footers (a line in the top or bottom
band of the page that repeats on other pages) and page numbers (``— 3 —``, ``第3页``,
``3/12``) are dropped; a page whose runs fall into a left and a right half is read
column by column; lines are joined into paragraphs (a new paragraph starts after a
wider gap, at an indented line, after a short line that ends a sentence, or where the
type size changes) without a space between Chinese characters. The first large-type
line of the first page is the title (``# title``). A paragraph cut by a column or page
break is left to the layout's page-break repair, as for Markdown.

``benchmarks/bench_pdf_extractors.py`` compares pdfminer.six, pypdfium2 and pdfplumber
on a Chinese two-column PDF: only pypdfium2 read its CJK text. A PDF with no text on
any page is skipped as "no text layer (scanned)".
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from kg.ingest.clean import clean_document
from kg.model import Document, Skipped

#: the top and bottom share of a page where running heads, footers and page numbers sit
BAND = 0.08
#: a line this much taller than the body's lines is a title
TITLE_RATIO = 1.25
_PAGE_NUMBER = re.compile(r"^[\s\-—–·•]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*\d{1,4})?[\s\-—–·•]*$"
                          r"|^[\s\-—–]*(?:page|p\.)\s*\d+", re.I)
_SENTENCE_END = "。！？!?；;：:…”」』）)"


@dataclass(frozen=True)
class _Run:
    left: float
    bottom: float
    right: float
    top: float
    text: str

    @property
    def height(self) -> float:
        return self.top - self.bottom


def read_pdf(data: bytes, path: Path, source: str) -> Document | Skipped:
    """A PDF as a Document, or why it cannot be one."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        return Skipped(str(path), f"not a readable PDF ({exc})")
    try:
        pages = [_page_runs(pdf[i]) for i in range(len(pdf))]
        meta_title = (pdf.get_metadata_dict().get("Title") or "").strip()
    finally:
        pdf.close()
    if not any(runs for _, _, runs in pages):
        return Skipped(str(path), "no text layer (scanned)")
    repeated = _repeated_band_text(pages)
    blocks: list[tuple[float, str]] = []  # (line height, paragraph text)
    for width, height, runs in pages:
        body = [r for r in runs if not _furniture(r, height, repeated)]
        for column in _columns(body, width):
            blocks += _paragraphs(_lines(column))
    title, rest = _title(blocks)
    if not title and meta_title and not meta_title.lower().startswith(("microsoft", "untitled")):
        title = meta_title
    lines = ([f"# {title}"] if title else []) + [t for _, t in rest]
    meta = (("title", title),) if title else ()
    return Document(path=str(path), source=source, text=clean_document("\n\n".join(lines) + "\n"),
                    encoding="pdf", meta=meta)


def _page_runs(page) -> tuple[float, float, list[_Run]]:
    width, height = page.get_size()
    textpage = page.get_textpage()
    runs = []
    for k in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(k)
        text = textpage.get_text_bounded(left, bottom, right, top)
        text = re.sub(r"\s+", " ", text.replace("\r", "").replace("\n", " ")).strip()
        if text:
            runs.append(_Run(left, bottom, right, top, text))
    return width, height, runs


def _in_band(r: _Run, height: float) -> bool:
    return r.bottom > height * (1 - BAND) or r.top < height * BAND


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _repeated_band_text(pages) -> set[str]:
    """Texts in the top or bottom band found on more than one page (digits ignored)."""
    seen: dict[str, int] = {}
    for _, height, runs in pages:
        for key in {_key(r.text) for r in runs if _in_band(r, height)}:
            seen[key] = seen.get(key, 0) + 1
    return {k for k, n in seen.items() if n > 1}


def _furniture(r: _Run, height: float, repeated: set[str]) -> bool:
    """A running head or footer, or a page number."""
    if not _in_band(r, height):
        return False
    return bool(_PAGE_NUMBER.match(r.text)) or _key(r.text) in repeated


def _columns(runs: list[_Run], width: float) -> list[list[_Run]]:
    """The runs in reading order: one column; or, where runs sit side by side in the left
    and the right half, what is above that region, its left column, its right column,
    and what is below it."""
    mid, slack = width / 2, width * 0.02
    right = [r for r in runs if r.left >= mid - slack]
    if len(right) < 2:
        return [runs]
    top = max(r.top for r in right)
    bottom = _columns_bottom(runs, min(r.bottom for r in right), mid + slack)
    region = [r for r in runs if r.bottom >= bottom - 1 and r.top <= top + 1]
    left = [r for r in region if r.right <= mid + slack]
    beside = [r for r in region if r in right]
    if len(left) < 2 or len(left) + len(beside) < len(region):
        return [runs]  # nothing beside the right half, or a run across the middle
    return _around(runs, region, top, [left, beside])


def _around(runs: list[_Run], region: list[_Run], top: float, columns: list[list[_Run]]) -> list[list[_Run]]:
    """What is above the two-column ``region``, its ``columns``, and what is below it."""
    above = [r for r in runs if r.bottom > top + 1 and r not in region]
    below = [r for r in runs if r not in region and r not in above]
    return [c for c in (above, *columns, below) if c]


def _columns_bottom(runs: list[_Run], bottom: float, left_edge: float) -> float:
    """Where the two columns end: a left column may run on below the right one, so its
    lines (those ending left of ``left_edge``) are followed down while they are close."""
    for r in sorted((r for r in runs if r.top < bottom + 1), key=lambda r: -r.top):
        if r.right <= left_edge and bottom - r.top <= 1.5 * r.height:
            bottom = min(bottom, r.bottom)
    return bottom


def _lines(runs: list[_Run]) -> list[_Run]:
    """Runs on the same line merged, top to bottom."""
    lines: list[_Run] = []
    for r in sorted(runs, key=lambda r: (-r.top, r.left)):
        last = lines[-1] if lines else None
        if last is not None and min(last.top, r.top) - max(last.bottom, r.bottom) > 0.5 * min(last.height, r.height):
            first, second = (last, r) if last.left <= r.left else (r, last)
            lines[-1] = _Run(first.left, min(r.bottom, last.bottom), max(r.right, last.right),
                             max(r.top, last.top), _join(first.text, second.text))
        else:
            lines.append(r)
    return lines


def _join(a: str, b: str) -> str:
    """Two pieces of one paragraph: no space between Chinese, one between Latin words."""
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


def _paragraphs(lines: list[_Run]) -> list[tuple[float, str]]:
    """Lines joined into paragraphs, each with its line height."""
    if not lines:
        return []
    gaps = [a.bottom - b.top for a, b in itertools.pairwise(lines) if a.bottom > b.top]
    usual_gap = median(gaps) if gaps else 0.0
    col_left = min(ln.left for ln in lines)
    col_right = max(ln.right for ln in lines)
    out: list[tuple[float, str]] = []
    prev: _Run | None = None
    for ln in lines:
        size = ln.height
        new = prev is None or (
            prev.bottom - ln.top > usual_gap * 1.6 + 1                      # a wider gap
            or ln.left > col_left + 1.5 * size                              # an indented line
            or (prev.right < col_right - 2 * size and prev.text[-1] in _SENTENCE_END)  # a short last line
            or abs(size - prev.height) > 0.2 * max(size, prev.height)       # another type size
        )
        if new:
            out.append((size, ln.text))
        else:
            out[-1] = (out[-1][0], _join(out[-1][1], ln.text))
        prev = ln
    return out


def _title(blocks: list[tuple[float, str]]) -> tuple[str, list[tuple[float, str]]]:
    """The first paragraph if its type is clearly larger than the body's, and the rest."""
    if len(blocks) < 2:
        return "", blocks
    body = median(size for size, _ in blocks)
    size, text = blocks[0]
    if size >= TITLE_RATIO * body and len(text) <= 100:
        return text, blocks[1:]
    return "", blocks
