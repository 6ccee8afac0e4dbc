"""Credits printed inside a paragraph: the dateline's byline and the byline at the end.

News prints its byline where a line of its own would waste space:

- after the dateline that opens the first paragraph: ``新华社北京2月13日电（记者 甲乙、丙丁）``,
  ``本报讯（记者某某 通讯员某某）``, ``某某日报讯(全媒体记者/某某)``, ``中新网甘肃新闻12月31日电（某某）``,
  ``本报讯 通讯员某某、某某报道``;
- at the end of a paragraph: ``…。(记者 某某 通讯员 某某)``, ``…。（某某）``, ``（记者某某采访整理）``.

:func:`lead_credit` and :func:`trail_credit` find them and give the names with the
credit's span in the paragraph; the paragraph itself is left as printed. A credit
with a role word (记者, 通讯员, 作者…) is trusted wherever a paragraph starts or ends. A bare
name in brackets is taken only right after a dateline, or at the very end of the
article after a finished sentence, and only if it looks like a name: two or three
characters (four with a compound surname) starting with a known surname. Editors
(``编辑：``) and contributors (``某某参与采写``) are never authors.

>>> lead_credit("新华社北京电（记者 樊某 黄某）全国总工会日前召开会议。").names
('樊某', '黄某')
>>> trail_credit("共发放慰问金75000元。（范某）（完）", last=True).names
('范某',)
>>> trail_credit("共发放慰问金75000元。（范某）", last=False) is None
True
>>> lead_credit("国家电网（国网）供电。") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.convert import to_simplified
from kg.ingest import surnames
from kg.ingest.clean import fold_punctuation, matching_view
from kg.ingest.names import MEDIA, as_printed, parse_credit

_ROLE_IN = re.compile(r"记者|通讯员|评论员|实习生|作者|撰文|执笔|口述|讲述|整理|报道|撰稿|采写")
# a dateline: 新华社北京2月13日电, 本报上海3月5日电, 本报讯, 某某日报讯, 中新网甘肃新闻12月31日电
_DATELINE = (r"(?:[^\s，。；：、“”（）《》!?！？,.;:][^，。；：、“”（）《》!?！？,.;:\n]{0,23}?"
             r"(?:（[^（）\n]{1,12}）)?(?:电|讯|消息|报道))")  # 荆楚网（湖北日报网）讯, 国际在线江苏报道
# what makes a dateline one: an agency, paper or site, or a date, before 电; or 讯
_DATED = re.compile(r"(?:社|网|报|台|站|端|\d{1,2}月\d{1,2}日)[^（]{0,14}电$|讯$|(?:网|台|报)消息$|(?:网|台|在线)[^（]{0,8}报道$")
_BRACKET = r"（\s*([^（）\n]{1,40}?)\s*）"
_LEAD_BRACKET = re.compile(rf"^\s*(?:{_DATELINE}\s*)?{_BRACKET}")
# 本报讯 通讯员某某、某某报道 / 本报讯 记者 某某 通讯员 某某 报道： / 某网讯 某报记者/某某 通讯员/某某报道：
_LEAD_REPORTED = re.compile(
    rf"^\s*(?:{_DATELINE}\s*)?((?:本报|{MEDIA})?(?:记者|通讯员|实习生)[^，。；：“”（）\n]{{2,40}}?报道)\s*[：:]?"
)
# 本报讯 张某某、李某报道 日前，…: names and 报道 with no role word, taken only after a dateline
_LEAD_NAMES_REPORTED = re.compile(
    rf"^\s*({_DATELINE})\s*((?:[\u4e00-\u9fff]{{2,3}}、){{0,5}}[\u4e00-\u9fff]{{2,3}}报道)(?=[\s：:]|$)")
_ROLE_BEFORE_COLON = re.compile(
    rf"(?:{MEDIA})?(?:本报|本刊)?(?:特约|见习|首席|全媒体|融媒体|实习)?(?:记者|通讯员|评论员)|实习生|作者|文|文/图|图"
    r"|口述人?|讲述人?|撰文|执笔|整理|撰稿|采写"
)
# 本报讯 记者 张三 通讯员 李四 近日，…: names without brackets, each ended by a space
_NAME = r"[\u4e00-\u9fff·]{2,4}"
_LEAD_SPACED = re.compile(
    rf"^\s*{_DATELINE}\s*((?:(?:本报|本刊)?(?:特约|见习|首席|全媒体|融媒体|实习)?(?:记者|通讯员|实习生)\s*"
    rf"(?:{_NAME}(?:\s*、\s*|\s+))+)+)"
)
_LEAD_ONLY = re.compile(rf"^\s*{_DATELINE}\s+((?:本报|本刊)?(?:特约|见习|首席|全媒体|融媒体|实习)?(?:记者|通讯员|实习生).*)$")
# （某某）（完）, （某某）（来源：某报）: the credit before the end mark or the source
_TRAIL = re.compile(rf"{_BRACKET}(?:\s*（\s*(?:完|来源[：:][^（）\n]{{1,20}})\s*）)?\s*$")
# every branch starts with a literal: the regex engine scans for their first characters (3x faster)
_LEAD_HINT = re.compile(r"（|\(|记者|通讯员|实习生|記者|通訊員|實習生|报道|報道")
# 杨某某 金某（某某日报）: the reporters' names, then their paper in brackets, a paragraph of its own
_NAMES_THEN_PAPER = re.compile(rf"^\s*({_NAME}(?:[\s、]+{_NAME})*)\s*（\s*{MEDIA}\s*）\s*$")
# …清凉大礼包。李某某报道: a reporter's name and 报道 ending the article, no brackets
_TRAIL_REPORTED = re.compile(
    rf"(?<=[。！？!?])\s*((?:(?:本报)?(?:记者|通讯员)\s*)?{_NAME}(?:\s*、\s*{_NAME})*)\s*报道\s*$")
#: a lead credit's bracket or role word comes within this many characters (after a dateline)
LEAD_HINT_REACH = 40
#: how far into a paragraph's start or end a credit may reach (characters)
REACH = 160
_FINISHED = "。！？!?…”’」』"
#: characters that do not occur inside a bare two- or three-character name in brackets
_NOT_IN_BARE = set("的了是在和与及等或由对为把被将从向以之其这那此每各该本不要会上下中图文完续略摘编稿据转载见删节选综合供版页"
                   "讯告报社网站刊录记注按述评诗词歌赋方面")


@dataclass(frozen=True)
class Credit:
    """Author names of a credit and its span (brackets included) in the paragraph."""

    names: tuple[str, ...]
    start: int
    end: int
    whole: bool  # the credit is all the paragraph says


def lead_credit(paragraph: str) -> Credit | None:
    """The credit a paragraph opens with, after its dateline if it has one.

    >>> lead_credit("本报讯 （记者高某 通讯员吕某）四川自贡市总工会日前举行仪式。").names
    ('高某', '吕某')
    >>> lead_credit("本报讯 通讯员王某、程某某报道 近日，某区成立联合工会。").names
    ('王某', '程某某')
    >>> lead_credit("本报讯 王小某、胡某报道 日前，某市召开推进会。").names
    ('王小某', '胡某')
    >>> lead_credit("（记者 张某某）").whole
    True
    """
    if not _LEAD_HINT.search(paragraph, 0, LEAD_HINT_REACH):
        return None  # the common case, decided cheaply: no bracket, no role word
    view = matching_view(paragraph[:REACH])  # every lead pattern is anchored and bounded
    m = _LEAD_BRACKET.match(view)
    if m:
        inner = m.group(1)
        dated = m.start(1) > 0 and bool(_DATED.search(view[:m.start(1)].strip("（ ")))
        names = _credit_names(inner, bare_ok=dated)
        if names:
            return _credit(paragraph, view, m, names, m.start(), m.end())
    m = _LEAD_REPORTED.match(view)
    if m:
        names = _credit_names(m.group(1), bare_ok=False)
        if names:
            return _credit(paragraph, view, m, names, m.start(1), m.end())
    m = _LEAD_NAMES_REPORTED.match(view)
    if m and _DATED.search(m.group(1)):
        listed = parse_credit(m.group(2))
        if listed and all(_bare_name(n) for n in listed):
            return _credit(paragraph, view, m, tuple(listed), m.start(2), m.end(2), whole=False, group=2)
    for pattern in (_LEAD_ONLY, _LEAD_SPACED):  # a dateline line, or a credit set off by spaces
        m = pattern.match(view) if pattern is not _LEAD_ONLY or len(paragraph) <= REACH else None
        if m:
            names = _credit_names(m.group(1), bare_ok=False)
            if names and all(_surnamed(n) for n in names):
                return _credit(paragraph, view, m, names, m.start(1), m.end(1), whole=False)
    return None


def _credit(paragraph: str, view: str, m: re.Match, names: tuple[str, ...], start: int, end: int,
            whole: bool | None = None, offset: int = 0, group: int = 1) -> Credit:
    """The Credit of ``names`` found in ``view`` (the matching view of ``paragraph`` from
    ``offset``; the credit is ``m``'s ``group``), each name as the paragraph prints it (聞一平 in traditional text)."""
    inner = m.group(group)
    printed = paragraph[offset + m.start(group):offset + m.end(group)]
    if whole is None:
        whole = not paragraph[offset + end:].strip()
    return Credit(tuple(as_printed(n, inner, printed) for n in names), offset + start, offset + end, whole)


def trail_credit(paragraph: str, last: bool) -> Credit | None:
    """The credit a paragraph ends with; a bare name only if ``last`` (the article's last
    paragraph) and after a finished sentence.

    >>> trail_credit("帮扶机制。(记者 庄某某 通讯员 蔡某某)", last=False).names
    ('庄某某', '蔡某某')
    >>> trail_credit("（作者单位：某大学）", last=True) is None
    True
    >>> trail_credit("为环卫工人送去清凉。记者 张某某 李某", last=False).names
    ('张某某', '李某')
    """
    cut = max(0, len(paragraph) - REACH)  # the pattern is anchored at the end and bounded
    if paragraph.rstrip()[-1:] not in ("）", ")"):
        return (_trail_reported(paragraph, cut) or _trail_spaced(paragraph, cut) if last else None) \
            or _trail_role(paragraph, cut)
    view = matching_view(paragraph[cut:])
    m = _NAMES_THEN_PAPER.match(view) if last and not cut else None
    if m:
        listed = tuple(re.split(r"[\s、]+", m.group(1).strip()))
        return _credit(paragraph, view, m, listed, m.start(1), m.end()) if all(map(_bare_name, listed)) else None
    m = _TRAIL.search(view)
    if not m:
        return None
    before = paragraph[:cut] + view[:m.start()]
    before = before.rstrip()
    bare_ok = last and (not before or before[-1] in _FINISHED)
    names = _credit_names(m.group(1), bare_ok=bare_ok)
    if not names:
        return None
    return _credit(paragraph, view, m, names, m.start(), len(paragraph.rstrip()) - cut, whole=not before, offset=cut)


def _trail_reported(paragraph: str, cut: int) -> Credit | None:
    """李某某报道 ending the article's last paragraph after a finished sentence."""
    view = matching_view(paragraph[cut:])
    m = _TRAIL_REPORTED.search(view)
    if not m:
        return None
    names = parse_credit(m.group(1))
    if not names or not all(_bare_name(n) or (_ROLE_IN.search(m.group(1)) and _plausible(n)) for n in names):
        return None
    return _credit(paragraph, view, m, tuple(names), m.start(1), len(paragraph.rstrip()) - cut, whole=False, offset=cut)


#: …送去清凉。记者 某某 某某 / …更远。 □某某: a role word or a byline mark and names ending a paragraph, no brackets
_TRAIL_ROLE = re.compile(
    rf"(?<=[。！？!?”])\s*((?:(?:本报|本台|总台|央视)?(?:记者|通讯员)|[□■◎●◆])\s*{_NAME}(?:(?:\s*、\s*|\s+){_NAME}){{0,3}})\s*$")
_TRAIL_ROLE_HINT = re.compile("记者|通讯员|[□■◎●◆]")
#: …提供了一个梦想舞台。 秦某 秦某某: reporters' names set off by white space, ending the article
_TRAIL_SPACED = re.compile(rf"(?<=[。！？!?])[ \t\u3000]+({_NAME}(?:[ \t\u3000]+{_NAME}){{0,2}})[ \t\u3000]*$")


def _trail_spaced(paragraph: str, cut: int) -> Credit | None:
    """Names alone after a finished sentence and white space, ending the article's last
    paragraph: taken only if every one can only be a name."""
    if paragraph.rstrip()[-1:] in _FINISHED or not paragraph[cut:].strip(" \t\u3000")[-1:].isalpha():
        return None
    m = _TRAIL_SPACED.search(paragraph, cut)
    names = m.group(1).split() if m else []
    if m is None or not names or not all(_bare_name(to_simplified(n)) for n in names):
        return None
    return Credit(tuple(names), m.start(1), len(paragraph.rstrip()), whole=False)


def _trail_role(paragraph: str, cut: int) -> Credit | None:
    """记者 某某 or □某某 ending a paragraph after a finished sentence, with no brackets."""
    if not _TRAIL_ROLE_HINT.search(paragraph, cut):
        return None  # the common case, decided cheaply
    view = matching_view(paragraph[cut:])
    m = _TRAIL_ROLE.search(view)
    names = parse_credit(m.group(1)) if m else None
    if m is None or not names or not all(_surnamed(n) and _plausible(n) for n in names):
        return None
    return _credit(paragraph, view, m, tuple(names), m.start(1), len(paragraph.rstrip()) - cut, whole=False, offset=cut)


def _credit_names(inner: str, bare_ok: bool) -> tuple[str, ...] | None:
    colon = re.search(r"[：:]", inner)
    if colon and not _ROLE_BEFORE_COLON.fullmatch(inner[:colon.start()].strip()):
        return None  # 编辑：…, 作者单位：…, 来源：…
    if _ROLE_IN.search(inner):
        names = parse_credit(inner)
        return tuple(names) if names and all(_plausible(n) for n in names) else None
    if not bare_ok:
        return None
    names = parse_credit(inner)
    return tuple(names) if names and all(_bare_name(n) for n in names) else None


def _plausible(name: str) -> bool:
    """A name after a role word: short, or foreign with a middle dot."""
    return 2 <= len(name) <= 4 or ("·" in name and len(name) <= 16)


def _surnamed(name: str) -> bool:
    """A name that starts with a surname (or is a foreign name with a middle dot)."""
    return "·" in name or name[:2] in surnames.COMPOUND or name[0] in surnames.SINGLE or name[0] in surnames.COMMON


def _bare_name(name: str) -> bool:
    """True if ``name``, printed in brackets without any role word, can only be a name."""
    compound = name[:2] in surnames.COMPOUND
    if not (2 <= len(name) <= (4 if compound else 3)):
        return False
    # two characters are a word as often as a name (公告, 简讯): only after a frequent surname
    known = surnames.COMMON if len(name) == 2 else surnames.SINGLE + surnames.COMMON
    if not compound and name[0] not in known:
        return False
    return not any(c in _NOT_IN_BARE for c in name[1:])


_TRAILING_NOTE = re.compile(r"（\s*(?:本文)?作者(?:系|为(?!了)|单位|简介|现为|现任)[^（）\n]{2,120}）\s*$")


def trailing_note(paragraph: str) -> int | None:
    """Where an author note run into the end of a paragraph starts, or None.

    >>> p = "这是正文的最后一句。（作者为本报驻湖北记者）"
    >>> p[trailing_note(p):]
    '（作者为本报驻湖北记者）'
    """
    view = fold_punctuation(paragraph)
    m = _TRAILING_NOTE.search(view)
    if not m or not view[:m.start()].strip():
        return None
    return m.start()
