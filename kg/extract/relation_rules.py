"""Relation rules: targets, broader and memberships, each under a stable rule id.

They work on the entity mentions the overlap policy kept (``Found``), so a relation
always joins two entities the article names. A rule decides; co-occurrence alone
never makes a relation.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from kg.extract import inventory as inv
from kg.extract.context import CLAUSE_PUNCT, Candidate, Context, strip_marks
from kg.extract.people import posts_before, role_between
from kg.model import EntityRef, Evidence, Relation


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


class Spans:
    """Mentions sorted by start, queried by position (bisect), never by scanning them all.

    >>> from kg.extract.context import Candidate
    >>> f = [Found(Candidate(s, s + 3, "WorkerGroup", "农民工", "group.vocab"), EntityRef("WorkerGroup", "农民工"))
    ...      for s in (0, 4, 8)]
    >>> [x.start for x in Spans(f).within(2, 11)], Spans(f).first_in(1, 5).start
    ([4, 8], 4)
    """

    def __init__(self, found: list[Found]) -> None:
        self.items = sorted(found, key=lambda f: (f.start, f.end))
        self.starts = [f.start for f in self.items]
        self.by_start: dict[int, Found] = {}
        self.by_end: dict[int, Found] = {}
        for f in self.items:
            self.by_start.setdefault(f.start, f)
            self.by_end[f.end] = f

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
_ENUM_ENDS = ("等等", "等", "为代表的", "在内的")


def broader_enumerations(ctx: Context, found: list[Found]) -> list[Relation]:
    """Members of an enumeration ending in a group noun are narrower than it
    (rule ``broader.enum-head``): 快递员、送餐员、卡车司机等灵活就业群体和平台就业群体."""
    text = ctx.text
    groups = _by_cls(found, "WorkerGroup")
    by_end = {g.end: g for g in groups}
    by_start = {g.start: g for g in groups}
    out = []
    for head in groups:
        end_word = next((w for w in _ENUM_ENDS if text.endswith(w, 0, head.start)), None)
        if end_word is None:
            continue
        members: list[Found] = []
        pos = head.start - len(end_word)
        while pos in by_end and len(members) < _MAX_CHAIN:
            m = by_end[pos]
            members.insert(0, m)
            sep = next((s for s in _ENUM_SEPS if text.endswith(s, 0, m.start)), None)
            if sep is None:
                break
            pos = m.start - len(sep)
        if not members:
            continue
        heads = [head]
        for sep in _ENUM_SEPS:  # …等灵活就业群体和平台就业群体: both are broader
            nxt = by_start.get(head.end + len(sep))
            if text.startswith(sep, head.end) and nxt is not None:
                heads.append(nxt)
                break
        for h in heads:
            for m in members:
                out += _rel(ctx, "broader", m.ref, h.ref, members[0].start, h.end, "broader.enum-head")
    return out


_INCLUDES = ("包括", "例如", "比如", "特别是", "尤其是", "主要是", "如")


def broader_inclusions(ctx: Context, found: list[Found]) -> list[Relation]:
    """A group, then 包括/特别是 and a list of groups: each is narrower (rule
    ``broader.includes``): 新就业形态劳动者包括快递员、外卖骑手、网约车司机等."""
    text = ctx.text
    groups = Spans(_by_cls(found, "WorkerGroup"))
    by_start = groups.by_start
    out = []
    for head in groups:
        pos = head.end + (2 if text.startswith("群体", head.end) else 0)
        pos += 1 if text[pos:pos + 1] in "，,：:" else 0
        word = next((w for w in _INCLUDES if text.startswith(w, pos)), None)
        if word is None or pos + len(word) not in by_start:
            continue
        members = _group_chain(text, by_start[pos + len(word)], groups)
        for m in members:
            if m.ref != head.ref:
                out += _rel(ctx, "broader", m.ref, head.ref, head.start, members[-1].end, "broader.includes")
    return out


@cache
def _re_modifiers():
    mods = "|".join(re.escape(m) for m in sorted(inv.GROUP_MODIFIERS, key=len, reverse=True))
    return re.compile(rf"(?:{mods}){{1,3}}")


def broader_modifiers(ctx: Context, found: list[Found]) -> list[Relation]:
    """A group named by modifiers before another named group is narrower than it
    (rule ``broader.modifier-head``): 城镇困难职工 -> 困难职工, 一线职工 -> 职工."""
    groups = _by_cls(found, "WorkerGroup")
    labels = {g.ref.label: g.ref for g in groups}
    out = []
    for g in groups:
        label = g.ref.label
        # the longest other label this one ends with: look its suffixes up, not every label
        best = next((label[i:] for i in range(1, len(label))
                     if label[i:] in labels and _re_modifiers().fullmatch(label[:i])), None)
        if best is not None:
            out += _rel(ctx, "broader", g.ref, labels[best], g.start, g.end, "broader.modifier-head")
    return out


_SCOPE = re.compile(r"(?:具体|主要)?(?:范围|对象|人员|群体)?包括[：:]")
_ITEM = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")


def broader_scope_list(ctx: Context, found: list[Found]) -> list[Relation]:
    """A group, then 范围包括： and numbered items naming groups: each item's group is narrower
    (rule ``broader.scope-list``): 就业困难人员…具体范围包括：（一）属于零就业家庭成员的；
    （二）城镇残疾人…. The head is the last group before the list (at most ``_REACH`` back)."""
    text = ctx.text
    groups = Spans(_by_cls(found, "WorkerGroup"))
    out = []
    for m in _SCOPE.finditer(text):
        before = groups.within(max(0, m.start() - _REACH), m.start())
        if not before:
            continue
        head = before[-1]
        pos, items = m.end(), 0
        while items < _MAX_CHAIN:
            item = _ITEM.match(text, pos + (1 if text[pos:pos + 1] == "\n" else 0))
            if item is None:
                break
            end = _clause_end(text, item.end())
            while end < len(text) and text[end] in "，,":  # an item runs to its ；/。
                end = _clause_end(text, end + 1)
            member = groups.first_in(item.end(), end - 1)
            if member is not None and member.end <= end:
                out += _rel(ctx, "broader", member.ref, head.ref, member.start, member.end, "broader.scope-list")
            pos, items = end + 1, items + 1
    return out


def broader_part_of(ctx: Context, found: list[Found]) -> list[Relation]:
    """X是Y的…组成部分/主体力量: X is narrower than Y (rule ``broader.part-of``):
    农民工是产业工人的重要组成部分, 产业工人是工人阶级的主体力量."""
    text = ctx.text
    groups = _by_cls(found, "WorkerGroup")
    by_start = {g.start: g for g in groups}
    out = []
    for g in groups:
        pos = g.end + (2 if text.startswith("群体", g.end) else 0)
        if not text.startswith("是", pos) or pos + 1 not in by_start:
            continue
        big = by_start[pos + 1]
        m = re.match(r"(?:群体|队伍)?的[^，,。；;]{0,8}?(?:组成部分|一部分|主体力量|主体|中坚力量|骨干力量|生力军|新生力量|力量|成员|一员)",
                     text[big.end:big.end + 16])
        if m:
            out += _rel(ctx, "broader", g.ref, big.ref, g.start, big.end + m.end(), "broader.part-of")
    return out


def broader_vocabulary(ctx: Context, found: list[Found], lexicon) -> list[Relation]:
    """A vocabulary's skos:broader between two groups the article names
    (rule ``broader.vocab``): 农民工 -> 职工 when both are named."""
    groups = _by_cls(found, "WorkerGroup")
    labels = {g.ref.label: g.ref for g in groups}
    out = []
    for g in groups:
        c = lexicon.concept(g.ref.label)
        if c is None or c.cls != "WorkerGroup":
            continue
        for b in c.broader:
            if b in labels:
                out += _rel(ctx, "broader", g.ref, labels[b], g.start, g.end, "broader.vocab")
    return out


# ---------------------------------------------------------------- gh:targets

def _is_agent(ref: EntityRef) -> bool:
    """The union's own people (工会干部, 工会工作者) carry measures out; they are not aimed at."""
    return ref.label.startswith("工会") or ref.label in ("职工代表",)


