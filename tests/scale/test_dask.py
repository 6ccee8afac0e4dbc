"""Extraction on a Dask cluster gives the graph a local build gives."""

import pytest

from kg.pipeline import build

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c


def test_dask_build_equals_the_local_build(mixed_corpus, cluster, tmp_path):
    local = build([mixed_corpus], tmp_path / "local", html=False, workers=1)
    remote = build([mixed_corpus], tmp_path / "dask", html=False, dask=cluster.scheduler_address)
    assert remote.extracted == local.articles >= 14
    assert remote.graph_path.read_bytes() == local.graph_path.read_bytes()


def test_dask_extracts_only_what_the_cache_lacks(corpus, cluster, tmp_path):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "one", html=False, workers=1, cache=cache)
    (corpus / "c.md").write_text("# 工会开展送温暖活动\n\n各级工会面向农民工开展送温暖活动。\n", encoding="utf-8")
    with distributed.Client(cluster.scheduler_address) as client:
        again = build([corpus], tmp_path / "two", html=False, dask=client, cache=cache)
        assert client.status == "running"  # a Client handed in is left open
    assert (again.extracted, again.cached) == (1, 2)
    assert again.graph_path.read_bytes() == build([corpus], tmp_path / "3", html=False, workers=1).graph_path.read_bytes()
