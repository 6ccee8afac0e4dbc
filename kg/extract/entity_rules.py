"""Entity rules: each finds Candidates of one kind in one way, under a stable rule id.

A rule is a function ``(ctx) -> list[Candidate]``; its id (``"org.place-union"``...) is
the ``Evidence.rule`` of what it finds, so ``grep -rn '"org.place-union"' kg/`` lands
here. The example beside each rule is the text it is for. People have their own
module (``kg.extract.people``); the overlap policy is ``kg.extract.overlap``.
"""

from __future__ import annotations

import re
from functools import cache

from kg.extract import inventory as inv
from kg.extract.context import Candidate, Context, is_cjk, strip_marks
from kg.extract.normalize import group_label, measure_label, org_label

_PUNCT = "，,；;：:。！？!?、（）()“”‘’\"'《》〈〉「」『』【】 \u3000\n"


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# ---------------------------------------------------------------- vocabulary

def vocabulary_matches(ctx: Context) -> list[Candidate]:
    """Every vocabulary label or alias in the text (rules ``org.vocab``, ``group.vocab``,
    ``measure.vocab``, ``person.vocab``): 全总, 农民工群体, 工资集体协商.

    Short names (one or two characters: 党, 工会, 职工) count only on jieba word
    boundaries, so 党 is not found in 党员 nor 工会 in 总工会.
    An alias several concepts share is resolved later by context (``resolve_ambiguous``).
    """
    out = []
    lex = ctx.comp.lexicon
    text = ctx.text
    for end_idx, name in ctx.comp.automaton.iter(text):
        start, end = end_idx - len(name) + 1, end_idx + 1
        concepts = lex.lookup(name)
        if not concepts:
            continue  # a place: used for context, not an entity
        if len(name) <= 2:
            whole = ctx.aligned(start, end)
            if not whole and not all(c.cls == "WorkerGroup" for c in concepts):
                continue  # 党 in 党员; but 劳模 in 劳模疗休养 may still head a measure's name
        else:
            whole = _edge_ok(ctx, start, end)
        if len(concepts) == 1 and concepts[0].cls == "Measure" and whole:
            ext = next((h for h in _SYSTEM_HEADS if text.startswith(h, end)), None)
            if ext and not name.endswith(ext):  # 普惠服务体系: the system of a known measure
                out.append(Candidate(start, end + len(ext), "Measure", strip_marks(name + ext), "measure.vocab-system"))
        if len(concepts) == 1 and concepts[0].cls == "Organization" and whole and name.endswith(inv.FACILITY_HEADS):
            ext = next((h for h in ("创建", "建设") if text.startswith(h, end)), None)
            if ext:  # 劳模创新工作室创建: building facilities is a measure
                out.append(Candidate(start, end + len(ext), "Measure", strip_marks(name + ext), "measure.facility-building"))
        for c in concepts:
            rule = {"Organization": "org.vocab", "WorkerGroup": "group.vocab",
                    "Measure": "measure.vocab", "Person": "person.vocab"}[c.cls]
            out.append(Candidate(start, end, c.cls, c.label if len(concepts) == 1 else "?" + name,
                                 rule, vocab=True, whole=whole))
    return out


_SYSTEM_HEADS = ("服务体系", "工作体系", "体系", "工作机制", "机制", "制度", "平台")

#: A date or an edition before a standing programme: 2027年中秋国庆期间, 第八届, 2012年元旦春节.
_EDITION = re.compile(r"(?:\d{4}年度?|第[一二三四五六七八九十百\d]+(?:届|期|轮))[\u4e00-\u9fff]{0,10}$")
_EDITION_TAIL = ("活动", "行动", "工作")


def edition_names(ctx: Context, vocab: list[Candidate]) -> list[Candidate]:
    """A dated or numbered edition of a standing programme names the programme, the full
    form kept as an alias (rule ``measure.edition``): 2027年中秋国庆期间金秋助学活动 is 金秋助学,
    第八届全国职工职业技能大赛 is 全国职工职业技能大赛."""
    out = []
    text = ctx.text
    for c in vocab:
        if c.cls != "Measure" or not c.whole or c.label.startswith("?"):
            continue
        m = _EDITION.search(text, max(0, c.start - 18), c.start)
        if m is None or ctx.sentence_of(m.start(), c.end) is None:
            continue
        end = c.end + next((len(t) for t in _EDITION_TAIL if text.startswith(t, c.end)), 0)
        out.append(Candidate(m.start(), end, "Measure", c.label, "measure.edition", vocab=True))
    return out


