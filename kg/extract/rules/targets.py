"""Relation rules for gh:targets (``targets.*``): which measure is aimed at which group.

Each rule is ``(ctx, facts) -> list[Relation]`` declared with ``@rule``; they work on the
mentions the overlap policy kept, so a relation always joins two entities the article
names. A rule decides; co-occurrence alone never makes a relation.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from kg.extract import inventory as inv
from kg.extract.context import CLAUSE_PUNCT, Candidate, Context, finditer_from, is_cjk, literal_starts, strip_marks
from kg.extract.rules.registry import rule
from kg.extract.rules.shared import (
    _AIM_CLAUSE_TAILS,
    _FILLER,
    _REACH,
    _TAIL,
    Facts,
    Found,
    Spans,
    _by_cls,
    _clause_end,
    _clause_start,
    _group_chain,
    _is_agent,
    _re_aim,
    _rel,
)
from kg.model import EntityRef, Relation


@dataclass(frozen=True)
class _Aim:
    """An aiming word (``start``-``end``) before the groups ``chain``, whose clause ends at
    ``clause_end``; ``same``: the measures of that clause after the groups."""

    start: int
    end: int
    word: str
    chain: tuple[Found, ...]
    clause_end: int
    same: tuple[Found, ...]


def _aims(ctx: Context, facts: Facts) -> tuple[list[_Aim], Spans]:
    """Every aiming word before groups (针对货车司机群体, 为符合条件的城镇困难职工), found once
    per article for the three aim-word rules, with the measures by position."""
    return ctx.once("aims", lambda: _find_aims(ctx, facts))


def _find_aims(ctx: Context, facts: Facts) -> tuple[list[_Aim], Spans]:
    text = ctx.text
    groups = Spans(_by_cls(facts.found, "WorkerGroup"))
    measures = Spans(_by_cls(facts.found, "Measure"))
    if not groups or not measures:
        return [], measures
    out = []
    for m in _re_aim().finditer(text):
        g = groups.first_in(m.end(), m.end() + 14)
        if g is None or not _FILLER.match(text[m.end():g.start]) or _is_agent(g.ref) \
                or not ctx.aligned(m.start(), m.end()):  # jieba last: only where a group follows
            continue
        chain = _group_chain(text, g, groups)
        clause_end = _clause_end(text, chain[-1].end)
        if m.group() == "对" and text[chain[-1].end:clause_end] not in _AIM_CLAUSE_TAILS:
            continue  # 对 aims only as 对G，…: elsewhere it is just a preposition
        same = measures.within(chain[-1].end, clause_end)
        out.append(_Aim(m.start(), m.end(), m.group(), tuple(chain), clause_end, tuple(same)))
    return out, measures


def _aimed(ctx: Context, aim: _Aim, measures: list[Found], rule_id: str) -> list[Relation]:
    out = []
    last = aim.chain[-1]
    for x in measures:
        s, e = min(aim.start, x.start), max(last.end, x.end)
        for t in aim.chain:
            out += _rel(ctx, "targets", x.ref, t.ref, s, e, rule_id)
    return out


@rule("targets.aim-word", example="针对货车司机群体开展“司机之家”建设。",
      expect=("targets", "司机之家", "货车司机"),
      description="an aiming word (针对/面向/为…), groups, then a measure in the same clause (or the measures "
                  "after 通过 before it: 通过A、B等活动为G送上关爱)")
def targets_aim_words(ctx: Context, facts: Facts) -> list[Relation]:
    """针对货车司机群体开展“司机之家”建设, 为符合条件的城镇困难职工建档立卡."""
    aims, measures = _aims(ctx, facts)
    text = ctx.text
    out = []
    for aim in aims:
        same = list(aim.same)
        by = text.rfind("通过", _clause_start(text, aim.start), aim.start) if not same else -1
        if by >= 0:  # 通过“四送”活动、技能竞赛等多种活动为新就业形态劳动者送上关爱: the means before the aim
            same = measures.within(by + 2, aim.start)
        out += _aimed(ctx, aim, same, "targets.aim-word")
    return out


@rule("targets.aim-word-next", example="针对货车司机群体，开展“司机之家”建设。",
      expect=("targets", "司机之家", "货车司机"),
      description="an aiming word and groups with no measure in their clause: the measures of the next clause")
def targets_aim_next_clause(ctx: Context, facts: Facts) -> list[Relation]:
    """After 针对/面向/聚焦/对于, or when the aim opens its clause, or the clause holds only
    the groups (针对货车司机群体，开展…; 对于困难职工子女，要…)."""
    aims, measures = _aims(ctx, facts)
    text = ctx.text
    out = []
    for aim in aims:
        if aim.same:
            continue
        lead = aim.start - (1 if text.endswith("为", 0, aim.start) else 0)  # 为帮助…
        sent = ctx.sentence_of(lead, aim.end)
        clause_initial = lead == 0 or text[lead - 1] in CLAUSE_PUNCT or (sent is not None and lead == sent[0])
        if aim.word in inv.AIM_WORDS_NEXT_CLAUSE or clause_initial \
                or text[aim.chain[-1].end:aim.clause_end] in _AIM_CLAUSE_TAILS:
            nxt_start = aim.clause_end + 1
            nxt_end = _clause_end(text, nxt_start)
            if _WHEN_CLAUSE.fullmatch(text, nxt_start, nxt_end) and text[nxt_end:nxt_end + 1] in ("，", ","):
                nxt_start, nxt_end = nxt_end + 1, _clause_end(text, nxt_end + 1)  # 为关心…G，11月15日，工会开展了…
            nxt = measures.within(nxt_start, nxt_end)
            if not nxt and aim.word.startswith("为") and len(aim.word) > 1 and text[nxt_end:nxt_end + 1] in ("，", ","):
                # 为关心关爱…一线职工，推动…，随州将组织开展职工疗休养: a purpose clause's main clause may come second
                nxt = measures.within(nxt_end + 1, _clause_end(text, nxt_end + 1))
            out += _aimed(ctx, aim, nxt, "targets.aim-word-next")
    return out


@rule("targets.aim-word-before", example="开展“送清凉”活动，为一线职工送去防暑物品。",
      expect=("targets", "夏送清凉", "一线职工"),
      description="a clause opening with an aiming word says whom the programme of the clause before is for")
def targets_aim_clause_before(ctx: Context, facts: Facts) -> list[Relation]:
    """开展“送清凉”活动，为一线职工送去…; 建立“暖蜂驿站”1500余个，为…; 开展“…”活动，在此期间，
    市总工会将免费为…: only a count or a programme noun may follow the measure up to the clause end,
    and only a union, adverbs or a clause saying when come between."""
    aims, measures = _aims(ctx, facts)
    text = ctx.text
    out = []
    for aim in aims:
        lead = _clause_start(text, aim.start)
        opening = _AIM_LEAD.fullmatch(text, lead, aim.start) if lead > 0 and text[lead - 1] in CLAUSE_PUNCT else None
        if opening is None or (opening.group("hand") is not None) != aim.word.startswith("送"):
            continue  # 把…送到 G, and 送到 only so
        prev = _clause_start(text, lead - 1)
        if (_COUNT_CLAUSE.fullmatch(text, prev, lead - 1) or _TIME_CLAUSE.fullmatch(text, prev, lead - 1)) \
                and prev > 0 and text[prev - 1] in CLAUSE_PUNCT:
            lead, prev = prev, _clause_start(text, prev - 1)  # 建立“工会驿站”，目前已建成54个，为…; 开展…，在此期间，为…
        out += _aimed(ctx, aim, _closing_list(text, measures.within(prev, lead - 1), lead - 1),
                      "targets.aim-word-before")
    return out


#: What may open the aiming clause before its aiming word: 用贴心服务为户外劳动者…, 并为…,
#: 把…的关怀、…的温暖及时送到户外劳动者….
#: A union's name, short forms included (某市总工会, 市总).
_UNION = rf"[\u4e00-\u9fff]{{0,8}}?(?:{'|'.join(inv.UNION_NAME_ENDS)})"
_AIM_LEAD = re.compile(rf"(?:{_UNION})?"  # 市总工会将免费为…
                       r"(?:并|还|也|同时|积极|切实|精准|全力|主动|持续|将|会|免费|无偿|重点|主要){0,3}"
                       r"(?:(?:用|通过|借助|依托)[^，,；;：:。！？!?]{1,8}|(?P<hand>(?:把|将)[^，,；;：:。！？!?]{2,30}?))?"
                       r"(?:及时|精准|切实|直接)?")
#: A clause that only gives the date: 为关心…户外劳动者，11月15日，某工会开展了….
_WHEN_CLAUSE = re.compile(r"(?<!\s)\s*(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:上午|下午|晚上|晚)?|近日|日前|近期|连日来|当天|当日)\s*")
#: A clause that only says when: 开展“…”活动，在此期间，市总工会将免费为….
_TIME_CLAUSE = re.compile(r"在此期间|活动期间|期间|届时|与此同时|同时")
#: A clause that only counts what the clause before set up: 目前已建成54个.
_COUNT_CLAUSE = re.compile(r"(?:目前|现已|如今|至今|截至目前|全市|全区|全县|全省)?(?:已|共|累计|先后){0,3}"
                           r"(?:建成|建立|设立|打造|开设|建设|挂牌)?了?[0-9一二三四五六七八九十百千万余多]{1,8}(?:个|家|座|处|所|间)")


_LIST_JOINS = ("、", "和", "及", "与")


def _closing_list(text: str, measures: list[Found], end: int) -> list[Found]:
    """The measures that close their clause at ``end``: the last one, followed only by a
    tail (活动, a count, 为抓手), and those listed before it (送温暖、送清凉、送文化等活动)."""
    out: list[Found] = []
    for x in reversed(measures):
        gap = text[x.end:out[-1].start if out else end]
        if out and gap.strip("”\"」』“") not in _LIST_JOINS:
            break
        if not out and not _TAIL.fullmatch(gap.strip("”\"」』")):
            continue
        out.append(x)
    return out[::-1]


#: 该行动, 这一计划, 此项服务: a phrase that refers back to a programme by its head noun.
_ANAPHOR_HEADS = ("行动", "活动", "计划", "项目", "工程", "服务", "平台", "机制", "制度", "举措", "措施", "品牌", "工作")
_ANAPHOR = re.compile(rf"(?:该|这一|这项|这个|此项|此)({'|'.join(_ANAPHOR_HEADS)})(?:主要|重点|还|将|则|均|也)?$")
#: 行动将重点面向…: a programme's head noun alone opening a sentence, then at most two adverbs
_BARE_ANAPHOR = re.compile(rf"({'|'.join(h for h in _ANAPHOR_HEADS if h != '工作')})(?:主要|重点|还|将|则|均|也|同时){{0,2}}")


@rule("targets.anaphor", example="推出“暖蜂行动”。该行动面向外卖骑手、快递员等新就业形态劳动者。",
      expect=("targets", "暖蜂行动", "外卖骑手"),
      description="该行动/这一计划 and an aiming word before groups: the programme it refers back to aims at them")
def targets_anaphor(ctx: Context, facts: Facts) -> list[Relation]:
    """The antecedent is the nearest measure before the phrase whose name ends with the
    same head noun: 推出“暖蜂行动”。…该行动面向外卖骑手."""
    return _anaphors(ctx, facts, bare=False)


@rule("targets.bare-anaphor", example="启动“暖心同行”专项行动。行动将重点面向环卫工人。",
      expect=("targets", "暖心同行专项行动", "环卫工人"),
      description="a bare 行动/活动 opening one of the next two sentences, then an aiming word before groups")
def targets_bare_anaphor(ctx: Context, facts: Facts) -> list[Relation]:
    """启动“暖心同行”专项行动。行动将重点面向环卫工人: the programme named just before."""
    return _anaphors(ctx, facts, bare=True)


def _measures_by_head(found: list[Found]) -> dict[str, list[Found]]:
    """The measures by the head noun their name ends with, in text order."""
    by_head: dict[str, list[Found]] = {}
    for x in Spans(_by_cls(found, "Measure")):
        label = strip_marks(x.ref.label)
        for head in _ANAPHOR_HEADS:
            if label.endswith(head):
                by_head.setdefault(head, []).append(x)
    return by_head


def _anaphors(ctx: Context, facts: Facts, bare: bool) -> list[Relation]:
    text = ctx.text
    rule_id = "targets.bare-anaphor" if bare else "targets.anaphor"
    groups = Spans(_by_cls(facts.found, "WorkerGroup"))
    by_head = _measures_by_head(facts.found)
    if not by_head or not groups.items:
        return []  # no measure a 该行动 could stand for, or no group it could aim at
    ends = {head: [x.end for x in xs] for head, xs in by_head.items()}
    out = []
    for m in _re_aim().finditer(text):
        sent = ctx.sentence_of(m.start(), m.end())
        if sent is None:
            continue
        ana = _anaphor_before(text, sent[0], m.start(), bare)
        if ana is None or ana.end() != m.start() or not ctx.aligned(m.start(), m.end()):
            continue  # jieba last: only after 该行动
        head = ana.group(1)
        i = bisect_left(ends.get(head, []), ana.start() + 1)  # the last one ending by ana.start()
        g = groups.first_in(m.end(), m.end() + 14)
        if i == 0 or g is None or not _FILLER.match(text[m.end():g.start]) or _is_agent(g.ref):
            continue
        antecedent = by_head[head][i - 1]
        if bare and antecedent.start < _two_sentences_before(ctx, sent[0]):
            continue  # a bare 行动 refers only to a programme named just before
        for t in _group_chain(text, g, groups):
            out += _rel(ctx, "targets", antecedent.ref, t.ref, ana.start(), t.end, rule_id)
    return out


def _anaphor_before(text: str, sent_start: int, pos: int, bare: bool) -> re.Match | None:
    """该行动 in the 6 characters before ``pos``; with ``bare``, where there is none, a bare
    head noun opening the sentence (行动将重点面向…)."""
    ana = _ANAPHOR.search(text, max(sent_start, pos - 8), pos)
    if not bare:
        return ana
    if ana is not None:
        return None
    lead = text[sent_start:pos]
    opens = sent_start + len(lead) - len(lead.lstrip())
    return _BARE_ANAPHOR.fullmatch(text, opens, pos)


def _two_sentences_before(ctx: Context, start: int) -> int:
    """Where the sentence two before the one starting at ``start`` begins."""
    starts = [s for s, _ in ctx.sentences]
    i = bisect_left(starts, start)
    return starts[max(0, i - 2)] if starts else 0


#: 本次活动对象覆盖广泛，包括但不限于…: who a programme is for, said by its 对象 (the people it serves).
_OBJECT_LIST = re.compile(
    rf"(?:本次|此次|这次|该项?|本)?({'|'.join(h for h in _ANAPHOR_HEADS if h != '工作')})的?(?:服务|帮扶|慰问|救助|参与)?对象"
    r"(?:主要)?(?:覆盖广泛|覆盖面广)?[，,]?(?:包括但不限于|主要包括|包括|主要是|主要为|涵盖|为|是)")
#: How far into its sentence the 对象 phrase may begin (据悉，本次活动对象…).
_OBJECT_LEAD = 8


@rule("targets.object-list", example="市总工会开展“清凉一夏”活动。据悉，本次活动对象包括快递员、环卫工人等。",
      expect=("targets", "清凉一夏", "快递员"),
      description="本次活动对象包括/为 groups, opening one of the next two sentences: whom the programme named just before serves")
def targets_object_list(ctx: Context, facts: Facts) -> list[Relation]:
    """The programme is the nearest measure before the sentence, in it or the two before,
    printed with the same head noun (…“清凉一夏”活动 for 活动对象)."""
    text = ctx.text
    groups = Spans(_by_cls(facts.found, "WorkerGroup"))
    measures = Spans(_by_cls(facts.found, "Measure"))
    if not groups.items or not measures.items or "对象" not in text:
        return []
    out = []
    for s0, e0 in ctx.sentences:
        m = _OBJECT_LIST.search(text, s0, min(e0, s0 + _OBJECT_LEAD + 16))
        if m is None or m.start() - s0 > _OBJECT_LEAD:
            continue
        g = groups.first_in(m.end(), m.end() + 6)
        if g is None or not _FILLER.match(text[m.end():g.start]):
            continue
        head = m.group(1)
        before = [x for x in measures.within(_two_sentences_before(ctx, s0), m.start())
                  if text.startswith(head, x.end) or text[x.start:x.end].rstrip("”\"」』").endswith(head)]
        if not before:
            continue
        for t in _group_chain(text, g, groups):
            out += _rel(ctx, "targets", before[-1].ref, t.ref, m.start(), t.end, "targets.object-list")
    return out


@rule("targets.focus-group", example="要把困难职工、农民工作为服务重点，完善常态化送温暖机制。",
      expect=("targets", "常态化送温暖机制", "困难职工"),
      description="把 groups 作为 …重点/对象 (or 以 groups 为重点…), then the measures of the sentence (把困难职工、农民工作为服务重点，完善常态化送温暖机制)")
def targets_focus(ctx: Context, facts: Facts) -> list[Relation]:
    """把 groups 作为 …重点/对象, then measures in the same sentence (rule ``targets.focus-group``):
    要把困难职工、农民工作为服务重点，完善常态化送温暖机制."""
    text = ctx.text
    groups = Spans(_by_cls(facts.found, "WorkerGroup"))
    measures = Spans(_by_cls(facts.found, "Measure"))
    out = []
    for g in groups:
        lead = text[g.start - 1:g.start]
        if lead not in ("把", "以"):
            continue
        # the groups up to the focus words, listed with marks the chain may not cross (一个未知群体、农民工等为重点)
        m = _re_focus(lead).search(text, g.end, min(_clause_end(text, g.end), g.end + 40))
        sent = ctx.sentence_of(g.start, g.end)
        if m is None or sent is None:
            continue
        chain = [x for x in groups.within(g.start, m.start()) if text[x.start - 1] in "把以、和及与"]  # not 企业|职工
        after = m.end()
        for x in measures.within(after, min(sent[1], after + _REACH)):
            for t in chain:
                if not _is_agent(t.ref):
                    out += _rel(ctx, "targets", x.ref, t.ref, g.start - 1, x.end, "targets.focus-group")
    return out


@cache
def _re_focus(lead: str) -> re.Pattern[str]:
    """What makes the groups after 把 (or 以) the focus: 作为服务重点 (以…为重点群体)."""
    verbs = inv.FOCUS_VERBS + (("为",) if lead == "以" else ())
    return re.compile(rf"等?(?:群体)?(?:{'|'.join(verbs)})[\u4e00-\u9fff]{{0,6}}?(?:{'|'.join(inv.FOCUS_NOUNS)})")


_RIGHTS = re.compile(r"(?:群体)?(?:的)?(?:合法|劳动|劳动保障|特殊|基本)?权益")

def _words_at(text: str, words: tuple[str, ...]) -> list[tuple[int, str]]:
    """(offset, word) of each place one of ``words`` starts, the first listed that matches there.

    >>> _words_at("先解决了，再解决", ("解决了", "解决"))
    [(1, '解决了'), (6, '解决')]
    """
    return [(pos, next(w for w in words if text.startswith(w, pos))) for pos in literal_starts(text, words)]


#: What a programme takes off a group's mind: 解决了网约车司机…的后顾之忧.
_WORRIES = re.compile(r"(?:群体)?(?:的|们的)(?:后顾之忧|燃眉之急|急难愁盼问题|急难愁盼|难题|困难|实际困难|烦恼)")
_SOLVES = ("解决了", "解决", "缓解了", "缓解", "解除了", "解除")


#: What a group receives: 环卫工人领取了“爱心早餐”, 困难职工收到了助学金.
_RECEIVED = re.compile(rf"(?:群体|们)?(?:在现场|当场|现场|免费|陆续|都|均|也)?(?:{'|'.join(inv.RECEIVING_VERBS)})了?")


@rule("targets.received", example="该区30多名环卫工人在现场领取了“爱心早餐”。", expect=("targets", "爱心早餐", "环卫工人"),
      description="a group, then a word of receiving (领取/收到/享受到), then the measure it receives")
def targets_received(ctx: Context, facts: Facts) -> list[Relation]:
    text = ctx.text
    measures = {f.start: f for f in _by_cls(facts.found, "Measure")}
    out = []
    for g in _by_cls(facts.found, "WorkerGroup"):
        m = _RECEIVED.match(text, g.end)
        if m is None or m.end() == g.end:
            continue
        x = measures.get(m.end()) or measures.get(m.end() + 1)  # 领取了“爱心早餐”: after the opening quote
        if x is not None and not _is_agent(g.ref):
            out += _rel(ctx, "targets", x.ref, g.ref, g.start, x.end, "targets.received")
    return out


@rule("targets.solves", example="免费的爱心托管班解决了网约车司机、外卖员等新就业形态劳动者的后顾之忧。",
      expect=("targets", "职工子女暑期托管", "外卖骑手"),
      description="a measure, then 解决了/缓解了 groups' 后顾之忧/难题 in its clause: it is for them")
def targets_solves(ctx: Context, facts: Facts) -> list[Relation]:
    text = ctx.text
    groups = Spans(_by_cls(facts.found, "WorkerGroup"))
    measures = Spans(_by_cls(facts.found, "Measure"))
    out = []
    for pos, word in _words_at(text, _SOLVES) if groups and measures else ():
        g = groups.first_in(pos + len(word), pos + len(word) + 12)
        if g is None or not _FILLER.match(text[pos + len(word):g.start]) or _is_agent(g.ref):
            continue
        chain = _group_chain(text, g, groups)
        before = measures.within(_clause_start(text, pos), pos)
        if not before or not _WORRIES.match(text, chain[-1].end):
            continue
        for t in chain:
            out += _rel(ctx, "targets", before[-1].ref, t.ref, before[-1].start, t.end, "targets.solves")
    return out


@rule("targets.benefit", example="开展的“金秋助学”活动惠及困难职工子女2000余人。",
      expect=("targets", "金秋助学", "困难职工"),
      description="a measure, then 惠及/覆盖 and a group, or 服务/关爱 and a group right after its name")
def targets_benefits(ctx: Context, facts: Facts) -> list[Relation]:
    """A measure, then 惠及/覆盖 and a group in the same sentence, or 服务/关爱 and a group
    right after the measure's name (rule ``targets.benefit``): 开展的“金秋助学”活动惠及
    困难职工子女2000余人, 开展“尊法守法”服务农民工公益法律服务行动."""
    text = ctx.text
    groups = Spans(_by_cls(facts.found, "WorkerGroup"))
    measures = Spans(_by_cls(facts.found, "Measure"))
    out = []
    for m in finditer_from(_BENEFIT, text, literal_starts(text, _BENEFIT_LEADS)):
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
    "向": ("送去", "送上", "送来", "送出", "发放", "赠送", "提供", "开放", "推出", "倾斜"),
    "为": ("提供", "送", "发放", "开展", "举办", "办理", "开设", "建立", "服务", "量身定制", "开辟"),
    "给": ("送去", "送上", "发放", "提供"),
    "支持": ("参加", "参与"),
    "组织": ("参加", "参与", "开展", "进行"),
    "发动": ("参加", "参与"),
    "动员": ("参加", "参与"),
    "适合": ("的",),
    "面向": ("的",),
}
#: Giving verbs strong enough that the group may come after a long description with commas
#: (向顶着烈日，…的环卫工人送去…).
_GIVING = ("送去", "送上", "送来", "送出", "发放", "赠送")
_FRAME_LEAD = re.compile("|".join(sorted(_FRAMES, key=len, reverse=True)))


@rule("targets.frame", example="工会向环卫工人送去“清凉礼包”。",
      expect=("targets", "清凉礼包", "环卫工人"),
      description="a beneficiary frame around the group: 对/向/为 G 进行/送去/提供 a measure (对困难职工进行节日慰问)")
def targets_frames(ctx: Context, facts: Facts) -> list[Relation]:
    """A beneficiary frame: 对/向/为/支持/组织/适合/面向, a group (after at most a short
    description), a word that hands something over (进行/送去/提供/参加/的), and the measures
    of the rest of the clause (rule ``targets.frame``): 对困难职工进行节日慰问,
    向环卫工人送去“清凉礼包”, 开发适合就业困难人员的公益性岗位."""
    text = ctx.text
    groups = Spans(_by_cls(facts.found, "WorkerGroup"))
    measures = Spans(_by_cls(facts.found, "Measure"))
    if not groups or not measures:
        return []
    out = []
    for m in _FRAME_LEAD.finditer(text):
        near = groups.starting(m.end(), m.end() + 40)
        sent = ctx.sentence_of(m.start(), m.end()) if near else None
        if sent is None:
            continue  # no group within reach: skip the word-boundary check
        found: list[Relation] = []
        for g in (g for g in near if g.start < sent[1]):
            frame = _frame(text, m, g, groups)
            if frame is None:
                continue
            chain, after = frame
            for x in measures.within(after, _clause_end(text, after)):
                for t in chain:
                    found += _rel(ctx, "targets", x.ref, t.ref, m.start(), x.end, "targets.frame")
            break  # the first group the frame reaches is its object
        if found and ctx.aligned(m.start(), m.end()):  # jieba last: most frames find no measure
            out += found
    return out


#: What may come before a measure that is its sentence's subject: 这些“妈咪屋”不仅为…服务, 据报道，“…”已…,
#: 某市总2011年“送温暖”活动将重点对….
_SUBJECT_LEAD = re.compile(rf"[\s“\"「『]*(?:据(?:报道|介绍|了解|悉)[，,])?(?:{'|'.join(inv.REPORTED)}|这些|这个|这一|该|此|今年的?|本届|小小的?|每个|每一个"
                           # 抚顺市总2011年“送温暖”活动，将重点对…: the union's own edition of the programme
                           rf"|{_UNION}(?:\d{{4}}年度?|今年|今冬|今夏)?的?)?[“\"「『]*")


#: A measure's sentence saying what it is for: “金秋助学”是为解决…, 此项活动旨在帮助….
_IS_FOR = re.compile(r"[”\"」』]?(?:活动|行动|工程|项目)?(?:是|旨在|就是|意在)(?:专门)?(?:为了?|帮助)(?:解决|帮助|保障|满足|服务|关爱)?")


@rule("targets.subject-frame", example="“职工驿站”是工会为环卫工人提供休息服务的站点。",
      expect=("targets", "职工驿站", "环卫工人"),
      description="a measure opening its sentence, then a beneficiary frame with no measure of its own (M是…为G提供…的站点)")
def targets_subject_frames(ctx: Context, facts: Facts) -> list[Relation]:
    """A measure that is its sentence's subject is what the sentence's frame hands over:
    工会驿站是…为环卫工人…等户外劳动者提供…的站点, 这些“妈咪屋”不仅为本单位女职工服务."""
    text = ctx.text
    groups = Spans(_by_cls(facts.found, "WorkerGroup"))
    measures = Spans(_by_cls(facts.found, "Measure"))
    out = []
    for x in measures if groups else ():
        sent = ctx.sentence_of(x.start, x.end)
        if sent is None or not _SUBJECT_LEAD.fullmatch(text, sent[0], x.start):
            continue
        nxt = measures.first_in(x.end, sent[1])
        stop = nxt.start if nxt is not None else sent[1]
        purpose = _IS_FOR.match(text, x.end, stop)  # “金秋助学”是为解决困难职工…的一项措施
        g = groups.first_in(purpose.end(), min(stop, purpose.end() + 14)) if purpose else None
        if purpose and g is not None and _FILLER.match(text[purpose.end():g.start]) and not _is_agent(g.ref):
            for t in _group_chain(text, g, groups):
                out += _rel(ctx, "targets", x.ref, t.ref, x.start, t.end, "targets.subject-frame")
            continue
        for m in _FRAME_LEAD.finditer(text, x.end, stop):
            g = groups.first_in(m.end(), min(stop, m.end() + 40))
            frame = _frame(text, m, g, groups) if g is not None and g.end <= stop else None
            if frame is None:
                continue
            for t in frame[0]:
                out += _rel(ctx, "targets", x.ref, t.ref, x.start, t.end, "targets.subject-frame")
            break
    return out


#: Verbs of visiting and helping that open the clause after a measure: 开展“两节”送温暖活动，
#: 走访慰问困难职工、农民工.
_HELPING = ("走访慰问", "走访看望", "看望慰问", "慰问", "帮扶", "救助", "资助", "帮助", "救济", "扶持")
_HELP_MANNERS = ("深入", "集中", "重点", "上门", "逐户")
_HELP_VERBS = re.compile(rf"(?:{'|'.join(_HELP_MANNERS)})?(?:{'|'.join(_HELPING)})")


def _help_starts(text: str) -> list[int]:
    """Where ``_HELP_VERBS`` can begin: at a manner or a helping verb (a plain scan tries every offset)."""
    return literal_starts(text, _HELP_MANNERS + _HELPING)


@rule("targets.help-verb", example="开展“两节”送温暖活动，走访慰问困难职工、农民工。",
      expect=("targets", "送温暖", "农民工"),
      description="走访慰问/帮扶/救助 before groups: the measures of the sentence up to three clauses before the verb")
def targets_help_verbs(ctx: Context, facts: Facts) -> list[Relation]:
    """A helping verb before groups aims the measures named before it in its sentence, up to
    three clauses back: 开展“两节”送温暖活动，走访慰问困难职工; 把…送温暖资金下拨到各级工会，
    并要求…筹集资金，走访慰问15万名以上的困难职工."""
    text = ctx.text
    groups = Spans(_by_cls(facts.found, "WorkerGroup"))
    measures = Spans(_by_cls(facts.found, "Measure"))
    out = []
    for m in finditer_from(_HELP_VERBS, text, _help_starts(text)) if groups and measures else ():
        g = groups.first_in(m.end(), m.end() + 12)
        sent = ctx.sentence_of(m.start(), m.end())
        if g is None or sent is None or not _helped_filler(text[m.end():g.start]) or _is_agent(g.ref):
            continue
        lo = m.start()
        for _ in range(_HELP_CLAUSES):
            lo = _clause_start(text, lo - 1) if lo > sent[0] else lo
        for x in measures.within(max(lo, sent[0]), m.start()):
            for t in _group_chain(text, g, groups):
                out += _rel(ctx, "targets", x.ref, t.ref, x.start, t.end, "targets.help-verb")
    return out


def _helped_filler(between: str) -> bool:
    """What may stand between a helping verb and its group: a count or a description
    (``_FILLER``), or a short modifier of a few characters (慰问苦脏累险一线职工)."""
    return bool(_FILLER.match(between)) or (len(between) <= 4 and all(is_cjk(c) and c not in "和及与或并了" for c in between))


#: 加大对困难职工的帮扶力度: what a union steps up for a group, after the group.
_CARE_FOR = re.compile(rf"的(?:{'|'.join(_HELPING)}|关爱|服务|保障)(?:和(?:{'|'.join(_HELPING)}|关爱|服务|保障))?(?:力度|工作)")
#: What opens such a frame before the group: 加大对, 加强对.
_STEP_UP = ("加大对", "加强对", "加大了对", "加强了对", "强化对", "提高对")


@rule("targets.care-degree", example="除了慰问送温暖，工会还加大对困难职工的帮扶力度。",
      expect=("targets", "送温暖", "困难职工"),
      description="加大对 groups 的帮扶力度: the measures of the sentence up to three clauses before")
def targets_care_degree(ctx: Context, facts: Facts) -> list[Relation]:
    text = ctx.text
    groups = Spans(_by_cls(facts.found, "WorkerGroup"))
    measures = Spans(_by_cls(facts.found, "Measure"))
    out = []
    for lead, word in _words_at(text, _STEP_UP) if groups and measures else ():
        g = groups.by_start.get(lead + len(word))
        sent = ctx.sentence_of(lead, lead + len(word))
        if g is None or sent is None or _is_agent(g.ref):
            continue
        chain = _group_chain(text, g, groups)
        if not _CARE_FOR.match(text, chain[-1].end):
            continue
        lo = lead
        for _ in range(_HELP_CLAUSES):
            lo = _clause_start(text, lo - 1) if lo > sent[0] else lo
        for x in measures.within(max(lo, sent[0]), lead):
            for t in chain:
                out += _rel(ctx, "targets", x.ref, t.ref, x.start, t.end, "targets.care-degree")
    return out


#: How many clauses before a helping verb its measures may stand.
_HELP_CLAUSES = 4


#: 帮扶和救助困难职工86人次，发放帮扶救助资金: helping verbs, joined, then their object.
_HELPED = re.compile(rf"(?:{'|'.join(_HELPING)})(?:(?:和|、|及)(?:{'|'.join(_HELPING)}))*")
#: Verbs that hand a measure over, opening the clause after the helped group.
_GIVE = ("发放", "送去", "送上", "提供", "兑现")


@rule("targets.helped-then-given", example="累计帮扶和救助困难职工86人次，发放帮扶救助资金达38万元。",
      expect=("targets", "帮扶救助资金", "困难职工"),
      description="a clause helping a group (帮扶和救助困难职工…), then the next opening with 发放/送去 and a measure")
def targets_helped_then_given(ctx: Context, facts: Facts) -> list[Relation]:
    text = ctx.text
    groups = Spans(_by_cls(facts.found, "WorkerGroup"))
    measures = Spans(_by_cls(facts.found, "Measure"))
    out = []
    for m in _HELPED.finditer(text) if groups and measures else ():
        g = groups.by_start.get(m.end())
        end = _clause_end(text, m.end())
        give = next((v for v in _GIVE if text.startswith(v, end + 1)), None) if text[end:end + 1] in "，,；;" else None
        x = measures.by_start.get(end + 1 + len(give)) if give else None
        if g is None or x is None:
            continue
        for t in _group_chain(text, g, groups):
            out += _rel(ctx, "targets", x.ref, t.ref, m.start(), x.end, "targets.helped-then-given")
    return out


_ENTITLED = re.compile(r"享受|领取|申领")


@rule("targets.entitled", example="就业困难人员灵活就业的，按照有关规定享受养老、失业等社会保险补贴。",
      expect=("targets", "社会保险补贴", "就业困难人员"),
      description="a group opening the sentence, then 享受/领取/申领 and a measure later in it (…的，…享受…补贴)")
def targets_entitled(ctx: Context, facts: Facts) -> list[Relation]:
    text = ctx.text
    groups = Spans(_by_cls(facts.found, "WorkerGroup"))
    measures = Spans(_by_cls(facts.found, "Measure"))
    out = []
    for v in _ENTITLED.finditer(text) if groups and measures else ():
        sent = ctx.sentence_of(v.start(), v.end())
        first = groups.first_in(sent[0], v.start()) if sent is not None else None
        if sent is None or first is None or first.start != sent[0]:
            continue  # the group must be the sentence's subject: 就业困难人员…享受
        for x in measures.within(v.end(), _clause_end(text, v.end())):
            out += _rel(ctx, "targets", x.ref, first.ref, first.start, x.end, "targets.entitled")
    return out


def _frame(text: str, m: re.Match, g: Found, groups: Spans) -> tuple[list[Found], int] | None:
    """(the groups, where the handed-over part starts) when the lead word ``m`` and the group
    ``g`` open a beneficiary frame; None otherwise."""
    between = text[m.end():g.start]
    if any(p in between for p in "。；;！？!?\n") or _is_agent(g.ref):
        return None
    chain = _group_chain(text, g, groups)
    rest = chain[-1].end + (2 if text.startswith("群体", chain[-1].end) else 0)
    word = next((w for w in _FRAMES[m.group()] if text.startswith(w, rest)), None)
    commas = any(p in between for p in "，,：:")
    if word is None or ((len(between) > 16 or commas) and word not in _GIVING):
        return None  # only a giving verb reaches back over a long description
    if commas and not between.endswith("的"):
        return None  # 向顶着烈日，…的环卫工人送去: the description ends with 的
    return chain, rest + len(word)


@rule("targets.in-title", example="全总印发《关于解决拖欠农民工工资问题的通知》。",
      expect=("targets", "关于解决拖欠农民工工资问题的通知", "农民工"),
      description="a policy document whose title names a group (《关于解决拖欠农民工工资问题的通知》)")
def targets_in_titles(ctx: Context, facts: Facts) -> list[Relation]:
    """A policy document whose title names a group is about that group (rule
    ``targets.in-title``): 《关于解决拖欠农民工工资问题的通知》 -> 农民工."""
    groups = Spans(_by_cls(facts.found, "WorkerGroup"))
    out = []
    for x in _by_cls(facts.found, "Measure"):
        if x.cand.rule != "measure.titled-doc":
            continue  # 《关于…的通知》, 《…三年行动计划》: a document about something; 职工 alone says nothing of whom
        for g in groups.within(x.start, x.end):
            if not _is_agent(g.ref) and g.ref.label != "职工":
                out += _rel(ctx, "targets", x.ref, g.ref, x.start, x.end, "targets.in-title")
    return out


@rule("targets.rights-topic", example="保障灵活就业人员权益，一是推进职业伤害保障试点。",
      expect=("targets", "职业伤害保障试点", "灵活就业人员"),
      description="保障/维护 groups' 权益, then the measures of the rest of the sentence")
def targets_rights(ctx: Context, facts: Facts) -> list[Relation]:
    """保障/维护 groups' 权益, then the measures of the rest of the sentence
    (rule ``targets.rights-topic``): 保障灵活就业人员权益，一是…推进职业伤害保障试点."""
    text = ctx.text
    groups = Spans(_by_cls(facts.found, "WorkerGroup"))
    measures = Spans(_by_cls(facts.found, "Measure"))
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
_BENEFIT_LEADS = ("惠及", "覆盖", "受益", "服务", "关爱", "帮扶", "助力")  # where it can begin


@rule("targets.compound", example="大力实施农民工“求学圆梦行动”。",
      expect=("targets", "求学圆梦行动", "农民工"),
      description="a group right before or heading a measure's name (农民工“求学圆梦行动”, 困难职工帮扶攻坚行动)")
def targets_compounds(ctx: Context, facts: Facts) -> list[Relation]:
    """A group right before (or heading) a measure's name is what it aims at
    (rule ``targets.compound``): 农民工“求学圆梦行动”, 困难职工帮扶攻坚行动."""
    text = ctx.text
    groups = _by_cls(facts.found, "WorkerGroup")
    by_end = {g.end: g for g in groups}
    inner: dict[int, list[Candidate]] = {}
    for c in facts.candidates:
        if c.cls == "WorkerGroup":
            inner.setdefault(c.start, []).append(c)
    refs = {f.ref for f in groups}
    out = []
    for m in _by_cls(facts.found, "Measure"):
        lead = m.start - (1 if text[m.start - 1:m.start] in "“\"「『‘" else 0)
        lead -= next((len(w) for w in _FREE_WORDS if text.endswith(w, 0, lead)), 0)  # 女职工免费“两癌”筛查
        g = by_end.get(m.start) or by_end.get(lead)
        if g is not None and not _is_agent(g.ref):
            out += _rel(ctx, "targets", m.ref, g.ref, g.start, m.end, "targets.compound")
            continue
        first = m.start + (1 if text[m.start:m.start + 1] in "“《\"「『‘" else 0)
        if text.startswith(("全国", "全省", "全市", "全区", "全县", "千万", "百万", "十万", "万名"), first):
            first += 2  # 全国海员技能大赛, 千万农民工援助行动
        first += next((len(v) for v in _CARE_LEADS if text.startswith(v, first)), 0)  # 送农民工兄弟姐妹回家过年活动
        named = _heading_groups(text, m, first, inner) or _inner_groups(m, inner)
        for ref in named:
            if not _is_agent(ref) and ref in refs:
                out += _rel(ctx, "targets", m.ref, ref, m.start, m.end, "targets.compound")
    return out


#: Groups too broad to be what a programme naming them inside is for (职工互助保险, 劳动者权益保障),
#: and titles a programme confers rather than serves (贵州工匠评选).
_BROAD_GROUPS = ("职工", "工人", "劳动者", "员工", "群众", "职工群众", "工会会员", "会员", "工匠人才", "在职劳模")


def _inner_groups(m: Found, inner: dict[int, list[Candidate]]) -> list[EntityRef]:
    """A narrow group named inside a measure's name, as a whole word: 寻找最美农民工,
    服务农民工年, 外来务工人员阅览室."""
    found = [c for pos in range(m.start + 1, m.end - 1) for c in inner.get(pos, ())
             if c.whole and c.end <= m.end and c.label not in _BROAD_GROUPS]
    return [EntityRef("WorkerGroup", c.label) for c in found]


#: Caring verbs that open a programme's name before the group it serves: 送农民工…回家过年活动, 关爱环卫工人行动.
_CARE_LEADS = ("送", "关爱", "关心", "帮扶", "情系", "助力", "温暖")
#: How a service is given, printed between the group and its name: 女职工免费“两癌”筛查.
_FREE_WORDS = ("免费", "义务", "定期", "专项", "优先")


def _heading_groups(text: str, m: Found, first: int, inner: dict[int, list[Candidate]]) -> list[EntityRef]:
    """The groups heading the name of the measure ``m`` from ``first`` on, coordinated ones
    too (高技能人才与专业技术人才…机制). A group glued to the next word (职工工资…) heads
    the name only in a known measure (劳模疗休养)."""
    out = []
    heads = [c for c in inner.get(first, ()) if c.end < m.end - 1 and (c.whole or m.cand.vocab)]
    while heads:
        best = max(heads, key=lambda c: (c.length, c.vocab))
        out.append(EntityRef("WorkerGroup", best.label))
        nxt = best.end + 1 if text[best.end:best.end + 1] in "和与及、" else -1
        heads = [c for c in inner.get(nxt, ()) if c.end < m.end - 1 and (c.whole or m.cand.vocab)]
    return out


@cache
def _re_topic():
    verbs = "|".join(re.escape(w) for w in sorted(inv.TOPIC_VERBS, key=len, reverse=True))
    return re.compile(rf"^(?:要|应|应当|须|必须|还要|更要)?(?:更多|更加|重点|着力|进一步|切实|多|特别)?(?:地)?(?:{verbs})")


@rule("targets.paragraph-topic", example="要更多关注农民工群体。各地大力推进技能提升行动。",
      expect=("targets", "技能提升行动", "农民工"),
      description="a paragraph that opens by naming the group it cares for aims its measures at it")
def targets_paragraph_topic(ctx: Context, facts: Facts) -> list[Relation]:
    """A paragraph that opens by naming the group it cares for aims its measures at it
    (rule ``targets.paragraph-topic``): 要更多关注农民工群体。…大力实施农民工“求学圆梦行动”.
    A following ``X是…`` sentence adds X (困难职工是工会帮扶服务的重点)."""
    text = ctx.text
    groups = Spans(_by_cls(facts.found, "WorkerGroup"))
    measures = Spans(_by_cls(facts.found, "Measure"))
    if not groups.items or not measures.items:
        return []  # no group to be a topic, or no measure to aim at it
    all_sents = ctx.sentences
    out = []
    for ps, pe in facts.paragraphs:
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
