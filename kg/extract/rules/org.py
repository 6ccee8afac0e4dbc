"""Organization rules (``org.*``): unions, organs, companies, institutions and their units.

Each rule is ``(ctx, pool) -> list[Candidate]`` declared with ``@rule``; ``pool`` holds
what the rules declared before it found.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from kg.extract import inventory as inv
from kg.extract.context import (
    COUNT,
    Candidate,
    Context,
    finditer_from,
    is_cjk,
    literal_starts,
    search_from,
    starts_before,
    strip_marks,
)
from kg.extract.normalize import org_label
from kg.extract.people import _name_at, _re_post_chain, org_role_walk, role_to_clause_end, tagged_name
from kg.extract.rules.registry import rule
from kg.extract.rules.shared import (
    _NOMINAL,
    _NOT_GROUP_LEADS,
    Pool,
    _alt,
    known_places,
    union_work,
    vocab_orgs,
    vocabulary_matches,
)


@rule("org.vocab", example="全总召开书记处会议。", expect=("Organization", "中华全国总工会"),
      description="a name in ontology/vocab/organizations.ttl (全总, 中华全国总工会, 基层工会)")
def vocabulary_orgs(ctx: Context, pool: Pool) -> list[Candidate]:
    text, longer = ctx.text, _longer_departments()
    return [_secretariat_post(ctx, c) for c in vocabulary_matches(ctx, "Organization", "org.vocab")
            if c.length >= len(longer) or not text.endswith(longer[c.length], 0, c.end)]


def _secretariat_post(ctx: Context, c: Candidate) -> Candidate:
    """中华全国总工会书记处书记: the secretariat's name is part of the post, held in the union
    itself, so the organization is the union (when the vocabulary knows it)."""
    if not (c.label.endswith("书记处") and ctx.text.startswith(("书记", "第一书记"), c.end)):
        return c
    parent = ctx.comp.lexicon.concept(ctx.text[c.start:c.end - 3])
    return c if parent is None else replace(c, end=c.end - 3, label=parent.label)


@cache
def _longer_departments() -> tuple[tuple[str, ...], ...]:
    """The department names longer than n characters, by n: 宣传教育部 is a union's
    department, never the 教育部 it ends with."""
    return tuple(tuple(d for d in inv.DEPARTMENT_HEADS if len(d) > n)
                 for n in range(max(map(len, inv.DEPARTMENT_HEADS))))



def places(ctx: Context, place_orgs: list[Candidate] | tuple[()] = ()) -> list[tuple[int, int, str, str]]:
    """(start, end, full name, level) of every known province or city the text names,
    and of the places that start organizations found by ``place_orgs`` (丽水市总工会)."""
    full_of = _full_place_names()
    out = []
    for start, end, name in _place_hits(ctx):
        if not ctx.text.startswith(_ZONES, end):  # 兰州新区 is not 兰州市
            full, level = full_of[name]
            out.append((start, end, full, level))
    named = {}
    for o in place_orgs:
        m = re.match(r"(.+?[省市县区])", o.label)
        if m and o.label.startswith(ctx.text[o.start:o.start + 2]):
            out.append((o.start, o.start + len(m.group(1)), m.group(1), m.group(1)[-1]))
            named[m.group(1)] = o.start
    for name, first in named.items():  # 新华区总工会 … 新华区慈善总会: the place where the text names it again
        out += [(s, s + len(name), name, name[-1]) for s in _occurrences(ctx.text, name) if s != first]
    out += _unlisted_cities(ctx, {p[0] for p in out})
    out += _districts(ctx, [p for p in out if p[3] == "市"])
    return sorted(out)


def _occurrences(text: str, word: str) -> list[int]:
    """Every offset where ``word`` starts in ``text``."""
    out, pos = [], text.find(word)
    while pos >= 0:
        out.append(pos)
        pos = text.find(word, pos + len(word))
    return out


@cache
def _full_place_names() -> dict[str, tuple[str, str]]:
    """(full name, level) of every province and city name, full or short (江苏 -> 江苏省, 省)."""
    full_of = {}
    for full, short in inv.PROVINCES:
        full_of[full] = full_of[short] = (full, "省")
    for city in inv.CITIES:
        full_of.setdefault(city + "市", (city + "市", "市"))
        full_of.setdefault(city, (city + "市", "市"))
    return full_of


#: Zones named after their city: the city's name before them does not name the city.
_ZONES = ("新区", "高新区", "开发区", "经开区", "经济技术开发区", "高新技术产业开发区")


#: A city only matters here with a district after it (金昌市金川区), so only those are asked.
_CITY = re.compile(r"[\u4e00-\u9fff]{2,3}?市(?=[\u4e00-\u9fff]{1,3}?[区县])")
_CITY_WORD = re.compile("市")


def _city_starts(text: str) -> list[int]:
    """Where ``_CITY`` can begin: two or three characters before a 市."""
    return starts_before(text, _CITY_WORD, range(2, 4))


def _unlisted_cities(ctx: Context, known_starts: set[int]) -> list[tuple[int, int, str, str]]:
    """Cities the table does not list, where jieba reads a place ending in 市 (金昌市), so
    that a district after them is found too."""
    out = []
    for m in finditer_from(_CITY, ctx.text, _city_starts(ctx.text)):
        if m.start() not in known_starts and m.group()[:-1] not in _NOT_PLACES and m.group() not in _NOT_PLACES \
                and _is_place(ctx, m.start(), m.end()) and ctx.is_boundary(m.end()):
            out.append((m.start(), m.end(), m.group(), "市"))
    return out


_DISTRICT = re.compile(r"[\u4e00-\u9fff]{1,3}?[区县]")


def _districts(ctx: Context, cities) -> list[tuple[int, int, str, str]]:
    """A district or county right after a city: 郑州市金水区, 衢州市衢江区 (the name alone,
    as its own union is called: 金水区总工会)."""
    out = []
    for _s, e, _full, _level in cities:
        m = _DISTRICT.match(ctx.text, e)
        if m is None or m.group()[0] in "各全本该每辖城市" or m.group() in _NOT_PLACES or "工会" in m.group():
            continue
        if ctx.is_boundary(m.end()):
            out.append((m.start(), m.end(), m.group(), m.group()[-1]))
    return out


# ---------------------------------------------------------------- organizations

@cache
def _re_place_org():
    known = known_places()
    # a district, town or zone of the place: 南山区, 经济技术开发区, 高新技术产业开发区
    sub = (r"(?:(?:(?!工会|与|和|及|或|各)[\u4e00-\u9fff]){1,4}?(?:市|县|区|镇|乡|街道)"
           r"|(?:(?!工会|与|和|及|或)[\u4e00-\u9fff]){2,8}?(?:开发区|园区|新区|保税区|示范区|试验区)){0,2}"
           # 株洲高新区（天元区）总工会: the district a zone is run with, in brackets
           r"(?:（[\u4e00-\u9fff]{1,5}(?:区|县|市)）)?")
    heads = _alt(inv.ORGAN_HEADS + inv.UNION_HEADS)
    # an unlisted place: 元江县, 莒县 (one character only before 县), 平湖街道, 武当山特区 (checked by ``_place_word``)
    generic = (r"(?:[\u4e00-\u9fff]县|[\u4e00-\u9fff]{2,3}?(?:省|市|县|区|自治州|州|镇|乡|特区)|[\u4e00-\u9fff]{2,4}?街道"
               rf"|[\u4e00-\u9fff]{{2,3}}?(?:{_alt(_ZONE_LEVELS)}))")
    return re.compile(rf"(?P<place>(?:{_alt(known)}){sub}|{generic})(?P<head>{heads})")




#: Zones with a name of their own before the kind (华林经济开发区, 平湖经济开发区): the level
#: ``_place_word`` checks the name before.
_ZONE_LEVELS = ("经济技术开发区", "高新技术产业开发区", "经济开发区", "工业园区", "高新区", "经开区")
#: The level words the generic place of ``_re_place_org`` ends with, right before its head,
#: and how many characters before the level word the place can begin: two or three (one before
#: 县: 莒县; up to four before 街道: 西长安街街道). The 州 of 自治州 is an end too: 州 alone
#: ends a prefecture's short name (黔南州).
_LEVEL_BACKS = (
    (tuple("省市县区州镇乡"), range(2, 4)),
    (("自治州", "街道", "特区"), range(2, 4)),
    (("县",), range(1, 2)),
    (_ZONE_LEVELS, range(2, 4)),
    (("街道",), range(4, 5)),
)
_LEVEL_LAST_CHARS = frozenset(w[-1] for words, _ in _LEVEL_BACKS for w in words)
_PLACE_HEADS = tuple(inv.ORGAN_HEADS + inv.UNION_HEADS)


def _generic_place_starts(text: str) -> set[int]:
    """Where the generic place of ``_re_place_org()`` can begin: before a level word that
    one of its heads follows. Found from the heads (the shared pass of the literal automaton),
    not by a scan per level word: a character class like [省市县区州镇乡] costs the regex
    engine about 9 ns a character, and laws name few heads.

    >>> sorted(_generic_place_starts("在鼓楼区人民政府，莒县总工会"))
    [0, 1, 7, 8, 9]
    """
    out: set[int] = set()
    for head in literal_starts(text, _PLACE_HEADS):
        if head == 0 or text[head - 1] not in _LEVEL_LAST_CHARS:
            continue
        for words, back in _LEVEL_BACKS:
            for level in words:
                if text.endswith(level, 0, head):
                    pos = head - len(level)
                    out.update(pos - k for k in back if pos >= k)
    return out


def _place_hits(ctx: Context) -> list[tuple[int, int, str]]:
    """(start, end, name) of every known province or city name in the text, from the one
    pass of the vocabulary automaton (which holds them) the article makes."""
    known = known_places()
    return [hit for hit in ctx.name_hits() if hit[2] in known]


def _place_org_starts(ctx: Context) -> list[int]:
    """The offsets where ``_re_place_org()`` can match, sorted: where a known place starts,
    and one to four characters before a level word that a head follows (the generic place). Everywhere else
    the 300-name alternation would only be tried and fail, at every character."""
    return sorted({s for s, _, _ in _place_hits(ctx)} | _generic_place_starts(ctx.text))


@cache
def _known_place_lengths() -> tuple[int, ...]:
    """The lengths of the names in ``known_places()``."""
    return tuple(sorted({len(k) for k in known_places()}))


@rule("org.place-union", example="山东省青岛市总工会开展职工疗休养活动。", expect=("Organization", "山东省青岛市总工会"),
      description="a place, then a union head (江苏省总工会, 深圳市南山区总工会)")
def place_unions(ctx: Context, pool: Pool) -> list[Candidate]:
    return [c for c in _place_orgs(ctx) if c.rule == "org.place-union"]


@rule("org.place-organ", example="四川省人民政府副省长李云泽出席活动并讲话。", expect=("Organization", "四川省人民政府"),
      description="a place, then a party or state organ (江苏省人大常委会, 深圳市人民政府)")
def place_organs(ctx: Context, pool: Pool) -> list[Candidate]:
    return [c for c in _place_orgs(ctx) if c.rule == "org.place-organ"]


def _place_orgs(ctx: Context) -> list[Candidate]:
    """Place + union or organ: 江苏省总工会, 深圳市南山区总工会, 江苏省人大常委会."""
    return ctx.once("place_orgs", lambda: _find_place_orgs(ctx))


def _find_place_orgs(ctx: Context) -> list[Candidate]:
    out = []
    text = ctx.text
    known = known_places()
    rx = _re_place_org()
    starts = _place_org_starts(ctx)
    m = search_from(rx, text, starts, 0)
    while m is not None:
        place, head = m.group("place"), m.group("head")
        start = m.start()
        if not any(place[:n] in known for n in _known_place_lengths()):  # starts with a known place
            # an unknown place must be a place name to jieba, and start a word
            ok = place not in _NOT_PLACES and place[:-1] not in _NOT_PLACES \
                and (_place_word(ctx, start, place) or _listed_place(text, start, place)
                     or _street_after_district(ctx, start, place))
            if ok:
                start = _parent_place_start(ctx, start, place)
                place = text[start:m.start("head")]
        else:
            ok = start == 0 or not is_cjk(text[start - 1]) or ctx.is_boundary(start)
        if "各" in (text[start - 1:start] if start else "", text[start:start + 1]):
            ok = False  # 各市县工会, 各省总工会: the unions of many places
        if not ok:  # 为江苏省人大常委会: retry one character on
            m = search_from(rx, text, starts, start + 1)
            continue
        if _law_title_follows(text, m.end()):  # 重庆市工会条例: a law's title
            m = search_from(rx, text, starts, m.end())
            continue
        rule = "org.place-union" if head in inv.UNION_HEADS else "org.place-organ"
        office = _OFFICE.match(text, m.end()) if head in ("人民政府", "政府") else None
        end = office.end() if office else m.end()  # 毕节市人民政府驻广州办事处: the government's office
        league = "共青团" if head == "委" and text.endswith("共青团", 0, start) else ""  # 共青团湖北省委
        out.append(Candidate(start - len(league), end, "Organization",
                             league + org_label(place, head) + text[m.end():end], rule))
        m = search_from(rx, text, starts, end)
    return out


def _street_after_district(ctx: Context, start: int, place: str) -> bool:
    """A street or town whose name jieba cuts in two (果园/新村 街道), printed after its district
    or county (北辰区果园新村街道): the district vouches for it."""
    return place.endswith(("街道", "镇", "乡")) and ctx.is_boundary(start) \
        and _parent_place_start(ctx, start, place) < start


def _listed_place(text: str, start: int, place: str) -> bool:
    """A place of one character and its level, after another of the same level and a 、:
    the 冠县 of 莘县、冠县总工会 (counties jieba does not know)."""
    return len(place) == 2 and start >= 3 and text[start - 1] == "、" and text[start - 2] == place[-1]


#: A government's office in another city: …人民政府驻广州办事处, …政府驻京联络处.
_OFFICE = re.compile(r"驻[\u4e00-\u9fff]{1,6}?(?:办事处|联络处)")


#: An ethnic town or township is named before its people: 金岭回族镇, 某某满族乡.
_ETHNIC = re.compile(r"[\u4e00-\u9fff]{1,3}族[镇乡]$")
#: A district or county printed right before a town's name: 临淄区朱台镇.
_PARENT = re.compile(r"[\u4e00-\u9fff]{2,3}[区县市]")


def _parent_place_start(ctx: Context, start: int, place: str) -> int:
    """Where an unlisted town's or district's full name starts: its own name before an ethnic word
    (金岭 of 金岭回族镇), and the district or county printed before it (临淄区朱台镇), or the
    city before a district (哈密市伊州区)."""
    text = ctx.text
    if _ETHNIC.search(place) and start >= 2 and is_cjk(text[start - 2]) and ctx.is_boundary(start - 2):
        start -= 2
    district = place.endswith(("区", "县")) and place[0] not in "各全本该每辖城市县区"  # not 抚顺市各县区
    parent_levels = ("区", "县", "市") if place.endswith(("镇", "乡", "街道")) else ("市",) if district else ()
    if text[start - 1:start] in parent_levels:  # 哈密市伊州区: a city printed before its district
        for s0 in (start - 4, start - 3):  # two or three characters, then the level
            parent = text[max(0, s0):start]
            if s0 >= 0 and _PARENT.fullmatch(parent) and parent[:-1] not in _NOT_PLACES and _place_word(ctx, s0, parent):
                return s0
    return start


def _law_title_follows(text: str, pos: int) -> bool:
    """重庆市工会条例, 工会法: the name is the start of a law's title; 总工会法律部 is not."""
    return text.startswith(("条例", "章程", "工作条例"), pos) or (
        text.startswith("法", pos) and not text.startswith(("法律", "法院", "法规", "法制", "法治"), pos))


