"""kg query: canned questions, safe parameters, result formats, errors."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from kg.query import (
    ParamError,
    QuerySyntaxError,
    canned_queries,
    find_query,
    run_canned,
    run_query,
    to_csv,
    to_json,
    to_table,
    to_tsv,
)
from kg.query.results import width
from kg.rdf.graphio import GraphInputError, load_store

ROOT = Path(__file__).resolve().parents[2]


def kg(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], cwd=cwd, capture_output=True, text=True)


def column(result, name):
    i = result.variables.index(name)
    return [row[i].value if row[i] is not None else None for row in result.rows]


def test_at_least_eight_canned_queries_each_saying_what_it_answers():
    queries = canned_queries()
    assert len(queries) >= 8
    for q in queries:
        assert q.text.startswith("#") and len(q.description) > 20, q.name
    names = {q.name for q in queries}
    assert {"measures_for_group", "top_entities", "authors_posts", "co_mentioned", "relation_evidence",
            "group_hierarchy", "articles_per_column"} <= names


@pytest.mark.parametrize("q", canned_queries(), ids=lambda q: q.name)
def test_every_canned_query_answers_on_the_fixture(store, q):
    result = run_canned(store, q)
    assert result.rows or result.triples
    for p in q.params:  # each parameter is bound and shows in the answer
        assert p.name in result.variables or result.kind == "graph"


def test_measures_aimed_at_a_group_with_articles_authors_and_sentences(store):
    r = run_canned(store, "measures_for_group", {"group": "农民工"})
    assert set(column(r, "measureLabel")) == {"求学圆梦行动"}
    assert set(column(r, "articleTitle")) == {"聚焦主责主业把广大职工团结在党的周围", "不忘初心对新时代工会工作的重要意义"}
    assert "大力实施农民工“求学圆梦行动”,多渠道促进农民工就业创业。" in column(r, "sentence")
    assert "魏国强" in column(r, "authors")
    r2 = run_canned(store, "measures_for_group", {"group": "困难职工"})
    assert set(column(r2, "measureLabel")) == {"困难职工帮扶攻坚行动", "建档立卡"}


def test_a_group_can_be_named_by_its_alt_label(store):
    r = run_canned(store, "measures_for_group", {"group": "农民工群体"})
    assert set(column(r, "measureLabel")) == {"求学圆梦行动"}


def test_parameters_are_bound_not_pasted(store):
    evil = '农民工"@zh } UNION { ?g ?p ?group } #'
    r = run_canned(store, "measures_for_group", {"group": evil})
    assert r.rows == ()
    r = run_query(store, "SELECT ?l WHERE { ?g rdfs:label ?l }", {"l": 'x" } ; DROP ALL ; #'})
    assert r.rows == ()


def test_unknown_and_unselected_parameters_are_refused(store):
    with pytest.raises(ParamError, match="takes group"):
        run_canned(store, "measures_for_group", {"grup": "农民工"})
    with pytest.raises(ParamError, match="not a variable the query selects"):
        run_query(store, "SELECT ?l WHERE { ?g rdfs:label ?l ; a ?type }", {"type": "gh:Measure"})
    with pytest.raises(ParamError, match="not an integer"):
        run_canned(store, "top_entities", {"min": "many"})


def test_top_entities_per_class_with_a_minimum(store):
    r = run_canned(store, "top_entities", {"min": "2"})
    assert {"农民工", "求学圆梦行动", "中华全国总工会"} <= set(column(r, "label"))
    assert "建档立卡" not in column(r, "label")  # mentioned in one article only
    assert all(int(n) >= 2 for n in column(r, "articles"))
    everything = run_canned(store, "top_entities")
    assert len(everything.rows) > len(r.rows)
    classes = column(everything, "class")
    assert classes == sorted(classes)  # grouped class by class


def test_authors_with_posts_and_organizations(store):
    r = run_canned(store, "authors_posts")
    rows = {(a, role, org) for a, role, org in zip(column(r, "author"), column(r, "role"), column(r, "organization"))}
    assert ("魏国强", "主席", "江苏省总工会") in rows
    assert ("郭晶", "主任", "中华全国总工会") in rows
    assert ("唐红", None, None) in rows


def test_co_mentioned_entities(store):
    r = run_canned(store, "co_mentioned", {"entity": "全总"})
    others = set(column(r, "otherLabel"))
    assert {"快递员", "送餐员", "郭晶", "集体协商"} <= others
    assert "中华全国总工会" not in others


def test_relation_evidence_spans_lie_in_their_sentences(store):
    r = run_canned(store, "relation_evidence", {"subject": "求学圆梦行动", "object": "农民工"})
    assert len(r.rows) == 2 and set(column(r, "predicate")) == {"targets"}
    texts = {row[0].value: row[1].value for row in run_query(
        store, "SELECT ?a ?t WHERE { ?a gh:text ?t }").rows}
    for article, sentence, start, end in zip(column(r, "article"), column(r, "sentence"),
                                             column(r, "start"), column(r, "end")):
        span = texts[article][int(start):int(end)]
        assert span == "求学圆梦行动" and span in sentence
    m = run_canned(store, "relation_evidence", {"subject": "江苏省总工会", "object": "魏国强"})
    assert column(m, "predicate") == ["member"]


def test_group_hierarchy_and_articles_per_column(store):
    h = run_canned(store, "group_hierarchy")
    pairs = set(zip(column(h, "narrowerLabel"), column(h, "broaderLabel"), column(h, "top")))
    assert ("快递员", "灵活就业群体", "农民工") in pairs
    assert ("快递员", "新就业形态劳动者", "新就业形态劳动者") in pairs
    c = run_canned(store, "articles_per_column")
    assert dict(zip(column(c, "column"), column(c, "articles"))) == {"观点": "1", "三工论坛": "1", "观察思考": "1"}


def test_malformed_query_reports_where_it_broke(store):
    bad = "SELECT ?x WHERE {\n  ?x a gh:Measure .\n  FILTR(?x)\n}\n"
    with pytest.raises(QuerySyntaxError) as info:
        run_query(store, bad)
    assert info.value.line == 3
    pretty = info.value.pretty()
    assert "line 3" in pretty and "FILTR(?x)" in pretty and "^" in pretty


def test_result_formats(store):
    r = run_query(store, 'SELECT ?g ?l WHERE { ?g a gh:WorkerGroup ; rdfs:label ?l FILTER(?l = "快递员"@zh) }')
    data = json.loads(to_json(r))
    assert data["head"]["vars"] == ["g", "l"]
    assert data["results"]["bindings"][0]["l"] == {"type": "literal", "value": "快递员", "xml:lang": "zh"}
    assert data["results"]["bindings"][0]["g"]["type"] == "uri"
    assert to_csv(r).splitlines()[1] == "https://w3id.org/gonghui-kg/resource/group/快递员,快递员"
    assert to_tsv(r).splitlines()[1] == '<https://w3id.org/gonghui-kg/resource/group/快递员>\t"快递员"@zh'
    ask = run_query(store, "ASK { ?m gh:targets ?g }")
    assert json.loads(to_json(ask)) == {"head": {}, "boolean": True}


def test_table_is_aligned_for_chinese_text(store):
    r = run_canned(store, "articles_per_column")
    lines = to_table(r).splitlines()
    starts = []
    for line in [lines[0]] + lines[2:]:
        # display column where the second field starts
        first = line.split("  ")[0]
        rest = line[len(first):]
        starts.append(width(first) + (len(rest) - len(rest.lstrip(" "))))
    assert len(set(starts)) == 1, lines


def test_cli_list_and_named_query_with_param():
    out = kg("query", "--list")
    assert out.returncode == 0 and "measures_for_group" in out.stdout and "--param group=" in out.stdout
    out = kg("query", "tests/data/query/seed_small.ttl", "--name", "measures_for_group", "--param", "group=农民工",
             "--format", "json")
    assert out.returncode == 0, out.stderr
    bindings = json.loads(out.stdout)["results"]["bindings"]
    assert {b["measureLabel"]["value"] for b in bindings} == {"求学圆梦行动"}


def test_cli_query_file_on_a_build_folder(tmp_path, fixture_path):
    shutil.copy(fixture_path, tmp_path / "graph.ttl")
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT (COUNT(?a) AS ?n) WHERE { ?a a gh:Article }\n", encoding="utf-8")
    out = kg("query", tmp_path, "-f", rq, "--format", "csv")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["n", "3"]


def test_cli_malformed_query_exits_2_with_position():
    out = kg("query", "tests/data/query/seed_small.ttl", "SELECT ?x WHERE {\n ?x ?p ?o .\n FILTR(?x)\n}")
    assert out.returncode == 2
    assert "line 3" in out.stderr and "^" in out.stderr


def test_cli_bad_inputs_exit_2(tmp_path):
    assert kg("query", tmp_path, "ASK {}").returncode == 2
    out = kg("query", tmp_path / "missing.ttl", "ASK {}")
    assert out.returncode == 2 and "missing.ttl" in out.stderr
    out = kg("query", "tests/data/query/seed_small.ttl", "--name", "no_such_question")
    assert out.returncode == 2 and "measures_for_group" in out.stderr
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    out = kg("query", broken, "ASK {}")
    assert out.returncode == 2 and "broken.ttl" in out.stderr


def test_cli_construct_prints_turtle():
    out = kg("query", "tests/data/query/seed_small.ttl", "--name", "entity_card", "--param", "label=求学圆梦行动")
    assert out.returncode == 0, out.stderr
    g = rdflib.Graph().parse(data=out.stdout, format="turtle")
    m = rdflib.URIRef("https://w3id.org/gonghui-kg/resource/measure/求学圆梦行动")
    assert (m, rdflib.RDFS.label, rdflib.Literal("求学圆梦行动", lang="zh")) in g
    evidence = set(g.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/gonghui-kg/ontology#Evidence")))
    assert len(evidence) == 4  # two mentions and two gh:targets, with their sentences
    assert all(g.value(e, rdflib.URIRef("https://w3id.org/gonghui-kg/ontology#sentence")) for e in evidence)


def test_trig_input_is_queried_as_one_graph(tmp_path, store):
    from kg.export import export_graph

    export_graph(store, "trig", tmp_path / "g.trig")
    again = load_store(tmp_path / "g.trig")
    assert len(again) == len(store)
    r = run_canned(again, "measures_for_group", {"group": "农民工"})
    assert len(r.rows) == 2


def test_load_errors_name_the_file(tmp_path):
    with pytest.raises(GraphInputError, match="unknown graph format"):
        load_store(Path(__file__))


def one_line_error(out) -> str:
    """The single stderr line of a failed command (no traceback)."""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in out.stderr, out.stderr
    return lines[0]


@pytest.mark.parametrize("value", ["<a b>", "<>", "<http://x/\x01>"])
def test_cli_invalid_iri_param_is_one_line_exit_2(value):
    out = kg("query", "tests/data/query/seed_small.ttl", "SELECT ?x WHERE { ?x ?p ?o } LIMIT 1", "--param", f"x={value}")
    assert out.returncode == 2
    assert "is not a valid IRI" in one_line_error(out)


def test_a_declared_iri_parameter_that_is_no_iri_is_a_param_error():
    from kg.query import Param, bind_params

    with pytest.raises(ParamError, match="not a valid IRI"):
        bind_params({"e": "<a b>"}, (Param("e", "iri", "ghr:x", "an entity"),))


def test_cli_query_the_engine_cannot_evaluate_is_one_line_exit_1():
    # Oxigraph refuses HTTP to port 9 before connecting: an evaluation error, no network used
    out = kg("query", "tests/data/query/seed_small.ttl", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert out.returncode == 1
    assert one_line_error(out).startswith("kg query: query failed:")


def test_exit_statuses_come_from_a_table_of_types():
    from kg.commands.query import EXIT_STATUS, exit_status
    from kg.query import QueryFailed
    from kg.query.remote import RemoteAnswerError, RemoteError, RemoteQueryError
    from kg.rdf.graphio import GraphInputError

    assert all(isinstance(k, type) and issubclass(k, Exception) for k in EXIT_STATUS)
    assert exit_status(RemoteQueryError("x: HTTP 500")) == 2  # the type decides, not the message
    assert exit_status(RemoteError("x: HTTP 400")) == 1
    assert exit_status(RemoteAnswerError("x")) == 2
    assert exit_status(QueryFailed("x")) == 1 and exit_status(GraphInputError("x")) == 2

    class RenamedRemoteError(RemoteError):
        pass

    RenamedRemoteError.__name__ = "Something"
    assert exit_status(RenamedRemoteError("x")) == 1  # a subclass, whatever its name
    assert exit_status(KeyError("x")) is None


def test_cli_usage_and_query_file_failures_are_typed_exit_2(tmp_path):
    from kg.commands.query import QueryFileError, QueryUsageError, exit_status

    assert exit_status(QueryFileError("x")) == exit_status(QueryUsageError("x")) == 2
    out = kg("query", "tests/data/query/seed_small.ttl", "-f", tmp_path / "missing.rq")
    assert out.returncode == 2 and "missing.rq: cannot read query" in one_line_error(out)
    latin1 = tmp_path / "latin1.rq"
    latin1.write_bytes("SELECT * WHERE { ?s ?p 'é' }".encode("latin-1"))
    out = kg("query", "tests/data/query/seed_small.ttl", "-f", latin1)
    assert out.returncode == 2 and "latin1.rq: cannot read query" in one_line_error(out)
    out = kg("query", "tests/data/query/seed_small.ttl", "ASK {}", "--name", "top_entities")
    assert out.returncode == 2 and "exactly one of QUERY" in one_line_error(out)
    out = kg("query", "tests/data/query/seed_small.ttl", "ASK {}", "--endpoint", "http://127.0.0.1:9/sparql")
    assert out.returncode == 2 and "not both" in one_line_error(out)


def test_cli_parameter_the_query_does_not_select_is_exit_2():
    out = kg("query", "tests/data/query/seed_small.ttl", "SELECT ?l WHERE { ?g rdfs:label ?l ; a ?type }",
             "--param", "type=gh:Measure")
    assert out.returncode == 2
    assert "parameter 'type' is not a variable the query selects (SELECT ?l)" in one_line_error(out)


@pytest.mark.parametrize("name,params", [
    ("top_entities", {"min": "2"}),
    ("mentions_per_period", {"label": "农民工", "per": "year"}),
    ("articles_mentioning", {"entity": "农民工"}),
    ("co_mentioned", {"entity": "求学圆梦行动"}),
    ("relation_evidence", {}),
    ("measures_for_group", {"group": "农民工"}),
])
def test_canned_queries_sent_to_a_server_answer_as_they_do_here(store, name, params):
    """kg query --endpoint binds parameters with a VALUES block, not by substitution: a
    parameter used in a FILTER must still be bound there (a trailing VALUES would not be)."""
    from kg.query.remote import with_values

    canned = find_query(name)
    here = run_canned(store, canned, params)
    sent = run_query(store, with_values(canned.text, params, canned.params))
    assert here.rows and sorted(map(str, sent.rows)) == sorted(map(str, here.rows))


def test_values_open_the_where_group_past_strings_comments_and_subqueries():
    from kg.query.remote import where_group_start

    q = 'PREFIX x: <http://e/#{> # WHERE {\nSELECT ?s WHERE { ?s ?p "}" { SELECT ?s WHERE { ?s ?q ?o } } }'
    assert q[:where_group_start(q)].endswith('SELECT ?s WHERE {')
    assert where_group_start("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }") == len("CONSTRUCT { ?s ?p ?o } WHERE {")
    assert where_group_start("ASK { ?s ?p ?o }") is None
