"""The query store kept per graph (kg.query.store), through ``kg query`` and ``kg serve``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

from kg.query.store import KEEP_STORES, prepare_store
from kg.serve import start_server

ROOT = Path(__file__).resolve().parents[2]
BUILDING = "building a query store"
GROUPS = "SELECT ?l WHERE { ?g a gh:WorkerGroup ; rdfs:label ?l } ORDER BY ?l"


def kg(*args, env=None):
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, **(env or {})})


def groups(graph: Path, cache: Path, *extra) -> tuple[list[str], str]:
    out = kg("query", graph, GROUPS, "--format", "csv", "--cache-dir", cache, *extra)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()[1:], out.stderr


def stores(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "stores").glob("*") if p.name != "index" and not p.name.startswith("."))


def test_second_query_opens_the_kept_store_without_parsing(fixture_path, tmp_path):
    graph = tmp_path / "graph.ttl"
    shutil.copy(fixture_path, graph)
    cache = tmp_path / "cache"
    first, err = groups(graph, cache)
    assert BUILDING in err and "农民工" in first
    [folder] = stores(cache)
    made = (folder / "db").stat().st_ino
    graph.rename(tmp_path / "moved.ttl")
    shutil.copy(tmp_path / "moved.ttl", graph)  # same bytes, new inode: hashed again, same store
    second, err = groups(graph, cache)
    assert second == first and BUILDING not in err
    third, err = groups(graph, cache)
    assert third == first and err == ""
    assert stores(cache) == [folder] and (folder / "db").stat().st_ino == made
    assert oct((cache / "stores" / folder.name).stat().st_mode & 0o077) == "0o0"


def test_a_changed_graph_never_gets_a_stale_answer(fixture_path, tmp_path):
    graph = tmp_path / "graph.ttl"
    shutil.copy(fixture_path, graph)
    cache = tmp_path / "cache"
    before, _ = groups(graph, cache)
    assert "农民工" in before
    # the same size and modification time, one label changed: only the ctime tells
    st = graph.stat()
    text = graph.read_text(encoding="utf-8")
    assert '"农民工"@zh' in text
    graph.write_text(text.replace('"农民工"@zh', '"农牧民"@zh'), encoding="utf-8")
    os.utime(graph, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert graph.stat().st_size == st.st_size
    after, err = groups(graph, cache)
    assert "农牧民" in after and "农民工" not in after and BUILDING in err
    assert len(stores(cache)) == 2
    shutil.copy(fixture_path, graph)  # back to the first bytes: the first store is used again
    again, err = groups(graph, cache)
    assert again == before and BUILDING not in err


def test_no_cache_parses_the_graph_and_keeps_nothing(fixture_path, tmp_path):
    cache = tmp_path / "cache"
    with_store, _ = groups(fixture_path, tmp_path / "other")
    plain, err = groups(fixture_path, cache, "--no-cache")
    assert plain == with_store and err == "" and not (cache / "stores").exists()
    out = kg("query", fixture_path, GROUPS, "--format", "csv", env={"KG_CACHE_DIR": str(cache),
                                                                     "KG_QUERY_NO_STORE": "1"})
    assert out.returncode == 0 and out.stdout.splitlines()[1:] == with_store and not (cache / "stores").exists()


def test_an_unsafe_cache_folder_is_not_used(fixture_path, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o777)
    answer, err = groups(fixture_path, cache)
    assert "农民工" in answer and "writable by group and others" in err and "parsing the graph" in err
    assert not (cache / "stores").exists()


def test_only_the_most_recently_used_stores_are_kept(fixture_path, tmp_path):
    cache = tmp_path / "cache"
    text = fixture_path.read_text(encoding="utf-8")
    for i in range(KEEP_STORES + 2):
        graph = tmp_path / f"g{i}.ttl"
        graph.write_text(text + f"\n<urn:x:{i}> <urn:x:p> {i} .\n", encoding="utf-8")
        db = prepare_store(graph, cache)
        assert db is not None and db.is_dir()
    assert len(stores(cache)) == KEEP_STORES and db.is_dir()


def test_serve_workers_open_the_kept_store(fixture_path, tmp_path):
    cache = tmp_path / "cache"
    running = start_server(fixture_path, port=0, timeout=5, workers=1, quick_workers=0, cache=cache)
    try:
        [folder] = stores(cache)
        url = running.url + "/sparql?" + urllib.parse.urlencode({"query": GROUPS})
        req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            rows = json.load(r)["results"]["bindings"]
        assert "农民工" in [b["l"]["value"] for b in rows]
        assert running.pool.store_path == str(folder / "db")
    finally:
        running.close()
