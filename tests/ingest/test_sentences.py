"""Sentence splitting on short strings."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest.sentences import paragraph_sentences, split_sentences


def pieces(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("甲。乙。", ["甲。", "乙。"]),
    ("甲!乙?丙", ["甲!", "乙?", "丙"]),  # half-width like full-width
    ("甲！乙？丙", ["甲！", "乙？", "丙"]),
    ("他说:“要坚持。”然后呢", ["他说:“要坚持。”", "然后呢"]),  # closing quote stays
    ("(见上文。)下一句。", ["(见上文。)", "下一句。"]),
    ("精准识别,核查;精准施策;精准退出。", ["精准识别,核查;精准施策;精准退出。"]),  # ; does not end
    ("真的吗?!是的。", ["真的吗?!", "是的。"]),
    ("还有……后来。", ["还有……", "后来。"]),
    ("增长1.5倍。", ["增长1.5倍。"]),
    ("改革,", ["改革,"]),  # a truncated paragraph is one sentence
    ("  前后空白。  后一句  ", ["前后空白。", "后一句"]),
])
def test_split_sentences(text, expected):
    assert pieces(text) == expected


def test_offset_is_added():
    assert split_sentences("甲。乙。", offset=10) == [(10, 12), (12, 14)]


def test_text_without_spaces_splits_as_with_a_trailing_space():
    """Text without white space takes a shorter path; a trailing space (trimmed) takes the
    general one: both must cut the same sentences."""
    import random

    pieces = ["工会", "职工", "。", "！", "？", "!", "?", "……", "...", "”", "」", "）", "a", "1", "，"]
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert split_sentences(text, 7) == split_sentences(text + " ", 7), text


#: The sentence ends as first written: the engine tries three branches at every character.
PLAIN_END = r"(?:[。！？!?]+|…+|\.{3,})[”’\"'」』）)】》〉]*"
CHARS = "甲乙 。！？!?….”’\"'」』）)】》〉\n"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=CHARS, max_size=40))
def test_sentence_ends_are_those_of_the_plain_pattern(text):
    import re

    from kg.ingest.sentences import _END

    assert [m.span() for m in _END.finditer(text)] == [m.span() for m in re.finditer(PLAIN_END, text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet=CHARS.replace("\n", ""), max_size=20), st.booleans()), max_size=8))
def test_paragraph_sentences_are_each_paragraph_split_alone(paragraphs):
    text = "\n".join(t for t, _ in paragraphs)
    spans, pos = [], 0
    for t, split in paragraphs:
        spans.append((pos, pos + len(t), split))
        pos += len(t) + 1
    expected = [split_sentences(t, s) if split else [(s, e)] for (t, _), (s, e, split) in zip(paragraphs, spans)]
    assert paragraph_sentences(text, spans) == expected