def targets_in_titles(ctx: Context, found: list[Found]) -> list[Relation]:
    """A policy document whose title names a group is about that group (rule
    ``targets.in-title``): 《关于解决拖欠农民工工资问题的通知》 -> 农民工."""
    groups = Spans(_by_cls(found, "WorkerGroup"))
    out = []
    for x in _by_cls(found, "Measure"):
        if x.cand.rule != "measure.titled-doc" or not x.ref.label.startswith("关于"):
            continue  # 关于…的通知: a notice about something; 职工 alone says nothing of whom
        for g in groups.within(x.start, x.end):
            if not _is_agent(g.ref) and g.ref.label != "职工":
                out += _rel(ctx, "targets", x.ref, g.ref, x.start, x.end, "targets.in-title")
    return out


def targets_compounds(ctx: Context, found: list[Found], candidates: list[Candidate]) -> list[Relation]:
    """A group right before (or heading) a measure's name is what it aims at
    (rule ``targets.compound``): 农民工“求学圆梦行动”, 困难职工帮扶攻坚行动."""
    text = ctx.text
    groups = _by_cls(found, "WorkerGroup")
    by_end = {g.end: g for g in groups}
    inner: dict[int, list[Candidate]] = {}
    for c in candidates:
        if c.cls == "WorkerGroup":
            inner.setdefault(c.start, []).append(c)
    out = []
    for m in _by_cls(found, "Measure"):
        g = by_end.get(m.start) or (by_end.get(m.start - 1) if text[m.start - 1:m.start] in "“\"「『‘" else None)
        if g is not None and not _is_agent(g.ref):
            out += _rel(ctx, "targets", m.ref, g.ref, g.start, m.end, "targets.compound")
            continue
        first = m.start + (1 if text[m.start:m.start + 1] in "“《\"「『‘" else 0)
        if text.startswith(("全国", "全省", "全市", "全区", "全县"), first):  # 全国海员技能大赛
            first += 2
        # a group glued to the next word (职工工资…) heads the name only in a known measure (劳模疗休养)
        heads = [c for c in inner.get(first, ()) if c.end < m.end - 1 and (c.whole or m.cand.vocab)]
        while heads:
            best = max(heads, key=lambda c: (c.length, c.vocab))
            ref = EntityRef("WorkerGroup", best.label)
            if not _is_agent(ref) and any(f.ref == ref for f in groups):
                out += _rel(ctx, "targets", m.ref, ref, m.start, m.end, "targets.compound")
            # 高技能人才与专业技术人才…机制: a coordinated group heads it too
            nxt = best.end + 1 if text[best.end:best.end + 1] in "和与及、" else -1
            heads = [c for c in inner.get(nxt, ()) if c.end < m.end - 1 and (c.whole or m.cand.vocab)]
    return out


