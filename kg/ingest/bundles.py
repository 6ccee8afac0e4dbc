"""Bundles: one file holding many stories, such as a day of a news transcript archive or
an issue of a paper.

A bundle has a top heading naming the day or the issue (``# 《晚间新闻》 (20251101)``,
``# 工人日报 2026年3月5日``), maybe a list of headlines (``## 新闻摘要`` and numbered
lines), then each story under a lower heading. :func:`find_bundle` recognises it by that
structure and rewrites the text so that the layout sees one article per story: story
headings become level-1 headings, the bundle's heading and its headline list go. Every
story is then dated by the bundle's heading unless it prints its own date
(:mod:`kg.ingest.dates`).

Recognised without being told: exactly one level-1 heading, the first heading of the
file; at least :data:`MIN_STORIES` headings at one lower level, none of them an
enumeration (``一、``, ``第一章``, ``（二）``: those are sections of one text), each
followed by text; the top heading names a date or an issue (``第12期``), or a headline
list stands before the stories; and no more than a short line of other text stands
between the top heading and the first story (an article's lead, with whole sentences,
would). ``kg build --split-level N`` forces level N.

>>> text = "# 工人日报 2026年3月5日\\n\\n## 新闻摘要\\n\\n1. 甲\\n2. 乙\\n\\n### 甲\\n\\n正文一。\\n\\n### 乙\\n\\n正文二。\\n"
>>> b = find_bundle(text)
>>> b.heading, b.date, b.level, b.stories
('工人日报 2026年3月5日', '2026-03-05', 3, 2)
>>> print(b.text.strip())
# 甲
<BLANKLINE>
正文一。
<BLANKLINE>
# 乙
<BLANKLINE>
正文二。
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kg.ingest.dates import date_in_heading

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_ENUMERATED = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[)）]|\d+[、.．)）]"
    r"|第[一二三四五六七八九十百千零〇\d]+[条章节款编部分篇])")
_ISSUE = re.compile(r"第\s*[\d一二三四五六七八九十百千零〇]+\s*[期号版]|[\d]{4}\s*年\s*第|\b\d{8}\b")
#: headings of a list of the stories that follow, which is not a story itself
HEADLINE_LISTS = ("新闻摘要", "内容摘要", "内容提要", "本期提要", "本期导读", "本期要目", "要闻提要", "今日要闻",
                  "节目提要", "提要", "导读", "目录", "目 录", "本期目录")
#: a bundle has at least this many stories
MIN_STORIES = 2
#: text (characters) that may stand between a bundle's heading and its first story, besides
#: a headline list ("本期节目主要内容有："); more is an article's lead
MAX_PREFACE = 60


_Heading = tuple[int, int, str]  # line number, level, text


@dataclass(frozen=True)
class Bundle:
    """What :func:`find_bundle` found, and the text rewritten for the layout."""

    text: str  # stories at level 1, without the bundle's heading and headline list
    heading: str  # the bundle's top heading
    date: str | None  # the date it names
    level: int  # the heading level of the stories in the file
    stories: int
    log: tuple[str, ...]


def find_bundle(text: str, split_level: int | None = None) -> Bundle | None:
    """The bundle ``text`` is, or None if it is not one (always None for ``split_level`` 1)."""
    if split_level == 1:
        return None
    lines = text.split("\n")
    headings = _headings(lines)
    level = split_level if split_level is not None else _found_level(headings, lines)
    if not headings or level is None:
        return None
    above, lists, stories = _parts(headings, level)
    heading = above[0][2] if above else ""
    if len(stories) < (1 if split_level else MIN_STORIES):
        return None
    drop = {i for i, _, _ in above} | _headline_list_lines(lists, headings, lines)
    if split_level is None:
        preface = [ln for i, ln in enumerate(lines[:stories[0][0]]) if i not in drop and ln.strip()]
        if not _bundle_preface(heading, preface, bool(lists)):
            return None
    date = date_in_heading(heading) if heading else None
    log = (f"bundle '{heading}': {len(stories)} stories under level-{level} headings"
           + (f", dated {date}" if date else "") + (f"; headline list '{lists[0][2]}' left out" if lists else ""),)
    return Bundle(_stories_at_level_1(lines, drop, {i for i, _, _ in stories}), heading, date, level,
                  len(stories), log)


def _parts(headings: list[_Heading], level: int) -> tuple[list[_Heading], list[_Heading], list[_Heading]]:
    """The headings above the stories' ``level``, the headline lists, the stories."""
    above = [h for h in headings if h[1] < level]
    lists = [h for h in headings if h[1] <= level and _headline_list(h[2])]
    stories = [h for h in headings if h[1] == level and h not in lists]
    return above, lists, stories


