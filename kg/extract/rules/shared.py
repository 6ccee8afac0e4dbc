"""What the rules of several kinds share: the inputs they see (``Pool`` of earlier
candidates for entity rules, ``Facts`` for relation rules), the vocabulary walk, the
kept mentions (``Found``) and their index by position (``Spans``), clause arithmetic.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from kg.extract import inventory as inv
from kg.extract.context import CLAUSE_PUNCT, Candidate, Context, is_cjk
from kg.extract.lexicon import Concept
from kg.model import EntityRef, Evidence, Paragraph, Relation


class Pool:
    """The candidates of the entity rules run so far, by rule id: what a later rule builds on
    (``org.parent-dept`` reads the organizations found before it)."""

    def __init__(self) -> None:
        self._by_rule: dict[str, list[Candidate]] = {}

    def add(self, rule_id: str, found: list[Candidate]) -> None:
        self._by_rule.setdefault(rule_id, []).extend(found)

    def of(self, *rule_ids: str) -> list[Candidate]:
        """The candidates of ``rule_ids``, rule by rule in the order given."""
        return [c for r in rule_ids for c in self._by_rule.get(r, ())]

    def everything(self) -> list[Candidate]:
        """Every candidate, rule by rule in the order the rules ran."""
        return [c for cands in self._by_rule.values() for c in cands]


#: The vocabulary rules, whose candidates later rules treat as known names.
VOCAB_RULES = ("org.vocab", "group.vocab", "measure.vocab", "measure.vocab-system", "measure.facility-building",
               "person.vocab")


def vocab_orgs(pool: Pool) -> list[Candidate]:
    """Whole organization names the vocabulary found (全国总工会)."""
    return [c for c in pool.of(*VOCAB_RULES) if c.cls == "Organization" and c.whole]


@dataclass(frozen=True)
class VocabHit:
    """A vocabulary name at [start, end); ``whole``: it stands as a word of its own."""

    start: int
    end: int
    name: str
    concepts: tuple[Concept, ...]
    whole: bool


#: Words that may follow a programme's name without being part of it: 金秋助学活动, 送温暖工作.
_PROGRAMME_TAILS = ("活动", "行动", "工作")


def after_programme_tail(text: str, pos: int) -> int:
    """``pos`` moved past a 活动/行动/工作 that follows a programme's name there.

    >>> after_programme_tail("送温暖活动，", 3)
    5
    """
    return pos + next((len(t) for t in _PROGRAMME_TAILS if text.startswith(t, pos)), 0)


def vocab_hits(ctx: Context) -> list[VocabHit]:
    """Every vocabulary label or alias in the text, found once per article: 全总, 农民工群体.

    Short names (one or two characters: 党, 工会, 职工) count only on jieba word
    boundaries, so 党 is not found in 党员 nor 工会 in 总工会; but 劳模 in 劳模疗休养 may
    still head a measure's name. Places are context, not entities (no concepts)."""
    return ctx.once("vocab_hits", lambda: list(_vocab_hits(ctx)))


def _vocab_hits(ctx: Context) -> Iterator[VocabHit]:
    concepts_by_name = ctx.comp.concepts_by_name
    for start, end, name in ctx.name_hits():
        concepts = concepts_by_name.get(name, ())
        if not concepts:
            continue
        if len(name) <= 2:
            whole = ctx.aligned(start, end)
            if not whole and not all(c.cls == "WorkerGroup" for c in concepts):
                continue
        else:
            whole = _edge_ok(ctx, start, end)
        yield VocabHit(start, end, name, concepts, whole)


def vocabulary_matches(ctx: Context, cls: str, rule_id: str) -> list[Candidate]:
    """The vocabulary names of class ``cls``; an alias several concepts share gets the label
    "?" + alias and is resolved later by context (``_resolve_ambiguous`` in the pipeline)."""
    return [Candidate(h.start, h.end, c.cls, c.label if len(h.concepts) == 1 else "?" + h.name, rule_id,
                      vocab=True, whole=h.whole)
            for h, c in _hits_by_class(ctx).get(cls, ())]


def _hits_by_class(ctx: Context) -> dict[str, list[tuple[VocabHit, Concept]]]:
    """Each vocabulary hit with each of its concepts, by the concept's class, in text order;
    not the 工会 of 工会工作 (``union_work``). Sorted out once per article for the four
    vocabulary rules."""
    def by_class() -> dict[str, list[tuple[VocabHit, Concept]]]:
        text = ctx.text
        out: dict[str, list[tuple[VocabHit, Concept]]] = {}
        for h in vocab_hits(ctx):
            for c in h.concepts:
                if not union_work(text, h.end, h.name):
                    out.setdefault(c.cls, []).append((h, c))
        return out

    return ctx.once("vocab_hits_by_class", by_class)


