"""Network analytics over the knowledge graph: projection, centrality, communities.

Each function is named after what it computes, takes its input and returns a new
value; nothing is mutated. The RDF graph is projected onto an undirected networkx
graph whose nodes are articles and entities (their IRIs as strings) and whose edge
weights count the evidence behind the link (how often an article names an entity,
or how many sentences support a relation).

Every function takes the graph's content as :mod:`kg.rdf.reader` reads it (or an rdflib
Graph, read first), the same content the pages and the scorer read.
"""

from __future__ import annotations

import math
import random
import weakref
from collections import Counter
from itertools import combinations

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.rdf.namespace import GHR, ORG, RELATIONS
from kg.rdf.prefixes import NETWORK_LINKS
from kg.rdf.reader import EXAMPLE_TURTLE, GraphContent, read_triples

MEMBER = str(ORG.member)

#: Above this many nodes betweenness is estimated from a seeded sample of sources.
EXACT_BETWEENNESS_UP_TO = 1000
#: Number of sampled sources for the estimate (Brandes & Pich, k-sampling).
BETWEENNESS_SAMPLES = 50

ARTICLE = str(GHR) + "article/"
GROUP = str(GHR) + "group/"

#: A graph: its content as :mod:`kg.rdf.reader` reads it, or an rdflib Graph (read first).
GraphLike = Graph | GraphContent


def content_of(graph: GraphLike) -> GraphContent:
    """The graph's content (read now from an rdflib Graph)."""
    return graph if isinstance(graph, GraphContent) else read_triples(graph)


def entity_classes(graph: GraphLike) -> dict[str, str]:
    """Every entity of the four contract classes (IRI) with its class's local name (the
    last of ``ENTITY_CLASSES`` it has).

    >>> from rdflib import Graph
    >>> g = Graph().parse(data=EXAMPLE_TURTLE, format="turtle")
    >>> sorted(entity_classes(g).values())
    ['Measure', 'WorkerGroup', 'WorkerGroup']
    """
    return {str(e.node): e.classes[-1] for e in content_of(graph).entities if isinstance(e.node, URIRef)}


def evidence_counts(graph: GraphLike) -> Counter:
    """How many evidence nodes support each (subject, predicate, object) statement, IRIs as strings.

    Membership evidence (subject: the membership node) is counted under the
    person-organization pair it stands for, with predicate ``org:member``.

    >>> from rdflib import Graph
    >>> g = Graph().parse(data=EXAMPLE_TURTLE, format="turtle")
    >>> evidence_counts(g)[(ARTICLE + "a1", str(RELATIONS["mentions"]), GROUP + "农民工")]
    2
    """
    content = content_of(graph)
    organization = {str(m.node): m.organizations[0] for m in content.memberships if m.organizations}
    counts: Counter = Counter()
    for ev in content.evidence:
        if not (ev.subjects and ev.predicates and ev.objects):
            continue
        s, p, o = str(ev.subjects[0]), str(ev.predicates[0]), str(ev.objects[0])
        if p == MEMBER:
            if s not in organization:
                continue
            s, o = o, str(organization[s])
        counts[(s, p, o)] += 1
    return counts


def project(graph: GraphLike) -> nx.Graph:
    """The article-entity network: nodes are articles and entities, edges are weighted.

    Node attributes: ``kind`` ("Article" or an entity class) and ``label``. Edges join
    an article to each entity it mentions or that wrote it, and entities linked by
    ``gh:targets``, ``skos:broader`` or a membership; ``weight`` is the number of
    evidence sentences for the link (at least 1), summed over the kinds of link.

    >>> from rdflib import Graph
    >>> G = project(Graph().parse(data=EXAMPLE_TURTLE, format="turtle"))
    >>> sorted(G.nodes[n]["label"] for n in G)
    ['农民工', '困难职工', '求学圆梦行动', '第一篇', '第二篇']
    >>> G.edges[ARTICLE + "a1", GROUP + "农民工"]["weight"]
    2
    """
    content = content_of(graph)
    G = nx.Graph()
    for e in content.entities:
        if isinstance(e.node, URIRef):
            G.add_node(str(e.node), kind=e.classes[-1], label=e.label or _tail(e.node))
    for a in content.articles:
        G.add_node(str(a.node), kind="Article", label=a.title or _tail(a.node))
    counts = evidence_counts(content)

    def link(a: str, b: str, key: tuple[str, str, str]) -> None:
        if a not in G or b not in G or a == b:
            return
        w = max(1, counts.get(key, 0))
        if G.has_edge(a, b):
            G.edges[a, b]["weight"] += w
        else:
            G.add_edge(a, b, weight=w)

    for rel in NETWORK_LINKS:
        p = str(RELATIONS[rel])
        for s, o in content.relations[rel]:
            link(str(s), str(o), (str(s), p, str(o)))
    for m in content.memberships:
        if m.typed and m.people and m.organizations:
            person, org = str(m.people[0]), str(m.organizations[0])
            link(person, org, (person, MEMBER, org))
    return G


