"""Load a graph file or a ``kg build`` output folder; convert between rdflib and Oxigraph.

Query, export and serve all start here. Oxigraph (pyoxigraph) parses, queries and
serializes far faster than rdflib's in-memory store, so loading goes to a
``pyoxigraph.Store``; :func:`to_rdflib` and :func:`to_store` cross over for code that
wants rdflib's API.

>>> store = load_store("tests/data/query/seed_small.ttl")
>>> len(store) > 500
True
>>> graph = to_rdflib(store)
>>> len(graph) == len(store)
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.rdf.formats import of_kind

if TYPE_CHECKING:
    import rdflib

#: File suffix -> Oxigraph format of the graph files we read (from :mod:`kg.rdf.formats`).
FORMATS = {suffix: getattr(ox.RdfFormat, f.oxigraph) for f in of_kind("graph", "dataset") for suffix in f.suffixes}

#: Files looked for, in this order, inside a ``kg build`` output folder.
FOLDER_GRAPHS = ("graph.ttl", "graph.nt", "graph.trig", "graph.jsonld")

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class GraphInputError(Exception):
    """A graph file that is missing, of an unknown kind, or malformed (message names it)."""


def resolve_graph_file(path: str | os.PathLike) -> Path:
    """The graph file behind ``path``: the file itself, or the graph inside a build folder.

    >>> resolve_graph_file("tests/data/query").name
    Traceback (most recent call last):
    ...
    kg.rdf.graphio.GraphInputError: tests/data/query: folder holds no graph.ttl, graph.nt, graph.trig or graph.jsonld
    """
    p = Path(path)
    if p.is_dir():
        for name in FOLDER_GRAPHS:
            if (p / name).is_file():
                return p / name
        names = ", ".join(FOLDER_GRAPHS[:-1]) + " or " + FOLDER_GRAPHS[-1]
        raise GraphInputError(f"{path}: folder holds no {names}")
    if not p.exists():
        raise GraphInputError(f"{path}: no such file or folder")
    if p.suffix.lower() not in FORMATS:
        known = " ".join(sorted(FORMATS))
        raise GraphInputError(f"{path}: unknown graph format {p.suffix or '(no suffix)'!r}; expected one of {known}")
    return p


def graph_format(path: Path) -> ox.RdfFormat:
    return FORMATS[path.suffix.lower()]


def load_store(path: str | os.PathLike, into: ox.Store | None = None) -> ox.Store:
    """Read a graph file or build folder into an in-memory Oxigraph store (or ``into``,
    such as the on-disk store :mod:`kg.query.store` keeps).

    Everything lands in the default graph: the named graphs of a TriG or N-Quads file
    (one per article, see :func:`kg.export.partition_by_article`) are merged back, so a
    query sees the same graph whichever format it was saved in.
    """
    file = resolve_graph_file(path)
    fmt = graph_format(file)
    store = ox.Store() if into is None else into
    try:
        if fmt.supports_datasets:
            store.extend(
                ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                for q in ox.parse(path=str(file), format=fmt)
            )
        else:
            store.bulk_load(path=str(file), format=fmt)
    except SyntaxError as exc:
        raise GraphInputError(f"{file}: not valid {fmt.name}: {exc}") from None
    except (OSError, ValueError) as exc:
        raise GraphInputError(f"{file}: cannot read: {exc}") from None
    return store


def load_graph(path: str | os.PathLike) -> rdflib.Graph:
    """Read a graph file or build folder into an rdflib Graph (parsed by Oxigraph)."""
    return to_rdflib(load_store(path))


def store_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """The triples of the store's default graph."""
    for quad in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        yield quad.triple


# --- term conversion -------------------------------------------------------------

_RDFLIB: list = []


def _rdflib():
    """rdflib, imported on first use: it costs every command 0.15 s to start, and
    ``kg query``, ``kg export`` and ``kg serve`` mostly do without it."""
    if not _RDFLIB:
        import rdflib

        _RDFLIB.append(rdflib)
    return _RDFLIB[0]


def term_to_rdflib(term):
    """An Oxigraph term as the equal rdflib term.

    >>> term_to_rdflib(ox.Literal("农民工", language="zh"))
    rdflib.term.Literal('农民工', lang='zh')
    """
    rdflib = _rdflib()
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == XSD_STRING:
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(dt), normalize=False)
    raise TypeError(f"cannot convert {term!r} to rdflib")


def term_to_oxigraph(term):
    """An rdflib term as the equal Oxigraph term.

    >>> import rdflib
    >>> term_to_oxigraph(rdflib.Literal(3))
    <Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    """
    rdflib = _rdflib()
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to Oxigraph")


def to_rdflib(store_or_triples: ox.Store | Iterable[ox.Triple]) -> rdflib.Graph:
    """An rdflib Graph with the triples of an Oxigraph store (default graph) or triple list."""
    import rdflib

    triples = store_triples(store_or_triples) if isinstance(store_or_triples, ox.Store) else store_or_triples
    graph = rdflib.Graph()
    conv = term_to_rdflib
    graph.addN((conv(t.subject), conv(t.predicate), conv(t.object), graph) for t in triples)
    return graph


def to_store(graph: rdflib.Graph | ox.Store) -> ox.Store:
    """An Oxigraph store holding the triples of an rdflib Graph (a store is returned as is)."""
    if isinstance(graph, ox.Store):
        return graph
    store = ox.Store()
    conv = term_to_oxigraph
    store.extend(ox.Quad(conv(s), conv(p), conv(o), ox.DefaultGraph()) for s, p, o in graph)
    return store
