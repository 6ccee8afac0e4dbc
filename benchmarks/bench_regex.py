"""Every regular expression of kg.ingest and kg.extract against 1 MB of its nastiest input.

Finds the patterns itself: module attributes that are compiled patterns, and the cached
zero-argument ``_re_*`` builders of kg.extract. For each pattern it derives attack
strings from the pattern's own characters (each literal or class member repeated, the
pattern's literal skeleton repeated, pairs of them alternating) plus generic Markdown
and Chinese repetitions, times ``finditer`` over every attack at 2 000 and 8 000
characters (a 4x step: a linear pattern takes ~4x as long, a quadratic one ~16x), and
then runs the slowest attack at 1 MB and prints the time.

    python benchmarks/bench_regex.py                       # everything
    python benchmarks/bench_regex.py --module kg.ingest.clean
    python benchmarks/bench_regex.py --size 100000         # a quicker look

Exit status 1 if a pattern grew superlinearly (CPU-time ratio > 10 for 2k -> 8k,
confirmed by > 3 for 8k -> 16k); its 1 MB run is skipped then, because it would not finish.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import itertools
import pkgutil
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

try:
    from re import _parser as sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore

PACKAGES = ("kg.ingest", "kg.extract")
SMALL, LARGE = 2_000, 8_000
SUPERLINEAR = 10.0  # time ratio for a 4x longer input; linear ~4, quadratic ~16

GENERIC = [
    " **x", "**x", "*x", " *x", "_x", " __x", "`x", "[x](", "[x][", "![x](", "<a ", "<!--", "</a",
    "# ", "#", "> ", "- ", "---\n", "工会、", "工会", "第一", "（一", "“工会", "作者", "。", "…", ".",
    " ", "\t", "\n", "a", "A ", "1", "工", "、", "，", "的",
]


def find_patterns(modules: list[str] | None = None) -> list[tuple[str, re.Pattern]]:
    """(qualified name, pattern) for every regex of the packages (or of ``modules``)."""
    names = modules or [f"{p}.{m.name}" for p in PACKAGES
                        for m in pkgutil.iter_modules(importlib.import_module(p).__path__)]
    found = []
    for name in names:
        mod = importlib.import_module(name)
        for attr, value in sorted(vars(mod).items()):
            if isinstance(value, re.Pattern):
                found.append((f"{name}.{attr}", value))
            elif attr.startswith("_re_") and callable(value) and getattr(value, "__module__", "") == name:
                try:
                    sig = inspect.signature(value)
                except (TypeError, ValueError):
                    continue
                if not any(p.default is p.empty for p in sig.parameters.values()):
                    got = value()
                    if isinstance(got, re.Pattern):
                        found.append((f"{name}.{attr}()", got))
    return found


def atoms(pattern: re.Pattern, limit: int = 10) -> list[str]:
    """Characters the pattern itself cares about, in order of appearance."""
    out: list[str] = []

    def add(ch: str) -> None:
        if ch not in out:
            out.append(ch)

    def walk(items) -> None:
        for op, av in items:
            name = str(op)
            if name == "LITERAL":
                add(chr(av))
            elif name == "IN":
                for iop, iav in av:
                    if str(iop) == "LITERAL":
                        add(chr(iav))
                    elif str(iop) == "RANGE":
                        add("工" if iav[0] <= ord("工") <= iav[1] else chr(iav[0]))
                    elif str(iop) == "CATEGORY":
                        add({"CATEGORY_DIGIT": "1", "CATEGORY_SPACE": " "}.get(str(iav), "a"))
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                walk(av[2])
            elif name == "SUBPATTERN":
                walk(av[-1])
            elif name == "BRANCH":
                for b in av[1]:
                    walk(b)
            elif name in ("ASSERT", "ASSERT_NOT"):
                walk(av[1])
            elif name == "CATEGORY":
                add({"CATEGORY_DIGIT": "1", "CATEGORY_SPACE": " "}.get(str(av), "a"))
            elif name == "ANY":
                add("x")

    try:
        walk(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # a parse detail of another Python version: fall back to generic attacks
        pass
    return out[:limit]


def attacks(pattern: re.Pattern) -> list[str]:
    """Units to repeat: the pattern's atoms, its literal skeleton, pairs, and generic ones."""
    a = atoms(pattern)
    units = list(a) + ["".join(a[:k]) for k in (2, 3, 4, 6) if len(a) >= k]
    units += [x + y for x, y in itertools.permutations(a[:5], 2)]
    units += [x + y for x in a[:5] for y in ("x", " ", "工")]
    units += GENERIC
    return list(dict.fromkeys(u for u in units if u))


def blow_up(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def clock(pattern: re.Pattern, text: str) -> float:
    """CPU seconds of one ``finditer`` pass (CPU time: other processes' load does not count)."""
    start = time.process_time()
    for _ in pattern.finditer(text):
        pass
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--module", action="append", help="only this module (repeatable)")
    ap.add_argument("--size", type=int, default=1_000_000, help="characters of the big run (default 1 MB)")
    args = ap.parse_args(argv)

    bad = 0
    patterns = find_patterns(args.module)
    print(f"{len(patterns)} patterns; screening at {SMALL} and {LARGE} chars, then the worst at {args.size}")
    print(f"{'pattern':58} {'worst unit':>14} {'ratio':>6} {'1 MB cpu s':>11}")
    for name, pattern in patterns:
        worst = None
        for unit in attacks(pattern):
            small = min(clock(pattern, blow_up(unit, SMALL)) for _ in range(2))
            large = min(clock(pattern, blow_up(unit, LARGE)) for _ in range(2))
            ratio = large / max(small, 1e-6)
            growth = ratio if large > 0.002 else 0.0  # below 2 ms the ratio is noise
            key = (growth > SUPERLINEAR, large)
            if worst is None or key > worst[0]:
                worst = (key, unit, ratio)
        (superlinear, _), unit, ratio = worst
        if superlinear:  # confirm one step further up, so that a pause of the machine is not blamed
            t1 = min(clock(pattern, blow_up(unit, LARGE)) for _ in range(3))
            t2 = clock(pattern, blow_up(unit, 2 * LARGE))
            superlinear = t2 / max(t1, 1e-6) > 3.0  # a 2x step: linear ~2, quadratic ~4
        if superlinear:
            bad += 1
            print(f"{name:58} {unit!r:>14} {ratio:6.1f} {'SKIPPED: superlinear':>8}", flush=True)
            continue
        seconds = clock(pattern, blow_up(unit, args.size))
        print(f"{name:58} {unit!r:>14} {ratio:6.1f} {seconds:8.3f}", flush=True)
    print(f"{bad} superlinear pattern(s)" if bad else "every pattern finished its 1 MB run")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
