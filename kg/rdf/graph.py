"""The RDF stage: Articles and Extractions in, the triples of CONTRACT.md out.

This is the only place that writes the graph. It merges what the per-article
extractors found (one entity per class and label, across the whole corpus),
gives every statement its evidence nodes, and checks each span against its
sentence so that a faulty rule can never break the contract.

>>> from kg.model import Article, Paragraph, Sentence, Byline, Extraction, Mention, EntityRef, Evidence
>>> art = Article(id="a1", title="题", source="x.md", text="题\\n张三",
...               paragraphs=(Paragraph(0, 1, "title"), Paragraph(2, 4, "byline")),
...               sentences=(Sentence(0, 1, 0), Sentence(2, 4, 1)), authors=(Byline("张三", 2, 4),))
>>> ev = Evidence(2, 4, 2, 4, "author.byline")
>>> ex = Extraction("a1", authors=(Mention(EntityRef("Person", "张三"), ev),))
>>> triples, log = to_triples([art], [ex])
>>> g = to_graph(triples)
>>> len(list(g.subjects(RDF.type, GH.Evidence)))
1
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kg.convert import to_simplified
from kg.extract.normalize import one_class
from kg.model import Article, EntityRef, Evidence, Extraction, Relation
from kg.rdf.iris import article_iri, column_iri, entity_iri, evidence_iri, membership_iri, role_iri, rule_iri
from kg.rdf.namespace import GH, GHR_IRI, ORG, PREFIXES

Triple = tuple[URIRef, URIRef, Node]

#: At most this many evidence nodes per (article, entity) mention; the first ones in
#: reading order are kept. Relations keep all their evidence.
MENTION_EVIDENCE_LIMIT = 3

PREDICATES = {"targets": GH.targets, "broader": SKOS.broader, "member": ORG.member}

# The terms every evidence node uses, looked up once: rdflib's namespace attributes
# cost about a microsecond each, and a large corpus has 10^5 evidence triples.
_TYPE, _SUBJECT, _PREDICATE, _OBJECT = RDF.type, RDF.subject, RDF.predicate, RDF.object
_EVIDENCE, _ARTICLE, _SENTENCE, _START, _END, _RULE = (GH.Evidence, GH.article, GH.sentence, GH.start,
                                                       GH.end, GH.rule)
_INTEGER = XSD.integer


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


#: Bidirectional-text controls (LRM/RLM, embeddings, overrides, isolates, the Arabic mark):
#: in a name they can make a label display as something else (U+202E reverses it).
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def zh_name(text: str) -> Literal:
    """A name (label, alias, title, column, role) without bidi controls.

    >>> str(zh_name("农民\u202e工"))
    '农民工'
    """
    return Literal(_BIDI_CONTROLS.sub("", text), lang="zh")


@dataclass
class _Collector:
    """Accumulates triples without duplicates, in a set for speed, and what the graph uses:
    the entities written, their aliases, the rules evidence names."""

    triples: set = field(default_factory=set)
    log: list = field(default_factory=list)
    rules: set[str] = field(default_factory=set)
    aliases: dict[EntityRef, set[str]] = field(default_factory=lambda: defaultdict(set))
    used: set[EntityRef] = field(default_factory=set)
    #: entities some article prints in simplified characters (the others keep a traditional label)
    simplified: set[EntityRef] = field(default_factory=set)
    literals: dict = field(default_factory=dict)  # may be shared by several collectors, as may iris
    iris: dict = field(default_factory=dict)

    def add(self, s, p, o) -> None:
        self.triples.add((s, p, o))

    def merge(self, other: _Collector) -> None:
        """Take in what ``other`` collected (its log lines after this one's)."""
        self.triples |= other.triples
        self.log.extend(other.log)
        self.rules |= other.rules
        self.used |= other.used
        self.simplified |= other.simplified
        for ref, names in other.aliases.items():
            self.aliases[ref] |= names

    def entity(self, ref: EntityRef) -> URIRef:
        """``entity_iri(ref)``, made once per entity (an IRI costs a regex and an rdflib term)."""
        found = self.iris.get(ref)
        if found is None:
            found = self.iris[ref] = entity_iri(ref)
        return found

    def rule(self, rule_id: str) -> URIRef:
        """``rule_iri(rule_id)``, made once per rule."""
        found = self.iris.get(("rule", rule_id))
        if found is None:
            found = self.iris[("rule", rule_id)] = rule_iri(rule_id)
        return found

    def integer(self, n: int) -> Literal:
        """The xsd:integer literal ``n``, made once (offsets repeat: a Literal costs 10 µs)."""
        found = self.literals.get(("int", n))
        if found is None:
            found = self.literals[("int", n)] = Literal(n, datatype=_INTEGER)
        return found

    def sentence(self, text: str) -> Literal:
        """The ``@zh`` literal of an evidence sentence, made once per sentence."""
        found = self.literals.get(("zh", text))
        if found is None:
            found = self.literals[("zh", text)] = zh(text)
        return found


def resolve_classes(extractions: Sequence[Extraction]) -> tuple[dict[EntityRef, EntityRef], list[str]]:
    """Pick one class per label across the corpus (``kg.extract.normalize.one_class``: the
    one it was found as most often).

    Returns a mapping from every ref the extractors used to the ref the graph keeps,
    and log lines for each label that was found with more than one class.

    >>> m = Mention = __import__("kg.model", fromlist=["Mention"]).Mention
    >>> ev = Evidence(0, 1, 0, 1, "r")
    >>> a = Extraction("a", mentions=(Mention(EntityRef("Measure", "X"), ev), Mention(EntityRef("Measure", "X"), ev)))
    >>> b = Extraction("b", mentions=(Mention(EntityRef("Organization", "X"), ev),))
    >>> mapping, log = resolve_classes([a, b])
    >>> mapping[EntityRef("Organization", "X")]
    EntityRef(cls='Measure', label='X')
    """
    counts: dict[str, Counter] = defaultdict(Counter)
    for ex in extractions:
        for ref in _refs(ex):
            counts[ref.label][ref.cls] += 1
    mapping: dict[EntityRef, EntityRef] = {}
    log = []
    for label in sorted(counts):
        by_class = counts[label]
        best = one_class(by_class)
        if len(by_class) > 1:
            found = ", ".join(f"{c} ×{n}" for c, n in sorted(by_class.items()))
            log.append(f"entity {label!r} was found as {found}; the graph keeps it as {best}")
        for cls in by_class:
            mapping[EntityRef(cls, label)] = EntityRef(best, label)
    return mapping, log


def _refs(ex: Extraction) -> Iterable[EntityRef]:
    for e in ex.entities:
        yield e.ref
    for m in ex.mentions:
        yield m.entity
    for m in ex.authors:
        yield m.entity
    for r in ex.relations:
        yield r.subject
        yield r.object


def _evidence_ok(article: Article, ev: Evidence) -> bool:
    """The contract: a non-empty span inside its sentence, inside the text."""
    return (0 <= ev.sentence_start <= ev.start < ev.end <= ev.sentence_end <= len(article.text))


def to_triples(articles: Sequence[Article], extractions: Sequence[Extraction],
               *, mention_evidence_limit: int = MENTION_EVIDENCE_LIMIT) -> tuple[list[Triple], list[str]]:
    """All triples of the graph, sorted, and log lines about what was merged or dropped."""
    stage = GraphStage(mention_evidence_limit=mention_evidence_limit)
    stage.add(0, articles, extractions)
    return stage.finish()


class GraphStage:
    """:func:`to_triples` fed one input file at a time, as extraction finishes each one:
    a build's parent process makes each file's triples while its workers extract the rest.

    Each part (``add(index, articles, extractions)``) is turned into triples at once,
    taking every entity as of the class it was found as; ``finish()`` then picks one class
    per label across the corpus (:func:`resolve_classes`), makes the few parts that named
    an entity by another class again, and merges the parts in index order. The triples
    and log are those of :func:`to_triples` over all the parts' Articles and Extractions
    in index order, whatever order the parts came in.

    >>> from kg.model import Article, Mention, Paragraph, Sentence
    >>> art = Article(id="a1", title="题", source="x.md", text="题\\n工会", paragraphs=(Paragraph(0, 1, "title"),),
    ...               sentences=(Sentence(0, 1, 0), Sentence(2, 4, 1)))
    >>> ex = Extraction("a1", mentions=(Mention(EntityRef("Organization", "工会"), Evidence(2, 4, 2, 4, "r")),))
    >>> stage = GraphStage()
    >>> stage.add(0, [art], [ex])
    >>> stage.finish() == to_triples([art], [ex])
    True
    """

    def __init__(self, *, mention_evidence_limit: int = MENTION_EVIDENCE_LIMIT) -> None:
        self.limit = mention_evidence_limit
        self.iris: dict = {}  # made once for every part (see _Collector)
        self.literals: dict = {}
        self.parts: dict[int, tuple[Sequence[Article], Sequence[Extraction], _Collector]] = {}

    def __contains__(self, index: int) -> bool:
        return index in self.parts

    def add(self, index: int, articles: Sequence[Article], extractions: Sequence[Extraction]) -> None:
        """The part at ``index``: Articles and the Extractions of those Articles."""
        self.parts[index] = (articles, extractions, self._part(articles, extractions, None))

    def finish(self) -> tuple[list[Triple], list[str]]:
        """Every part's triples, sorted, and the log, as :func:`to_triples` gives them."""
        triples, log = self.merged()
        return sorted_triples(triples), log

    def merged(self) -> tuple[set[Triple], list[str]]:
        """What :meth:`finish` gives, the triples not yet sorted (as a set, in no particular
        order: for readers that do not depend on it, such as :func:`kg.rdf.reader.read_triples`)."""
        order = sorted(self.parts)
        extractions = [x for i in order for x in self.parts[i][1]]
        mapping, log = resolve_classes(extractions)
        out = self._collector(log)
        if self._foreign(order):  # an Extraction of another part's Article: all at once, as to_triples did
            out = self._part([a for i in order for a in self.parts[i][0]], extractions, mapping, log)
        else:
            for i in order:
                articles, exs, part = self.parts[i]
                if any(mapping[ref] != ref for ex in exs for ref in _refs(ex)):
                    part = self._part(articles, exs, mapping)
                out.merge(part)
        _entity_triples(out)
        _rule_triples(out)
        return out.triples, out.log

    def _foreign(self, order: list[int]) -> bool:
        """Whether an Extraction's Article is not in its part, or two Articles share an id."""
        ids = [a.id for i in order for a in self.parts[i][0]]
        if len(set(ids)) != len(ids):
            return True
        for i in order:
            articles, extractions, _ = self.parts[i]
            own = {a.id for a in articles}
            if any(ex.article_id not in own for ex in extractions):
                return True
        return False

    def _collector(self, log: list[str] | None = None) -> _Collector:
        return _Collector(log=log if log is not None else [], iris=self.iris, literals=self.literals)

    def _part(self, articles: Sequence[Article], extractions: Sequence[Extraction],
              mapping: dict[EntityRef, EntityRef] | None, log: list[str] | None = None) -> _Collector:
        """The triples of ``articles`` and ``extractions``, each entity of the class ``mapping``
        gives it (None: of the class it was found as)."""
        by_id = {a.id: a for a in articles}
        out = self._collector(log)
        for article in articles:
            _article_triples(out, article)
        for ex in extractions:
            found = by_id.get(ex.article_id)
            if found is None:
                out.log.append(f"extraction for unknown article {ex.article_id!r} ignored")
                continue
            facts = _ArticleFacts(out, found, mapping if mapping is not None else _Same())
            for ent in ex.entities:
                out.aliases[facts.mapping[ent.ref]].update(ent.aliases)
            facts.authors(ex)
            facts.mentions(ex, self.limit)
            for r in ex.relations:
                facts.relation(r)
        return out


class _Same(dict):
    """The mapping of every EntityRef to itself (the class it was found as)."""

    def __missing__(self, ref: EntityRef) -> EntityRef:
        return ref


@dataclass(frozen=True)
class _ArticleFacts:
    """Writes the statements of one article's extraction, each with its evidence node."""

    out: _Collector
    article: Article
    mapping: dict[EntityRef, EntityRef]

    @cached_property
    def iri(self) -> URIRef:
        return article_iri(self.article.id)

    def evidence(self, s: URIRef, p: URIRef, o: URIRef, ev: Evidence) -> bool:
        """Adds the evidence node of (s, p, o); False (and a log line) when its span breaks the contract."""
        out, article = self.out, self.article
        if not _evidence_ok(article, ev):
            out.log.append(f"{article.source}: dropped evidence of rule {ev.rule} at "
                           f"{ev.start}-{ev.end}: span is not inside its sentence")
            return False
        a_iri = self.iri
        e_iri = evidence_iri(s, p, o, a_iri, ev.start, ev.end, ev.rule)
        out.add(e_iri, _TYPE, _EVIDENCE)
        out.add(e_iri, _SUBJECT, s)
        out.add(e_iri, _PREDICATE, p)
        out.add(e_iri, _OBJECT, o)
        out.add(e_iri, _ARTICLE, a_iri)
        out.add(e_iri, _SENTENCE, out.sentence(article.text[ev.sentence_start:ev.sentence_end]))
        out.add(e_iri, _START, out.integer(ev.start))
        out.add(e_iri, _END, out.integer(ev.end))
        out.add(e_iri, _RULE, out.rule(ev.rule))
        out.rules.add(ev.rule)
        return True

    def statement(self, s: URIRef, p: URIRef, o: URIRef, ev: Evidence, refs: Iterable[EntityRef]) -> bool:
        """(s, p, o) with its evidence, marking ``refs`` as used; False when the evidence was dropped."""
        if not self.evidence(s, p, o, ev):
            return False
        self.out.add(s, p, o)
        self.out.used.update(refs)
        return True

    def authors(self, ex: Extraction) -> None:
        a_iri = self.iri
        for m in ex.authors:
            ref = self.mapping[m.entity]
            self.printed(ref, m.evidence)
            self.statement(a_iri, DCTERMS.creator, self.out.entity(ref), m.evidence, (ref,))

    def printed(self, ref: EntityRef, ev: Evidence) -> None:
        """Note ``ref`` as printed in simplified characters if the span ``ev`` is."""
        if ref not in self.out.simplified:
            surface = self.article.text[ev.start:ev.end]
            if to_simplified(surface) == surface:
                self.out.simplified.add(ref)

    def mentions(self, ex: Extraction, limit: int) -> None:
        """The first ``limit`` mentions of each entity in reading order."""
        a_iri, mentions = self.iri, GH.mentions
        per_entity: Counter = Counter()
        for m in sorted(ex.mentions, key=lambda m: (m.evidence.start, m.evidence.end, m.entity)):
            ref = self.mapping[m.entity]
            self.printed(ref, m.evidence)
            if per_entity[ref] < limit and self.statement(a_iri, mentions, self.out.entity(ref), m.evidence, (ref,)):
                per_entity[ref] += 1

    def relation(self, r: Relation) -> None:
        subj, obj = self.mapping[r.subject], self.mapping[r.object]
        if r.predicate == "member":
            self.membership(r, subj, obj)
        elif r.predicate not in PREDICATES:
            self.out.log.append(f"unknown relation predicate {r.predicate!r} ignored ({r.evidence.rule})")
        elif subj != obj:
            self.statement(self.out.entity(subj), PREDICATES[r.predicate], self.out.entity(obj), r.evidence, (subj, obj))

    def membership(self, r: Relation, subj: EntityRef, obj: EntityRef) -> None:
        """An org:Membership node: the person, the organization and the role."""
        out = self.out
        if not r.role:
            out.log.append(f"{self.article.source}: membership without a role ignored ({r.evidence.rule})")
            return
        s_iri, o_iri = out.entity(subj), out.entity(obj)
        m_iri = membership_iri(s_iri, o_iri, r.role)
        if self.statement(m_iri, ORG.member, s_iri, r.evidence, (subj, obj)):
            out.add(m_iri, RDF.type, ORG.Membership)
            out.add(m_iri, ORG.organization, o_iri)
            out.add(m_iri, ORG.role, role_iri(r.role))
            out.add(role_iri(r.role), RDF.type, ORG.Role)
            out.add(role_iri(r.role), RDFS.label, zh_name(r.role))


def _entity_triples(out: _Collector) -> None:
    """Type, label and aliases of every entity a statement uses. An entity only traditional
    text prints keeps its printed form as label (楊志明), the simplified one an alias."""
    for ref in out.used:
        e = out.entity(ref)
        out.add(e, RDF.type, GH[ref.cls])
        aliases = out.aliases.get(ref, set())
        label = ref.label if ref in out.simplified else printed_label(ref.label, aliases)
        out.add(e, RDFS.label, zh_name(label))
        for alias in aliases | {ref.label}:
            if alias and alias != label:
                out.add(e, SKOS.altLabel, zh_name(alias))


def printed_label(label: str, aliases: Iterable[str]) -> str:
    """The traditional form of ``label`` the aliases hold (the first in sorted order), or ``label``.

    >>> printed_label("杨志明", {"楊志明", "杨部长"}), printed_label("农民工", {"外来工"})
    ('楊志明', '农民工')
    """
    return min((a for a in aliases if a != label and to_simplified(a) == label), default=label)


#: The node carrying the fingerprint of the rule set that built the graph.
RULE_SET = URIRef(f"{GHR_IRI}rules")


def _rule_triples(out: _Collector) -> None:
    """Every rule evidence names, labelled with its id and described; and the rule set's
    fingerprint (``kg.extract.rules.fingerprint``), once."""
    from kg.extract.rules import RULES, fingerprint

    for rule in out.rules:
        iri = out.rule(rule)
        out.add(iri, RDF.type, GH.Rule)
        out.add(iri, RDFS.label, Literal(rule))
        if rule in RULES:
            out.add(iri, RDFS.comment, Literal(RULES[rule].description, lang="en"))
    out.add(RULE_SET, RDF.type, GH.RuleSet)
    out.add(RULE_SET, GH.fingerprint, Literal(f"sha256:{fingerprint()}"))


#: The datatype of an article's date by its length: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``.
DATE_TYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}