_NOT_PLACES = {"直辖", "设区的", "县级", "地级", "本", "该", "全", "各", "上述", "所在地", "城", "城市",
               "县级以上", "乡镇", "社区", "街道", "地区", "辖区", "市辖", "行政", "自治", "特别行政", "省级", "市级",
               "当地", "外", "省外", "市外", "跨", "跨区", "园区", "开发区", "厂区", "矿区", "景区", "社", "小区", "老区",
               "主城", "老城"}


def _is_place(ctx: Context, start: int, end: int) -> bool:
    tags = ctx.pos_tags(max(0, start - 2), end)
    return any(s <= start < e and flag == "ns" for s, e, flag in tags) and (ctx.is_boundary(start) or start == 0)


_LEVELS = (*_ZONE_LEVELS, "自治州", "街道", "特区", "省", "市", "县", "区", "州", "镇", "乡")


def _place_word(ctx: Context, start: int, place: str) -> bool:
    """``place`` (a name, then its level) names a place: jieba cuts the whole sentence so
    that the place, or its name before the level, is one word, which alone it tags as a
    place (莒县, 平湖 before 街道; 卫东区/nt with its level) or, two or three characters long, as a proper name
    right before the level (元江/nr 县总工会); never the tail of other words (黄庆/和/及/县总工会)."""
    level = next(lv for lv in _LEVELS if place.endswith(lv))
    for end in (start + len(place), start + len(place) - len(level)):
        if end - start < 1 or not (ctx.is_boundary(start) and ctx.is_boundary(end)):
            continue
        if any(ctx.is_boundary(i) for i in range(start + 1, end)):
            continue
        tags = ctx.pos_tags(start, end)
        if len(tags) == 1 and _tagged_place(ctx, tags[0][2], place, level, end - start):
            return True
    return _split_town(ctx, start, place, level)


