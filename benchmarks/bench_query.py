"""Canned queries through ``kg query`` on an archive-sized graph: parsing vs the kept store.

Builds ``../shared/corpus/laws`` with ``kg build`` (806 statutes, about 68,000 triples),
then makes an archive-sized graph of it (default 400,000 triples or more) by adding
copies of its articles and evidence under renamed IRIs; the entities are shared, as in
an archive where the same organizations and groups come up again and again. Then, for
each canned query, it times the whole ``kg query GRAPH --name Q`` command as a user runs
it, in a fresh process each time:

* cold: ``--no-cache``, parsing graph.ttl into memory first (what every query did before);
* warm: opening the query store kept in the cache folder (built once, timed apart);
  the best of ``--repeat`` runs, in wall time and in CPU time (user + system) of the
  process, which the load of a shared machine changes less.

Run: ``python benchmarks/bench_query.py [--graph GRAPH.ttl] [--triples N]``. Not a test:
it prints numbers; the machine's load shows in them.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.query import canned_queries  # noqa: E402

#: ../shared beside the repository (a worktree of it one level further down).
LAWS = next((p for p in (ROOT.parent / "shared" / "corpus" / "laws", ROOT.parents[1] / "shared" / "corpus" / "laws")
             if p.is_dir()), ROOT.parent / "shared" / "corpus" / "laws")
RESOURCE = "https://w3id.org/gonghui-kg/resource/"
RENAMED = (RESOURCE + "article/", RESOURCE + "evidence/")
PREFIXES = {"gh": "https://w3id.org/gonghui-kg/ontology#", "ghr": RESOURCE,
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "dcterms": "http://purl.org/dc/terms/"}


def kg(*args: str, env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess]:
    seconds, _, out = kg_cpu(*args, env=env)
    return seconds, out


def kg_cpu(*args: str, env: dict[str, str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds, CPU seconds (user + system) and the outcome of one ``kg`` command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT), **env})
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), out


def best_of(n: int, *args: str, env: dict[str, str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """The fastest of ``n`` runs by wall time (with its CPU time), as timeit does: the others
    waited for a core."""
    runs = [kg_cpu(*args, env=env) for _ in range(n)]
    return min(runs, key=lambda r: r[0])


def build_laws(out: Path, env: dict[str, str]) -> Path:
    if not LAWS.is_dir():
        sys.exit(f"{LAWS} not found: give --graph GRAPH.ttl")
    seconds, done = kg("build", str(LAWS), "-o", str(out), "-q", env=env)
    if done.returncode not in (0, 1):
        sys.exit(f"kg build failed:\n{done.stderr}")
    print(f"built {LAWS} in {seconds:.1f} s")
    return out / "graph.ttl"


def archive_graph(source: Path, target: Path, triples: int) -> int:
    """Copies of ``source``'s articles and evidence under renamed IRIs until ``triples``."""

    def renamed(term, i: int):
        if isinstance(term, ox.NamedNode) and term.value.startswith(RENAMED):
            return ox.NamedNode(f"{term.value}-{i}")
        return term

    base = list(ox.parse(path=str(source), format=ox.RdfFormat.TURTLE))
    out = set(base)
    copies = 1
    while len(out) < triples:
        out.update(ox.Triple(renamed(t.subject, copies), t.predicate, renamed(t.object, copies)) for t in base)
        copies += 1
    with open(target, "wb") as f:
        ox.serialize(out, f, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    print(f"archive graph: {len(out):,} triples ({copies} copies of {len(base):,}), "
          f"{target.stat().st_size / 1e6:.0f} MB of Turtle")
    return len(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--graph", type=Path, help="start from this graph.ttl instead of building the laws corpus")
    ap.add_argument("--triples", type=int, default=400_000, help="grow the graph to at least this many triples")
    ap.add_argument("--repeat", type=int, default=3, help="warm runs per query; the fastest counts")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_query_") as tmp_name:
        tmp = Path(tmp_name)
        env = {"KG_CACHE_DIR": str(tmp / "cache")}
        source = args.graph or build_laws(tmp / "laws", env)
        graph = tmp / "graph.ttl"
        archive_graph(source, graph, args.triples)
        floor, floor_cpu, _ = best_of(args.repeat, "query", "--list", env=env)
        print(f"python start-up and imports (kg query --list): {floor:.2f} s ({floor_cpu:.2f} s CPU)")
        name = canned_queries()[0].name
        built, done = kg("query", str(graph), "--name", name, env=env)
        assert "building a query store" in done.stderr, done.stderr
        print(f"first query, building the store once: {built:.2f} s")
        print(f"\n{'query':28} {'cold (parse)':>13} {'warm (store)':>13} {'warm CPU':>9} {'ratio':>7}")
        worst = worst_cpu = 0.0
        for q in canned_queries():
            cold, a = kg("query", str(graph), "--name", q.name, "--no-cache", env=env)
            warm, cpu, b = best_of(args.repeat, "query", str(graph), "--name", q.name, env=env)
            assert a.returncode == b.returncode == 0, a.stderr + b.stderr
            assert len(a.stdout.splitlines()) == len(b.stdout.splitlines()) and b.stderr == "", q.name
            # copies tie on the ORDER BY keys, and SAMPLE() may pick another row: say when the rows differ
            same = sorted(a.stdout.splitlines()) == sorted(b.stdout.splitlines())
            worst, worst_cpu = max(worst, warm), max(worst_cpu, cpu)
            note = "" if same else "  (same row count, other SAMPLE() picks)"
            print(f"{q.name:28} {cold:12.2f}s {warm:12.2f}s {cpu:8.2f}s {cold / warm:6.1f}x{note}", flush=True)
        print(f"\nslowest warm query: {worst:.2f} s, {worst_cpu:.2f} s CPU (goal: each < 0.5 s)")


if __name__ == "__main__":
    main()