def _edge_ok(ctx: Context, start: int, end: int) -> bool:
    """A long vocabulary name counts where jieba (which knows every vocabulary name)
    cuts words at both its ends: 安全生产监督管理部门 does not name 安全生产监督."""
    text = ctx.text
    start_ok = start == 0 or not is_cjk(text[start - 1])
    end_ok = end >= len(text) or not is_cjk(text[end])
    if start_ok and end_ok:
        return True
    return (start_ok or ctx.is_boundary(start)) and (end_ok or ctx.is_boundary(end))


def places(ctx: Context, place_orgs: list[Candidate] | tuple[()] = ()) -> list[tuple[int, int, str, str]]:
    """(start, end, full name, level) of every known province or city the text names,
    and of the places that start organizations found by ``place_orgs`` (丽水市总工会)."""
    full_of = {}
    for full, short in inv.PROVINCES:
        full_of[full] = full_of[short] = (full, "省")
    for city in inv.CITIES:
        full_of.setdefault(city + "市", (city + "市", "市"))
        full_of.setdefault(city, (city + "市", "市"))
    out = []
    for end_idx, name in ctx.comp.automaton.iter(ctx.text):
        if name in full_of:
            full, level = full_of[name]
            out.append((end_idx - len(name) + 1, end_idx + 1, full, level))
    for o in place_orgs:
        m = re.match(r"(.+?[省市])", o.label)
        if m and o.label.startswith(ctx.text[o.start:o.start + 2]):
            out.append((o.start, o.start + len(m.group(1)), m.group(1), m.group(1)[-1]))
    return sorted(out)


# ---------------------------------------------------------------- organizations

@cache
def _re_place_org():
    known = [f for f, _ in inv.PROVINCES] + [s for _, s in inv.PROVINCES] + [c + "市" for c in inv.CITIES] + list(inv.CITIES)
    # a district, town or zone of the place: 南山区, 经济技术开发区, 高新技术产业开发区
    sub = (r"(?:(?:(?!工会|与|和|及|或)[\u4e00-\u9fff]){1,4}?(?:市|县|区|镇|乡|街道)"
           r"|(?:(?!工会|与|和|及|或)[\u4e00-\u9fff]){2,8}?(?:开发区|园区|新区|保税区|示范区|试验区))?"
           # 株洲高新区（天元区）总工会: the district a zone is run with, in brackets
           r"(?:（[\u4e00-\u9fff]{1,5}(?:区|县|市)）)?")
    heads = _alt(inv.ORGAN_HEADS + inv.UNION_HEADS)
    generic = r"[\u4e00-\u9fff]{2,3}?(?:省|市|县|区|自治州)"
    return re.compile(rf"(?P<place>(?:{_alt(known)}){sub}|{generic})(?P<head>{heads})")


def place_orgs(ctx: Context) -> list[Candidate]:
    """Place + union or organ: 江苏省总工会, 深圳市南山区总工会, 江苏省人大常委会 (rules
    ``org.place-union`` and ``org.place-organ``)."""
    out = []
    text = ctx.text
    known = {f for f, _ in inv.PROVINCES} | {s for _, s in inv.PROVINCES} | {c + "市" for c in inv.CITIES} | set(inv.CITIES)
    rx = _re_place_org()
    m = rx.search(text)
    while m is not None:
        place, head = m.group("place"), m.group("head")
        start = m.start()
        if not any(place.startswith(k) for k in known):
            # an unknown place must be a place name to jieba, and start a word
            ok = place not in _NOT_PLACES and place[:-1] not in _NOT_PLACES and _is_place(ctx, start, start + len(place))
        else:
            ok = start == 0 or not is_cjk(text[start - 1]) or ctx.is_boundary(start)
        if not ok:  # 为江苏省人大常委会: retry one character on
            m = rx.search(text, start + 1)
            continue
        if text.startswith(("条例", "法", "章程", "工作条例"), m.end()):  # 重庆市工会条例: a law's title
            m = rx.search(text, m.end())
            continue
        rule = "org.place-union" if head in inv.UNION_HEADS else "org.place-organ"
        out.append(Candidate(start, m.end(), "Organization", org_label(place, head), rule))
        m = rx.search(text, m.end())
    return out


_NOT_PLACES = {"直辖", "设区的", "县级", "地级", "本", "该", "全", "各", "上述", "所在地", "城", "城市",
               "县级以上", "乡镇", "社区", "街道", "地区", "辖区", "市辖", "行政", "自治", "特别行政", "省级", "市级",
               "当地", "外", "省外", "市外", "跨", "跨区", "园区", "开发区", "厂区", "矿区", "景区", "社", "小区", "老区"}


def _is_place(ctx: Context, start: int, end: int) -> bool:
    tags = ctx.pos_tags(max(0, start - 2), end)
    return any(s <= start < e and flag == "ns" for s, e, flag in tags) and (ctx.is_boundary(start) or start == 0)


