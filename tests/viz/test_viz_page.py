"""graph.html as a file: self-contained, escaped, deterministic, written atomically."""

from __future__ import annotations

import json
import re

import pytest

from kg.viz import write_explorer
from kg.viz.explorer import json_for_script


@pytest.fixture(scope="module")
def page_text(small_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("page") / "graph.html"
    write_explorer(small_graph, path)
    return path.read_text(encoding="utf-8")


def test_page_loads_nothing_from_elsewhere(page_text):
    assert re.search(r"<(script|img|iframe)[^>]*\ssrc=", page_text) is None
    assert re.search(r"<link\b", page_text) is None
    assert "@import" not in page_text
    assert "default-src 'none'" in page_text  # the browser refuses any fetch the page might try
    assert "vis-network" in page_text and "new vis.Network" in page_text


def test_corpus_markup_never_appears_raw(page_text):
    for raw in ("<script>alert(1)", "<img src=x", "</script>工会动态"):
        assert raw not in page_text
    # only the page's own three script elements end: nothing inside them closes one early
    assert len(re.findall(r"^<script\b", page_text, re.M)) == 3
    assert page_text.count("</script") == 3
    assert "sourceMappingURL" not in page_text


def test_embedded_json_round_trips_with_the_corpus_text(page_text):
    block = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page_text, re.S).group(1)
    data = json.loads(block)
    assert "<script>alert(1)</script>工会动态" in [n["l"] for n in data["nodes"]]
    assert any("<img src=x onerror=alert(1)>" in s for s in data["sentences"])


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!-- x", "a\u2028b\u2029c", "&amp;"])
def test_json_for_script_cannot_close_the_script_element(text):
    out = json_for_script({"t": text})
    assert "<" not in out and ">" not in out and "&" not in out
    assert "\u2028" not in out and "\u2029" not in out
    assert json.loads(out) == {"t": text}


def test_same_graph_gives_byte_identical_page(small_graph, tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_explorer(small_graph, a)
    write_explorer(small_graph, b, max_physics_nodes=500)
    assert a.read_bytes() == b.read_bytes()
    c, d = tmp_path / "c.html", tmp_path / "d.html"  # the Python layout is seeded too
    write_explorer(small_graph, c, max_physics_nodes=3)
    write_explorer(small_graph, d, max_physics_nodes=3)
    assert c.read_bytes() == d.read_bytes() != a.read_bytes()


def test_write_replaces_the_file_and_leaves_no_temp_files(small_graph, tmp_path):
    path = tmp_path / "out" / "graph.html"
    path.parent.mkdir()
    path.write_text("old", encoding="utf-8")
    write_explorer(small_graph, path)
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in path.parent.iterdir()] == ["graph.html"]


def test_failed_write_keeps_the_old_file(small_graph, tmp_path, monkeypatch):
    path = tmp_path / "graph.html"
    path.write_text("old page", encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("layout failed")

    monkeypatch.setattr("kg.viz.explorer.pagerank", broken)
    with pytest.raises(RuntimeError):
        write_explorer(small_graph, path)
    assert path.read_text(encoding="utf-8") == "old page"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]
