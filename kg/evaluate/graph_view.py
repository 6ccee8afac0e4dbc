"""What the scorer needs from a graph, made from the graph's content as :mod:`kg.rdf.reader`
reads it (the reader the pages share).

Only the shapes of CONTRACT.md are read: articles, the four entity classes, the
evidenced statements and their evidence nodes. Nothing is inferred. A value the contract
says is single (an evidence node's sentence, an article's text) counts only when it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from kg.evaluate.gold import EvalInputError, normalise_name
from kg.rdf.graphio import GraphInputError
from kg.rdf.namespace import EVIDENCED
from kg.rdf.reader import EvidenceRecord, GraphContent, read_file, read_triples

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


def load_graph(path: str | Path) -> GraphContent:
    """Read a graph file (format from its extension) or DIR/graph.ttl of a build directory,
    with the one loader of :mod:`kg.rdf.graphio` (an ``EvalInputError`` names what is wrong)."""
    try:
        return read_file(path)
    except GraphInputError as exc:
        raise EvalInputError(str(exc)) from None


def read_graph(graph: Graph | GraphContent, source: str = "<graph>") -> GraphView:
    """Collect articles, entities, statements and evidence from ``graph`` (an rdflib Graph,
    or its content as :mod:`kg.rdf.reader` reads it)."""
    content = graph if isinstance(graph, GraphContent) else read_triples(graph)
    labels = dict(content.labels)
    articles = _articles(content)
    for iri, article in articles.items():
        labels.setdefault(iri, article.title)
    evidence = _evidence(content, labels)
    rules: dict[tuple[str, str, str], set[str]] = {}
    for ev in evidence:
        rules.setdefault(ev.statement, set()).update(ev.rules)
    return GraphView(
        source=source,
        articles=articles,
        entities=_entities(content),
        labels=labels,
        statements={name: tuple((str(s), str(o)) for s, o in content.relations[name]) for name in EVIDENCED},
        memberships=_memberships(content, labels),
        evidence=evidence,
        rule_index={k: tuple(sorted(v)) for k, v in rules.items()},
    )


def _articles(content: GraphContent) -> dict[str, GraphArticle]:
    return {
        str(a.node): GraphArticle(
            iri=str(a.node),
            title=a.title,
            keys=tuple(normalise_name(t) for t in a.titles),
            text=a.texts[0] if len(a.texts) == 1 else None,
            dates=a.dates,
        )
        for a in content.articles
    }


def _entities(content: GraphContent) -> dict[str, GraphEntity]:
    return {
        str(e.node): GraphEntity(
            iri=str(e.node),
            classes=e.classes,
            label=e.label,
            labels=tuple(normalise_name(x) for x in e.labels),
            alt_labels=tuple(normalise_name(x) for x in e.alt_labels),
        )
        for e in content.entities
    }


def _memberships(content: GraphContent, labels: dict[str, str]) -> tuple[MembershipTuple, ...]:
    tuples: set[MembershipTuple] = set()
    for m in content.memberships:
        people: list[str | None] = [str(p) for p in m.people] or [None]
        orgs: list[str | None] = [str(o) for o in m.organizations] or [None]
        roles = [normalise_name(str(r) if isinstance(r, Literal) else labels.get(str(r), "")) for r in m.roles] or [""]
        tuples.update(MembershipTuple(str(m.node), p, o, r) for p in people for o in orgs for r in roles)
    return tuple(sorted(tuples, key=lambda t: (t.node, t.person or "", t.organization or "", t.role)))


def _int(value) -> int | None:
    if not isinstance(value, Literal):
        return None
    python = value.toPython()
    return python if isinstance(python, int) and not isinstance(python, bool) else None


def _evidence(content: GraphContent, labels: dict[str, str]) -> tuple[GraphEvidence, ...]:
    one = EvidenceRecord.one
    result = []
    for ev in content.evidence:
        subject, predicate, obj = one(ev.subjects), one(ev.predicates), one(ev.objects)
        article, sentence = one(ev.articles), one(ev.sentences)
        rules = tuple(sorted({labels.get(str(r)) or str(r).rsplit("/", 1)[-1] for r in ev.rules})) or (NO_RULE,)
        result.append(GraphEvidence(
            iri=str(ev.node),
            statement=("" if subject is None else str(subject), "" if predicate is None else str(predicate),
                       "" if obj is None else str(obj)),
            article=str(article) if isinstance(article, URIRef) else None,
            sentence=str(sentence) if isinstance(sentence, Literal) else None,
            start=_int(one(ev.starts)),
            end=_int(one(ev.ends)),
            rules=rules,
        ))
    return tuple(result)
