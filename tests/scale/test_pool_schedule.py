"""How a pooled build spreads its work over the cores: chunks that shrink at the end of
the pool, what extraction builds on first use built before the pool forks, and what the
pages are drawn from read while a forked process sorts the triples and writes the Turtle.
None of it changes a byte."""

import os
import time

from kg.pipeline import build, documents, run
from kg.pipeline.parallel import LAST_CHUNK, chunk_by_size, chunk_target
from kg.rdf.graph import GraphStage, sorted_triples, to_triples


def test_the_last_chunks_of_a_pool_shrink_and_every_item_is_in_exactly_one():
    sizes = [(i * 7919) % 5000 + 100 for i in range(400)]  # 1 M characters of files of many sizes
    target = chunk_target(sum(sizes), 2)
    chunks = chunk_by_size(sizes, target, 2, least=LAST_CHUNK)
    assert sorted(i for c in chunks for i in c) == list(range(400))
    totals = [sum(sizes[i] for i in c) for c in chunks]
    assert all(t <= target for t in totals)
    assert max(totals[-3:]) <= LAST_CHUNK + max(sizes) < target / 2  # the end: small pieces for both workers
    assert totals[0] > target - max(sizes)  # the start: chunks as large as before
    assert [len(c) for c in chunk_by_size(sizes, target)] == [len(c) for c in chunk_by_size(sizes, target, 1)]


def _slow_lexicon(monkeypatch):
    """A lexicon that loads in 0.5 s (read back from jieba's cache it can take milliseconds):
    the forked process has read the files by then."""
    warm = run._warm_lexicon

    def slow_warm(ready=None):
        time.sleep(0.5)
        return warm(ready)

    monkeypatch.setattr(run, "_warm_lexicon", slow_warm)


def test_a_pooled_build_warms_extraction_up_before_forking_unless_every_file_is_cached(
        corpus, tmp_path, monkeypatch):
    _slow_lexicon(monkeypatch)
    warmed: list[int] = []
    real = documents.warm_up_work

    def warm_up_work(lexicon) -> None:
        warmed.append(os.getpid())
        real(lexicon)

    monkeypatch.setattr(documents, "warm_up_work", warm_up_work)
    cache = tmp_path / "cache"
    first = build([corpus], tmp_path / "a", workers=2, cache=cache, html=False)
    assert warmed == [os.getpid()]  # here, once, not in the workers
    plain = build([corpus], tmp_path / "b", workers=1, cache=False, html=False)
    assert first.graph_path.read_bytes() == plain.graph_path.read_bytes()

    some = sorted(corpus.iterdir())[0]
    os.utime(some, (some.stat().st_atime, some.stat().st_mtime + 10))  # read again, but all of it is cached
    again = build([corpus], tmp_path / "c", workers=2, cache=cache, html=False)
    assert warmed == [os.getpid()] and not again.extracted
    assert again.graph_path.read_bytes() == first.graph_path.read_bytes()


def test_pages_read_beside_the_sorting_are_those_one_worker_draws_and_are_kept_when_unchanged(tmp_path):
    one = build(None, tmp_path / "one", workers=1)
    two = build(None, tmp_path / "two", workers=2, cache=tmp_path / "cache")
    for name in ("graph.ttl", "graph.html", "report.html", run.PAGES_KEY):
        assert (two.output / name).read_bytes() == (one.output / name).read_bytes(), name
    assert (two.size, two.dated, two.entities) == (one.size, one.dated, one.entities)
    assert two.triples == one.triples == tuple(sorted_triples(one.triples))  # sorted when asked for

    drawn = (two.output / "report.html").stat().st_ino
    again = build(None, tmp_path / "two", workers=2, cache=tmp_path / "other-cache")  # the graph made again
    assert not again.reused_graph and (again.output / "report.html").stat().st_ino == drawn  # its pages kept


def test_the_graph_stage_merged_holds_the_triples_finish_sorts():
    from kg.extract import extract, load_lexicon
    from kg.ingest import read_inputs, split_articles
    from kg.resources import seed_corpus

    lexicon = load_lexicon()
    articles = [a for doc in read_inputs([seed_corpus()])[0] for a in split_articles(doc)]
    extractions = [extract(a, lexicon) for a in articles]
    stage = GraphStage()
    for i, (a, x) in enumerate(zip(articles, extractions)):
        stage.add(i, [a], [x])
    merged, log = stage.merged()
    assert len(merged) > 100 and sorted_triples(merged) == to_triples(articles, extractions)[0]
    assert log == to_triples(articles, extractions)[1]
