"""The ``kg`` command: a thin wrapper over the package's functions.

Each sub-command lives in ``kg/commands/<name>.py`` and exposes
``register(subparsers)``, which adds its parser and sets ``func`` to a function
``run(args) -> int`` (the exit status).
"""

from __future__ import annotations

import argparse
import importlib
import sys

#: Sub-command modules under kg.commands, in the order --help lists them.
COMMANDS = ("build", "eval", "query", "export", "serve", "push", "rules")

EPILOG = """\
exit status: 0 success; 1 the job ran but some inputs were skipped or checks failed;
2 usage error (bad option, missing file, malformed query).
Run 'kg COMMAND --help' for the options of one command."""


def make_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``kg`` parser with every sub-command, or with ``only`` that one (the command
    line names it first: the others' imports would cost ``kg query`` a tenth of a second)."""
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Turn Chinese trade-union (工会) articles into an evidenced knowledge graph: "
        "build it, score it, query it, export it, serve it.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (only,) if only in COMMANDS else COMMANDS:
        try:
            module = importlib.import_module(f"kg.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"kg.commands.{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    parser = make_parser(only=words[0] if words else None)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
