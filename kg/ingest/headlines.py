"""What stands around a headline: the kicker above it, the subtitle below, a rubric in it.

A news headline may come with a kicker (引题) printed above it and a subtitle (副题)
below it, and a web page may print the column's rubric inside the title
(``【工会报告】…``, ``（民生观察）…``, ``金昌新先事 | …``). They belong to the article:
the kicker is its topic, the subtitle a heading under the title, the rubric a column.

>>> title_rubric("【工会报告】工会主席在市总工会全委会上的报告")
'工会报告'
>>> title_rubric("某某新先事 | 区总工会开展帮扶活动")
'某某新先事'
>>> title_rubric("宜宾县总工会为环卫工人送清凉（图）") is None
True
>>> is_subtitle("——合肥工会服务建筑业农民工见闻")
True
"""

from __future__ import annotations

import re

from kg.ingest.clean import fold_punctuation

_LEAD_RUBRIC = re.compile(r"^\s*(?:【([^【】]{2,12})】|\[([^\[\]]{2,12})\]|（([^（）]{2,10})）)")
_TAIL_RUBRIC = re.compile(r"(?:【([^【】]{2,12})】|（([^（）]{2,10})）)\s*$")
_BAR_RUBRIC = re.compile(r"^\s*([^\s|｜丨]{2,12})\s*[|｜丨]\s*\S")
#: a rubric is words, not a note about the item (图, 视频) or the document's status (试行)
_NOT_RUBRIC = re.compile(
    r"^(?:组?图|多图|图文|附?视频|附?全文|附?图|附名单|全文|上|中|下|续|完|一|二|三|试行|暂行|草案|修订|修正"
    r"|征求意见稿|送审稿|摘要|节选|摘编|全文实录|实录|直播|更新|最新|独家|转载)$"
    r"|\d|[年月日号届次版]$"
)
#: words a column name ends with, for a rubric in brackets at the end of a title
_COLUMN_END = ("观察", "视点", "聚焦", "关注", "调查", "时评", "评论", "热点", "纵横", "动态", "快讯", "专栏",
               "特稿", "访谈", "一线", "故事", "讲堂", "之声", "风采", "先锋", "在线", "园地", "报告")
MAX_KICKER = 30


def title_rubric(title: str) -> str | None:
    """The column rubric printed in ``title``, or None."""
    view = fold_punctuation(title)
    m = _LEAD_RUBRIC.match(view)
    if m and len(view) > m.end() + 1:
        return _rubric(next(g for g in m.groups() if g))
    m = _BAR_RUBRIC.match(view)
    if m:
        return _rubric(m.group(1))
    m = _TAIL_RUBRIC.search(view)
    if m and m.start() > 1:
        word = next(g for g in m.groups() if g)
        if m.group(1) or word.endswith(_COLUMN_END):
            return _rubric(word)
    return None


def _rubric(word: str) -> str | None:
    word = word.strip()
    return None if _NOT_RUBRIC.search(word) or any(c in word for c in "，。；、：") else word


def is_subtitle(line: str) -> bool:
    """A subtitle line printed right under a title: ``——某某见闻``."""
    text = line.strip()
    return text.startswith(("——", "--", "—")) and 2 < len(text) <= 80


def is_kicker(line: str) -> bool:
    """A short line with no sentence in it, that may stand above a title as its kicker."""
    if len(line) > 2 * MAX_KICKER:
        return False
    text = fold_punctuation(line.strip())
    return 2 <= len(text) <= MAX_KICKER and not re.search(r"[。！？；，：]", text) and not text[-1].isdigit()