@cache
def _re_aim():
    words = "|".join(re.escape(w) for w in sorted(inv.AIM_WORDS, key=len, reverse=True))
    return re.compile(words)


_AIM_CLAUSE_TAILS = ("", "群体", "子女", "家庭", "而言", "来说", "等群体", "群体而言", "群体来说")
_FILLER = re.compile(r"^(?:[^，,；;：:。！？!?]{0,10}的|[^，,；;：:。！？!?]{1,12}(?:、|和|及|与)"
                     # 针对44户企业的775名建档特困职工: a count of the people, then how they are listed
                     r"|(?:[^，,；;：:。！？!?]{0,8}的)?[0-9一二三四五六七八九十百千万余多]+(?:名|位|户|个|万)(?:建档|在岗|在职|一线)?"
                     r"|(?:全市|全省|全区|全县|全国|本地|辖区内?)?(?:广大|全体|更多|各类|所有)?)$")


def targets_aim_words(ctx: Context, found: list[Found]) -> list[Relation]:
    """An aiming word before a group, then a measure in the same clause, in the next one
    (after 针对/面向/聚焦/对于, or when the aim opens its clause), or in the clause before
    one that opens with 为 (rule ``targets.aim-word``): 针对货车司机群体开展“司机之家”建设,
    为符合条件的城镇困难职工建档立卡, 开展“送清凉”活动，为一线职工送去防暑物品."""
    text = ctx.text
    groups = Spans(_by_cls(found, "WorkerGroup"))
    measures = Spans(_by_cls(found, "Measure"))
    if not groups or not measures:
        return []
    out = []
    for m in _re_aim().finditer(text):
        if not ctx.aligned(m.start(), m.end()):
            continue
        g = groups.first_in(m.end(), m.end() + 14)
        if g is None or not _FILLER.match(text[m.end():g.start]) or _is_agent(g.ref):
            continue
        chain = _group_chain(text, g, groups)
        last = chain[-1]
        clause_end = _clause_end(text, last.end)
        aimed = measures.within(last.end, clause_end)
        if m.group() == "对" and text[last.end:clause_end] not in _AIM_CLAUSE_TAILS:
            continue  # 对 aims only as 对G，…: elsewhere it is just a preposition
        lead = m.start() - (1 if text.endswith("为", 0, m.start()) else 0)  # 为帮助…
        sent = ctx.sentence_of(lead, m.end())
        clause_initial = lead == 0 or text[lead - 1] in CLAUSE_PUNCT or (sent is not None and lead == sent[0])
        if not aimed and (m.group() in inv.AIM_WORDS_NEXT_CLAUSE or clause_initial
                          or text[last.end:clause_end] in _AIM_CLAUSE_TAILS):
            # 针对货车司机群体，开展…; 对于困难职工子女，要…: the measure follows in the next clause
            nxt = _clause_end(text, clause_end + 1)
            aimed = measures.within(clause_end + 1, nxt)
        if m.start() > 0 and text[m.start() - 1] in CLAUSE_PUNCT:
            # 开展“送清凉”活动，为一线职工送去…: a clause opening with the aim word says whom the
            # programme of the clause before is for, besides what its own clause names
            prev = _clause_start(text, m.start() - 1)
            aimed += [x for x in measures.within(prev, m.start() - 1) if x not in aimed
                      and _TAIL.fullmatch(text[x.end:m.start() - 1].strip("”\"」』"))]
        for x in aimed:
            s, e = min(m.start(), x.start), max(last.end, x.end)
            for t in chain:
                out += _rel(ctx, "targets", x.ref, t.ref, s, e, "targets.aim-word")
    return out