_UNIT_NOUNS = ("公司", "集团", "大学", "学院", "学校", "医院", "银行", "研究院", "研究所", "中心", "厂",
               "矿", "机场", "港", "铁路局", "供电局", "行业", "产业", "系统", "园区", "社区", "街道", "楼宇", "市场")
_NOMINAL = ("n", "nz", "nt", "ns", "nr", "j", "b", "a", "vn", "l", "x", "an", "m")


def unit_unions(ctx: Context) -> list[Candidate]:
    """The union of a named unit, industry or place: 中国石油天然气集团有限公司工会,
    成都市新就业形态劳动者工会联合会, 南京大学工会 (rule ``org.unit-union``).
    The name runs left over nouns up to a verb or a mark; it must start with a known
    place or end with a unit noun (公司, 集团, 大学, 行业…)."""
    out = []
    text = ctx.text
    known = [f for f, _ in inv.PROVINCES] + [s for _, s in inv.PROVINCES] + list(inv.CITIES)
    for m in re.finditer(r"(?<!总)工会(?:联合会|委员会)?", text):
        sent = ctx.sentence_of(m.start(), m.end())
        if sent is None or m.start() - sent[0] < 2 or text.startswith(("条例", "法", "章程", "工作条例"), m.end()):
            continue  # 重庆市工会条例: a law's title, not a union
        lo = max(sent[0], m.start() - 18)
        start = m.start()
        for ts, te, flag in reversed(ctx.pos_tags(lo, m.start())):
            word = text[ts:te]
            if te != start or (flag not in _NOMINAL and word not in known) \
                    or (flag == "x" and not is_cjk(word[0])) or word in ("各级", "基层", "全国"):
                break  # a known place is part of the name whatever jieba tags it (大连/d)
            start = ts
        name = text[start:m.start()]
        if len(name) < 3 or not (name.startswith(tuple(known)) or name.endswith(_UNIT_NOUNS + inv.OCCUPATION_SUFFIXES)):
            continue  # 货车司机工会联合会: an occupation's union counts too
        if name.startswith(tuple(_NOT_GROUP_LEADS) + ("地方", "区域", "同级", "上级", "下级", "本级", "所在", "相应")):
            continue
        out.append(Candidate(start, m.end(), "Organization", strip_marks(text[start:m.end()]), "org.unit-union"))
    return out


_COMPANY = re.compile(r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司|集团公司|集团)")
#: Universities, institutes and hospitals by name: 中国海洋大学海洋生命学院, 清华大学公共管理学院.
_INSTITUTION = re.compile(r"大学|学院|研究院|研究所|医院")
_PROPER = ("ns", "nz", "nt", "nr", "j", "nrt", "nrfg")
_NOT_COMPANY_LEADS = ("本", "子", "母", "外国", "境外", "境内", "关联", "国有", "民营", "私营", "中外", "外商", "外资", "上市")


def companies(ctx: Context, heads: re.Pattern = _COMPANY, rule: str = "org.company") -> list[Candidate]:
    """A company by its registered name: 中车株洲电力机车有限公司, 国家电网有限公司
    (rule ``org.company``). The name runs left over nouns and must hold a proper noun
    (a place, a brand) to jieba, so 保险公司 or 该公司 are not companies. With
    ``_INSTITUTION`` heads, universities, institutes and hospitals (rule ``org.institution``)."""
    out = []
    text = ctx.text
    known = tuple(f for f, _ in inv.PROVINCES) + tuple(s for _, s in inv.PROVINCES) + inv.CITIES
    for m in heads.finditer(text):
        sent = ctx.sentence_of(m.start(), m.end())
        if sent is None or m.start() - sent[0] < 2 or (m.end() < len(text) and text[m.end()] in "工"):
            continue  # …公司工会 is org.unit-union's
        start, proper = m.start(), False
        tags = ctx.pos_tags(max(sent[0], m.start() - 16), m.start())
        for i in range(len(tags) - 1, -1, -1):
            ts, te, flag = tags[i]
            word = text[ts:te]
            if te == start and flag == "v" and len(word) == 2 and i > 0 and tags[i - 1][2] == "ns" \
                    and tags[i - 1][1] == ts and (i == 1 or tags[i - 2][2] not in _NOMINAL):
                start, proper = tags[i - 1][0], True  # 中国联合网络通信有限公司: a verb inside the registered name
                break
            if te != start or flag not in _NOMINAL or (flag == "x" and not is_cjk(word[0])) \
                    or (flag == "m" and not word.startswith("第")):
                break  # 中建三局第一建设工程有限责任公司: an ordinal may be part of the name
            start, proper = ts, proper or flag in _PROPER or word.startswith(known)
        name = text[start:m.start()]
        if len(name) < 2 or not proper or name.startswith(tuple(_NOT_GROUP_LEADS) + _NOT_COMPANY_LEADS):
            continue
        out.append(Candidate(start, m.end(), "Organization", text[start:m.end()], rule))
    return out


