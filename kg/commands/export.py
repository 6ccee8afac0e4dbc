"""``kg export``: write the graph for other tools (RDF, Gephi/Cytoscape, spreadsheets)."""

from __future__ import annotations

import argparse
import sys

from kg.rdf.formats import EXPORT_FORMATS

EPILOG = """\
formats:
  turtle    sorted, byte-stable Turtle
  ntriples  N-Triples, one sorted triple per line
  jsonld    JSON-LD compacted with the project's prefixes (@language zh)
  trig      TriG: shared triples in the default graph, one named graph per article
            (its own triples, its evidence, the statements that evidence supports)
  graphml   entity-article network for Gephi / Cytoscape (label, class, weight attributes)
  gexf      the same network as GEXF
  csv       two tables, entities.csv and relations.csv (with the evidence sentence);
            -o names the folder they go in (default: the current folder)

Without -o the result goes to standard output (except csv). Files are written through a
temp file and a rename, never left half-written."""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export",
        help="export a graph as Turtle, N-Triples, JSON-LD, TriG, GraphML, GEXF or CSV",
        description="Export a graph file or a 'kg build' output folder to another format.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("graph", metavar="GRAPH", help="graph file (.ttl .nt .trig .jsonld …) or a 'kg build' output folder")
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="the format to write")
    p.add_argument("-o", "--output", metavar="PATH",
                   help="file to write (for csv: the folder for the two tables); default standard output")
    p.set_defaults(func=run)


def run(args) -> int:
    from kg.export import export_graph  # imported when used: kg's other commands start faster
    from kg.rdf.graphio import GraphInputError, load_store

    try:
        store = load_store(args.graph)
    except GraphInputError as exc:
        print(f"kg export: {exc}", file=sys.stderr)
        return 2
    output = args.output or ("." if args.format == "csv" else None)
    try:
        result = export_graph(store, args.format, output)
    except OSError as exc:
        print(f"kg export: cannot write {output}: {exc}", file=sys.stderr)
        return 1
    if output is None:
        sys.stdout.buffer.write(result)
        sys.stdout.flush()
    else:
        for path in result:
            print(f"wrote {path}", file=sys.stderr)
    return 0
