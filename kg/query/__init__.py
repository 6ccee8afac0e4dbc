"""SPARQL over the graph: canned questions, safe parameters, result formats.

The engine is Oxigraph (pyoxigraph); load a graph with :func:`kg.rdf.graphio.load_store`.

>>> from kg.rdf.graphio import load_store
>>> store = load_store("tests/data/query/seed_small.ttl")
>>> result = run_canned(store, "articles_per_column")
>>> result.variables[:2]
('column', 'articles')
"""

from kg.query.canned import CannedQuery, Param, UnknownQuery, canned_queries, find_query, queries_dir
from kg.query.results import format_result, to_csv, to_json, to_table, to_tsv, to_xml
from kg.query.run import (
    PREFIXES,
    ParamError,
    QueryFailed,
    QueryResult,
    QuerySyntaxError,
    bind_params,
    run_canned,
    run_query,
)

__all__ = [
    "PREFIXES",
    "CannedQuery",
    "Param",
    "ParamError",
    "QueryFailed",
    "QueryResult",
    "QuerySyntaxError",
    "UnknownQuery",
    "bind_params",
    "canned_queries",
    "find_query",
    "format_result",
    "queries_dir",
    "run_canned",
    "run_query",
    "to_csv",
    "to_json",
    "to_table",
    "to_tsv",
    "to_xml",
]
