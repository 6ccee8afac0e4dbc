"""Relation rules for skos:broader (``broader.*``): which group is narrower than which.

Each rule is ``(ctx, facts) -> list[Relation]`` declared with ``@rule``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from kg.extract import inventory as inv
from kg.extract.context import Candidate, Context, finditer_from, is_cjk, starts_before
from kg.extract.rules.registry import rule
from kg.extract.rules.shared import (
    _ENUM_ENDS,
    _ENUM_SEPS,
    _MAX_CHAIN,
    _REACH,
    Facts,
    Found,
    Spans,
    _by_cls,
    _clause_end,
    _group_chain,
    _rel,
)
from kg.model import EntityRef, Relation


@rule("broader.enum-head", example="快递员、送餐员、卡车司机等灵活就业群体的权益亟待保障。",
      expect=("broader", "快递员", "灵活就业人员"),
      description="members of an enumeration ending in a group noun are narrower than it (快递员、送餐员等灵活就业群体)")
def broader_enumerations(ctx: Context, facts: Facts) -> list[Relation]:
    """Members of an enumeration ending in a group noun are narrower than it
    (rule ``broader.enum-head``): 快递员、送餐员、卡车司机等灵活就业群体和平台就业群体."""
    text = ctx.text
    groups = _by_cls(facts.found, "WorkerGroup")
    by_end = {g.end: g for g in groups}
    by_start = {g.start: g for g in groups}
    out = []
    for head in groups:
        end_word = next((w for w in _ENUM_ENDS if text.endswith(w, 0, head.start)), None)
        if end_word is None or head.ref.label in _NOT_KINDS:
            continue  # 环卫工人、快递员等会员人群: being members is no kind of work
        members = _enumerated(text, by_end, head.start - len(end_word))
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


def _enumerated(text: str, by_end: dict[int, Found], pos: int) -> list[Found]:
    """The groups of an enumeration ending at ``pos`` (before its 等), first to last."""
    members: list[Found] = []
    skipped = 0
    while len(members) < _MAX_CHAIN:
        if pos not in by_end:  # …、货车司机、交通警察等户外劳动者: an item no vocabulary lists
            start = _unlisted_item_start(text, pos)
            skipped += 1
            if start is None or skipped > _MAX_UNLISTED or start not in by_end:
                break
            pos = start
        m = by_end[pos]
        members.insert(0, m)
        sep = next((s for s in _ENUM_SEPS if text.endswith(s, 0, m.start)), None)
        if sep is None:
            break
        pos = m.start - len(sep)
    return members


#: How many items of an enumeration may be words no vocabulary lists (交通警察).
_MAX_UNLISTED = 1


def _unlisted_item_start(text: str, end: int) -> int | None:
    """Where the item before an unlisted one ending at ``end`` ends: the offset of that
    item's 、 separator, if the unlisted item is two to six Chinese characters."""
    k = text.rfind("、", max(0, end - 7), end)
    return k if k >= 0 and end - k - 1 >= 2 and all(is_cjk(c) for c in text[k + 1:end]) else None


_INCLUDES = ("包括", "例如", "比如", "特别是", "尤其是", "主要是", "如")


@rule("broader.includes", example="新就业形态劳动者包括快递员、外卖骑手、网约车司机等。",
      expect=("broader", "快递员", "新就业形态劳动者"),
      description="a group, then 包括/特别是 and a list of groups: each is narrower (新就业形态劳动者包括快递员、外卖骑手)")
def broader_inclusions(ctx: Context, facts: Facts) -> list[Relation]:
    """A group, then 包括/特别是 and a list of groups: each is narrower (rule
    ``broader.includes``): 新就业形态劳动者包括快递员、外卖骑手、网约车司机等."""
    text = ctx.text
    groups = Spans(_by_cls(facts.found, "WorkerGroup"))
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


@rule("broader.part-of", example="农民工是产业工人的重要组成部分。",
      expect=("broader", "农民工", "产业工人"),
      description="X是Y的…组成部分/主体力量: X is narrower than Y (农民工是产业工人的重要组成部分)")
def broader_part_of(ctx: Context, facts: Facts) -> list[Relation]:
    """X是Y的…组成部分/主体力量: X is narrower than Y (rule ``broader.part-of``):
    农民工是产业工人的重要组成部分, 产业工人是工人阶级的主体力量."""
    text = ctx.text
    groups = _by_cls(facts.found, "WorkerGroup")
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


_SCOPE = re.compile(r"(?:具体|主要)?(?:范围|对象|人员|群体)?包括[：:]")
_SCOPE_WORD = re.compile(r"包括[：:]")


def _scope_starts(text: str) -> list[int]:
    """Where ``_SCOPE`` can begin: up to four characters before 包括：."""
    return starts_before(text, _SCOPE_WORD, range(0, 5))
_ITEM = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")


@rule("broader.scope-list", example="就业困难人员的具体范围包括：\n（一）城镇残疾人；\n（二）农民工。",
      expect=("broader", "农民工", "就业困难人员"),
      description="a group, then 范围包括： and numbered items naming groups: each item's group is narrower")
def broader_scope_list(ctx: Context, facts: Facts) -> list[Relation]:
    """A group, then 范围包括： and numbered items naming groups: each item's group is narrower
    (rule ``broader.scope-list``): 就业困难人员…具体范围包括：（一）属于零就业家庭成员的；
    （二）城镇残疾人…. The head is the last group before the list (at most ``_REACH`` back)."""
    text = ctx.text
    groups = Spans(_by_cls(facts.found, "WorkerGroup"))
    out = []
    for m in finditer_from(_SCOPE, text, _scope_starts(text)):
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