#: 该行动, 这一计划, 此项服务: a phrase that refers back to a programme by its head noun.
_ANAPHOR_HEADS = ("行动", "活动", "计划", "项目", "工程", "服务", "平台", "机制", "制度", "举措", "措施", "品牌", "工作")
_ANAPHOR = re.compile(rf"(?:该|这一|这项|这个|此项|此)({'|'.join(_ANAPHOR_HEADS)})(?:主要|重点|还|将|则|均|也)?$")
#: 行动将重点面向…: a programme's head noun alone opening a sentence, then at most two adverbs
_BARE_ANAPHOR = re.compile(rf"({'|'.join(h for h in _ANAPHOR_HEADS if h != '工作')})(?:主要|重点|还|将|则|均|也|同时){{0,2}}")


def targets_anaphor(ctx: Context, found: list[Found]) -> list[Relation]:
    """A programme named before, then 该行动/这一计划 and an aiming word before groups:
    the groups are what that programme aims at (rule ``targets.anaphor``):
    推出“暖蜂行动”。…该行动面向外卖骑手、快递员等新就业形态劳动者. The antecedent is the
    nearest measure before the phrase whose name ends with the same head noun."""
    text = ctx.text
    groups = Spans(_by_cls(found, "WorkerGroup"))
    by_head: dict[str, list[Found]] = {}  # measures by head noun, in text order
    for x in Spans(_by_cls(found, "Measure")):
        label = strip_marks(x.ref.label)
        for head in _ANAPHOR_HEADS:
            if label.endswith(head):
                by_head.setdefault(head, []).append(x)
    ends = {head: [x.end for x in xs] for head, xs in by_head.items()}
    out = []
    for m in _re_aim().finditer(text):
        if not ctx.aligned(m.start(), m.end()):
            continue
        sent = ctx.sentence_of(m.start(), m.end())
        if sent is None:
            continue
        ana = _ANAPHOR.search(text, max(sent[0], m.start() - 8), m.start())  # 6 characters at most
        rule = "targets.anaphor"
        if ana is None:  # 行动将重点面向…: the bare head noun opening the sentence
            lead = text[sent[0]:m.start()]
            opens = sent[0] + len(lead) - len(lead.lstrip())
            ana, rule = _BARE_ANAPHOR.fullmatch(text, opens, m.start()), "targets.bare-anaphor"
        if ana is None or ana.end() != m.start():
            continue
        head = ana.group(1)
        i = bisect_left(ends.get(head, []), ana.start() + 1)  # the last one ending by ana.start()
        g = groups.first_in(m.end(), m.end() + 14)
        if i == 0 or g is None or not _FILLER.match(text[m.end():g.start]) or _is_agent(g.ref):
            continue
        antecedent = by_head[head][i - 1]
        if rule == "targets.bare-anaphor" and antecedent.start < _two_sentences_before(ctx, sent[0]):
            continue  # a bare 行动 refers only to a programme named just before
        for t in _group_chain(text, g, groups):
            out += _rel(ctx, "targets", antecedent.ref, t.ref, ana.start(), t.end, rule)
    return out


