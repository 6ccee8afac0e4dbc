"""The scoring of gold/FORMAT.md, one function per part; ``evaluate`` runs them all.

The readings chosen where FORMAT.md leaves room are listed in ``kg.evaluate``'s docstring.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from rdflib import Graph

from kg.evaluate.gold import Gold, GoldEntity, load_gold, normalise_name, parse_gold
from kg.evaluate.graph_view import NO_EVIDENCE, GraphEvidence, GraphView, load_graph, read_graph
from kg.evaluate.result import (
    ENTITY_PARTS,
    ArticleMatch,
    Counts,
    DateScore,
    EvidenceScore,
    Item,
    PartScore,
    RuleScore,
    Score,
)
from kg.rdf.reader import GraphContent


class RuleTally:
    """Right/wrong counts per (rule, part), filled while the parts are scored."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])

    def add(self, part: str, rules: tuple[str, ...], right: bool) -> None:
        for rule in rules:
            self.counts[rule, part][0 if right else 1] += 1

    def scores(self) -> tuple[RuleScore, ...]:
        by_rule: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
        for (rule, part), (right, wrong) in sorted(self.counts.items()):
            by_rule[rule].append((part, right, wrong))
        scores = [RuleScore(rule, tuple(parts)) for rule, parts in by_rule.items()]
        return tuple(sorted(scores, key=lambda s: (-s.wrong, -s.right, s.rule)))


def evaluate(gold: dict | str | Path, graph: Graph | GraphContent | str | Path) -> Score:
    """Score ``graph`` against ``gold`` (a decoded gold dict or a gold file path).

    ``graph`` is an rdflib Graph, a graph's content (:mod:`kg.rdf.reader`), a graph file, or a
    ``kg build`` output directory.
    Raises ``EvalInputError`` (a ValueError naming the file) when either cannot be read.
    """
    gold_value = parse_gold(gold) if isinstance(gold, dict) else load_gold(gold)
    if isinstance(graph, (Graph, GraphContent)):
        view = read_graph(graph)
    else:
        path = Path(graph)
        view = read_graph(load_graph(path), source=str(path / "graph.ttl" if path.is_dir() else path))
    return score_view(gold_value, view)


def score_view(gold: Gold, view: GraphView) -> Score:
    matches = match_entities(gold, view)
    article_ids = match_articles(gold, view)
    tally = RuleTally()
    rules = entity_rules(view)
    parts = [score_class(cls, gold, view, matches, rules, tally) for cls in ENTITY_PARTS]
    parts.append(score_mentions(gold, view, matches, article_ids, tally))
    parts.append(score_authors(gold, view, article_ids, tally))
    parts.append(score_relations("targets", gold, view, matches, tally))
    parts.append(score_relations("broader", gold, view, matches, tally))
    parts.append(score_memberships(gold, view, matches, tally))
    by_gold: dict[str, list[str]] = defaultdict(list)
    extra = []
    for iri, article in view.articles.items():
        if iri in article_ids:
            by_gold[article_ids[iri]].append(iri)
        else:
            extra.append(Item(article.title or iri, "no gold article has this title"))
    return Score(
        gold=gold.source,
        graph=view.source,
        articles=tuple(ArticleMatch(a.id, a.title, tuple(by_gold[a.id])) for a in gold.articles),
        extra_articles=tuple(extra),
        parts=tuple(parts),
        evidence=score_evidence(view),
        rules=tally.scores(),
        dates=score_dates(gold, view, by_gold),
    )


# --- matching ------------------------------------------------------------------------


def match_entities(gold: Gold, view: GraphView) -> dict[str, GoldEntity]:
    """Graph entity IRI -> the gold entity it matches (FORMAT.md rule 1; unmatched are absent).

    The gold entity whose label is the graph entity's rdfs:label; failing that, the first
    gold entity (in file order) with a label or alias equal to its label or an altLabel.
    """
    by_label: dict[str, GoldEntity] = {}
    by_name: dict[str, GoldEntity] = {}
    for entity in gold.entities:
        by_label.setdefault(entity.key, entity)
        for name in entity.names:
            by_name.setdefault(name, entity)
    matches = {}
    for iri, node in view.entities.items():
        found = [by_label[key] for key in node.labels if key in by_label]
        if not found:
            found = [by_name[key] for key in node.labels + node.alt_labels if key in by_name]
        if found:
            matches[iri] = min(found, key=lambda e: e.index)
    return matches


