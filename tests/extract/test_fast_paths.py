"""The shortcuts extraction takes for speed give exactly what the plain way gives.

Each shortcut is checked against the plain computation it replaces, on the seed and the
development corpus (every text, many offsets) and on generated text.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import build_article
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_corpus import SHARED

from kg.extract import load_lexicon
from kg.extract.context import _WORD_RUN, Context, finditer_from, run_cuts, search_from
from kg.extract.lexicon import compiled
from kg.extract.rules import block, broader, group, org
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
           "鼓楼区", "高新技术产业开发区", "（天元区）", "和", "的", "，", "设区的市", "新", "城", "与"]


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


#: Each regex a rule runs with ``finditer_from``, and the function giving where it can begin.
_GUARDED = {
    "block.not-entity": (block._re_blocked(), block._blocked_starts),
    "group.modifier-head": (group._re_modifier_head(), group._modifier_starts),
    "broader.scope-list": (broader._SCOPE, broader._scope_starts),
    "org.places": (org._CITY, org._city_starts),
}


def _same_finditer(rx, starts, text: str) -> None:
    assert [m.span() for m in finditer_from(rx, text, starts(text))] == [m.span() for m in rx.finditer(text)]


@pytest.mark.parametrize("name", sorted(_GUARDED))
def test_guarded_finditer_is_a_plain_finditer_on_real_text(real_texts, name):
    rx, starts = _GUARDED[name]
    assert any(rx.search(t) for t in real_texts) or name in ("broader.scope-list", "org.places")
    for text in real_texts:
        _same_finditer(rx, starts, text)


_GUARD_PIECES = ["党的", "中国共产党", "第", "十九", "二", "次全国代表大会", "大", "届", "中全会", "学", "中国梦", "精神", "意识",
                 "到", "工匠", "全国", "工人先锋号", "五一劳动奖状", "教师", "节", "女", "困难", "城镇", "职工", "农民工",
                 "群体", "、", "和", "等", "联合工会", "具体", "范围", "包括", "：", "南京", "市", "鼓楼", "区", "，", "的"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_GUARD_PIECES), max_size=20), st.sampled_from(sorted(_GUARDED)))
def test_guarded_finditer_on_generated_text(pieces, name):
    rx, starts = _GUARDED[name]
    _same_finditer(rx, starts, "".join(pieces))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_RUN_PIECES + ["，", "。", " ", "\n", "（", "）", "·"]), max_size=20))
def test_is_boundary_is_jiebas_cut_of_the_whole_text(lexicon, pieces):
    """is_boundary(i) for every offset equals a boundary of tokenizer.cut over the whole text."""
    text = "".join(pieces)
    ctx = Context(build_article(text), compiled(lexicon))
    assert {i for i in range(len(text) + 1) if ctx.is_boundary(i)} == _jieba_cuts(ctx.comp.tokenizer, text)
