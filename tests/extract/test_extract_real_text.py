"""extract() on real text: the development corpus through ingestion, a statute, odd input."""

from __future__ import annotations

import pytest
from shared_corpus import SHARED

from kg.extract import extract, load_lexicon
from kg.model import ENTITY_CLASSES, Article, Byline, Paragraph, Sentence

LAWS = SHARED / "corpus" / "laws" / "社会法"


@pytest.fixture(scope="module")
def seed_articles():
    ingest = pytest.importorskip("kg.ingest").ingest
    from kg.resources import seed_corpus

    articles, _, _ = ingest([str(seed_corpus())])
    assert len(articles) == 3
    return articles


def test_seed_authors_and_memberships(seed_articles, lexicon):
    exs = [extract(a, lexicon) for a in seed_articles]
    assert [[m.entity.label for m in ex.authors] for ex in exs] == [["魏国强"], ["郭晶", "显刚", "艾辉", "唐红"], ["匙涛"]]
    members = {(r.subject.label, r.object.label, r.role) for r in exs[0].relations if r.predicate == "member"}
    assert members == {("魏国强", "江苏省人大常委会", "副主任"), ("魏国强", "江苏省总工会", "主席")}


def test_seed_evidence_spans_lie_in_real_sentences(seed_articles, lexicon):
    for art in seed_articles:
        ex = extract(art, lexicon)
        sentences = {(s.start, s.end) for s in art.sentences}
        for ev in [m.evidence for m in ex.mentions + ex.authors] + [r.evidence for r in ex.relations]:
            assert ev.sentence_start <= ev.start < ev.end <= ev.sentence_end
            assert (ev.sentence_start, ev.sentence_end) in sentences or ev.rule == "person.byline"


def test_seed_entities_have_one_class_each(seed_articles, lexicon):
    for art in seed_articles:
        ex = extract(art, lexicon)
        labels = [e.ref.label for e in ex.entities]
        assert len(labels) == len(set(labels))
        assert all(e.ref.cls in ENTITY_CLASSES for e in ex.entities)
        assert {m.entity for m in ex.mentions} <= {e.ref for e in ex.entities}


def test_extraction_is_deterministic(seed_articles):
    a = extract(seed_articles[0], load_lexicon())
    b = extract(seed_articles[0], load_lexicon())
    assert a == b


@pytest.mark.skipif(not LAWS.is_dir(), reason="shared laws corpus not present")
def test_trade_union_law_finds_bodies_and_invents_no_people(lexicon):
    ingest = pytest.importorskip("kg.ingest").ingest
    articles, _, _ = ingest([str(LAWS / "工会法(2021-12-24).md")])
    ex = extract(articles[0], lexicon)
    labels = {(e.ref.cls, e.ref.label) for e in ex.entities}
    assert {("Organization", "中华全国总工会"), ("Organization", "基层工会"), ("Organization", "中国共产党"),
            ("WorkerGroup", "职工"), ("Measure", "集体合同")} <= labels
    assert not any(cls == "Person" for cls, _ in labels)
    assert not any(lab in ("工作", "服务", "问题", "制度", "机制") for _, lab in labels)


ODD = ["", "。", "\n\n\n", "“”《》", "（作者为）", "主席", "王", "省总工会", "a·b-c%d e", "工会" * 2000,
       "\ud800", "习近平总书记" * 3, "、、等群体", "为", "《》" * 50, "开展“", "“实施", "作者为主席、副主席"]


@pytest.mark.parametrize("text", ODD)
def test_never_raises_on_odd_text(lexicon, text):
    art = Article("x", text[:5], "odd.md", text, (Paragraph(0, len(text), "body"),),
                  (Sentence(0, len(text), 0),) if text else (), (Byline("王", 0, min(1, len(text))),) if text else (),
                  note=Paragraph(0, len(text), "note"))
    ex = extract(art, lexicon)
    assert ex.article_id == "x"
    assert not any("failed" in line for line in ex.log)


def test_never_raises_on_inconsistent_offsets(lexicon):
    text = "江苏省总工会开展困难职工帮扶。"
    art = Article("y", "t", "s.md", text, (Paragraph(5, 999, "body"),), (Sentence(40, 3, 0), Sentence(0, 500, 0)),
                  (Byline("魏国强", 100, 103),))
    ex = extract(art, lexicon)
    assert ex.article_id == "y"
    assert not any("failed" in line for line in ex.log)


def test_every_emitted_rule_is_declared(seed_articles, lexicon):
    from kg.extract.rules import RULES

    used = set()
    for art in seed_articles:
        ex = extract(art, lexicon)
        used |= {m.evidence.rule for m in ex.mentions + ex.authors} | {r.evidence.rule for r in ex.relations}
    assert used <= set(RULES)
    assert len(used) >= 15
