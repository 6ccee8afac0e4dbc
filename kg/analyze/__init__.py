"""Network analytics over the knowledge graph: projection, centrality, communities.

Each function is named after what it computes, takes its input and returns a new
value; nothing is mutated. The RDF graph is projected onto an undirected networkx
graph whose nodes are articles and entities (their IRIs as strings) and whose edge
weights count the evidence behind the link (how often an article names an entity,
or how many sentences support a relation).

>>> from rdflib import Graph
>>> g = Graph().parse(data=EXAMPLE_TURTLE, format="turtle")
>>> G = project(g)
>>> sorted(G.nodes[n]["label"] for n in G)
['农民工', '困难职工', '求学圆梦行动', '第一篇', '第二篇']
>>> G.edges[ARTICLE + "a1", GROUP + "农民工"]["weight"]
2
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.rdf.namespace import GH, GHR, ORG

#: The entity classes of the contract, by IRI, with their local names.
ENTITY_CLASSES = {
    GH.Person: "Person",
    GH.Organization: "Organization",
    GH.WorkerGroup: "WorkerGroup",
    GH.Measure: "Measure",
}

#: Above this many nodes betweenness is estimated from a seeded sample of sources.
EXACT_BETWEENNESS_UP_TO = 1000
#: Number of sampled sources for the estimate (Brandes & Pich, k-sampling).
BETWEENNESS_SAMPLES = 50

ARTICLE = str(GHR) + "article/"
GROUP = str(GHR) + "group/"

#: A two-article graph used by the doctests of this module.
EXAMPLE_TURTLE = """
@prefix gh: <https://w3id.org/gonghui-kg/ontology#> .
@prefix ghr: <https://w3id.org/gonghui-kg/resource/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://w3id.org/gonghui-kg/resource/article/a1> a gh:Article ; dcterms:title "第一篇"@zh ;
    gh:mentions <https://w3id.org/gonghui-kg/resource/group/农民工> ,
                <https://w3id.org/gonghui-kg/resource/measure/求学圆梦行动> .
<https://w3id.org/gonghui-kg/resource/article/a2> a gh:Article ; dcterms:title "第二篇"@zh ;
    gh:mentions <https://w3id.org/gonghui-kg/resource/group/农民工> ,
                <https://w3id.org/gonghui-kg/resource/measure/求学圆梦行动> ,
                <https://w3id.org/gonghui-kg/resource/group/困难职工> .
<https://w3id.org/gonghui-kg/resource/group/农民工> a gh:WorkerGroup ; rdfs:label "农民工"@zh .
<https://w3id.org/gonghui-kg/resource/group/困难职工> a gh:WorkerGroup ; rdfs:label "困难职工"@zh .
<https://w3id.org/gonghui-kg/resource/measure/求学圆梦行动> a gh:Measure ; rdfs:label "求学圆梦行动"@zh ;
    gh:targets <https://w3id.org/gonghui-kg/resource/group/农民工> .
[] a gh:Evidence ; rdf:subject <https://w3id.org/gonghui-kg/resource/article/a1> ;
   rdf:predicate gh:mentions ; rdf:object <https://w3id.org/gonghui-kg/resource/group/农民工> .
[] a gh:Evidence ; rdf:subject <https://w3id.org/gonghui-kg/resource/article/a1> ;
   rdf:predicate gh:mentions ; rdf:object <https://w3id.org/gonghui-kg/resource/group/农民工> .
