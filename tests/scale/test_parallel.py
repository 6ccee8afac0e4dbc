"""The process pool: same graph whatever the number of workers."""

import os
import shutil
import subprocess
import sys
import threading

import pytest

from kg.pipeline import build
from kg.pipeline.cache import CACHE_FORMAT


@pytest.fixture(scope="module")
def one_worker(mixed_corpus, tmp_path_factory):
    return build([mixed_corpus], tmp_path_factory.mktemp("w1"), html=False, workers=1)


def test_two_workers_write_the_same_bytes_as_one(mixed_corpus, one_worker, tmp_path):
    two = build([mixed_corpus], tmp_path, html=False, workers=2)
    assert one_worker.articles >= 14 and two.extracted == one_worker.articles
    assert two.graph_path.read_bytes() == one_worker.graph_path.read_bytes()
    assert two.log == one_worker.log


def test_pool_results_fill_the_cache_like_a_serial_build(mixed_corpus, one_worker, tmp_path):
    cache = tmp_path / "cache"
    build([mixed_corpus], tmp_path / "a", html=False, workers=2, cache=cache)
    shutil.rmtree(cache / f"v{CACHE_FORMAT}" / "graph")  # force the per-file entries to be read
    again = build([mixed_corpus], tmp_path / "b", html=False, workers=1, cache=cache)
    assert (again.extracted, again.cached) == (0, one_worker.articles)
    assert again.graph_path.read_bytes() == one_worker.graph_path.read_bytes()


def test_two_workers_write_the_same_graph_and_pages_as_one(tmp_path):
    one = build(None, tmp_path / "one", workers=1)  # the bundled sample corpus
    two = build(None, tmp_path / "two", workers=2)  # Turtle, then the explorer, drawn in forked processes
    for name in ("graph.ttl", "graph.html", "report.html"):
        assert (two.output / name).read_bytes() == (one.output / name).read_bytes(), name
    assert "<svg" in two.report_path.read_text(encoding="utf-8")


def test_documents_laid_out_ahead_give_the_results_the_pool_gives_laying_them_out(mixed_corpus, tmp_path):
    from kg.extract import load_lexicon
    from kg.ingest import read_inputs
    from kg.pipeline.cache import Cache
    from kg.pipeline.documents import lay_out_until, layout_key, process_documents

    docs, _ = read_inputs([mixed_corpus])
    lexicon = load_lexicon()
    asked = []
    ahead = lay_out_until(docs, lambda: len(asked.append(1) or asked) > 3)  # stops before the fourth
    largest = sorted(range(len(docs)), key=lambda i: -len(docs[i].text))[:3]
    assert sorted(ahead) == sorted(largest) and len(docs) > 3
    plain = process_documents(docs, None, lexicon, workers=2)
    assert process_documents(docs, None, lexicon, workers=2, laid_out=ahead) == plain
    serial = process_documents(docs, None, lexicon, workers=1)  # whole Articles: the pool's are trimmed
    assert process_documents(docs, None, lexicon, workers=1, laid_out=ahead) == serial
    keys, store = [layout_key(d) for d in docs], Cache(tmp_path / "cache")  # the cache entries keep whole Articles
    cached = process_documents(docs, keys, lexicon, workers=1, store=store, laid_out=ahead)
    assert cached == serial


def test_a_pooled_build_lays_documents_out_while_the_lexicon_loads(mixed_corpus, monkeypatch):
    import time

    from kg.pipeline import run

    warm = run._warm_lexicon

    def slow_warm(ready=None):  # a lexicon read back from its cache loads in milliseconds: give the layouts time
        time.sleep(1.0)
        return warm(ready)

    monkeypatch.setattr(run, "_warm_lexicon", slow_warm)
    _read_and_load = run._read_and_load
    read = _read_and_load([mixed_corpus], None, None, pool=True, keyed=False)
    assert read.laid_out and set(read.laid_out) <= set(range(len(read.docs)))
    assert _read_and_load([mixed_corpus], None, None, pool=False, keyed=False).laid_out == {}


def test_the_turtle_a_forked_process_wrote_is_in_the_cache_for_the_next_build(tmp_path):
    cache = tmp_path / "cache"
    first = build(None, tmp_path / "a", workers=2, cache=cache)  # graph.ttl written beside the pages' reading
    again = build(None, tmp_path / "b", workers=1, cache=cache)  # another folder: graph.ttl comes from the cache
    assert again.reused_graph and again.graph_path.read_bytes() == first.graph_path.read_bytes()
    assert (again.output / "report.html").read_bytes() == (first.output / "report.html").read_bytes()


def test_side_by_side_tasks_share_this_process_data_and_their_errors_come_back():
    from kg.pipeline.parallel import side_by_side

    unpicklable = {"lock": threading.Lock(), "pid": os.getpid()}  # inherited by the fork, never sent
    done = side_by_side([lambda: os.getpid(), lambda: (os.getpid(), unpicklable["pid"])])
    assert done[0] == os.getpid() and done[1][1] == os.getpid()
    assert done[1][0] != os.getpid()  # the second task ran in another process

    def fails() -> None:
        raise ValueError("report.html: no room left on the device")

    with pytest.raises(ValueError, match="no room left"):
        side_by_side([lambda: None, fails])


@pytest.mark.parametrize("bad", ["0", "-2", "two"])
def test_cli_rejects_a_bad_worker_count(bad):
    r = subprocess.run([sys.executable, "-m", "kg", "build", "--workers", bad], capture_output=True, text=True)
    assert r.returncode == 2 and "--workers" in r.stderr