def _two_sentences_before(ctx: Context, start: int) -> int:
    """Where the sentence two before the one starting at ``start`` begins."""
    starts = [s for s, _ in ctx.sentences]
    i = bisect_left(starts, start)
    return starts[max(0, i - 2)] if starts else 0


def targets_focus(ctx: Context, found: list[Found]) -> list[Relation]:
    """把 groups 作为 …重点/对象, then measures in the same sentence (rule ``targets.focus-group``):
    要把困难职工、农民工作为服务重点，完善常态化送温暖机制."""
    text = ctx.text
    groups = Spans(_by_cls(found, "WorkerGroup"))
    measures = Spans(_by_cls(found, "Measure"))
    out = []
    for g in groups:
        if not text.endswith("把", 0, g.start):
            continue
        chain = _group_chain(text, g, groups)
        rest = text[chain[-1].end:chain[-1].end + 12]
        m = re.match(rf"(?:群体)?(?:{'|'.join(inv.FOCUS_VERBS)})[\u4e00-\u9fff]{{0,6}}?(?:{'|'.join(inv.FOCUS_NOUNS)})", rest)
        sent = ctx.sentence_of(g.start, g.end)
        if m is None or sent is None:
            continue
        after = chain[-1].end + m.end()
        for x in measures.within(after, min(sent[1], after + _REACH)):
            for t in chain:
                if not _is_agent(t.ref):
                    out += _rel(ctx, "targets", x.ref, t.ref, g.start - 1, x.end, "targets.focus-group")
    return out


_RIGHTS = re.compile(r"(?:群体)?(?:的)?(?:合法|劳动|劳动保障|特殊|基本)?权益")


def targets_rights(ctx: Context, found: list[Found]) -> list[Relation]:
    """保障/维护 groups' 权益, then the measures of the rest of the sentence
    (rule ``targets.rights-topic``): 保障灵活就业人员权益，一是…推进职业伤害保障试点."""
    text = ctx.text
    groups = Spans(_by_cls(found, "WorkerGroup"))
    measures = Spans(_by_cls(found, "Measure"))
    out = []
    for g in groups:
        if not text.endswith(("保障", "维护", "保护", "维护好"), 0, g.start):
            continue
        chain = _group_chain(text, g, groups)
        m = _RIGHTS.match(text, chain[-1].end)
        sent = ctx.sentence_of(g.start, g.end)
        if m is None or sent is None or text[m.end():m.end() + 1] not in CLAUSE_PUNCT:
            continue  # only as a topic clause: 保障灵活就业人员权益，…
        for x in measures.within(m.end(), min(sent[1], m.end() + _REACH)):
            for t in chain:
                out += _rel(ctx, "targets", x.ref, t.ref, g.start - 2, x.end, "targets.rights-topic")
    return out


_SERVE = ("服务", "关爱", "帮扶", "助力")
_BENEFIT = re.compile(r"惠及|覆盖|受益(?:的)?(?:群体|对象)?(?:为|是|包括)?|服务|关爱|帮扶|助力")