def _headings(lines: list[str]) -> list[_Heading]:
    """``(line number, level, text)`` of each Markdown heading with text."""
    return [(i, len(m.group(1)), m.group(2).strip()) for i, ln in enumerate(lines)
            if (m := _HEADING.match(ln)) and m.group(2).strip()]


def _found_level(headings: list[_Heading], lines: list[str]) -> int | None:
    """The stories' level when the file opens with its one level-1 heading, else None."""
    top = [h for h in headings if h[1] == 1]
    if len(top) != 1 or headings[0][1] != 1:
        return None
    return _story_level(headings[1:], lines)


def _bundle_preface(heading: str, preface: list[str], has_list: bool) -> bool:
    """True if the top heading and the lines before the first story are a bundle's: the
    heading names a date or an issue, or a headline list stands there; and any other text
    there is a numbered list or a short line, not an article's lead."""
    listed = _numbered(preface)
    if not (date_in_heading(heading) or _ISSUE.search(heading) or has_list or listed):
        return False
    if listed:
        return True
    return not (sum(len(ln.strip()) for ln in preface) > MAX_PREFACE
                or any(re.search(r"[。！？!?]", ln) for ln in preface))


def _stories_at_level_1(lines: list[str], drop: set[int], story_lines: set[int]) -> str:
    """The text without the lines in ``drop``, each story heading made a level-1 heading."""
    out = []
    for i, ln in enumerate(lines):
        if i in drop:
            continue
        m = _HEADING.match(ln) if i in story_lines else None
        out.append("# " + m.group(2).strip() if m else ln)
    return "\n".join(out)


def _story_level(headings: list[_Heading], lines: list[str]) -> int | None:
    """The level of the stories below the top heading, or None if they do not look like stories."""
    counts = Counter(level for _, level, text in headings if not _headline_list(text))
    if not counts:
        return None
    level, n = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))
    stories = [(i, text) for i, lv, text in headings if lv == level and not _headline_list(text)]
    if n < MIN_STORIES or any(_ENUMERATED.match(text) for _, text in stories):
        return None
    ends = [i for i, _, _ in headings] + [len(lines)]
    for i, _ in stories:
        nxt = min(e for e in ends if e > i)
        if not any(ln.strip() for ln in lines[i + 1:nxt]):
            return None  # a heading with no text under it: an outline, not stories
    return level


def _headline_list(text: str) -> bool:
    return text.strip("【】[] ") in HEADLINE_LISTS


def _headline_list_lines(lists, headings, lines: list[str]) -> set[int]:
    """Line numbers of each headline list: its heading and what stands under it."""
    out: set[int] = set()
    starts = [i for i, _, _ in headings] + [len(lines)]
    for i, _, _ in lists:
        nxt = min(s for s in starts if s > i)
        out.update(range(i, nxt))
    return out


def _numbered(preface: list[str]) -> bool:
    """True if the lines before the first story are a numbered or bulleted list of at least
    two lines (a headline list without its own heading)."""
    items = [ln.strip() for ln in preface]
    return len(items) >= MIN_STORIES and all(re.match(r"^(?:\d+[、.．)）]|[-*+•·]\s)", s) for s in items)
