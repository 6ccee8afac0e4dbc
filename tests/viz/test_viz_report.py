"""report.html: the measure-by-group matrix, the measures per group, charts, the grouped
article list, a table of contents; all escaped, static and byte-identical between builds."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.rdf.namespace import GH
from kg.viz.report import write_report

ROOT = Path(__file__).resolve().parents[2]
GHR = "https://w3id.org/gonghui-kg/resource/"


@pytest.fixture(scope="module")
def report(small_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    write_report(small_graph, path)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed(seed_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("seed-report") / "report.html"
    write_report(seed_graph, path)
    return seed_graph, path.read_text(encoding="utf-8")


def test_report_is_static_and_escaped(report):
    assert "<script" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;工会动态" in report
    assert "<img" not in report
    assert "dir/&lt;b&gt;x&lt;/b&gt;.md" in report


def test_report_has_a_table_of_contents_whose_links_all_land(report):
    toc = re.search(r"<nav class='toc'.*?</nav>", report, re.S).group(0)
    targets = re.findall(r"href='#([\w-]+)'", toc)
    assert {"summary", "matrix", "groups", "charts", "communities", "articles"} <= set(targets)
    for t in targets:
        assert f"id='{t}'" in report


def test_report_lists_every_article_with_authors_column_and_entities(report):
    rows = re.findall(r"<td class='title'>(.*?)</td><td class='who'>(.*?)</td><td>(.*?)</td>"
                      r"<td class='ents'>(.*?)</td></tr>", report)
    by_title = {re.sub(r"<br>.*", "", r[0]): r for r in rows}
    assert set(by_title) == {"聚焦主责主业把广大职工团结在党的周围", "新就业形态劳动者入会",
                             "&lt;script&gt;alert(1)&lt;/script&gt;工会动态"}
    _title, authors, column, ents = by_title["聚焦主责主业把广大职工团结在党的周围"]
    assert authors == "魏国强" and column == "三工论坛"
    named = re.findall(r"</span>([^<]+)</span>", ents)
    assert sorted(named) == sorted(["江苏省总工会", "农民工", "快递员", "灵活就业群体", "求学圆梦行动"])


def test_articles_are_grouped_by_column_in_collapsible_sections(report):
    articles = report[report.index("<h2 id='articles'>"):]
    summaries = re.findall(r"<details[^>]*><summary><b>(.*?)</b> \((\d+)\)</summary>", articles)
    assert sum(int(n) for _, n in summaries) == 3
    assert ("三工论坛", "1") in summaries


def test_report_has_summary_top_entities_communities_and_picture(report):
    assert re.search(r"人物 Person</td><td class='n'>2</td>", report)
    assert re.search(r"职工群体 Worker group</td><td class='n'>5</td>", report)
    assert "<td>快递员</td><td>快递小哥</td>" in report  # top worker group with its alias
    assert report.count("<summary><b>Community") == 3
    svg = re.search(r"<div class=\"overview\"><svg.*?</svg>", report, re.S).group(0)
    assert svg.count("<title>") >= 15 and "农民工" in svg
    assert "&lt;script&gt;" in svg and "<script>" not in svg


def test_charts_are_inline_svg_per_class(report):
    charts = report[report.index("<h2 id='charts'>"):report.index("<h2 id='communities'>")]
    assert charts.count("<svg") >= 4  # entities per class, then the top of each class named
    assert "Top 5 职工群体 Worker group by mentions" in charts
    assert "<title>快递员</title>" in charts
    assert "Timeline" not in report  # no article carries a date


def seed_pairs(graph: Graph) -> list[tuple[str, str]]:
    label = {s: str(o) for s, o in graph.subject_objects(RDFS.label)}
    return sorted((label[m], label[g]) for m, g in graph.subject_objects(GH.targets))


def test_every_targets_pair_of_the_seed_is_a_matrix_cell_linked_to_its_sentences(seed):
    graph, page = seed
    pairs = seed_pairs(graph)
    assert len(pairs) >= 15
    matrix = page[page.index("<h2 id='matrix'>"):page.index("<h2 id='groups'>")]
    cells = {html.unescape(t): (href, int(n)) for href, t, n in
             re.findall(r"<td class='hit'><a href='#([\w-]+)' title='(.*?)'>(\d+)</a></td>", matrix)}
    for m, g in pairs:
        href, n = cells[f"{m} → {g}"]
        assert n >= 1
        row = re.search(rf"<tr id='{href}'>(.*?)</tr>", page, re.S).group(1)
        assert html.unescape(re.sub(r"<[^>]+>", "", row)).startswith(m)
        assert "<blockquote>" in row and "<mark>" in row  # the sentence, with the words that say it


def test_each_group_lists_the_measures_aimed_at_it_with_titles_and_authors(seed):
    graph, page = seed
    section = page[page.index("<h2 id='groups'>"):page.index("<h2 id='charts'>")]
    block = re.search(r"<details[^>]*><summary><h3>.{0,120}?农民工</h3>.*?</details>", section, re.S).group(0)
    text = html.unescape(re.sub(r"<[^>]+>", " ", block))
    for m, g in seed_pairs(graph):
        if g == "农民工":
            assert m in text
    assert "求学圆梦行动" in text and "魏国强" in text  # the measure, and the author of the article saying so


def test_dated_articles_give_a_timeline_and_month_groups(dated_graph, tmp_path):
    path = tmp_path / "report.html"
    write_report(dated_graph, path)
    page = path.read_text(encoding="utf-8")
    assert "<h2 id='timeline'>" in page and "href='#timeline'" in page
    timeline = page[page.index("<h2 id='timeline'>"):page.index("<h2 id='communities'>")]
    assert "<title>2024-03: 1</title>" in timeline and "<title>2024-04: 0</title>" in timeline
    assert "<title>2024-05: 2</title>" in timeline
    assert timeline.count("<polyline") >= 2
    articles = page[page.index("<h2 id='articles'>"):]
    assert re.findall(r"<summary><b>(.*?)</b> \((\d+)\)</summary>", articles) == [("2024-03", "1"), ("2024-05", "2")]


SCRIPT = """
import sys
from rdflib import Graph
from kg.viz.report import write_report
write_report(Graph().parse(sys.argv[1], format="turtle"), sys.argv[2])
"""


def many_communities(path: Path) -> None:
    """A graph of 160 articles in 8 clusters: Louvain has choices to make, and the overview
    keeps fewer than half the nodes (where networkx iterates a set)."""
    g = Graph()
    for k in range(160):
        a = URIRef(f"{GHR}article/a{k:02d}")
        g.add((a, RDF.type, GH.Article))
        g.add((a, DCTERMS.title, Literal(f"第{k}篇", lang="zh")))
        for j in range(6):
            e = URIRef(f"{GHR}group/群体{(k % 8) * 5 + (k * j) % 7}")
            g.add((e, RDF.type, GH.WorkerGroup))
            g.add((e, RDFS.label, Literal(str(e).rsplit("/", 1)[1], lang="zh")))
            g.add((a, GH.mentions, e))
    g.serialize(path, format="turtle")


def test_report_is_byte_identical_across_processes_and_hash_seeds(tmp_path):
    ttl = tmp_path / "g.ttl"
    many_communities(ttl)
    outs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"report{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "-c", SCRIPT, str(ttl), str(out)], check=True, env=env)
        outs.append(out.read_bytes())
    assert b"Community 2" in outs[0]
    assert outs[0] == outs[1] == outs[2]


def test_report_write_is_atomic(small_graph, tmp_path):
    path = tmp_path / "report.html"
    write_report(small_graph, path)
    write_report(small_graph, path)
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