_UNIT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9—\-]{1,12}?(?:分公司|子公司|分厂|车间|工段|班组|中心|团队|项目部|[一二三四五六七八九十\d]{1,3}班)")


def sub_units(ctx: Context, orgs: list[Candidate]) -> list[Candidate]:
    """A company or institution followed by its units down to the team, as award lists name
    them (rule ``org.sub-unit``): 某某有限公司青岛市分公司IDC运营中心, 某某集团有限公司457桥壳生产线工段.
    Taken only where the name ends at a mark (、，。), so it is delimited as a name."""
    out = []
    text = ctx.text
    for o in orgs:
        if o.rule not in ("org.company", "org.institution"):
            continue
        end = o.end
        for _ in range(3):
            m = _UNIT.match(text, end)
            if m is None:
                break
            end = m.end()
        if end > o.end and (end == len(text) or text[end] in "、，,。；;）)"):
            out.append(Candidate(o.start, end, "Organization", text[o.start:end], "org.sub-unit"))
    return out


def institutions(ctx: Context) -> list[Candidate]:
    """Universities, institutes and hospitals by name, down to a school (rule
    ``org.institution``): 中国海洋大学海洋生命学院; the same walk as ``companies``."""
    return companies(ctx, _INSTITUTION, "org.institution")


@cache
def _re_elided():
    heads = _alt(tuple(h for h in inv.ORGAN_HEADS if len(h) > 1 and h not in ("人大", "委员会")) + ("委",))
    return re.compile(rf"(?P<level>省|市|县|区)(?P<head>{heads})")


def elided_place_orgs(ctx: Context, place_spans) -> list[Candidate]:
    """A level word standing for the article's place: 省总工会 in an article that names
    江苏省 is 江苏省总工会 (rule ``org.elided-place``). Unresolved ones are logged, not emitted."""
    out = []
    text = ctx.text
    for m in _re_elided().finditer(text):
        s = m.start()
        prev = text[s - 1] if s else ""
        if prev in "全各本该外跨同" or (is_cjk(prev) and not ctx.is_boundary(s)):
            continue  # 全省工会, 各省总工会, or the tail of a longer place name
        level = m.group("level")
        place = _nearest_place(place_spans, s, level)
        if place is None:
            ctx.log.append(f"{m.group()!r} at {s}: no {level}-level place in the article, not resolved")
            continue
        out.append(Candidate(s, m.end(), "Organization", org_label(place, m.group("head")), "org.elided-place"))
    return out


def _nearest_place(place_spans, offset: int, level: str) -> str | None:
    levels = {"省": "省", "市": "市"}
    want = levels.get(level)
    if want is None:
        return None
    before = [p for p in place_spans if p[3] == want and p[1] <= offset]
    if before:
        return before[-1][2]
    names = {p[2] for p in place_spans if p[3] == want}
    return names.pop() if len(names) == 1 else None


@cache
def _re_state_organ():
    return re.compile(r"(?:国家|中华人民共和国|国务院)[\u4e00-\u9fff]{2,10}?(?P<head>总局|局|委员会|总署|部|办公室)")


def state_organs(ctx: Context) -> list[Candidate]:
    """Ministries, commissions and state bureaus: 国家医疗保障局, 中华人民共和国民政部
    (rule ``org.state-organ``)."""
    out = []
    text = ctx.text
    rx = _re_state_organ()
    m = rx.search(text)
    while m is not None:
        label = m.group()
        ok = ctx.aligned(m.start(), m.end()) and not any(
            w in label for w in ("规定", "法律", "有关", "批准", "授权", "其他", "制定", "以及", "负责", "和", "及", "、", "或"))
        if ok and label.endswith(("全局", "干部", "全部", "内部", "外部", "局部", "部分", "总部")):
            ok = False
        if ok:  # every word a noun: 国家统计局, not 国家按照统一规划布局
            ok = all(flag in _NOMINAL and flag not in ("m", "a") for _, _, flag in ctx.pos_tags(m.start(), m.end()))
        if not ok:
            m = rx.search(text, m.start() + 1)
            continue
        out.append(Candidate(m.start(), m.end(), "Organization", label, "org.state-organ"))
        m = rx.search(text, m.end())
    return out


