"""The shortcuts extraction takes for speed give exactly what the plain way gives.

Each shortcut is checked against the plain computation it replaces, on the seed and the
development corpus (every text, many offsets) and on generated text.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from conftest import build_article
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_corpus import SHARED

from kg.extract import inventory as inv
from kg.extract import load_lexicon
from kg.extract.context import _WORD_RUN, Context, finditer_from, is_cjk, literal_starts, pos_cut, run_cuts, search_from
from kg.extract.lexicon import compiled
from kg.extract.rules import block, broader, group, measure, org, person, targets
from kg.extract.rules.org import _place_org_starts, _re_place_org


@pytest.fixture(scope="module")
def real_texts() -> list[str]:
    """The seed's articles, and the development corpus' when ../shared is present."""
    from kg.ingest import ingest, matching_text
    from kg.resources import seed_corpus

    paths = [str(seed_corpus())]
    dev = SHARED / "corpus" / "dev"
    if dev.is_dir():
        paths += sorted(str(p) for p in dev.glob("*.md"))
    articles, _, _ = ingest(paths)
    return [matching_text(a) for a in articles]


@cache
def _compiled():
    return compiled(load_lexicon())


def _same_search(text: str, step: int) -> None:
    rx = _re_place_org()
    starts = _place_org_starts(Context(build_article(text), _compiled()))
    for pos in range(0, len(text) + 1, step):
        plain, fast = rx.search(text, pos), search_from(rx, text, starts, pos)
        assert (plain and plain.span()) == (fast and fast.span()), (text[pos:pos + 40], pos)


def test_place_org_search_from_candidate_starts_is_a_plain_search(real_texts):
    assert any(_re_place_org().search(t) for t in real_texts)  # the texts do name places
    for text in real_texts:
        _same_search(text, 5)


_PIECES = ["江苏省", "江苏", "南京市", "南京", "市", "省", "区", "县", "自治州", "总工会", "工会", "人民政府", "委",
           "鼓楼区", "高新技术产业开发区", "（天元区）", "和", "的", "，", "设区的市", "新", "城", "与", "特区", "街道", "州"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_place_org_search_on_generated_text(pieces):
    _same_search("".join(pieces), 1)


def _jieba_cuts(tokenizer, run: str) -> frozenset[int]:
    pos, cuts = 0, {0}
    for word in tokenizer.cut(run, HMM=True):
        pos += len(word)
        cuts.add(pos)
    return frozenset(cuts)


@pytest.fixture(scope="module")
def tokenizer(lexicon):
    from kg.extract.lexicon import compiled

    return compiled(lexicon).tokenizer


def test_run_cuts_are_jiebas_cuts_on_every_run_of_the_real_texts(real_texts, tokenizer):
    runs = sorted({m.group() for t in real_texts for m in _WORD_RUN.finditer(t)})
    assert len(runs) > 300
    differ = [r for r in runs if run_cuts.__wrapped__(tokenizer, r) != _jieba_cuts(tokenizer, r)]
    assert differ == []


#: Vocabulary names, dictionary words, rare characters (cut by the HMM), Latin and digits.
_RUN_PIECES = ["工会", "职工", "总工会", "农民工", "困难职工", "南京", "南京市", "长江大桥", "市长", "江", "大", "桥",
               "和", "的", "是", "镟", "骉", "瞓", "囧", "嘢", "a", "AB", "3", "2024", "%", "-", ".", "+", "#", "&", "_"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_RUN_PIECES), min_size=1, max_size=16))
def test_run_cuts_are_jiebas_cuts_on_generated_runs(tokenizer, pieces):
    run = "".join(pieces)
    assert run_cuts.__wrapped__(tokenizer, run) == _jieba_cuts(tokenizer, run)


def test_is_boundary_reads_the_cuts_of_the_run_around_the_offset(lexicon):
    text = "他在南京市长江大桥上，看见农民工。"
    ctx = Context(build_article(text), compiled(lexicon))
    assert [i for i in range(len(text) + 1) if ctx.is_boundary(i)] == \
        sorted({0, len(text)} | {1 + c for c in _jieba_cuts(ctx.comp.tokenizer, text[1:10])} | {10, 11}
               | {11 + c for c in _jieba_cuts(ctx.comp.tokenizer, text[11:16])} | {16})


@pytest.fixture(scope="module")
def tied_tokenizer(tmp_path_factory):
    """A jieba tokenizer whose words all have one frequency, so that routes tie often."""
    import jieba

    path = tmp_path_factory.mktemp("dict") / "dict.txt"
    path.write_text("".join(f"{w} 5 n\n" for w in ("甲", "乙", "丙", "甲乙", "乙丙", "丙甲", "甲乙丙")), encoding="utf-8")
    tok = jieba.Tokenizer(str(path))
    tok.tmp_dir = str(path.parent)
    tok.initialize()
    return tok


def test_run_cuts_break_ties_as_jieba_does(tied_tokenizer):
    assert _jieba_cuts(tied_tokenizer, "甲乙丙甲") == run_cuts.__wrapped__(tied_tokenizer, "甲乙丙甲")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="甲乙丙丁", min_size=1, max_size=12))
def test_run_cuts_on_tied_routes(tied_tokenizer, run):
    assert run_cuts.__wrapped__(tied_tokenizer, run) == _jieba_cuts(tied_tokenizer, run)


def _jieba_tags(pos_tokenizer, text: str) -> tuple[tuple[int, str], ...]:
    return tuple((len(pair.word), pair.flag) for pair in pos_tokenizer.cut(text))


@pytest.fixture(scope="module")
def pos_tokenizer(lexicon):
    return compiled(lexicon).pos_tokenizer


def test_pos_cut_is_jiebas_tagger_on_windows_of_the_real_texts(real_texts, pos_tokenizer):
    windows = sorted({t[i:i + n] for t in real_texts for i in range(0, len(t), 17) for n in (8, 30)})
    assert len(windows) > 500
    differ = [w for w in windows if pos_cut.__wrapped__(pos_tokenizer, w) != _jieba_tags(pos_tokenizer, w)]
    assert differ == []


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_RUN_PIECES + ["，", "。", " ", "\n", "（", "）", "·", "\r\n", "李", "王某", "张三丰"]),
                min_size=1, max_size=16))
def test_pos_cut_is_jiebas_tagger_on_generated_text(pos_tokenizer, pieces):
    text = "".join(pieces)
    assert pos_cut.__wrapped__(pos_tokenizer, text) == _jieba_tags(pos_tokenizer, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="甲乙丙丁", min_size=1, max_size=12))
def test_pos_cut_on_tied_routes(tied_tokenizer, text):
    from jieba import posseg

    tagger = posseg.POSTokenizer(tied_tokenizer)
    assert pos_cut.__wrapped__(tagger, text) == _jieba_tags(tagger, text)


#: Each regex a rule runs with ``finditer_from``, and the function giving where it can begin.
_GUARDED = {
    "block.not-entity": (block._re_blocked(), block._blocked_starts),
    "group.modifier-head": (group._re_modifier_head(), group._modifier_starts),
    "broader.scope-list": (broader._SCOPE, broader._scope_starts),
    "org.places": (org._CITY, org._city_starts),
    "person.name-list": (person._LIST_RUN, person._list_starts),
    "person.speaker": (person._SPEAKER, person._speaker_starts),
    "person.aged": (person._AGED, person._aged_starts),
    "measure.by-means": (measure._re_means(), measure._means_starts),
    "targets.help-verb": (targets._HELP_VERBS, targets._help_starts),
    "person.called": (person._CALLED, person._called_starts),
    "measure.place-contest": (measure._CONTEST, lambda t: literal_starts(t, measure._CONTESTS)),
    "person.name-post": (person._re_name_post(), lambda t: literal_starts(t, inv.POSTS_AFTER_NAME)),
    "person.name-verb": (person._re_name_verb(), lambda t: literal_starts(t, inv.NAME_VERBS)),
    "person.foreign-title": (person._re_foreign_title(), lambda t: literal_starts(t, person._FOREIGN_TITLES)),
    "person.caption": (person._CAPTION, lambda t: literal_starts(t, ("同期", "采访"))),
    "org.short-union": (org._SHORT_UNION, lambda t: literal_starts(t, ("省总", "市总", "区总", "县总"))),
    "org.institution": (org._INSTITUTION, lambda t: literal_starts(t, org._INSTITUTION_LEADS)),
    "targets.benefit": (targets._BENEFIT, lambda t: literal_starts(t, targets._BENEFIT_LEADS)),
    "measure.quoted": (measure._re_quote(), lambda t: literal_starts(t, measure._QUOTE_OPENS)),
    "org.facility": (org._re_facility(), lambda t: literal_starts(t, inv.FACILITY_HEADS)),
}


#: Guarded patterns the seed and development texts never match: the examples and the generated texts check them.
_NOT_IN_REAL_TEXTS = ("broader.scope-list", "org.places", "person.speaker", "person.aged", "person.called",
                      "measure.place-contest", "org.short-union", "person.caption", "person.foreign-title")


def _same_finditer(rx, starts, text: str) -> None:
    assert [(m.span(), m.groups()) for m in finditer_from(rx, text, starts(text))] == \
        [(m.span(), m.groups()) for m in rx.finditer(text)]


@pytest.mark.parametrize("name", sorted(_GUARDED))
def test_guarded_finditer_is_a_plain_finditer_on_real_text(real_texts, name):
    rx, starts = _GUARDED[name]
    assert any(rx.search(t) for t in real_texts) or name in _NOT_IN_REAL_TEXTS
    for text in real_texts:
        _same_finditer(rx, starts, text)


_GUARD_PIECES = ["党的", "中国共产党", "第", "十九", "二", "次全国代表大会", "大", "届", "中全会", "学", "中国梦", "精神", "意识",
                 "到", "工匠", "全国", "工人先锋号", "五一劳动奖状", "教师", "节", "女", "困难", "城镇", "职工", "农民工",
                 "群体", "、", "和", "等", "联合工会", "具体", "范围", "包括", "：", "南京", "市", "鼓楼", "区", "，", "的",
                 "王建新", "张", "李丽", "主持人", "。", "\n", " ", "【", "】", "（", "）", "音响", "同期声", "50", "100", "三十五", "十", "岁的",
                 "通过", "以奖代补", "方式", "推行", "工资专户管理", "制度", "深入", "走访", "慰问", "看望", "帮扶", "上门",
                 "帮助", "他", "她", "名", "叫", "我是", "记者", "职业技能竞赛", "技能", "竞赛", "大赛", "劳动竞赛", "职工",
                 "书记", "总书记", "说", "表示", "介绍说", "总统", "副总统", "国务卿", "采访", "同期", "省总", "总", "县",
                 "有关", "大学", "学院", "技工学校", "领导小组", "办公室", "受益", "群体", "为", "服务", "惠及", "\t",
                 "“", "”", "\"", "「", "」", "『", "』", "‘", "’", "工人文化宫", "文化宫", "服务站", "服务站点", "户外劳动者"]


#: Texts each guarded pattern matches at the edge of where it can begin.
_GUARD_EXAMPLES = ["中国共产党第十九次全国代表大会和党的二十届三中全会", "实现中华民族伟大复兴的中国梦", "全国工人先锋号、五一劳动奖状",
                   "教师节", "劳模精神、工匠精神", "最终推选出陈志远、周海燕、刘建军、孙丽娟4名个人", "主持人：您好。\n王建新：我们巡逻。",
                   "【王某】好的（杨某同期声）和（李某某音响）", "50岁的林建华、三十五岁的王某和100岁的老人",
                   "通过以奖代补、购买服务等方式", "推行工资专户管理和银行代发等制度", "深入走访慰问困难职工，上门帮扶，集中走访看望",
                   "他名叫王某，她叫李某，我是记者汪某，我是", "参加职业技能竞赛和职工技能大赛、技能竞赛",
                   "习近平总书记强调，他介绍说", "美国副总统和国务卿", "同期： 某公司负责人    李建华\n采访：王某\t工人",
                   "西安市总的组织下，省总有关", "清华大学公共管理学院、领导小组办公室", "受益群体为农民工，服务职工，惠及",
                   "开展“送温暖”和\"金秋助学\"、「司机之家」『暖心驿站』‘两节’活动“一”", "南京市工人文化宫、户外劳动者服务站点服务站"]


@pytest.mark.parametrize("name", sorted(_GUARDED))
def test_guarded_finditer_on_examples(name):
    rx, starts = _GUARDED[name]
    for text in _GUARD_EXAMPLES:
        _same_finditer(rx, starts, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_GUARD_PIECES), max_size=20), st.sampled_from(sorted(_GUARDED)))
def test_guarded_finditer_on_generated_text(pieces, name):
    rx, starts = _GUARDED[name]
    _same_finditer(rx, starts, "".join(pieces))


def _role_then_surname_plain() -> re.Pattern[str]:
    """What person.role-name looked for before its look-behind moved into the rule's loop."""
    singles = "".join(sorted(s for s in inv.SURNAMES if len(s) == 1))
    return re.compile(rf"(?<=[\u4e00-\u9fff])(?:员|工|师|司机)(?=[{singles}])")


