"""Extraction speed on the statutes in ../shared/corpus/laws, beside bare jieba.

Measured in the same run, over the same article texts:

* bare ``jieba.lcut`` (a private tokenizer, default dictionary): the yardstick;
* ``kg.extract.extract`` alone, in this process (every rule, one core);
* the whole ``kg.build`` (read, lay out, extract in worker processes, RDF, Turtle),
  without the HTML pages and without a cache.

Prints characters per second and the ratio to bare jieba (the design asks for the
whole build to run at least at half the speed of jieba.lcut on the same text).

Run: ``python benchmarks/bench_extract.py [LAWS_DIR] [--workers N]``. Not a test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_LAWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "laws"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("laws", nargs="?", default=str(DEFAULT_LAWS), help="folder of Markdown statutes")
    parser.add_argument("--workers", type=int, default=None, help="extraction processes for the whole build")
    args = parser.parse_args(argv)

    import jieba

    import kg
    from kg.extract import extract, load_lexicon
    from kg.extract.lexicon import compiled
    from kg.ingest import ingest

    files = sorted(str(p) for p in Path(args.laws).rglob("*.md"))
    if not files:
        print(f"{args.laws}: no Markdown files", file=sys.stderr)
        return 2
    articles, skipped, _ = ingest(files)
    texts = [a.text for a in articles]
    chars = sum(len(t) for t in texts)
    print(f"{len(files)} files, {len(articles)} articles, {chars:,} characters ({len(skipped)} skipped)")

    jieba.setLogLevel(60)
    tok = jieba.Tokenizer()
    tok.initialize()
    t0 = time.perf_counter()
    for t in texts:
        tok.lcut(t)
    jieba_s = time.perf_counter() - t0

    lexicon = load_lexicon()
    comp = compiled(lexicon)
    _ = comp.automaton, comp.tokenizer, comp.pos_tokenizer  # build the matchers outside the timing
    t0 = time.perf_counter()
    found = 0
    for a in articles:
        ex = extract(a, lexicon)
        found += len(ex.mentions) + len(ex.relations)
    extract_s = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        result = kg.build(files, output=out, html=False, cache=False, workers=args.workers)
        build_s = time.perf_counter() - t0

    def row(name: str, seconds: float) -> str:
        return f"{name:<34} {seconds:8.2f} s {chars / seconds:12,.0f} chars/s   x{jieba_s / seconds:5.2f} of jieba.lcut"

    print(row("bare jieba.lcut", jieba_s))
    print(row("kg.extract.extract (1 process)", extract_s) + f"   ({found:,} mentions + relations)")
    print(row("kg.build, whole (no html, no cache)", build_s) + f"   ({len(result.triples):,} triples)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
