"""Bounded work: extraction time grows linearly with the input, whatever the input.

Two checks, measured in the same run:

1. One paragraph of N repetitions of a vocabulary word (农民工农民工…, 困难职工困难职工…) for
   N = 5k, 10k, 20k, 40k (and 1M, one run, one word): the time of ``extract()`` on the
   ingested article, the characters per second, and the time per repetition against
   N = 5k (1.0 means linear; the issue measured 59 s for 5k and 255 s for 10k, quadratic).
2. One long article (the statutes of ``../shared/corpus/laws`` joined under one title, about
   800k characters; generated text when the folder is absent) against the same text as
   separate files: the time of a whole ``kg.build`` (one worker, in this process, no cache,
   no HTML) of each, and their ratio (1.0 means a long article costs what its parts cost).

Times are CPU seconds of this process (``time.process_time``), so that other work on a
shared machine does not inflate them; the long-article lines also print wall time.

Run: ``python benchmarks/bench_bounded.py [--words 农民工,困难职工] [--big 1000000] [--chars 800000]``.
``--big 0`` skips the 1M run (about two minutes). Not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_LAWS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "laws"


def _extract_seconds(path: Path) -> tuple[float, int, int]:
    """(seconds of extract() over the file's articles, characters, entities found)."""
    from kg.extract import extract, load_lexicon
    from kg.ingest import ingest

    articles, skipped, _ = ingest([str(path)])
    if skipped or not articles:
        raise SystemExit(f"{path}: not read ({skipped})")
    lexicon = load_lexicon()
    t0 = time.process_time()
    found = sum(len(extract(a, lexicon).entities) for a in articles)
    return time.process_time() - t0, sum(len(a.text) for a in articles), found


def repetitions(words: list[str], sizes: list[int], big: int, tmp: Path) -> None:
    print("one paragraph of N repetitions of a vocabulary word: extract() on the ingested article")
    print(f"{'word':<8} {'N':>9} {'chars':>10} {'CPU s':>9} {'chars/s':>10} {'per repetition vs 5k':>22}")
    for i, word in enumerate(words):
        runs = sizes + ([big] if big and i == 0 else [])
        base = None
        for n in runs:
            path = tmp / f"rep-{i}-{n}.md"
            path.write_text(f"# 重复\n\n{word * n}\n", encoding="utf-8")
            seconds, chars, found = _extract_seconds(path)
            per = seconds / n
            base = base or per
            print(f"{word:<8} {n:>9,} {chars:>10,} {seconds:>9.2f} {chars / seconds:>10,.0f} {per / base:>21.2f}x"
                  f"   ({found} entities)")


def _law_texts(laws: Path, chars: int) -> list[tuple[str, str]]:
    """(title, body) of statutes in file order until ``chars`` characters, else generated text."""
    out: list[tuple[str, str]] = []
    total = 0
    for path in sorted(laws.rglob("*.md")) if laws.is_dir() else []:
        if path.name == "README.md":
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        if not lines or not lines[0].startswith("# "):
            continue
        body = "\n".join("#" + ln if ln.startswith("#") else ln for ln in lines[1:] if "INFO END" not in ln)
        out.append((lines[0][2:].strip(), body))
        total += len(body)
        if total >= chars:
            return out
    if out:
        return out
    para = ("各级工会要更多关注农民工群体。大力实施农民工“求学圆梦行动”，针对困难职工开展送温暖活动，"
            "为快递员、外卖骑手等新就业形态劳动者提供法律援助服务。江苏省总工会主席王东明表示，要健全帮扶机制。\n\n")
    return [(f"第{i}篇", para * 5) for i in range(max(1, chars // (len(para) * 5)))]


def long_article(laws: Path, chars: int, tmp: Path) -> None:
    import kg

    texts = _law_texts(laws, chars)
    one = tmp / "long" / "one.md"
    one.parent.mkdir()
    one.write_text("# 长文\n\n" + "\n\n".join(f"## {t}\n\n{b}" for t, b in texts) + "\n", encoding="utf-8")
    many = tmp / "many"
    many.mkdir()
    for i, (t, b) in enumerate(texts):
        (many / f"{i:04d}.md").write_text(f"# {t}\n\n{b}\n", encoding="utf-8")
    src = "../shared/corpus/laws" if laws.is_dir() else "generated text"
    print(f"\none long article against the same text as {len(texts)} files ({src}): kg.build, 1 worker, no cache, no HTML")
    times = {}
    for name, path in (("one article", one.parent), (f"{len(texts)} files", many)):
        t0, w0 = time.process_time(), time.perf_counter()
        result = kg.build([str(path)], output=tmp / f"out-{name[:3]}", html=False, cache=False, workers=1)
        times[name] = time.process_time() - t0
        print(f"{name:<12} {times[name]:8.2f} CPU s ({time.perf_counter() - w0:.2f} s wall)"
              f"   ({result.articles} articles, {sum(result.entities.values())} entities)")
    one_s, many_s = times.values()
    print(f"ratio one article / files (CPU): {one_s / many_s:.2f}x   ({sum(len(body) for _, body in texts):,} characters)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", default="农民工,困难职工", help="vocabulary words to repeat, comma-separated")
    parser.add_argument("--sizes", default="5000,10000,20000,40000", help="repetition counts, comma-separated")
    parser.add_argument("--big", type=int, default=1_000_000, help="one more run of the first word (0: skip)")
    parser.add_argument("--laws", default=str(DEFAULT_LAWS), help="folder of statutes for the long article")
    parser.add_argument("--chars", type=int, default=800_000, help="characters of the long article")
    args = parser.parse_args(argv)

    from kg.extract import load_lexicon, warm_up

    warm_up(load_lexicon())  # the matchers are built once per process, outside every timing
    with tempfile.TemporaryDirectory() as tmp:
        repetitions(args.words.split(","), [int(n) for n in args.sizes.split(",")], args.big, Path(tmp))
        long_article(Path(args.laws), args.chars, Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
