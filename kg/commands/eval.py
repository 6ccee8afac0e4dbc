"""``kg eval GOLD [GRAPH]``: score a graph against gold annotations (gold/FORMAT.md)."""

from __future__ import annotations

import argparse
import json
import sys

DESCRIPTION = """\
Score a graph against hand-annotated gold (gonghui-kg gold v1): precision, recall and F1
per entity class (Person, Organization, WorkerGroup, Measure) and their macro-F1, for
mentions, authors, gh:targets, skos:broader and memberships; evidence coverage and span
validity; the lists of misses and wrong answers; and right/wrong counts per gh:rule.
The summary table is printed last, so 'kg eval ... | tail -n 15' shows the headline."""

EPILOG = """\
exit status: 0 scored; 1 scored, but a headline F1 is below --min-f1;
2 usage error (gold or graph missing or unparsable).
example: kg eval /work/shared/gold/seed.json output --min-f1 0.5"""


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return value


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="score a graph against gold annotations",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("gold", metavar="GOLD", help="gold file (JSON, format 'gonghui-kg gold v1')")
    parser.add_argument(
        "graph", metavar="GRAPH", nargs="?", default="output",
        help="graph file (format from the extension: .ttl, .nt, .rdf, .jsonld, .trig, ...) "
             "or a 'kg build' output directory, whose graph.ttl is read (default: ./output)",
    )
    parser.add_argument("--json", action="store_true",
                        help="print the full score as JSON (layout documented in kg.evaluate)")
    parser.add_argument("--min-f1", type=_fraction, metavar="X",
                        help="exit 1 if any headline F1 (entity macro-F1, mentions, authors, targets, "
                             "broader, memberships) is below X (0..1); undefined scores are not checked")
    parser.add_argument("--max-items", type=int, default=20, metavar="N",
                        help="list at most N misses/wrong answers per part in the text report (0: all; default 20)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.evaluate import EvalInputError, evaluate, format_report, score_to_json

    try:
        score = evaluate(args.gold, args.graph)
    except EvalInputError as exc:
        print(f"kg eval: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(score_to_json(score), ensure_ascii=False, indent=2))
    else:
        print(format_report(score, max_items=args.max_items), end="")
    if args.min_f1 is not None:
        low = {name: f1 for name, f1 in score.headline.items() if f1 is not None and f1 < args.min_f1}
        if low:
            listed = ", ".join(f"{name} {f1:.3f}" for name, f1 in low.items())
            print(f"kg eval: below --min-f1 {args.min_f1}: {listed}", file=sys.stderr)
            return 1
    return 0