def _roles_before_surnames(text: str) -> list[tuple[int, int]]:
    """The matches role_names reads: those of its pattern with an ideograph before."""
    return [m.span() for m in person._re_role_then_surname().finditer(text) if is_cjk(text[m.start() - 1:m.start()])]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["员", "工", "师", "司", "机", "司机", "王", "陈", "调解", "，", "a", "农民"]), max_size=16))
def test_role_then_surname_without_look_behind(pieces):
    text = "".join(pieces)
    assert _roles_before_surnames(text) == [m.span() for m in _role_then_surname_plain().finditer(text)]


def test_role_then_surname_without_look_behind_on_real_text(real_texts):
    plain = _role_then_surname_plain()
    assert any(plain.search(t) for t in real_texts)
    for text in real_texts:
        assert _roles_before_surnames(text) == [m.span() for m in plain.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_RUN_PIECES + ["，", "。", " ", "\n", "（", "）", "·"]), max_size=20))
def test_is_boundary_is_jiebas_cut_of_the_whole_text(lexicon, pieces):
    """is_boundary(i) for every offset equals a boundary of tokenizer.cut over the whole text."""
    text = "".join(pieces)
    ctx = Context(build_article(text), compiled(lexicon))
    assert {i for i in range(len(text) + 1) if ctx.is_boundary(i)} == _jieba_cuts(ctx.comp.tokenizer, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_RUN_PIECES + ["，", "。", " ", "\n", "（", "）", "·", "a1"]), max_size=20), st.randoms())
