"""``kg query``: ask the graph a canned question, your own SPARQL, or a query file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.query import (
    ParamError,
    QueryFailed,
    QuerySyntaxError,
    UnknownQuery,
    canned_queries,
    find_query,
    format_result,
    run_query,
)
from kg.query.remote import RemoteAnswerError, RemoteError, RemoteQueryError
from kg.rdf.formats import SOLUTION_FORMATS
from kg.rdf.graphio import GraphInputError

#: Result formats (kg.rdf.formats), table first: the default on a terminal.
FORMATS = ("table", *(f for f in SOLUTION_FORMATS if f != "table"))

EPILOG = """\
examples:
  kg query output/ --list
  kg query output/ --name measures_for_group --param group=农民工
  kg query output/graph.ttl 'SELECT ?l WHERE { ?g a gh:WorkerGroup ; rdfs:label ?l }'
  kg query output/ -f my.rq --format json

Prefixes gh: ghr: rdf: rdfs: skos: org: dcterms: xsd: prov: owl: need no PREFIX line.
A --param binds a variable the query selects; values are bound as RDF terms, never
pasted into the query text. For canned queries each parameter has a declared kind
(see --list); for your own query: <iri> or ghr:… is an IRI, "text" a plain literal,
"text"@en a tagged one, digits an integer, anything else a @zh label."""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "query",
        help="run SPARQL on a graph: a canned question, your own query, or a .rq file",
        description="Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on a graph file or a "
        "'kg build' output folder and print the answer.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("graph", nargs="?", metavar="GRAPH",
                   help="graph file (.ttl .nt .trig .jsonld .nq .rdf) or a 'kg build' output folder")
    p.add_argument("query", nargs="?", metavar="QUERY", help="the SPARQL query text")
    p.add_argument("-f", "--file", metavar="FILE.rq", help="read the query from this file")
    p.add_argument("-n", "--name", metavar="NAME", help="run the canned query NAME (see --list)")
    p.add_argument("-p", "--param", action="append", default=[], metavar="KEY=VALUE",
                   help="bind the query variable KEY to VALUE (repeatable)")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="result format: table (default on a terminal), csv (default otherwise), tsv, "
                   "json (W3C SPARQL 1.1 Query Results JSON) or xml; CONSTRUCT/DESCRIBE print Turtle")
    p.add_argument("--endpoint", metavar="URL",
                   help="query a SPARQL server (e.g. one filled by 'kg push') instead of a file; "
                        "then give no GRAPH: kg query --endpoint URL QUERY")
    p.add_argument("--no-cache", action="store_true",
                   help="parse the graph now instead of using (or building) the query store kept for it "
                        "in the cache folder (also: $KG_QUERY_NO_STORE=1)")
    p.add_argument("--cache-dir", metavar="DIR",
                   help="keep query stores in DIR/stores (default: $KG_CACHE_DIR, else "
                        "$XDG_CACHE_HOME/gonghui-kg, else ~/.cache/gonghui-kg)")
    p.add_argument("--list", action="store_true", help="list the canned queries and their parameters, then exit")
    p.set_defaults(func=run)


class QueryUsageError(ValueError):
    """Arguments that do not make one question: said on stderr, exit status 2."""


class QueryFileError(ValueError):
    """A query file (-f) that cannot be read: exit status 2."""


#: The exit status for each kind of failure, found by the exception's type (the most
#: specific class listed wins): 2 when the question, the graph file or the server's answer
#: is at fault, 1 when the query or the server could not be used as asked.
EXIT_STATUS: dict[type[Exception], int] = {
    QueryUsageError: 2,
    QueryFileError: 2,
    QuerySyntaxError: 2,
    ParamError: 2,
    UnknownQuery: 2,
    GraphInputError: 2,
    RemoteQueryError: 2,  # the server said the query is malformed (HTTP 400)
    RemoteAnswerError: 2,  # the server's answer is not what the protocol promises
    QueryFailed: 1,  # a well-formed query the engine could not evaluate
    RemoteError: 1,  # unreachable, or refused for another reason
}


def exit_status(exc: Exception) -> int | None:
    """The exit status :data:`EXIT_STATUS` gives ``exc``, or None for a failure it does not list."""
    for kind in type(exc).__mro__:
        if kind in EXIT_STATUS:
            return EXIT_STATUS[kind]
    return None


def _error(message: str, status: int = 2) -> int:
    print(f"kg query: {message}", file=sys.stderr)
    return status


def list_queries(out=sys.stdout) -> None:
    for q in canned_queries():
        print(q.name, file=out)
        print(f"    {q.description}", file=out)
        for p in q.params:
            print(f"    --param {p.name}=…  ({p.kind}, default {p.default}) {p.help}", file=out)


def parse_params(items: list[str]) -> dict[str, str]:
    params = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ParamError(f"--param {item!r}: write KEY=VALUE")
        params[key.strip()] = value
    return params


def run(args) -> int:
    if args.list:
        list_queries()
        return 0
    try:
        _check_sources(args)
        params = parse_params(args.param)
        text, declared = _question(args)
        result = _answer(args, text, params, declared)
    except QuerySyntaxError as exc:
        return _error((f"{args.file}: " if args.file else "") + exc.pretty(), 2)
    except tuple(EXIT_STATUS) as exc:
        return _error(str(exc), exit_status(exc) or 2)
    fmt = args.format or ("table" if sys.stdout.isatty() else "csv")
    sys.stdout.buffer.write(format_result(result, fmt))
    sys.stdout.flush()
    return 0


def _check_sources(args) -> None:
    """One graph or one endpoint, and exactly one question (raises QueryUsageError)."""
    if args.endpoint and args.graph and not args.query:
        args.query, args.graph = args.graph, None  # kg query --endpoint URL 'SELECT …'
    if args.endpoint and args.graph:
        raise QueryUsageError("give either GRAPH or --endpoint URL, not both")
    if not args.graph and not args.endpoint:
        raise QueryUsageError("give a GRAPH (a graph file or a 'kg build' output folder), --endpoint URL, or --list")
    if len([x for x in (args.query, args.file, args.name) if x]) != 1:
        raise QueryUsageError("give exactly one of QUERY, -f FILE.rq or --name NAME")


def _question(args) -> tuple[str, tuple | None]:
    """The query text, and the parameters it declares (canned queries only)."""
    if args.name:
        canned = find_query(args.name)
        return canned.text, canned.params
    if args.file:
        try:
            return Path(args.file).read_text(encoding="utf-8"), None
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryFileError(f"{args.file}: cannot read query: {exc}") from None
    return args.query, None


def _answer(args, text: str, params: dict[str, str], declared):
    if args.endpoint:
        from kg.query.remote import query_endpoint

        return query_endpoint(args.endpoint, text, params, declared=declared)
    from kg.query.store import open_graph

    cache = False if args.no_cache else (args.cache_dir or True)
    return run_query(open_graph(args.graph, cache), text, params, declared=declared)