@cache
def known_places() -> frozenset[str]:
    """Every province and city name the tables list, full and short (江苏省, 江苏, 南京市, 南京)."""
    return frozenset({f for f, _ in inv.PROVINCES} | {s for _, s in inv.PROVINCES} | {c + "市" for c in inv.CITIES}
                     | set(inv.CITIES))


def union_work(text: str, end: int, name: str) -> bool:
    """``name`` ending at ``end`` is the 工会 of 工会工作 (the unions' work), not a union:
    新就业形态劳动者工会工作三年行动计划; 工会工作委员会 and 工会工作者 are not that.

    >>> union_work("新就业形态劳动者工会工作", 10, "新就业形态劳动者工会"), union_work("工会工作者", 2, "工会")
    (True, False)
    """
    return name.endswith("工会") and text.startswith("工作", end) and not text.startswith(("工作委员会", "工作者"), end)


@dataclass(frozen=True)
class Facts:
    """What every relation rule sees besides the Context: the kept mentions, every
    candidate before the overlap policy, the byline authors, the author note, the body
    paragraphs and the relations the rules before it found."""

    found: list[Found]
    candidates: list[Candidate]
    authors: tuple[EntityRef, ...] = ()
    note: Paragraph | None = None
    paragraphs: tuple[tuple[int, int], ...] = ()
    earlier: tuple[Relation, ...] = ()


_PUNCT = "，,；;：:。！？!?、（）()“”‘’\"'《》〈〉「」『』【】 \u3000\n"


#: jieba tags of the words a name may run over.
_NOMINAL = ("n", "nz", "nt", "ns", "nr", "j", "b", "a", "vn", "l", "x", "an", "m")
#: Words that open a kind, not a name: 不同群体, 该公司.
_NOT_GROUP_LEADS = ("不同", "各类", "各个", "各种", "这些", "这个", "该", "此类", "某些", "一些", "部分", "其他", "相关", "所有")


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _edge_ok(ctx: Context, start: int, end: int) -> bool:
    """A long vocabulary name counts where jieba (which knows every vocabulary name)
    cuts words at both its ends: 安全生产监督管理部门 does not name 安全生产监督."""
    text = ctx.text
    start_ok = start == 0 or not is_cjk(text[start - 1])
    end_ok = end >= len(text) or not is_cjk(text[end])
    if start_ok and end_ok:
        return True
    return (start_ok or ctx.is_boundary(start)) and (end_ok or ctx.is_boundary(end))
@dataclass(frozen=True)
class Found:
    """A kept mention: its candidate and the entity it stands for."""

    cand: Candidate
    ref: EntityRef

    @property
    def start(self) -> int:
        return self.cand.start

    @property
    def end(self) -> int:
        return self.cand.end


def _evidence(ctx: Context, start: int, end: int, rule: str) -> Evidence | None:
    sent = ctx.sentence_of(start, end)
    if sent is None:
        return None
    return Evidence(start, end, sent[0], sent[1], rule)


def _rel(ctx, pred, subj, obj, start, end, rule, role=None) -> list[Relation]:
    ev = _evidence(ctx, start, end, rule)
    if ev is None or subj == obj:
        return []
    return [Relation(pred, subj, obj, ev, role)]


def _by_cls(found: list[Found], cls: str) -> list[Found]:
    return [f for f in found if f.ref.cls == cls]


#: The farthest (in characters) a rule looks from its trigger for the other end of a
#: relation, and the longest run of joined names it follows. Real clauses and lists are far
#: shorter; the bounds keep every rule linear in the mentions of a sentence, so that no
#: input (a paragraph of one word repeated 10,000 times) makes extraction quadratic.
_REACH = 300
_MAX_CHAIN = 30


def _span(f: Found) -> tuple[int, int]:
    return f.cand.start, f.cand.end