def test_is_boundary_asked_in_any_order(lexicon, pieces, rnd):
    """The run around an offset is found where it is first asked about (forwards and back
    from it) and kept for the rest of the run: any order of questions gets jieba's cuts."""
    text = "".join(pieces)
    ctx = Context(build_article(text), compiled(lexicon))
    offsets = list(range(-1, len(text) + 2))
    rnd.shuffle(offsets)
    assert {i for i in offsets if ctx.is_boundary(i)} == _jieba_cuts(ctx.comp.tokenizer, text) | {-1, len(text) + 1}


def test_verb_objects_read_only_the_verbs_a_head_follows_in_reach(real_texts):
    """measure.verb-object skips a verb without a measure head in the characters it reads:
    what it finds is what reading every verb finds."""
    from kg.extract import inventory as inv
    from kg.extract.rules.shared import Pool

    heads = tuple(sorted(inv.MEASURE_HEADS, key=len, reverse=True))
    found = 0
    for text in real_texts:
        ctx = Context(build_article(text), _compiled())
        plain = [c for m in measure._re_measure_verb().finditer(ctx.text) for c in measure._verb_object(ctx, m, heads)]
        assert measure.verb_objects(ctx, Pool()) == plain
        found += len(plain)
    assert found


def test_institutions_ask_jieba_only_for_schools_a_place_can_open(real_texts):
    """org.institution does not tag the name of a 学校 that no 省/市/县/区 can open: it finds
    what tagging every name finds."""
    from kg.extract.rules.shared import Pool

    texts = [*real_texts, "北京市交通学校和漳州第一技工学校、普通高等学校、民办学校、中国海洋大学海洋生命学院"]
    found = 0
    for text in texts:
        ctx = Context(build_article(text), _compiled())
        plain = [c for c in org._registered_names(ctx, org._INSTITUTION, "org.institution")
                 if not c.label.endswith(org._SCHOOLS) or c.label.endswith("技工学校") or org._PLACED.match(c.label)]
        assert org.institutions(ctx, Pool()) == plain
        found += len(plain)
    assert found


