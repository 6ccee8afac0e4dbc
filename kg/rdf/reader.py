"""The one reader of a built graph: articles, entities, relations, memberships and evidence
as frozen records, read in one pass over the triples.

The pages (:mod:`kg.viz`), the network analytics (:mod:`kg.analyze`) and the scorer
(:mod:`kg.evaluate`) all start from a :class:`GraphContent`. It is made from the triples a
build already holds (:func:`read_triples`, no rdflib Graph in between), from an rdflib Graph
(which is an iterable of triples too) or from a graph file or build folder
(:func:`read_file`, parsed by Oxigraph). Only the shapes of ``../shared/CONTRACT.md`` are
read, nothing is inferred; values that may repeat are kept as sorted tuples, and each
reader of the content decides what it makes of a repeated one.

>>> from rdflib import Graph
>>> content = read_triples(Graph().parse(data=EXAMPLE_TURTLE, format="turtle"))
>>> [a.titles for a in content.articles]
[('第一篇',), ('第二篇',)]
>>> [(e.label, e.classes) for e in content.entities]
[('农民工', ('WorkerGroup',)), ('困难职工', ('WorkerGroup',)), ('求学圆梦行动', ('Measure',))]
>>> [p[1].rsplit("/", 1)[1] for p in content.relations["targets"]]
['农民工']
>>> len(content.evidence), content.size
(2, 24)
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from kg.rdf.namespace import (
    DCTERMS,
    ENTITY_CLASS_IRIS,
    GH,
    ORG,
    RELATIONS,
)

#: A two-article graph used by the doctests of the modules that read graphs.
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

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class ArticleRecord:
    node: Node  # its IRI (a URIRef; a blank node only in a hand-made graph)
    titles: tuple[str, ...]  # literal dcterms:title values, sorted
    texts: tuple[str, ...]  # gh:text
    dates: tuple[str, ...]  # dcterms:date, lexical forms
    sources: tuple[str, ...]  # gh:source, any kind of value
    topics: tuple[str, ...]  # gh:topic

    @property
    def title(self) -> str:
        return self.titles[0] if self.titles else ""


@dataclass(frozen=True)
class EntityRecord:
    node: Node
    classes: tuple[str, ...]  # those of the four entity classes it has, in ENTITY_CLASSES order
    labels: tuple[str, ...]  # literal rdfs:label values, sorted (one, per the contract)
    alt_labels: tuple[str, ...]  # literal skos:altLabel values, sorted

    @property
    def label(self) -> str:
        return self.labels[0] if self.labels else ""


@dataclass(frozen=True)
class ColumnRecord:
    node: URIRef
    labels: tuple[str, ...]


@dataclass(frozen=True)
class MembershipRecord:
    node: Node
    typed: bool  # has rdf:type org:Membership
    people: tuple[Node, ...]  # org:member
    organizations: tuple[Node, ...]  # org:organization
    roles: tuple[Node, ...]  # org:role: an IRI with an rdfs:label (or a literal in a hand-made graph)


@dataclass(frozen=True)
class EvidenceRecord:
    """One ``gh:Evidence`` node with every value of each of its properties (sorted)."""

    node: Node
    subjects: tuple[Node, ...]  # rdf:subject
    predicates: tuple[Node, ...]
    objects: tuple[Node, ...]
    articles: tuple[Node, ...]  # gh:article
    sentences: tuple[Node, ...]
    starts: tuple[Node, ...]
    ends: tuple[Node, ...]
    rules: tuple[Node, ...]  # gh:rule IRIs

    @staticmethod
    def one(values: tuple[Node, ...]) -> Node | None:
        """The value when there is exactly one, else None."""
        return values[0] if len(values) == 1 else None


@dataclass(frozen=True)
class GraphContent:
    """What a built graph says, as plain records; every tuple is sorted by IRI."""

    size: int  # distinct triples read
    articles: tuple[ArticleRecord, ...]
    entities: tuple[EntityRecord, ...]  # nodes of at least one of the four entity classes
    columns: tuple[ColumnRecord, ...]
    relations: Mapping[str, tuple[tuple[Node, Node], ...]]  # RELATIONS name -> (subject, object) sorted by str
    memberships: tuple[MembershipRecord, ...]  # nodes typed org:Membership or with an org:member
    evidence: tuple[EvidenceRecord, ...]
    labels: Mapping[str, str]  # node -> its first literal rdfs:label, for every labelled node

    def label_of(self, node: Node | None) -> str:
        """The node's rdfs:label, or "" when it has none."""
        return self.labels.get(str(node), "") if node is not None else ""