def _tagged_place(ctx: Context, flag: str, place: str, level: str, length: int) -> bool:
    """One word of ``length`` characters (the whole ``place``, or its name before the level)
    that the tagger's ``flag`` makes a place."""
    whole = length == len(place)
    return flag == "ns" or (flag == "nt" and whole and level in ("区", "县")) \
        or _rare_place_noun(ctx, flag, place, length) \
        or (flag in ("nr", "nz") and not whole and 2 <= length <= 3) \
        or (flag in ("nr", "nz") and whole and level in ("镇", "乡"))  # 沙溪镇/nr 党委: a town read as one name


#: How often jieba's dictionary may use a place's two-character name as a word of its own for
#: the place (name and level as one word the dictionary calls a common noun) still to count:
#: 龙岗区/n (龙岗: 19), 铁力市/n (铁力: 6), but not 示范区 (示范: 981) nor 居民区.
_RARE_NAME_FREQ = 300


def _rare_place_noun(ctx: Context, flag: str, place: str, length: int) -> bool:
    """``place`` is one word the dictionary tags as a common noun (龙岗区/n, 铁力市/n) whose
    name is rare as a word: a district or county-level city it lists without its ns tag."""
    return flag == "n" and length == len(place) == 3 and place[-1] in "市区县" \
        and ctx.comp.tokenizer.FREQ.get(place[:2], 0) < _RARE_NAME_FREQ


def _split_town(ctx: Context, start: int, place: str, level: str) -> bool:
    """A town of three characters opening a clause or a list item, which the tagger splits
    after a surname-like first character: 金/nr 山镇/ns 总工会."""
    if level not in ("镇", "乡") or len(place) != 3 or (start > 0 and ctx.text[start - 1] not in _NAME_OPENERS):
        return False
    tags = ctx.pos_tags(start, start + 3)
    return len(tags) == 2 and tags[0][1] == start + 1 and tags[1][2] == "ns"


_UNIT_NOUNS: tuple[str, ...] = ("公司", "集团", "大学", "学院", "学校", "医院", "银行", "研究院", "研究所", "中心", "厂",
               "矿", "机场", "港", "铁路局", "供电局", "行业", "产业", "系统", "园区", "社区", "街道", "楼宇", "市场",
               "分行", "支行", "分公司", "子公司", "分院", "分厂", "车间", "项目部")
#: Ends of units whose name must open with a proper name (梁徐/nr 镇工会, 苏中/ns 药业工会), not 村重点发展村级工会.
_NAMED_UNIT_NOUNS = ("镇", "乡", "村", "村级", "药业", "实业", "物业", "置业", "矿业")
_SECTOR_WORDS = ("行业", "产业")


@rule("org.unit-union", example="中国石油天然气集团有限公司工会组织开展“安康杯”竞赛活动。",
      expect=("Organization", "中国石油天然气集团有限公司工会"),
      description="the union of a named unit, industry or place (中国石油天然气集团有限公司工会)")
def unit_unions(ctx: Context, pool: Pool) -> list[Candidate]:
    """The union of a named unit, industry or place: 中国石油天然气集团有限公司工会,
    成都市新就业形态劳动者工会联合会, 南京大学工会 (rule ``org.unit-union``).
    The name runs left over nouns up to a verb or a mark; it must start with a known
    place or end with a unit noun (公司, 集团, 大学, 行业…)."""
    out = []
    text = ctx.text
    known = [f for f, _ in inv.PROVINCES] + [s for _, s in inv.PROVINCES] + list(inv.CITIES)
    organ_ends = _organ_ends(pool)
    for m in finditer_from(_UNION_WORD, text, starts_before(text, _UNION_LITERAL, range(0, 3, 2))):
        sent = ctx.sentence_of(m.start(), m.end())
        if sent is None or m.start() - sent[0] < 2 or _law_title_follows(text, m.end()):
            continue  # 重庆市工会条例: a law's title, not a union
        if union_work(text, m.end(), m.group()):
            continue  # 新就业形态劳动者工会工作: the unions' work for them, not a union
        start = min(_unit_name_start(ctx, max(sent[0], m.start() - 30), m.start(), known),
                    _company_start(ctx, sent[0], m.start()))
        name = text[start:m.start()]
        if len(name) < 3 or not (name.startswith(tuple(known)) or name.endswith(_UNIT_NOUNS + inv.OCCUPATION_SUFFIXES)
                                 or m.start() in organ_ends or _named_unit(ctx, start, m.start())):
            continue  # 货车司机工会联合会: an occupation's union counts too; 淳安县交通运输局工会: an organ's
        if "各" in name:
            continue  # 抚顺市各县区工会: the unions of many units
        if name.startswith(tuple(_NOT_GROUP_LEADS) + ("地方", "区域", "同级", "上级", "下级", "本级", "所在", "相应", "上述", "前述")):
            continue
        out.append(Candidate(start, m.end(), "Organization", strip_marks(text[start:m.end()]), "org.unit-union"))
    return out


def _named_unit(ctx: Context, start: int, end: int) -> bool:
    """``text[start:end]`` is a town, village or trading company opening with a proper name
    (梁徐镇, 苏中药业, 涧池洞河村村级)."""
    tags = ctx.pos_tags(start, end) if ctx.text.endswith(_NAMED_UNIT_NOUNS, start, end) else []
    return bool(tags) and tags[0][2] in _NAMED_FLAGS


def _organ_ends(pool: Pool) -> set[int]:
    """Where a place's state organ ends, so that a union there is the organ's (淳安县交通运输局|工会)."""
    return {o.end for o in pool.of("org.place-organ") if not o.label.endswith("工会")}


def _company_start(ctx: Context, lo: int, end: int) -> int:
    """Where a company's registered name ending at ``end`` starts, as ``org.company`` reads it
    (青海闪电/v智能科技有限公司工会: a verb inside the name); ``end`` if none ends there."""
    head = _COMPANY_END.search(ctx.text, max(lo, end - 8), end)
    if head is None:
        return end
    start, proper = _name_start(ctx, ctx.pos_tags(max(lo, head.start() - 24), head.start()), head.start())
    return start if proper else end


