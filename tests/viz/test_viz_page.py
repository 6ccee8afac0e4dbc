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
    write_explorer(small_graph, b, renderer="vis")
    assert a.read_bytes() == b.read_bytes()
    c, d = tmp_path / "c.html", tmp_path / "d.html"  # the Python layout is seeded too
    write_explorer(small_graph, c, renderer="sigma")
    write_explorer(small_graph, d, renderer="sigma")
    assert c.read_bytes() == d.read_bytes() != a.read_bytes()


def test_sigma_page_inlines_the_vendored_libraries_with_their_licences(small_graph, tmp_path):
    path = tmp_path / "graph.html"
    write_explorer(small_graph, path, renderer="sigma")
    text = path.read_text(encoding="utf-8")
    assert "sigma 3.0.3" in text and "graphology 0.26.0" in text and text.count("MIT License") >= 2
    assert "new vis.Network" in text  # one page script serves both renderers
    assert re.search(r"<(script|img|iframe)[^>]*\ssrc=", text) is None and "sourceMappingURL" not in text
    data = json.loads(re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', text, re.S).group(1))
    assert data["layout"]["renderer"] == "sigma"
    assert all(isinstance(n.get("x"), float) for n in data["nodes"])


def test_page_carries_traditional_forms_of_its_label_characters(page_text):
    block = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page_text, re.S).group(1)
    t2s = json.loads(block)["t2s"]
    assert t2s["農"] == "农" and t2s["總"] == "总" and t2s["會"] == "会"
    assert all(len(k) == 1 and len(v) == 1 and k != v for k, v in t2s.items())


def test_renderer_is_checked(small_graph, tmp_path):
    with pytest.raises(ValueError, match="renderer"):
        write_explorer(small_graph, tmp_path / "x.html", renderer="d3")


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


PAGE_SCRIPT = """
import sys
from rdflib import Graph
from kg.viz import write_explorer
write_explorer(Graph().parse(sys.argv[1], format="turtle"), sys.argv[2], renderer="sigma", top_n=8, open_all_up_to=10)
"""


def test_page_is_byte_identical_across_hash_seeds(small_graph, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    ttl = tmp_path / "g.ttl"
    small_graph.serialize(ttl, format="turtle")
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"graph{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        subprocess.run([sys.executable, "-c", PAGE_SCRIPT, str(ttl), str(out)], check=True, env=env)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
