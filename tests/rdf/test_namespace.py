"""The closed namespace and the ontology file stay in step."""

from rdflib import Graph
from rdflib.namespace import OWL, RDF

from kg.rdf.namespace import GH, GH_IRI
from kg.resources import ontology_dir


def _declared() -> set[str]:
    g = Graph().parse(ontology_dir() / "gonghui.ttl")
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
    return {str(s)[len(GH_IRI):] for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(GH_IRI)}


def test_every_namespace_term_is_declared_in_the_ontology():
    terms = set(GH.__annotations__)
    assert terms <= _declared(), terms - _declared()


def test_every_ontology_term_is_in_the_namespace():
    missing = {t for t in _declared() if t not in GH.__annotations__}
    assert not missing


def test_misspelt_term_fails():
    import pytest

    with pytest.raises(AttributeError):
        GH.mention
