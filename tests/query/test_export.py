"""kg export: every format parses back with the same counts."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
import rdflib
import rdflib.compare

from kg.export import export_graph, partition_by_article, write_turtle
from kg.rdf.graphio import load_graph, load_store, to_rdflib

ROOT = Path(__file__).resolve().parents[2]
GH = rdflib.Namespace("https://w3id.org/gonghui-kg/ontology#")
GHR = rdflib.Namespace("https://w3id.org/gonghui-kg/resource/")


def count(store, query):
    from kg.query import run_query

    return int(run_query(store, query).rows[0][0].value)


@pytest.mark.parametrize("fmt,rdflib_fmt", [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")])
def test_rdf_exports_round_trip(store, tmp_path, fmt, rdflib_fmt):
    out = tmp_path / f"g.{fmt}"
    export_graph(store, fmt, out)
    parsed = rdflib.Graph().parse(out, format=rdflib_fmt)
    original = to_rdflib(store)
    assert len(parsed) == len(original)
    assert rdflib.compare.isomorphic(parsed, original)


def test_jsonld_has_a_compact_context(store):
    doc = json.loads(export_graph(store, "jsonld"))
    assert doc["@context"]["gh"] == str(GH) and doc["@context"]["@language"] == "zh"
    group = next(n for n in doc["@graph"] if n["@id"] == str(GHR["group/农民工"]))
    assert group["rdfs:label"] == "农民工" and group["@type"] == "gh:WorkerGroup"


def test_turtle_is_byte_identical_for_the_same_input(store, fixture_path, tmp_path):
    a = export_graph(store, "turtle")
    b = export_graph(load_store(fixture_path), "turtle")
    export_graph(store, "ntriples", tmp_path / "g.nt")
    c = export_graph(load_store(tmp_path / "g.nt"), "turtle")  # same graph, other file format
    d = export_graph(load_graph(fixture_path), "turtle")  # through rdflib
    assert a == b == c == d
    write_turtle(load_graph(fixture_path), tmp_path / "w.ttl")
    assert (tmp_path / "w.ttl").read_bytes() == a


def test_trig_has_one_named_graph_per_article(store, tmp_path):
    out = tmp_path / "g.trig"
    export_graph(store, "trig", out)
    ds = rdflib.Dataset()
    ds.parse(out, format="trig")
    named = {c.identifier for c in ds.graphs() if c.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID}
    assert named == {GHR["article/a1"], GHR["article/a2"], GHR["article/a3"]}
    union = {(s, p, o) for s, p, o, _ in ds.quads()}
    assert len(union) == len(store)
    a1 = ds.graph(GHR["article/a1"])
    assert (GHR["article/a1"], rdflib.RDF.type, GH.Article) in a1
    assert (GHR["measure/求学圆梦行动"], GH.targets, GHR["group/农民工"]) in a1
    a3 = ds.graph(GHR["article/a3"])
    assert (GHR["measure/求学圆梦行动"], GH.targets, GHR["group/农民工"]) not in a3
    default = ds.graph(rdflib.graph.DATASET_DEFAULT_GRAPH_ID)
    assert (GHR["group/农民工"], rdflib.RDFS.label, rdflib.Literal("农民工", lang="zh")) in default
    # every evidence node sits in the graph of its own article
    for ev in set(to_rdflib(store).subjects(rdflib.RDF.type, GH.Evidence)):
        article = to_rdflib(store).value(ev, GH.article)
        assert (ev, GH.article, article) in ds.graph(article)


def test_partition_accepts_rdflib_and_oxigraph_alike(store, fixture_path):
    from_store = partition_by_article(store)
    from_rdflib = partition_by_article(load_graph(fixture_path))
    assert {str(k.value if hasattr(k, "value") else k) for k in from_store.articles} == {str(k) for k in from_rdflib.articles}
    assert len(from_store.shared) == len(from_rdflib.shared) > 0
    # a statement two articles support is in both parts
    t = (GHR["measure/求学圆梦行动"], GH.targets, GHR["group/农民工"])
    assert t in from_rdflib.articles[GHR["article/a1"]] and t in from_rdflib.articles[GHR["article/a2"]]
    # membership nodes travel with the article that evidences them
    memberships = [s for s, p, o in from_rdflib.articles[GHR["article/a1"]]
                   if p == rdflib.URIRef("http://www.w3.org/ns/org#organization")]
    assert len(memberships) == 1


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports_round_trip(store, tmp_path, fmt, reader):
    out = tmp_path / f"g.{fmt}"
    export_graph(store, fmt, out)
    g = reader(out)
    n_entities = count(store, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { VALUES ?t { gh:Person gh:Organization "
                              "gh:WorkerGroup gh:Measure gh:Article } ?e a ?t }")
    assert g.number_of_nodes() == n_entities
    mentions = count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?a gh:mentions ?e }")
    relations = count(store, "SELECT (COUNT(*) AS ?n) WHERE { { ?s gh:targets|skos:broader ?o } UNION "
                             "{ ?m org:member ?p ; org:organization ?o } }")
    creator_only = count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?a dcterms:creator ?p FILTER NOT EXISTS { ?a gh:mentions ?p } }")
    assert g.number_of_edges() == mentions + relations + creator_only
    a1, farmer = str(GHR["article/a1"]), str(GHR["group/农民工"])
    node = g.nodes[farmer]
    assert node["label"] == "农民工" and node["class"] == "WorkerGroup"
    assert g.nodes[a1]["class"] == "Article"
    assert int(g.edges[a1, farmer]["weight"]) == 4  # 农民工 is named four times in a1
    weiguoqiang = str(GHR["person/魏国强"])
    assert g.edges[a1, weiguoqiang]["relation"] == "creator;mentions"
    edge = g.edges[weiguoqiang, str(GHR["org/江苏省总工会"])]
    assert edge["relation"] == "member" and edge["role"] == "主席"


def test_csv_tables_with_evidence_sentences(store, tmp_path):
    entities, relations = export_graph(store, "csv", tmp_path)
    with open(entities, encoding="utf-8-sig", newline="") as fh:
        ents = list(csv.DictReader(fh))
    with open(relations, encoding="utf-8-sig", newline="") as fh:
        rels = list(csv.DictReader(fh))
    assert len(ents) == count(store, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { VALUES ?t { gh:Person gh:Organization "
                                     "gh:WorkerGroup gh:Measure } ?e a ?t }")
    assert len(rels) == count(store, "SELECT (COUNT(?ev) AS ?n) WHERE { ?ev a gh:Evidence ; rdf:predicate ?p "
                                     "FILTER(?p != gh:mentions) }")
    farmer = next(e for e in ents if e["label"] == "农民工")
    assert farmer["class"] == "WorkerGroup" and farmer["alt_labels"] == "农民工群体" and farmer["articles"] == "2"
    target = [r for r in rels if r["predicate"] == "gh:targets" and r["object_label"] == "农民工"]
    assert {r["sentence"] for r in target} == {"大力实施农民工“求学圆梦行动”,多渠道促进农民工就业创业。",
                                               "要关心农民工,落实求学圆梦行动,让农民工学习得提升。"}
    member = next(r for r in rels if r["predicate"] == "org:memberOf" and r["subject_label"] == "魏国强")
    assert member["object_label"] == "江苏省总工会" and member["role"] == "主席"
    assert "江苏省总工会主席" in member["sentence"]


def test_cli_export(tmp_path, fixture_path):
    out = subprocess.run([sys.executable, "-m", "kg", "export", fixture_path, "--format", "gexf", "-o",
                          tmp_path / "net.gexf"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert nx.read_gexf(tmp_path / "net.gexf").number_of_nodes() > 20
    out = subprocess.run([sys.executable, "-m", "kg", "export", fixture_path, "--format", "turtle"],
                         cwd=ROOT, capture_output=True)
    assert out.stdout == export_graph(load_store(fixture_path), "turtle")
    out = subprocess.run([sys.executable, "-m", "kg", "export", fixture_path, "--format", "csv", "-o", tmp_path / "t"],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0 and (tmp_path / "t" / "relations.csv").exists()
    out = subprocess.run([sys.executable, "-m", "kg", "export", tmp_path / "nothing.ttl", "--format", "trig"],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 2 and "nothing.ttl" in out.stderr
    assert not list(tmp_path.glob(".*.tmp"))


def test_turtle_and_trig_bytes_are_stable_across_processes(fixture_path):
    runs = [
        subprocess.run([sys.executable, "-m", "kg", "export", fixture_path, "--format", fmt], cwd=ROOT,
                       capture_output=True).stdout
        for fmt in ("turtle", "turtle", "trig", "trig")
    ]
    assert runs[0] == runs[1] and runs[2] == runs[3]
    assert runs[0].startswith(b"@base <https://w3id.org/gonghui-kg/resource/> .\n@prefix gh: <https://w3id.org/gonghui-kg/ontology#> .\n")
    assert runs[2].startswith(b"@prefix gh: <https://w3id.org/gonghui-kg/ontology#> .\n@prefix ghr:")


def test_turtle_export_of_a_build_is_its_graph_ttl(tmp_path):
    """One Turtle writer: exporting a build's graph.ttl as Turtle gives back the same bytes."""
    import kg

    result = kg.build(output=tmp_path / "out", workers=1, html=False)
    exported = tmp_path / "again.ttl"
    r = subprocess.run([sys.executable, "-m", "kg", "export", str(result.output), "--format", "turtle", "-o", str(exported)],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert exported.read_bytes() == result.graph_path.read_bytes()


@pytest.mark.parametrize("fmt", ["turtle", "jsonld", "trig", "graphml", "csv"])
def test_export_files_honour_the_umask_like_the_build(fixture_path, tmp_path, fmt):
    import os
    import stat

    out = tmp_path / ("tables" if fmt == "csv" else f"graph.{fmt}")
    r = subprocess.run([sys.executable, "-m", "kg", "export", str(fixture_path), "--format", fmt, "-o", str(out)],
                       cwd=ROOT, capture_output=True, text=True, preexec_fn=lambda: os.umask(0o022))
    assert r.returncode == 0, r.stderr
    files = sorted(out.iterdir()) if fmt == "csv" else [out]
    assert files and all(stat.S_IMODE(f.stat().st_mode) == 0o644 for f in files), [oct(f.stat().st_mode) for f in files]
    assert not [p for p in out.parent.rglob(".*.tmp")]  # no temp file left behind
