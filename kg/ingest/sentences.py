"""Split a paragraph into sentences.

A sentence ends after 。！？!? or an ellipsis (……, ...), together with the closing
quotes and brackets that follow it (``“……。”`` stays one sentence). The semicolon
(；;) does not end a sentence: in Chinese it joins parallel clauses that share a
subject or a topic ("精准识别,…;精准施策,…;精准退出,…"), and a rule that relates two
of them needs to see both. Half-width marks count like full-width ones.

>>> split_sentences("要坚持。他说:“好!”然后;再做?最后")
[(0, 4), (4, 11), (11, 17), (17, 19)]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

_END = re.compile(r"(?:[。！？!?]+|…+|\.{3,})[”’\"'」』）)】》〉]*")
_SPACE = re.compile(r"\s")


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text`` (plus ``offset``), trimmed of
    white space; together they cover all non-white-space characters."""
    if not _SPACE.search(text):  # the common case: nothing to trim, no piece empty
        return _untrimmed(text, offset)
    out = []
    start = 0
    for end in [m.end() for m in _END.finditer(text)] + [len(text)]:
        piece = text[start:end]  # trimmed as str.strip trims: what \s matches in a str pattern
        s, e = start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())
        if s < e:
            out.append((s + offset, e + offset))
        start = end
    return out


def paragraph_sentences(text: str, paragraphs: Sequence[tuple[int, int, bool]]) -> list[list[tuple[int, int]]]:
    """The sentences of each paragraph ``(start, end, split)`` of ``text``: those with
    ``split`` as :func:`split_sentences` gives them, the others whole. Paragraphs hold no
    newline and are in order. The sentence ends are found in one pass over ``text`` (an
    end never runs over a newline, so each paragraph sees the ends it would see alone).

    >>> paragraph_sentences("标题\\n甲。乙\\n丙！ 丁", [(0, 2, False), (3, 6, True), (7, 11, True)])
    [[(0, 2)], [(3, 5), (5, 6)], [(7, 9), (10, 11)]]
    """
    ends = [m.end() for m in _END.finditer(text)]
    out = []
    for start, end, split in paragraphs:
        if not split:
            out.append([(start, end)])
        elif _SPACE.search(text, start, end):
            out.append(split_sentences(text[start:end], start))
        else:  # as _untrimmed, with the ends of this paragraph
            inside = ends[bisect_right(ends, start):bisect_right(ends, end)]
            if end > (inside[-1] if inside else start):
                inside.append(end)
            out.append(list(zip([start, *inside[:-1]], inside)))
    return out


def _untrimmed(text: str, offset: int) -> list[tuple[int, int]]:
    """``split_sentences`` of a text without white space: every piece between two sentence
    ends is a sentence (an end is never empty), and so is the rest after the last one."""
    ends = [m.end() + offset for m in _END.finditer(text)]
    if len(text) + offset > (ends[-1] if ends else offset):
        ends.append(len(text) + offset)
    return list(zip([offset, *ends[:-1]], ends))
