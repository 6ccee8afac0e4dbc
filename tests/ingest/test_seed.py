"""End to end on the bundled sample (kg/data/seed.md) and, when present, the laws corpus."""

from pathlib import Path

import pytest
from shared_corpus import LAWS

from kg.ingest import ingest, read_inputs, split_articles

SEED = Path(__file__).resolve().parents[2] / "kg" / "data" / "seed.md"


@pytest.fixture(scope="module")
def seed():
    found, skipped, log = ingest([SEED])
    assert skipped == []
    return found, log


def test_three_articles_with_their_titles(seed):
    found, _ = seed
    assert [a.title for a in found] == [
        "聚焦主责主业把广大职工团结在党的周围",
        "不忘初心对新时代工会工作的重要意义",
        "强化五种意识 展现工会作为",
    ]


def test_authors(seed):
    found, _ = seed
    assert [[b.name for b in a.authors] for a in found] == [
        ["魏国强"], ["郭晶", "显刚", "艾辉", "唐红"], ["匙涛"]]


def test_columns_and_topic(seed):
    a1, a2, a3 = seed[0]
    assert "三工论坛" in a2.columns and "观察思考" in a3.columns
    assert set(a1.columns) <= {"观点"} and set(a2.columns) <= {"三工论坛", "观点"}
    assert a2.topic == "认真学习贯彻习近平总书记重要讲话精神"
    assert a1.topic is None and a3.topic is None
    for a in seed[0]:
        assert "SANGONGLUNTAN" not in a.text and "GUANCHASIKAO" not in a.text
        assert "认真学习贯彻习近平总书记重要讲话精神" not in a.text


def test_page_breaks_repaired(seed):
    text = "\n".join(a.text for a in seed[0])
    assert "企事\n业单位" not in text and "企事业单位" in text
    assert "坚持职工需求导向" in text
    assert "推动工会干部走进基层一线" in text
    assert "事关工人阶级队伍的团结统一" in text
    assert "各街道(开发区)之间" in text
    assert "更加精准的维权服务工作机制" in seed[0][2].text


def test_no_paragraph_twice(seed):
    for a in seed[0]:
        body = [a.span(p) for p in a.paragraphs]
        assert len(body) == len(set(body)), a.title


def test_similar_paragraphs_kept_and_truncated_reprint_dropped(seed):
    a3 = seed[0][2]
    body = [a3.span(p) for p in a3.paragraphs if p.kind == "body"]
    assert sum(p.startswith("强化大局意识。") for p in body) == 1
    assert sum(p.startswith("强化政治引领意识。") for p in body) == 1
    # printed twice, the second copy cut off by the end of the file: kept once, complete
    assert sum(p.startswith("强化维权服务意识。工会要赢得") for p in body) == 1
    assert body[-1].endswith("依法维权的实效性。")
    assert any("cut off by the end" in line for line in a3.log)


def test_author_note(seed):
    a1, a2, a3 = seed[0]
    assert a1.span(a1.note) == "(作者为江苏省人大常委会副主任、省总工会主席)"
    assert a1.paragraphs[-1] == a1.note
    assert a2.note is None and a3.note is None
    assert "作者为" not in a2.text


def test_offsets_are_inside_the_text(seed):
    for a in seed[0]:
        assert a.span(a.paragraphs[0]) == a.title
        for s in a.sentences:
            p = a.paragraphs[s.paragraph]
            assert p.start <= s.start < s.end <= p.end <= len(a.text)
            assert a.span(s).strip() == a.span(s)
        for b in a.authors:
            assert a.span(b) == b.name
            s = a.sentence_at(b.start)
            assert s is not None and s.start <= b.start and b.end <= s.end
        covered = {i for s in a.sentences for i in range(s.start, s.end)}
        assert {i for i, c in enumerate(a.text) if not c.isspace()} <= covered


def test_section_headings(seed):
    a1, a2, _ = seed[0]
    assert next(a1.span(p) for p in a1.paragraphs if p.kind == "heading") == \
        "聚焦主责主业必须在工作对象上聚焦"
    assert next(a2.span(p) for p in a2.paragraphs if p.kind == "heading") == \
        "不忘自觉坚持和接受党的领导"


def test_log_names_the_file_and_says_what_was_done(seed):
    _, log = seed
    assert all(line.startswith("seed.md: ") for line in log)
    assert sum("page break repaired" in line for line in log) >= 8


def test_same_input_same_articles():
    assert ingest([SEED])[0] == ingest([SEED])[0]
    ids = [a.id for a in ingest([SEED])[0]]
    assert len(set(ids)) == 3


@pytest.mark.skipif(not LAWS.is_dir(), reason="laws corpus not available")
def test_laws_corpus_ingests_one_article_per_statute():
    docs, skipped = read_inputs([LAWS])
    assert len(docs) >= 800
    assert all(s.path.endswith(("_index.md",)) for s in skipped)  # front matter only
    statutes = [d for d in docs if d.source != "laws/README.md"]
    for doc in statutes:
        [a] = split_articles(doc)
        assert a.title and "INFO END" not in a.text
        assert a.sentences and a.sentences[-1].end <= len(a.text)
