"""Web pages (``.html``, ``.htm``) and HTML inside Markdown.

:func:`read_html` takes a saved page's main text with trafilatura (dates by htmldate;
``benchmarks/bench_html_extractors.py`` measures it against readability-lxml and jusText)
and writes it as the Markdown-like text the layout reads: a ``# title`` line (the page's
``og:title``/``<h1>``, not the ``<title>`` with the site name), a ``作者：`` line when the
page's metadata names the author, then one paragraph per ``<p>``, ``<br>`` or list item,
a heading or a bold-only paragraph as ``## ``. Navigation, related links, comments,
share buttons and footers are left out. The date, author, canonical URL and description
go to ``Document.meta``.

:func:`markdown_paragraphs` does the same for HTML that web-archive exports put inside
Markdown: ``<p>`` and ``<br>`` break paragraphs, and lines that are only a link or a
link word (``[查看原文](…)``, ``阅读原文``) go; the layout strips the other tags and
decodes entities.

>>> markdown_paragraphs("<p>第一段。</p><p>第二段。<br/>第三段。</p>\\n[查看原文](http://x.cn/1)").split()
['第一段。', '第二段。', '第三段。']
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kg.ingest.clean import clean_document
from kg.ingest.dates import date_line
from kg.ingest.decode import NotText, decode_bytes
from kg.ingest.names import parse_plain_names
from kg.model import Document, Skipped

#: Block tags that end a paragraph when HTML sits inside Markdown.
_BLOCK_TAG = re.compile(r"<\s*(?:br|/?p|/?div|/?li|/?tr|/?h[1-6]|/?section|/?article|/?blockquote)\b[^<>]*>",
                        re.I)
_SCRIPT = re.compile(r"<(script|style)\b[^<>]*>.*?</\1\s*>", re.I | re.S)
# the heading's text never runs over another heading tag: an unclosed <h1> stops at the next one (linear)
_HN = re.compile(r"<h([1-6])\b[^<>]*>((?:(?!</?h[1-6]\b)[\s\S])*?)</h\1\s*>", re.I)
_MULTILINE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*\s[^<>]*\n[^<>]*>")
_BOLD_P = re.compile(r"<p\b[^<>]*>\s*<(strong|b)\b[^<>]*>([^<>\n]{1,40})</\1\s*>\s*</p\s*>", re.I)
# a link's text never runs over another link's opening ([ or <a): linear on a line of unclosed ones
_LINK = re.compile(r"!?\[[^\[\]\n]*\]\([^()\n]*\)|<a\b[^<>]*>(?:(?!<a\b|</a)[^\n])*?</a\s*>|https?://\S+", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
#: Words a line that is only a link, or clutter, consists of.
LINK_WORDS = frozenset([
    "查看原文", "阅读原文", "原文链接", "点击查看原文", "点击阅读原文", "查看全文", "阅读全文", "展开全文",
    "点击查看", "查看更多", "返回顶部",
])
_MAX_BOLD_HEADING = 40
_FINAL = "。！？!?；;：:…"


def markdown_paragraphs(text: str) -> str:
    """``text`` with HTML block tags turned into paragraph breaks (``<h2>`` into ``## ``),
    scripts, styles and tags that run over lines removed, and link-only lines dropped;
    text without ``<`` or a link word comes back unchanged."""
    if "<" in text:
        text = _SCRIPT.sub("", text)
        text = _HN.sub(lambda m: f"\n\n{'#' * int(m.group(1))} {_TAG.sub('', m.group(2)).strip()}\n\n", text)
        text = _BOLD_P.sub(_bold_heading, text)
        text = _MULTILINE_TAG.sub(" ", text)
        text = _BLOCK_TAG.sub("\n\n", text)
    dropped = _link_only_lines(text)
    if not dropped:
        return text
    lines = text.split("\n")
    return "\n".join(ln for i, ln in enumerate(lines) if i not in dropped)


#: What a link-only line holds (a tag's "<", a Markdown link, a URL or a link word): only
#: lines holding one are asked ``_link_only``.
_MAY_BE_LINK = re.compile("|".join(["<", r"\]\(", "://", *map(re.escape, sorted(LINK_WORDS))]))


def _link_only_lines(text: str) -> set[int]:
    """The numbers of ``text``'s lines that are only links or a link word."""
    dropped: set[int] = set()
    end, line, counted = -1, 0, 0
    for m in _MAY_BE_LINK.finditer(text):
        if m.start() <= end:
            continue  # a line already asked
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.start())
        end = len(text) if end < 0 else end
        line, counted = line + text.count("\n", counted, start), start  # counted once: linear in the text
        if _link_only(text[start:end]):
            dropped.add(line)
    return dropped


def _bold_heading(m: re.Match) -> str:
    """A paragraph that is only a short bold phrase is a sub-headline: a heading of its own,
    never joined to the paragraph after it."""
    text = m.group(2).strip()
    return f"\n\n## {text}\n\n" if text and text[-1] not in _FINAL else m.group(0)


def _link_only(line: str) -> bool:
    """True for a line that is only links, or only a link word such as 查看原文."""
    s = line.strip().lstrip("-*+•·>").strip()
    if not s or s.startswith("#"):
        return False
    if "<" not in s and "](" not in s and "://" not in s:  # the common case: no link, no tag
        return s.strip(" >》»【】[]") in LINK_WORDS
    if _LINK.search(s) and not _TAG.sub("", _LINK.sub("", s)).strip(" |｜/、·>》»"):
        return True
    return _TAG.sub("", s).strip(" >》»【】[]") in LINK_WORDS


