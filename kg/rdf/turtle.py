"""The one Turtle writer: ``graph.ttl``, ``kg export --format turtle`` and the Turtle of
``kg query`` CONSTRUCT results. The same triples always give the same bytes.

rdflib's serializer orders blank nodes and some subjects arbitrarily and is slow
on large graphs; the graph has no blank nodes, so sorting is enough (a hand-made graph's
blank nodes are written by their labels). Resource IRIs are written relative to ``@base``
(``<person/魏国强>``) so the file stays readable. It takes rdflib triples (a build's, an
rdflib Graph), or an Oxigraph store or triples, converted: so exporting ``graph.ttl``
gives ``graph.ttl`` back, byte for byte.

>>> from rdflib import URIRef, Literal
>>> from rdflib.namespace import RDFS
>>> print(serialize_turtle([(URIRef(GHR_IRI + "person/张三"), RDFS.label, Literal("张三", lang="zh"))]), end="")
@base <https://w3id.org/gonghui-kg/resource/> .
@prefix gh: <https://w3id.org/gonghui-kg/ontology#> .
@prefix ghr: <https://w3id.org/gonghui-kg/resource/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<BLANKLINE>
<person/张三> rdfs:label "张三"@zh .
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import groupby
from operator import itemgetter
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.rdf.atomic import atomic_write_bytes
from kg.rdf.graphio import store_triples, term_to_rdflib
from kg.rdf.namespace import GHR_IRI, PREFIXES

_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_OTHER_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # what _NEEDS_ESCAPE finds but \\, " and \n
_INTEGER = re.compile(r"[+-]?\d+\Z")
# Longest namespace first so that gh: never shadows a longer one.
_NAMESPACES = sorted(((iri, p) for p, iri in PREFIXES if p != "ghr"), key=lambda x: -len(x[0]))
_FIRST = itemgetter(0)
# Looked up once: rdflib's namespace attributes are slow and these are used per triple.
_TYPE, _XSD_INTEGER, _XSD_STRING = RDF.type, XSD.integer, XSD.string


def _escape(match: re.Match) -> str:
    ch = match.group()
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04X}"


def _escaped(text: str) -> str:
    r"""``text`` with what a Turtle string cannot hold escaped: ``\``, ``"`` and newlines
    by ``str.replace`` (an article's text has hundreds of newlines: a call each, by ``sub``),
    the other control characters, rare, by a pattern.

    >>> print(_escaped('a\\b"c\nd\x01'))
    a\\b\"c\nd\u0001
    """
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")  # the backslash first
    return _OTHER_CONTROL.sub(_escape, text) if _OTHER_CONTROL.search(text) else text


def term(t) -> str:
    """One RDF term in Turtle syntax."""
    if isinstance(t, Literal):
        value = _escaped(str(t))
        if t.language:
            return f'"{value}"@{t.language}'
        if t.datatype == _XSD_INTEGER and _INTEGER.match(str(t)):
            return str(t)
        if t.datatype and t.datatype != _XSD_STRING:
            return f'"{value}"^^{term(t.datatype)}'
        return f'"{value}"'
    if isinstance(t, BNode):
        return f"_:{t}"
    iri = str(t)
    if iri.startswith(GHR_IRI):
        return f"<{iri[len(GHR_IRI):]}>"
    for ns, prefix in _NAMESPACES:
        if iri.startswith(ns) and _LOCAL.match(iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def _predicate_key(p: URIRef) -> tuple:
    return (p != _TYPE, str(p))


def serialize_turtle(triples: Iterable[tuple]) -> str:
    """Turtle for ``triples``, subjects and predicates sorted, one subject a block."""
    return turtle_utf8(triples).decode("utf-8")


def turtle_utf8(triples: Iterable[tuple], side_by_side: Callable[[list[Callable[[], bytes]]], list[bytes]] | None = None,
                *, ordered: bool = False) -> bytes:
    """:func:`serialize_turtle` as UTF-8. With ``side_by_side`` (as
    :func:`kg.pipeline.parallel.side_by_side`, which runs tasks at once), the second half of
    the subjects' blocks is written by another task while this one writes the first.
    ``ordered``: the triples are distinct and in :func:`kg.rdf.graph.sorted_triples`' order
    (a build's), so each subject's triples are found together, in the order of the
    subjects' blocks, without a set of them per subject (the same bytes, in two thirds of
    the time).

    >>> from rdflib import URIRef
    >>> ts = [(URIRef(GHR_IRI + f"x/{i}"), URIRef(GHR_IRI + "p"), URIRef(GHR_IRI + "o")) for i in range(5)]
    >>> turtle_utf8(ts, lambda tasks: [t() for t in tasks]) == serialize_turtle(ts).encode("utf-8")
    True
    >>> turtle_utf8(ts, ordered=True) == serialize_turtle(ts).encode("utf-8")
    True
    """
    head = "\n".join([f"@base <{GHR_IRI}> ."] + [f"@prefix {p}: <{iri}> ." for p, iri in PREFIXES] + ["", ""])
    blocks: list[tuple] = []  # (subject, its (predicate, object) pairs), the subjects sorted
    if ordered:
        for subject, group in groupby(triples, key=itemgetter(0)):
            blocks.append((subject, [(p, o) for _, p, o in group]))
    else:
        # Grouped by subject first, so that only a subject's own few triples are sorted together.
        by_subject: dict = defaultdict(set)
        for s, p, o in triples:
            by_subject[s].add((p, o))
        blocks = [(subject, by_subject[subject]) for subject in sorted(by_subject, key=str)]
    if side_by_side is None or len(blocks) < 2:
        parts = [_blocks(blocks)]
    else:
        half = len(blocks) // 2
        parts = side_by_side([partial(_blocks, blocks[:half]), partial(_blocks, blocks[half:])])
    return head.encode("utf-8") + b"\n".join(part for part in parts if part) + (b"\n" if blocks else b"")


def _blocks(blocks: Sequence[tuple]) -> bytes:
    """The Turtle blocks of ``blocks`` (each a subject and its predicates and objects), as UTF-8."""
    # Each term is rendered once (graphs repeat the same IRIs many times), remembered by
    # its id: rdflib's hash and == are Python calls, and every term is alive meanwhile.
    rendered: dict[int, str] = {}

    def render(t) -> str:
        out = rendered.get(id(t))
        if out is None:
            out = rendered[id(t)] = term(t)
        return out

    predicates: dict[int, tuple] = {}  # id of a predicate -> (its sort key, how it is written)
    lines = []
    for subject, pairs in blocks:
        for p, _ in pairs:
            if id(p) not in predicates:
                predicates[id(p)] = (_predicate_key(p), "a" if p == _TYPE else render(p))
        ordered = sorted((predicates[id(p)][0], render(o), p) for p, o in pairs)
        # grouped by the predicate's sort key, its IRI as a string: predicates are IRIs, so
        # the same key is the same predicate (compared in C, not by rdflib's ==)
        parts = [predicates[id(objs[0][2])][1] + " " + " , ".join(o for _, o, _ in objs)
                 for objs in (list(g) for _, g in groupby(ordered, key=_FIRST))]
        lines.append(render(subject) + " " + " ;\n    ".join(parts) + " .")
    return "\n".join(lines).encode("utf-8")


def rdflib_triples(data) -> Iterable[tuple]:
    """The triples of ``data`` as rdflib terms: an Oxigraph store (its default graph) or
    Oxigraph triples are converted, each distinct term once; rdflib triples pass as they are."""
    if isinstance(data, ox.Store):
        data = store_triples(data)
    converted: dict = {}

    def conv(t):
        out = converted.get(t)
        if out is None:
            out = converted[t] = term_to_rdflib(t)
        return out

    for t in data:
        if isinstance(t, (ox.Triple, ox.Quad)):
            yield conv(t.subject), conv(t.predicate), conv(t.object)
        else:
            yield t


def turtle_bytes(data) -> bytes:
    """``data`` (rdflib triples or Graph, Oxigraph store or triples) as UTF-8 Turtle."""
    return turtle_utf8(rdflib_triples(data))


def write_turtle(data, path: str | os.PathLike) -> None:
    """Write ``data`` (as :func:`turtle_bytes` takes it) as Turtle to ``path`` atomically
    (temp file, then rename)."""
    atomic_write_bytes(Path(path), turtle_bytes(data))