"""


def entity_classes(graph: Graph) -> dict[URIRef, str]:
    """Every entity of the four contract classes, mapped to its class's local name.

    >>> from rdflib import Graph
    >>> g = Graph().parse(data=EXAMPLE_TURTLE, format="turtle")
    >>> sorted(entity_classes(g).values())
    ['Measure', 'WorkerGroup', 'WorkerGroup']
    """
    found: dict[URIRef, str] = {}
    for cls_iri, name in ENTITY_CLASSES.items():
        for entity in graph.subjects(RDF.type, cls_iri):
            if isinstance(entity, URIRef):
                found[entity] = name
    return found


def evidence_counts(graph: Graph) -> Counter:
    """How many evidence nodes support each (subject, predicate, object) statement.

    Membership evidence (subject: the membership node) is counted under the
    person-organization pair it stands for, with predicate ``org:member``.

    >>> from rdflib import Graph
    >>> g = Graph().parse(data=EXAMPLE_TURTLE, format="turtle")
    >>> evidence_counts(g)[(URIRef(ARTICLE + "a1"), GH.mentions, URIRef(GROUP + "农民工"))]
    2
    """
    counts: Counter = Counter()
    subj, pred, obj = (values_of(graph, p) for p in (RDF.subject, RDF.predicate, RDF.object))
    for ev in graph.subjects(RDF.type, GH.Evidence):
        s, p, o = subj.get(ev), pred.get(ev), obj.get(ev)
        if s is None or p is None or o is None:
            continue
        if p == ORG.member:
            org = graph.value(s, ORG.organization)
            if org is None:
                continue
            s, o = o, org
        counts[(s, p, o)] += 1
    return counts


def values_of(graph: Graph, predicate: URIRef) -> dict:
    """``{subject: object}`` for one predicate, in one scan (one lookup per subject is far slower).

    >>> from rdflib import Graph
    >>> g = Graph().parse(data=EXAMPLE_TURTLE, format="turtle")
    >>> sorted(values_of(g, RDFS.label).values())
    [rdflib.term.Literal('农民工', lang='zh'), rdflib.term.Literal('困难职工', lang='zh'), rdflib.term.Literal('求学圆梦行动', lang='zh')]
    """
    return dict(graph.subject_objects(predicate))


def project(graph: Graph) -> nx.Graph:
    """The article-entity network: nodes are articles and entities, edges are weighted.

    Node attributes: ``kind`` ("Article" or an entity class) and ``label``. Edges join
    an article to each entity it mentions or that wrote it, and entities linked by
    ``gh:targets``, ``skos:broader`` or a membership; ``weight`` is the number of
    evidence sentences for the link (at least 1), summed over the kinds of link.
    """
    G = nx.Graph()
    classes = entity_classes(graph)
    labels, titles = values_of(graph, RDFS.label), values_of(graph, DCTERMS.title)
    for entity, kind in sorted(classes.items()):
        label = labels.get(entity)
        G.add_node(str(entity), kind=kind, label=str(label) if label is not None else _tail(entity))
    for article in sorted(graph.subjects(RDF.type, GH.Article), key=str):
        title = titles.get(article)
        G.add_node(str(article), kind="Article", label=str(title) if title is not None else _tail(article))
    counts = evidence_counts(graph)

    def link(a, b, key) -> None:
        if str(a) not in G or str(b) not in G or a == b:
            return
        w = max(1, counts.get(key, 0))
        if G.has_edge(str(a), str(b)):
            G.edges[str(a), str(b)]["weight"] += w
        else:
            G.add_edge(str(a), str(b), weight=w)

    for p in (GH.mentions, DCTERMS.creator, GH.targets, SKOS.broader):
        for s, o in sorted(graph.subject_objects(p), key=lambda so: (str(so[0]), str(so[1]))):
            link(s, o, (s, p, o))
    for m in sorted(graph.subjects(RDF.type, ORG.Membership), key=str):
        person, org = graph.value(m, ORG.member), graph.value(m, ORG.organization)
        if person is not None and org is not None:
            link(person, org, (person, ORG.member, org))
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
        betweenness = nx.betweenness_centrality(G, k=min(BETWEENNESS_SAMPLES, G.number_of_nodes() - 1), seed=seed)
    else:
        betweenness = nx.betweenness_centrality(G)
    ranks = pagerank(G)
    return {
        n: {"degree": degree[n], "betweenness": betweenness[n], "pagerank": ranks[n]}
        for n in G
    }


def pagerank(G: nx.Graph) -> dict[str, float]:
    """PageRank on the evidence weights: the measure the explorer sizes nodes by.

    >>> {n: round(v, 3) for n, v in pagerank(nx.Graph([("a", "b"), ("b", "c")])).items()}
    {'a': 0.257, 'b': 0.486, 'c': 0.257}
    """
    return nx.pagerank(G, weight="weight") if len(G) else {}


def communities(G: nx.Graph, seed: int = 42) -> list[list[str]]:
    """Louvain communities (seeded), largest first, each sorted; singletons dropped.

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> communities(G)
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    if G.number_of_edges() == 0:
        return []
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


def co_mentions(graph: Graph, *, min_articles: int = 2) -> list[tuple[str, str, int]]:
    """Pairs of entities named together in at least ``min_articles`` articles.

    Returns ``(entity, entity, number of articles)`` with the IRIs as strings, most
    frequent first.

    >>> from rdflib import Graph
    >>> g = Graph().parse(data=EXAMPLE_TURTLE, format="turtle")
    >>> [(a.rsplit("/", 1)[1], b.rsplit("/", 1)[1], n) for a, b, n in co_mentions(g)]
    [('农民工', '求学圆梦行动', 2)]
    """
    classes = entity_classes(graph)
    pairs: Counter = Counter()
    for article in graph.subjects(RDF.type, GH.Article):
        named = sorted({str(e) for e in graph.objects(article, GH.mentions) if e in classes})
        pairs.update(combinations(named, 2))
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
