"""``kg build``: read articles, extract, write the graph, the explorer and the report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DESCRIPTION = """\
Read Markdown/plain-text articles (.md, .txt; folders are searched recursively),
extract people, organizations, worker groups, measures and their relations, and
write under DIR:
  graph.ttl    the knowledge graph (Turtle, byte-identical for the same input)
  graph.html   the interactive explorer (one file, works offline)
  report.html  a corpus summary with top entities, articles and communities
  build.log    everything the build noticed (split names, repeated paragraphs, ...)
With no PATH, builds the bundled sample corpus (three union-magazine articles)."""

EPILOG = """\
exit status: 0 every input was read; 1 some inputs were skipped (each is named on
stderr with the reason; the graph is still written from the rest); 2 usage error.
example: kg build ~/archive/2019 ~/archive/2020 -o out"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build the graph from articles", description=DESCRIPTION,
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="article files (.md, .txt) or folders; default: the bundled sample corpus")
    p.add_argument("-o", "--output", metavar="DIR", default="output",
                   help="folder to write graph.ttl, graph.html, report.html and build.log into "
                        "(created if missing; default: ./output)")
    p.add_argument("--no-html", action="store_true",
                   help="write only graph.ttl and build.log (skip the explorer and the report)")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="also print the build log (what ingestion and extraction noticed) on stderr")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="print nothing but errors and skipped files")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.pipeline import build

    output = Path(args.output)
    if output.exists() and not output.is_dir():
        print(f"kg build: error: output {output} exists and is not a folder", file=sys.stderr)
        return 2
    progress = None if args.quiet else (lambda msg: print(f"… {msg}", file=sys.stderr))
    result = build(args.paths or None, output=output, html=not args.no_html, progress=progress)
    for s in result.skipped:
        print(f"kg build: skipped {s.path}: {s.reason}", file=sys.stderr)
    if args.verbose:
        for line in result.log:
            print(f"log: {line}", file=sys.stderr)
    if not args.quiet:
        ents = ", ".join(f"{c} {n}" for c, n in result.entities.items())
        print(f"built {result.articles} article(s) into {len(result.triples)} triples "
              f"in {result.seconds:.1f} s")
        print(f"entities: {ents}")
        written = [result.graph_path] + ([result.html_path, result.report_path] if not args.no_html else [])
        print("wrote " + ", ".join(str(p) for p in written))
        print(f"log: {result.log_path} ({len(result.log)} lines)"
              + (f"; {len(result.skipped)} input(s) skipped" if result.skipped else ""))
    return 0 if result.ok else 1