@cache
def _re_department():
    return re.compile(rf"(?:{_alt(inv.DEPARTMENT_HEADS)})")


def departments(ctx: Context, orgs: list[Candidate]) -> list[Candidate]:
    """A parent organization followed by one of its departments: 全国总工会权益保障部
    (rule ``org.parent-dept``)."""
    out = []
    rx = _re_department()
    for o in orgs:
        m = rx.match(ctx.text, o.end)
        if m and ctx.sentence_of(o.start, m.end()):
            out.append(Candidate(o.start, m.end(), "Organization", o.label + m.group(), "org.parent-dept"))
    return out


@cache
def _re_facility():
    return re.compile(rf"(?:{_alt(inv.FACILITY_HEADS)})")


def facilities(ctx: Context, orgs: list[Candidate]) -> list[Candidate]:
    """A union or place followed by a service facility: 南京市工人文化宫, 区总工会职工服务中心
    (rule ``org.facility``)."""
    out = []
    rx = _re_facility()
    for o in orgs:
        m = rx.match(ctx.text, o.end)
        if m and ctx.sentence_of(o.start, m.end()):
            out.append(Candidate(o.start, m.end(), "Organization", o.label + m.group(), "org.facility"))
    return out


# ---------------------------------------------------------------- worker groups

@cache
def _re_modifier_head():
    mods, heads = _alt(inv.GROUP_MODIFIERS), _alt(inv.GROUP_HEADS)
    return re.compile(rf"(?:{mods}){{1,3}}(?:{heads})(?:群体|队伍)?")


def modified_groups(ctx: Context) -> list[Candidate]:
    """Modifiers before a group head noun: 城镇困难职工, 新生代农民工群体, 女职工
    (rule ``group.modifier-head``)."""
    out = []
    for m in _re_modifier_head().finditer(ctx.text):
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


def group_nouns(ctx: Context) -> list[Candidate]:
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
_NOT_GROUP_LEADS = ("不同", "各类", "各个", "各种", "这些", "这个", "该", "此类", "某些", "一些", "部分", "其他", "相关", "所有")


_OCCUPATION_INTRO = re.compile(r"(?:是|作为|当|做|成为)(?:一名|一位|一个|名)")


def occupations(ctx: Context) -> list[Candidate]:
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


def enumerated_groups(ctx: Context, heads: list[Candidate]) -> list[Candidate]:
    """Every member of an enumeration that ends in a group noun is a group:
    快递员、送餐员、卡车司机等灵活就业群体 (rule ``group.enum-head``)."""
    out = []
    text = ctx.text
    head_starts = {h.start for h in heads if h.cls == "WorkerGroup"}
    known_ends: dict[int, list[int]] = {}
    for h in heads:
        if h.cls == "WorkerGroup":
            known_ends.setdefault(h.end, []).append(h.start)
    for m in _re_enumeration().finditer(text):
        if m.end() not in head_starts and not text.startswith(("群体", "人员", "职工", "劳动者", "从业人员"), m.end()):
            continue  # …等灵活就业群体, or just …等群体
        pieces = []
        pos = m.start(1)
        for part in re.split(r"(、|和|以及|及|与)", m.group(1)):
            if part and part not in ("、", "和", "以及", "及", "与"):
                pieces.append((pos, pos + len(part)))
            pos += len(part)
        for i, (s, e) in enumerate(pieces):
            if i == 0:
                inside = [k for k in known_ends.get(e, ()) if k >= s]
                s = min(inside) if inside else _trim_left_item(ctx, s, e)
                if s is None:
                    continue
            item = text[s:e]
            if not item.endswith(inv.OCCUPATION_SUFFIXES) or item.startswith(("其", "本", "各", "该", "有关")):
                continue  # 其工作人员: not an occupation's name
            if len(item) < 3 and not _one_noun(ctx, s, e):
                continue  # 务工 (a verb); 木工, 焊工 are nouns of their own
            out.append(Candidate(s, e, "WorkerGroup", group_label(item, ctx.comp.lexicon), "group.enum-head"))
    return out


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
    return start if e - start >= 2 else None


# ---------------------------------------------------------------- measures

@cache
def _re_measure_verb():
    return re.compile(rf"(?:{_alt(inv.MEASURE_VERBS)})")


_CHUNK_STOP = re.compile(r"[，,；;：:。！？!?、“”‘’\"'《》（）()「」『』\s]")
_AFTER_HEAD = ("等", "工作", "建设", "和", "及", "与", "为", "的工作")


