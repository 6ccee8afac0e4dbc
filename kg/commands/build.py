"""``kg build``: read articles, extract, write the graph, the explorer and the report."""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import sys
from pathlib import Path

from kg.escape import printable
from kg.pipeline.cache import CacheError
from kg.pipeline.progress import Progress

DESCRIPTION = """\
Read articles (folders are searched recursively) in these formats:
  .md .markdown .txt   Markdown or plain text (HTML paragraphs inside are understood)
  .html .htm           saved web pages: the main text, without navigation or comments
  .docx                Word files: title, body, the signature and date of a notice
  .pdf                 PDFs with a text layer (a scanned PDF is named and skipped)
A file bundling many stories (a top heading naming the day or issue, then stories
under lower headings) gives one article per story (--split-level forces the level).
Other files (.doc, .xlsx, images, .json, ...) are named and skipped with the reason;
a page's assets folder (NAME_files beside NAME.html) is left alone. Then
extract people, organizations, worker groups, measures and their relations, and
write under DIR:
  graph.ttl    the knowledge graph (Turtle, byte-identical for the same input)
  graph.html   the interactive explorer (one file, works offline)
  report.html  a corpus summary with top entities, articles and communities
  build.log    everything the build noticed (split names, repeated paragraphs, ...)
With no PATH, builds the bundled sample corpus (three union-magazine articles).

Extraction runs in a pool of --workers processes (default: one per core) or on a
Dask cluster (--dask); the graph is byte-identical either way. Results are cached
by content hash: rebuilding an unchanged corpus extracts nothing, an edited
article is re-extracted alone, and a change to the vocabularies or the rules
invalidates what it must. The cache lives in --cache-dir, else $KG_CACHE_DIR,
else $XDG_CACHE_HOME/gonghui-kg, else ~/.cache/gonghui-kg; it is safe to delete.
It holds plain data only, in a private folder: a cache folder of another user or
one that group or others may write is refused."""