_UNION_WORD = re.compile(r"(?:联合)?(?<!总)工会(?:联合会|委员会)?")
_UNION_LITERAL = re.compile("工会")  # _UNION_WORD begins there or two characters before (联合工会)


def _unit_name_start(ctx: Context, lo: int, end: int, known: list[str]) -> int:
    """Where the name of a unit ending at ``end`` starts: left over nouns and known places
    (大连/d), a trade named by its verb (快递/v 行业), a unit the tagger reads as a verb (分行/v)."""
    text = ctx.text
    start = end
    tags = ctx.pos_tags(lo, end)
    for i in range(len(tags) - 1, -1, -1):
        ts, te, flag = tags[i]
        word = text[ts:te]
        if flag == "v" and (text.startswith(_SECTOR_WORDS, te) or word in _UNIT_NOUNS
                            or (i > 0 and tags[i - 1][2] == "ns" and te - ts == 2 and te < end
                                and not ctx.comp.tokenizer.FREQ.get(word))):
            flag = "n"  # 湖北长江/ns 垄上/v 传媒集团: a brand no dictionary knows, read as a verb, after a place
        if te != start or (flag not in _NOMINAL and word not in known) \
                or (flag == "x" and not is_cjk(word[0])) or word in ("各级", "基层", "全国") or _outside_unit_names(word) \
                or (flag in ("m", "q") and not word.startswith("第")):
            return _past_holder(ctx, tags, i, start)  # 14/m 个/m 产业工会: a count of unions, not part of one's name
        start = ts
    return start


#: Words the tagger may call nouns that never stand inside a unit's name: 代表总公司工会
#:慰问 (on its behalf), 经公司工会推荐 (through it).
_NOT_IN_UNIT_NAMES = ("代表", "经", "经过", "由", "据", "受", "通过", "各家", "所属", "下属", "部分")


def _outside_unit_names(word: str) -> bool:
    """``word`` never stands inside a unit's name: 代表/经…, a post (主席, 总经理), or a count
    (两家公司工会联合会)."""
    return word in _NOT_IN_UNIT_NAMES or word.endswith(_POST_WORDS) or COUNT.fullmatch(word) is not None


_POST_WORDS = tuple(inv.POSTS)  # 主席, and a word ending in a post: 工会主席


def _past_holder(ctx: Context, tags: list[tuple[int, int, str]], i: int, start: int) -> int:
    """``start`` moved past a person's name that the post ``tags[i]`` stopping the walk is
    held by (主席|张某某|某某有限公司: a list of people, posts and units run together)."""
    text = ctx.text
    if text[tags[i][0]:tags[i][1]].endswith(_POST_WORDS) and i + 1 < len(tags):
        ts, te, flag = tags[i + 1]
        if ts == start and flag == "nr":
            return te
    return start


_COMPANY_END = re.compile(r"(?:[（(]集团[）)])?(?:股份有限公司|有限责任公司|有限公司|股份公司|集团公司)$")
# 某某发动机（集团）有限公司: the group in brackets inside the registered name
_COMPANY = re.compile(r"(?:[（(]集团[）)]|集团)?(?:股份有限公司|有限责任公司|有限公司|股份公司|集团公司|集团)"
                      r"|卷烟厂|制药厂|钢铁厂|发电厂|机械厂")
#: Universities, institutes and hospitals by name: 中国海洋大学海洋生命学院, 清华大学公共管理学院.
_INSTITUTION_HEADS = ("大学", "学院", "研究院", "研究所", "基金会", "学校", "中学", "小学", "铁路局", "医院", "卫生院", "技工学校",
                      "妇幼保健院", "保健院", "疗养院", "休养院", "出版社", "日报社", "晚报社", "报社", "杂志社", "广播电视台", "电视台")
_INSTITUTION = re.compile(f"{'|'.join(_INSTITUTION_HEADS)}|领导小组(?:办公室)?")
#: What a station's name may be that only says its kind: 广播电台电视台 (in a statute).
_STATION_KINDS = ("广播电台", "广播", "有线", "网络")
#: Law firms: named by their place alone (北京律师事务所) or, opening a list item, by a
#: brand (、金台律师事务所); 外国律师事务所 is a kind.
_PLACED_UNIT = re.compile(r"律师事务所")
_PROPER = ("ns", "nz", "nt", "nr", "j", "nrt", "nrfg")
#: Of those, the tags of a name itself (a place, a person, a brand, an abbreviation), not of a kind of body (nt).
_NAMED_FLAGS = tuple(f for f in _PROPER if f != "nt")
_NOT_COMPANY_LEADS = ("本", "子", "母", "外国", "境外", "境内", "关联", "国有", "民营", "私营", "中外", "外商", "外资", "上市",
                      "地方", "直辖市", "设区的市", "辖区")  # 地方人民政府污染源普查领导小组: any county's


@rule("org.company", example="来自中车株洲电力机车有限公司的劳动模范介绍经验。", expect=("Organization", "中车株洲电力机车有限公司"),
      description="a company by its registered name (中车株洲电力机车有限公司)")
def companies(ctx: Context, pool: Pool) -> list[Candidate]:
    return _registered_names(ctx, _COMPANY, "org.company", _COMPANY_LEADS)


#: What every match of ``_COMPANY`` (``_INSTITUTION``) begins with: it is tried only where one of them is.
_INSTITUTION_LEADS = (*_INSTITUTION_HEADS, "领导小组")
_COMPANY_LEADS = ("集团", "股份", "有限", "卷烟厂", "制药厂", "钢铁厂", "发电厂", "机械厂", "（集团）", "(集团)")


def _registered_names(ctx: Context, heads: re.Pattern, rule_id: str, leads: tuple[str, ...] | None = None,
                      hopeless: Callable[[str, int, re.Match[str]], bool] | None = None) -> list[Candidate]:
    """A name registered with one of ``heads``: the name runs left over nouns and must hold
    a proper noun (a place, a brand) to jieba, so 保险公司 or 该公司 are not companies.
    ``leads``: what every match of ``heads`` begins with, if given; ``hopeless(text, lo, m)``:
    true where the caller drops whatever name jieba's tags give the head ``m`` (the name
    starting at ``lo`` at the earliest), so jieba is not asked."""
    out = []
    text = ctx.text
    for m in heads.finditer(text) if leads is None else finditer_from(heads, text, literal_starts(text, leads)):
        sent = ctx.sentence_of(m.start(), m.end())
        if sent is None or m.start() - sent[0] < 2 or _head_goes_on(text, m.end()):
            continue
        lo = max(sent[0], m.start() - 24)
        if hopeless is not None and hopeless(text, lo, m):
            continue
        start, proper = _name_start(ctx, ctx.pos_tags(lo, m.start()), m.start())
        name = text[start:m.start()]
        if not proper and rule_id == "org.company" and _brand_item(ctx, start, m.start()):
            proper = True  # …获得者、茅台/n 集团勾贮车间…: a list item opening with its brand
        if rule_id == "org.company" and (not proper or len(name) < 2):
            placed = _placed_start(ctx, max(sent[0], m.start() - 16), m.start())
            if placed is not None:  # （浙江佳都/a,d 服装有限公司…: a province or city opening the name after a mark
                start, name, proper = placed, text[placed:m.start()], True
        if name[:1] in _PARTICLES:  # 考上了/仲恺…学院: the tagger's word took the particle before the name
            start, name = start + 1, name[1:]
        if len(name) < 2 or not proper or name.startswith(tuple(_NOT_GROUP_LEADS) + _NOT_COMPANY_LEADS) or "有关" in name:
            continue  # 党和国家有关行政学院工作: any such school
        out.append(Candidate(start, m.end(), "Organization", text[start:m.end()], rule_id))
    return out


#: A street after a name's head makes it an address: 大学西路, 学院路, 医院北街.
_STREET = re.compile(r"[东西南北中]?(?:路|街|大道|大街|巷)")


