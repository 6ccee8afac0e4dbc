"""Incremental builds: extraction cached by article content and lexicon fingerprint."""

import dataclasses
import subprocess
import sys

import kg.extract
from kg.cache import Cache, default_cache_dir
from kg.pipeline import build


def test_unchanged_corpus_rebuilds_without_extracting(corpus, tmp_path):
    cache = tmp_path / "cache"
    cold = build([corpus], tmp_path / "cold", html=False, workers=1, cache=cache)
    warm = build([corpus], tmp_path / "warm", html=False, workers=1, cache=cache)
    assert (cold.extracted, cold.cached, cold.reused_graph) == (3, 0, False)
    assert (warm.extracted, warm.reused_graph) == (0, True)
    assert warm.graph_path.read_bytes() == cold.graph_path.read_bytes()
    assert warm.entities == cold.entities and warm.articles == cold.articles == 3
    assert warm.log_path.read_text(encoding="utf-8") == cold.log_path.read_text(encoding="utf-8")
    assert set(warm.triples) == set(cold.triples)


def test_an_edited_article_is_extracted_alone(corpus, tmp_path):
    cache = tmp_path / "cache"
    before = build([corpus], tmp_path / "before", html=False, workers=1, cache=cache)
    (corpus / "b.md").write_text("# 四川省总工会启动帮扶行动\n\n**李红**\n\n四川省总工会针对农民工开展帮扶。\n",
                                 encoding="utf-8")
    after = build([corpus], tmp_path / "after", html=False, workers=1, cache=cache)
    assert (after.extracted, after.cached, after.reused_graph) == (1, 2, False)
    fresh = build([corpus], tmp_path / "fresh", html=False, workers=1, cache=None)
    assert after.graph_path.read_bytes() == fresh.graph_path.read_bytes()
    assert after.graph_path.read_bytes() != before.graph_path.read_bytes()
    assert "针对农民工开展帮扶" in after.graph_path.read_text(encoding="utf-8")


def test_a_changed_lexicon_fingerprint_invalidates_every_extraction(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "one", html=False, workers=1, cache=cache)
    real = kg.extract.load_lexicon
    monkeypatch.setattr(kg.extract, "load_lexicon",
                        lambda: dataclasses.replace(real(), fingerprint="a-changed-vocabulary"))
    again = build([corpus], tmp_path / "two", html=False, workers=1, cache=cache)
    assert (again.extracted, again.cached, again.reused_graph) == (3, 0, False)


def test_corrupt_entries_are_ignored_and_recomputed(corpus, tmp_path):
    cache = tmp_path / "cache"
    good = build([corpus], tmp_path / "good", html=False, workers=1, cache=cache)
    entries = [p for p in (cache).rglob("*") if p.is_file()]
    assert len(entries) == 3 + 1  # one per input file, the graph
    for p in entries:
        p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2])  # as if cut off mid-write
    again = build([corpus], tmp_path / "again", html=False, workers=1, cache=cache)
    assert (again.extracted, again.reused_graph) == (3, False)
    assert again.graph_path.read_bytes() == good.graph_path.read_bytes()
    assert Cache(cache).get("graph", "0" * 64) is None


def test_cli_caches_in_the_documented_place_and_no_cache_leaves_it_alone(corpus, tmp_path):
    env_dir = default_cache_dir()  # $KG_CACHE_DIR, pointed into tmp by conftest
    assert str(env_dir).startswith(str(tmp_path))

    def kg(*args):
        return subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--no-html", "--workers", "1", *args],
                              capture_output=True, text=True)

    r = kg("-o", str(tmp_path / "nc"), "--no-cache")
    assert r.returncode == 0, r.stderr
    assert "3 extracted, 0 from the cache" in r.stdout
    assert not env_dir.exists()
    r = kg("-o", str(tmp_path / "c1"))
    assert r.returncode == 0 and any(env_dir.rglob("*"))
    r = kg("-o", str(tmp_path / "c2"))
    assert "graph reused from the cache" in r.stdout
    other = tmp_path / "elsewhere"
    r = kg("-o", str(tmp_path / "c3"), "--cache-dir", str(other))
    assert "3 extracted" in r.stdout and any(other.rglob("*"))
    assert (tmp_path / "c3" / "graph.ttl").read_bytes() == (tmp_path / "nc" / "graph.ttl").read_bytes()


