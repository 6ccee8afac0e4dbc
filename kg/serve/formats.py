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

#: Media type -> format, in order of preference when the client has none.
SOLUTION_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml",
    "text/xml": "rdfxml",
}

#: ``?format=`` values, per kind of result.
SOLUTION_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"}
GRAPH_NAMES = {"turtle": "turtle", "ttl": "turtle", "ntriples": "ntriples", "nt": "ntriples", "jsonld": "jsonld",
               "json": "jsonld", "rdfxml": "rdfxml", "xml": "rdfxml"}


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