def targets_benefits(ctx: Context, found: list[Found]) -> list[Relation]:
    """A measure, then 惠及/覆盖 and a group in the same sentence, or 服务/关爱 and a group
    right after the measure's name (rule ``targets.benefit``): 开展的“金秋助学”活动惠及
    困难职工子女2000余人, 开展“尊法守法”服务农民工公益法律服务行动."""
    text = ctx.text
    groups = Spans(_by_cls(found, "WorkerGroup"))
    measures = Spans(_by_cls(found, "Measure"))
    out = []
    for m in _BENEFIT.finditer(text):
        sent = ctx.sentence_of(m.start(), m.end())
        if sent is None:
            continue
        g = groups.first_in(m.end(), m.end() + 8)
        before = measures.within(max(sent[0], m.start() - 2 * _REACH), m.start())
        if m.group() in _SERVE:  # “…”服务农民工…行动: only right after the measure's name
            before = [x for x in before if m.start() - x.end <= 1]
        else:  # …活动惠及…, …行动，覆盖…: the measure's own clause or the one before
            before = [x for x in before if x.end >= _clause_start(text, _clause_start(text, m.start()) - 1)]
        if g is None or not before or not _FILLER.match(text[m.end():g.start]) or re.search(r"\d", text[m.end():g.start]):
            continue
        x = before[-1]
        for t in _group_chain(text, g, groups):
            out += _rel(ctx, "targets", x.ref, t.ref, x.start, t.end, "targets.benefit")
    return out


#: Beneficiary frames: a lead word, the group, then a word that hands the measure over.
#: 对学校困难职工进行节日慰问, 向环卫工人送去“清凉礼包”, 为农民工提供免费技能培训,
#: 支持农民工参加职业技能培训, 开发适合就业困难人员的公益性岗位, 组织教职工开展知识竞赛.
_FRAMES: dict[str, tuple[str, ...]] = {
    "对": ("进行", "开展", "实行", "实施", "给予", "发放", "落实", "开放"),
    "向": ("送去", "送上", "送来", "送出", "发放", "赠送", "提供", "开放", "推出"),
    "为": ("提供", "送去", "送上", "发放", "开展", "举办", "办理", "开设", "建立"),
    "给": ("送去", "送上", "发放", "提供"),
    "支持": ("参加", "参与"),
    "组织": ("参加", "参与", "开展"),
    "适合": ("的",),
    "面向": ("的",),
}
#: Giving verbs strong enough that the group may come after a long description with commas
#: (向顶着烈日，…的环卫工人送去…).
_GIVING = ("送去", "送上", "送来", "送出", "发放", "赠送")
_FRAME_LEAD = re.compile("|".join(sorted(_FRAMES, key=len, reverse=True)))


def targets_frames(ctx: Context, found: list[Found]) -> list[Relation]:
    """A beneficiary frame: 对/向/为/支持/组织/适合/面向, a group (after at most a short
    description), a word that hands something over (进行/送去/提供/参加/的), and the measures
    of the rest of the clause (rule ``targets.frame``): 对困难职工进行节日慰问,
    向环卫工人送去“清凉礼包”, 开发适合就业困难人员的公益性岗位."""
    text = ctx.text
    groups = Spans(_by_cls(found, "WorkerGroup"))
    measures = Spans(_by_cls(found, "Measure"))
    if not groups or not measures:
        return []
    out = []
    for m in _FRAME_LEAD.finditer(text):
        near = groups.starting(m.end(), m.end() + 40)
        if not near or not ctx.aligned(m.start(), m.end()):
            continue  # no group within reach: skip the word-boundary check
        connectors = _FRAMES[m.group()]
        sent = ctx.sentence_of(m.start(), m.end())
        if sent is None:
            continue
        for g in (g for g in near if g.start < sent[1]):
            between = text[m.end():g.start]
            if any(p in between for p in "。；;！？!?\n") or _is_agent(g.ref):
                continue
            chain = _group_chain(text, g, groups)
            rest = chain[-1].end + (2 if text.startswith("群体", chain[-1].end) else 0)
            word = next((w for w in connectors if text.startswith(w, rest)), None)
            commas = any(p in between for p in "，,：:")
            if word is None or ((len(between) > 16 or commas) and word not in _GIVING):
                continue  # only a giving verb reaches back over a long description
            if commas and not between.endswith("的"):
                continue  # 向顶着烈日，…的环卫工人送去: the description ends with 的
            after = rest + len(word)
            for x in measures.within(after, _clause_end(text, after)):
                for t in chain:
                    out += _rel(ctx, "targets", x.ref, t.ref, m.start(), x.end, "targets.frame")
            break  # the first group the frame reaches is its object
    return out


#: What may follow a measure up to the clause end for a clause opening with 为 to aim it:
#: 开展“送清凉”活动，为…; 建立“暖蜂驿站”1500余个，为….
_TAIL = re.compile(r"(?:活动|工作|服务|项目|行动)?[0-9０-９一二三四五六七八九十百千万余多个家处座所场次]*")


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