def _head_goes_on(text: str, end: int) -> bool:
    """A registered name's head runs on into a union (…公司工会, org.unit-union's) or a street
    (南宁市大学西路169号)."""
    return text.startswith(("工会", "工委"), end) or bool(_STREET.match(text, end))


#: Particles that end the verb before a name, never open one.
_PARTICLES = ("了", "着", "过")


def _placed_start(ctx: Context, lo: int, end: int) -> int | None:
    """Where a registered name opening with a province or city starts, right after a mark,
    when all up to ``end`` is Chinese: （浙江佳都服装有限公司."""
    text = ctx.text
    for s in sorted({h[0] for h in _place_hits(ctx) if lo <= h[0] < end - 3}):
        if (s == 0 or text[s - 1] in _NAME_OPENERS) and all(is_cjk(c) for c in text[s:end]):
            return s
    return None


_NAME_OPENERS = "（(“、，,：:；;\n "


def _brand_item(ctx: Context, start: int, end: int) -> bool:
    """A brand of two or three characters, one word, opening a list item or a clause:
    the name of a company jieba tags as a common noun (茅台/n 集团)."""
    text = ctx.text
    tags = ctx.pos_tags(start, end)
    return (2 <= end - start <= 3 and len(tags) == 1 and tags[0][2] in ("n", "nz") and start > 0
            and text[start - 1] in "、；;：:，," and text[start:end] not in _GENERIC_FIRMS)


#: Words before 集团/公司 that say what kind of firm it is, not which.
#: (国有, 民营, 外资… are _NOT_COMPANY_LEADS, refused for any name.)
_GENERIC_FIRMS = ("企业", "公司", "集团", "大型", "旅游", "投资", "控股", "产业", "物流", "科技", "保险",
                  "银行", "快递", "建筑", "能源", "电力", "钢铁", "煤炭", "医药", "汽车", "地产", "房地产")


#: Words for holding a post that jieba may tag as nouns (现任/n): never part of a name.
_HOLDS = ("现任", "现为", "曾任", "原任", "担任", "历任")

#: Short names of central state enterprises that jieba tags as common nouns (中铁/n): they
#: make a registered name as a place does (中铁电气化局集团第一工程有限公司).
_BRANDS = ("中铁", "中建", "中交", "中冶", "中核", "中航", "中船", "中粮", "中石化", "中石油", "中海油", "中车", "中远",
           "中化", "中电", "中煤", "中铝", "国网", "鞍钢", "宝钢", "首钢", "武钢", "包钢", "攀钢", "马钢", "太钢", "本钢")


def _name_start(ctx: Context, tags: list[tuple[int, int, str]], start: int) -> tuple[int, bool]:
    """Walk left from ``start`` over the nominal words ``tags`` ends with: (where the name
    starts, whether it holds a proper noun)."""
    text = ctx.text
    known = tuple(f for f, _ in inv.PROVINCES) + tuple(s for _, s in inv.PROVINCES) + inv.CITIES
    proper = False
    for i in range(len(tags) - 1, -1, -1):
        ts, te, flag = tags[i]
        word = text[ts:te]
        if te == start and _verb_inside_name(tags, i, word):
            return tags[i - 1][0], True  # 中国联合网络通信有限公司: a verb inside the registered name
        if flag == "m" and word in _BRAND_NUMERALS and i > 0 and tags[i - 1][2] in _PROPER:
            flag = "n"  # 郑州/ns 百顺/nz 万/m 利/n 酒店: a numeral character inside a brand after a proper noun
        if te != start or _stops_name(word, flag):
            start = _past_holder(ctx, tags, i, start)
            break
        start, proper = ts, proper or flag in _PROPER or word.startswith(known) or word.startswith(_BRANDS) \
            or _level_after_name(tags, i, word)
    return start, proper


def _level_after_name(tags: list[tuple[int, int, str]], i: int, word: str) -> bool:
    """``word`` (the ``i``-th tag) is a place's level after a noun naming it: 木石/n 镇/n."""
    return word in _PLACE_LEVELS and i > 0 and tags[i - 1][1] == tags[i][0] and tags[i - 1][2] in _NOMINAL


_BRAND_NUMERALS = ("万", "千", "百", "亿")


def _stops_name(word: str, flag: str) -> bool:
    """The tagged ``word`` cannot stand inside a registered name; an ordinal may
    (中建三局第一建设工程有限责任公司)."""
    return (flag not in _NOMINAL and word not in _BUSINESS_WORDS) or (flag == "x" and not is_cjk(word[0])) \
        or (flag == "m" and not word.startswith("第")) or word in _HOLDS or _outside_unit_names(word)
#: A level word after a name the tagger does not know as a place: 木石/n 镇/n 卫生院.
_PLACE_LEVELS = ("镇", "乡", "村", "街道", "社区", "县")


#: What a company does, printed inside its registered name and tagged as a verb by jieba:
#: 长春龙翔投资控股集团文化旅游建设开发有限公司.
_BUSINESS_WORDS = ("开发", "发展", "管理", "服务", "运输", "经营", "咨询", "制造", "建设", "投资", "贸易", "设计",
                   "销售", "生产", "加工", "安装", "维修", "租赁", "运营", "营销", "养护", "施工",
                   "铸造", "冶炼", "印刷", "勘探", "勘察", "检测", "供电", "发电", "供水", "供热", "装饰", "包装", "配送")


def _verb_inside_name(tags: list[tuple[int, int, str]], i: int, word: str) -> bool:
    """A two-character verb right after a place that opens the name (中国|联合|网络…)."""
    ts, _te, flag = tags[i]
    return (flag == "v" and len(word) == 2 and i > 0 and tags[i - 1][2] == "ns" and tags[i - 1][1] == ts
            and (i == 1 or tags[i - 2][2] not in _NOMINAL))


@rule("org.institution", example="中国海洋大学海洋生命学院院长包振民介绍。", expect=("Organization", "中国海洋大学海洋生命学院"),
      description="a university, institute or hospital by its name, down to a school (中国海洋大学海洋生命学院)")
def institutions(ctx: Context, pool: Pool) -> list[Candidate]:
    """A school only with its place (北京市交通学校, 漳州第一技工学校): 普通高等学校 is a kind of school."""
    return [c for c in _registered_names(ctx, _INSTITUTION, "org.institution", _INSTITUTION_LEADS, _unplaced_school)
            if (not c.label.endswith(_SCHOOLS) or c.label.endswith("技工学校") or _PLACED.match(c.label))
            and c.label.removesuffix("电视台") not in _STATION_KINDS] \
        + [c for m in _PLACED_UNIT.finditer(ctx.text) for c in _placed_unit(ctx, m)]


def _placed_unit(ctx: Context, m: re.Match) -> list[Candidate]:
    """北京律师事务所 (a known place, then the kind), 、金台律师事务所 (a brand opening a list item)."""
    text = ctx.text
    start = min((h[0] for h in _place_hits(ctx) if h[1] == m.start()), default=-1)  # the longest place before it
    if start >= 0 and (start == 0 or not is_cjk(text[start - 1]) or ctx.is_boundary(start)):
        return [Candidate(start, m.end(), "Organization", text[start:m.end()], "org.institution")]
    brand = next((m.start() - n for n in (3, 2) if _brand_item(ctx, m.start() - n, m.start())), None)
    if brand is not None:
        return [Candidate(brand, m.end(), "Organization", text[brand:m.end()], "org.institution")]
    return []


_SCHOOLS = ("学校", "中学", "小学")
_PLACED = re.compile(r"[\u4e00-\u9fff]{2,8}?[省市县区]")
_PLACE_LEVEL = re.compile("[省市县区]")


def _unplaced_school(text: str, lo: int, m: re.Match[str]) -> bool:
    """A school (学校, 中学, 小学; not 技工学校) with no 省/市/县/区 two or more characters after
    ``lo``, where its name starts at the earliest: whatever that name, ``_PLACED`` cannot
    match it and ``institutions`` drops it (高等学校, 民办学校).

    >>> [_unplaced_school(t, 0, _INSTITUTION.search(t)) for t in ("举办民办学校", "北京市交通学校")]
    [True, False]
    """
    return (m.group() in _SCHOOLS and not text.endswith("技工", 0, m.start())
            and not _PLACE_LEVEL.search(text, lo + 2, m.start()))


