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

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.analyze import entity_classes, values_of
from kg.rdf.namespace import GH, ORG

#: Node classes in legend order.
NODE_CLASSES = ("Article", "Person", "Organization", "WorkerGroup", "Measure", "Column")

#: Relation kinds in legend order, with the predicate each comes from.
RELATIONS = {
    "mentions": GH.mentions,
    "creator": DCTERMS.creator,
    "column": GH.column,
    "targets": GH.targets,
    "broader": SKOS.broader,
    "member": ORG.member,
}


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


def read_graph(graph: Graph) -> GraphData:
    """Collect the explorer's nodes, edges and evidence from a contract-shaped graph."""
    classes = entity_classes(graph)
    labels, titles = values_of(graph, RDFS.label), values_of(graph, DCTERMS.title)
    dates = values_of(graph, DCTERMS.date)
    nodes: list[Node] = []
    articles: dict[str, ArticleInfo] = {}
    texts: dict[URIRef, str] = {}
    for a in sorted(graph.subjects(RDF.type, GH.Article), key=str):
        if not isinstance(a, URIRef):
            continue
        title = _text(titles.get(a)) or _tail(a)
        articles[str(a)] = ArticleInfo(
            str(a), title, _text(graph.value(a, GH.source)), _text(graph.value(a, GH.topic)),
            _text(dates.get(a)),
        )
        texts[a] = _text(graph.value(a, GH.text))
        nodes.append(Node(str(a), "Article", title))
    by_class: dict[str, list[URIRef]] = {}
    for entity, cls in classes.items():
        by_class.setdefault(cls, []).append(entity)
    columns = sorted(c for c in graph.subjects(RDF.type, GH.Column) if isinstance(c, URIRef))
    for cls in NODE_CLASSES[1:]:
        members = columns if cls == "Column" else sorted(by_class.get(cls, []))
        for e in members:
            label = _text(labels.get(e)) or _tail(e)
            aliases = tuple(sorted({_text(x) for x in graph.objects(e, SKOS.altLabel)} - {label}))
            nodes.append(Node(str(e), cls, label, aliases))

    evidence, by_statement = _read_evidence(graph, texts, labels)
    known = {n.iri for n in nodes}
    edges: list[Edge] = []

    def add(s, rel, o, label, key) -> None:
        if str(s) in known and str(o) in known:
            edges.append(Edge(str(s), str(o), rel, label, tuple(by_statement.get(key, ()))))

    for rel in ("mentions", "creator", "column", "targets", "broader"):
        p = RELATIONS[rel]
        for s, o in sorted(graph.subject_objects(p), key=lambda so: (str(so[0]), str(so[1]))):
            add(s, rel, o, rel, (s, p, o))
    for m in sorted(graph.subjects(RDF.type, ORG.Membership), key=str):
        person, org = graph.value(m, ORG.member), graph.value(m, ORG.organization)
        if person is None or org is None:
            continue
        role = graph.value(m, ORG.role)
        role_label = _text(graph.value(role, RDFS.label)) if role is not None else ""
        add(person, "member", org, role_label or "member", (m, ORG.member, person))
    return GraphData(tuple(nodes), tuple(edges), tuple(evidence), articles)


def _read_evidence(graph: Graph, texts: dict[URIRef, str], labels: dict):
    """Evidence rows sorted by article and position, and their indices per statement."""
    cols = {p: values_of(graph, p) for p in (RDF.subject, RDF.predicate, RDF.object, GH.article,
                                             GH.sentence, GH.start, GH.end, GH.rule)}
    rows = []
    for ev in graph.subjects(RDF.type, GH.Evidence):
        s, p, o = cols[RDF.subject].get(ev), cols[RDF.predicate].get(ev), cols[RDF.object].get(ev)
        article = cols[GH.article].get(ev)
        sentence = _text(cols[GH.sentence].get(ev))
        if s is None or p is None or o is None or article is None or not sentence:
            continue
        start, end = _int(cols[GH.start].get(ev)), _int(cols[GH.end].get(ev))
        rule_iri = cols[GH.rule].get(ev)
        rule = _text(labels.get(rule_iri)) if rule_iri is not None else ""
        rule = rule or (_tail(rule_iri) if rule_iri is not None else "")
        rel_start, rel_end = _offsets_in_sentence(texts.get(article, ""), sentence, start, end)
        rows.append(((str(article), start, end, rule, str(s), str(p), str(o)),
                     EvidenceRow(str(article), sentence, rel_start, rel_end, rule), (s, p, o)))
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


def _text(value) -> str:
    return str(value) if value is not None else ""


def _int(value) -> int:
    try:
        return int(value.toPython()) if value is not None else -1
    except (TypeError, ValueError):
        return -1


def _tail(iri) -> str:
    return str(iri).rsplit("/", 1)[-1]