def centrality(G: nx.Graph, *, seed: int = 42) -> dict[str, dict[str, float]]:
    """Degree, betweenness and PageRank of every node, as ``{node: {measure: value}}``.

    Betweenness is exact up to ``EXACT_BETWEENNESS_UP_TO`` nodes and estimated from
    ``BETWEENNESS_SAMPLES`` seeded source nodes above that (exact is O(nm)).

    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> c = centrality(G)
    >>> c["b"]["degree"], c["b"]["betweenness"], round(c["b"]["pagerank"], 3)
    (1.0, 1.0, 0.486)
    """
    if G.number_of_nodes() == 0:
        return {}
    degree = nx.degree_centrality(G)
    if G.number_of_nodes() > EXACT_BETWEENNESS_UP_TO:
        betweenness = betweenness_centrality(G, k=min(BETWEENNESS_SAMPLES, G.number_of_nodes() - 1), seed=seed)
    else:
        betweenness = betweenness_centrality(G)
    ranks = pagerank(G)
    return {
        n: {"degree": degree[n], "betweenness": betweenness[n], "pagerank": ranks[n]}
        for n in G
    }


def betweenness_centrality(G: nx.Graph, k: int | None = None, seed: int = 42) -> dict[str, float]:
    """Normalized shortest-path betweenness of an undirected graph, endpoints excluded: the
    same floats as ``nx.betweenness_centrality(G, k=k, seed=seed)`` (exact when ``k`` is
    None, else from ``k`` sources sampled as networkx samples them), about twice as fast.

    The same Brandes algorithm (BFS from each source, then dependencies accumulated in
    reverse BFS order) in the same order of operations, on nodes numbered in ``G``'s order
    with adjacency lists, so every sum is the same sum.

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("b", "d")])
    >>> betweenness_centrality(G) == nx.betweenness_centrality(G)
    True
    """
    nodes = list(G)
    if k is not None and k == len(nodes):
        k = None
    if k is None:
        sources = nodes
    else:
        sources = random.Random(seed).sample(nodes, k)
    number = {v: i for i, v in enumerate(nodes)}
    adjacency = [[number[w] for w in G[v]] for v in nodes]
    totals = [0.0] * len(nodes)
    for s in sources:
        _accumulate(totals, adjacency, number[s])
    scales = _betweenness_scales(len(nodes), k)
    sampled = {number[s] for s in sources} if k is not None else set()
    return {v: totals[i] * (scales[0] if i in sampled else scales[1]) for i, v in enumerate(nodes)}


def _accumulate(totals: list[float], adjacency: list[list[int]], s: int) -> None:
    """Add the dependencies of source ``s`` to ``totals`` (networkx's
    ``_single_source_shortest_path_basic`` and ``_accumulate_basic``, on numbered nodes)."""
    preds: list[list[int]] = [[] for _ in adjacency]
    sigma = [0.0] * len(adjacency)
    dist = [-1] * len(adjacency)
    sigma[s], dist[s] = 1.0, 0
    order = [s]  # the BFS queue: read in order while it grows, it is the order nodes leave it
    for v in order:
        dv, sv = dist[v] + 1, sigma[v]
        for w in adjacency[v]:
            dw = dist[w]
            if dw < 0:
                order.append(w)
                dist[w] = dv
            elif dw != dv:
                continue
            sigma[w] += sv
            preds[w].append(v)
    delta = [0.0] * len(adjacency)
    for w in reversed(order):
        coeff = (1 + delta[w]) / sigma[w]
        for v in preds[w]:
            delta[v] += sigma[v] * coeff
        if w != s:
            totals[w] += delta[w]