@cache
def _re_topic():
    verbs = "|".join(re.escape(w) for w in sorted(inv.TOPIC_VERBS, key=len, reverse=True))
    return re.compile(rf"^(?:要|应|应当|须|必须|还要|更要)?(?:更多|更加|重点|着力|进一步|切实|多|特别)?(?:地)?(?:{verbs})")


def targets_paragraph_topic(ctx: Context, found: list[Found], paragraphs) -> list[Relation]:
    """A paragraph that opens by naming the group it cares for aims its measures at it
    (rule ``targets.paragraph-topic``): 要更多关注农民工群体。…大力实施农民工“求学圆梦行动”.
    A following ``X是…`` sentence adds X (困难职工是工会帮扶服务的重点)."""
    text = ctx.text
    groups = Spans(_by_cls(found, "WorkerGroup"))
    measures = Spans(_by_cls(found, "Measure"))
    all_sents = ctx.sentences
    out = []
    for ps, pe in paragraphs:
        i = bisect_left(all_sents, (ps, -1))  # the paragraph's first three sentences, found by position
        sents = [s for s in all_sents[i:i + 3] if s[0] < pe]
        if len(sents) < 2:
            continue
        s0, e0 = sents[0]
        first = text[s0:e0].strip()
        m = _re_topic().match(first)
        if m is None or len(first) > 30:
            continue
        lead = s0 + (len(text[s0:e0]) - len(text[s0:e0].lstrip())) + m.end()
        topic = [g for g in groups.starting(lead, lead + 5) if g.end <= e0]
        if not topic:
            continue
        topic = topic[:1]
        for s, _e in sents[1:3]:
            g = groups.by_start.get(s)
            if g is not None and text.startswith("是", g.end) and g.ref not in [t.ref for t in topic]:
                topic.append(g)
        for x in measures.within(e0, pe):
            for t in topic:
                if not _is_agent(t.ref):
                    out += _rel(ctx, "targets", x.ref, t.ref, x.start, x.end, "targets.paragraph-topic")
    return out


# ---------------------------------------------------------------- org:Membership

_NOTE_LEAD = re.compile(r"^[（(\s]*(?:本文)?作者(?:[\u4e00-\u9fff]{2,3})?(?:为|系|是|单位[:：]?|简介[:：]?|[:：])\s*")


def members_from_note(ctx: Context, found: list[Found], note, authors: list[EntityRef]) -> list[Relation]:
    """Posts in an author note make the authors members (rule ``member.author-note``):
    (作者为江苏省人大常委会副主任、省总工会主席) gives 副主任 of 江苏省人大常委会 and
    主席 of 江苏省总工会 (the elided province resolved by ``org.elided-place``).
    The evidence span is the post phrase."""
    if note is None or not authors:
        return []
    text = ctx.text
    ns, ne = note.start, note.end
    lead = _NOTE_LEAD.match(text[ns:ne])
    if lead is None:
        return []
    orgs = sorted((f for f in _by_cls(found, "Organization") if ns <= f.start and f.end <= ne), key=lambda f: f.start)
    out = []
    pos = ns + lead.end()
    last_org = None
    for seg in re.split(r"([、，,；;和])", text[pos:ne]):
        s, e = pos, pos + len(seg)
        pos = e
        body = seg.rstrip("）)。 \n")
        if not body or body in "、，,；;和":
            continue
        e = s + len(body)
        inside = [o for o in orgs if s <= o.start and o.end <= e]
        org = inside[-1] if inside else last_org
        role_start = inside[-1].end if inside else s
        role = re.sub(r"^(?:原|前|时任|现任|曾任|兼任|兼)", "", text[role_start:e])  # 原副主席: a post held
        if org is None or not _is_post(role):
            continue
        last_org = org
        for a in authors:
            out += _rel(ctx, "member", a, org.ref, s, e, "member.author-note", role=role)
    return out


def _is_post(role: str) -> bool:
    _, posts = posts_before(role, len(role))
    return (bool(posts) and "".join(posts) == role.replace("、", "")) or role in inv.POSTS


