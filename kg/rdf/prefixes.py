"""The project's IRIs, prefixes and relations as plain strings, importing nothing, so
``kg query`` starts fast. :mod:`kg.rdf.namespace` gives the same as rdflib terms, with
the four entity classes of ``kg.model.ENTITY_CLASSES``.

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

#: The relations a graph states, by the name the pages, the scorer and the exports give
#: them, with their predicates as prefixed names, in legend order: an article's links,
#: then the relations between entities.
RELATION_TERMS = (
    ("mentions", "gh:mentions"),
    ("creator", "dcterms:creator"),
    ("column", "gh:column"),
    ("targets", "gh:targets"),
    ("broader", "skos:broader"),
    ("member", "org:member"),
)

#: The relations the article-entity networks (kg.analyze, kg export graphml/gexf) draw as
#: edges as they are: a membership is a node of its own, joined person to organization.
NETWORK_LINKS = ("mentions", "creator", "targets", "broader")


def gh_terms(names) -> str:
    """The ``gh:`` names of ``names`` for a SPARQL ``VALUES`` list.

    >>> gh_terms(("Person", "Measure"))
    'gh:Person gh:Measure'
    """
    return " ".join(f"gh:{n}" for n in names)


def expand(curie: str) -> str:
    """The full IRI of a prefixed name.

    >>> expand("skos:broader")
    'http://www.w3.org/2004/02/skos/core#broader'
    """
    prefix, _, local = curie.partition(":")
    return dict(PREFIXES)[prefix] + local
