"""What the scorer needs from a graph, read once into plain values.

Only the shapes of CONTRACT.md are read: articles, the four entity classes, the
evidenced statements and their evidence nodes. Nothing is inferred.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node
from rdflib.util import guess_format

from kg.evaluate.gold import EvalInputError, normalise_name
from kg.model import ENTITY_CLASSES
from kg.rdf.namespace import GH, ORG

#: The statements CONTRACT.md says must carry evidence, by the name the report uses.
EVIDENCED = {
    "mentions": GH.mentions,
    "creator": DCTERMS.creator,
    "targets": GH.targets,
    "broader": SKOS.broader,
    "member": ORG.member,
}

NO_EVIDENCE = "(no evidence)"
NO_RULE = "(no rule)"


@dataclass(frozen=True)
class GraphEntity:
    iri: str
    classes: tuple[str, ...]  # those of the four scored classes it has
    label: str  # its rdfs:label as written ("" if it has none)
    labels: tuple[str, ...]  # normalised rdfs:labels (one, per the contract)
    alt_labels: tuple[str, ...]  # normalised skos:altLabels


@dataclass(frozen=True)
class GraphArticle:
    iri: str
    title: str  # as written (the first one if several)
    keys: tuple[str, ...]  # normalised titles
    text: str | None  # gh:text
    dates: tuple[str, ...] = ()  # its dcterms:date values, lexical forms


@dataclass(frozen=True)
class GraphEvidence:
    iri: str
    statement: tuple[str, str, str]  # rdf:subject, rdf:predicate, rdf:object
    article: str | None
    sentence: str | None
    start: int | None
    end: int | None
    rules: tuple[str, ...]


@dataclass(frozen=True)
class MembershipTuple:
    node: str
    person: str | None
    organization: str | None
    role: str  # normalised role label ("" if none)


@dataclass(frozen=True)
class GraphView:
    source: str
    articles: dict[str, GraphArticle]
    entities: dict[str, GraphEntity]
    labels: dict[str, str]  # node -> its rdfs:label (articles: title) as written, for reports
    statements: dict[str, tuple[tuple[str, str], ...]]  # EVIDENCED name -> sorted (s, o)
    memberships: tuple[MembershipTuple, ...]
    evidence: tuple[GraphEvidence, ...]
    rule_index: dict[tuple[str, str, str], tuple[str, ...]]  # statement -> its evidence's rules

    def rules_of(self, subject: str, name: str, obj: str) -> tuple[str, ...]:
        """The rule labels of the evidence for one statement ((no evidence) if none)."""
        return self.rule_index.get((subject, str(EVIDENCED[name]), obj), (NO_EVIDENCE,))

    def has_evidence(self, subject: str, name: str, obj: str) -> bool:
        return (subject, str(EVIDENCED[name]), obj) in self.rule_index


def load_graph(path: str | Path) -> Graph:
    """Parse a graph file (format from its extension) or DIR/graph.ttl of a build directory."""
    path = Path(path)
    if path.is_dir():
        path = path / "graph.ttl"
    if not path.is_file():
        raise EvalInputError(f"{path}: graph file not found")
    fmt = guess_format(str(path))
    if fmt is None:
        raise EvalInputError(f"{path}: cannot tell the RDF format from the extension (use .ttl, .nt, .rdf, .jsonld, .trig, ...)")
    try:
        if fmt in ("trig", "nquads", "trix"):
            dataset = Dataset(default_union=True)
            dataset.parse(path, format=fmt)
            graph = Graph()
            for triple in dataset.triples((None, None, None)):
                graph.add(triple)
        else:
            graph = Graph()
            graph.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many kinds; all mean "not a graph"
        raise EvalInputError(f"{path}: cannot parse as {fmt}: {exc}") from None
    return graph


def read_graph(graph: Graph, source: str = "<graph>") -> GraphView:
    """Collect articles, entities, statements and evidence from ``graph``."""
    labels: dict[str, str] = {}
    for s, o in sorted(graph.subject_objects(RDFS.label)):
        if isinstance(o, Literal):
            labels.setdefault(str(s), str(o))
    articles = _articles(graph)
    for iri, article in articles.items():
        labels.setdefault(iri, article.title)
    evidence = _evidence(graph, labels)
    rules: dict[tuple[str, str, str], set[str]] = {}
    for ev in evidence:
        rules.setdefault(ev.statement, set()).update(ev.rules)
    return GraphView(
        source=source,
        articles=articles,
        entities=_entities(graph),
        labels=labels,
        statements={
            name: tuple(sorted((str(s), str(o)) for s, o in graph.subject_objects(pred)))
            for name, pred in EVIDENCED.items()
        },
        memberships=_memberships(graph, labels),
        evidence=evidence,
        rule_index={k: tuple(sorted(v)) for k, v in rules.items()},
    )


def _strings(graph: Graph, node, pred) -> list[str]:
    return sorted(str(o) for o in graph.objects(node, pred) if isinstance(o, Literal))


def _articles(graph: Graph) -> dict[str, GraphArticle]:
    articles = {}
    for node in sorted(set(graph.subjects(RDF.type, GH.Article)), key=str):
        titles = _strings(graph, node, DCTERMS.title)
        texts = _strings(graph, node, GH.text)
        articles[str(node)] = GraphArticle(
            iri=str(node),
            title=titles[0] if titles else "",
            keys=tuple(normalise_name(t) for t in titles),
            text=texts[0] if len(texts) == 1 else None,
            dates=tuple(_strings(graph, node, DCTERMS.date)),
        )
    return articles


def _entities(graph: Graph) -> dict[str, GraphEntity]:
    classes: dict[Node, list[str]] = {}
    for cls in ENTITY_CLASSES:
        for node in graph.subjects(RDF.type, GH[cls]):
            classes.setdefault(node, []).append(cls)
    entities = {}
    for node in sorted(classes, key=str):
        labels = _strings(graph, node, RDFS.label)
        entities[str(node)] = GraphEntity(
            iri=str(node),
            classes=tuple(classes[node]),
            label=labels[0] if labels else "",
            labels=tuple(normalise_name(x) for x in labels),
            alt_labels=tuple(normalise_name(x) for x in _strings(graph, node, SKOS.altLabel)),
        )
    return entities


def _memberships(graph: Graph, labels: dict[str, str]) -> tuple[MembershipTuple, ...]:
    nodes = set(graph.subjects(RDF.type, ORG.Membership)) | set(graph.subjects(ORG.member, None))
    tuples: set[MembershipTuple] = set()
    for node in nodes:
        people: list[str | None] = [str(p) for p in graph.objects(node, ORG.member)] or [None]
        orgs: list[str | None] = [str(o) for o in graph.objects(node, ORG.organization)] or [None]
        roles = [
            normalise_name(str(r) if isinstance(r, Literal) else labels.get(str(r), ""))
            for r in graph.objects(node, ORG.role)
        ] or [""]
        tuples.update(MembershipTuple(str(node), p, o, r) for p in people for o in orgs for r in roles)
    return tuple(sorted(tuples, key=lambda t: (t.node, t.person or "", t.organization or "", t.role)))


def _int(value) -> int | None:
    if not isinstance(value, Literal):
        return None
    python = value.toPython()
    return python if isinstance(python, int) and not isinstance(python, bool) else None


def _evidence(graph: Graph, labels: dict[str, str]) -> tuple[GraphEvidence, ...]:
    # One pass per property over the whole graph, not one lookup per node: evidence nodes
    # are the bulk of a graph, and rdflib's per-node lookups dominate otherwise.
    props = (RDF.subject, RDF.predicate, RDF.object, GH.article, GH.sentence, GH.start, GH.end, GH.rule)
    nodes = set(graph.subjects(RDF.type, GH.Evidence))
    values: dict[URIRef, dict] = {}
    for prop in props:
        by_node: dict = {}
        for node, value in graph.subject_objects(prop):
            if node in nodes:
                by_node.setdefault(node, []).append(value)
        values[prop] = by_node

    def one(prop, node):
        found = values[prop].get(node, ())
        return found[0] if len(found) == 1 else None

    result = []
    for node in sorted(nodes, key=str):
        subject, predicate, obj, article, sentence, start, end, _ = (one(p, node) for p in props)
        rules = tuple(sorted({
            labels.get(str(r)) or str(r).rsplit("/", 1)[-1] for r in values[props[-1]].get(node, ())
        })) or (NO_RULE,)
        result.append(GraphEvidence(
            iri=str(node),
            statement=("" if subject is None else str(subject), "" if predicate is None else str(predicate),
                       "" if obj is None else str(obj)),
            article=str(article) if isinstance(article, URIRef) else None,
            sentence=str(sentence) if isinstance(sentence, Literal) else None,
            start=_int(start),
            end=_int(end),
            rules=rules,
        ))
    return tuple(result)
