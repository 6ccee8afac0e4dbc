"""Metadata and clutter lines of pasted web and e-paper pages.

A page pasted into Markdown keeps lines that are not the article: what the site says
about it (``2014-07-03 10:41 来源：石狮日报``, ``时间：… 来源：新华网 作者：张三、李四``,
``原标题：…``, ``【编辑：王五】``, ``《工人日报》（2012年01月17日 002版）``) and the
page's furniture (``点击数：``, ``文章字数：254``, ``【字体：大 中 小】``, ``打印``,
``上一篇：… 下一篇：…``, ``已有0人发表了评论``, breadcrumbs). :func:`parse_meta_line`
recognises such a line and returns what it says as (key, value) pairs, with the keys
of ``Article.meta``: "source", "author", "date", "original_title", "editor", "url".
Furniture says nothing: it gives no pair, but it is recognised so that layout keeps
it out of the article's text.

Keys are matched on a simplified, full-width view of the line (``來源:`` is ``来源：``),
values are cut from the line as printed.

>>> parse_meta_line("2014-07-03 10:41 来源:石狮日报").pairs
(('date', '2014-07-03 10:41'), ('source', '石狮日报'))
>>> parse_meta_line("来源：抚顺市总工会 作者： 点击数：").pairs
(('source', '抚顺市总工会'),)
>>> parse_meta_line("【编辑：刘某某】").pairs
(('editor', '刘某某'),)
>>> parse_meta_line("【作者：通讯员 赵某】 【责任编辑：钱某】").pairs
(('author', '通讯员 赵某'), ('editor', '钱某'))
>>> parse_meta_line("上一篇：甲 下一篇：乙").pairs
()
>>> parse_meta_line("资金来源：市财政拨款。") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.convert import to_simplified
from kg.ingest.clean import matching_view

#: what a key before a colon says; None: furniture, recognised and dropped
_KEYS: dict[str, str | None] = {
    "来源": "source", "稿源": "source", "出处": "source", "新闻来源": "source", "文章来源": "source",
    "信息来源": "source", "转自": "source", "转载自": "source",
    "作者": "author", "撰稿": "author", "撰稿人": "author",
    "编辑": "editor", "责编": "editor", "责任编辑": "editor", "编审": "editor", "审核": "editor",
    "审校": "editor", "校对": "editor", "责任校对": "editor", "值班编辑": "editor", "美编": "editor",
    "终审": "editor", "初审": "editor", "复审": "editor", "网络编辑": "editor", "主编": "editor",
    "时间": "date", "日期": "date", "发布时间": "date", "发布日期": "date", "发表时间": "date",
    "发稿时间": "date", "更新时间": "date", "发表日期": "date", "刊发时间": "date", "上传时间": "date",
    "原标题": "original_title", "原文标题": "original_title",
    "原文链接": "url", "原文地址": "url", "网址": "url", "链接": "url", "本文链接": "url",
    "点击数": None, "点击": None, "点击量": None, "阅读数": None, "阅读量": None, "阅读": None,
    "浏览": None, "浏览数": None, "浏览量": None, "浏览次数": None, "访问量": None, "评论": None,
    "阅读次数": None, "点击次数": None, "访问次数": None, "保护视力色": None, "视力保护色": None,
    "文章字数": None, "字数": None, "字号": None, "字体": None, "分享到": None, "分享": None,
    "上一篇": None, "下一篇": None, "上一条": None, "下一条": None, "当前位置": None,
    "您的位置": None, "您现在的位置": None, "所在位置": None, "关键词": None, "标签": None,
}
#: keys that, alone, are also how a notice's own items start (时间：9月10日下午): they make
#: a metadata line only in an article's header (layout decides where that is)
DATE_KEYS = frozenset(k for k, v in _KEYS.items() if v == "date")

_KEY_TUPLE = tuple(_KEYS)
_KEY_ENDS = frozenset(k[-1] for k in _KEYS)
# how furniture, a date line and a paper line start (traditional forms included)
_BARE_START = re.compile(r"^[\s【\[（(]*[打关關收返分字已共我发發查网網扫掃完全《大中小\d一二三四五六七八九〇零]")
_COLON = re.compile(r"[：:]")
_KEY_ALT = "|".join(sorted(map(re.escape, _KEYS), key=len, reverse=True))
# a key starts the line or follows a space, a digit, a bracket or a bar: not 资金来源
_KEY = re.compile(rf"(?:^|(?<=[\s\d【\[】\]）)|｜丨/>]))(?:{_KEY_ALT})\s*[：:]")
_DATE = re.compile(
    r"(?:\d{4}|[一二三四五六七八九〇零]{4})\s*[-年./／]\s*\d{1,2}\s*[-月./／]\s*\d{1,2}\s*日?"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?"
    r"(?:\s*\d{1,2}\s*[:：时]\s*\d{1,2}(?:\s*[:：分]\s*\d{1,2}秒?)?(?:分)?)?"
)
_CREDIT_HEAD = re.compile(r"记者|通讯员|实习生")
_URL = re.compile(r"(?:https?:)?//[\w.\-/]*[A-Za-z/]|www\.[\w.\-/]*[A-Za-z/]")
_FURNITURE = re.compile(
    r"^[【\[（(]?\s*(?:打印(?:本页|本稿|文章)?|关闭(?:窗口|本页)?|收藏(?:本页)?|返回(?:顶部|首页|列表)?"
    r"|分享到?|字号\s*[：:]?\s*[大中小\s]*|字体\s*[：:]?\s*[大中小\s]*|[大中小](?:\s+[大中小]){2}"
    r"|(?:已有|共有|共)\s*\d+\s*(?:人|条)(?:发表了?|参与了?)?(?:评论|跟帖)|我要评论|发表评论|查看评论|网友评论"
    r"|扫一扫.{0,20}|完|全文完)\s*[】\]）)]?"
    r"(?:\s*[【\[]\s*(?:打印|关闭(?:窗口)?|收藏|返回顶部)\s*[】\]])*$"
)
# 《工人日报》（2012年01月17日 002版）: a newspaper's name and page date
_PAPER_LINE = re.compile(r"^《([^《》]{2,16})》\s*[（(]\s*(" + _DATE.pattern + r")\s*(?:第?\s*[\dA-Z]{1,4}\s*版)?\s*[）)]$")
_DATE_LINE = re.compile(r"^(?:" + _DATE.pattern + r")$")
_BRACKETS = "【】[]（）()"
MAX_META_LINE = 160
#: metadata lines without a colon (dates, furniture, 《报名》（date）) are shorter than this
MAX_BARE_LINE = 40


@dataclass(frozen=True)
class MetaLine:
    """A recognised metadata or furniture line and what it says."""

    pairs: tuple[tuple[str, str], ...]
    #: True when the line is only a date or only ``时间：…``: metadata in an article's
    #: header, ordinary text (a signature, a notice's item) anywhere else
    header_only: bool = False


def parse_meta_line(line: str) -> MetaLine | None:
    """What the metadata line ``line`` says, or None if it is not one.

    >>> parse_meta_line("中央政府門戶網站 www.gov.cn 2014年02月20日 10時07分 來源：中國政府網").pairs
    (('url', 'www.gov.cn'), ('date', '2014年02月20日 10時07分'), ('source', '中國政府網'))
    >>> parse_meta_line("《工人日报》（2012年01月17日 002版）").pairs
    (('source', '工人日报'), ('date', '2012年01月17日'))
    >>> parse_meta_line("2011.05.30").header_only
    True
    """
    text = line.strip()
    if not text or len(text) > MAX_META_LINE:
        return None
    if not _keyed(text) and not may_be_bare(text):
        return None  # the common case, decided cheaply: no key, and no furniture, date or paper
    view = matching_view(text)
    if _FURNITURE.match(view):
        return MetaLine(())
    paper = _PAPER_LINE.match(view)
    if paper:
        return MetaLine((("source", text[paper.start(1):paper.end(1)]),
                         ("date", text[paper.start(2):paper.end(2)].strip())))
    if _DATE_LINE.match(view):
        return MetaLine((("date", text),), header_only=True)
    inner = _unbracket(view)
    if inner is not None:
        found = parse_meta_line(text[inner[0]:inner[1]])
        return found if found is not None and not found.header_only else None
    if "：" not in view and ":" not in view:
        return None  # no key without its colon (the common case of a bare line: 1.7 us less)
    return _keyed_line(text, view)


def may_be_bare(text: str) -> bool:
    """False if the stripped line ``text`` cannot be a metadata line without a key (furniture,
    a date, a paper's line): longer than :data:`MAX_BARE_LINE`, or not starting as they do.
    A line without a colon for which this is False is no metadata line at all.

    >>> may_be_bare("2011.05.30"), may_be_bare("第一条 为了保障职工的合法权益。")
    (True, False)
    """
    return len(text) <= MAX_BARE_LINE and _BARE_START.match(text) is not None


def _keyed_line(text: str, view: str) -> MetaLine | None:
    """What a line of ``key：value`` pairs says (``view``: ``text`` folded and simplified),
    with a URL or date before the first key."""
    keys = list(_KEY.finditer(view))
    if not keys or ("。" in view[keys[0].end():] and len(keys) == 1):
        return None  # 来源：… followed by a sentence is text that happens to start so
    if _CREDIT_HEAD.search(view, 0, keys[0].start()):
        return None  # （某某新闻记者：张三 编辑：李四）: a credit naming its editor, read as a credit
    pairs: list[tuple[str, str]] = []
    head = text[:keys[0].start()]
    url = _URL.search(head)
    if url:
        pairs.append(("url", url.group()))
    date = _DATE.search(view[:keys[0].start()])
    if date:
        pairs.append(("date", text[date.start():date.end()].strip()))
    for k, m in enumerate(keys):
        end = keys[k + 1].start() if k + 1 < len(keys) else len(text)
        pairs += _key_pairs(text, view, m, end)
    only_dates = all(view[m.start():m.end()].rstrip("：: \t") in DATE_KEYS for m in keys)
    return MetaLine(tuple(pairs), header_only=only_dates and not head.strip())


def _key_pairs(text: str, view: str, m: re.Match, end: int) -> list[tuple[str, str]]:
    """The pairs one key ``m`` gives, its value running to ``end``."""
    name = view[m.start():m.end()].rstrip("：: \t")
    value = text[m.end():end].strip().rstrip("【[").rstrip().removesuffix("】").removesuffix("]").strip()
    key = _KEYS[name]
    pairs = []
    stamp = _DATE.search(view, m.end(), end) if key not in (None, "date") else None
    if stamp and not view[stamp.end():end].strip():  # 来源：工人日报 2026-03-05: a date after the value
        pairs.append(("date", text[stamp.start():stamp.end()].strip()))
        value = text[m.end():stamp.start()].strip()
    credit = _SOURCE_CREDIT.search(view, m.end(), end) if key == "source" else None
    if credit:  # 来源：南方工报 记者彭某 通讯员罗某: the reporters after the source
        value = text[m.end():credit.start()].strip()
    if key is not None and value:
        pairs.append((key, value))
    if credit:
        pairs.append(("author", text[credit.start(1):end].strip()))
    return pairs


#: A credit after a source's name, set off by white space: 来源：某报 记者某某 通讯员某某, 来源：某台 记者：某某.
_SOURCE_CREDIT = re.compile(r"(?<!\s)\s+((?:本报)?(?:记者|通讯员|实习生)\s*(?:[：:]\s*)?[^\s：:])")


def _keyed(text: str) -> bool:
    """True if a key stands before one of the colons of ``text`` (looked at cheaply: only
    the few characters before each colon are simplified)."""
    for m in _COLON.finditer(text):
        before = text[max(0, m.start() - 6):m.start()].rstrip()
        last = before[-1:]
        if last and (last in _KEY_ENDS or to_simplified(last) in _KEY_ENDS) \
                and to_simplified(before).endswith(_KEY_TUPLE):
            return True
    return False


def _unbracket(view: str) -> tuple[int, int] | None:
    """Offsets of the inside of a line that is one bracketed whole: 【编辑：…】, （ 责编：zl ）."""
    if len(view) < 3 or view[0] not in _BRACKETS[::2] or view[-1] != _BRACKETS[_BRACKETS.index(view[0]) + 1]:
        return None
    if any(c in "【】[]（）()" for c in view[1:-1]):
        return None
    return 1, len(view) - 1
