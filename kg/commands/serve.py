"""``kg serve``: a read-only SPARQL endpoint and query page for a graph."""

from __future__ import annotations

import argparse
import sys

from kg.graphio import GraphInputError, resolve_graph_file

EPILOG = """\
The endpoint speaks the SPARQL 1.1 Protocol at /sparql (GET and POST); results come as
JSON, XML, CSV or TSV by the Accept header. Open http://HOST:PORT/ in a browser for the
query page with the canned questions. Updates, LOAD and SERVICE are refused (403).
It listens on the loopback interface unless --host says otherwise."""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "serve",
        help="serve a graph as a read-only SPARQL endpoint with a query page",
        description="Run a SPARQL 1.1 Protocol endpoint over a graph file or 'kg build' output folder.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("graph", metavar="GRAPH", help="graph file (.ttl .nt .trig .jsonld …) or a 'kg build' output folder")
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="TCP port (default 8000; 0 picks a free one)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                   help="stop a query that runs longer than this (default 10)")
    p.add_argument("--max-rows", type=int, default=10_000, metavar="N",
                   help="return at most N result rows per query (default 10000)")
    p.add_argument("--workers", type=int, default=2, metavar="N",
                   help="query worker processes, each holding the graph in memory (default 2)")
    p.set_defaults(func=run)


def run(args) -> int:
    from kg.serve import serve

    try:
        resolve_graph_file(args.graph)
        serve(args.graph, args.host, args.port, timeout=args.timeout, max_rows=args.max_rows, workers=args.workers)
    except GraphInputError as exc:
        print(f"kg serve: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"kg serve: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 2
    return 0
