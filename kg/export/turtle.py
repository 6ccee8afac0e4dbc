r"""Sorted N-Triples (and the canonical triple order TriG is written in) on Oxigraph's
serializer; Turtle is :mod:`kg.rdf.turtle`'s, the writer of graph.ttl.

Triples are sorted (subject, then ``rdf:type`` first, then predicate, then object, each
by its N-Triples form, as UTF-8 bytes) before Oxigraph writes them, so the same graph gives the same
bytes every time. Blank node labels are written as they are: a graph that has blank
nodes is byte-stable only if its blank node ids are (the contract graph has none).

>>> import rdflib
>>> g = rdflib.Graph()
>>> _ = g.add((rdflib.URIRef(GHR_IRI + "group/快递员"), rdflib.RDF.type, rdflib.URIRef(GH_IRI + "WorkerGroup")))
>>> _ = g.add((rdflib.URIRef(GHR_IRI + "group/快递员"), rdflib.RDFS.label, rdflib.Literal("快递员", lang="zh")))
>>> turtle_bytes(g).decode().split("\n\n", 1)[1].splitlines()
['<group/快递员> a gh:WorkerGroup ;', '    rdfs:label "快递员"@zh .']
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
import rdflib

from kg.rdf.graphio import store_triples, term_to_oxigraph
from kg.rdf.prefixes import GH_IRI, GHR_IRI, PREFIXES
from kg.rdf.turtle import turtle_bytes, write_turtle


def as_oxigraph_triples(data) -> Iterable[ox.Triple]:
    """Triples of an Oxigraph store, an rdflib Graph, or an iterable of either kind of triple."""
    if isinstance(data, ox.Store):
        return store_triples(data)
    if isinstance(data, rdflib.Graph) or not isinstance(data, (list, tuple)) or (data and not isinstance(data[0], ox.Triple)):
        return (_to_ox(t) for t in data)
    return data


def _to_ox(t):
    if isinstance(t, ox.Triple):
        return t
    if isinstance(t, ox.Quad):
        return t.triple
    s, p, o = t
    if isinstance(s, rdflib.term.Node):
        return ox.Triple(term_to_oxigraph(s), term_to_oxigraph(p), term_to_oxigraph(o))
    return ox.Triple(s, p, o)


_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "


def _line_key(line: bytes):
    # An N-Triples line is "S P O .": no space inside S (an IRI or blank node label).
    cut = line.index(b" ")
    rest = line[cut + 1:]
    return (line[:cut], not rest.startswith(_TYPE), rest)


def sorted_ntriples(data) -> bytes:
    """``data`` as N-Triples, one line per triple, duplicates removed, in the canonical order
    (subject, ``rdf:type`` first, predicate, object). Oxigraph writes the lines; Python
    only sorts them, which keeps this fast on millions of triples."""
    if isinstance(data, ox.Store):
        raw = data.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    else:
        raw = ox.serialize(as_oxigraph_triples(data), format=ox.RdfFormat.N_TRIPLES) or b""
    lines = sorted(set(raw.splitlines()) - {b""}, key=_line_key)
    return b"\n".join(lines) + b"\n" if lines else b""


def sorted_triples(data) -> list[ox.Triple]:
    """The triples of ``data`` in the writer's canonical order, duplicates removed."""
    return [q.triple for q in ox.parse(sorted_ntriples(data), format=ox.RdfFormat.N_TRIPLES)]


def with_fixed_prefixes(serialized: bytes) -> bytes:
    """Replace the ``@prefix`` lines Oxigraph wrote (in hash-map order, which varies from
    run to run) by the project's prefixes in their fixed order, then a blank line."""
    lines = serialized.split(b"\n")
    i = 0
    while i < len(lines) and lines[i].startswith(b"@prefix "):
        i += 1
    header = "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in PREFIXES).encode()
    return header + b"\n" + b"\n".join(lines[i:])


def ntriples_bytes(data) -> bytes:
    """``data`` as N-Triples, one triple per line, sorted."""
    return sorted_ntriples(data)


__all__ = ["GHR_IRI", "GH_IRI", "ntriples_bytes", "sorted_triples", "turtle_bytes", "with_fixed_prefixes", "write_turtle"]