def members_from_posts(ctx: Context, found: list[Found]) -> list[Relation]:
    """An organization, its posts, then a name (rule ``member.post-name``):
    全国总工会主席王东明, 省总工会党组书记、主席张三."""
    text = ctx.text
    orgs = {f.end: f for f in _by_cls(found, "Organization")}
    people = {f.end: f for f in _by_cls(found, "Person")}
    out = []
    for p in _by_cls(found, "Person"):  # whichever rule found the name: the posts before it decide
        end = p.start
        names = 0
        while end > 0 and text[end - 1] in " \u3000、" and names < _MAX_CHAIN:
            end -= 1
            if text[end] == "、":  # a list of names after one post chain
                prev = people.get(end)
                if prev is None:
                    break
                end = prev.start
                names += 1
        pstart, posts = posts_before(text, end)
        org = orgs.get(pstart)
        for _ in range(_MAX_CHAIN):  # 区人大常委会副主任、区总工会主席陈国裕: each organization its posts
            if org is None:
                break
            pos = pstart
            for post in posts:
                pos = text.index(post, pos)
                role = ctx.article.text[pos:pos + len(post)]  # as printed: 副部長 in traditional text
                pos += len(post)
                out += _rel(ctx, "member", p.ref, org.ref, org.start, p.end, "member.post-name", role=role)
            if not text.endswith("、", 0, org.start):
                break
            pstart, posts = posts_before(text, org.start - 1)
            org = orgs.get(pstart) if posts else None
    return out


def members_org_role(ctx: Context, found: list[Found], known: list[Relation]) -> list[Relation]:
    """An organization, a role as printed, then a person who has no post there yet
    (rule ``member.org-role``): 青岛港国际物流有限公司机械司机郭希辉 (role 机械司机),
    中国海洋大学海洋生命学院院长包振民 (role 院长 of the sub-unit the text names)."""
    text = ctx.text
    orgs = {f.end: f for f in _by_cls(found, "Organization")}
    has_post = {r.subject for r in known if r.predicate == "member"}
    out = []
    for p in _by_cls(found, "Person"):
        if p.ref in has_post:
            continue
        for q in range(p.start - 1, max(0, p.start - 13), -1):
            org = orgs.get(q)
            if org is not None and role_between(text, q, p.start):
                role = ctx.article.text[q:p.start]
                out += _rel(ctx, "member", p.ref, org.ref, org.start, p.end, "member.org-role", role=role)
                break
    return out


def members_elected(ctx: Context, found: list[Found]) -> list[Relation]:
    """A name, 当选/担任, an organization, a post (rule ``member.name-elected``):
    王东明当选全国总工会主席."""
    text = ctx.text
    orgs = {f.start: f for f in _by_cls(found, "Organization")}
    out = []
    for p in _by_cls(found, "Person"):
        if p.cand.rule != "person.name-elected":
            continue
        verb = next((v for v in sorted(inv.ELECTED_VERBS, key=len, reverse=True) if text.startswith(v, p.end)), None)
        if verb is None:
            continue
        org = orgs.get(p.end + len(verb))
        if org is None:
            continue
        role_end = org.end
        posts = []
        while True:
            post = next((q for q in sorted(inv.POSTS, key=len, reverse=True) if text.startswith(q, role_end)), None)
            if post is None:
                break
            posts.append(post)
            role_end += len(post)
            if text.startswith("、", role_end):
                role_end += 1
        for post in posts:
            out += _rel(ctx, "member", p.ref, org.ref, p.start, role_end, "member.name-elected", role=post)
    return out


_DISTRIBUTIVE = ("targets.paragraph-topic", "targets.focus-group", "targets.rights-topic")


def prefer_named_targets(relations: list[Relation]) -> list[Relation]:
    """A measure whose own name holds a group (困难职工帮扶长效机制) is not also aimed, by
    paragraph or focus, at an unrelated group (农民工); related ones (城镇困难职工) stay."""
    named: dict[EntityRef, set[str]] = {}
    for r in relations:
        if r.predicate == "targets" and r.evidence.rule == "targets.compound":
            named.setdefault(r.subject, set()).add(r.object.label)
    out = []
    for r in relations:
        own = named.get(r.subject)
        if own and r.evidence.rule in _DISTRIBUTIVE and not any(
                r.object.label.endswith(g) or g.endswith(r.object.label) for g in own):
            continue
        out.append(r)
    return out