# ---------------------------------------------------------------- literal sets, shifted anchors, roles, tags


def _plain_offsets(text: str, words: tuple[str, ...]) -> tuple[list[int], list[int]]:
    """Every start and every end of every occurrence of ``words``, by ``str.find``."""
    starts, ends = set(), set()
    for w in words:
        i = text.find(w)
        while i != -1:
            starts.add(i)
            ends.add(i + len(w))
            i = text.find(w, i + 1)
    return sorted(starts), sorted(ends)


def _literal_sets() -> list[tuple[str, ...]]:
    from kg.extract import inventory as inv

    return [tuple(inv.POSTS), inv.GROUP_MODIFIERS, tuple(sorted(inv.MEASURE_HEADS, key=len, reverse=True)),
            org._COMPANY_LEADS, ("工会", "总工会", "会"), ("职工", "女职工", "工")]


def _same_literals(text: str, sets: list[tuple[str, ...]]) -> None:
    from kg.extract.context import literal_ends, literal_starts

    for words in sets:  # one automaton pass per text serves every set, asked in any order
        assert (literal_starts(text, words), literal_ends(text, words)) == _plain_offsets(text, words)


def test_literal_offsets_of_several_sets_are_found_one_by_one(real_texts):
    sets = _literal_sets()
    for text in real_texts:
        _same_literals(text, sets)
        _same_literals(text, sets[::-1])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["工会", "总工会", "女职工", "职工", "主席", "副主席", "集团", "有限", "活动", "行动", "、", "和",
                                 "工", "会", "\ud800", "a"]), max_size=16),
       st.permutations(range(6)))