def test_an_entry_is_readable_at_once_and_on_disk_after_flush(tmp_path, monkeypatch):
    """Entries are written by a thread; until then get() answers from memory."""
    import threading

    import kg.cache

    gate = threading.Event()
    real = kg.cache._write_atomically
    monkeypatch.setattr(kg.cache, "_write_atomically", lambda path, data: (gate.wait(10), real(path, data)))
    cache = Cache(tmp_path)
    cache.put("document", "ab" * 32, {"found": 1})
    assert cache.get("document", "ab" * 32) == {"found": 1}
    assert not cache.path("document", "ab" * 32).exists()  # the writer is held at the gate
    gate.set()
    cache.flush()
    assert cache.path("document", "ab" * 32).exists()
    assert Cache(tmp_path).get("document", "ab" * 32) == {"found": 1}


def test_pool_workers_entries_are_on_disk_when_the_build_returns(corpus, tmp_path):
    cache = tmp_path / "cache"
    for i in range(4):  # more files, so both workers get some
        (corpus / f"extra{i}.md").write_text(f"# 工会开展第{i}次培训\n\n工会面向农民工开展技能培训。\n", encoding="utf-8")
    build([corpus], tmp_path / "a", html=False, workers=2, cache=cache)
    entries = {p.parent.parent.name for p in cache.rglob("*") if p.is_file() and not p.name.startswith(".")}
    assert entries == {"document", "graph"}
    assert len([p for p in (cache / "v1" / "document").rglob("*") if p.is_file()]) == 7  # one per input file
    assert not [p for p in cache.rglob(".*.tmp")]


def test_editing_one_article_of_a_magazine_issue_extracts_that_article_alone(tmp_path):
    """A file of three articles has one cache entry; an edit inside one article re-extracts
    that article and takes the other two from the entry."""
    from kg.resources import seed_corpus

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    issue = seed_corpus().read_text(encoding="utf-8")
    (corpus / "issue.md").write_text(issue, encoding="utf-8")
    cache = tmp_path / "cache"
    first = build([corpus], tmp_path / "one", html=False, workers=1, cache=cache)
    assert (first.articles, first.extracted) == (3, 3)

    sentence = "各级工会要把农民工入会工作摆在突出位置。"
    anchor = "对于做好新时代工会工作具有重要的指导意义。"  # in the second article's first paragraph
    assert issue.count(anchor) == 1
    (corpus / "issue.md").write_text(issue.replace(anchor, anchor + sentence), encoding="utf-8")
    again = build([corpus], tmp_path / "two", html=False, workers=1, cache=cache)
    assert (again.extracted, again.cached, again.reused_graph) == (1, 2, False)
    assert sentence in again.graph_path.read_text(encoding="utf-8")
    fresh = build([corpus], tmp_path / "fresh", html=False, workers=1, cache=None)
    assert again.graph_path.read_bytes() == fresh.graph_path.read_bytes()


def test_a_file_replaced_by_another_document_is_laid_out_again(corpus, tmp_path):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "one", html=False, workers=1, cache=cache)
    (corpus / "a.md").write_text((corpus / "b.md").read_text(encoding="utf-8").replace("李红", "王芳"),
                                 encoding="utf-8")
    again = build([corpus], tmp_path / "two", html=False, workers=2, cache=cache)
    fresh = build([corpus], tmp_path / "fresh", html=False, workers=1, cache=None)
    assert (again.extracted, again.cached) == (1, 2)
    assert again.graph_path.read_bytes() == fresh.graph_path.read_bytes()
    assert "王芳" in again.graph_path.read_text(encoding="utf-8")