def read_triples(triples: Iterable[Triple], *, distinct: bool = False) -> GraphContent:
    """Read ``triples`` (rdflib terms: a build's triples, or an rdflib Graph) in one pass.

    ``distinct``: the triples are known to hold no repeat (a build's, a store's), so none
    is looked for (hashing every rdflib Literal is a Python call).
    """
    by_predicate: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    seen: set[Triple] = set()
    size = 0
    for t in triples:
        if distinct or t not in seen:
            if not distinct:
                seen.add(t)
            size += 1
            by_predicate[t[1]][t[0]].append(t[2])
    return _content(size, by_predicate)


def read_file(path: str | os.PathLike) -> GraphContent:
    """Read a graph file or ``kg build`` output folder (any format :mod:`kg.rdf.graphio` reads).

    Raises :class:`kg.rdf.graphio.GraphInputError` naming the file when it cannot be read."""
    from kg.rdf.graphio import load_store, store_triples, term_to_rdflib

    converted: dict = {}

    def conv(term) -> Node:
        out = converted.get(term)
        if out is None:
            out = converted[term] = term_to_rdflib(term)
        return out

    triples = ((conv(t.subject), conv(t.predicate), conv(t.object)) for t in store_triples(load_store(path)))
    return read_triples(triples, distinct=True)  # a store holds each triple once


def _literals(values: list[Node] | None) -> tuple[str, ...]:
    return tuple(sorted(str(v) for v in values or () if isinstance(v, Literal)))


def _strings(values: list[Node] | None) -> tuple[str, ...]:
    return tuple(sorted(str(v) for v in values or ()))


def _nodes(values: list[Node] | None) -> tuple[Node, ...]:
    if values and len(values) == 1:  # the common case: an evidence node's one sentence, start, rule...
        return (values[0],)
    return tuple(sorted(values or (), key=str))


def _content(size: int, by_predicate: dict[Node, dict[Node, list[Node]]]) -> GraphContent:
    typed: dict[Node, set[Node]] = defaultdict(set)  # class -> its members
    for node, classes in by_predicate[RDF.type].items():
        for cls in classes:
            typed[cls].add(node)
    values = by_predicate.__getitem__
    labels = {str(s): min(ls) for s, os in values(RDFS.label).items() if (ls := [str(o) for o in os if isinstance(o, Literal)])}
    articles = tuple(
        ArticleRecord(a, _literals(values(DCTERMS.title).get(a)), _literals(values(GH.text).get(a)),
                      _literals(values(DCTERMS.date).get(a)), _strings(values(GH.source).get(a)),
                      _strings(values(GH.topic).get(a)))
        for a in sorted(typed[GH.Article], key=str))
    entity_classes: dict[Node, list[str]] = defaultdict(list)
    for name, cls in ENTITY_CLASS_IRIS.items():
        for node in typed[cls]:
            entity_classes[node].append(name)
    entities = tuple(
        EntityRecord(e, tuple(entity_classes[e]), _literals(values(RDFS.label).get(e)),
                     _literals(values(SKOS.altLabel).get(e)))
        for e in sorted(entity_classes, key=str))
    columns = tuple(ColumnRecord(c, _literals(values(RDFS.label).get(c)))
                    for c in sorted(typed[GH.Column], key=str) if isinstance(c, URIRef))
    relations = {name: tuple(sorted(((s, o) for s, os in values(p).items() for o in os), key=lambda so: (str(so[0]), str(so[1]))))
                 for name, p in RELATIONS.items()}
    member_nodes = typed[ORG.Membership] | set(values(ORG.member))
    memberships = tuple(
        MembershipRecord(m, m in typed[ORG.Membership], _nodes(values(ORG.member).get(m)),
                         _nodes(values(ORG.organization).get(m)), _nodes(values(ORG.role).get(m)))
        for m in sorted(member_nodes, key=str))
    props = (RDF.subject, RDF.predicate, RDF.object, GH.article, GH.sentence, GH.start, GH.end, GH.rule)
    columns_of = [values(p) for p in props]
    evidence = tuple(EvidenceRecord(ev, *(_nodes(col.get(ev)) for col in columns_of))
                     for ev in sorted(typed[GH.Evidence], key=str))
    return GraphContent(size, articles, entities, columns, relations, memberships, evidence, labels)


__all__ = [
    "EXAMPLE_TURTLE",
    "ArticleRecord",
    "ColumnRecord",
    "EntityRecord",
    "EvidenceRecord",
    "GraphContent",
    "MembershipRecord",
    "read_file",
    "read_triples",
]