def test_literal_offsets_on_generated_text(pieces, order):
    sets = _literal_sets()
    _same_literals("".join(pieces), [sets[i] for i in order])


def _plain_starts_before(text: str, anchor, back: range) -> list[int]:
    return sorted({m.start() - k for m in anchor.finditer(text) for k in back if m.start() >= k})


def _plain_level_anchors() -> list[tuple[re.Pattern[str], range]]:
    """Each level word of org._LEVEL_BACKS as a pattern that a head must follow, with its shifts."""
    ahead = "(?=" + "|".join(map(re.escape, sorted(org._PLACE_HEADS, key=len, reverse=True))) + ")"
    return [(re.compile("(?:" + "|".join(words) + ")" + ahead), back) for words, back in org._LEVEL_BACKS]


def _same_generic_place_starts(text: str) -> None:
    plain = {s for anchor, back in _plain_level_anchors() for s in _plain_starts_before(text, anchor, back)}
    assert org._generic_place_starts(text) == plain, text


def test_generic_place_starts_are_every_shift_before_a_level_a_head_follows(real_texts):
    assert any(org._generic_place_starts(t) for t in real_texts)
    for text in real_texts:
        _same_generic_place_starts(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + ["镇", "乡", "县委", "经开区", "工业园区", "经济开发区", "政协", "人大"]), max_size=14))
