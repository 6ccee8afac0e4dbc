"""Bounded work: inputs that once made extraction quadratic build, and build right.

Their times are printed by ``benchmarks/bench_bounded.py``; here only what they give.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, RDFS, Namespace

import kg
from kg.extract import extract

GH = Namespace("https://w3id.org/gonghui-kg/ontology#")


def _labels(graph, cls: str) -> set[str]:
    return {str(graph.value(s, RDFS.label)) for s in graph.subjects(RDF.type, GH[cls])}


def test_a_paragraph_of_a_million_repetitions_builds_one_worker_group(tmp_path: Path) -> None:
    """农民工 repeated 1,000,000 times (3 M characters, one sentence) through kg.build:
    one WorkerGroup, nothing else (this input once took minutes per 10,000 repetitions)."""
    src = tmp_path / "rep.md"
    src.write_text("# 重复\n\n" + "农民工" * 1_000_000 + "\n", encoding="utf-8")
    result = kg.build([str(src)], output=tmp_path / "out", html=False, cache=False, workers=1)
    assert result.articles == 1 and not result.skipped
    assert _labels(result.graph, "WorkerGroup") == {"农民工"}
    assert result.entities == {"Person": 0, "Organization": 0, "WorkerGroup": 1, "Measure": 0}


def test_repeated_aiming_clauses_still_give_their_relation(make_article, lexicon) -> None:
    """针对农民工开展送温暖 repeated 2,000 times in one sentence: the one relation it states,
    found although each rule looks only a bounded distance for its other end."""
    ex = extract(make_article("针对农民工开展送温暖" * 2000 + "。"), lexicon)
    assert {(r.subject.label, r.predicate, r.object.label) for r in ex.relations} == {("送温暖", "targets", "农民工")}


def test_a_long_run_of_quoted_names_is_read_one_by_one(make_article, lexicon) -> None:
    """Thousands of adjacent quoted names: each is still read as the measure it names."""
    ex = extract(make_article("实施" + "“求学圆梦行动”、“金秋助学”" * 1000 + "。"), lexicon)
    assert {e.ref.label for e in ex.entities if e.ref.cls == "Measure"} == {"求学圆梦行动", "金秋助学"}


def test_a_long_list_of_named_members_keeps_their_memberships(make_article, lexicon) -> None:
    """全国总工会主席王东明、李明、… : a long list after one post still gives each listed name
    the post, up to the bound on a chain of names."""
    names = ["王东明", "李明强", "张建国"]
    ex = extract(make_article("全国总工会主席" + "、".join(names) + "出席会议。"), lexicon)
    got = {(r.subject.label, r.object.label, r.role) for r in ex.relations if r.predicate == "member"}
    assert got == {(n, "中华全国总工会", "主席") for n in names}
