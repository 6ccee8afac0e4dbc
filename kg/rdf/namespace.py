"""The project's namespaces: ``GH`` is closed, so a misspelt term fails at once.

>>> str(GH.targets)
'https://w3id.org/gonghui-kg/ontology#targets'
>>> GH.tragets
Traceback (most recent call last):
...
AttributeError: term 'tragets' not in namespace 'https://w3id.org/gonghui-kg/ontology#'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS, DefinedNamespace

from kg.model import ENTITY_CLASSES
from kg.rdf.prefixes import GH_IRI, GHR_IRI, PREFIXES, RELATION_TERMS, expand

ORG = Namespace("http://www.w3.org/ns/org#")
GHR = Namespace(GHR_IRI)


class GH(DefinedNamespace):
    """Classes and properties of ``ontology/gonghui.ttl`` (a test keeps them in step)."""

    _NS = Namespace(GH_IRI)
    _fail = True

    # classes
    Article: URIRef
    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    WorkerGroup: URIRef
    Measure: URIRef
    Column: URIRef
    Evidence: URIRef
    Rule: URIRef
    RuleSet: URIRef
    # article properties
    column: URIRef
    mentions: URIRef
    text: URIRef
    source: URIRef
    topic: URIRef
    # relations between entities
    targets: URIRef
    # evidence properties
    article: URIRef
    sentence: URIRef
    start: URIRef
    end: URIRef
    rule: URIRef
    fingerprint: URIRef


#: IRI path segment per entity class: ghr:person/…, ghr:org/…, ghr:group/…, ghr:measure/…
CLASS_SEGMENT = {
    "Person": "person",
    "Organization": "org",
    "WorkerGroup": "group",
    "Measure": "measure",
}


#: The four entity classes of the contract, by name (``kg.model.ENTITY_CLASSES``, in that order).
ENTITY_CLASS_IRIS: dict[str, URIRef] = {name: GH[name] for name in ENTITY_CLASSES}

#: The relations a graph states, by name, with their predicates (:data:`kg.rdf.prefixes.RELATION_TERMS`).
RELATIONS: dict[str, URIRef] = {name: URIRef(expand(curie)) for name, curie in RELATION_TERMS}

#: The relations CONTRACT.md says must carry evidence (all but an article's column).
EVIDENCED: dict[str, URIRef] = {name: p for name, p in RELATIONS.items() if name != "column"}

__all__ = ["CLASS_SEGMENT", "DCTERMS", "ENTITY_CLASSES", "ENTITY_CLASS_IRIS", "EVIDENCED", "GH", "GHR", "GHR_IRI",
           "GH_IRI", "ORG", "PREFIXES", "RELATIONS", "SKOS"]