def date_literal(date: str) -> Literal:
    """``dcterms:date`` of an article: xsd:date, or xsd:gYearMonth / xsd:gYear when only
    the month or the year is known.

    >>> date_literal("2026-07").n3()
    '"2026-07"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    """
    return Literal(date, datatype=DATE_TYPES[len(date)])


#: Metadata lines written to the graph: the publishing paper or site (来源：工人日报) and
#: the title it first ran under (原标题：…).
_META_TERMS = {"source": DCTERMS.publisher, "original_title": DCTERMS.alternative}


def _article_triples(out: _Collector, article: Article) -> None:
    a = article_iri(article.id)
    out.add(a, RDF.type, GH.Article)
    out.add(a, DCTERMS.title, zh_name(article.title))
    out.add(a, GH.text, zh(article.text))
    out.add(a, GH.source, Literal(article.source))
    if article.topic:
        out.add(a, GH.topic, zh_name(article.topic))
    if article.date:
        out.add(a, DCTERMS.date, date_literal(article.date))
    for key, value in article.meta:  # what a 来源：/原标题： line said, kept out of gh:text
        if key in _META_TERMS and value.strip():
            out.add(a, _META_TERMS[key], zh_name(value.strip()))
    for col in article.columns:
        out.add(a, GH.column, column_iri(col))
        out.add(column_iri(col), RDF.type, GH.Column)
        out.add(column_iri(col), RDFS.label, zh_name(col))


