"""Traditional -> simplified Chinese, one character for one character.

The vocabularies and patterns are written in simplified Chinese; articles from Taiwan,
Hong Kong or older archives are in traditional characters. The extractors match on a
simplified *view* of the text while the graph keeps the text as written, so the view
must have exactly the same length: every offset found in it is an offset into the
original. OpenCC's phrase tables can change the length (and its pure-Python converter
reads about 150 000 characters a second), so this module uses only OpenCC's character
table (``TSCharacters.txt`` of opencc-python-reimplemented), first candidate, as one
``str.translate`` table, which is length-preserving by construction.

>>> to_simplified("中華全國總工會關於農民工權益的決定")
'中华全国总工会关于农民工权益的决定'
>>> to_simplified("工会") == "工会"   # simplified text passes unchanged
True
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


def _table_file() -> Path:
    import opencc  # opencc-python-reimplemented: we only read its data file

    return Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"


@cache
def t2s_table() -> dict[int, str]:
    """``str.translate`` table: code point of a traditional character -> its simplified form.

    Built on first use from OpenCC's character table; a mapping whose target is not a
    single character is left out (none is, but the length guarantee rests on it).
    """
    table: dict[int, str] = {}
    for line in _table_file().read_text(encoding="utf-8").splitlines():
        src, _, targets = line.partition("\t")
        if len(src) != 1 or not targets:
            continue
        first = targets.split(" ")[0]
        if len(first) == 1 and first != src:
            table[ord(src)] = first
    return table


def to_simplified(text: str) -> str:
    """``text`` with traditional characters replaced by simplified ones; same length.

    >>> s = "勞動者與職工們"
    >>> len(to_simplified(s)) == len(s)
    True
    """
    return text.translate(t2s_table())
