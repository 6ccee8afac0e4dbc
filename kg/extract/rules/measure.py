"""Measure rules (``measure.*``): programmes, campaigns, systems and policy documents.

Each rule is ``(ctx, pool) -> list[Candidate]`` declared with ``@rule``.
"""

from __future__ import annotations

import re
from functools import cache

from kg.extract import inventory as inv
from kg.extract.context import (
    COUNT,
    Candidate,
    Context,
    any_between,
    finditer_from,
    is_cjk,
    literal_ends,
    literal_starts,
    starts_before,
    strip_marks,
)
from kg.extract.normalize import measure_label
from kg.extract.rules.registry import rule
from kg.extract.rules.shared import VOCAB_RULES, Pool, _alt, after_programme_tail, vocab_hits, vocabulary_matches


@rule("measure.vocab", example="深入开展劳动和技能竞赛。", expect=("Measure", "劳动竞赛"),
      description="a name in ontology/vocab/measures.ttl (集体协商, 工资协商, 送温暖)")
def vocabulary_measures(ctx: Context, pool: Pool) -> list[Candidate]:
    return vocabulary_matches(ctx, "Measure", "measure.vocab")


_SYSTEM_HEADS = ("服务体系", "工作体系", "体系", "工作机制", "机制", "制度", "平台")


#: How many levels a system spans, printed before it: 三级劳动竞赛体系.
_LEVELS_BEFORE = re.compile(r"[一二两三四五六七八九十]级$")


@rule("measure.vocab-system", example="职工满意的普惠服务体系日益完善。", expect=("Measure", "普惠服务体系"),
      description="a known measure, then 体系/机制/制度 (普惠服务体系)")
def vocabulary_systems(ctx: Context, pool: Pool) -> list[Candidate]:
    out = []
    for h in vocab_hits(ctx):
        if len(h.concepts) == 1 and h.concepts[0].cls == "Measure" and h.whole:
            ext = next((x for x in _SYSTEM_HEADS if ctx.text.startswith(x, h.end)), None)
            if ext and not h.name.endswith(ext):
                levels = _LEVELS_BEFORE.search(ctx.text, max(0, h.start - 3), h.start)  # 三级劳动竞赛体系
                start = levels.start() if levels else h.start
                out.append(Candidate(start, h.end + len(ext), "Measure", strip_marks(ctx.text[start:h.start] + h.name + ext),
                                     "measure.vocab-system"))
    return out


@rule("measure.facility-building", example="深化劳模创新工作室创建。", expect=("Measure", "劳模创新工作室创建"),
      description="building a known facility is a measure (劳模创新工作室创建, 职工之家建设)")
def facility_buildings(ctx: Context, pool: Pool) -> list[Candidate]:
    out = []
    for h in vocab_hits(ctx):
        if len(h.concepts) == 1 and h.concepts[0].cls == "Organization" and h.whole and h.name.endswith(inv.FACILITY_HEADS):
            ext = next((x for x in ("创建", "建设") if ctx.text.startswith(x, h.end)), None)
            if ext:
                out.append(Candidate(h.start, h.end + len(ext), "Measure", strip_marks(h.name + ext), "measure.facility-building"))
    return out


#: Bargaining and its contracts, which a trade or a level narrows: 餐饮行业工资集体协商.
_BARGAINING = ("集体协商", "集体合同", "工资专项集体合同")
_SECTOR_FORMS = ("行业性、区域性", "区域性、行业性", "行业性", "区域性")


@rule("measure.sector-bargaining", example="推进餐饮行业工资集体协商。", expect=("Measure", "餐饮行业工资集体协商"),
      description="collective bargaining or its contract narrowed by a trade or a level (餐饮行业工资集体协商, 行业性工资集体协商)")