_UNIT = re.compile(r"(?:(?:(?!和|及|与|或|以下)[\u4e00-\u9fffA-Za-z0-9—\-]|（[\u4e00-\u9fff]{1,6}）){1,12}?"
                   r"(?:分公司|子公司|有限公司|公司|分厂|车间|工段|班组|中心|团队|项目部|(?<![全内外局干总])部"
                   r"|研究院|研究所|附属医院|医院|分行|支行|铁矿|煤矿|厂|矿)|[一二三四五六七八九十\d]{1,3}班)")


@rule("org.sub-unit", example="表彰华东重工集团有限公司三号装配车间、南京港务集团有限公司。",
      expect=("Organization", "华东重工集团有限公司三号装配车间"),
      description="a company or institution, then its units down to the team, ending at a mark, as award lists name them")
def sub_units(ctx: Context, pool: Pool) -> list[Candidate]:
    """Taken only where the name ends at a mark (、，。), so it is delimited as a name."""
    out = []
    text = ctx.text
    for o in pool.of("org.company", "org.institution"):
        end = o.end
        for _ in range(3):
            m = _UNIT.match(text, end)
            if m is None:
                break
            end = m.end()
        if end > o.end and _name_ends_at(text, end):
            out.append(Candidate(o.start, end, "Organization", text[o.start:end], "org.sub-unit"))
    return out


#: An item of an honour list after the honour (…获得者、): a unit, the role printed, then a name.
_AWARD_ITEM = re.compile(r"(?P<org>[\u4e00-\u9fffA-Za-z0-9]{4,24}(?:有限责任公司|有限公司|公司|集团|中心|事业部|局|厂|矿|站|所|院"
                         r"|段|队|车间|枢纽|项目部))(?P<role>[\u4e00-\u9fff]{1,12}?(?:师|工|员|长|手|带头人|助理))")
#: What opens a list of honoured people, each item a unit, a role and a name: 他们分别是：….
_ITEM_LIST = re.compile(r"(?:分别是|分别为|他们是|名单如下|依次是)[：:]")
#: Items read after one another in one list, at most, and the longest item.
_MAX_ITEMS = 40
_MAX_ITEM = 48
_ITEM_END = re.compile(r"[，；。！？\n]")


#: The end of an honour no vocabulary lists: 省五一劳动奖章获得者、.
_HONOUR_END = re.compile(rf"{inv.HONOUR_HOLDER}、")  # its 、 (a pattern opening with a look-behind is tried everywhere)


@rule("org.award-item", example="省五一劳动奖章获得者、中铁九局长江大桥项目部测绘员陈立新等。",
      expect=("Organization", "中铁九局长江大桥项目部"),
      description="the unit of an honour list's item (…获得者、unit + role + name): the name as printed, up to its last unit noun")