def _betweenness_scales(n: int, k: int | None) -> tuple[float, float]:
    """The normalization of a source node's and another node's betweenness (networkx's
    ``_rescale`` for an undirected graph without endpoints)."""
    big = n - 1
    if big < 2:
        return 1.0, 1.0
    if k is None:
        scale = 1 / (big * (big - 1))
        return scale, scale
    return (1 / ((k - 1) * (big - 1)) if k > 1 else math.nan), 1 / (k * (big - 1))


#: The last PageRank of each graph, with the graph's shape then (see ``pagerank``).
_PAGERANKS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def pagerank(G: nx.Graph) -> dict[str, float]:
    """PageRank on the evidence weights: the measure the explorer sizes nodes by.

    Computed once per graph: the explorer and the report rank the same projection. A graph
    that has changed since (in its nodes, edges or total weight) is ranked again.

    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> {n: round(v, 3) for n, v in pagerank(G).items()}
    {'a': 0.257, 'b': 0.486, 'c': 0.257}
    >>> G.add_edge("c", "d")
    >>> round(pagerank(G)["d"], 3)
    0.175
    """
    if not len(G):
        return {}
    shape = (G.number_of_nodes(), G.number_of_edges(), G.size(weight="weight"))
    known = _PAGERANKS.get(G)
    if known is None or known[0] != shape:
        known = _PAGERANKS[G] = (shape, pagerank_numpy(G))
    return dict(known[1])


def pagerank_numpy(G: nx.Graph, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6) -> dict[str, float]:
    """``nx.pagerank(G, weight="weight")`` of an undirected graph without self-loops whose
    weights are integers (evidence counts), the same floats, without importing scipy
    (0.13-0.15 s of a build; numpy is loaded already). The sums of integer weights are
    exact in any order; with other weights, or other graphs, networkx ranks them.

    networkx's power iteration in the same order of operations: the weight matrix in CSR
    order (rows, then sorted columns), each row scaled by its inverse sum, and ``x @ A``
    summed for each column over the rows in ascending order, as scipy's CSC product sums
    it (``np.add.at`` adds in the order given).

    >>> G = nx.Graph([("a", "b", {"weight": 2}), ("b", "c", {"weight": 1}), ("d", "e", {"weight": 3})])
    >>> G.add_node("f")
    >>> pagerank_numpy(G) == nx.pagerank(G, weight="weight")
    True
    """
    nodes = list(G)
    number = {v: i for i, v in enumerate(nodes)}
    entries = []
    for u, v, w in G.edges(data="weight", default=1):
        entries.append((number[u], number[v], w))
        entries.append((number[v], number[u], w))
    if G.is_directed() or G.is_multigraph() or nx.number_of_selfloops(G) or any(type(e[2]) is not int for e in entries):
        return nx.pagerank(G, alpha=alpha, max_iter=max_iter, tol=tol, weight="weight")
    import numpy as np

    n = len(nodes)
    if n == 0:
        return {}
    entries.sort(key=lambda e: (e[0], e[1]))
    rows = np.array([e[0] for e in entries], dtype=np.intp)
    cols = np.array([e[1] for e in entries], dtype=np.intp)
    weights = np.array([e[2] for e in entries], dtype=float)
    sums = np.zeros(n)
    np.add.at(sums, rows, weights)
    sums[sums != 0] = 1.0 / sums[sums != 0]
    scaled = sums[rows] * weights
    p = np.repeat(1.0 / n, n)
    x = np.repeat(1.0 / n, n)
    dangling = np.where(sums == 0)[0]
    for _ in range(max_iter):
        last = x
        product = np.zeros(n)
        np.add.at(product, cols, scaled * x[rows])
        x = alpha * (product + sum(x[dangling]) * p) + (1 - alpha) * p
        if np.absolute(x - last).sum() < n * tol:
            return dict(zip(nodes, map(float, x)))
    raise nx.PowerIterationFailedConvergence(max_iter)


