"""Two CSV tables: entities, and relations with the sentence behind each.

``entities.csv``: iri, class, label, alt_labels (``|``-separated), articles (how many
articles mention it), first_date and last_date (the earliest and latest ``dcterms:date``
of those articles). ``relations.csv``: one row per evidence node of a relation
(``targets``, ``broader``, ``creator``, and memberships written person ``memberOf``
organization with the role), with the article, its date, sentence, offsets and rule.
Files are UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese right.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from kg.model import ENTITY_CLASSES
from kg.query.run import PREFIXES
from kg.rdf.atomic import atomic_write_bytes
from kg.rdf.prefixes import gh_terms

ENTITY_COLUMNS = ("iri", "class", "label", "alt_labels", "articles", "first_date", "last_date")
RELATION_COLUMNS = (
    "subject", "subject_label", "predicate", "object", "object_label", "role",
    "article", "article_title", "article_date", "sentence", "start", "end", "rule",
)

_ENTITIES = """
SELECT ?iri ?class ?label (GROUP_CONCAT(DISTINCT ?alt; separator="|") AS ?alt_labels)
       (COUNT(DISTINCT ?article) AS ?articles) (MIN(STR(?date)) AS ?first_date) (MAX(STR(?date)) AS ?last_date)
WHERE {
  VALUES ?type { $ENTITY_TYPES }
  ?iri a ?type .
  OPTIONAL { ?iri rdfs:label ?label }
  OPTIONAL { ?iri skos:altLabel ?alt }
  OPTIONAL { ?article gh:mentions ?iri . OPTIONAL { ?article dcterms:date ?date } }
  BIND(STRAFTER(STR(?type), "#") AS ?class)
}
GROUP BY ?iri ?class ?label
ORDER BY ?class ?label ?iri""".replace("$ENTITY_TYPES", gh_terms(ENTITY_CLASSES))

_RELATIONS = """
SELECT ?subject ?subject_label ?predicate ?object ?object_label ?role
       ?article ?article_title ?article_date ?sentence ?start ?end ?rule ?ev WHERE {
  ?ev a gh:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  FILTER(?p != gh:mentions)
  OPTIONAL { ?ev gh:article ?article . OPTIONAL { ?article dcterms:title ?article_title }
             OPTIONAL { ?article dcterms:date ?date } }
  BIND(STR(?date) AS ?article_date)
  OPTIONAL { ?ev gh:sentence ?sentence }
  OPTIONAL { ?ev gh:start ?start }
  OPTIONAL { ?ev gh:end ?end }
  OPTIONAL { ?ev gh:rule ?ruleIri . OPTIONAL { ?ruleIri rdfs:label ?ruleLabel } }
  OPTIONAL { ?s org:organization ?org . OPTIONAL { ?s org:role/rdfs:label ?roleLabel } }
  BIND(IF(BOUND(?org), ?o, ?s) AS ?subject)
  BIND(IF(BOUND(?org), ?org, ?o) AS ?object)
  BIND(IF(BOUND(?org), "org:memberOf",
       REPLACE(REPLACE(REPLACE(STR(?p), "^https://w3id.org/gonghui-kg/ontology#", "gh:"),
               "^http://www.w3.org/2004/02/skos/core#", "skos:"), "^http://purl.org/dc/terms/", "dcterms:")) AS ?predicate)
  OPTIONAL { ?subject rdfs:label|dcterms:title ?subject_label }
  OPTIONAL { ?object rdfs:label ?object_label }
  BIND(COALESCE(?roleLabel, "") AS ?role)
  BIND(COALESCE(?ruleLabel, STR(?ruleIri)) AS ?rule)
}
ORDER BY ?predicate ?subject ?object ?article ?start ?ev"""


def _cell(term) -> str:
    return "" if term is None else term.value


def _write(path: Path, columns, query: str, store: ox.Store) -> int:
    n = 0
    buf = io.StringIO(newline="")
    w = csv.writer(buf)
    w.writerow(columns)
    for sol in cast(ox.QuerySolutions, store.query(query, prefixes=PREFIXES)):
        w.writerow([_cell(sol[c]) for c in columns])
        n += 1
    atomic_write_bytes(path, buf.getvalue().encode("utf-8-sig"))  # with a BOM, so Excel reads it as UTF-8
    return n


def write_csv_tables(store: ox.Store, directory: str | os.PathLike) -> tuple[Path, Path]:
    """Write ``entities.csv`` and ``relations.csv`` into ``directory``; return their paths."""
    d = Path(directory)
    entities, relations = d / "entities.csv", d / "relations.csv"
    _write(entities, ENTITY_COLUMNS, _ENTITIES, store)
    _write(relations, RELATION_COLUMNS, _RELATIONS, store)
    return entities, relations
