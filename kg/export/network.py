"""The entity-article network as a networkx graph, for GraphML and GEXF (Gephi, Cytoscape).

Nodes are articles (``class`` = ``Article``, ``label`` = title) and entities of the four
contract classes (``label`` = rdfs:label). Directed edges:

* article -> entity: ``mentions`` (weight = mention sentences, at least 1), ``creator``;
* measure -> group ``targets``, narrower -> broader group ``broader``,
  person -> organization ``member`` (``role`` attribute); weight = evidence sentences.

When two relations link the same pair, the edge's ``relation`` lists both (``creator;mentions``)
and the weights add up.

>>> from kg.rdf.graphio import load_store
>>> g = entity_article_network(load_store("tests/data/query/seed_small.ttl"))
>>> g.nodes["https://w3id.org/gonghui-kg/resource/group/农民工"]["class"]
'WorkerGroup'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import pyoxigraph as ox

from kg.model import ENTITY_CLASSES
from kg.query.run import PREFIXES
from kg.rdf.prefixes import NETWORK_LINKS, RELATION_TERMS, gh_terms

if TYPE_CHECKING:
    import networkx as nx

_NODES = """
SELECT ?node ?class ?label WHERE {
  VALUES ?type { gh:Article $ENTITY_TYPES }
  ?node a ?type .
  OPTIONAL { ?node rdfs:label ?l }
  OPTIONAL { ?node dcterms:title ?t }
  BIND(STRAFTER(STR(?type), "#") AS ?class)
  BIND(COALESCE(?l, ?t, "") AS ?label)
}""".replace("$ENTITY_TYPES", gh_terms(ENTITY_CLASSES))

_EDGES = """
SELECT ?s ?o ?relation (COUNT(DISTINCT ?ev) AS ?weight) (SAMPLE(?roleLabel) AS ?role) WHERE {
  {
    ?s ?p ?o .
    VALUES (?p ?relation) { $LINKS }
    OPTIONAL { ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }
  } UNION {
    ?m a org:Membership ; org:member ?s ; org:organization ?o .
    BIND("member" AS ?relation)
    OPTIONAL { ?m org:role/rdfs:label ?roleLabel }
    OPTIONAL { ?ev rdf:subject ?m ; rdf:predicate org:member ; rdf:object ?s }
  }
}
GROUP BY ?s ?o ?relation""".replace("$LINKS", " ".join(f'({p} "{name}")' for name, p in RELATION_TERMS if name in NETWORK_LINKS))


def entity_article_network(store: ox.Store) -> nx.DiGraph:
    """A directed graph of articles and entities with labels, classes and weights."""
    import networkx as nx  # imported when used: kg commands that never export start faster

    g = nx.DiGraph()
    for sol in cast(ox.QuerySolutions, store.query(_NODES, prefixes=PREFIXES)):
        g.add_node(sol["node"].value, label=sol["label"].value, **{"class": sol["class"].value})
    for sol in cast(ox.QuerySolutions, store.query(_EDGES, prefixes=PREFIXES)):
        s, o = sol["s"].value, sol["o"].value
        if s not in g or o not in g:
            continue
        weight = max(1, int(sol["weight"].value))
        relation = sol["relation"].value
        if g.has_edge(s, o):
            data = g.edges[s, o]
            data["relation"] = ";".join(sorted(set(data["relation"].split(";")) | {relation}))
            data["weight"] += weight
        else:
            g.add_edge(s, o, relation=relation, weight=weight, role="")
        if sol["role"] is not None:
            g.edges[s, o]["role"] = sol["role"].value
    return _sorted_copy(g)


def _sorted_copy(g: nx.DiGraph) -> nx.DiGraph:
    """The same graph with nodes and edges inserted in sorted order: stable files."""
    out = type(g)()
    out.add_nodes_from(sorted(g.nodes(data=True)))
    out.add_edges_from(sorted(g.edges(data=True), key=lambda e: (e[0], e[1])))
    return out
