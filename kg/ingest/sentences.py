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


def _untrimmed(text: str, offset: int) -> list[tuple[int, int]]:
    """``split_sentences`` of a text without white space: every piece between two sentence
    ends is a sentence (an end is never empty), and so is the rest after the last one."""
    ends = [m.end() + offset for m in _END.finditer(text)]
    if len(text) + offset > (ends[-1] if ends else offset):
        ends.append(len(text) + offset)
    return list(zip([offset, *ends[:-1]], ends))