def verb_objects(ctx: Context) -> list[Candidate]:
    """A measure introduced by a verb: 开展困难职工帮扶攻坚行动, 建立职工需求调查制度,
    健全…民主管理制度 (rule ``measure.verb-object``). The verb must be a whole word to
    jieba; the object runs to the clause end when it ends with a head (else to the
    first head followed by 等/和/工作…), and starts after its last 的 and after
    stacked verbs (健全完善…) and degree words (大规模…)."""
    out = []
    text = ctx.text
    heads = sorted(inv.MEASURE_HEADS, key=len, reverse=True)
    for m in _re_measure_verb().finditer(text):
        verb = m.group()
        stop = _CHUNK_STOP.search(text, m.end(), m.end() + 27)
        chunk_end = stop.start() if stop else min(len(text), m.end() + 26)
        chunk = text[m.end():chunk_end]
        trimmed = chunk
        for noise in inv.MEASURE_SUFFIX_NOISE:
            if trimmed.endswith(noise) and len(trimmed) > len(noise) and not trimmed.endswith("化" + noise):
                trimmed = trimmed[: -len(noise)]
        end = None
        whole = stop is not None and trimmed.endswith(tuple(heads))
        conj = re.search(r"[和及与]", trimmed)
        if whole and conj and _ends_as_measure(ctx, trimmed[:conj.start()]):
            # 开展职工心理咨询和减压活动: two measures, not one
            left_end = m.end() + conj.start()
            for s0, e0 in ((m.end(), left_end), (left_end + 1, m.end() + len(trimmed))):
                s1 = _trim_measure_left(ctx, s0, e0)
                if s1 is not None and e0 - s1 >= 3:
                    out.append(Candidate(s1, e0, "Measure", measure_label(text[s1:e0], ctx.comp.lexicon), "measure.verb-object"))
            continue
        if whole and not conj:
            end = m.end() + len(trimmed)
        else:  # 建立职工需求调查制度和…: the first head a boundary follows; else the whole chunk
            for i in range(2, len(chunk) + 1):
                if chunk[:i].endswith(tuple(heads)) and ((i == len(chunk) and stop is not None) or chunk.startswith(_AFTER_HEAD, i)):
                    end = m.end() + i
                    break
            if end is None and whole:
                end = m.end() + len(trimmed)
        if end is None or not ctx.aligned(m.start(), m.end()):
            continue
        head = next(h for h in heads if text.endswith(h, 0, end))
        s = _trim_measure_left(ctx, m.end(), end)
        if s is None:
            continue
        # 不正当手段干扰工资集体协商: the object starts after a predicate inside the chunk
        verbs = [te for ts, te, _flag in ctx.pos_tags(s, end - len(head)) if text[ts:te] in inv.PREDICATE_VERBS] \
            if any(v in text[s:end - len(head)] for v in inv.PREDICATE_VERBS) else []  # the tagger only where needed
        if verbs and end - verbs[-1] >= len(head) + 2:
            s = verbs[-1]
        label = measure_label(text[s:end], ctx.comp.lexicon)
        if head in inv.WEAK_MEASURE_HEADS and verb in inv.WEAK_MEASURE_VERBS and (len(label) < 6 or head == "服务"):
            continue  # 推进…服务: too vague; 推进职业伤害保障试点: named enough
        if not _good_measure(label, head):
            continue
        out.append(Candidate(s, end, "Measure", label, "measure.verb-object"))
    return out


def _ends_as_measure(ctx: Context, phrase: str) -> bool:
    """职工心理咨询: ends with a measure head or a vocabulary measure."""
    if phrase.endswith(inv.MEASURE_HEADS):
        return True
    lex = ctx.comp.lexicon
    return any((c := lex.concept(phrase[i:])) is not None and c.cls == "Measure" for i in range(max(0, len(phrase) - 8), len(phrase) - 1))


def _trim_measure_left(ctx: Context, s: int, e: int) -> int | None:
    text = ctx.text
    cut = text.rfind("的", s, e)
    if cut >= 0:
        s = cut + 1
    for v in _re_measure_verb().finditer(text, s + 1, e - 2):
        if v.group() not in inv.WEAK_MEASURE_VERBS and ctx.aligned(v.start(), v.end()):  # 推动企业建立…机制: the object follows the last verb
            s = v.end()
    changed = True
    while changed and s < e:
        changed = False
        for w in sorted(inv.MEASURE_VERBS + inv.MEASURE_PREFIX_NOISE, key=len, reverse=True):
            if text.startswith(w, s) and e - s - len(w) >= 2:
                s += len(w)
                changed = True
                break
    return s if s < e else None


_NOT_IN_MEASURES = ("或者", "或", "以及", "并", "其他", "有关", "所", "其", "之间", "之一", "该", "本")
_PREPOSITIONS = tuple("对向为以从在把将与和由被给")


