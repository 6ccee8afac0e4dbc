"""The process pool: same graph whatever the number of workers."""

import shutil
import subprocess
import sys

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


@pytest.mark.parametrize("bad", ["0", "-2", "two"])
def test_cli_rejects_a_bad_worker_count(bad):
    r = subprocess.run([sys.executable, "-m", "kg", "build", "--workers", bad], capture_output=True, text=True)
    assert r.returncode == 2 and "--workers" in r.stderr