def match_articles(gold: Gold, view: GraphView) -> dict[str, str]:
    """Graph article IRI -> id of the gold article whose normalised title it has."""
    by_title: dict[str, str] = {}
    for gold_article in gold.articles:
        by_title.setdefault(gold_article.key, gold_article.id)
    result = {}
    for iri, article in view.articles.items():
        for key in article.keys:
            if key in by_title:
                result[iri] = by_title[key]
                break
    return result


def entity_rules(view: GraphView) -> dict[str, tuple[str, ...]]:
    """Entity IRI -> rules of the evidence for the mentions/creator statements naming it."""
    rules: dict[str, set[str]] = defaultdict(set)
    for name in ("mentions", "creator"):
        for s, o in view.statements[name]:
            if view.has_evidence(s, name, o):
                rules[o].update(view.rules_of(s, name, o))
    return {iri: tuple(sorted(r)) for iri, r in rules.items()}


def _name(view: GraphView, iri: str | None) -> str:
    if iri is None:
        return "(none)"
    return view.labels.get(iri) or iri


# --- the parts -----------------------------------------------------------------------


def score_class(cls: str, gold: Gold, view: GraphView, matches: dict[str, GoldEntity],
                entity_rules: dict[str, tuple[str, ...]], tally: RuleTally) -> PartScore:
    """FORMAT.md rule 2 for one class."""
    correct, wrong = 0, []
    found_by: dict[int, list[str]] = defaultdict(list)  # gold index -> classes it was found as
    for iri, entity in view.entities.items():
        gold_entity = matches.get(iri)
        if gold_entity is not None:
            found_by[gold_entity.index].extend(entity.classes)
        if cls not in entity.classes:
            continue
        right = gold_entity is not None and cls in gold_entity.types
        rules = entity_rules.get(iri, ())
        tally.add(cls, rules or (NO_EVIDENCE,), right)
        if right:
            correct += 1
        elif gold_entity is None:
            wrong.append(Item(entity.label or iri, "no gold entity has this name", rules))
        else:
            wrong.append(Item(entity.label or iri, f"gold {gold_entity.label} is {'/'.join(gold_entity.types)}", rules))
    required = [e for e in gold.entities if e.required and e.types[0] == cls]
    missed = []
    for gold_entity in required:
        classes = found_by.get(gold_entity.index, [])
        if not any(c in gold_entity.types for c in classes):
            note = f"found only as {'/'.join(sorted(set(classes)))}" if classes else "not in the graph"
            missed.append(Item(gold_entity.label, note))
    counts = Counts(correct, sum(cls in e.classes for e in view.entities.values()), len(required) - len(missed), len(required))
    return PartScore(cls, counts, tuple(missed), tuple(sorted(wrong, key=lambda i: i.text)))


def score_mentions(gold: Gold, view: GraphView, matches: dict[str, GoldEntity],
                   article_ids: dict[str, str], tally: RuleTally) -> PartScore:
    """FORMAT.md rule 3: (article, gold entity) pairs, for required gold entities with articles."""
    counted = {e.index for e in gold.entities if e.required and e.articles}
    pairs: dict[tuple[str, int], set[str]] = defaultdict(set)  # pair -> rules behind it
    for a, e in view.statements["mentions"]:
        gold_entity = matches.get(e)
        if a not in article_ids or gold_entity is None or gold_entity.index not in counted:
            continue
        article_id = article_ids[a]
        rules = view.rules_of(a, "mentions", e)
        right = article_id in gold_entity.articles or article_id in gold_entity.articles_optional
        tally.add("mentions", rules, right)
        pairs[article_id, gold_entity.index].update(rules)
    wrong, correct = [], 0
    for (article_id, index), pair_rules in sorted(pairs.items()):
        entity = gold.entities[index]
        if article_id in entity.articles or article_id in entity.articles_optional:
            correct += 1
        else:
            wrong.append(Item(f"{article_id} · {entity.label}", "gold does not list this article",
                              tuple(sorted(pair_rules))))
    required = [(a, e) for e in gold.entities if e.index in counted for a in e.articles]
    missed = [Item(f"{a} · {e.label}", "no gh:mentions") for a, e in required if (a, e.index) not in pairs]
    counts = Counts(correct, len(pairs), len(required) - len(missed), len(required))
    return PartScore("mentions", counts, tuple(missed), tuple(wrong))


