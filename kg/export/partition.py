"""Split the graph into one part per article (the unit an incremental update replaces).

An article's part holds:

* every triple whose subject is the article (title, creators, columns, mentions, text, …);
* every evidence node whose ``gh:article`` is the article, with all its triples;
* each statement that evidence supports (``S P O``: a ``gh:targets``, ``skos:broader``,
  ``org:member``, ``dcterms:creator`` or ``gh:mentions`` triple), and for a membership
  the membership node's own triples (type, organization, role).

A statement supported by several articles is in each of their parts, so dropping one
article's part keeps what the others still say. Everything else (entity classes, labels
and altLabels, columns, roles, rules, ontology terms, statements no evidence supports)
is the shared remainder, kept in the default graph.

>>> from kg.rdf.graphio import load_store
>>> parts, shared = partition_by_article(load_store("tests/data/query/seed_small.ttl"))
>>> sorted(a.value.rsplit("/", 1)[1] for a in parts)
['a1', 'a2', 'a3']
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

import pyoxigraph as ox
import rdflib

from kg.rdf.graphio import store_triples

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
GH_NS = "https://w3id.org/gonghui-kg/ontology#"
ORG_MEMBERSHIP = "http://www.w3.org/ns/org#Membership"


class Partition(NamedTuple):
    articles: dict  # article IRI -> list of triples (same term kind as the input)
    shared: list  # triples in no article's part


def _iri(term) -> str | None:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, rdflib.URIRef):
        return str(term)
    return None


def _triples(graph):
    if isinstance(graph, ox.Store):
        return ((t.subject, t.predicate, t.object) for t in store_triples(graph))
    return (tuple(t) for t in graph)


def partition_by_article(graph) -> Partition:
    """``(articles, shared)``: each article's triples and the shared remainder.

    ``graph`` is an Oxigraph store, an rdflib Graph, or an iterable of ``(s, p, o)``
    tuples; the triples come back as ``(s, p, o)`` tuples of the same term kind.
    """
    by_subject = defaultdict(list)
    everything = set()
    for t in _triples(graph):
        if t not in everything:
            everything.add(t)
            by_subject[t[0]].append(t)

    def types(subject) -> set:
        return {_iri(o) for s, p, o in by_subject.get(subject, ()) if _iri(p) == RDF_NS + "type"}

    articles = {s: dict.fromkeys(ts) for s, ts in by_subject.items() if GH_NS + "Article" in types(s)}
    claimed_subjects = set(articles)
    claimed_statements = set()
    for s, ts in by_subject.items():
        if GH_NS + "Evidence" not in types(s):
            continue
        fields = {_iri(p): o for _, p, o in ts}
        article = fields.get(GH_NS + "article")
        if article not in articles:
            continue
        part = articles[article]
        part.update(dict.fromkeys(ts))
        claimed_subjects.add(s)
        stmt = tuple(fields.get(RDF_NS + k) for k in ("subject", "predicate", "object"))
        if None in stmt:
            continue
        if stmt in everything:
            part[stmt] = None
            claimed_statements.add(stmt)
        if ORG_MEMBERSHIP in types(stmt[0]):
            part.update(dict.fromkeys(by_subject[stmt[0]]))
            claimed_subjects.add(stmt[0])
    shared = [
        t
        for s, ts in by_subject.items()
        if s not in claimed_subjects
        for t in ts
        if t not in claimed_statements
    ]
    return Partition({a: list(ts) for a, ts in articles.items()}, shared)
