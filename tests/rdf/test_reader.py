"""The one reader of a built graph: the same content from a build's triples, from its
graph.ttl and from an rdflib Graph, and the same pages, network and scores from each."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

import kg
from kg.analyze import project
from kg.evaluate import evaluate
from kg.evaluate.gold import EvalInputError
from kg.evaluate.graph_view import load_graph
from kg.rdf.graphio import GraphInputError
from kg.rdf.reader import read_file, read_triples
from kg.viz.graphdata import read_graph
from kg.viz.report import report_html

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "tests" / "data" / "eval"  # a tiny gold and graph pair


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return kg.build(output=tmp_path_factory.mktemp("seed") / "out", workers=1, html=False)


def test_triples_file_and_rdflib_graph_read_alike(seed):
    from_triples = read_triples(seed.triples)
    from_file = read_file(seed.output)
    from_graph = read_triples(Graph().parse(seed.graph_path))
    assert from_triples == from_file == from_graph
    assert from_triples.size == len(set(seed.triples)) == len(Graph().parse(seed.graph_path))
    assert {e.label for e in from_triples.entities} >= {"农民工", "求学圆梦行动"}
    assert len(from_triples.evidence) > 0 and len(from_triples.articles) == 3


def test_a_repeated_triple_is_read_once(seed):
    twice = read_triples(list(seed.triples) + list(seed.triples[:50]))
    assert twice == read_triples(seed.triples)


def test_distinct_triples_read_without_looking_for_repeats_read_alike(seed):
    assert read_triples(seed.triples, distinct=True) == read_triples(seed.triples)
    assert read_triples(seed.triples, distinct=True).size == len(seed.triples)


def test_pages_read_from_the_triples_as_from_an_rdflib_graph(seed):
    graph = Graph().parse(seed.graph_path)
    from_triples, from_graph = read_graph(read_triples(seed.triples)), read_graph(graph)
    assert from_triples == from_graph
    assert from_triples.size == len(graph)
    assert nx.utils.graphs_equal(from_triples.network, project(graph))
    assert list(from_triples.network.edges(data=True)) == list(project(graph).edges(data=True))
    assert read_graph(from_triples) is from_triples  # page data is read once for both pages
    assert report_html(from_triples) == report_html(graph)


def test_scores_are_the_same_from_a_file_a_graph_and_the_content():
    gold, graph = EVAL / "gold.json", EVAL / "graph.ttl"
    from_file = evaluate(gold, graph)
    from_graph = evaluate(gold, Graph().parse(graph))
    from_content = evaluate(gold, read_file(graph))
    assert from_file.parts == from_graph.parts == from_content.parts
    assert from_file.evidence == from_graph.evidence == from_content.evidence
    assert from_file.rules == from_graph.rules == from_content.rules
    assert any(p.counts.correct for p in from_file.parts) and any(p.wrong for p in from_file.parts)


def test_one_loader_names_the_file_it_cannot_read(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(GraphInputError, match=r"bad\.ttl: not valid Turtle"):
        read_file(bad)
    with pytest.raises(EvalInputError, match=r"bad\.ttl: not valid Turtle"):
        load_graph(bad)