def score_authors(gold: Gold, view: GraphView, article_ids: dict[str, str], tally: RuleTally) -> PartScore:
    """FORMAT.md rule 4: (article, author label) pairs from dcterms:creator, names compared exactly."""
    authors = {a.id: a.author_keys for a in gold.articles}
    pairs: dict[tuple[str, str], tuple[str, set[str]]] = {}
    for a, person in view.statements["creator"]:
        if a not in article_ids:
            continue
        label = _name(view, person)
        rules = view.rules_of(a, "creator", person)
        key = (article_ids[a], normalise_name(label))
        tally.add("authors", rules, key[1] in authors[key[0]])
        pairs.setdefault(key, (label, set()))[1].update(rules)
    correct, wrong = 0, []
    for (article_id, name_key), (label, pair_rules) in sorted(pairs.items()):
        if name_key in authors[article_id]:
            correct += 1
        else:
            wrong.append(Item(f"{article_id} · {label}", "not an author of this article", tuple(sorted(pair_rules))))
    required = [(a.id, name) for a in gold.articles for name in a.authors]
    missed = [Item(f"{a} · {name}", "no dcterms:creator") for a, name in required if (a, normalise_name(name)) not in pairs]
    counts = Counts(correct, len(pairs), len(required) - len(missed), len(required))
    return PartScore("authors", counts, tuple(missed), tuple(wrong))


def score_relations(predicate: str, gold: Gold, view: GraphView, matches: dict[str, GoldEntity],
                    tally: RuleTally) -> PartScore:
    """FORMAT.md rule 5 for gh:targets or skos:broader: every graph pair is scored."""
    listed: dict[int, set[int]] = defaultdict(set)  # gold subject -> acceptable gold objects
    required = []  # (relation, subject index or None, object indices)
    for relation in gold.relations:
        if relation.predicate != predicate:
            continue
        subject = gold.find_entity(relation.subject)
        objects = {o.index for o in map(gold.find_entity, relation.objects) if o is not None}
        if subject is not None:
            listed[subject.index] |= objects
        if relation.required:
            required.append((relation, subject, objects))
    graph_pairs: set[tuple[int, int]] = set()
    correct, wrong = 0, []
    for s, o in view.statements[predicate]:
        gs, go = matches.get(s), matches.get(o)
        right = gs is not None and go is not None and go.index in listed.get(gs.index, ())
        rules = view.rules_of(s, predicate, o)
        tally.add(predicate, rules, right)
        text = f"{_name(view, s)} → {_name(view, o)}"
        if right and gs is not None and go is not None:
            correct += 1
            graph_pairs.add((gs.index, go.index))
        elif gs is None or go is None:
            wrong.append(Item(text, f"{'subject' if gs is None else 'object'} matches no gold entity", rules))
        else:
            wrong.append(Item(text, f"gold does not list {gs.label} → {go.label}", rules))
    missed = [
        Item(f"{r.subject} → {'|'.join(r.objects)}", "not in the graph")
        for r, subject, objects in required
        if subject is None or not any((subject.index, o) in graph_pairs for o in objects)
    ]
    counts = Counts(correct, len(view.statements[predicate]), len(required) - len(missed), len(required))
    return PartScore(predicate, counts, tuple(missed), tuple(sorted(wrong, key=lambda i: i.text)))


def score_memberships(gold: Gold, view: GraphView, matches: dict[str, GoldEntity], tally: RuleTally) -> PartScore:
    """FORMAT.md rule 5 for memberships: (person, organization, role label) tuples."""
    listed = _gold_memberships(gold)
    seen = _graph_memberships(view)
    correct, wrong, found = 0, [], set()
    for (person_iri, org_iri, role), member_rules in sorted(seen.items(), key=lambda kv: tuple(x or "" for x in kv[0])):
        number = listed.get(_matched_membership(matches, person_iri, org_iri, role))
        rules = tuple(sorted(member_rules))
        tally.add("memberships", rules, number is not None)
        if number is not None:
            correct += 1
            found.add(number)
        else:
            text = f"{_name(view, person_iri)} · {_name(view, org_iri)} · {role or '(no role)'}"
            wrong.append(Item(text, "gold lists no such membership", rules))
    required = [m for m in gold.memberships if m.required]
    missed = [
        Item(f"{m.person} · {'|'.join(m.organizations)} · {m.role}", "not in the graph")
        for number, m in enumerate(gold.memberships) if m.required and number not in found
    ]
    counts = Counts(correct, len(seen), len(required) - len(missed), len(required))
    return PartScore("memberships", counts, tuple(missed), tuple(wrong))


