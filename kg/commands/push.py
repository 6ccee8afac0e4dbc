"""``kg push``: load a graph into a SPARQL server, one named graph per article."""

from __future__ import annotations

import argparse
import sys

DESCRIPTION = """\
Load GRAPH into the SPARQL server at URL over the SPARQL 1.1 Graph Store HTTP
Protocol. Each article, with its evidence and the statements that evidence
supports, becomes the named graph called by the article's IRI: pushing it again
(say after the article was edited and rebuilt) replaces exactly that graph. The
shared rest (entity labels and classes, rules) is added to the default graph.

URL is the server's base address, e.g. http://localhost:7878 for Oxigraph
('oxigraph serve --location DIR --bind localhost:7878'); graphs go to URL/store.
A URL ending in /store or /data is used as given (Fuseki: http://host:3030/ds/data).
Query the server with: kg query --endpoint URL ..."""

EPILOG = """\
exit status: 0 everything was stored; 1 the server could not be reached or refused
a graph (the message says which); 2 usage error (bad GRAPH, unknown --article) or an
answer from the server that is not HTTP.
examples:
  kg push output/ http://localhost:7878
  kg push output/graph.ttl http://localhost:7878 --article 2019-03-聚焦主责主业"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("push", help="load a graph into a SPARQL server, one named graph per article",
                       description=DESCRIPTION, epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("graph", metavar="GRAPH", help="graph file (.ttl .nt .trig ...) or a 'kg build' output folder")
    p.add_argument("url", metavar="URL", help="base URL of the SPARQL server (e.g. http://localhost:7878)")
    p.add_argument("-a", "--article", action="append", metavar="ID",
                   help="push only this article (its id as in ghr:article/ID, or its IRI; repeatable)")
    p.add_argument("--no-shared", action="store_true",
                   help="do not add the shared triples (labels, classes, rules) to the default graph")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.query.push import push_graph
    from kg.query.remote import RemoteAnswerError, RemoteError
    from kg.rdf.graphio import GraphInputError

    if not args.url.startswith(("http://", "https://")):
        print(f"kg push: error: URL must start with http:// or https://, not {args.url!r}", file=sys.stderr)
        return 2
    try:
        result = push_graph(args.graph, args.url, articles=args.article, shared=not args.no_shared)
    except (GraphInputError, ValueError) as exc:
        print(f"kg push: error: {exc}", file=sys.stderr)
        return 2
    except RemoteAnswerError as exc:
        print(f"kg push: {exc}", file=sys.stderr)
        return 2
    except RemoteError as exc:
        print(f"kg push: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"pushed {result.articles} article graph(s), {result.triples} triples"
              + (f", and {result.shared} shared triples to the default graph" if result.shared else "")
              + f" to {args.url}")
    return 0
