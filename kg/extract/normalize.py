"""Canonical labels: one entity per real thing, whatever words the text used.

>>> from kg.extract.lexicon import load_lexicon
>>> lex = load_lexicon()
>>> group_label("农民工群体", lex), group_label("广大职工", lex), group_label("灵活就业群体", lex)
('农民工', '职工', '灵活就业人员')
>>> measure_label("大规模技术技能培训", lex), measure_label("“求学圆梦行动”", lex)
('技术技能培训', '求学圆梦行动')
>>> org_label("江苏", "总工会"), org_label("江苏省", "人民代表大会常务委员会")
('江苏省总工会', '江苏省人大常委会')
"""

from __future__ import annotations

from collections.abc import Mapping

from kg.extract import inventory as inv
from kg.extract.context import strip_marks
from kg.model import ENTITY_CLASSES

_GROUP_PREFIXES = ("广大", "全体", "各类", "各级", "全国", "全省", "全市", "众多", "更多", "我国", "中国")
_GROUP_SUFFIXES = ("群体", "队伍", "朋友们", "朋友", "们")
_PERSON_SUFFIXES = ("员", "者", "手", "师", "人员", "司机", "人才")


def _vocab_label(name: str, lexicon, cls: str) -> str | None:
    c = lexicon.concept(name) if lexicon is not None else None
    return c.label if c is not None and c.cls == cls else None


def group_label(surface: str, lexicon=None) -> str:
    """广大农民工群体 -> 农民工: drop marks, quantity prefixes, 群体/队伍 after a group."""
    name = strip_marks(surface)
    found = _vocab_label(name, lexicon, "WorkerGroup")
    if found:
        return found
    for p in _GROUP_PREFIXES:
        if name.startswith(p) and len(name) - len(p) >= 2:
            return group_label(name[len(p):], lexicon)
    for s in _GROUP_SUFFIXES:
        if name.endswith(s) and len(name) - len(s) >= 2:
            rest = name[: -len(s)]
            if _vocab_label(rest, lexicon, "WorkerGroup") or rest.endswith(inv.GROUP_HEADS + _PERSON_SUFFIXES):
                return group_label(rest, lexicon)
    return name


def measure_label(surface: str, lexicon=None) -> str:
    """大规模技术技能培训 -> 技术技能培训; 集体协商工作 -> 集体协商; marks dropped."""
    name = strip_marks(surface)
    found = _vocab_label(name, lexicon, "Measure")
    if found:
        return found
    changed = True
    while changed:
        changed = False
        if name.startswith(_PREFIX_NOISE):  # the tuple test first: most names have no such prefix
            for p in _PREFIX_NOISE:
                if name.startswith(p) and len(name) - len(p) >= 3 and not (len(p) == 1 and _is_word(name[:2], lexicon)):
                    name, changed = name[len(p):], True
                    break
        if name.endswith(_SUFFIX_NOISE):
            for s in _SUFFIX_NOISE:
                if name.endswith(s) and len(name) - len(s) >= 3 and _vocab_label(name[: -len(s)], lexicon, "Measure"):
                    name, changed = name[: -len(s)], True
    return _vocab_label(name, lexicon, "Measure") or name


#: What ``measure_label`` strips, longest prefix first (sorted once, not per name).
_PREFIX_NOISE = tuple(sorted(inv.MEASURE_PREFIX_NOISE, key=len, reverse=True))
_SUFFIX_NOISE = tuple(inv.MEASURE_SUFFIX_NOISE)


def _is_word(chars: str, lexicon) -> bool:
    """jieba's dictionary has ``chars`` as a word: the 出 of 出版 is not a verb's
    complement (推出) to strip."""
    if lexicon is None:
        return False
    from kg.extract.lexicon import compiled

    return compiled(lexicon).tokenizer.FREQ.get(chars, 0) > 0


_ORGAN_SHORT = {
    "人民代表大会常务委员会": "人大常委会",
    "人力资源和社会保障厅": "人力资源和社会保障厅",
}


def org_label(place: str, head: str) -> str:
    """The canonical name of a place's organization: full place name, short organ name."""
    full = {short: full for full, short in inv.PROVINCES}.get(place, place)
    if full == place and place in inv.CITIES:
        full = place + "市"
    return full + _ORGAN_SHORT.get(head, head)


def one_class(counts: Mapping[str, int], known: str | None = None) -> str:
    """The one class a label found with several keeps: the class a vocabulary gives it
    (``known``), else the one it was found as most often, ties going to the first of
    ``ENTITY_CLASSES``. Used per article (``kg.extract.pipeline``) and across the corpus
    (``kg.rdf.graph``).

    >>> one_class({"Measure": 2, "Organization": 1}), one_class({"Measure": 1, "Organization": 1})
    ('Measure', 'Organization')
    >>> one_class({"Measure": 2, "Organization": 1}, known="Organization")
    'Organization'
    """
    if known is not None:
        return known
    return min(counts, key=lambda c: (-counts[c], ENTITY_CLASSES.index(c) if c in ENTITY_CLASSES else len(ENTITY_CLASSES), c))
