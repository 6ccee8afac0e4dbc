"""``kg eval``: score a graph against hand-annotated gold (gold/FORMAT.md).

>>> from rdflib import Graph
>>> g = Graph().parse(format="turtle", data='''
... @prefix gh: <https://w3id.org/gonghui-kg/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... <urn:x:p> a gh:Person ; rdfs:label "魏国强"@zh .
... <urn:x:q> a gh:Person ; rdfs:label "张三"@zh .''')
>>> gold = {"articles": [], "entities": [
...     {"label": "魏国强", "types": ["Person"], "required": True},
...     {"label": "郭晶", "types": ["Person"], "required": True}]}
>>> c = evaluate(gold, g).part("Person").counts
>>> c.precision, c.recall, c.f1
(0.5, 0.5, 0.5)

Public API: ``evaluate(gold, graph) -> Score``, ``format_report(score) -> str``,
``score_to_json(score) -> dict``; ``EvalInputError`` for unreadable input.

Readings chosen where FORMAT.md leaves room
-------------------------------------------
- Names (labels, aliases, titles, author names, role labels) are compared after
  ``normalise_name``: white space and the quotation marks “”‘’"'「」『』《》〈〉 removed.
  Nothing else (no case folding, no traditional/simplified conversion).
- Entities are the nodes typed with one of gh:Person, gh:Organization, gh:WorkerGroup,
  gh:Measure. A node with two of these classes is scored in each. Several graph
  entities may match the same gold entity; each counts as right in precision (FORMAT.md
  scores graph entities, not distinct gold entities); duplicates are not penalised.
- Articles: a graph article (a gh:Article) matches the gold article whose normalised
  title equals one of its dcterms:titles. Mentions and authors of graph articles that
  match no gold article are not scored (they are listed as "graph articles not in the
  gold"); statements of a missing gold article count as misses.
- Mentions are scored as distinct (gold article, gold entity) pairs, so two graph entities
  matched to one gold entity give one pair. Graph entities matching no gold entity, or a
  gold entity that is not required or lists no ``articles``, are left out of mention
  precision (entity precision already counts them).
- Authors: distinct (gold article, normalised rdfs:label of the dcterms:creator) pairs;
  aliases do not apply ("exact"), author order is not scored.
- Relations and memberships: precision is over the graph's distinct triples (for
  memberships, distinct (member, organization, role label) tuples), whatever the classes
  of the ends; a pair is right if its ends match gold entities and some gold relation
  (required or not) lists it. Names in gold relations/memberships are resolved to gold
  entities like a graph label (label first, then alias). A required relation with
  ``object_any`` (or membership with ``organization_any``) is found if any one is present.
- Evidence coverage: the statements are all gh:mentions, dcterms:creator, gh:targets,
  skos:broader and org:member triples; one is covered when some node typed gh:Evidence
  has exactly its rdf:subject/rdf:predicate/rdf:object.
- Evidence spans: a gh:Evidence node is valid when its gh:article is a graph article with
  one gh:text, it has one gh:sentence and integer gh:start < gh:end within the text, the
  span text[start:end] is a substring of the sentence, and - when the sentence occurs
  verbatim in the text - the span lies inside one of its occurrences (so an offset that
  happens to cut the same characters elsewhere does not pass).
- Precision is None when the graph has nothing to score, recall None when the gold
  requires nothing; F1 is None when recall is, 0.0 when recall is 0. Macro-F1 is the mean
  of the defined class F1s.
- Dates (FORMAT.md item 6): a gold article with a ``date`` is right when one of the graph
  articles with its title has exactly one dcterms:date whose first ten characters equal it
  (so an xsd:gYearMonth never equals a full date); a gold article missing from the graph
  counts as wrong. Gold articles without a date are not scored.
- By rule: every scored graph statement adds one right or wrong to each gh:rule label
  (rdfs:label of the rule, else the IRI's last segment) of its evidence nodes;
  "(no evidence)" when it has none. Graph entities are credited to the rules of the
  evidence for the mentions/creator statements that name them (their part is the class).

JSON layout (``score_to_json``, format "gonghui-kg eval v1")
------------------------------------------------------------
::

    {"format": "gonghui-kg eval v1", "gold": PATH, "graph": PATH,
     "headline": {"entities_macro_f1", "mentions_f1", "authors_f1", "targets_f1",
                  "broader_f1", "memberships_f1", "evidence_coverage",
                  "evidence_span_validity": float|null},
     "articles": {"matched": [{"id", "title", "graph": [IRI]}],
                  "missing": [{"id", "title"}], "extra": [ITEM]},
     "entities": {"macro_f1": float|null, "classes": {CLASS: PART}},
     "parts": {"mentions"|"authors"|"targets"|"broader"|"memberships": PART},
     "dates": {"scored", "right", "share": float|null, "wrong": [ITEM]},
     "evidence": {"statements", "evidenced", "coverage",
                  "by_predicate": {NAME: {"statements", "evidenced"}},
                  "nodes", "valid_spans", "span_validity",
                  "unevidenced": [ITEM], "bad_spans": [ITEM]},
     "rules": [{"rule", "right", "wrong", "precision", "parts": {PART_NAME: {"right", "wrong"}}}]}
    PART = {"correct", "predicted", "found", "required", "precision", "recall", "f1",
            "missed": [ITEM], "wrong": [ITEM]}
    ITEM = {"item": str, "note": str, "rules": [str]}

``correct``/``predicted`` are graph items right/scored (precision), ``found``/``required``
required gold items found/all (recall). Rules are listed most-wrong first.
"""

from kg.evaluate.gold import EvalInputError, normalise_name
from kg.evaluate.report import format_report, score_to_json
from kg.evaluate.result import Counts, EvidenceScore, Item, PartScore, RuleScore, Score
from kg.evaluate.scoring import evaluate

__all__ = [
    "Counts",
    "EvalInputError",
    "EvidenceScore",
    "Item",
    "PartScore",
    "RuleScore",
    "Score",
    "evaluate",
    "format_report",
    "normalise_name",
    "score_to_json",
]