def _gold_memberships(gold: Gold) -> dict[tuple[int, int, str] | None, int]:
    """(person, organization, role) of each gold membership -> its number (the first one listed)."""

    def index(name: str) -> int | None:
        entity = gold.find_entity(name)
        return None if entity is None else entity.index

    listed: dict[tuple[int, int, str] | None, int] = {}
    for number, m in enumerate(gold.memberships):
        person = index(m.person)
        for org in map(index, m.organizations):
            if person is not None and org is not None:
                listed.setdefault((person, org, normalise_name(m.role)), number)
    return listed


def _graph_memberships(view: GraphView) -> dict[tuple[str | None, str | None, str], set[str]]:
    """(person, organization, role) of the graph's memberships -> the rules of their evidence."""
    seen: dict[tuple[str | None, str | None, str], set[str]] = defaultdict(set)
    for t in view.memberships:
        rules = view.rules_of(t.node, "member", t.person) if t.person else (NO_EVIDENCE,)
        seen[t.person, t.organization, t.role].update(rules)
    return seen


def _matched_membership(matches: dict[str, GoldEntity], person: str | None, org: str | None,
                        role: str) -> tuple[int, int, str] | None:
    """The gold (person, organization, role) a graph membership stands for, when both are matched."""
    gp = matches.get(person) if person else None
    go = matches.get(org) if org else None
    return (gp.index, go.index, role) if gp is not None and go is not None else None


def score_dates(gold: Gold, view: GraphView, by_gold: dict[str, list[str]]) -> DateScore:
    """FORMAT.md item 6: a gold article with a date is right when a graph article with its
    title has exactly one dcterms:date whose first ten characters equal it."""
    scored, right, wrong = 0, 0, []
    for article in gold.articles:
        if article.date is None:
            continue
        scored += 1
        found = [view.articles[iri].dates for iri in by_gold.get(article.id, ())]
        if any(len(dates) == 1 and dates[0][:10] == article.date for dates in found):
            right += 1
            continue
        has = "; ".join(", ".join(d) or "no date" for d in found) or "no graph article"
        wrong.append(Item(f"{article.id} · {article.date}", f"graph: {has}"))
    return DateScore(scored, right, tuple(wrong))


def score_evidence(view: GraphView) -> EvidenceScore:
    """FORMAT.md rule 6: statements with evidence, and evidence spans inside their sentence."""
    statements, unevidenced = [], []
    for name, pairs in view.statements.items():
        have = 0
        for s, o in pairs:
            if view.has_evidence(s, name, o):
                have += 1
            else:
                unevidenced.append(Item(f"{_name(view, s)} {name} {_name(view, o)}", "no gh:Evidence node"))
        statements.append((name, len(pairs), have))
    valid, bad = 0, []
    for ev in view.evidence:
        problem = span_problem(view, ev)
        if problem is None:
            valid += 1
        else:
            bad.append(Item(ev.iri, problem, ev.rules))
    return EvidenceScore(tuple(statements), len(view.evidence), valid, tuple(unevidenced), tuple(bad))


def span_problem(view: GraphView, ev: GraphEvidence) -> str | None:
    """Why an evidence node's span is not a non-empty part of its sentence (None if it is)."""
    article = view.articles.get(ev.article) if ev.article else None
    if article is None:
        return "gh:article is not an article of the graph"
    if article.text is None:
        return "its article has no single gh:text"
    if ev.sentence is None:
        return "no single gh:sentence"
    if ev.start is None or ev.end is None:
        return "gh:start/gh:end missing or not integers"
    if not 0 <= ev.start < ev.end <= len(article.text):
        return f"span {ev.start}-{ev.end} is empty or outside the text ({len(article.text)} chars)"
    span = article.text[ev.start:ev.end]
    if span not in ev.sentence:
        return f"span {ev.start}-{ev.end} {span!r} is not part of the sentence"
    n = len(ev.sentence)
    if article.text.find(ev.sentence, max(0, ev.end - n), ev.start + n) >= 0:
        return None
    if ev.sentence in article.text:
        return f"span {ev.start}-{ev.end} {span!r} lies outside every occurrence of the sentence in the text"
    return None  # the sentence is not verbatim in gh:text, so only the substring test applies
