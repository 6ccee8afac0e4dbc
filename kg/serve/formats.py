"""Content negotiation for the endpoint: which format answers a request, or none (406).

Solutions (SELECT, ASK) come as SPARQL JSON, XML, CSV or TSV; graphs (CONSTRUCT,
DESCRIBE) as Turtle, N-Triples, JSON-LD or RDF/XML. ``?format=`` overrides the Accept
header; no Accept header (or ``*/*``) gives JSON and Turtle.

>>> choose("select", "text/csv, */*;q=0.1", None)
'csv'
>>> choose("graph", "application/ld+json", None)
'jsonld'
>>> choose("graph", "text/csv", None) is None
True
>>> choose("graph", "", "xml")
'rdfxml'
"""

from __future__ import annotations

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from kg.rdf.formats import of_kind

#: Media type -> format, in order of preference when the client has none (from :mod:`kg.rdf.formats`).
SOLUTION_TYPES = {t: f.name for f in of_kind("solutions") for t in f.media_types}
GRAPH_TYPES = {t: f.name for f in of_kind("graph") for t in f.media_types}

#: ``?format=`` values, per kind of result.
SOLUTION_NAMES = {f.name: f.name for f in of_kind("solutions") if f.media_types}
GRAPH_NAMES = {n: f.name for f in of_kind("graph") for n in (f.name, *f.aliases)}


def choose(kind: str, accept: str | None, asked: str | None) -> str | None:
    """The format for a result of ``kind`` ("select", "ask" or "graph"), or None: 406."""
    names, types = (GRAPH_NAMES, GRAPH_TYPES) if kind == "graph" else (SOLUTION_NAMES, SOLUTION_TYPES)
    if asked:
        return names.get(asked.strip().lower())
    parsed = parse_accept_header(accept or "", MIMEAccept)
    if not parsed:
        return next(iter(types.values()))
    best = parsed.best_match(list(types))
    return types[best] if best else None


def acceptable(accept: str | None, asked: str | None) -> bool:
    """Whether some kind of result could be sent at all (checked before running the query)."""
    return any(choose(kind, accept, asked) for kind in ("select", "graph"))


def describe_choices(kind: str) -> str:
    """The media types a result of ``kind`` can take, for a 406 message."""
    return ", ".join(GRAPH_TYPES if kind == "graph" else SOLUTION_TYPES)
