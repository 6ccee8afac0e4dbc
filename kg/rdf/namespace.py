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
from rdflib.namespace import DefinedNamespace

GH_IRI = "https://w3id.org/gonghui-kg/ontology#"
GHR_IRI = "https://w3id.org/gonghui-kg/resource/"
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


#: Prefixes written at the top of graph.ttl, in this order.
PREFIXES = (
    ("gh", GH_IRI),
    ("ghr", GHR_IRI),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("org", "http://www.w3.org/ns/org#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
)

#: IRI path segment per entity class: ghr:person/…, ghr:org/…, ghr:group/…, ghr:measure/…
CLASS_SEGMENT = {
    "Person": "person",
    "Organization": "org",
    "WorkerGroup": "group",
    "Measure": "measure",
}
