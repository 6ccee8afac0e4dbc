"""The one table of formats: what ``kg export`` writes, what the loaders read by file
suffix, what ``kg query`` prints and what ``kg serve`` negotiates.

Every format is listed once with its names, media types and file suffixes; the
modules that need a table of their own derive it from :data:`FORMATS` (as rdflib keeps
one plugin registry). Pure data, so importing it costs nothing.

>>> by_name("ttl").name, by_suffix(".nt").name
('turtle', 'ntriples')
>>> [f.name for f in of_kind("solutions")]
['json', 'xml', 'csv', 'tsv', 'table']
>>> EXPORT_FORMATS
('turtle', 'ntriples', 'jsonld', 'trig', 'graphml', 'gexf', 'csv')
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    name: str  # as --format and ?format= say it (unique within a kind)
    kind: str  # "graph" (RDF triples), "dataset" (RDF with named graphs), "network", "tables" or "solutions"
    media_types: tuple[str, ...] = ()  # what ``kg serve`` accepts for it, preferred first
    content_type: str = ""  # the Content-Type it is sent with
    suffixes: tuple[str, ...] = ()  # file suffixes read as it; the first is the one written
    aliases: tuple[str, ...] = ()  # other names ?format= accepts
    oxigraph: str = ""  # the pyoxigraph.RdfFormat member that parses and writes it
    export: bool = False  # ``kg export`` writes it


#: Every format, in the order help texts and content negotiation list them.
FORMATS: tuple[Format, ...] = (
    Format("turtle", "graph", ("text/turtle", "application/x-turtle"), "text/turtle; charset=utf-8",
           (".ttl", ".turtle"), ("ttl",), "TURTLE", export=True),
    Format("ntriples", "graph", ("application/n-triples", "text/plain"), "application/n-triples",
           (".nt",), ("nt",), "N_TRIPLES", export=True),
    Format("jsonld", "graph", ("application/ld+json", "application/json"), "application/ld+json",
           (".jsonld", ".json"), ("json",), "JSON_LD", export=True),
    Format("rdfxml", "graph", ("application/rdf+xml", "application/xml", "text/xml"), "application/rdf+xml",
           (".rdf", ".owl"), ("xml",), "RDF_XML"),
    Format("trig", "dataset", (), "application/trig", (".trig",), (), "TRIG", export=True),
    Format("nquads", "dataset", (), "application/n-quads", (".nq",), (), "N_QUADS"),
    Format("graphml", "network", (), "application/graphml+xml", (".graphml",), export=True),
    Format("gexf", "network", (), "application/gexf+xml", (".gexf",), export=True),
    Format("csv", "tables", (), "", ("",), export=True),  # two files: entities.csv, relations.csv
    Format("json", "solutions", ("application/sparql-results+json", "application/json"),
           "application/sparql-results+json"),
    Format("xml", "solutions", ("application/sparql-results+xml", "application/xml", "text/xml"),
           "application/sparql-results+xml"),
    Format("csv", "solutions", ("text/csv",), "text/csv; charset=utf-8"),
    Format("tsv", "solutions", ("text/tab-separated-values",), "text/tab-separated-values; charset=utf-8"),
    Format("table", "solutions", (), "text/plain; charset=utf-8"),
)


def of_kind(*kinds: str) -> tuple[Format, ...]:
    """The formats of these kinds, in table order."""
    return tuple(f for f in FORMATS if f.kind in kinds)


def by_name(name: str, kinds: tuple[str, ...] = ("graph", "dataset", "network", "tables")) -> Format | None:
    """The format of one of ``kinds`` called ``name`` (or one of its aliases), else None."""
    name = name.strip().lower()
    return next((f for f in of_kind(*kinds) if name == f.name or name in f.aliases), None)


def by_suffix(suffix: str) -> Format | None:
    """The RDF format a file with this suffix is read as, else None."""
    suffix = suffix.lower()
    return next((f for f in of_kind("graph", "dataset") if suffix in f.suffixes), None)


#: ``kg export --format`` names, in the order its help lists them.
EXPORT_FORMATS: tuple[str, ...] = tuple(f.name for f in FORMATS if f.export)

#: The file suffix ``kg export`` suggests for each of its formats.
EXPORT_SUFFIXES: dict[str, str] = {f.name: f.suffixes[0] for f in FORMATS if f.export}

#: The formats a CONSTRUCT/DESCRIBE result can be written in (``kg query``, ``kg serve``).
GRAPH_RESULT_FORMATS: tuple[str, ...] = tuple(f.name for f in of_kind("graph"))

#: The formats SELECT/ASK results can be written in; ``table`` is for terminals only.
SOLUTION_FORMATS: tuple[str, ...] = tuple(f.name for f in of_kind("solutions"))

#: The Content-Type each result format is sent with.
CONTENT_TYPES: dict[str, str] = {f.name: f.content_type for f in of_kind("graph", "solutions")}
