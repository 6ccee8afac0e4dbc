"""Read the RDF graph into the plain nodes, edges and evidence the explorer and report show.

Nodes are articles, columns and the four entity classes; edges are the article links
(mentions, creator, column) and the relations between entities (targets, broader,
member). Every edge carries the indices of its evidence rows. Everything is sorted by
IRI, so the same graph always gives the same page.

>>> from rdflib import Graph
>>> from kg.analyze import EXAMPLE_TURTLE
>>> data = read_graph(Graph().parse(data=EXAMPLE_TURTLE, format="turtle"))
>>> [(n.cls, n.label) for n in data.nodes]
[('Article', '第一篇'), ('Article', '第二篇'), ('WorkerGroup', '农民工'), ('WorkerGroup', '困难职工'), ('Measure', '求学圆梦行动')]
>>> sorted({e.rel for e in data.edges})
['mentions', 'targets']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, URIRef

from kg.analyze import project
from kg.rdf.namespace import ORG, RELATIONS
from kg.rdf.reader import GraphContent, read_triples

#: Node classes in legend order.
NODE_CLASSES = ("Article", "Person", "Organization", "WorkerGroup", "Measure", "Column")

#: Relation kinds in legend order, with the predicate each comes from: :data:`kg.rdf.namespace.RELATIONS`.
__all__ = ["NODE_CLASSES", "RELATIONS", "ArticleInfo", "Edge", "EvidenceRow", "GraphData", "Node", "read_graph"]


@dataclass(frozen=True)
class Node:
    iri: str
    cls: str  # one of NODE_CLASSES
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edge:
    source: str  # IRI
    target: str  # IRI
    rel: str  # a key of RELATIONS
    label: str  # what the edge says; the role for a membership
    evidence: tuple[int, ...] = ()  # indices into GraphData.evidence


@dataclass(frozen=True)
class EvidenceRow:
    article: str  # IRI of the article the sentence is from
    sentence: str
    start: int  # the matched words, as offsets into ``sentence``
    end: int
    rule: str


@dataclass(frozen=True)
class ArticleInfo:
    iri: str
    title: str
    source: str
    topic: str
    date: str = ""  # dcterms:date as written: "YYYY-MM-DD", "YYYY-MM" or "YYYY"; "" when unknown

    @property
    def month(self) -> str:
        """``YYYY-MM`` of the date (``YYYY`` when only the year is known), or "".

        >>> ArticleInfo("a", "t", "", "", "2024-03-09").month
        '2024-03'
        """
        return self.date[:7]


@dataclass(frozen=True)
class GraphData:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    evidence: tuple[EvidenceRow, ...]
    articles: dict[str, ArticleInfo]
    size: int = 0  # triples in the graph
    #: What it was read from, and the article-entity network of :func:`kg.analyze.project`:
    #: read and projected once for both pages.
    content: GraphContent | None = field(default=None, compare=False, repr=False)
    network: Any = field(default=None, compare=False, repr=False)


def read_graph(graph: Graph | GraphContent | GraphData) -> GraphData:
    """Collect the explorer's nodes, edges and evidence from a contract-shaped graph (an
    rdflib Graph, or its content read by :mod:`kg.rdf.reader`; page data is returned as is)."""
    if isinstance(graph, GraphData):
        return graph
    content = graph if isinstance(graph, GraphContent) else read_triples(graph)
    articles, texts = _articles(content)
    nodes = [Node(a.iri, "Article", a.title) for a in articles.values()] + _entity_nodes(content)
    evidence, by_statement = _read_evidence(content, texts)
    edges = _edges(content, {n.iri for n in nodes}, by_statement)
    return GraphData(tuple(nodes), tuple(edges), tuple(evidence), articles, size=content.size,
                     content=content, network=project(content))


def _articles(content: GraphContent) -> tuple[dict[str, ArticleInfo], dict[str, str]]:
    """The articles by IRI, and their texts."""
    articles: dict[str, ArticleInfo] = {}
    texts: dict[str, str] = {}
    for a in content.articles:
        if isinstance(a.node, URIRef):
            iri = str(a.node)
            articles[iri] = ArticleInfo(iri, a.title or _tail(a.node), _first(a.sources), _first(a.topics),
                                        _first(a.dates))
            texts[iri] = _first(a.texts)
    return articles, texts


def _entity_nodes(content: GraphContent) -> list[Node]:
    """Entities class by class in legend order (each under the last of the four classes it
    has), then columns; by IRI within a class."""
    by_class: dict[str, list] = {}
    for entity in content.entities:
        if isinstance(entity.node, URIRef):
            by_class.setdefault(entity.classes[-1], []).append((entity.node, entity.label, entity.alt_labels))
    by_class["Column"] = [(c.node, _first(c.labels), ()) for c in content.columns]
    nodes = []
    for cls in NODE_CLASSES[1:]:
        for iri, label, alt_labels in by_class.get(cls, []):
            label = label or _tail(iri)
            nodes.append(Node(str(iri), cls, label, tuple(sorted(set(alt_labels) - {label}))))
    return nodes


def _edges(content: GraphContent, known: set[str], by_statement: dict[tuple, list[int]]) -> list[Edge]:
    """The relations between known nodes, kind by kind in legend order, each with its evidence."""
    edges: list[Edge] = []

    def add(s, rel, o, label, key) -> None:
        if str(s) in known and str(o) in known:
            edges.append(Edge(str(s), str(o), rel, label, tuple(by_statement.get(key, ()))))

    for rel in (r for r in RELATIONS if r != "member"):  # a membership is a node of its own
        for s, o in content.relations[rel]:
            add(s, rel, o, rel, (str(s), str(RELATIONS[rel]), str(o)))
    for m in content.memberships:
        if m.typed and m.people and m.organizations:
            person, org = m.people[0], m.organizations[0]
            role_label = content.label_of(m.roles[0]) if m.roles else ""
            add(person, "member", org, role_label or "member", (str(m.node), str(ORG.member), str(person)))
    return edges


def _read_evidence(content: GraphContent, texts: dict[str, str]):
    """Evidence rows sorted by article and position, and their indices per statement."""
    rows = []
    for ev in content.evidence:
        s, p, o = _any(ev.subjects), _any(ev.predicates), _any(ev.objects)
        article, sentence = _any(ev.articles), _text(_any(ev.sentences))
        if s is None or p is None or o is None or article is None or not sentence:
            continue
        start, end = _int(_any(ev.starts)), _int(_any(ev.ends))
        rule_iri = _any(ev.rules)
        rule = (content.label_of(rule_iri) or _tail(rule_iri)) if rule_iri is not None else ""
        rel_start, rel_end = _offsets_in_sentence(texts.get(str(article), ""), sentence, start, end)
        key = (str(s), str(p), str(o))
        rows.append(((str(article), start, end, rule, *key),
                     EvidenceRow(str(article), sentence, rel_start, rel_end, rule), key))
    rows.sort(key=lambda r: r[0])
    by_statement: dict[tuple, list[int]] = {}
    for i, (_, _, key) in enumerate(rows):
        by_statement.setdefault(key, []).append(i)
    return [r[1] for r in rows], by_statement


def _offsets_in_sentence(text: str, sentence: str, start: int, end: int) -> tuple[int, int]:
    """Where the article-text span [start, end) falls inside ``sentence``; (0, 0) if unknown.

    >>> _offsets_in_sentence("甲。农民工好。农民工多。", "农民工多。", 7, 10)
    (0, 3)
    >>> _offsets_in_sentence("", "农民工多。", 7, 10)
    (0, 0)
    """
    if 0 <= start < end <= len(text):
        lo = max(0, end - len(sentence))
        at = text.find(sentence, lo, start + len(sentence))
        if 0 <= at <= start and end <= at + len(sentence):
            return start - at, end - at
        word = text[start:end]
        at = sentence.find(word)
        if at >= 0:
            return at, at + len(word)
    return 0, 0


def _first(values: tuple[str, ...]) -> str:
    return values[0] if values else ""


def _any(values: tuple):
    return values[0] if values else None


def _text(value) -> str:
    return str(value) if value is not None else ""


def _int(value) -> int:
    try:
        return int(value.toPython()) if value is not None else -1
    except (TypeError, ValueError):
        return -1


def _tail(iri) -> str:
    return str(iri).rsplit("/", 1)[-1]
