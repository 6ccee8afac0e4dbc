"""No regular expression of ingestion or extraction backtracks catastrophically.

benchmarks/bench_regex.py finds every pattern, picks the nastiest repetition of each
(from the pattern's own characters and Markdown/Chinese repetitions) and runs it over
1 MB. Here it runs in a subprocess whose timeout is the only bound: the test checks that
every pattern completed its 1 MB run (the benchmark skips a run that grows superlinearly
rather than hang, and exits 1). The times themselves are the benchmark's business.
"""

from __future__ import annotations

import re
import subprocess
import sys

from .conftest import REPO, kg_env

INGEST = ["kg.ingest.clean", "kg.ingest.layout", "kg.ingest.names", "kg.ingest.sentences", "kg.ingest.metadata",
          "kg.ingest.bylines", "kg.ingest.headlines", "kg.ingest.dates",
          "kg.ingest.decode", "kg.ingest.read", "kg.ingest.html"]
EXTRACT = ["kg.extract.context", "kg.extract.people", "kg.extract.rules.shared", "kg.extract.rules.org",
           "kg.extract.rules.group", "kg.extract.rules.measure", "kg.extract.rules.person",
           "kg.extract.rules.block", "kg.extract.rules.member", "kg.extract.rules.broader", "kg.extract.rules.targets",
           "kg.extract.lexicon", "kg.extract.normalize"]
ROW = re.compile(r"^(kg\.\S+)\s.*\s(\d+\.\d+|SKIPPED: superlinear)$")


def bench(modules: list[str]) -> tuple[int, dict[str, str], str]:
    args = [a for m in modules for a in ("--module", m)]
    r = subprocess.run([sys.executable, str(REPO / "benchmarks" / "bench_regex.py"), *args],
                       capture_output=True, text=True, env=kg_env(), timeout=240)
    rows = {m.group(1): m.group(2) for m in map(ROW.match, r.stdout.splitlines()) if m}
    return r.returncode, rows, r.stdout + r.stderr


def test_every_ingestion_pattern_survives_a_megabyte_of_its_nastiest_input():
    status, rows, out = bench(INGEST)
    assert len(rows) >= 25, out  # the patterns were found: clean, layout, names, sentences
    assert {"kg.ingest.clean._STRONG", "kg.ingest.clean._LINK", "kg.ingest.layout._HEADING"} <= set(rows)
    slow = {name: v for name, v in rows.items() if v.startswith("SKIPPED")}
    assert not slow, out
    assert status == 0, out


def test_every_extraction_pattern_survives_a_megabyte_of_its_nastiest_input():
    status, rows, out = bench(EXTRACT)
    assert len(rows) >= 15, out
    slow = {name: v for name, v in rows.items() if v.startswith("SKIPPED")}
    assert not slow, out
    assert status == 0, out
