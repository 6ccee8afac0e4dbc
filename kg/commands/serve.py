"""``kg serve``: a read-only SPARQL endpoint and query page for a graph."""

from __future__ import annotations

import argparse
import sys

from kg.rdf.graphio import GraphInputError, resolve_graph_file

EPILOG = """\
The endpoint speaks the SPARQL 1.1 Protocol at /sparql (GET and POST); results come as
JSON, XML, CSV or TSV, graphs as Turtle, N-Triples, JSON-LD or RDF/XML, by the Accept
header. Open http://HOST:PORT/ in a browser for the query page with the canned
questions. Updates, LOAD and SERVICE are refused (403); bodies over 1 MB get 413.
It listens on the loopback interface unless --host says otherwise (and then warns).
It answers only requests whose Host header names it (DNS rebinding), and refuses
requests from other sites' pages unless --cors names their origin."""


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
    p.add_argument("--quick-workers", type=int, default=1, metavar="N",
                   help="more workers kept for quick queries while the others run long ones (default 1)")
    p.add_argument("--quick-time", type=float, default=1.0, metavar="SECONDS",
                   help="how long a query may run on a quick worker (default 1)")
    p.add_argument("--cors", action="append", default=[], metavar="ORIGIN",
                   help="let pages of ORIGIN (e.g. https://yasgui.example) query this endpoint (repeatable)")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="also answer requests for NAME:PORT, the name other machines use (repeatable)")
    p.add_argument("--no-cache", action="store_true",
                   help="parse the graph in each worker instead of opening the query store kept for it "
                        "in the cache folder (also: $KG_QUERY_NO_STORE=1)")
    p.add_argument("--cache-dir", metavar="DIR",
                   help="keep query stores in DIR/stores (default: $KG_CACHE_DIR, else "
                        "$XDG_CACHE_HOME/gonghui-kg, else ~/.cache/gonghui-kg)")
    p.set_defaults(func=run)


def run(args) -> int:
    from kg.serve import serve

    try:
        resolve_graph_file(args.graph)
        serve(args.graph, args.host, args.port, timeout=args.timeout, max_rows=args.max_rows, workers=args.workers,
              quick_workers=args.quick_workers, quick_time=args.quick_time, cors=tuple(args.cors),
              allowed_hosts=tuple(args.allow_host), cache=False if args.no_cache else (args.cache_dir or True))
    except GraphInputError as exc:
        print(f"kg serve: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"kg serve: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 2
    return 0