def award_items(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    lex = ctx.comp.lexicon
    out = []
    honours = sorted({e for _s, e, name in ctx.name_hits() if text[e:e + 1] == "、"
                      and any(k.cls == "WorkerGroup" for k in lex.lookup(name))}  # group rules run later
                     | {m.end() - 1 for m in _HONOUR_END.finditer(text)})
    for end in honours:
        found = _award_item(ctx, end + 1)
        out += [found[0]] if found else []
    for intro in _ITEM_LIST.finditer(text):  # 他们分别是：A公司带头人甲，B站副班长乙，…: one item after another
        pos = intro.end()
        for _ in range(_MAX_ITEMS):
            found = _award_item(ctx, pos)
            out += [found[0]] if found else []
            nxt = _ITEM_END.search(text, found[1] if found else pos, (found[1] if found else pos) + _MAX_ITEM)
            if nxt is None or nxt.group() not in ("，", "；"):
                break  # the list ends with its sentence (or an item too long to be one)
            pos = nxt.end()
    return out


def _award_item(ctx: Context, pos: int) -> tuple[Candidate, int] | None:
    """The unit of the honour list's item at ``pos`` (unit + role + name) and where the
    item's name ends, or None."""
    text = ctx.text
    m = _AWARD_ITEM.match(text, pos)
    name_end = _name_at(ctx, m.end()) if m is not None and not any(c in m.group("org") for c in "、，。；") else None
    if m is None or name_end is None or not ctx.is_boundary(m.start("role")) or not ctx.sentence_of(m.start(), m.end()):
        return None
    return Candidate(m.start(), m.end("org"), "Organization", m.group("org"), "org.award-item"), name_end


#: Verbs an award list puts right after a unit's name: …蚌埠卷烟厂荣获全国五一劳动奖状.
_AWARD_VERBS = ("荣获", "获得", "获评", "被授予", "被评为")


def _name_ends_at(text: str, end: int) -> bool:
    """A unit's name ends at ``end``: a mark, an award verb, or a role that runs to the clause
    end (…齐大山铁矿生产技术室公路管理业务主管。: the post someone holds there)."""
    if end == len(text) or text[end] in "、，,。；;）)等" or text.startswith(_AWARD_VERBS, end):
        return True
    return role_to_clause_end(text, end) is not None


@cache
def _re_elided():
    heads = _alt(tuple(h for h in inv.ORGAN_HEADS if len(h) > 1 and h not in ("人大", "委员会")) + ("委",))
    return re.compile(rf"(?P<level>经开区|高新区|省|市|县|区)(?P<head>{heads})")


#: Organs news names by level alone for one body (县总工会, 县委, 县人大常委会); laws use
#: 县人民政府, 县人民法院 for any county's, so those stay unnamed when no place resolves them.
_BARE_HEADS = ("总工会", "人大常委会", "政协", "委", "政府", "纪委监委", "纪委", "妇联", "团委", "管委会")


@rule("org.elided-place", example="长沙市总工会联合市住建局开展检查。", expect=("Organization", "长沙市住建局"),
      description="a level word standing for the place the article names (省总工会 in an article naming 江苏省)")
def elided_place_orgs(ctx: Context, pool: Pool) -> list[Candidate]:
    """Unresolved ones are logged and kept as printed (县总工会), a name of their own."""
    matches = list(_re_elided().finditer(ctx.text))
    place_spans = _article_places(ctx, pool) if matches else []  # the places (and their jieba work) only if asked
    found = (_level_org(ctx, place_spans, m.start(), m.end(), m.group("level"), m.group("head"), m.group(), "org.elided-place")
             for m in matches)
    return [c for c in found if c is not None]


def _article_places(ctx: Context, pool: Pool) -> list[tuple[int, int, str, str]]:
    """``places`` of the article, with those starting its place organizations, found once
    for the rules that resolve a level word (省总工会, 市总)."""
    return ctx.once("places", lambda: places(ctx, pool.of("org.place-union", "org.place-organ")))


def _level_org(ctx: Context, place_spans, start: int, end: int, level: str, head: str, printed: str,
               rule_id: str) -> Candidate | None:
    """The organization a level word and a head stand for (省总工会, 市总): the place of that
    level the article names nearest before it, else, for an organ news names by level
    alone, the printed form (县总工会); None where the level belongs to a longer word."""
    text = ctx.text
    prev = text[start - 1] if start else ""
    if (prev and prev in "全各本该外跨同") or (is_cjk(prev) and not ctx.is_boundary(start)):
        return None  # 全省工会, 各省总工会, or the tail of a longer place name
    place = _nearest_place(place_spans, start, level)
    if place is not None:
        return Candidate(start, end, "Organization", org_label(place, head), rule_id)
    kept = head in _BARE_HEADS  # 县总工会 still holds the posts named after it
    ctx.log.append(f"{text[start:end]!r} at {start}: no {level}-level place in the article, "
                   + ("kept as printed" if kept else "not resolved"))
    return Candidate(start, end, "Organization", printed, rule_id) if kept else None


def _nearest_place(place_spans, offset: int, level: str) -> str | None:
    levels = {"省": "省", "市": "市", "区": "区", "县": "县"}
    want = levels.get(level)
    if want is None:
        return None
    # a municipality (北京市) is province-level, but its union is 北京市总工会, never a 省总工会
    place_spans = [p for p in place_spans if p[3] == want and not (want == "省" and p[2].endswith("市"))]
    before = [p for p in place_spans if p[1] <= offset]
    if before:
        return before[-1][2]
    names = {p[2] for p in place_spans}
    return names.pop() if len(names) == 1 else None


@cache
def _re_state_organ():
    return re.compile(r"(?:国家|中华人民共和国|国务院)[\u4e00-\u9fff]{2,10}?(?P<head>总局|局|委员会|总署|部|办公室)")


#: 总 closing the short name of a union (西安市总的组织下, 根据市总、区总工会安排, 在省总有关会议上):
#: what may follow it; 总经理, 总结, 总体… never do.
_SHORT_UNION = re.compile(r"(?P<level>省|市|区|县)总(?=的|、|，|,|：|:|。|有关|领导|党组|主席|副主席|常务|机关|统一|安排|部署|召开|举办|组织|联合|获悉)")


@rule("org.named-workroom", example="为长客股份公司“李万君劳模创新工作室”补配图书。",
      expect=("Organization", "李万君劳模创新工作室"),
      description="a workroom named after its worker (李万君劳模创新工作室, 朱玉伟劳模工作室): the name jieba tags as a person's, then the kind")
def named_workrooms(ctx: Context, pool: Pool) -> list[Candidate]:
    out = []
    for c in vocab_orgs(pool):
        if c.label != "劳模创新工作室":
            continue
        start = next((c.start - n for n in (3, 2) if c.start - n >= 0 and tagged_name(ctx, c.start - n, c.start)), None)
        if start is not None and (start == 0 or not is_cjk(ctx.text[start - 1]) or ctx.is_boundary(start)):
            # 锡林郭勒盟职工创新工作室: no name begins inside the place's name
            out.append(Candidate(start, c.end, "Organization", ctx.text[start:c.end], "org.named-workroom"))
    return out


@rule("org.short-union", example="当天，500名农民工在西安市总的组织下参加活动。", expect=("Organization", "西安市总工会"),
      description="a place's union by its short name (西安市总, 四川省总, 省总 for the province the article names)")
def short_unions(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    matches = list(finditer_from(_SHORT_UNION, text, literal_starts(text, ("省总", "市总", "区总", "县总"))))
    place_spans = _article_places(ctx, pool) if matches else []  # the places (and their jieba work) only if asked
    by_end = {p[1]: p for p in place_spans}
    out = []
    for m in matches:
        level = m.group("level")
        named = by_end.get(m.end("level"))  # 西安市总: the place printed with its level
        if named is not None and named[3] == level:
            out.append(Candidate(named[0], m.end(), "Organization", named[2] + "总工会", "org.short-union"))
            continue
        c = _level_org(ctx, place_spans, m.start(), m.end(), level, "总工会", level + "总工会", "org.short-union")
        if c is not None:
            out.append(c)
    return out


@rule("org.chain-union", example="奎屯市人大副主任、总工会主席田新梅出席。", expect=("Organization", "奎屯市总工会"),
      description="a bare 总工会 in a chain of posts after a place's organ is that place's union (…县委常委、总工会主席)")
def chained_unions(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    organs = pool.of("org.place-organ", "org.place-union")
    out = []
    for m in re.finditer("、总工会", text):
        if _re_post_chain().match(text, m.end()) is None:
            continue  # 总工会 must hold a post here: 总工会主席
        near = [c for c in organs if 0 <= m.start() - c.end <= 12 and not _CLAUSE_END.search(text, c.end, m.start())]
        place = re.match(r"(.+[省市县区])", near[-1].label) if near else None
        if place is not None:
            out.append(Candidate(m.start() + 1, m.end(), "Organization", place.group(1) + "总工会", "org.chain-union"))
    return out


_CLAUSE_END = re.compile(r"[，,。；;：:！？]")


#: Words a state organ's name never holds (国家有关部门, 国家规定的…局), and ends it never has.
_NOT_IN_ORGANS = ("规定", "法律", "有关", "批准", "授权", "其他", "制定", "以及", "负责", "和", "及", "、", "或")
_NOT_ORGAN_ENDS = ("全局", "干部", "全部", "内部", "外部", "局部", "部分", "总部")


@rule("org.state-organ", example="国家知识产权局发布数据。", expect=("Organization", "国家知识产权局"),
      description="a ministry, commission or state bureau (国家统计局, 中华人民共和国民政部)")
def state_organs(ctx: Context, pool: Pool) -> list[Candidate]:
    """Ministries, commissions and state bureaus: 国家医疗保障局, 中华人民共和国民政部
    (rule ``org.state-organ``)."""
    out = []
    text = ctx.text
    rx = _re_state_organ()
    m = rx.search(text)
    while m is not None:
        label = m.group()
        ok = not any(w in label for w in _NOT_IN_ORGANS) and not label.endswith(_NOT_ORGAN_ENDS) \
            and ctx.aligned(m.start(), m.end())  # jieba last: the words above rule most matches out
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


#: The organizations a department, a facility or a role may follow.
_BASE_ORGS = ("org.place-union", "org.place-organ", "org.elided-place", "org.state-organ", "org.unit-union",
              "org.company", "org.institution", "org.sub-unit", "org.award-item")


@rule("org.parent-dept", example="湖北省总工会权益保障部负责人介绍了情况。", expect=("Organization", "湖北省总工会权益保障部"),
      description="an organization, then one of its departments (全国总工会权益保障部)")
def departments(ctx: Context, pool: Pool) -> list[Candidate]:
    """A parent organization followed by one of its departments: 全国总工会权益保障部
    (rule ``org.parent-dept``)."""
    out = []
    rx = _re_department()
    for o in pool.of(*_BASE_ORGS) + vocab_orgs(pool):
        m = rx.match(ctx.text, o.end)
        if m and ctx.text.startswith("长", m.end()):
            continue  # 省总工会权益保障部长付某: a post (部长) held in the parent, not a department
        if m and ctx.sentence_of(o.start, m.end()):
            out.append(Candidate(o.start, m.end(), "Organization", o.label + m.group(), "org.parent-dept"))
    return out


@cache
def _re_facility():
    return re.compile(rf"(?:{_alt(inv.FACILITY_HEADS)})")


@rule("org.facility", example="南京市总工会工人文化宫举办职工书法展。", expect=("Organization", "南京市总工会工人文化宫"),
      description="a union or place, then a service facility (南京市工人文化宫, 基层工会法律援助点)")
def facilities(ctx: Context, pool: Pool) -> list[Candidate]:
    """A union or place followed by a service facility: 南京市工人文化宫, 区总工会职工服务中心
    (rule ``org.facility``)."""
    out = []
    rx = _re_facility()
    for o in pool.of(*_BASE_ORGS) + vocab_orgs(pool):
        m = rx.match(ctx.text, o.end)
        if m and ctx.sentence_of(o.start, m.end()):
            out.append(Candidate(o.start, m.end(), "Organization", o.label + m.group(), "org.facility"))
    heads = {m.start(): m for m in finditer_from(rx, ctx.text, literal_starts(ctx.text, inv.FACILITY_HEADS))}
    starts = {e: s for s, e, _full, _level in _article_places(ctx, pool)} if heads else {}
    for pos, m in heads.items():  # 广州市工人文化宫, 临淄区劳动人民文化宫: a place's own facility
        s = starts.get(pos)
        if s is None:  # an unlisted district or county: 临淄区
            s = next((pos - n for n in (3, 4) if pos - n >= 0 and _PARENT.fullmatch(ctx.text, pos - n, pos)
                      and _place_word(ctx, pos - n, ctx.text[pos - n:pos])), None)
            if s is None and pos >= 2 and ctx.text[pos - 1] == "县" and is_cjk(ctx.text[pos - 2]) \
                    and _place_word(ctx, pos - 2, ctx.text[pos - 2:pos]):
                s = pos - 2  # 莘县工人文化宫: a county of one character
        if s is not None and ctx.sentence_of(s, m.end()):
            out.append(Candidate(s, m.end(), "Organization", ctx.text[s:m.end()], "org.facility"))
    return out


#: The organizations a role and a name may follow (``org_role_walk``).
ROLE_ORGS = (*_BASE_ORGS, "org.parent-dept", "org.facility")


@rule("org.sub-unit-post", example="美团城南站站长韩志刚介绍经验。", expect=("Organization", "美团城南站"),
      description="a unit between an organization and a post before a name (海洋生命学院 of 中国海洋大学海洋生命学院院长包振民)")
def sub_unit_posts(ctx: Context, pool: Pool) -> list[Candidate]:
    return [Candidate(w.org.start, w.org.end + len(w.unit), "Organization", w.org.label + w.unit, "org.sub-unit-post")
            for w in org_role_walk(ctx, pool.of(*ROLE_ORGS) + vocab_orgs(pool)) if w.unit]


#: What opens a list of units before its first item: 其中某某分公司、…; 来自某某局、…; 市总工会组织某某处、….
_LIST_LEADS = ("其中", "来自", "包括", "以及", "联合", "携手", "组织", "会同", "邀请", "如", "有", "由", "与")
#: No unit's name holds these: 各市州总工会和产业工会 is two units, 全市各级工会 and 多地工会 none.
_NOT_IN_UNITS = frozenset("和及与或等各多的了在是为对向把被将从")


@rule("org.list-item", example="其中海滨供电局、海滨建工有限公司、海滨热电厂等单位共出资62万元。",
      expect=("Organization", "海滨热电厂"),
      description="the other items of a 、-list of units one of which another rule found, each ending like a unit "
                  "(…分公司、…供电局、…电厂等单位)")
def list_items(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    every = sorted(pool.everything(), key=lambda c: c.start)
    found = {(c.start, c.end) for c in every if c.cls == "Organization" and c.whole}
    listed = sorted(s for s, e in found if text[e:e + 1] == "、" or text[s - 1:s] == "、")
    marks = [i for i, ch in enumerate(text) if ch in _CLAUSE_MARKS] if listed else []
    starts = [c.start for c in every]
    out: list[Candidate] = []
    seen: set[int] = set()
    for s in listed:
        j = bisect_right(marks, s)  # the clause holding s: between the marks around it
        lo, hi = (marks[j - 1] + 1 if j else 0), (marks[j] if j < len(marks) else len(text))
        if lo in seen:
            continue
        seen.add(lo)
        inside = [c for c in every[bisect_left(starts, lo):bisect_left(starts, hi)] if c.end <= hi]
        out += [Candidate(a, b, "Organization", text[a:b], "org.list-item")
                for a, b in _list_units(text, lo, hi, inside) if (a, b) not in found and _proper(ctx, a, b)]
    return out


def _proper(ctx: Context, start: int, end: int) -> bool:
    """The tagger finds a place, a name or an abbreviation in ``text[start:end]``, or a body's name
    before the head (成铁局/nt 工会): a unit's own name, not a kind of body a statute lists
    (妇女/n 联合会/nt, 作家协会/nt)."""
    tags = ctx.pos_tags(start, end)
    return any(flag in _NAMED_FLAGS or (flag == "nt" and e < end) for _s, e, flag in tags)


#: What closes a clause around a list of units.
_CLAUSE_MARKS = frozenset("，,。；;：:！？!?\n（(")
#: Posts and verbs no unit's name holds: 总工会主席某某带队.
_NOT_IN_UNIT_ITEMS = ("主席", "书记", "主任", "部长", "局长", "处长", "经理", "负责人", "带队", "一行", "前往", "走进", "来到",
                      "会同", "部商", "直辖市")
#: What a list of units closes with: 等热心单位, 等10个市州及产业工会.
_UNITS_KIND = re.compile(r"等[^，。；、]{0,12}?(?:单位|企业|公司|部门|工会|机构|组织|集团|协会|商会|学会|医院|学校|银行|局|厂)")


def _list_units(text: str, lo: int, hi: int, inside: list[Candidate]) -> list[tuple[int, int]]:
    """The items of the 、-list in ``text[lo:hi]`` that read as units' names: the first after a
    lead word (其中, 来自, or 组织 after the organization that lists them), the last up to 等;
    none that another rule's name straddles."""
    pieces, start = [], lo
    for i in range(lo, hi):
        if text[i] == "、":
            pieces.append((start, i))
            start = i + 1
    last_end = text.find("等", start, hi)
    if last_end >= 0 and not _UNITS_KIND.match(text, last_end, hi):
        return []  # …铸造车间等10个高温现场: the places of an event, not units
    pieces.append((start, last_end if last_end >= 0 else hi))
    pieces[0] = _first_item(text, *pieces[0], inside)
    crossed = {i for c in inside for i in range(c.start + 1, c.end)}  # a name runs over these
    return [(a, b) for a, b in pieces if 3 <= b - a <= 16 and text.endswith(inv.LIST_UNIT_ENDS, a, b)
            and all(is_cjk(c) and c not in _NOT_IN_UNITS for c in text[a:b])
            and not any(w in text[a:b] for w in _NOT_IN_UNIT_ITEMS)
            and a not in crossed and b not in crossed]


def _first_item(text: str, a: int, b: int, inside: list[Candidate]) -> tuple[int, int]:
    """The first item of a list in ``text[a:b]``: after a lead word at its start or after a name
    in it (市总工会组织…); (b, b) if none."""
    for p in [a, *sorted(c.end for c in inside if a <= c.start and c.end < b)]:
        lead = next((w for w in _LIST_LEADS if text.startswith(w, p)), None)
        if lead is not None:
            return p + len(lead), b
    return b, b  # 全国劳模走进清华大学、…: what opens the clause is no unit's name


#: A place's unit named by its trade: 某市快递协会, 某地供电局, 某区环卫所, 某市城乡建委.
_PLACE_UNIT = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:行业协会|协会|商会|慈善总会|慈善会|总公司|分公司|公司|供电局|电厂|医院|银行"
                         r"|援助中心|服务中心|环卫中心|环卫所|派出所|公安处|管理处|管理所|建委|融媒体中心|新时代文明实践中心|社区|局|厂)")
#: Tags a unit's trade may not hold: verbs, particles, pronouns, numbers (北京市举办…公司).
_NOT_TRADE_TAGS = ("v", "p", "c", "u", "d", "r", "m", "q", "f", "t")


@rule("org.place-unit", example="北京市快递协会携手市总工会开展送温暖活动。", expect=("Organization", "北京市快递协会"),
      description="a place the article names, then the trade and kind of one of its units (北京市快递协会, "
                  "汕头供电局, 玄武区环卫所)")
def place_units(ctx: Context, pool: Pool) -> list[Candidate]:
    text = ctx.text
    out = []
    for start, end, _full, _level in _article_places(ctx, pool):
        m = _PLACE_UNIT.match(text, end)
        if m is None or (start and is_cjk(text[start - 1]) and not ctx.is_boundary(start)):
            continue
        tags = ctx.pos_tags(end, m.end())
        trade = [t for t in tags if t[1] <= m.end() - 1]
        verbs_ok = m.group().endswith("协会")  # 快递/v 协会: an association is named by what its trade does
        closed = m.end() == len(text) or ctx.is_boundary(m.end()) or text.startswith(inv.POSTS, m.end())  # 协会/主席
        if trade and tags[-1][1] == m.end() and closed \
                and not any(f.startswith(_NOT_TRADE_TAGS) and f != "vn" and not (verbs_ok and f == "v")
                            for _s, _e, f in trade):
            out.append(Candidate(start, m.end(), "Organization", text[start:m.end()], "org.place-unit"))
    return out
