"""The publication date of each article, and where it came from.

:func:`assign_dates` runs at the end of layout and gives every Article ``date``
(``"YYYY-MM-DD"``, ``"YYYY-MM"`` or ``"YYYY"``) and ``date_source``, taking the first
of these that says something:

1. ``file metadata``: the reader's ``Document.meta`` "date" (a page's or a Word file's);
2. ``metadata line``: ``Article.meta`` "date" (a ``发布时间：…`` line the layout took out);
3. ``printed date line``: a short date line at the top (``《工人日报》（2012年01月17日 002版）``,
   ``时间：2018-10-26 12:26``, ``2014-07-03 10:41 来源：石狮日报``) or a date alone on one
   of the last lines, under the signature of a notice (``2026年8月15日``);
4. ``dateline``: ``本报杭州4月2日电``, the year taken from the file name or the text;
5. ``bundle heading``: the heading of a file bundling many stories (``# 工人日报 2026年3月5日``);
6. ``file name``: ``20230516.md``, ``种子法(2021-12-24).md``, ``2026-07-02-通知.md``.

>>> parse_date("二〇二六年八月十五日"), parse_date("2014-7-3 10:41"), parse_date("2021年12月")
('2026-08-15', '2014-07-03', '2021-12')
>>> date_in_name("corpus/种子法(2021-12-24).md"), date_in_name("news/20230516.md")
('2021-12-24', '2023-05-16')
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import unicodedata
from collections.abc import Sequence
from itertools import islice
from pathlib import PurePosixPath

from kg.ingest.clean import simplified
from kg.model import Article, Document

_CN_DIGITS = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "O": "0", "一": "1", "二": "2", "三": "3",
              "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_YEAR = re.compile(r"[〇零○ＯO一二三四五六七八九]{4}(?=\s*年)")
_CN_SMALL = re.compile(r"(?<=[年月])\s*([一二三四五六七八九十]{1,3})(?=\s*[月日号])")

_SEP_DATE = r"(?<!\d)((?:19|20)\d\d)\s*[-/.．]\s*(\d{1,2})\s*[-/.．]\s*(\d{1,2})(?!\d)"
_CJK_DATE = r"(?<!\d)((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"
_CJK_MONTH = r"(?<!\d)((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月(?!\s*\d)"
_COMPACT = r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])([0-3]\d)(?!\d)"
_NAME_MONTH = r"(?<!\d)((?:19|20)\d\d)[-_.](0[1-9]|1[0-2])(?![-_.]?\d)"

_FULL = re.compile(f"{_SEP_DATE}|{_CJK_DATE}")
_ANY = re.compile(f"{_SEP_DATE}|{_CJK_DATE}|{_CJK_MONTH}")
_IN_NAME = re.compile(f"{_SEP_DATE}|{_CJK_DATE}|{_COMPACT}|{_CJK_MONTH}|{_NAME_MONTH}")

#: a top line is a date line when, besides the date, it has one of these
_DATE_LINE_MARK = re.compile(
    r"(?:发布|发表|更新|出版|刊发|录入|上传)?(?:时间|日期)\s*[:：]|来源\s*[:：]|作者\s*[:：]|编辑\s*[:：]"
    r"|\d{1,2}\s*[:：时]\s*\d{2}|第?\s{0,3}[\dA-Z]{1,4}\s{0,3}版|^[《〈].{1,20}[》〉]\s*[（(]"
    r"|星期[一二三四五六日天]|周[一二三四五六日]\b")
_CLAUSE = re.compile(r"[，。；！？,;!?]")
#: ``本报杭州4月2日电``, ``新华社北京4月2日电``, ``中新网甘肃新闻12月31日电``, ``央广网北京3月4日消息``
_DATELINE = re.compile(r"(?:本报|社|网|台|报|新闻|电视台)[^，。,\s]{0,12}?(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:电|消息)")
#: an issuer's name before the date on the last line of a notice (``临江市总工会 2026年8月15日``)
_SIGNATURE = re.compile(r"^[^，。；：:！？,;!?\d]{2,30}$")
_YEAR = re.compile(r"(?<![\d到至])((?:19|20)\d\d)\s*年(?![前底末]|以来)")

#: a printed date line is looked for among this many paragraphs after the title
TOP_LINES = 5
#: ... and among this many last paragraphs (the signature block of a notice)
END_LINES = 3
#: a date line has its date within this many characters of its start
DATE_LINE_START = 40


def _fold(text: str) -> str:
    """Full-width digits to ASCII, traditional to simplified, Chinese-numeral dates to digits."""
    text = simplified(unicodedata.normalize("NFKC", text))
    text = _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group()), text)
    return _CN_SMALL.sub(lambda m: str(_cn_number(m.group(1))), text)


def _folds(texts: list[str]) -> list[str]:
    """``[_fold(t) for t in texts]``, folded in one call (most of a fold's cost is per call):
    joined by NUL, which every step of the fold leaves as it is and no step matches across
    (NFKC neither maps nor composes it, the patterns do not take it for a space), then
    split there again. Texts that hold a NUL (cleaned text never does) are folded one by one.

    >>> _folds(["二〇二六年八月十五日", "勞動", ""]) == [_fold("二〇二六年八月十五日"), _fold("勞動"), ""]
    True
    """
    joined = "\x00".join(texts)
    if len(texts) < 2 or joined.count("\x00") != len(texts) - 1:
        return [_fold(t) for t in texts]
    return _fold(joined).split("\x00")


def _cn_number(s: str) -> int:
    """``十五`` -> 15, ``三十一`` -> 31, ``八`` -> 8."""
    if "十" not in s:
        return int(_CN_DIGITS[s[0]]) if len(s) == 1 else 0
    tens, _, ones = s.partition("十")
    return (int(_CN_DIGITS[tens]) if tens else 1) * 10 + (int(_CN_DIGITS[ones]) if ones else 0)


def _valid(year: str, month: str | None = None, day: str | None = None) -> str | None:
    try:
        if day is not None and month is not None:
            return datetime.date(int(year), int(month), int(day)).isoformat()
        if month is not None:
            return f"{int(year):04d}-{int(month):02d}" if 1 <= int(month) <= 12 else None
    except ValueError:
        return None
    return f"{int(year):04d}"


def _first(pattern: re.Pattern, text: str) -> str | None:
    for m in pattern.finditer(text):
        found = _from_match(m)
        if found:
            return found
    return None


def _from_match(m: re.Match) -> str | None:
    """The date of a match of one of the alternations above: only the alternative that
    matched has its groups set, and all of them."""
    return _valid(*[g for g in m.groups() if g is not None])


def parse_date(text: str) -> str | None:
    """The first date written in ``text``, as ``YYYY-MM-DD`` or ``YYYY-MM``, or None.

    >>> parse_date("发布时间：2025年12月31日 08:40"), parse_date("2019/4/24"), parse_date("4月2日")
    ('2025-12-31', '2019-04-24', None)
    """
    return _first(_ANY, _fold(text))


def date_in_name(source: str) -> str | None:
    """The date a file's name carries (``20230516``, ``(2021-12-24)``, ``2026-07-02-…``,
    ``2026年3月5日``, ``2021-12``), or None.

    >>> date_in_name("报告2026年3月5日.md"), date_in_name("2021-12.txt"), date_in_name("v20991399.md")
    ('2026-03-05', '2021-12', None)
    """
    return _first(_IN_NAME, _fold(PurePosixPath(source).stem))


def date_in_heading(heading: str) -> str | None:
    """The date a bundle's heading names (``《晚间新闻》 (20251101)``, ``工人日报 2026年3月5日``).

    >>> date_in_heading("《晚间新闻》 (20251101)"), date_in_heading("工人日报 2026年3月5日")
    ('2025-11-01', '2026-03-05')
    """
    return _first(_IN_NAME, _fold(heading))


def printed_date(article: Article) -> str | None:
    """The date of a printed date line: a short line near the top that has a full date
    and a mark of a date line (a label, a clock time, a page number, a paper's name), or
    a line that is only a date among the last lines (under a signature)."""
    # the first and last few paragraphs, found without walking the others (a statute has hundreds)
    top = islice((p for p in article.paragraphs if p.kind not in ("title", "byline")), TOP_LINES)
    for line in _folds([article.span(p) for p in top]):
        if found := date_line(line):
            return found
    end = islice((p for p in reversed(article.paragraphs) if p.kind not in ("title", "byline")), END_LINES)
    for line in _folds([article.span(p) for p in end]):
        m = _FULL.search(line)
        if m and (_only_date(line, m) or (not line[m.end():].strip(" ）)") and _SIGNATURE.match(line[:m.start()].strip()))):
            return _from_match(m)
    return None


def date_line(line: str) -> str | None:
    """The date of the date line ``line`` starts with (``时间：2018-10-26 12:26 来源：新华网``). Page-break repair may have joined
    the date line and the lead paragraph after it (``时间：2018-10-26 12:26 来源：新华网在25日
    举行的…``), so the line only has to start with it: a full date within the first
    :data:`DATE_LINE_START` characters, nothing like a clause before it, and a mark of a
    date line (a label, a clock time, a page) up to just after the date; or a short line
    that is only the date."""
    m = _FULL.search(line[:DATE_LINE_START + 20])
    if not m or m.start() > DATE_LINE_START or _CLAUSE.search(line[:m.start()]):
        return None
    if _DATE_LINE_MARK.search(line[:m.end() + 12]) or _only_date(line, m):
        return _from_match(m)
    return None


def _only_date(line: str, m: re.Match) -> bool:
    """True if ``line`` is the date ``m`` and nothing else but brackets and spaces."""
    rest = (line[:m.start()] + line[m.end():]).strip(" \t\u3000（）()[]【】")
    return not rest


def dateline_date(article: Article, context_year: str | None) -> str | None:
    """The date of a dateline (``本报杭州4月2日电``) in the first body paragraphs, with the
    year from ``context_year`` or else from the text (the latest full date's year, or the
    latest year written)."""
    heads = [article.span(p)[:80] for p in islice((p for p in article.paragraphs if p.kind == "body"), TOP_LINES)]
    for head in _folds(heads):
        m = _DATELINE.search(head)
        if m:
            year = context_year or _year_in_text(article.text)
            if year:
                return _valid(year, m.group(1), m.group(2))
    return None


def _year_in_text(text: str) -> str | None:
    folded = _fold(text)
    full = [d[:4] for m in _FULL.finditer(folded) if (d := _from_match(m))]
    if full:
        return max(full)
    years = [m.group(1) for m in _YEAR.finditer(folded)]
    return max(years) if years else None


def _meta(pairs: Sequence[tuple[str, str]], key: str) -> list[str]:
    return [v for k, v in pairs if k == key]


def find_date(doc: Document, article: Article, bundle_date: str | None = None) -> tuple[str | None, str]:
    """``(date, where it came from)`` for ``article`` of ``doc``; ``(None, "no date")``
    when nothing says it. The order is the module's docstring's."""
    for raw in _meta(doc.meta, "date"):
        if found := parse_date(raw):
            return found, "file metadata"
    for raw in _meta(article.meta, "date"):
        if found := parse_date(raw):
            return found, "metadata line"
    if found := printed_date(article):
        return found, "printed date line"
    name_date = date_in_name(doc.source)
    if found := dateline_date(article, name_date[:4] if name_date else None):
        return found, "dateline"
    if bundle_date:
        return bundle_date, "bundle heading"
    if name_date:
        return name_date, "file name"
    return None, "no date"


def assign_dates(doc: Document, articles: Sequence[Article], bundle_date: str | None = None) -> list[Article]:
    """``articles`` with ``date`` and ``date_source`` set, and a log line saying where each
    date came from (or that there is none).

    >>> from kg.model import Paragraph
    >>> doc = Document("a.md", "n/20230516.md", "", "utf-8")
    >>> text = "标题\\n《工人日报》（2012年01月17日 002版）\\n正文。"
    >>> a = Article("a", "标题", "n/20230516.md", text, paragraphs=(Paragraph(0, 2, "title"),
    ...     Paragraph(3, 24, "body"), Paragraph(25, 28, "body")))
    >>> [(x.date, x.date_source, x.log) for x in assign_dates(doc, [a])]
    [('2012-01-17', 'printed date line', ('n/20230516.md: 标题: date 2012-01-17 (printed date line)',))]
    """
    out = []
    for a in articles:
        date, where = find_date(doc, a, bundle_date)
        line = f"{a.source}: {a.title}: " + (f"date {date} ({where})" if date else "no date")
        out.append(dataclasses.replace(a, date=date, date_source=where if date else None, log=(*a.log, line)))
    return out
