"""Worker-group rules (``group.*``): vocabulary names, modified heads, 群体 phrases,
occupations and the members of enumerations.

Each rule is ``(ctx, pool) -> list[Candidate]`` declared with ``@rule``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from kg.extract import inventory as inv
from kg.extract.context import COUNT, Candidate, Context, finditer_from, is_cjk, literal_starts
from kg.extract.normalize import group_label
from kg.extract.rules.registry import rule
from kg.extract.rules.shared import _NOT_GROUP_LEADS, _PUNCT, Pool, _alt, known_places, vocabulary_matches


@rule("group.vocab", example="企业工会要依法维护女职工特殊权益。", expect=("WorkerGroup", "女职工"),
      description="a name in ontology/vocab/groups.ttl (农民工群体, 职工群众, 快递员)")
def vocabulary_groups(ctx: Context, pool: Pool) -> list[Candidate]:
    return vocabulary_matches(ctx, "WorkerGroup", "group.vocab")


# ---------------------------------------------------------------- worker groups

@cache
def _re_modifier_head():
    mods, heads = _alt(inv.GROUP_MODIFIERS), _alt(inv.GROUP_HEADS)
    return re.compile(rf"(?:{mods}){{1,3}}(?:{heads})(?:群体|队伍)?")


def _modifier_starts(text: str) -> list[int]:
    """Where ``_re_modifier_head()`` can begin: where a modifier begins."""
    return literal_starts(text, inv.GROUP_MODIFIERS)


@rule("group.modifier-head", example="帮助城镇困难职工脱贫致富。", expect=("WorkerGroup", "城镇困难职工"),
      description="modifiers before a group head noun (城镇困难职工, 新生代农民工)")
def modified_groups(ctx: Context, pool: Pool) -> list[Candidate]:
    """Modifiers before a group head noun: 城镇困难职工, 新生代农民工群体, 女职工
    (rule ``group.modifier-head``)."""
    out = []
    for m in finditer_from(_re_modifier_head(), ctx.text, _modifier_starts(ctx.text)):
        s, e = m.start(), m.end()
        if s > 0 and is_cjk(ctx.text[s - 1]) and not ctx.is_boundary(s):
            continue
        nxt = ctx.text[e:e + 2]
        if nxt[:1] in ("会", "代", "委") and nxt not in ("会员",):
            continue  # 一线职工代表大会..., 职工会: a longer word, not a group
        label = group_label(m.group(), ctx.comp.lexicon)
        if label.endswith("人才") and not label.startswith(("专业技术", "技术", "技能", "高技能", "科技", "青年")):
            continue  # 城市人才: 人才 heads a group only after a skill word
        out.append(Candidate(s, e, "WorkerGroup", label, "group.modifier-head"))
    return out


#: Migrant workers named by where they come from or where they work: 桂籍农民工,
#: 江油籍务工者, 毕节市在穗务工人员.
_MIGRANT_HEADS = re.compile(r"农民工|务工人员|务工者|打工者|建筑工人|建筑工|职工")


@rule("group.origin", example="200余名湘籍农民工乘坐专车返乡。", expect=("WorkerGroup", "湘籍农民工"),
      description="migrant workers by the place they come from (桂籍农民工) or work in (在穗务工人员, 来深务工人员)")
def origin_groups(ctx: Context, pool: Pool) -> list[Candidate]:
    out = []
    text = ctx.text
    for m in re.finditer("籍|在|来", text):  # 桂籍, 在穗, 来深
        head = _MIGRANT_HEADS.match(text, m.end() + (0 if m.group() == "籍" else 1))
        if head is None:
            continue
        if m.group() == "籍":  # the shortest place before 籍: 桂, 江油, 广西
            place_start = next((m.start() - n for n in range(1, 5) if m.start() - n >= 0
                                and _place_name(ctx, m.start() - n, text[m.start() - n:m.start()], before_ji=True)), None)
            start = place_start
        else:  # 在 and a one-character place (在穗), with the home place before it (毕节市在穗)
            place_start = m.start() if _place_name(ctx, m.end(), text[m.end():head.start()]) and head.start() == m.end() + 1 else None
            home = next((m.start() - n for n in (2, 3, 4, 5) if m.start() - n >= 0 and _home(ctx, m.start() - n, m.start())), None)
            start = home if place_start is not None and home is not None else place_start
        if start is None or (start > 0 and is_cjk(text[start - 1]) and not ctx.is_boundary(start)):
            continue
        out.append(Candidate(start, head.end(), "WorkerGroup", text[start:head.end()], "group.origin"))
    return out


def _home(ctx: Context, start: int, end: int) -> bool:
    """``text[start:end]`` is where migrant workers come from: 广西, 毕节市, 黔南州."""
    name = ctx.text[start:end]
    return _place_name(ctx, start, name) or (name[-1] in "省市县州" and _place_name(ctx, start, name[:-1]))


def _place_name(ctx: Context, start: int, name: str, before_ji: bool = False) -> bool:
    """``name`` at ``start`` is a place: a province or city the tables list, a one-character
    abbreviation (桂, 穗), or a word jieba tags as a place; before 籍 any noun of two or three
    characters that is one word (江油/n 籍), as only a place stands there (户籍 aside)."""
    if name in inv.PLACE_ABBREVIATIONS and len(name) == 1:
        return True
    if name in known_places():
        return True
    tags = ctx.pos_tags(start, start + len(name))
    if len(tags) != 1 or not (ctx.is_boundary(start) and ctx.is_boundary(start + len(name))):
        return False
    return tags[0][2] == "ns" or (before_ji and len(name) >= 2 and tags[0][2] in ("n", "nz", "nr") and name not in _NOT_ORIGINS)


#: Words before 籍 that are no place: 户籍, 国籍, 原籍.
_NOT_ORIGINS = ("户", "国", "原", "党", "学", "会", "本地", "外地", "外省", "外市", "外籍")




@rule("group.group-noun", example="要把灵活用工群体组织起来。", expect=("WorkerGroup", "灵活用工群体"),
      description="a noun phrase before 群体 (灵活就业群体, 平台就业群体)")
def group_nouns(ctx: Context, pool: Pool) -> list[Candidate]:
    """A noun phrase before 群体: 灵活就业群体, 平台就业群体, 弱势群体 (rule ``group.group-noun``)."""
    out = []
    text = ctx.text
    for m in re.finditer("群体", text):
        e = m.end()
        lo = max(0, m.start() - 8)
        sent = ctx.sentence_of(m.start(), e)
        if sent is None:
            continue
        lo = max(lo, sent[0])
        tags = ctx.pos_tags(lo, m.start())
        start = m.start()
        taken = 0
        for ts, te, flag in reversed(tags):
            if taken == 2 or flag[:1] not in ("n", "a", "b", "v", "l", "j") or flag in ("v", "vd") or te != start:
                break
            start, taken = ts, taken + 1
            if flag == "vn" or flag[:1] in ("n", "l", "j"):
                continue
        if taken == 0 or m.start() - start < 2:
            continue
        phrase = text[start:e]
        if any(ch in _PUNCT for ch in phrase) or phrase.startswith(_NOT_GROUP_LEADS):
            continue
        if any(ctx.comp.lexicon.concept(phrase[i:-2]) for i in range(len(phrase) - 3)):
            continue  # 不同职工群体: the vocabulary's 职工群体 says it
        core = phrase[:-2]
        if not (core.endswith(_WORKER_CORES) or core in _PEOPLE_ADJECTIVES):
            continue  # 植物群体, 妇女群体: not workers
        out.append(Candidate(start, e, "WorkerGroup", group_label(phrase, ctx.comp.lexicon), "group.group-noun"))
    return out


_WORKER_CORES = ("就业", "用工", "从业", "务工", *inv.GROUP_HEADS, *inv.OCCUPATION_SUFFIXES)
_PEOPLE_ADJECTIVES = ("困难", "弱势", "特殊", "低收入", "新就业", "新兴", "一线")


_OCCUPATION_INTRO = re.compile(r"(?:是|作为|当|做|成为)(?:一名|一位|一个|名)")


@rule("group.occupation", example="他是一名普通的叉车司机。", expect=("WorkerGroup", "叉车司机"),
      description="the occupation someone is named as (他是一名电焊工)")
def occupations(ctx: Context, pool: Pool) -> list[Candidate]:
    """An occupation someone is named as: 他是一名电焊工 (rule ``group.occupation``):
    the word after 是一名/作为一位 that ends like an occupation (工, 员, 师, 手, 司机)."""
    out = []
    text = ctx.text
    for m in _OCCUPATION_INTRO.finditer(text):
        start = None
        for ts, te, flag in ctx.pos_tags(m.end(), min(len(text), m.end() + 10)):
            word = text[ts:te]
            if start is None and (flag[:1] in ("a", "u", "d", "b") or word in ("普通", "普普通通", "平凡")):
                continue  # 一名普通的快递员
            if (flag[:1] != "n" and flag not in ("vn", "x")) or not is_cjk(word[0]):
                break
            start = ts if start is None else start
            name = text[start:te]
            if name.endswith(_OCCUPATION_ENDS) and not name.endswith(_NOT_OCCUPATIONS) and 2 <= len(name) <= 6:
                out.append(Candidate(start, te, "WorkerGroup", group_label(name, ctx.comp.lexicon), "group.occupation"))
                break
            if te - start > 6:
                break
    return out


_OCCUPATION_ENDS = ("工", "员", "师", "手", "司机", "工人")
_NOT_OCCUPATIONS = ("党员", "团员", "成员", "委员", "会员", "人员", "学员", "队员", "官员", "议员", "雇员", "职员", "教员", "演员", "动员")


@cache
def _re_enumeration():
    ends = r"(?:等等|等|为代表的|在内的)"
    item = r"[\u4e00-\u9fff]{2,10}"
    # The repeat is bounded: unbounded, a long run of "甲乙、" with no closing 等 makes
    # every start position scan to the end of the run (quadratic; see bench_regex.py).
    return re.compile(rf"((?:{item}、){{1,30}}{item}(?:(?:和|及|以及|与){item})?){ends}")


#: Unions named by the groups they organize: 成立了货运司机、村播从业者等联合工会.
_UNIONS_OF = ("联合工会", "工会联合会", "行业工会")


@rule("group.enum-head", example="调研理货员、叉车工等物流从业人员的工作状况。", expect=("WorkerGroup", "叉车工"),
      description="each member of an enumeration ending in a group noun (快递员、送餐员、卡车司机等灵活就业群体)")
def enumerated_groups(ctx: Context, pool: Pool) -> list[Candidate]:
    """Every member of an enumeration that ends in a group noun is a group (the groups
    found so far, vocabulary ones included, say where a head or the first member is)."""
    heads = [h for h in pool.of("group.modifier-head", "group.group-noun", "group.occupation", "group.vocab")
             if h.cls == "WorkerGroup"]
    out = []
    text = ctx.text
    head_starts = {h.start for h in heads}
    known_ends: dict[int, list[int]] = {}
    for h in heads:
        known_ends.setdefault(h.end, []).append(h.start)
    for m in _enumerations(text):
        if m.end() not in head_starts and not text.startswith(("群体", "人员", "职工", "劳动者", "从业人员") + _UNIONS_OF, m.end()):
            continue  # …等灵活就业群体, …等群体, or …等联合工会 (the unions of those groups)
        for i, (s, e) in enumerate(_pieces(m)):
            if i == 0:
                inside = [k for k in known_ends.get(e, ()) if k >= s]
                first = min(inside) if inside else _trim_left_item(ctx, s, e)
                if first is None:
                    continue
                s = first
            if _is_item(ctx, s, e):
                out.append(Candidate(s, e, "WorkerGroup", group_label(text[s:e], ctx.comp.lexicon), "group.enum-head"))
    return out


#: What an enumeration cannot hold (it is ideographs and 、), and what ends one.
_NOT_IN_ENUMERATION = re.compile(r"[^\u4e00-\u9fff、]")
_ENUMERATION_END = re.compile(r"等|为代表的|在内的")


def _enumerations(text: str) -> Iterator[re.Match[str]]:
    """``_re_enumeration().finditer(text)``, searched only in the stretches of ideographs and
    、 that hold a 、 and then an end word (等…): four times faster than scanning all the text."""
    rx, n, backwards = _re_enumeration(), len(text), text[::-1]
    comma = text.find("、")
    while comma != -1:
        after = _NOT_IN_ENUMERATION.search(text, comma)
        end = after.start() if after else n
        if _ENUMERATION_END.search(text, comma, end):
            before = _NOT_IN_ENUMERATION.search(backwards, n - comma)  # the stretch's start: only where it is searched
            yield from rx.finditer(text, n - before.start() if before else 0, end)
        comma = text.find("、", end)


def _pieces(m: re.Match) -> list[tuple[int, int]]:
    """(start, end) of each item of the enumeration ``m`` matched, without the joining words."""
    pieces = []
    pos = m.start(1)
    for part in re.split(r"(、|和|以及|及|与)", m.group(1)):
        if part and part not in ("、", "和", "以及", "及", "与"):
            pieces.append((pos, pos + len(part)))
        pos += len(part)
    return pieces


def _is_item(ctx: Context, s: int, e: int) -> bool:
    """``text[s:e]`` names an occupation: not 其工作人员, nor 务工 (a verb); 木工, 焊工 are
    nouns of their own."""
    item = ctx.text[s:e]
    if not item.endswith(inv.OCCUPATION_SUFFIXES) or item.startswith(("其", "本", "各", "该", "有关")):
        return False
    return len(item) >= 3 or _one_noun(ctx, s, e)


def _one_noun(ctx: Context, s: int, e: int) -> bool:
    """jieba reads ``text[s:e]`` as a single noun: 木工, 焊工 (not 务工, a verb)."""
    tags = ctx.pos_tags(s, e)
    return len(tags) == 1 and tags[0][:2] == (s, e) and tags[0][2] == "n"


def _trim_left_item(ctx: Context, s: int, e: int) -> int | None:
    """The first item of an enumeration starts after the verb before it: 加强|快递员,
    and after a word that names whom something is for, whatever jieba tags it
    (面向 is a noun in its dictionary): 夜校面向|钢筋工."""
    tags = ctx.pos_tags(s, e)
    start = e
    for ts, te, flag in reversed(tags):
        if flag[:1] not in ("n", "a", "b", "j", "l") or flag in ("ns", "nr", "nt") \
                or ctx.text[ts:te] in inv.AIM_WORDS:
            break
        start = ts
    count = COUNT.match(ctx.text, start, e)  # 近千名商场信息员: the count is no part of it
    start = count.end() if count else start
    return start if e - start >= 2 else None