#: The last communities of each graph, with the graph's shape and the seed then (see ``communities``).
_COMMUNITIES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def communities(G: nx.Graph, seed: int = 42) -> list[list[str]]:
    """Louvain communities (seeded), largest first, each sorted; singletons dropped.

    Computed once per graph, like :func:`pagerank`, so that a build can find them before
    it draws the report (see ``kg.pipeline.run._page_data``); a graph changed since (in its
    nodes, edges or total weight) is divided again.

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> communities(G)
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    >>> G.add_edge("z", "w")
    >>> communities(G)
    [['w', 'x', 'y', 'z'], ['a', 'b', 'c']]
    """
    if G.number_of_edges() == 0:
        return []
    shape = (G.number_of_nodes(), G.number_of_edges(), G.size(weight="weight"), seed)
    known = _COMMUNITIES.get(G)
    if known is None or known[0] != shape:
        known = _COMMUNITIES[G] = (shape, _louvain(G, seed))
    return [list(c) for c in known[1]]


def _louvain(G: nx.Graph, seed: int) -> list[list[str]]:
    # Louvain keeps communities in sets: with string nodes their order, and so the result,
    # would follow the hash seed. On integer nodes added in sorted order it is the same
    # in every process.
    names = sorted(G, key=str)
    number = {n: i for i, n in enumerate(names)}
    H = nx.Graph()
    H.add_nodes_from(range(len(names)))
    H.add_weighted_edges_from(sorted(
        (min(number[a], number[b]), max(number[a], number[b]), w) for a, b, w in G.edges(data="weight", default=1)))
    found = nx.community.louvain_communities(H, weight="weight", seed=seed)
    groups = [sorted(names[i] for i in c) for c in found if len(c) > 1]
    return sorted(groups, key=lambda c: (-len(c), c[0]))


def co_mentions(graph: GraphLike, *, min_articles: int = 2) -> list[tuple[str, str, int]]:
    """Pairs of entities named together in at least ``min_articles`` articles.

    Returns ``(entity, entity, number of articles)`` with the IRIs as strings, most
    frequent first.

    >>> from rdflib import Graph
    >>> g = Graph().parse(data=EXAMPLE_TURTLE, format="turtle")
    >>> [(a.rsplit("/", 1)[1], b.rsplit("/", 1)[1], n) for a, b, n in co_mentions(g)]
    [('农民工', '求学圆梦行动', 2)]
    """
    content = content_of(graph)
    classes = entity_classes(content)
    articles = {str(a.node) for a in content.articles}
    named: dict[str, set[str]] = {}
    for a, e in content.relations["mentions"]:
        if str(a) in articles and str(e) in classes:
            named.setdefault(str(a), set()).add(str(e))
    pairs: Counter = Counter()
    for entities in named.values():
        pairs.update(combinations(sorted(entities), 2))
    kept = [(a, b, n) for (a, b), n in pairs.items() if n >= min_articles]
    return sorted(kept, key=lambda t: (-t[2], t[0], t[1]))


def top_by_class(
    G: nx.Graph, scores: dict[str, dict[str, float]], *, measure: str = "pagerank", n: int = 10
) -> dict[str, list[str]]:
    """The ``n`` highest-scoring nodes of each kind, best first (ties by IRI).

    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(G, {"a": "X", "b": "X", "c": "Y"}, "kind")
    >>> top_by_class(G, centrality(G), n=1)
    {'X': ['b'], 'Y': ['c']}
    """
    by_kind: dict[str, list[str]] = {}
    for node, data in G.nodes(data=True):
        by_kind.setdefault(data.get("kind", ""), []).append(node)
    return {
        kind: sorted(nodes, key=lambda x: (-scores[x][measure], x))[:n]
        for kind, nodes in sorted(by_kind.items())
    }


def _tail(iri: Node) -> str:
    return str(iri).rsplit("/", 1)[-1]


__all__ = ["EXAMPLE_TURTLE", "GraphLike", "betweenness_centrality", "centrality", "co_mentions", "communities",
           "content_of", "entity_classes", "evidence_counts", "pagerank", "pagerank_numpy", "project", "top_by_class"]
