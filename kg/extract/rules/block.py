"""The blocking rule: spans that are none of the four classes and win every overlap."""

from __future__ import annotations

import re
from functools import cache

from kg.extract.context import Candidate, Context, finditer_from, starts_before
from kg.extract.rules.registry import rule
from kg.extract.rules.shared import Pool


@cache
def _re_blocked():
    return re.compile(
        r"(?:中国共产党|党的)?第?[一二三四五六七八九十]{1,3}(?:次全国代表大会|大|届[一二三四五六七八九十]{1,3}中全会)(?![学队会])"
        r"|中华民族伟大复兴的中国梦|中国梦|[\u4e00-\u9fff]{2,4}(?:意识|精神)(?![到形])"
        # awards and festivals that hold a group's word: 全国工人先锋号, 教师节, 护士节
        r"|(?:全国|省级|市级)?(?:工人先锋号|五一劳动奖状)|(?:教师|护士|记者|青年|妇女|劳动)节"
    )


@rule("block.not-entity", example="深入学习党的十九大精神。", expect=("Other", "党的十九大"), kind="block",
      description="events, slogans and concepts (党的十九大, 中国梦, 五种意识): they win overlaps and are never emitted")
def blocked_spans(ctx: Context, pool: Pool) -> list[Candidate]:
    """Events, slogans and concepts that are none of the four classes: 党的十九大, 中国梦,
    五种意识 (rule ``block.not-entity``); they win overlaps and are never emitted."""
    return [Candidate(m.start(), m.end(), "Other", m.group(), "block.not-entity")
            for m in finditer_from(_re_blocked(), ctx.text, _blocked_starts(ctx.text))]


#: Where each branch of ``_re_blocked`` is anchored, and how far before the anchor a match of
#: it can begin: the last numeral before 次/大/届 (up to 中国共产党第 and two more numerals
#: before it), 中国梦 (or 中华民族伟大复兴的 before it), 工人先锋号/五一劳动奖状 (or 全国/省级/市级
#: before it), the 节 of a festival, and 意识/精神 (two to four characters before them). One
#: literal per anchor: a literal is searched far faster than an alternation.
_BLOCKED_ANCHORS = (
    (re.compile(r"[一二三四五六七八九十](?=[次大届])"), range(9)),
    (re.compile("中国梦"), range(0, 10, 9)),
    (re.compile("工人先锋号"), range(0, 3, 2)),
    (re.compile("五一劳动奖状"), range(0, 3, 2)),
    (re.compile("节"), range(2, 3)),
    (re.compile("意识"), range(2, 5)),
    (re.compile("精神"), range(2, 5)),
)


def _blocked_starts(text: str) -> list[int]:
    """Where ``_re_blocked()`` can begin: before one of its anchors, as far as the branch reaches.

    >>> _blocked_starts("学习党的十九大精神")
    [0, 1, 2, 3, 4, 5]
    """
    return sorted({s for anchor, back in _BLOCKED_ANCHORS for s in starts_before(text, anchor, back)})