def sorted_triples(triples: Iterable[Triple]) -> list[Triple]:
    """``triples`` in the graph's order: by subject, predicate (as strings), then object
    (by its kind of term, then as a string).

    Grouped by subject first, so that only a subject's own few triples are sorted together
    with string keys: a key of three strings for every triple at once would copy every
    term of every triple, the texts of the articles included (twice the graph's memory).

    >>> a, b = URIRef("http://x/a"), URIRef("http://x/b")
    >>> ordered = sorted_triples([(b, a, Literal("1")), (a, b, b), (a, b, Literal("2")), (a, a, a)])
    >>> ordered[:3] == [(a, a, a), (a, b, Literal("2")), (a, b, b)]
    True
    """
    by_subject: dict[URIRef, list[Triple]] = defaultdict(list)
    for t in triples:
        by_subject[t[0]].append(t)
    out: list[Triple] = []
    for subject in sorted(by_subject, key=str):
        out.extend(sorted(by_subject[subject], key=_predicate_object_key))
    return out


def _predicate_object_key(t: Triple) -> tuple[str, str, str]:
    return str(t[1]), type(t[2]).__name__, str(t[2])


def to_graph(triples: Iterable[Triple]) -> Graph:
    """An rdflib Graph holding ``triples``, with the project's prefixes bound."""
    g = Graph(bind_namespaces="none")
    for prefix, iri in PREFIXES:
        g.bind(prefix, iri)
    for t in triples:
        g.add(t)
    return g
