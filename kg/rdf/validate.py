"""Check a graph against the contract's SHACL shapes (``ontology/shapes.ttl``).

>>> from rdflib import Graph
>>> validate(Graph()).conforms
True
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from kg.resources import ontology_dir


@dataclass(frozen=True)
class Validation:
    conforms: bool
    report: str  # pySHACL's human-readable report


def shapes() -> Graph:
    return Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


def validate(graph: Graph) -> Validation:
    """Validate ``graph`` (with the ontology, for subclass reasoning) against the shapes."""
    import pyshacl

    ont = Graph().parse(ontology_dir() / "gonghui.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes(), ont_graph=ont,
                                         inference="none", advanced=True, allow_warnings=True)
    return Validation(bool(conforms), text)