@cache
def _re_modifiers():
    mods = "|".join(re.escape(m) for m in sorted(inv.GROUP_MODIFIERS, key=len, reverse=True))
    return re.compile(rf"(?:{mods}){{1,3}}")


#: Groups a list may end with that are not a kind of worker: 环卫工人、快递员等会员人群.
_NOT_KINDS = ("工会会员",)


#: Modifiers that say where the work is done, not which workers: 一线环卫工人 are 环卫工人.
_FRONT_LINE = ("一线", "基层一线", "一线生产", "生产一线")


#: Heads that alone name everyone who works: 环卫工人 is no narrower kind of 工人 the text states.
_BARE_HEADS = ("工人", "劳动者")


@rule("broader.modifier-head", example="帮助城镇困难职工和困难职工子女。",
      expect=("broader", "城镇困难职工", "困难职工"),
      description="a group named by modifiers before another named group is narrower than it (城镇困难职工 -> 困难职工)")
def broader_modifiers(ctx: Context, facts: Facts) -> list[Relation]:
    """A group named by modifiers before another named group is narrower than it
    (rule ``broader.modifier-head``): 城镇困难职工 -> 困难职工, 一线职工 -> 职工."""
    groups = _by_cls(facts.found, "WorkerGroup")
    labels = {g.ref.label: g.ref for g in groups}
    out = []
    for g in groups:
        label = g.ref.label
        # the longest other label this one ends with: look its suffixes up, not every label
        best = next((label[i:] for i in range(1, len(label))
                     if label[i:] in labels and _re_modifiers().fullmatch(label[:i])), None)
        if best is not None and label[:-len(best)] in _FRONT_LINE and ctx.comp.lexicon.concept(label) is None:
            continue  # 一线环卫工人 is the 环卫工人 of the article, not a narrower group (一线职工 is one)
        if best is not None and best not in _BARE_HEADS:
            out += _rel(ctx, "broader", g.ref, labels[best], g.start, g.end, "broader.modifier-head")
    return out


@rule("broader.vocab", example="农民工和职工都要参加工会。",
      expect=("broader", "农民工", "职工"),
      description="skos:broader of the vocabulary between two groups the article names (农民工 -> 职工)")
def broader_vocabulary(ctx: Context, facts: Facts) -> list[Relation]:
    """A vocabulary's skos:broader between two groups the article names
    (rule ``broader.vocab``): 农民工 -> 职工 when both are named."""
    groups = _by_cls(facts.found, "WorkerGroup")
    labels = {g.ref.label: g.ref for g in groups}
    out = []
    for g in groups:
        c = ctx.comp.lexicon.concept(g.ref.label)
        if c is None or c.cls != "WorkerGroup":
            continue
        for b in c.broader:
            if b in labels and b not in _BARE_HEADS:
                out += _rel(ctx, "broader", g.ref, labels[b], g.start, g.end, "broader.vocab")
    return out



#: The heads of a broad category of workers: 新就业形态劳动者, 灵活就业人员, 农民工群体.
_CATEGORY_HEADS = ("劳动者", "人员", "群体", "从业人员", "从业者", "职工")


@rule("broader.union-kinds", example="加大对新就业形态劳动者工会的组建力度，先后成立了货运司机、商场信息员等联合工会。维护新就业形态劳动者权益。",
      expect=("broader", "货运司机", "新就业形态劳动者"),
      description="the groups a list of new unions is named by (A、B等联合工会) are narrower than the category named before them in the sentence")
def broader_union_kinds(ctx: Context, facts: Facts) -> list[Relation]:
    text = ctx.text
    if not any(word in text for word in _UNION_LIST_WORDS):
        return []  # no list of unions ends here: no 等联合工会
    groups = Spans(_by_cls(facts.found, "WorkerGroup"))
    categories = _categories(facts)
    starts = [c.start for c in categories]
    out = []
    for m in _re_union_list().finditer(text):
        sent = ctx.sentence_of(m.start(), m.end())
        if sent is None:
            continue
        lo = max(sent[0], m.start() - _REACH)
        before = [c for c in categories[bisect_left(starts, lo):bisect_left(starts, m.start(1))] if c.end <= m.start(1)]
        if not before:
            continue
        category = max(before, key=lambda c: (c.start, -c.end))
        for g in groups.within(m.start(1), m.end(1)):
            out += _rel(ctx, "broader", g.ref, EntityRef("WorkerGroup", category.label), category.start, g.end,
                        "broader.union-kinds")
    return out


def _categories(facts: Facts) -> list[Candidate]:
    """Broad categories of workers, by start, also where one only names a union
    (对新就业形态劳动者工会的组建): groups the article names as a group somewhere."""
    named = {f.ref.label for f in _by_cls(facts.found, "WorkerGroup")}
    return sorted((c for c in facts.candidates if c.cls == "WorkerGroup" and c.label in named
                   and c.label.endswith(_CATEGORY_HEADS)), key=lambda c: (c.start, c.end))


#: What ``_re_union_list`` ends with.
_UNION_LIST_WORDS = ("等联合工会", "等工会联合会", "等行业工会")


@cache
def _re_union_list():
    item = r"[\u4e00-\u9fff]{2,10}"
    return re.compile(rf"((?:{item}、){{1,30}}{item})等(?:联合工会|工会联合会|行业工会)")
