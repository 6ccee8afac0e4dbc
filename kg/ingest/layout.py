"""The layout stage: one decoded Document -> its Articles.

Reading order of a magazine page as it comes out of a PDF::

    [banner heading]  [byline]  # Title  [## Column / PINYIN]  [byline [genre]]
    body paragraphs, ## / ### section headings, (作者为…) note

Every article starts at its level-1 heading; the banner, column and byline lines that
sit just before a title (after the previous article's last paragraph or note) belong
to the article of that title, as do those right after it (with metadata lines and a
subtitle). Metadata and page furniture (:mod:`.metadata`) leave the text for
``Article.meta``; bylines inside paragraphs (after a dateline, at the end) are read by
:mod:`.bylines` and the paragraph stays as printed; a rubric in the title, a kicker
and a subtitle are found by :mod:`.headlines`. Body paragraphs broken by a page break
are joined, verbatim repeats dropped, and the article's text is rebuilt as: title,
byline (names joined by one space), subtitles, headings and body, note(s), one
paragraph per line.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import NamedTuple

from kg.ingest.bylines import lead_credit, trail_credit, trailing_note
from kg.ingest.clean import LAYOUT_CLEANERS, clean_inline, compose, matching_view, squeeze_spaces
from kg.ingest.headlines import is_kicker, is_subtitle, title_rubric
from kg.ingest.metadata import MAX_META_LINE, may_be_bare, parse_meta_line
from kg.ingest.names import (
    GENRE_TAGS,
    ROLE_FIRST,
    ROLE_WORDS,
    as_printed,
    is_marked_byline,
    parse_byline,
    parse_credit,
    parse_plain_names,
    split_names,
)
from kg.ingest.sentences import paragraph_sentences
from kg.model import Article, Byline, Document, Paragraph, Sentence

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_PINYIN = re.compile(r"^[A-Z][A-Z ]{3,}$")
_NOTE = re.compile(r"^[(（]\s*(?:本文)?作者.*[)）]$|^(?:本文)?作者(?:系|为(?!了)|单位\s*[:：]|简介\s*[:：])")
_ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[)）]|\d+[、.．)）]"
    r"|第[一二三四五六七八九十百千零〇\d]+[条章节款编部分]|附件|附表|附录"
    r"|[\d０-９]{4}年|[一二三四五六七八九〇零]{4}年)"  # dated record lines: 2001年3月1日…公布
)
# 作者：张三（某大学教授）: what follows the name is about the author
_AFFILIATION = re.compile(r"[(（][^()（）]*[)）]")
_BULLET = re.compile(r"^ {0,3}[-*+•·][ \t]+")
# A paragraph may end here without anything missing; closers after them are ignored.
_FINAL = frozenset("。！？!?；;：:…—.）)】")
_CLOSERS = "”’\"'」』》〉 "
_CLAUSE_PUNCT = re.compile(r"[，,；;：:、。！？!?]")

#: repeats shorter than this (characters) are left alone
MIN_REPEAT = 20
#: the longest run of paragraphs recognised as printed twice in a row
MAX_REPEAT_RUN = 8
#: a line without punctuation up to this long is a headline, not a sentence's rest
MAX_HEADLINE = 40
_ANY_PUNCT = re.compile(r"[，,；;：:、。.！？!?…）)”’」』]")
#: a first line longer than this is body text, not a title
MAX_TITLE = 100


@dataclass
class _Line:
    kind: str  # heading, pinyin, byline, note, meta, text
    text: str  # cleaned
    level: int = 0
    item: bool = False
    names: Sequence[str] = ()  # tuples, not lists made per line: a line is made in half the time
    tags: Sequence[str] = ()
    meta: tuple[tuple[str, str], ...] = ()  # what a metadata line says
    marked: bool = False  # a byline with a role word (记者, 作者…): an author list in the body too
    header_only: bool = False  # a date line: metadata in the header, text elsewhere


class _Block(NamedTuple):
    """A block of an article's text on its way to a Paragraph (a named tuple, not a frozen
    dataclass: made once per line, it is made in a third of the time)."""

    kind: str  # heading, body, note; meta and byline: removed, kept until then as barriers
    text: str
    item: bool = False  # a list item: starts a paragraph of its own


def split_articles(doc: Document) -> list[Article]:
    """The articles of ``doc``, in order, each with its cleaned text and offsets.

    >>> from kg.model import Document
    >>> doc = Document("a.md", "a.md", "**张三** 观点\\n# 标题\\n\\n正文第一句。第二句\\n\\n接上。", "utf-8")
    >>> [a] = split_articles(doc)
    >>> a.text
    '标题\\n张三\\n正文第一句。第二句接上。'
    >>> [(b.name, a.text[b.start:b.end]) for b in a.authors], a.columns
    ([('张三', '张三')], ('观点',))
    """
    lines = _subtitle_headings(_classify(compose(LAYOUT_CLEANERS, doc.text)))
    titles = [i for i, ln in enumerate(lines) if ln.kind == "heading" and ln.level == 1]
    doc_log: list[str] = []
    if not lines:
        return []
    if not titles:
        lines, titles, note = _untitled(lines, doc)
        doc_log.append(note)
    starts = [_pre_start(lines, t, titles[k - 1] if k else -1) for k, t in enumerate(titles)]
    if titles and starts[0] > 0 and _kicker_above(lines, titles[0], starts[0]):
        starts[0] -= 1
    if titles and starts[0] > 0:
        dropped = " / ".join(ln.text for ln in lines[:starts[0]])
        doc_log.append(f"{len(lines[:starts[0]])} line(s) before the first title dropped: "
                       f"'{_clip(dropped)}'")
    articles = []
    for k, t in enumerate(titles):
        end = starts[k + 1] if k + 1 < len(titles) else len(lines)
        log = list(doc_log) if k == 0 else []
        articles.append(_article(doc, k + 1, lines[starts[k]:t], lines[t], lines[t + 1:end], log))
    return articles


#: A line in which these find nothing is body text as it stands, or a metadata line without
#: a key (a date, furniture: only if :func:`kg.ingest.metadata.may_be_bare`): the common
#: case, decided with two searches instead of a test per kind. It has no heading or bullet
#: marker, no markup (see :func:`kg.ingest.clean.clean_inline`), no colon (a metadata key),
#: no PINYIN column line, no author note (作者) and no byline role word
#: (:data:`kg.ingest.names.ROLE_WORDS`). Every branch of the first starts with a literal
#: character, which the regex engine scans for (4x faster than trying each branch at each
#: character).
_MAYBE_NOT_TEXT = re.compile("|".join(map(re.escape, "#<&]*_`>:：")) + "|" + ROLE_WORDS)
_MAYBE_NOT_TEXT_START = re.compile(rf"^\s*[-+•·A-Z{ROLE_FIRST}]")


#: A page's time stamp opening a line: 2025-12-17 14:17:52, 2025/12/17.
_STAMP = re.compile(r"^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?[ \t\u3000]+(?=\S)")


#: 2017-12-10 20:41:00 / 甲 乙 報導 /: Taiwan's TV sites print the reporters after the stamp, then 報導
_REPORTED_AFTER_STAMP = re.compile(
    r"^[/／|｜\s]*((?:[\u4e00-\u9fff]{2,4}[ \t\u3000]+){0,3}[\u4e00-\u9fff]{2,4})[ \t\u3000]*报[导道][/／|｜\s]*$")

#: how long the rest of such a line may be (the pattern is tried on nothing longer)
_REPORTED_REACH = 60


def _stamped_byline(raw: str) -> list[_Line] | None:
    """A time stamp (metadata) and a marked byline after it on one line, or None.

    >>> _stamped_byline("2017-12-10 20:41:00 / 邱某萍 榮某北 報導 /")[1].names
    ['邱某萍', '榮某北']
    """
    stamp = _STAMP.match(raw)
    rest = raw[stamp.end():] if stamp else ""
    byline = parse_byline(rest) if rest and is_marked_byline(rest) else None
    if byline is None and rest and len(rest) <= _REPORTED_REACH:
        view = matching_view(rest)
        m = _REPORTED_AFTER_STAMP.match(view)
        names = parse_plain_names(m.group(1)) if m else None
        byline = ([as_printed(n, view, rest) for n in names], []) if names else None
    date = _meta_line(stamp.group().strip(), stamp.group().strip()) if stamp and byline else None
    if date is None or byline is None:
        return None
    return [date, _Line("byline", clean_inline(rest), names=byline[0], tags=byline[1], marked=True)]


def _classify(text: str) -> list[_Line]:
    out = []
    for raw in text.split("\n"):
        if not raw.strip():
            continue
        if _MAYBE_NOT_TEXT.search(raw) is None and _MAYBE_NOT_TEXT_START.match(raw) is None:
            line = squeeze_spaces(raw)  # what clean_inline makes of a line without markup
            meta_line = _meta_line(raw, line) if may_be_bare(line) else None  # a date, furniture…
            out.append(meta_line if meta_line is not None else _Line("text", line))
            continue
        m = _HEADING.match(raw)
        if m:
            heading = clean_inline(m.group(2))
            if heading:
                out.append(_Line("heading", heading, level=len(m.group(1))))
            continue
        cleaned = clean_inline(raw)
        meta_line = _meta_line(raw, cleaned)
        if meta_line is not None:
            out.append(meta_line)
            continue
        if "作者" in raw and _NOTE.match(cleaned):
            out.append(_Line("note", cleaned))  # 作者系…: not a byline
            continue
        byline = parse_byline(raw)
        if byline:
            out.append(_Line("byline", cleaned, names=byline[0], tags=byline[1],
                             marked=is_marked_byline(raw)))
            continue
        stamped = _stamped_byline(raw)
        if stamped:  # 2025-12-17 14:17:52 某某新闻记者 某某: the page's time stamp, then the byline
            out.extend(stamped)
            continue
        bullet = _BULLET.match(raw)
        line = clean_inline(raw[bullet.end():]) if bullet else cleaned
        if not line:
            continue
        if bullet:
            out.append(_Line("text", line, item=True))
        elif _PINYIN.match(line):
            out.append(_Line("pinyin", line))
        elif _NOTE.match(line):
            out.append(_Line("note", line))
        else:
            out.append(_Line("text", line))
    return out


def _subtitle_headings(lines: list[_Line]) -> list[_Line]:
    """A level-1 heading right under a title that reads as a subtitle (``# ——某某见闻``)
    is the title's subtitle, not an article of its own."""
    out = list(lines)
    for i in range(1, len(out)):
        ln = out[i]
        if ln.kind == "heading" and ln.level == 1 and out[i - 1].kind == "heading" \
                and out[i - 1].level == 1 and is_subtitle(ln.text):
            out[i] = _Line("text", ln.text)
    return out


def _meta_line(raw: str, line: str) -> _Line | None:
    """A metadata or clutter line (``line`` is ``raw`` cleaned); one whose 作者： names
    people is a byline too."""
    if len(raw) > 2 * MAX_META_LINE:
        return None
    found = parse_meta_line(line)
    if found is None:
        return None
    authors = [v for k, v in found.pairs if k == "author"]
    names = [n for v in authors for n in parse_credit(_AFFILIATION.sub("", v)) or []]
    if names:
        return _Line("byline", line, names=names, meta=found.pairs, marked=True)
    if authors and len(found.pairs) == 1:
        return None  # 作者：… that names no one: the text's own line
    return _Line("meta", line, meta=found.pairs, header_only=found.header_only)


def _untitled(lines: list[_Line], doc: Document) -> tuple[list[_Line], list[int], str]:
    """A document without any level-1 heading: its first line, or its file name, is the title."""
    first = next((i for i, ln in enumerate(lines) if ln.kind in ("text", "heading")), None)
    if first is not None and len(lines[first].text) <= MAX_TITLE:
        lines = list(lines)
        lines[first] = _Line("heading", lines[first].text, level=1)
        return lines, [first], "no level-1 heading: title taken from the first line"
    stem = PurePosixPath(doc.source).stem or doc.source
    return [_Line("heading", stem, level=1), *lines], [0], \
        "no level-1 heading: title taken from the file name"


def _kicker_above(lines: list[_Line], title: int, start: int) -> bool:
    """True if the line just above the first title's block is a kicker (政策解读)."""
    ln = lines[start - 1]
    return start == title and ln.kind == "text" and is_kicker(ln.text) and not ln.item


def _pre_start(lines: list[_Line], title: int, previous_title: int) -> int:
    """First line of the banner/byline/column block just above ``title``."""
    i = title
    while i - 1 > previous_title and lines[i - 1].kind in ("byline", "pinyin", "heading"):
        i -= 1
    # never take the previous title's own byline or column block
    if previous_title >= 0:
        i = max(i, _post_end(lines, previous_title, title))
    return i


def _post_end(lines: list[_Line], title: int, limit: int) -> int:
    """One past the byline/column block right after ``title``."""
    i = title + 1
    while i < limit:
        ln = lines[i]
        subtitle = ln.kind == "text" and _subtitle_at(lines, title, i, limit)
        if ln.kind in ("byline", "pinyin", "meta") or (ln.kind == "text" and ln.text in GENRE_TAGS) or subtitle:
            i += 1
        elif ln.kind == "heading" and i + 1 < limit and lines[i + 1].kind == "pinyin":
            i += 2
        elif ln.kind == "text" and i == title + 1 and parse_plain_names(ln.text):
            i += 1  # unmarked names right under the title: a byline
        else:
            break
    return i


def _subtitle_at(lines: list[_Line], title: int, i: int, limit: int) -> bool:
    """True if text line ``i`` of the header under ``title`` is a subtitle: ``——…``, or a
    short line without a sentence that a byline or a metadata line follows."""
    if any(x.kind == "text" for x in lines[title + 1:i]):
        return False
    text = lines[i].text
    if is_subtitle(text):
        return True
    nxt = lines[i + 1] if i + 1 < limit else None
    return (is_kicker(text) and nxt is not None and nxt.kind in ("byline", "meta")
            and not (i == title + 1 and parse_plain_names(text)) and text not in GENRE_TAGS)


@dataclass
class _Header:
    """What an article's lines say besides its body, gathered as they are read in order."""

    log: list[str]
    forms: list[list[str]] = field(default_factory=list)  # the name lists of its bylines
    columns: list[str] = field(default_factory=list)
    meta: list[tuple[str, str]] = field(default_factory=list)
    subtitles: list[str] = field(default_factory=list)
    topic: str | None = None


#: the block a body line becomes (anything else is body text)
_BLOCK_KIND = {"heading": "heading", "note": "note"}


def _article(doc: Document, index: int, pre: list[_Line], title: _Line,
             after: list[_Line], log: list[str]) -> Article:
    head = _Header(log)
    rubric = title_rubric(title.text)
    if rubric:
        head.columns.append(rubric)
    post = _post_end([title, *after], 0, len(after) + 1) - 1
    _read_header(pre, True, head)
    _read_header(after[:post], False, head)
    blocks = [_Block("heading", t) for t in head.subtitles] + _read_body(after[post:], head)
    names, blocks = _finish_blocks(blocks, head)
    article_id = make_id(doc.source, index, title.text)
    prefix = f"{doc.source}: {title.text}: "
    return _assemble(article_id, title.text, doc.source, names, blocks,
                     tuple(dict.fromkeys(head.columns)), head.topic, tuple(prefix + m for m in log), tuple(head.meta))


def _read_header(block: list[_Line], is_pre: bool, head: _Header) -> None:
    """The lines before the title (``is_pre``) or between it and the body, into ``head``."""
    i = 0
    while i < len(block):
        ln = block[i]
        nxt = block[i + 1] if i + 1 < len(block) else None
        if ln.kind == "heading" and nxt is not None and nxt.kind == "pinyin":
            head.columns.append(ln.text)
            i += 2
            continue
        head.meta.extend(ln.meta)
        _header_line(ln, is_pre, i == 0, head)
        i += 1


def _header_line(ln: _Line, is_pre: bool, first: bool, head: _Header) -> None:
    if ln.kind == "byline":
        head.forms.append(list(ln.names))
        head.columns.extend(ln.tags)
    elif ln.kind == "meta":
        pass
    elif ln.kind in ("heading", "text") and is_pre and head.topic is None:
        head.topic = ln.text  # a banner heading, or a kicker line
    elif ln.kind == "heading":
        head.log.append(f"heading '{ln.text}' above the title ignored")
    elif ln.kind == "text" and ln.text in GENRE_TAGS:
        head.columns.append(ln.text)
    elif ln.kind == "text" and not is_pre and first and parse_plain_names(ln.text):
        head.forms.append(parse_plain_names(ln.text) or [])
    elif ln.kind == "text" and not is_pre:
        head.subtitles.append(ln.text)  # what _post_end took into the header: a subtitle


def _read_body(body: list[_Line], head: _Header) -> list[_Block]:
    """The body's lines as blocks; column headings, metadata and bylines in it go to ``head``
    too (the last two stay as blocks, barriers for the page-break repair)."""
    blocks: list[_Block] = []
    i = 0
    while i < len(body):
        ln = body[i]
        if ln.kind == "heading" and i + 1 < len(body) and body[i + 1].kind == "pinyin":
            head.columns.append(ln.text)
            head.log.append(f"column heading '{ln.text}' inside the body")
            i += 2
            continue
        if (ln.kind == "meta" and not ln.header_only) or (ln.kind == "byline" and ln.marked):
            head.meta.extend(ln.meta)
            head.forms.append(list(ln.names))  # a section's byline, or a byline at the end
            blocks.append(_Block(ln.kind, ln.text))
        else:
            blocks.append(_Block(_BLOCK_KIND.get(ln.kind, "body"), ln.text, item=ln.item))
        i += 1
    return blocks


def _finish_blocks(blocks: list[_Block], head: _Header) -> tuple[list[str], list[_Block]]:
    """The authors' names and the blocks after notes, inline credits, page breaks and
    repeats are dealt with."""
    blocks = _split_trailing_note(blocks)
    blocks = _inline_credits(blocks, head.forms, head.log)
    names, name_log = split_names(head.forms)
    head.log.extend(name_log)
    blocks = repair_page_breaks(blocks, head.log)
    blocks = drop_repeats(blocks, head.log)
    if not any(b.kind == "body" for b in blocks):
        head.log.append("heading with no body: article has only its title")
    elif _incomplete(blocks[-1].text) and blocks[-1].kind == "body":
        head.log.append(f"last paragraph ends mid-sentence, kept as is: '…{blocks[-1].text[-12:]}'")
    return names, blocks


def _split_trailing_note(blocks: list[_Block]) -> list[_Block]:
    """An author note run into the end of the last body paragraph becomes a note of its own."""
    last = max((k for k, b in enumerate(blocks) if b.kind == "body"), default=None)
    if last is None:
        return blocks
    at = trailing_note(blocks[last].text)
    if at is None:
        return blocks
    b = blocks[last]
    return [*blocks[:last], _Block("body", b.text[:at].rstrip(), item=b.item),
            _Block("note", b.text[at:].strip()), *blocks[last + 1:]]


def _inline_credits(blocks: list[_Block], forms: list[list[str]], log: list[str]) -> list[_Block]:
    """Bylines printed inside body paragraphs (after a dateline, at a paragraph's end) go to
    ``forms``; a paragraph that is nothing but a credit leaves the body. A bare name in
    brackets counts at the article's end, and at any paragraph's end in a digest of items
    whose last one ends with a credit too."""
    last = max((k for k, b in enumerate(blocks) if b.kind == "body"), default=-1)
    # a digest whose last item ends with its credit: each item may end with its own bare （某某）
    digest = last >= 0 and trail_credit(blocks[last].text, last=True) is not None
    out = []
    for k, b in enumerate(blocks):
        lead = lead_credit(b.text) if b.kind == "body" else None
        trail = trail_credit(b.text, last=k == last or digest) if b.kind == "body" else None
        if lead is None and trail is None:  # the common case
            out.append(b)
            continue
        credits = [c for c in (lead, trail) if c]
        for c in credits:
            forms.append(list(c.names))
            log.append(f"byline read from the text: {' '.join(c.names)} in '{_clip(b.text[c.start:c.end])}'")
        out.append(_Block("byline", b.text) if any(c.whole for c in credits) else b)
    return out


def _incomplete(text: str) -> bool:
    """True if ``text`` stops without sentence- or clause-final punctuation."""
    t = text.rstrip(_CLOSERS)
    return bool(t) and t[-1] not in _FINAL


def repair_page_breaks(blocks: list[_Block], log: list[str]) -> list[_Block]:
    """Join a body paragraph that stops mid-sentence with the body paragraph after it.

    Not joined: headings and notes (on either side), metadata lines and bylines (they
    stand between the two as barriers until they are removed); a paragraph without any
    punctuation (a caption: nothing says a sentence was running); a next paragraph
    that starts a list item or an enumeration (一、 (二) 3. 第五条 附件) or is a short
    line without punctuation (a headline); a short enumerated line (a heading in all
    but markup); dated record lines (2001年…公布).
    """
    out: list[_Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if prev is not None and _continues(prev, b):
            glue = _glue(prev.text[-1], b.text[0])
            log.append(f"page break repaired: '…{prev.text[-6:]}' + '{b.text[:6]}…'")
            out[-1] = _Block("body", prev.text + glue + b.text, item=prev.item)
        else:
            out.append(b)
    return out


def _glue(last: str, first: str) -> str:
    """What a line break between ``last`` and ``first`` stood for: a space between
    words of Latin script ("wrapped" "here", "folders" "社会法"), nothing in Chinese."""
    if last.isascii() and last.isalpha():
        return " " if first.isalnum() or first in "(\"'" else ""
    return " " if last.isascii() and first.isascii() and first.isalnum() else ""  # 2018|年


#: A TV script's sound-bite caption (同期：某区总工会工作者 王小明): who speaks, no sentence.
_CAPTION_LINE = re.compile(r"(?:同期声?|采访|字幕|画外音)\s*[：:][^，。；！？,;!?]*$")


def _continues(prev: _Block, b: _Block) -> bool:
    """True if body paragraph ``b`` is the rest of ``prev``, cut by a page break."""
    if prev.kind != "body" or b.kind != "body" or b.item:
        return False
    if not _incomplete(prev.text) or not _CLAUSE_PUNCT.search(prev.text) or _CAPTION_LINE.match(prev.text):
        return False
    if trail_credit(prev.text, last=False) is not None:
        return False  # …送去清凉。记者 某某: a credit ends the paragraph, not a page
    if _ENUMERATOR.match(b.text) or _headline(b.text):
        return False
    starts_list = _ENUMERATOR.match(prev.text)
    return not (starts_list and (len(prev.text) <= 30 or starts_list.group().endswith("年")))


def _headline(text: str) -> bool:
    """A short line with no punctuation at all: a headline or a caption, never the rest
    of a sentence a page break cut."""
    return len(text) <= MAX_HEADLINE and not _ANY_PUNCT.search(text)


def drop_repeats(blocks: list[_Block], log: list[str]) -> list[_Block]:
    """Drop paragraphs printed twice in a row: a paragraph, or a run of up to
    :data:`MAX_REPEAT_RUN` paragraphs, that is immediately printed again verbatim.

    Only an immediate reprint is a layout artefact (a page extracted twice); a
    paragraph that comes back later is the text's own (statutes repeat "有前款行为……的，
    ……" under different articles). Paragraphs that are merely similar stay, and so do
    runs shorter than :data:`MIN_REPEAT` characters ("（略）"). A last paragraph cut
    off mid-sentence that repeats the start of the paragraph just before it is the same
    reprint, stopped by the end of the file: it goes too, and the log says so.
    """
    out: list[_Block] = []
    kept: set[str] = set()  # the text of every block in ``out``: most blocks are in no run, decided by one look-up
    i = 0
    while i < len(blocks):
        run = _reprinted_run(blocks, out, i) if blocks[i].text in kept else 0
        if run:
            for b in blocks[i:i + run]:
                log.append(f"repeated paragraph removed: '{_clip(b.text)}'")
            i += run
            continue
        b = blocks[i]
        if (i == len(blocks) - 1 and b.kind == "body" and _incomplete(b.text) and len(b.text) >= MIN_REPEAT
                and out and out[-1].kind == "body" and out[-1].text.startswith(b.text)):
            log.append(f"repeated paragraph removed (a reprint cut off by the end of the text): "
                       f"'{_clip(b.text)}'")
            i += 1
            continue
        out.append(b)
        kept.add(b.text)
        i += 1
    return out


def _reprinted_run(blocks: list[_Block], out: list[_Block], i: int) -> int:
    """Length of the run starting at ``blocks[i]`` that repeats the last paragraphs kept."""
    first = blocks[i]
    if first.text not in [b.text for b in out[-MAX_REPEAT_RUN:]]:
        return 0  # the common case, decided cheaply
    for k in range(1, MAX_REPEAT_RUN + 1):
        if k > len(out) or i + k > len(blocks):
            break
        if out[-k] != first:
            continue
        run = blocks[i:i + k]
        if (run == out[-k:] and any(b.kind == "body" for b in run)
                and sum(len(b.text) for b in run) >= MIN_REPEAT):
            return k
    return 0


def make_id(source: str, index: int, title: str) -> str:
    """A stable id, safe as an IRI path segment: slug of the file name, the article's
    position in it, and a hash of source and title.

    >>> make_id("corpus/seed.md", 2, "不忘初心")
    'seed-2-38040ab2'
    """
    stem = PurePosixPath(source).stem.lower()
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")[:40].strip("-") or "doc"
    digest = hashlib.sha1(f"{source}\n{title}".encode()).hexdigest()[:8]
    return f"{slug}-{index}-{digest}"


def _assemble(article_id: str, title: str, source: str, names: list[str],
              blocks: list[_Block], columns: tuple[str, ...], topic: str | None,
              log: tuple[str, ...], meta: tuple[tuple[str, str], ...] = ()) -> Article:
    parts: list[tuple[str, str]] = [("title", title)]
    if names:
        parts.append(("byline", " ".join(names)))
    blocks = [b for b in blocks if b.kind not in ("meta", "byline")]
    parts += [(b.kind, b.text) for b in blocks if b.kind != "note"]
    parts += [(b.kind, b.text) for b in blocks if b.kind == "note"]

    paragraphs, pos = [], 0
    for kind, text in parts:
        paragraphs.append(Paragraph(pos, pos + len(text), kind))
        pos += len(text) + 1
    whole = "\n".join(t for _, t in parts)
    spans = paragraph_sentences(whole, [(p.start, p.end, p.kind == "body") for p in paragraphs])
    sentences = [Sentence(s, e, k) for k, found in enumerate(spans) for s, e in found]
    authors, pos = [], paragraphs[1].start if names else 0
    for name in names:
        authors.append(Byline(name, pos, pos + len(name)))
        pos += len(name) + 1
    note = next((p for p in paragraphs if p.kind == "note"), None)
    return Article(
        id=article_id, title=title, source=source, text=whole,
        paragraphs=tuple(paragraphs), sentences=tuple(sentences), authors=tuple(authors),
        columns=columns, topic=topic, note=note, meta=meta, log=log,
    )


def _clip(text: str, n: int = 20) -> str:
    return text if len(text) <= n else text[:n] + "…"