EPILOG = """\
exit status: 0 every input was read; 1 some inputs were skipped (each is named on
stderr with the reason; the graph is still written from the rest); 2 usage error,
a cache folder that is not safe to use,
or no article could be read at all (nothing is written, the last build stays);
3 the output folder cannot be written (no space, read-only, no permission).
The files of a build appear together: they are written into a folder beside DIR
and swapped in at the end, and a second build into DIR waits for the first.
examples:
  kg build ~/archive/2019 ~/archive/2020 -o out
  kg build ~/archive --workers 8 --no-html
  kg build ~/archive --dask tcp://scheduler:8786"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build the graph from articles", description=DESCRIPTION,
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="article files (.md, .txt, .html, .docx, .pdf) or folders; default: the bundled sample corpus")
    p.add_argument("-o", "--output", metavar="DIR", default="output",
                   help="folder to write graph.ttl, graph.html, report.html and build.log into "
                        "(created if missing; default: ./output)")
    p.add_argument("--no-html", action="store_true",
                   help="write only graph.ttl and build.log (skip the explorer and the report)")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="also print the build log (what ingestion and extraction noticed) on stderr")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="print nothing but errors and skipped files (no progress bar)")
    p.add_argument("-j", "--workers", type=_positive, metavar="N", default=None,
                   help="extract in N processes (default: one per core; 1 = in this process)")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="extract on the Dask cluster whose scheduler is at ADDRESS "
                        "(e.g. tcp://host:8786; the workers need gonghui-kg installed)")
    p.add_argument("--cache-dir", metavar="DIR",
                   help="keep cached results in DIR (default: $KG_CACHE_DIR, else "
                        "$XDG_CACHE_HOME/gonghui-kg, else ~/.cache/gonghui-kg)")
    p.add_argument("--no-cache", action="store_true",
                   help="neither read nor write the cache: extract every article again")
    p.add_argument("--max-file-size", type=_size, metavar="SIZE", default=None,
                   help="skip (and name) input files larger than SIZE, e.g. 500k or 20M "
                        "(default: $KG_MAX_FILE_SIZE, else 10M)")
    p.add_argument("--split-level", type=_level, metavar="N", default=None,
                   help="in files that bundle many stories (a day's news, an issue), start a story at "
                        "each level-N heading (2 for ##, 3 for ###); 1 reads every file as articles at "
                        "level-1 headings; default: bundles are found by their structure")
    p.set_defaults(func=run)


def _size(text: str) -> int:
    from kg.ingest.read import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _level(text: str) -> int:
    n = _positive(text)
    if n > 6:
        raise argparse.ArgumentTypeError(f"a Markdown heading level is 1 to 6, not {n}")
    return n


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {n}")
    return n


def run(args: argparse.Namespace) -> int:
    from kg.pipeline import NothingToBuild, build
    from kg.pipeline.output import OutputError

    output = Path(args.output)
    max_bytes = _max_bytes(args)
    problem = _usage_problem(args, output) or (max_bytes if isinstance(max_bytes, str) else None)
    if problem is not None or isinstance(max_bytes, str):
        print(f"kg build: error: {problem}", file=sys.stderr)
        return 2
    bar = None if args.quiet else Progress(sys.stderr)
    # The interpreter's last collection, as it exits, walks every object still alive
    # (the lexicon, jieba's dictionary, the modules): 0.2-0.3 s of a laws build's CPU for
    # nothing. Frozen at exit, they are left to the end of the process.
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    cache = False if args.no_cache else (Path(args.cache_dir) if args.cache_dir else True)
    try:
        result = build(args.paths or None, output=output, html=not args.no_html,
                       progress=bar.message if bar else None, tick=bar.tick if bar else None,
                       workers=args.workers, cache=cache, dask=args.dask, max_file_bytes=max_bytes,
                       split_level=args.split_level)
    except (NothingToBuild, CacheError) as exc:  # nothing read, or a cache folder not safe to use
        print(f"kg build: error: {printable(str(exc))}", file=sys.stderr)
        return 2
    except OutputError as exc:
        print(f"kg build: error: {printable(str(exc))}", file=sys.stderr)
        return 3
    except OSError as exc:
        if args.dask:  # the scheduler could not be reached
            print(f"kg build: error: Dask scheduler {printable(args.dask)}: {printable(str(exc))}", file=sys.stderr)
            return 2
        raise
    _say_skipped(result.skipped)
    if args.verbose:
        for line in result.log:
            print(f"log: {printable(line)}", file=sys.stderr)
    if not args.quiet:
        print(_summary(result, html=not args.no_html))
    return 0 if result.ok else 1


def _usage_problem(args: argparse.Namespace, output: Path) -> str | None:
    """What is wrong with the options before anything is read, or None."""
    if output.exists() and not output.is_dir():
        return f"output {printable(str(output))} exists and is not a folder"
    if args.dask and args.workers:
        return "give --workers or --dask, not both"
    return None


def _max_bytes(args: argparse.Namespace) -> int | str | None:
    """The largest input file size to read, or what is wrong with ``$KG_MAX_FILE_SIZE``."""
    if args.max_file_size is not None:
        return args.max_file_size
    if not os.environ.get("KG_MAX_FILE_SIZE"):
        return None  # the reader's default (importing the reader costs an unchanged rebuild 0.1 s)
    from kg.ingest.read import MAX_SIZE_ENV, max_file_bytes

    try:
        return max_file_bytes()
    except ValueError as exc:
        return f"${MAX_SIZE_ENV}: {exc}"


def _say_skipped(skipped) -> None:
    """Each file that could not be read on stderr; files of other formats in one line."""
    ignored = [s for s in skipped if s.unsupported]
    for s in skipped:
        if not s.unsupported:
            print(f"kg build: skipped {printable(s.path)}: {printable(s.reason)}", file=sys.stderr)
    if ignored:
        names = ", ".join(printable(Path(s.path).name) for s in ignored[:5])
        more = f" and {len(ignored) - 5} more" if len(ignored) > 5 else ""
        print(f"kg build: {len(ignored)} file(s) of formats kg does not read were left out: {names}{more} "
              f"(each is named in build.log)", file=sys.stderr)


def _summary(result, *, html: bool) -> str:
    """What the build did, in the lines printed at its end."""
    ents = ", ".join(f"{c} {n}" for c, n in result.entities.items())
    how = ("unchanged: graph reused from the cache" if result.reused_graph else
           f"{result.extracted} extracted, {result.cached} from the cache")
    written = [result.graph_path] + ([result.html_path, result.report_path] if html else [])
    return "\n".join([
        f"built {result.articles} article(s) into {result.size} triples in {result.seconds:.1f} s",
        f"entities: {ents}",
        f"articles: {how}",
        f"dates: {result.dated} of {result.articles} article(s) dated (build.log says where each date came from)",
        "wrote " + ", ".join(printable(str(p)) for p in written),
        f"log: {printable(str(result.log_path))} ({len(result.log)} lines)"
        + (f"; {len(result.skipped)} input(s) skipped" if result.skipped else ""),
    ])