_COUNT = re.compile(r"^(?:约|近|超过|共|累计)?[0-9０-９.一二两三四五六七八九十百千万亿余多]+(?:万|千|百)?"
                    r"(?:场次|人次|场|次|个|项|名|人|家|批|期|届|元|余)")


def _good_measure(label: str, head: str) -> bool:
    if len(label) < len(head) + 2 or label in inv.GENERIC_WORDS:
        return False
    if _COUNT.match(label):
        return False  # 3万场次…活动, 200余名…培训: a count, not a programme
    if any(w in label for w in _NOT_IN_MEASURES) or label.startswith(_PREPOSITIONS) or len(label) > 22:
        return False
    if len(label) <= len(head) + 4 and label[: len(label) - len(head)] in inv.GENERIC_MEASURE_MODIFIERS:
        return False  # 管理制度, 工作机制: a kind of thing, not a named measure
    if any(w in label for w in inv.NON_ENTITY_HEADS):
        return False
    return label[:len(label) - len(head)] not in inv.MEASURE_PREFIX_NOISE


#: A quoted name after one of these verbs is a measure whatever follows: 启动“工会进万家”.
_QUOTE_VERBS = ("实施", "开展", "启动", "推行", "推出", "举办", "发起", "创建", "打造", "深入开展", "广泛开展", "大力实施",
                "开通", "建立", "设立", "搭建", "上线", "建起", "建成", "开设", "开办")
#: Otherwise a programme noun must follow it: 实行“…”制度, 开展“…”活动, 推广“…”模式.
_AFTER_QUOTE = ("活动", "行动", "工程", "计划", "项目", "服务", "品牌", "模式", "建设", "工作", "方式", "制度", "机制",
                "平台", "专项", "系列", "主题", "竞赛", "培训")


@cache
def _re_quote():
    """A quoted name in any of the marks web and PDF text use: “…”, "…", 「…」, 『…』, ‘…’."""
    return re.compile(r"“([^“”\n]{2,20})”|\"([^\"\n]{2,20})\"|「([^「」\n]{2,20})」|『([^『』\n]{2,20})』|‘([^‘’\n]{2,20})’")


_QUOTE_SUFFIX = re.compile(r"[\u4e00-\u9fff]{2,5}")
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


def quoted_measures(ctx: Context) -> list[Candidate]:
    """A quoted name a verb introduces, or one ending with a measure head:
    实施农民工“求学圆梦行动”, 开展“司机之家”建设, “职工技能提升行动”
    (rule ``measure.quoted``). Slogans and concepts (“两个一百年”, “三服务”工作理念)
    are not measures."""
    out = []
    text = ctx.text
    heads = inv.MEASURE_HEADS
    verbs = _re_measure_verb()
    for m in _re_quote().finditer(text):
        name = next(g for g in m.groups() if g is not None)
        if any(ch in "、。；;" for ch in name) or any(w in name for w in inv.NON_ENTITY_HEADS):
            continue
        known = ctx.comp.lexicon.concept(name)
        if known is not None and known.cls != "Measure":
            continue  # “暖心驿站”: the vocabulary says what it is
        strong_head = name.endswith(heads) and not name.endswith(inv.WEAK_MEASURE_HEADS)
        ext = _QUOTE_SUFFIX.match(text, m.end())
        if ext and ext.group().endswith(heads) and len(ext.group()) >= 3 and not ext.group().startswith(("等", "的")):
            # “同心同向谋发展，争先争优促转型”大行动: a two-part slogan named by its head
            # “两癌”免费筛查, “三湘工匠”选树活动: the quoted word names only part of the measure
            label = measure_label(name + ext.group(), ctx.comp.lexicon)
            out.append(Candidate(m.start(), ext.end(), "Measure", label, "measure.quoted"))
            continue
        if any(ch in "，," for ch in name):
            continue  # a quoted sentence, not a name
        first, last = _quote_chain(text, m)
        lo = max(0, first - 8)
        followed = text.startswith(_AFTER_QUOTE, last + (1 if text.startswith("等", last) else 0))
        introduced = any(v.group() not in inv.WEAK_MEASURE_VERBS and first - v.end() <= 5
                         and (followed or v.group() in _QUOTE_VERBS)
                         and ctx.aligned(v.start(), v.end()) and not _CHUNK_STOP.search(text, v.end(), first)
                         for v in verbs.finditer(text, lo, first))
        # 以“四级一体”为载体: the quoted name is the vehicle of the work that follows
        introduced = introduced or (text.endswith("以", 0, first) and text.startswith(_VEHICLE, last))
        if not (strong_head or introduced):
            continue
        if not strong_head and not (followed and len(name) > 6) and (re.match(r"[一二两三四五六七八九十百千万\d]+[个种项条大化性必不]", name)
                                or (len(name) <= 3 and re.match(r"[一二两三四五六七八九十\d]", name))):
            continue  # “两个一百年”, “三服务”, “四化”: numbered slogans
        head = next((h for h in sorted(heads, key=len, reverse=True) if name.endswith(h)), None)
        if head is not None and not _good_measure(strip_marks(name), head):
            continue  # “基金”, “本基金”
        out.append(Candidate(m.start(), m.end(), "Measure", measure_label(name, ctx.comp.lexicon), "measure.quoted"))
    return out


