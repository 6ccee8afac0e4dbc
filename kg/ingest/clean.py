"""Text cleaning as small ``str -> str`` functions, composed in order.

Two pipelines: :data:`DOCUMENT_CLEANERS` run once on a decoded file (newlines, control
characters, HTML comments), :data:`INLINE_CLEANERS` on each line of text after its
layout role (heading, byline...) has been decided (Markdown and HTML markup).

Half-width punctuation inside Chinese text (``,`` ``;`` ``:`` ``!`` ``?`` ``(`` ``)``)
is kept as printed, so that ``gh:text`` and evidence sentences match the source; code
that matches patterns uses :func:`fold_punctuation`, which maps it to full width
without changing any offset.

>>> clean_inline("**魏国强** 见[工会法](http://x.cn)<br/>")
'魏国强 见工会法'
>>> fold_punctuation("工会,职工;(一)")
'工会，职工；（一）'
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import cache

from kg.convert import t2s_table, to_simplified

Cleaner = Callable[[str], str]

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# C0/C1 controls except \t and \n, plus zero-width characters and soft hyphen.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u00ad]")
_COMMENT_OPEN, _COMMENT_CLOSE = "<!--", "-->"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)

# Only ASCII tag names are tags: 《》-like <中华人民共和国个人所得税法> is text.
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
# Linear time: no part may run past the next opening bracket or emphasis marker, so a
# line full of unclosed "[" or " **" is scanned a bounded number of times, not once per
# opener (benchmarks/bench_regex.py feeds each pattern 1 MB of such repetitions).
_URL = r"\((?:[^()\[\]\n]|\([^()\[\]\n]*\))*\)"  # one level of (parentheses) inside
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]" + _URL)
_LINK = re.compile(r"\[([^\[\]\n]*)\]" + _URL)
_REF_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_STRONG = re.compile(r"\*\*(?=\S)((?:[^*\n]|\*(?!\*))+?)(?<=\S)\*\*"
                     r"|__(?=\S)((?:[^_\n]|_(?!_))+?)(?<=\S)__")
# Chinese has no spaces around emphasis; only ASCII letters/digits mark a word (a_b, 2*3*4).
_EM_STAR = re.compile(r"(?<![*A-Za-z0-9])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*A-Za-z0-9])")
_EM_UNDERSCORE = re.compile(r"(?<![_A-Za-z0-9])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![_A-Za-z0-9])")
_CODE = re.compile(r"`([^`\n]+)`")
_BLOCKQUOTE = re.compile(r"^(?:>\s?)+")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")

#: half-width punctuation and its full-width twin, one character each (offsets hold)
HALF_TO_FULL = str.maketrans(",;:!?()", "，；：！？（）")


def normalise_newlines(text: str) -> str:
    r"""CRLF, CR and Unicode line separators become ``\n``.

    >>> normalise_newlines("a\r\nb\rc")
    'a\nb\nc'
    """
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text and "\x85" not in text:
        return text  # the common case: four character scans, 5x faster than the substitution
    return _NEWLINES.sub("\n", text)


def remove_control_chars(text: str) -> str:
    r"""Drop control and zero-width characters (keeps tab and newline).

    >>> remove_control_chars("工\x00会\u200b\t!")
    '工会\t!'
    """
    return _CONTROLS.sub("", text)


def remove_html_comments(text: str) -> str:
    """Drop ``<!-- ... -->`` comments, also when they span lines.

    >>> remove_html_comments("a<!-- INFO END -->b")
    'ab'
    """
    if _COMMENT_OPEN not in text:
        return text
    # str.find, not a lazy regex: "<!--.*?-->" rescans to the end for every unclosed "<!--"
    out, pos = [], 0
    while True:
        start = text.find(_COMMENT_OPEN, pos)
        end = text.find(_COMMENT_CLOSE, start + len(_COMMENT_OPEN)) if start >= 0 else -1
        if end < 0:
            out.append(text[pos:])
            return "".join(out)
        out.append(text[pos:start])
        pos = end + len(_COMMENT_CLOSE)


def strip_front_matter(text: str) -> str:
    """Drop a YAML front-matter block (``---`` ... ``---``) at the very start.

    >>> strip_front_matter("---\\ntitle: x\\n---\\n正文")
    '正文'
    """
    return _FRONT_MATTER.sub("", text, count=1)


def strip_html_tags(text: str) -> str:
    """Drop HTML tags and decode entities (``&nbsp;`` ``&amp;``).

    >>> strip_html_tags("<p>工会&amp;职工</p><中华人民共和国工会法>")
    '工会&职工<中华人民共和国工会法>'
    """
    if "<" in text:
        text = _HTML_TAG.sub("", text)
    return html.unescape(text) if "&" in text else text


def strip_images(text: str) -> str:
    """``![alt](src)`` is dropped: an image says nothing in the text."""
    return _IMAGE.sub("", text) if "![" in text else text


def strip_links(text: str) -> str:
    """``[text](url)`` and ``[text][ref]`` keep only their text."""
    if "]" not in text:
        return text
    return _REF_LINK.sub(r"\1", _LINK.sub(r"\1", text))


def strip_emphasis(text: str) -> str:
    """``**bold**``, ``__bold__``, ``*em*``, ``_em_`` and ```code``` keep only their text;
    a lone ``*`` (a footnote mark) stays.

    >>> strip_emphasis("**强调**和*斜体*、麦角酸*")
    '强调和斜体、麦角酸*'
    """
    if "*" not in text and "_" not in text and "`" not in text:
        return text
    text = _STRONG.sub(lambda m: m.group(1) or m.group(2), text)
    text = _EM_STAR.sub(r"\1", text)
    text = _EM_UNDERSCORE.sub(r"\1", text)
    return _CODE.sub(r"\1", text)


def strip_blockquote(text: str) -> str:
    """A leading ``>`` quote marker is markup."""
    return _BLOCKQUOTE.sub("", text) if text.startswith(">") else text


def squeeze_spaces(text: str) -> str:
    """Trim the line (also full-width indentation) and collapse inner runs of spaces."""
    text = text.strip()  # what the regex ^[\s\u3000]+|[\s\u3000]+$ removed, 3x faster
    if "\u3000" in text:  # one full-width space alone (第一条　…) needs no regex: 10x faster
        text = text.replace("\u3000", " ")
    if "  " in text or "\t" in text or "\xa0" in text:  # else every run is one space already
        text = _SPACES.sub(" ", text)
    return text


DOCUMENT_CLEANERS: tuple[Cleaner, ...] = (normalise_newlines, remove_control_chars)
LAYOUT_CLEANERS: tuple[Cleaner, ...] = (strip_front_matter, remove_html_comments)
INLINE_CLEANERS: tuple[Cleaner, ...] = (
    strip_html_tags, strip_images, strip_links, strip_emphasis, strip_blockquote, squeeze_spaces,
)


def compose(cleaners: tuple[Cleaner, ...], text: str) -> str:
    """Apply ``cleaners`` left to right."""
    for clean in cleaners:
        text = clean(text)
    return text


def clean_document(text: str) -> str:
    """The cleaning every decoded file gets (Document.text)."""
    return compose(DOCUMENT_CLEANERS, text)


#: A character without which no inline cleaner but ``squeeze_spaces`` changes a line
#: (tags and entities, images and links, emphasis and code; a quote marker at the start).
_MARKUP_CHAR = re.compile(r"[<&\]*_`]")  # or a line starting with ">" (a set alone is searched 3x faster)


def clean_inline(line: str) -> str:
    """Markup-free, trimmed text of one line."""
    if not line.startswith(">") and not _MARKUP_CHAR.search(line):  # the common case: only spaces to squeeze
        return squeeze_spaces(line)
    return compose(INLINE_CLEANERS, line)


def matching_view(text: str) -> str:
    """``text`` with traditional characters simplified and half-width punctuation folded
    to full width, same length: what patterns and vocabularies are matched against.

    >>> matching_view("中華全國總工會:保障農民工(試點)")
    '中华全国总工会：保障农民工（试点）'
    """
    return _replaced(text, _view_table(True)) or fold_punctuation(to_simplified(text))


def simplified(text: str) -> str:
    """``kg.convert.to_simplified(text)``, faster where few distinct characters change.

    >>> simplified("勞動者:職工")
    '劳动者:职工'
    """
    return _replaced(text, _view_table(False)) or to_simplified(text)


def _replaced(text: str, tables: tuple[dict[str, str], re.Pattern[str], frozenset[str], frozenset[str]]) -> str | None:
    """``text`` with each character of ``tables[0]`` replaced, one ``str.replace`` per
    distinct character it holds (3x faster than ``str.translate`` on Chinese text); None
    where the order of replacements could matter (see ``_view_table``) or ``text`` is empty."""
    table, mapped, astral, chained = tables
    found = set(mapped.findall(text))
    if astral and _ASTRAL.search(text):
        found |= astral.intersection(text)
    if found & chained or not text:
        return None
    for ch in found:
        text = text.replace(ch, table[ch])
    return text


#: A character outside the Basic Multilingual Plane.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@cache
def _view_table(fold: bool) -> tuple[dict[str, str], re.Pattern[str], frozenset[str], frozenset[str]]:
    """What each character becomes (simplified, then folded if ``fold``); a class of the
    characters mapped in the Basic Multilingual Plane (a regex finds them ten times faster
    than a set intersection walks the text, but only while its class holds no character
    beyond it), the mapped characters beyond it; and the characters that are both the image
    of another one and mapped themselves (苧): where those occur, one ``str.replace`` after
    another could map a character twice."""
    table = {chr(k): v for k, v in t2s_table().items()}
    if fold:
        table = {k: fold_punctuation(v) for k, v in table.items()}
        for k, v in HALF_TO_FULL.items():
            table.setdefault(chr(k), chr(v) if isinstance(v, int) else str(v))
    bmp = "".join(re.escape(k) for k in sorted(table) if k <= "\uffff")
    return (table, re.compile(f"[{bmp}]"), frozenset(k for k in table if k > "\uffff"),
            frozenset(v for v in table.values() if v in table))


def fold_punctuation(text: str) -> str:
    """Half-width ``,;:!?()`` to full width, same length: offsets stay valid.

    Patterns written with full-width punctuation then match text that used either.
    """
    return text.translate(HALF_TO_FULL)
