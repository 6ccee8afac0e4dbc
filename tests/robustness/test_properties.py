"""Property-based: ingestion and extraction never raise on arbitrary Unicode, Markdown-ish
text or pathological repetitions; every offset lies inside its article text and every
evidence span inside its sentence."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest import matching_text, split_articles
from kg.ingest.clean import clean_document
from kg.ingest.decode import NotText, decode_bytes
from kg.model import Document

PIECES = ["# ", "## ", "**", "__", "*", "_", "`", "[", "](", ")", "![", "<!--", "-->", "<b>", "</b>",
          "&amp;", "> ", "- ", "1. ", "（一）", "第一条", "\n", "\n\n", "\r\n", " ", "\u3000", "\t",
          "工会", "农民工", "职工", "中华全国总工会", "主席", "张伟", "、", "，", "。", "！", "？", "；",
          "：", "“", "”", "《", "》", "等", "为", "作者为", "（作者系", "）", "帮扶", "行动", "开展",
          "臺灣", "勞工", "\u200b", "\x00", "\ufeff", "…", "...", "SANGONG LUNTAN", "文/", "观点"]

markdownish = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
unicode_text = st.text(max_size=300)
repetition = st.builds(lambda unit, n, tail: unit * n + tail,
                       st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join),
                       st.integers(1, 400), st.sampled_from(["", "。", "等", "**", "\n", "）"]))
any_text = st.one_of(unicode_text, markdownish, repetition)


@pytest.fixture(scope="module")
def lexicon():
    from kg.extract import load_lexicon
    return load_lexicon()


def check_article(a) -> None:
    n = len(a.text)
    assert a.title and a.text.startswith(a.title)
    for p in a.paragraphs:
        assert 0 <= p.start <= p.end <= n
    for s in a.sentences:
        assert 0 <= s.start < s.end <= n
        assert 0 <= s.paragraph < len(a.paragraphs)
    for b in a.authors:
        assert 0 <= b.start < b.end <= n and a.span(b) == b.name
    assert len(matching_text(a)) == n


def check_extraction(a, ex) -> None:
    n = len(a.text)
    assert not any("failed" in line for line in ex.log), ex.log  # extract() swallows errors into the log
    evidence = [m.evidence for m in (*ex.mentions, *ex.authors)] + [r.evidence for r in ex.relations]
    for ev in evidence:
        assert 0 <= ev.sentence_start <= ev.start < ev.end <= ev.sentence_end <= n, ev
    for m in ex.mentions:
        assert m.entity.label


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_ingestion_and_extraction_never_raise_and_offsets_hold(lexicon, text):
    from kg.extract import extract

    doc = Document("x.md", "x.md", clean_document(text), "utf-8")
    for a in split_articles(doc):
        check_article(a)
        check_extraction(a, extract(a, lexicon))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400) | any_text.map(lambda t: t.encode("utf-8")))
def test_decoding_either_reads_or_says_why(data):
    try:
        text, encoding = decode_bytes(data)
    except NotText as exc:
        assert str(exc)
    else:
        assert isinstance(text, str) and encoding


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_matching_text_keeps_every_offset(text):
    assert len(matching_text(text)) == len(text)