def sector_bargaining(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    out = []
    for h in vocab_hits(ctx):
        if not h.whole or len(h.concepts) != 1 or h.concepts[0].label not in _BARGAINING:
            continue
        start = next((h.start - len(f) for f in _SECTOR_FORMS if text.endswith(f, 0, h.start)), None)
        if start is None and text.endswith("行业", 0, h.start):  # 餐饮/n 行业: one noun before 行业; else 行业 alone
            tags = ctx.pos_tags(max(0, h.start - 8), h.start - 2)
            named = tags and tags[-1][2].startswith("n") and tags[-1][1] - tags[-1][0] >= 2
            start = tags[-1][0] if named else (h.start - 2 if h.name.endswith("协商") else None)
        if start is not None:
            out.append(Candidate(start, h.end, "Measure", strip_marks(text[start:h.end]), "measure.sector-bargaining"))
    return out


_FUND = re.compile(r"专项资金|资金|金(?![额融属牌])")


@rule("measure.programme-fund", example="全国总工会安排送温暖专项资金3.53亿元。", expect=("Measure", "送温暖专项资金"),
      description="the fund of a standing programme, named after it (送温暖专项资金, 困难职工帮扶金): a measure of its own")
def programme_funds(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    out = []
    for h in vocab_hits(ctx):
        if not h.whole or len(h.concepts) != 1 or h.concepts[0].cls != "Measure":
            continue
        m = _FUND.match(text, h.end)
        if m and ctx.is_boundary(m.end()) and not h.name.endswith(("金", "资金", "基金")):
            out.append(Candidate(h.start, m.end(), "Measure", strip_marks(text[h.start:m.end()]), "measure.programme-fund"))
    return out


@rule("measure.group-joins", example="市总工会启动了企业农民工入会工作。", expect=("Measure", "农民工入会"),
      description="a worker group, then 入会: the drive to enrol them in the union (农民工入会, 快递员入会)")
def group_joins(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    return [Candidate(h.start, h.end + 2, "Measure", h.concepts[0].label + "入会", "measure.group-joins")
            for h in vocab_hits(ctx)
            if h.whole and len(h.concepts) == 1 and h.concepts[0].cls == "WorkerGroup"
            and text.startswith("入会", h.end) and not text.startswith(("入会集中行动", "入会率"), h.end)]


@cache
def _re_measure_verb():
    return re.compile(rf"(?:{_alt(inv.MEASURE_VERBS)})")


_CHUNK_STOP = re.compile(r"[，,；;：:。！？!?、“”‘’\"'《》（）()「」『』\s]")
_AFTER_HEAD = ("等", "工作", "建设", "和", "及", "与", "为", "的工作", "达", "共计", "合计", "总计", "累计")


@rule("measure.verb-object", example="今年该省将实施职工素质提升工程。", expect=("Measure", "职工素质提升工程"),
      description="a verb, then a programme (建立职工需求调查制度, 开展困难职工帮扶攻坚行动)")
def verb_objects(ctx: Context, pool: Pool) -> list[Candidate]:
    """A measure introduced by a verb: 开展困难职工帮扶攻坚行动, 建立职工需求调查制度,
    健全…民主管理制度 (rule ``measure.verb-object``). The verb must be a whole word to
    jieba; the object runs to the clause end when it ends with a head (else to the
    first head followed by 等/和/工作…), and starts after its last 的 and after
    stacked verbs (健全完善…) and degree words (大规模…)."""
    heads = tuple(sorted(inv.MEASURE_HEADS, key=len, reverse=True))
    head_ends = literal_ends(ctx.text, heads)  # a verb with no head in reach of its chunk names nothing
    found = [c for m in _re_measure_verb().finditer(ctx.text) if any_between(head_ends, m.end() + 1, m.end() + _CHUNK)
             for c in _verb_object(ctx, m, heads)]
    return found + [c for f in found if ctx.text.startswith("、", f.end) for c in _listed_after(ctx, f)]


#: An item of a list after a verb's object: up to 14 characters, then a mark or a word that ends the item.
_LIST_ITEM = re.compile(r"[\u4e00-\u9fff]{3,14}?(?=[、，,。；;]|和|及|等)")
#: The heads of listed measures read on: contests and named programmes.
_LISTED_HEADS = ("技能竞赛", "技能大赛", "竞赛", "大赛", "比武", "运动会", "专项行动", "行动", "工程", "计划")
#: Items read after a verb's object, at most: 开展了A技能大赛、B技能大赛、C技能大赛等.
_MAX_LISTED = 8


def _listed_after(ctx: Context, first: Candidate) -> list[Candidate]:
    """The contests and programmes listed after ``first`` (a verb's object) with the same head:
    开展了制茶工技能大赛、农电工技能大赛等 gives 农电工技能大赛 too. Lists of rules (健全考勤制度、学籍制度)
    are left alone: each is an institution's housekeeping, not a union's measure."""
    text = ctx.text
    head = next((h for h in _LISTED_HEADS if first.label.endswith(h)), None)
    out: list[Candidate] = []
    pos = first.end
    while head is not None and len(out) < _MAX_LISTED and text.startswith(("、", "和", "及"), pos):
        m = _LIST_ITEM.match(text, pos + 1)
        if m is None or not m.group().endswith(head) or len(m.group()) < len(head) + 2 or not ctx.is_boundary(m.start()):
            break
        label = measure_label(m.group(), ctx.comp.lexicon)
        if not _good_measure(label, head):
            break
        out.append(Candidate(m.start(), m.end(), "Measure", label, "measure.verb-object"))
        pos = m.end()
    return out


#: The most characters ``_verb_object`` reads after a verb (to the first mark): its object ends there at the latest.
_CHUNK = 26


_SUFFIX_NOISE = tuple(inv.MEASURE_SUFFIX_NOISE)
_CONJ = re.compile(r"[和及与]")


def _verb_object(ctx: Context, m: re.Match, heads: tuple[str, ...]) -> list[Candidate]:
    """The measure (or two) the verb ``m`` introduces, if any."""
    text = ctx.text
    stop = _CHUNK_STOP.search(text, m.end(), m.end() + 27)
    chunk = text[m.end():stop.start() if stop else min(len(text), m.end() + 26)]
    trimmed = _without_suffix_noise(chunk)
    whole = stop is not None and trimmed.endswith(heads)
    if m.group() in inv.REPORTED and not (stop is not None and chunk.endswith(heads) and len(chunk) <= 10):
        return []  # 此次劳模休养活动，…: only a short name closing its clause
    conj = _CONJ.search(trimmed)
    if whole and conj and _ends_as_measure(ctx, trimmed[:conj.start()]):
        # 开展职工心理咨询和减压活动: two measures, not one
        left_end = m.end() + conj.start()
        return [c for s0, e0 in ((m.end(), left_end), (left_end + 1, m.end() + len(trimmed)))
                for c in _conjunct(ctx, s0, e0)]
    if whole and not conj:
        end: int | None = m.end() + len(trimmed)
    else:  # 建立职工需求调查制度和…: the first head a boundary follows; else the whole chunk
        end = _first_head_end(chunk, heads, stop is not None)
        end = m.end() + end if end is not None else (m.end() + len(trimmed) if whole else None)
    if end is None:
        return []
    found = _object(ctx, m.group(), m.end(), end, heads)  # jieba last: most objects fail a cheap test
    return found if found and ctx.aligned(m.start(), m.end()) else []


def _without_suffix_noise(chunk: str) -> str:
    """``chunk`` without the words after its head (…工作, …建设, …活动), except where 活动
    ends an event's name or 化 comes before them."""
    trimmed = chunk
    for noise in inv.MEASURE_SUFFIX_NOISE if chunk.endswith(_SUFFIX_NOISE) else ():  # the tuple test first: rarely true
        if trimmed.endswith(noise) and len(trimmed) > len(noise) and not trimmed.endswith("化" + noise) \
                and not _named_event(trimmed, noise):
            trimmed = trimmed[: -len(noise)]
    return trimmed


#: Verbs that name a measure only with a service head: 进行健康体检, 发挥维权热线作用.
_SERVICE_ONLY_VERBS = ("进行", "发挥")
_SERVICE_HEADS = ("体检", "筛查", "热线", "机制", "平台", "义诊", "疗休养")


#: What 组织了 names as a measure: a contest (先后组织了制茶工技能大赛).
_ORGANISED_HEADS = ("竞赛", "大赛", "比武", "运动会", "评选")


#: Heads that name an event with 活动 after them: 腊八节暖心慰问活动 is that event's name.
_EVENT_HEADS = ("慰问", "关爱")


def _named_event(phrase: str, noise: str) -> bool:
    """True where 活动 ends an event's name (…口岸女职工慰问活动), not a bare 慰问活动."""
    return noise == "活动" and phrase[:-2].endswith(_EVENT_HEADS) and len(phrase) >= 8


def _conjunct(ctx: Context, s0: int, e0: int) -> list[Candidate]:
    s1 = _trim_measure_left(ctx, s0, e0)
    if s1 is None or e0 - s1 < 3:
        return []
    return [Candidate(s1, e0, "Measure", measure_label(ctx.text[s1:e0], ctx.comp.lexicon), "measure.verb-object")]


def _first_head_end(chunk: str, heads: tuple[str, ...], stopped: bool) -> int | None:
    """Where the first measure head of ``chunk`` ends that the chunk's end (at a mark)
    or a word like 等/和/工作 follows."""
    ends = [m.start() for m in _AFTER_HEAD_AT.finditer(chunk, 2)]  # where 等/和/工作… follows: few places
    if stopped and len(chunk) >= 2:
        ends.append(len(chunk))
    return next((i for i in ends if chunk.endswith(heads, 0, i)), None)


_AFTER_HEAD_AT = re.compile("(?=" + "|".join(map(re.escape, _AFTER_HEAD)) + ")")  # every start, overlapping ones too


def _object(ctx: Context, verb: str, start: int, end: int, heads: tuple[str, ...]) -> list[Candidate]:
    """The measure ending at ``end`` after ``verb``: it starts after its last 的, stacked
    verbs and degree words, and after a predicate inside it."""
    text = ctx.text
    head = next(h for h in heads if text.endswith(h, 0, end))
    s = _trim_measure_left(ctx, start, end)
    if s is None:
        return []
    # 不正当手段干扰工资集体协商: the object starts after a predicate inside the chunk
    verbs = [te for ts, te, _flag in ctx.pos_tags(s, end - len(head)) if text[ts:te] in inv.PREDICATE_VERBS] \
        if any(v in text[s:end - len(head)] for v in inv.PREDICATE_VERBS) else []  # the tagger only where needed
    if verbs and end - verbs[-1] >= len(head) + 2:
        s = verbs[-1]
    label = measure_label(text[s:end], ctx.comp.lexicon)
    if head in inv.WEAK_MEASURE_HEADS and verb in inv.WEAK_MEASURE_VERBS and (len(label) < 6 or head == "服务"):
        return []  # 推进…服务: too vague; 推进职业伤害保障试点: named enough
    if verb in _SERVICE_ONLY_VERBS and head not in _SERVICE_HEADS:
        return []  # 进行经济活动, 进行岗前培训: what anyone does, not a union's measure
    if verb == "组织了" and head not in _ORGANISED_HEADS:
        return []  # 组织了优秀职工到某地疗休养: a clause, not a contest's name
    if not _good_measure(label, head):
        return []
    return [Candidate(s, end, "Measure", label, "measure.verb-object")]


def _ends_as_measure(ctx: Context, phrase: str) -> bool:
    """职工心理咨询: ends with a measure head or a vocabulary measure."""
    if phrase.endswith(inv.MEASURE_HEADS):
        return True
    lex = ctx.comp.lexicon
    return any((c := lex.concept(phrase[i:])) is not None and c.cls == "Measure" for i in range(max(0, len(phrase) - 8), len(phrase) - 1))


#: What ``_trim_measure_left`` strips from an object's start, longest first.
_LEFT_NOISE = tuple(sorted(inv.MEASURE_VERBS + inv.MEASURE_PREFIX_NOISE, key=len, reverse=True))


def _trim_measure_left(ctx: Context, s: int, e: int) -> int | None:
    text = ctx.text
    cut = max(text.rfind("的", s, e), text.rfind("暨", s, e))  # 启动仪式暨…慰问活动: the second of two events
    if cut >= 0:
        s = cut + 1
    for v in _re_measure_verb().finditer(text, s + 1, e - 2):
        if v.group() not in inv.WEAK_MEASURE_VERBS and ctx.aligned(v.start(), v.end()):  # 推动企业建立…机制: the object follows the last verb
            s = v.end()
    changed = True
    while changed and s < e:
        changed = False
        if text.startswith(_LEFT_NOISE, s):  # the tuple test first: rarely true
            for w in _LEFT_NOISE:
                if text.startswith(w, s) and e - s - len(w) >= 2 and (len(w) > 1 or ctx.is_boundary(s + 1)):
                    s += len(w)  # 领取过/年大礼包: a particle only where a word starts after it (过年)
                    changed = True
                    break
        headcount = COUNT.match(text, s, e)
        if headcount and headcount.group().endswith(_HEADCOUNT + _UNIT_COUNT) and e - headcount.end() >= 4:
            s, changed = headcount.end(), True  # 启动3000名劳模休养活动: whom it is for, counted; 100家暖心驿站: how many
    return s if s < e else None


#: A count of people before a programme counts its beneficiaries (3000名劳模休养活动); a
#: count of events (3万场次…活动) is no programme at all.
_HEADCOUNT = ("名", "位", "人", "户")
#: A count of the places a programme has (建设完成100家暖心驿站): how many, not part of its name.
_UNIT_COUNT = ("家", "座", "所", "处")


_NOT_IN_MEASURES = ("期间", "或者", "或", "以及", "并", "其他", "有关", "所", "其", "之间", "之一", "该", "本",
                    "我们", "他们", "她们", "你们", "咱们")  # 工会免费送我们体检: a quote, not a name
_PREPOSITIONS = tuple("对向为以从在把将与和由被给")




_NOT_MEASURE_LEADS = ("下列", "相应", "上述", "前款", "本款", "优先", "优待", "以下")


def _good_measure(label: str, head: str) -> bool:
    if len(label) < len(head) + 2 or label in inv.GENERIC_WORDS:
        return False
    if COUNT.match(label):
        return False  # 3万场次…活动, 200余名…培训: a count, not a programme
    if any(w in label for w in _NOT_IN_MEASURES) or label.startswith(_PREPOSITIONS) or len(label) > 22:
        return False
    if len(label) <= len(head) + 4 and label[: len(label) - len(head)] in inv.GENERIC_MEASURE_MODIFIERS:
        return False  # 管理制度, 工作机制: a kind of thing, not a named measure
    if head in ("活动", "慰问") and label[: len(label) - len(head)] in inv.GENERIC_ACTIVITY_MODIFIERS:
        return False  # 公益活动, 暖心慰问
    if label[:-len(head)].endswith("等") or label.startswith(_NOT_MEASURE_LEADS):
        return False  # 职业培训等补贴: a list's tail; 下列服务, 相应社会保障: a reference, not a name
    if any(w in label for w in inv.NON_ENTITY_HEADS + inv.NOT_MEASURE_TOPICS):
        return False  # 高速公路建设工程, 国民经济体系, 军事行动: not a union or labour measure
    return label[:len(label) - len(head)] not in inv.MEASURE_PREFIX_NOISE


#: A quoted name after one of these verbs is a measure whatever follows: 启动“工会进万家”.
_QUOTE_VERBS = ("实施", "开展", "启动", "推行", "推出", "举办", "发起", "创建", "打造", "深入开展", "广泛开展", "大力实施",
                "开通", "建立", "设立", "搭建", "上线", "建起", "建成", "开设", "开办")
#: Otherwise a programme noun must follow it: 实行“…”制度, 开展“…”活动, 推广“…”模式.
_AFTER_QUOTE = ("活动", "行动", "工程", "计划", "项目", "服务", "品牌", "特色品牌", "模式", "建设", "工作", "方式", "制度", "机制",
                "平台", "专项", "系列", "主题", "竞赛", "培训")


@cache
def _re_quote():
    """A quoted name in any of the marks web and PDF text use: “…”, "…", 「…」, 『…』, ‘…’."""
    return re.compile(r"“([^“”\n]{2,20})”|\"([^\"\n]{2,20})\"|「([^「」\n]{2,20})」|『([^『』\n]{2,20})』|‘([^‘’\n]{2,20})’")


_QUOTE_SUFFIX = re.compile(r"[\u4e00-\u9fff]{2,12}")
#: A theme's campaign of a named kind right after the quoted theme: “…”主题宣讲比赛, “…”主题征文活动
#: (a bare “…”主题活动 is the theme's: the quoted name alone).
_THEMED = re.compile(r"主题[\u4e00-\u9fff]{0,4}?(?:宣讲|征文|演讲|知识|技能|摄影|书画)(?:活动|比赛|竞赛|大赛)?")
#: Words that end a quoted name's tail: what follows them is not part of the name.
_TAIL_BREAKS = ("等", "的", "和", "与", "及", "为", "对", "向", "在", "中", "是")


#: Heads a short quoted word is named by on their own: “两癌”筛查, “三送”活动 is not one (活动 is a tail).
_STRONG_HEADS = tuple(h for h in inv.MEASURE_HEADS if h not in inv.WEAK_MEASURE_HEADS and h != "活动" and len(h) >= 2)


def _quote_tail(ctx: Context, pos: int, name: str) -> re.Match | None:
    """The run after a closing quote that completes the quoted word into a measure:
    up to five characters ending with a measure head (“两癌”免费筛查), or, after a short
    quoted word, the longest run up to a head on a word boundary, without a break word
    or a service verb (“同心圆”职工之家建设提升行动, but not “尊法守法”服务农民工活动,
    where the tail describes the campaign). None if neither."""
    text = ctx.text
    short = re.match(r"[\u4e00-\u9fff]{2,5}", text[pos:pos + 5])
    if short is None or short.group().startswith(("等", "的")):
        return None
    n = _short_tail(ctx, pos, short.group())
    if n:
        return _QUOTE_SUFFIX.match(text, pos, pos + n)
    head = _head_after(ctx, pos, name, short.group())
    if head:
        return _QUOTE_SUFFIX.match(text, pos, pos + len(head))
    run = _QUOTE_SUFFIX.match(text, pos)
    if len(name) > 4 or run is None or "服务" in run.group():
        return None
    tail = run.group()
    cut = next((i for i in range(len(tail)) if tail.startswith(_TAIL_BREAKS, i)), len(tail))
    for n in range(cut, 5, -1):
        if tail[:n].endswith(inv.MEASURE_HEADS) and ctx.is_boundary(pos + n):
            return _QUOTE_SUFFIX.match(text, pos, pos + n)
    return None


def _head_after(ctx: Context, pos: int, name: str, short: str) -> str:
    """A strong head right after the quote that completes the quoted name: after a short
    name (“两癌”筛查, not “两癌”筛查力度), or closing the clause after one of up to eight
    characters (“中原大工匠”评选，) that is not in a list of quoted names sharing the head
    (“甲”和“乙”制度); '' if none."""
    text = ctx.text
    head = next((h for h in _STRONG_HEADS + ("检查",) if short.startswith(h)), "")  # “两癌”检查
    if not head or len(name) > 8:
        return ""
    opening = pos - len(name) - 2  # where the quote opens
    closed = not is_cjk(text[pos + len(head):pos + len(head) + 1]) \
        and not any(c in "”\"」』’" for c in text[max(0, opening - 3):opening])
    return head if (len(name) <= 4 or closed) and ctx.is_boundary(pos + len(head)) else ""  # jieba last


def _short_tail(ctx: Context, pos: int, short: str) -> int:
    """Length of the short run after a quote that ends with a measure head: the whole run
    (“两癌”免费筛查), or a programme word ending before it on a word boundary
    (“免费送劳务工平安返乡”主题活动中); 0 if neither."""
    if short.endswith(inv.MEASURE_HEADS) and len(short) >= 3:
        return len(short)
    n = next((n for n in range(len(short) - 1, 2, -1) if short[:n].endswith(_PROGRAMME_WORDS)), 0)
    return n if n and ctx.is_boundary(pos + n) else 0


#: Quoted occasions that date a standing programme: “两节”送温暖活动 is 送温暖.
_OCCASIONS = ("两节", "元旦春节", "春节", "元旦", "中秋", "国庆", "中秋国庆", "五一", "端午", "夏季", "冬季", "暑期",
              "寒假", "暑假", "岁末年初", "年末岁初", "两节期间", "节日")


def _standing_after(ctx: Context, pos: int) -> tuple[int, str] | None:
    """(end, label) of a standing programme of the vocabulary right after a quoted word,
    with its 活动/行动 tail: “两节”送温暖活动 is the 送温暖 of the two festivals."""
    text = ctx.text
    for n in range(min(8, len(text) - pos), 1, -1):
        concept = ctx.comp.lexicon.concept(text[pos:pos + n])
        if concept is not None and concept.cls == "Measure" and ctx.is_boundary(pos + n):
            return after_programme_tail(text, pos + n), concept.label
    return None


_DATE_IN_GAP = re.compile(r"了|\d{4}年度?|第[一二三四五六七八九十\d]{1,3}[届期轮]")


def _gap(text: str, start: int, end: int) -> int:
    """Characters between a verb and a quoted name, not counting 了 and a year or an
    edition: 启动了2026年“职工技能提升月”活动 is as near as 启动“…”."""
    return len(_DATE_IN_GAP.sub("", text[start:end])) if end - start <= 16 else end - start
#: 以“…”为载体: the words after a quoted name that make it the vehicle of a programme.
_VEHICLE = ("为载体", "为抓手", "为平台", "为依托", "为纽带", "为品牌")


_QUOTE_JOINS = ("以及", "、", "和", "及", "与")
#: Adjacent quoted names followed each way, at most: a run of thousands stays linear.
_MAX_QUOTE_CHAIN = 12


def _quote_chain(text: str, m: re.Match) -> tuple[int, int]:
    """Start of the first and end of the last of adjacent quoted names around ``m``:
    采取“园区建会”“行业建会”等方式, 建起“女职工休息室”和“夫妻房” -> the span of both."""
    rx = _re_quote()
    first, last = m.start(), m.end()
    for _ in range(_MAX_QUOTE_CHAIN):  # walk left over “…”“…”, “…”、“…” and “…”和“…”
        prev = next((p for p in rx.finditer(text, max(0, first - 24), first)
                     if p.end() == first or text[p.end():first] in _QUOTE_JOINS), None)
        if prev is None:
            break
        first = prev.start()
    for _ in range(_MAX_QUOTE_CHAIN):
        skip = next((len(j) for j in _QUOTE_JOINS if text.startswith(j, last)), 0)
        nxt = rx.match(text, last + skip)
        if nxt is None:
            break
        last = nxt.end()
    return first, last


@rule("measure.quoted", example="大力实施农民工“求学圆梦行动”。", expect=("Measure", "求学圆梦行动"),
      description="a quoted name a verb introduces or a measure head ends (实施农民工“求学圆梦行动”)")
def quoted_measures(ctx: Context, pool: Pool) -> list[Candidate]:
    """A quoted name a verb introduces, or one ending with a measure head:
    实施农民工“求学圆梦行动”, 开展“司机之家”建设, “职工技能提升行动”
    (rule ``measure.quoted``). Slogans and concepts (“两个一百年”, “三服务”工作理念)
    are not measures."""
    text = ctx.text
    return [c for m in finditer_from(_re_quote(), text, literal_starts(text, _QUOTE_OPENS)) for c in _quoted(ctx, m)]


#: What every match of ``_re_quote()`` opens with: it is tried only there.
_QUOTE_OPENS = ("“", "\"", "「", "『", "‘")


def _quoted(ctx: Context, m: re.Match) -> list[Candidate]:
    """The measure the quoted name ``m`` names, if it is one."""
    text = ctx.text
    name = next(g for g in m.groups() if g is not None)
    if name.isdigit() and 3 <= len(name) <= 6 and text.startswith("热线", m.end()):  # “12351”热线
        return [Candidate(m.start(), m.end() + 2, "Measure", name + "热线", "measure.quoted")]
    slogan = _slogan_campaign(text, m.end(), name)  # “情系职工，清凉一夏”活动
    if not slogan and _not_a_name(ctx, name):
        return []
    before = _before_standing(ctx, m, name)
    if before is not None:
        return before
    themed = _THEMED.match(ctx.text, m.end())
    if themed is not None:  # “赓续…百年路 建功…”主题征文活动: the campaign the theme names
        return [Candidate(m.start(), themed.end(), "Measure", measure_label(name + themed.group(), ctx.comp.lexicon),
                          "measure.quoted")]
    ext = _quote_tail(ctx, m.end(), name)
    if ext is not None and not (slogan and ext.group().lstrip("大") not in _PROGRAMME_WORDS):
        # “同心同向谋发展，争先争优促转型”大行动: a two-part slogan named by its head
        # “两癌”免费筛查, “同心圆”职工之家建设提升行动: the quoted word names only part of the measure
        label = measure_label(name + ext.group(), ctx.comp.lexicon)
        return [Candidate(m.start(), ext.end(), "Measure", label, "measure.quoted")]
    if slogan:
        return [Candidate(m.start(), m.end(), "Measure", name, "measure.quoted")]
    if any(ch in "，," for ch in name) or not _quoted_name_counts(ctx, m, name):
        return []  # a quoted sentence, not a name
    return [Candidate(m.start(), m.end(), "Measure", measure_label(name, ctx.comp.lexicon), "measure.quoted")]


def _before_standing(ctx: Context, m: re.Match, name: str) -> list[Candidate] | None:
    """What a quoted name right before a standing programme names, or None if no
    programme of the vocabulary follows it (or one of its systems does)."""
    standing = _standing_after(ctx, m.end())
    if standing is None or ctx.text.startswith(_SYSTEM_HEADS, standing[0]):
        return None  # “兴工杯”职业技能竞赛体系: the quoted word names a system of the programme
    if name in _OCCASIONS:  # “两节”送温暖活动: an occasion of a standing programme
        return [Candidate(m.start(), standing[0], "Measure", standing[1], "measure.quoted")]
    if not _numbered_slogan(name) and _good_quoted(name):
        # “爱心驿家”送温暖活动: the campaign's own name; the programme after it is found on its own
        return [Candidate(m.start(), m.end(), "Measure", measure_label(name, ctx.comp.lexicon), "measure.quoted")]
    return None


def _quoted_name_counts(ctx: Context, m: re.Match, name: str) -> bool:
    """The quoted ``name`` is a measure on its own: it ends with a strong head or is a gift
    handed over, or a verb introduces it; not a numbered slogan nor a bare 基金."""
    text = ctx.text
    first, last = _quote_chain(text, m)
    followed = text.startswith(_AFTER_QUOTE, last + (1 if text.startswith("等", last) else 0))
    strong_head = (name.endswith(inv.MEASURE_HEADS) and not name.endswith(inv.WEAK_MEASURE_HEADS)) \
        or (name.endswith("包") and _handed(text, first)) \
        or (name.endswith(inv.MEASURE_HEADS) and text.endswith(inv.UNION_NAME_ENDS, 0, first))  # 市总工会“智慧工会云平台”: the union's own
    # 准备了温馨的 “驿站义剪”活动: named as a campaign; “中国农民丰收节”活动 is a festival's
    campaign = text.startswith(("活动", "行动"), last) and not name.endswith("节")
    strong_head = strong_head or _received(ctx, first)
    if not (strong_head or campaign or _introduced(ctx, first, last, followed)):
        return False
    # “四送”活动; not “五一”活动 (a holiday) nor “两个确保”活动 (a slogan of counted aims)
    named_campaign = campaign and name not in _OCCASIONS and not _COUNTED_SLOGAN.match(name)
    if not strong_head and not named_campaign and not (followed and len(name) > 6) and _numbered_slogan(name):
        return False  # “两个一百年”, “三服务”, “四化”: numbered slogans (but “四送”活动 names a campaign)
    return _good_quoted(name)  # not “基金”, “本基金”


#: A group receiving what is quoted next: 环卫工人在现场领取了“爱心早餐”.
_RECEIVING = re.compile(rf"(?:{'|'.join(inv.RECEIVING_VERBS)})了?$")


def _received(ctx: Context, first: int) -> bool:
    """A worker group (of the vocabulary or its heads) receives the quoted name at ``first``."""
    verb = _RECEIVING.search(ctx.text, max(0, first - 4), first)
    if verb is None:
        return False
    lo = max(0, verb.start() - 12)
    return any(lo <= h.start and h.end <= verb.start() and any(c.cls == "WorkerGroup" for c in h.concepts)
               for h in vocab_hits(ctx))


#: A gift handed over right before a quoted name: 送去1000份“清凉包”, 送上“爱心包”.
_GIVING_VERBS = "送去|送上|送来|送出|赠送|发放|分发"
_HANDED = re.compile(rf"(?:{_GIVING_VERBS})了?(?:\d+|[一二两三四五六七八九十百千万]+)?余?[份个袋箱]?$")
#: The giving verb of a gift described before its name: 送上包含藿香正气水、清凉油等物品的“清凉包”.
_HANDED_DESCRIBED = re.compile(rf"(?:{_GIVING_VERBS})[^，,。；;：:！？!?“”]{{0,30}}的$")


def _handed(text: str, first: int) -> bool:
    return _HANDED.search(text, max(0, first - 12), first) is not None \
        or _HANDED_DESCRIBED.search(text, max(0, first - 40), first) is not None


#: What a two-part slogan's head may be for the head to join its name: “比学习，赶先进”大行动;
#: “迎新春 送祝福”送春联活动 is named by the slogan alone.
_PROGRAMME_WORDS = ("行动", "活动", "竞赛", "大赛", "行动计划", "专项行动")


_SLOGAN_PARTS = re.compile(r"[\u4e00-\u9fff]{3,8}(?:[，,、·•・ ][\u4e00-\u9fff]{3,8}){1,3}")  # up to four parts
#: How far a campaign's 活动/行动 may follow a two-part slogan: “温暖回家路·工会伴你行”农民工返乡专列活动.
_SLOGAN_TAIL = re.compile(r"(?:(?!为主题)[\u4e00-\u9fff]){0,10}?(?:活动|行动|竞赛|大赛)")  # not a theme: “…”为主题的竞赛


def _slogan_campaign(text: str, pos: int, name: str) -> bool:
    """A campaign named by a two-part slogan, its 活动/行动 after the quote within the clause:
    “情系职工，清凉一夏”活动, “关爱职工促和谐、夏送清凉保安康”活动, “与某某携手、与文明同行、争做环保达人”
    公益活动. A quoted sentence or a
    quoted list of two names has no 活动 after it."""
    return _SLOGAN_PARTS.fullmatch(name) is not None and _SLOGAN_TAIL.match(text, pos) is not None


def _good_quoted(name: str) -> bool:
    head = next((h for h in sorted(inv.MEASURE_HEADS, key=len, reverse=True) if name.endswith(h)), None)
    return head is None or _good_measure(strip_marks(name), head)


def _not_a_name(ctx: Context, name: str) -> bool:
    """A quoted list or sentence, a concept, or what the vocabulary says is no measure (“工人文化宫”)."""
    if any(ch in "、。；;" for ch in name) or any(w in name for w in inv.NON_ENTITY_HEADS):
        return True
    known = ctx.comp.lexicon.concept(name)
    return known is not None and known.cls != "Measure"


def _introduced(ctx: Context, first: int, last: int, followed: bool) -> bool:
    """A verb just before the quoted names [first, last) introduces them (启动“工会进万家”,
    or 开展“…”活动 when a programme noun follows), or they are the vehicle of the work that
    follows (以“四级一体”为载体)."""
    text = ctx.text
    if any(v.group() not in inv.WEAK_MEASURE_VERBS and _gap(text, v.end(), first) <= 5
           and (followed or v.group() in _QUOTE_VERBS)
           and ctx.aligned(v.start(), v.end()) and not _CHUNK_STOP.search(text, v.end(), first)
           for v in _re_measure_verb().finditer(text, max(0, first - 16), first)):
        return True
    if text.endswith(_HOSTED, 0, first) and (followed or "活动" in text[first:last]):
        return True  # 由全国总工会主办的“…系列活动女职工专场”: an event of a campaign, by its host
    return text.endswith("以", 0, first) and text.startswith(_VEHICLE, last)


_HOSTED = ("主办的", "承办的", "举办的", "组织的")


#: 两个一百年, 四化 (the look-behind starts a match only at a run's first numeral: linear on a run of them)
_COUNTED_SLOGAN = re.compile(r"(?<![一二两三四五六七八九十百千万\d])[一二两三四五六七八九十百千万\d]+[个种项条大化性必不]")


def _numbered_slogan(name: str) -> bool:
    """“两个一百年”, “三服务”, “四化”: a number opening a slogan."""
    return bool(_COUNTED_SLOGAN.match(name) or (len(name) <= 3 and re.match(r"[一二两三四五六七八九十\d]", name)))


_DOC_HEADS = ("意见", "方案", "计划", "办法", "规定", "纲要", "规划", "决定", "通知", "措施", "细则",
              "规则", "标准", "指引", "制度", "机制", "行动", "工程", "指南", "集体合同", "集体协议", "服务协议", "合作协议",
              "三方协议")


_NOT_DOC_HEADS = ("法", "法典", "章程", "条例", "公约")
_YEARS = re.compile(r"[（(]\d{4}\s*[—–\-－~～至]+\s*\d{4}\s*年?[）)]$")


@rule("measure.titled-doc", example="全国总工会印发《关于加强新就业形态劳动者权益保障工作的意见》。",
      expect=("Measure", "关于加强新就业形态劳动者权益保障工作的意见"),
      description="a policy document by its title (《关于加强新就业形态劳动者权益保障工作的意见》)")
def titled_documents(ctx: Context, pool: Pool) -> list[Candidate]:
    """A policy document by its title: 《关于加强新就业形态劳动者权益保障的指导意见》
    (rule ``measure.titled-doc``). Titles of papers, books and songs are skipped."""
    out = []
    for m in re.finditer(r"《([^《》\n]{2,60})》", ctx.text):
        name = m.group(1)
        bare = _YEARS.sub("", name)  # 三年行动计划（2023—2025年）: the years after the kind
        if len(bare) < 5 or not bare.endswith(_DOC_HEADS) or bare.endswith(_NOT_DOC_HEADS) or "关于修改" in name or "废止" in name \
                or "〈" in name:
            continue  # laws, charters and amendments are not measures
        out.append(Candidate(m.start(), m.end(), "Measure", strip_marks(name), "measure.titled-doc"))
    return out


@cache
def _re_means():
    item = r"[\u4e00-\u9fff][\u4e00-\u9fff·]{1,13}"
    items = rf"((?:{item}、){{0,30}}{item}(?:(?:和|及|与){item})?)"
    # 全面推行工资专户管理和银行代发等制度: a policy verb, a list, then 等 and the kind of rule they are
    # 实施青年职工思想引领、青年职工安·家等行动计划: programmes listed before their kind
    return re.compile(rf"(?:{_alt(inv.MEANS_VERBS)}){items}等?(?:{_alt(inv.MEANS_NOUNS)})"
                      rf"|(?:{_alt(_POLICY_VERBS)}){items}等(?:制度|机制|政策)"
                      rf"|(?:{_alt(_PROGRAMME_VERBS)}){items}等(?:行动计划|专项行动|行动|计划|工程)")


def _means_starts(text: str) -> list[int]:
    """Where a ``_re_means()`` match can begin: where a means, policy or programme verb does."""
    return literal_starts(text, inv.MEANS_VERBS + _POLICY_VERBS + _PROGRAMME_VERBS)


def _names_a_system(ctx: Context, s: int, e: int) -> bool:
    """A listed system is a noun phrase: no verb opens it (悬挂光荣牌, 载入地方志 are acts)
    and a noun, or a noun and a verb, ends it (工资专户管理/vn, 银行/n 代发/v)."""
    tags = ctx.pos_tags(s, e)
    if not tags or tags[0][2] in ("v", "p", "c", "d"):
        return False
    last = tags[-1][2]
    return last in ("n", "vn", "nz", "l", "j", "an") or (last == "v" and len(tags) > 1 and tags[-2][2] == "n")  # 银行/n 代发/v


_POLICY_VERBS = ("推行", "实行", "落实", "建立", "健全", "完善", "推广")
#: Verbs before programmes listed with their kind: 实施…、…等行动计划.
_PROGRAMME_VERBS = ("实施", "启动")


#: Heads strong enough to name a measure after a list's 等: 养老、医疗、失业等社会保险补贴.
_LIST_HEADS = ("补贴", "津贴", "补助", "补助金", "保险")
_AFTER_LIST = re.compile(r"等([\u4e00-\u9fff]{4,10}(?:[和及][\u4e00-\u9fff]{4,10})?)(?=[，,。；;])")


@rule("measure.list-category", example="按照规定享受养老、医疗、失业等社会保险补贴。", expect=("Measure", "社会保险补贴"),
      description="the category after a list's 等, ending a clause with a benefit head (…等社会保险补贴)")
def list_categories(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    out = []
    for m in _AFTER_LIST.finditer(text):
        if "、" not in text[max(0, m.start() - 16):m.start()]:
            continue  # 等 must close a list: 养老、医疗、失业等
        pos = m.start(1)
        for name in re.split("[和及]", m.group(1)):  # …等社会保险补贴和岗位补贴: each a category
            out += _list_category(ctx, pos, name)
            pos += len(name) + 1
    return out


def _list_category(ctx: Context, pos: int, name: str) -> list[Candidate]:
    head = next((h for h in _LIST_HEADS if name.endswith(h)), None)
    if head is None or "的" in name or not ctx.is_boundary(pos):
        return []
    end = pos + len(name)
    if not all(flag in ("n", "vn", "nz", "b", "j", "l", "an") for _s, _e, flag in ctx.pos_tags(pos, end)) \
            or not _good_measure(name, head):
        return []
    return [Candidate(pos, end, "Measure", measure_label(name, ctx.comp.lexicon), "measure.list-category")]


@rule("measure.by-means", example="通过以奖代补、购买服务等方式支持基层工会。", expect=("Measure", "以奖代补"),
      description="the listed means of an action (通过转移支付、项目化管理等方式), or the systems a policy verb lists (推行工资专户管理和银行代发等制度)")
def means_measures(ctx: Context, pool: Pool) -> list[Candidate]:
    """The listed means of an action: 通过转移支付、项目化管理等方式 (rule ``measure.by-means``)."""
    out = []
    text = ctx.text
    for m in finditer_from(_re_means(), text, _means_starts(text)):
        g = next(i for i in (1, 2, 3) if m.group(i))  # 2, 3: a list of systems or programmes, whatever their heads
        pos = m.start(g)
        parts = re.split(r"(、|和|及|与)", m.group(g))
        if not any(map(_may_be_item, parts)):
            continue  # no item could name a measure: jieba need not be asked
        if not (ctx.aligned(m.start(), m.start() + 2) if g == 1 else ctx.is_boundary(pos)):
            continue  # 全面推行/工资…: jieba may keep the verb in a longer word
        for part in parts:
            out += _listed_means(ctx, g, pos, part)
            pos += len(part)
    return out


def _listed_means(ctx: Context, g: int, s: int, part: str) -> list[Candidate]:
    """The measure one item ``part`` (at ``s``) of a list of means (``g`` 1), systems (2) or
    programmes (3) names, if any."""
    if not _may_be_item(part):
        return []
    e = s + len(part)
    if part.endswith("等"):
        part, e = part[:-1], e - 1
    s2 = _trim_measure_left(ctx, s, e)
    if s2 is None or e - s2 < 3:
        return []
    label = measure_label(ctx.text[s2:e], ctx.comp.lexicon)
    if label in inv.GENERIC_WORDS or (g != 3 and any(w in label for w in inv.NOT_MEASURE_WORDS + _NOT_IN_MEASURES)):
        return []  # (…思想引领、…等行动计划: the text itself calls them programmes)
    if g == 1 and not (label.endswith(inv.MEANS_ITEM_HEADS) or ctx.comp.lexicon.concept(label)):
        return []  # 通过电子邮件等方式: a channel, not a measure
    if g in (2, 3) and not _names_a_system(ctx, s2, e):
        return []
    return [Candidate(s2, e, "Measure", label, "measure.by-means")]


def _may_be_item(part: str) -> bool:
    """The cheap test an item of a list of means passes before anything else is asked:
    three characters or more (a 等 after it not counted), no 的, not a separator."""
    if part.endswith("等"):
        part = part[:-1]
    return not (part in ("、", "和", "及", "与") or len(part) < 3 or "的" in part)


#: A date or an edition before a standing programme: 2027年中秋国庆期间, 第八届, 2012年元旦春节.
_EDITION = re.compile(r"(?:\d{4}年度?|第[一二三四五六七八九十百\d]+(?:届|期|轮))[\u4e00-\u9fff]{0,10}$"
                      r"|(?:元旦春节|新春佳节|新春|春节|两节|中秋国庆|中秋|国庆|夏季|冬季|岁末年初)(?:期间)?$"  # 春节送温暖活动
                      r"|[“\"「『‘][\u4e00-\u9fff][”\"」』’]$")  # “云”送清凉活动: one quoted character marks an edition


@rule("measure.edition", example="开展2027年中秋国庆期间金秋助学活动。", expect=("Measure", "金秋助学"),
      description="a dated or numbered edition of a standing programme names the programme, the full form kept as an alias")
def edition_names(ctx: Context, pool: Pool) -> list[Candidate]:
    """2027年中秋国庆期间金秋助学活动 is 金秋助学, 第八届全国职工职业技能大赛 is 全国职工职业技能大赛."""
    out = []
    text = ctx.text
    for c in pool.of(*VOCAB_RULES):
        if c.cls != "Measure" or not c.whole or c.label.startswith("?"):
            continue
        m = _EDITION.search(text, max(0, c.start - 18), c.start)
        if m is None or ctx.sentence_of(m.start(), c.end) is None or _FUND.match(text, c.end):
            continue  # 2025年困难职工帮扶金: the year's fund, measure.programme-fund's
        end = after_programme_tail(text, c.end)
        out.append(Candidate(m.start(), end, "Measure", c.label, "measure.edition", vocab=True))
    return out


#: A date or an occasion, then a campaign's name ending with an action head: 2012年元旦春节
#: 困难职工生活救助专项行动 is 困难职工生活救助专项行动, the dated form an alias.
_DATED_ACTION = re.compile(
    r"(?P<date>\d{4}年度?(?:(?:元旦春节|元旦|春节|两节|中秋国庆|中秋|国庆|夏季|冬季|暑期|岁末年初)(?:期间)?)?)"
    r"(?P<name>[\u4e00-\u9fff]{4,16}?(?:专项行动|行动计划|攻坚行动|行动|工程))")

#: A campaign launched under its own name, unquoted: …专项活动启动, …活动正式启动.
_LAUNCHED = re.compile(r"(?:专项活动|专项行动|活动|行动)(?:正式)?(?:启动|拉开帷幕)")
_LAUNCHED_HEADS = ("专项活动", "专项行动", "活动", "行动")
#: Words that say a launch is reported, not named: posts, what people do at it (宣布, 出席).
_NOT_IN_LAUNCHED = (*inv.POSTS, *inv.NAME_VERBS, "宣布", "仪式", "举行", "举办", "在", "的")


@rule("measure.launched", example="2月5日，东山省总工会关心关爱就地过年职工专项活动启动。",
      expect=("Measure", "关心关爱就地过年职工专项活动"),
      description="a campaign named right after the organization that runs it and launched (…专项活动启动, 活动正式启动), "
                  "unquoted; not an edition of a standing programme (measure.edition reads those)")
def launched(ctx: Context, pool: Pool) -> list[Candidate]:
    org_ends = {c.end for c in pool.everything() if c.cls == "Organization"}
    found = (_launched_name(ctx, m, org_ends) for m in _LAUNCHED.finditer(ctx.text))
    return [c for c in found if c is not None]


def _launched_name(ctx: Context, m: re.Match, org_ends: set[int]) -> Candidate | None:
    """The campaign whose launch ``m`` reports, named from the end of the organization before it."""
    text = ctx.text
    head = next(h for h in _LAUNCHED_HEADS if text.startswith(h, m.start()))
    end = m.start() + len(head)
    start = max((s for s in range(max(0, m.start() - 16), m.start() - 3) if s in org_ends), default=None)
    if start is None or not ctx.is_boundary(start) or ctx.sentence_of(start, end) is None:
        return None
    name = text[start:end]
    if not all(is_cjk(c) for c in name) or _names_standing(ctx, start, end):
        return None  # 送温暖活动: a standing programme's edition (measure.edition reads it)
    if any(w in name for w in _NOT_IN_LAUNCHED) or any(f.startswith("nr") for _s, _e, f in ctx.pos_tags(start, end)):
        return None  # 市总工会主席张某宣布活动正式启动: a post, a person and what they do, not a name
    label = measure_label(name, ctx.comp.lexicon)
    if not _good_measure(label, head) or label.startswith(tuple(inv.MEASURE_VERBS)):
        return None
    return Candidate(start, end, "Measure", label, "measure.launched")


def _names_standing(ctx: Context, start: int, end: int) -> bool:
    """A standing programme of the vocabulary is named inside [start, end)."""
    return any(start <= h.start and h.end <= end and any(c.cls == "Measure" for c in h.concepts) for h in vocab_hits(ctx))


_YEAR_WORD = re.compile("年")  # _DATED_ACTION begins four digits before it


@rule("measure.dated-action", example="市总工会举行2012年元旦春节困难职工生活救助专项行动资金发放仪式。",
      expect=("Measure", "困难职工生活救助专项行动"),
      description="a dated campaign ending with 专项行动/行动/工程 names the campaign, the dated form kept as an alias")
def dated_actions(ctx: Context, pool: Pool) -> list[Candidate]:
    out = []
    text = ctx.text
    for m in finditer_from(_DATED_ACTION, text, starts_before(text, _YEAR_WORD, range(4, 5))):
        s, e = m.start("name"), m.end("name")
        if not (ctx.is_boundary(s) and ctx.is_boundary(e)) or ctx.sentence_of(m.start(), e) is None:
            continue
        label = measure_label(m.group("name"), ctx.comp.lexicon)
        head = next(h for h in ("专项行动", "行动计划", "攻坚行动", "行动", "工程") if label.endswith(h))
        if _good_measure(label, head) and not label.startswith(tuple(inv.MEASURE_VERBS)):
            out.append(Candidate(m.start(), e, "Measure", label, "measure.dated-action"))
    return out


#: A numbered edition of a contest: 解放区第七届职工技能大赛, 粤港澳大湾区第四届职业技能大赛.
_NUMBERED = re.compile(r"第[一二三四五六七八九十百\d]{1,4}届(?P<name>[\u4e00-\u9fff]{2,14}?(?:技能大赛|大赛|竞赛|运动会))")


@rule("measure.numbered-edition", example="为期一个多月的解放区第七届职工技能大赛圆满落幕。",
      expect=("Measure", "解放区职工技能大赛"),
      description="a numbered edition of a contest names the contest, with the place printed before it (解放区第七届职工技能大赛); the full form kept as an alias")
def numbered_editions(ctx: Context, pool: Pool) -> list[Candidate]:
    out = []
    text = ctx.text
    for m in _NUMBERED.finditer(text):
        e = m.end("name")
        if not ctx.is_boundary(e) or ctx.sentence_of(m.start(), e) is None:
            continue
        start, place = _place_before(ctx, m.start())
        label = measure_label(place + m.group("name"), ctx.comp.lexicon)
        if not label.startswith(tuple(inv.MEASURE_VERBS)):
            out.append(Candidate(start, e, "Measure", label, "measure.numbered-edition"))
    return out


_CONTESTS = ("职业技能竞赛", "职工技能大赛", "职业技能大赛", "技能竞赛", "技能大赛", "劳动竞赛")
_CONTEST = re.compile("|".join(_CONTESTS))


@rule("measure.place-contest", example="正在参加江西省赣州市兴国县供电系统技能竞赛的选手。",
      expect=("Measure", "江西省赣州市兴国县供电系统技能竞赛"),
      description="a contest named by its place and trade (…兴国县供电系统技能竞赛): a contest of its own, not the standing kind")
def place_contests(ctx: Context, pool: Pool) -> list[Candidate]:
    out = []
    text = ctx.text
    for m in finditer_from(_CONTEST, text, literal_starts(text, _CONTESTS)):  # tried only where a word begins
        if not ctx.is_boundary(m.end()) or ctx.sentence_of(m.start(), m.end()) is None:
            continue
        for k in range(0, 9):  # the trade between the place and the contest: 供电系统
            p = m.start() - k
            between = text[p:m.start()]
            if p < 2 or not all(is_cjk(c) for c in between) or "届" in between or "工会" in between \
                    or not ctx.is_boundary(p) or any(f in ("v", "p", "c", "u", "d") for _, _, f in ctx.pos_tags(p, m.start())):
                continue  # 第七届…: measure.numbered-edition's; 总工会举办…: no trade of the contest
            start, place = _place_before(ctx, p)
            if place:
                out.append(Candidate(start, m.end(), "Measure", text[start:m.end()], "measure.place-contest"))
                break
    return out


def _place_before(ctx: Context, pos: int) -> tuple[int, str]:
    """(start, name) of the place jieba reads right before ``pos`` (解放区/nt, 贵州省/ns,
    粤港澳/ns 大湾/ns 区), else (pos, "")."""
    tags = ctx.pos_tags(max(0, pos - 10), pos)
    if tags and tags[-1][1] == pos and ctx.text[tags[-1][0]:pos] in ("区", "省", "市", "县"):
        tags = tags[:-1]  # a level word jieba left on its own
    start = tags[-1][1] if tags else pos  # where the place's last word must end
    words = 0
    for ts, te, flag in reversed(tags):
        if te != start or flag not in ("ns", "nt"):
            break
        start, words = ts, words + 1
    if words and pos - start >= 2 and ctx.is_boundary(start):
        return start, ctx.text[start:pos]
    return pos, ""