_DOC_HEADS = ("意见", "方案", "计划", "办法", "规定", "纲要", "规划", "决定", "通知", "措施", "细则",
              "规则", "标准", "指引", "制度", "机制", "行动", "工程", "指南")


_NOT_DOC_HEADS = ("法", "法典", "章程", "条例", "公约")


def titled_documents(ctx: Context) -> list[Candidate]:
    """A policy document by its title: 《关于加强新就业形态劳动者权益保障的指导意见》
    (rule ``measure.titled-doc``). Titles of papers, books and songs are skipped."""
    out = []
    for m in re.finditer(r"《([^《》\n]{2,60})》", ctx.text):
        name = m.group(1)
        if not name.endswith(_DOC_HEADS) or name.endswith(_NOT_DOC_HEADS) or "关于修改" in name or "废止" in name \
                or "〈" in name:
            continue  # laws, charters and amendments are not measures
        out.append(Candidate(m.start(), m.end(), "Measure", strip_marks(name), "measure.titled-doc"))
    return out


@cache
def _re_means():
    item = r"[\u4e00-\u9fff]{2,14}"
    return re.compile(rf"(?:{_alt(inv.MEANS_VERBS)})((?:{item}、){{0,30}}{item}(?:(?:和|及|与){item})?)等?(?:{_alt(inv.MEANS_NOUNS)})")


def means_measures(ctx: Context) -> list[Candidate]:
    """The listed means of an action: 通过转移支付、项目化管理等方式 (rule ``measure.by-means``)."""
    out = []
    text = ctx.text
    for m in _re_means().finditer(text):
        if not ctx.aligned(m.start(), m.start() + 2):
            continue
        pos = m.start(1)
        for part in re.split(r"(、|和|及|与)", m.group(1)):
            s, e = pos, pos + len(part)
            pos = e
            if part.endswith("等"):
                part, e = part[:-1], e - 1
            if part in ("、", "和", "及", "与") or len(part) < 3 or "的" in part:
                continue
            s2 = _trim_measure_left(ctx, s, e)
            if s2 is None or e - s2 < 3:
                continue
            label = measure_label(text[s2:e], ctx.comp.lexicon)
            if label in inv.GENERIC_WORDS or any(w in label for w in inv.NOT_MEASURE_WORDS + _NOT_IN_MEASURES):
                continue
            if not (label.endswith(inv.MEANS_ITEM_HEADS) or ctx.comp.lexicon.concept(label)):
                continue  # 通过电子邮件等方式: a channel, not a measure
            out.append(Candidate(s2, e, "Measure", label, "measure.by-means"))
    return out


# ---------------------------------------------------------------- not entities

@cache
def _re_blocked():
    return re.compile(
        r"(?:中国共产党|党的)?第?[一二三四五六七八九十]{1,3}(?:次全国代表大会|大|届[一二三四五六七八九十]{1,3}中全会)(?![学队会])"
        r"|中华民族伟大复兴的中国梦|中国梦|[\u4e00-\u9fff]{2,4}(?:意识|精神)(?![到形])"
        # awards and festivals that hold a group's word: 全国工人先锋号, 教师节, 护士节
        r"|(?:全国|省级|市级)?(?:工人先锋号|五一劳动奖状)|(?:教师|护士|记者|青年|妇女|劳动)节"
    )


def blocked_spans(ctx: Context) -> list[Candidate]:
    """Events, slogans and concepts that are none of the four classes: 党的十九大, 中国梦,
    五种意识 (rule ``block.not-entity``); they win overlaps and are never emitted."""
    return [Candidate(m.start(), m.end(), "Other", m.group(), "block.not-entity")
            for m in _re_blocked().finditer(ctx.text)]


__all__ = [
    "blocked_spans",
    "departments",
    "elided_place_orgs",
    "enumerated_groups",
    "facilities",
    "group_nouns",
    "means_measures",
    "modified_groups",
    "place_orgs",
    "places",
    "quoted_measures",
    "state_organs",
    "titled_documents",
    "unit_unions",
    "verb_objects",
    "vocabulary_matches",
]