class Spans:
    """Mentions sorted by start, queried by position (bisect), never by scanning them all.

    >>> from kg.extract.context import Candidate
    >>> f = [Found(Candidate(s, s + 3, "WorkerGroup", "农民工", "group.vocab"), EntityRef("WorkerGroup", "农民工"))
    ...      for s in (0, 4, 8)]
    >>> [x.start for x in Spans(f).within(2, 11)], Spans(f).first_in(1, 5).start
    ([4, 8], 4)
    """

    def __init__(self, found: list[Found]) -> None:
        self.items = sorted(found, key=_span)
        self.starts = [f.cand.start for f in self.items]
        self.by_start: dict[int, Found] = {}
        self.by_end: dict[int, Found] = {}
        by_start, by_end = self.by_start, self.by_end
        for f in self.items:
            c = f.cand
            if c.start not in by_start:
                by_start[c.start] = f
            by_end[c.end] = f

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self):
        return iter(self.items)

    def within(self, lo: int, hi: int) -> list[Found]:
        """The mentions inside [lo, hi), in text order."""
        i, j = bisect_left(self.starts, lo), bisect_left(self.starts, hi)
        return [f for f in self.items[i:j] if f.end <= hi]

    def starting(self, lo: int, hi: int) -> list[Found]:
        """The mentions starting in [lo, hi), in text order."""
        return self.items[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def first_in(self, lo: int, hi: int) -> Found | None:
        """The first mention starting in [lo, hi]."""
        i = bisect_left(self.starts, lo)
        return self.items[i] if i < len(self.items) and self.items[i].start <= hi else None


# ---------------------------------------------------------------- skos:broader

_ENUM_SEPS = ("、", "和", "及", "以及", "与", "或")
_ENUM_ENDS = ("等为代表的", "等在内的", "等等", "等", "为代表的", "在内的")
# ---------------------------------------------------------------- gh:targets

def _is_agent(ref: EntityRef) -> bool:
    """The union's own people (工会干部, 工会工作者) carry measures out; they are not aimed at."""
    return ref.label.startswith("工会") or ref.label in ("职工代表",)


@cache
def _re_aim():
    words = "|".join(re.escape(w) for w in sorted(inv.AIM_WORDS, key=len, reverse=True))
    # 为保障一线职工的…, 为切实服务好青年职工: a purpose clause aims like 为
    return re.compile(rf"为了?(?:切实|进一步|更好地?)?(?:{'|'.join(inv.PURPOSE_VERBS)})|{words}")


_AIM_CLAUSE_TAILS = ("", "群体", "子女", "家庭", "而言", "来说", "等群体", "群体而言", "群体来说")
_FILLER = re.compile(r"^(?:[^，,；;：:。！？!?]{0,10}的|[^，,；;：:。！？!?]{1,12}(?:、|和|及|与)"
                     # 针对44户企业的775名建档特困职工: a count of the people, then how they are listed
                     r"|(?:[^，,；;：:。！？!?]{0,8}的|[该本全][市区县省])?(?:不少于|不低于|超过|近|约)?"
                     r"[0-9一二三四五六七八九十百千万余多]+(?:名|位|户|个|万|批)(?:建档|在岗|在职|一线)?"
                     r"|(?:全市|全省|全区|全县|全国|本地|辖区内?|[我本][市省区县]|周边|身边)?(?:部分|广大|全体|更多|各类|所有|各行业|各行各业)?)$")


#: What may follow a measure up to the clause end for a clause opening with 为 to aim it:
#: 开展“送清凉”活动，为…; 建立“暖蜂驿站”1500余个，为…; 举行“…”活动启动仪式，为…;
#: 以“…”竞赛体系为抓手，为….
_TAIL = re.compile(r"(?:[、和及与][\u4e00-\u9fff]{1,8}?)?等?"  # 送清凉、送文化等活动: one unlisted item
                   # “…”爱心凉茶铺活动: a named kind of the campaign before its 活动
                   r"(?:的?(?:[\u4e00-\u9fff]{2,6}?活动|活动|工作|服务|项目|行动))?(?:启动仪式|启动会|仪式|为(?:抓手|载体|依托|契机))?"
                   r"[0-9０-９一二三四五六七八九十百千万余多个家处座所场次]*")


def _clause_start(text: str, pos: int) -> int:
    """Start of the clause ending at ``pos``, looking back at most ``_REACH`` characters."""
    if pos <= 0:
        return 0
    lo = max(0, pos - _REACH)
    starts = [text.rfind(p, lo, pos) for p in CLAUSE_PUNCT]
    return max(max(starts) + 1, lo)


def _group_chain(text: str, first: Found, groups: Spans) -> list[Found]:
    """The groups joined to ``first`` by 、/和/等/为代表的: 环卫工人、建筑工人等户外劳动者
    (at most ``_MAX_CHAIN`` of them)."""
    by_start = groups.by_start
    chain = [first]
    while len(chain) < _MAX_CHAIN:
        cur = chain[-1]
        nxt = None
        for sep in _ENUM_SEPS + _ENUM_ENDS + ("群体和", "群体、"):
            if text.startswith(sep, cur.end) and cur.end + len(sep) in by_start:
                nxt = by_start[cur.end + len(sep)]
                break
        if nxt is None or nxt in chain:
            return chain
        chain.append(nxt)
    return chain


def _clause_end(text: str, pos: int) -> int:
    """End of the clause starting at ``pos``, looking ahead at most ``_REACH`` characters."""
    hi = min(len(text), pos + _REACH)
    ends = [i for i in (text.find(p, pos, hi) for p in CLAUSE_PUNCT) if i >= 0]
    return min(ends) if ends else hi

