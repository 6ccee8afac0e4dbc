"""``kg rules``: list the extraction rules, with what each is for and its example."""

from __future__ import annotations

import argparse
import json
import sys

DESCRIPTION = """\
List every extraction rule in the order a build runs them: its id (what the graph
records as gh:rule of each fact it found), its kind (entity, block, author,
relation), what it finds and an example sentence it finds it in. With --json, a
list of objects with the keys id, kind, description, example and expect, and the
fingerprint of the rule set (as written in every graph)."""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "rules",
        help="list the extraction rules with their descriptions and examples",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--json", action="store_true", help="print the rules as JSON, for tools")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.extract.rules import RULES, fingerprint

    if args.json:
        rules = [{"id": r.id, "kind": r.kind, "description": r.description, "example": r.example,
                  "expect": list(r.expect)} for r in RULES.values()]
        json.dump({"fingerprint": fingerprint(), "rules": rules}, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    width = max(len(r.id) for r in RULES.values())
    print(f"{'id':<{width}}  {'kind':<8}  description / example")
    for r in RULES.values():
        example = r.example.replace("\n", "⏎")
        print(f"{r.id:<{width}}  {r.kind:<8}  {r.description}")
        print(f"{'':<{width}}  {'':<8}  e.g. {example}")
    print(f"{len(RULES)} rules, fingerprint sha256:{fingerprint()}")
    return 0