def test_generic_place_starts_on_generated_text(pieces):
    _same_generic_place_starts("".join(pieces))


_ANCHORS = [org._CITY_WORD, person._LIST_ANCHOR, broader._SCOPE_WORD, *(a for a, _ in _plain_level_anchors())]
_BACKS = [range(2, 4), range(2, 5), range(0, 5), range(0, 9), range(1, 2), range(4, 5), range(0, 3, 2), range(3, 3)]


def test_starts_before_is_every_shift_of_every_anchor(real_texts):
    from kg.extract.context import starts_before

    for text in real_texts:
        for anchor in _ANCHORS:
            for back in _BACKS:
                assert starts_before(text, anchor, back) == _plain_starts_before(text, anchor, back)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="市、省区县州自治特街道总工会人民政府ab", max_size=30), st.sampled_from(_BACKS))
def test_starts_before_on_generated_text(text, back):
    from kg.extract.context import starts_before

    for anchor in _ANCHORS:
        assert starts_before(text, anchor, back) == _plain_starts_before(text, anchor, back)


def _plain_org_roles(ctx: Context, orgs) -> list:
    """``org_role_walk`` asking at every offset after each organization."""
    from kg.extract.people import OrgRole, _name_at, _surname_len, role_between, split_sub_unit

    out = []
    text = ctx.text
    for o in orgs:
        if o.cls != "Organization":
            continue
        for pos in range(o.end + 2, min(len(text), o.end + 21)):
            if not _surname_len(text[pos:pos + 2]) or not role_between(text, o.end, pos):
                continue
            end = _name_at(ctx, pos)
            if end is None or ctx.sentence_of(o.start, end) is None:
                continue
            out.append(OrgRole(o, pos, end, split_sub_unit(text[o.end:pos].rstrip(" \t\u3000"))[0]))
            break
    return out


def test_org_roles_are_looked_for_where_a_surname_follows_a_role(real_texts):
    """The role and name after an organization are looked for only where a role's last character
    (or white space) comes before a surname's first: what asking at every offset finds."""
    from kg.extract.people import org_role_walk
    from kg.extract.pipeline import entity_candidates

    texts = [*real_texts, "青岛港国际物流有限公司机械司机郭希辉介绍。中国海洋大学海洋生命学院院长包振民出席。",
             "江苏省总工会主席　张三出席会议。青岛港国际物流有限公司机械司机 郭希辉介绍经验。"]  # white space after the role
    found = 0
    for text in texts:
        ctx = Context(build_article(text), _compiled())
        orgs = [c for c in entity_candidates(ctx) if c.cls == "Organization"]
        walked = org_role_walk(Context(build_article(text), _compiled()), orgs)
        assert walked == _plain_org_roles(ctx, orgs)
        found += len(walked)
    assert found


def test_the_tagger_keeps_its_hmm_answers_and_tags_as_a_fresh_one(real_texts, tokenizer):
    """The tagger that keeps the HMM's answers for stretches of single characters tags every
    window as a tagger without them does."""
    import jieba.posseg

    from kg.extract.context import pos_cut

    kept = _compiled().pos_tokenizer
    plain = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    plain.tokenizer, plain.word_tag_tab = tokenizer, dict(kept.word_tag_tab)
    windows = sorted({t[i:i + n] for t in real_texts for i in range(0, len(t), 7) for n in (4, 9, 15)})
    assert len(windows) > 300
    for w in windows + windows[:50]:  # asked twice: the second answer is the kept one
        assert pos_cut.__wrapped__(kept, w) == tuple((len(p.word), p.flag) for p in plain.cut(w))