def read_html(data: bytes, path: Path, source: str) -> Document | Skipped:
    """A saved web page as a Document (see the module docstring), or why it cannot be one."""
    try:
        html, encoding = decode_bytes(data)
    except NotText as exc:
        return Skipped(str(path), str(exc))
    found = _main_text(html)
    if found is None:
        return Skipped(str(path), "web page with no main text found")
    paragraphs = _xml_paragraphs(found.body) if found.body is not None else found.text.split("\n")
    title = (found.title or "").strip()
    info = _info_lines(html, title)
    author = (found.author or "") or _meta_author(html) or _info_author(info)
    date = found.date or next((d for ln in info if (d := date_line(ln))), None)
    if paragraphs and title and _same(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    meta = tuple((k, v.strip()) for k, v in (("title", title), ("date", date), ("author", author),
                                             ("url", found.url), ("description", found.description)) if v)
    return Document(path=str(path), source=source, text=_page_text(title, author, paragraphs),
                    encoding=encoding, meta=meta)


def _page_text(title: str, author: str, paragraphs: list[str]) -> str:
    """The page as Markdown: its title, its author when that is a name, the paragraphs that
    are not only links."""
    lines = [f"# {title}"] if title else []
    if author and parse_plain_names(author.replace(";", " ").replace("；", " ")):
        lines.append(f"作者：{author}")
    lines += [p for p in paragraphs if not _link_only(p)]
    return clean_document("\n\n".join(lines) + "\n")


def _main_text(html: str) -> Any:
    """trafilatura's Document of the page (``output_format="python"``), or None when it
    finds no main text; the lenient pass only when the strict one finds nothing."""
    import trafilatura

    for precision in (True, False):
        found: Any = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True, include_formatting=True,
            favor_precision=precision, favor_recall=not precision, output_format="python",
            date_extraction_params={"extensive_search": False, "original_date": True})
        if found is not None and (found.text or "").strip():
            return found
    return None


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W+", "", a.lstrip("# ")) == re.sub(r"\W+", "", b)


# a tag's attributes hold no "<": each look stops at the next tag (linear on many unclosed <meta)
_AUTHOR_META = re.compile(r"<meta\s+(?=[^<>]*(?:name|property)\s*=\s*[\"'](?:author|article:author|Author)[\"'])"
                          r"[^<>]*content\s*=\s*[\"']([^\"'<>]{1,40})[\"']", re.I)


_BLOCK_HTML = re.compile(r"<\s*(?:br|/?p|/?div|/?li|/?tr|/?td|/?h[1-6]|/?span|/?section|/?header)\b[^<>]*>", re.I)
_INFO_AUTHOR = re.compile(r"作者\s*[:：]\s*([\u4e00-\u9fff·]{2,5}(?:[ 、，,][\u4e00-\u9fff·]{2,5})*)")


def _info_lines(html: str, title: str, n: int = 3) -> list[str]:
    """The first lines of the page's text after the line that is its title: where a page
    prints its date, source and author (``2026-03-05 08:10 来源：工人日报 作者：李明华``),
    which the main-text extraction leaves out."""
    if not title:
        return []
    import html as entities

    text = _BLOCK_HTML.sub("\n", _SCRIPT.sub("", html))
    lines = [s for ln in entities.unescape(_TAG.sub("", text)).split("\n") if (s := re.sub(r"\s+", " ", ln).strip())]
    at = next((i for i, ln in enumerate(lines) if _same(ln, title)), None)
    return [] if at is None else lines[at + 1:at + 1 + n]


def _info_author(info: list[str]) -> str:
    """The names after ``作者：`` on an info line, up to the next label (``来源：``)."""
    for line in info:
        m = _INFO_AUTHOR.search(line)
        names = []
        for chunk in re.split(r"[ 、，,]", m.group(1)) if m else []:
            if not parse_plain_names(chunk):
                break
            names.append(chunk)
        if names:
            return "、".join(names)
    return ""


def _meta_author(html: str) -> str:
    """``<meta name="author" content="…">``, which trafilatura may leave out."""
    m = _AUTHOR_META.search(html)
    return m.group(1).strip() if m else ""


def _xml_paragraphs(root) -> list[str]:
    """Paragraphs of trafilatura's XML: one per <p>/<head>/<item>/<quote>, split at <lb/>;
    a heading, or a paragraph that is only bold and short, becomes ``## ``."""
    out: list[str] = []
    for el in root.iter("p", "head", "item", "quote", "cell"):
        if not _outermost(el):
            continue
        parts = _line_parts(el)
        for part in (re.sub(r"[ \t\r\n]+", " ", p).strip() for p in parts):
            if part:
                heading = el.tag == "head" or (len(parts) == 1 and _only_bold(el, part))
                out.append(f"## {part}" if heading else part)
    return out


def _outermost(el) -> bool:
    """False for a table cell holding paragraphs (they come on their own) and for an
    element inside another paragraph-like one."""
    if el.tag == "cell" and el.find(".//p") is not None:
        return False
    return not any(anc.tag in ("p", "head", "item", "quote") for anc in el.iterancestors())


def _line_parts(el) -> list[str]:
    """The text of ``el``, split at its <lb/> children."""
    parts, current = [], [el.text or ""]
    for child in el:
        if child.tag == "lb":
            parts.append("".join(current))
            current = []
        else:
            current.append("".join(child.itertext()))
        current.append(child.tail or "")
    parts.append("".join(current))
    return parts


def _only_bold(el, part: str) -> bool:
    """True if ``el`` (whose text is ``part``) is only bold runs, short, without final punctuation."""
    bold = [c for c in el if c.tag == "hi"]
    return bool(bold and not (el.text or "").strip() and all(not (c.tail or "").strip() for c in el)
                and len(part) <= _MAX_BOLD_HEADING and part[-1] not in _FINAL)
