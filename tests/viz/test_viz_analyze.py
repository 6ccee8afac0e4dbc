"""kg.analyze on the small contract-shaped graph."""

from __future__ import annotations

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from kg.analyze import centrality, co_mentions, communities, project, top_by_class
from kg.rdf.namespace import GH

GHR = "https://w3id.org/gonghui-kg/resource/"


def test_projection_has_articles_and_entities_weighted_by_evidence(small_graph):
    G = project(small_graph)
    kinds = nx.get_node_attributes(G, "kind")
    assert sorted(set(kinds.values())) == ["Article", "Measure", "Organization", "Person", "WorkerGroup"]
    assert len(G) == 3 + 12  # columns are not part of the projection
    # a1 names 快递员 once (as 快递小哥); 快递员 belongs to two broader groups, one evidence each
    assert G.edges[GHR + "article/a1-zhuze", GHR + "group/快递员"]["weight"] == 1
    assert G.edges[GHR + "group/快递员", GHR + "group/新就业形态劳动者"]["weight"] == 1
    assert G.has_edge(GHR + "person/魏国强", GHR + "org/江苏省总工会")  # membership
    # a1 both names and was written by 魏国强? it was written by him: creator evidence counts
    assert G.edges[GHR + "article/a1-zhuze", GHR + "person/魏国强"]["weight"] == 1
    assert G.nodes[GHR + "org/中华全国总工会"]["label"] == "中华全国总工会"


def test_projection_does_not_change_the_graph(small_graph):
    before = len(small_graph)
    project(small_graph)
    assert len(small_graph) == before


def test_centrality_ranks_the_bridging_entity_first(small_graph):
    G = project(small_graph)
    scores = centrality(G)
    assert set(scores) == set(G)
    by_betweenness = max(scores, key=lambda n: scores[n]["betweenness"])
    # the bridges of this graph: the entities named in two articles, and the articles themselves
    assert by_betweenness in {GHR + "group/农民工", GHR + "group/快递员", GHR + "org/中华全国总工会",
                              GHR + "article/a1-zhuze", GHR + "article/a2-xss", GHR + "article/a3-xinyetai"}
    assert scores[GHR + "measure/集体协商"]["betweenness"] == 0.0  # a leaf bridges nothing
    assert abs(sum(s["pagerank"] for s in scores.values()) - 1.0) < 1e-6
    top = top_by_class(G, scores, n=1)
    assert top["WorkerGroup"] == [GHR + "group/快递员"]


def test_sampled_betweenness_is_seeded(monkeypatch):
    monkeypatch.setattr("kg.analyze.EXACT_BETWEENNESS_UP_TO", 10)
    G = nx.relabel_nodes(nx.barabasi_albert_graph(60, 2, seed=1), str)
    assert centrality(G, seed=7) == centrality(G, seed=7)
    exact = nx.betweenness_centrality(G)
    assert centrality(G)["0"]["betweenness"] != exact["0"]  # it really sampled


def test_communities_partition_the_connected_nodes_and_are_stable(small_graph):
    G = project(small_graph)
    groups = communities(G)
    assert groups == communities(G)
    members = [n for g in groups for n in g]
    assert len(members) == len(set(members)) == len(G)  # no isolated node in this graph
    assert [len(g) for g in groups] == sorted((len(g) for g in groups), reverse=True)


def test_co_mentions_counts_articles_naming_both(small_graph):
    g = Graph()
    for t in small_graph:
        g.add(t)
    extra = URIRef(GHR + "article/a4")
    g.add((extra, RDF.type, GH.Article))
    g.add((extra, DCTERMS.title, Literal("农民工与快递员", lang="zh")))
    g.add((extra, GH.mentions, URIRef(GHR + "group/农民工")))
    g.add((extra, GH.mentions, URIRef(GHR + "group/快递员")))
    assert co_mentions(small_graph) == []
    assert co_mentions(g) == [(GHR + "group/农民工", GHR + "group/快递员", 2)]
    assert (GHR + "group/农民工", GHR + "org/中华全国总工会", 1) in co_mentions(g, min_articles=1)


def _string_graph(n: int, m: int, seed: int) -> nx.Graph:
    """A random graph on string nodes (as the projection's IRIs), some of it disconnected."""
    G = nx.gnm_random_graph(n, m, seed=seed)
    return nx.relabel_nodes(G, {i: f"node/{(i * 7919) % n}" for i in G})


def test_betweenness_is_the_same_floats_as_networkx():
    from kg.analyze import betweenness_centrality

    for n, m, seed in ((1, 0, 0), (2, 1, 0), (3, 2, 0), (40, 60, 1), (120, 150, 2), (300, 900, 3)):
        G = _string_graph(n, m, seed)
        assert betweenness_centrality(G) == nx.betweenness_centrality(G)
        for k in (2, 10, n - 1, n):
            if 1 < k <= n:
                ours = betweenness_centrality(G, k=k, seed=7)
                theirs = nx.betweenness_centrality(G, k=k, seed=7)
                assert list(ours.items()) == list(theirs.items()), (n, m, k)


def test_pagerank_is_ranked_again_when_the_graph_changes():
    from kg.analyze import pagerank

    G = _string_graph(60, 120, 4)
    nx.set_edge_attributes(G, 1, "weight")
    first = pagerank(G)
    assert first == nx.pagerank(G, weight="weight")
    u, v = next(iter(G.edges))
    G.edges[u, v]["weight"] = 9  # same nodes and edges, another weight
    again = pagerank(G)
    assert again == nx.pagerank(G, weight="weight") and again != first
    again["x"] = 1.0  # the caller's copy: the next answer is unchanged
    assert "x" not in pagerank(G)


def test_pagerank_without_scipy_is_the_same_floats_as_networkx(small_graph):
    import random

    from kg.analyze import pagerank_numpy

    graphs = [project(small_graph)]
    rng = random.Random(5)
    for n, m, seed in ((1, 0, 0), (2, 1, 0), (5, 0, 1), (40, 60, 1), (120, 150, 2), (300, 900, 3), (700, 2500, 4)):
        G = _string_graph(n, m, seed)
        for u, v in G.edges:
            G.edges[u, v]["weight"] = rng.randint(1, 40)  # evidence counts, some hubs heavier
        graphs.append(G)
    for G in graphs:
        ours = pagerank_numpy(G)
        assert list(ours.items()) == list(nx.pagerank(G, weight="weight").items()), len(G)


def test_pagerank_without_scipy_hands_other_weights_to_networkx():
    from kg.analyze import pagerank_numpy

    G = nx.Graph([("a", "b", {"weight": 0.3}), ("b", "c", {"weight": 2.7}), ("c", "a", {"weight": 1})])
    assert pagerank_numpy(G) == nx.pagerank(G, weight="weight")
    G.add_edge("c", "c", weight=2)  # a self-loop
    assert pagerank_numpy(G) == nx.pagerank(G, weight="weight")
