"""The cleaning functions, one (input, expected) table each."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import fold_punctuation
from kg.ingest.clean import (
    clean_document,
    clean_inline,
    remove_html_comments,
    squeeze_spaces,
    strip_emphasis,
    strip_front_matter,
    strip_html_tags,
    strip_images,
    strip_links,
)


@pytest.mark.parametrize("raw, expected", [
    ("a\r\nb", "a\nb"),
    ("a\rb\r", "a\nb\n"),
    ("a\u2028b", "a\nb"),
    ("工\x00会\x1b\x7f", "工会"),
    ("职\u200b工\ufeff", "职工"),
    ("tab\tkept\n", "tab\tkept\n"),
])
def test_clean_document(raw, expected):
    assert clean_document(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("**魏国强**", "魏国强"),
    ("__魏国强__ 观点", "魏国强 观点"),
    ("这是*强调*的", "这是强调的"),
    ("麦角酸*", "麦角酸*"),  # a lone asterisk is a footnote mark
    ("带有*标记的品种", "带有*标记的品种"),
    ("`code`", "code"),
    ("snake_case_name", "snake_case_name"),
])
def test_strip_emphasis(raw, expected):
    assert strip_emphasis(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("<p>工会</p>", "工会"),
    ('<span style="x">职工</span><br/>', "职工"),
    ("依据<中华人民共和国个人所得税法>", "依据<中华人民共和国个人所得税法>"),
    ("工会&nbsp;&amp;职工", "工会\u00a0&职工"),
    ("a < b > c", "a < b > c"),
])
def test_strip_html_tags(raw, expected):
    assert strip_html_tags(raw) == expected


@pytest.mark.parametrize("func, raw, expected", [
    (strip_images, "图![照片](a.png)后", "图后"),
    (strip_links, "见[工会法](http://x.cn/a)全文", "见工会法全文"),
    (strip_links, "见[工会法][1]全文", "见工会法全文"),
    (remove_html_comments, "条文\n<!-- INFO END -->\n正文", "条文\n\n正文"),
    (remove_html_comments, "a<!-- 多\n行 -->b", "ab"),
    (strip_front_matter, "---\nbookCollapseSection: true\n---\n# 标题", "# 标题"),
    (strip_front_matter, "正文\n---\n不是\n---", "正文\n---\n不是\n---"),
])
def test_markup_removal(func, raw, expected):
    assert func(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("\u3000\u3000职工群众  是主体。  ", "职工群众 是主体。"),
    ("> 引用的话", "引用的话"),
    ("**郭晶显刚**  ", "郭晶显刚"),
])
def test_clean_inline(raw, expected):
    assert clean_inline(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("工会,职工;企业:", "工会，职工；企业："),
    ("好!真的?(开发区)", "好！真的？（开发区）"),
    ("已是全角，。", "已是全角，。"),
])
def test_fold_punctuation_keeps_offsets(raw, expected):
    folded = fold_punctuation(raw)
    assert folded == expected
    assert len(folded) == len(raw)


def test_clean_inline_is_the_composition_of_the_inline_cleaners():
    """A line without any markup character takes a shorter path: the same text comes out."""
    import random

    from kg.ingest.clean import INLINE_CLEANERS, compose

    pieces = ["工会", " ", "\u3000", "\t", "<b>", "</b>", "&amp;", "[链接](http://x.cn)", "**", "*", "_", "`",
              "> ", ">", "]", "![图](a.png)", "职工之家", "  "]
    rng = random.Random(3)
    for _ in range(3000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert clean_inline(line) == compose(INLINE_CLEANERS, line), repr(line)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \t\u00a0\u3000甲乙\n", max_size=30))
def test_squeeze_spaces_collapses_every_run_as_the_plain_regex_does(text):
    import re

    assert squeeze_spaces(text) == re.sub(r"[ \t\u00a0\u3000]+", " ", text.strip())
