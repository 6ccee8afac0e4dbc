"""The project's IRIs and prefixes as plain strings: no rdflib, so ``kg query`` starts fast.

>>> dict(PREFIXES)["gh"] == GH_IRI
True
"""

GH_IRI = "https://w3id.org/gonghui-kg/ontology#"
GHR_IRI = "https://w3id.org/gonghui-kg/resource/"

#: Prefixes written at the top of graph.ttl, in this order (and known to every query).
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
