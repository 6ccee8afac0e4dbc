"""kg serve: a real HTTP SPARQL endpoint on a free port."""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.serve import start_server

ROOT = Path(__file__).resolve().parents[2]
SELECT = "SELECT ?l WHERE { ?g a gh:WorkerGroup ; rdfs:label ?l } ORDER BY ?l"
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?q ?r ?s }"


@pytest.fixture(scope="module")
def server(fixture_path):
    running = start_server(fixture_path, port=0, timeout=2, max_rows=5, workers=1)
    yield running
    running.close()


def http(url, data=None, headers=None, method=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8")


def get(server, query, accept=None):
    return http(f"{server.url}/sparql?query={urllib.parse.quote(query)}", headers={"Accept": accept} if accept else {})


def test_get_json_and_row_cap(server):
    status, headers, body = get(server, SELECT)
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
    rows = json.loads(body)["results"]["bindings"]
    assert [r["l"]["value"] for r in rows] == ["一线职工", "农民工", "困难职工", "快递员", "新就业形态劳动者"]
    assert "5" in headers["X-Result-Truncated"]  # eight groups, capped at five


def test_post_form_and_query_body(server):
    q = "SELECT ?m WHERE { ?m gh:targets ghr:group\\/农民工 }"
    status, _, body = http(f"{server.url}/sparql", data=urllib.parse.urlencode({"query": q}).encode(),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and "求学圆梦行动" in body
    status, _, body2 = http(f"{server.url}/sparql", data=q.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 200 and json.loads(body2) == json.loads(body)


@pytest.mark.parametrize("accept,ctype,first", [
    ("application/sparql-results+xml", "application/sparql-results+xml", '<?xml version="1.0"?>'),
    ("text/csv", "text/csv", "l"),
    ("text/tab-separated-values", "text/tab-separated-values", "?l"),
])
def test_content_negotiation(server, accept, ctype, first):
    status, headers, body = get(server, SELECT, accept)
    assert status == 200 and headers["Content-Type"].startswith(ctype)
    assert body.splitlines()[0] == first and "农民工" in body


def test_construct_returns_turtle(server):
    status, headers, body = get(server, "CONSTRUCT { ?m gh:targets ?g } WHERE { ?m gh:targets ?g }", "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert "@prefix gh:" in body and "gh:targets" in body


@pytest.mark.parametrize("how", ["form", "body", "query"])
def test_updates_load_and_service_are_refused(server, how):
    if how == "form":
        status, _, body = http(f"{server.url}/sparql", data=b"update=DROP+ALL",
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "body":
        status, _, body = http(f"{server.url}/sparql", data=b"LOAD <http://example.org/x.ttl>",
                               headers={"Content-Type": "application/sparql-update"})
    else:
        status, _, body = get(server, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert status == 403 and "read-only" in body
    assert get(server, "ASK { ?s ?p ?o }")[0] == 200  # and the graph is still there


def test_malformed_query_is_a_400_with_position(server):
    status, _, body = get(server, "SELECT ?x WHERE {\n ?x ?p ?o .\n FILTR(?x)\n}")
    assert status == 400 and "line 3" in body and "^" in body


def test_runaway_query_is_stopped_and_server_stays_up(server):
    t = time.monotonic()
    status, _, body = get(server, FOREVER)
    assert status == 503 and "time limit" in body
    assert time.monotonic() - t < 15
    status, _, body = get(server, "ASK { ?m gh:targets ?g }")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_query_page_and_canned_questions(server):
    status, headers, page = http(server.url + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "measures_for_group" in page and "<script" in page and "http://" not in page.split("<script>")[1].split(
        "const QUERIES")[0]
    status, _, listing = http(server.url + "/queries")
    assert len(json.loads(listing)) >= 8
    url = f"{server.url}/queries/measures_for_group?group={urllib.parse.quote('农民工群体')}"
    status, _, body = http(url)
    rows = json.loads(body)["results"]["bindings"]
    assert status == 200 and {r["measureLabel"]["value"] for r in rows} == {"求学圆梦行动"}
    status, _, body = http(f"{server.url}/queries/measures_for_group?grp=x")
    assert status == 400 and "takes group" in body
    assert http(f"{server.url}/queries/nope")[0] == 404


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_cli_serve_on_a_free_port(fixture_path):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(fixture_path), "--port", str(port),
                             "--workers", "1"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, _, body = http(f"http://127.0.0.1:{port}/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"))
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
                time.sleep(0.2)
        assert status == 200 and json.loads(body)["boolean"] is True
    finally:
        proc.terminate()
        proc.wait(10)


CONSTRUCT = "CONSTRUCT { ?m gh:targets ?g } WHERE { ?m gh:targets ?g }"


@pytest.mark.parametrize("accept,ctype,rdflib_format", [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
])
def test_construct_in_each_rdf_format_by_negotiation(server, fixture_path, accept, ctype, rdflib_format):
    import rdflib

    status, headers, body = get(server, CONSTRUCT, accept)
    assert status == 200 and headers["Content-Type"].startswith(ctype), body
    assert "Accept" in headers["Vary"]
    got = rdflib.Graph().parse(data=body, format=rdflib_format)
    targets = rdflib.URIRef("https://w3id.org/gonghui-kg/ontology#targets")
    whole = rdflib.Graph().parse(fixture_path, format="turtle")
    expected = set(whole.triples((None, targets, None)))
    assert set(got) == expected and len(got) == 4


def test_format_parameter_overrides_accept(server):
    status, headers, body = http(f"{server.url}/sparql?format=rdfxml&query={urllib.parse.quote(CONSTRUCT)}",
                                 headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("application/rdf+xml") and "<rdf:RDF" in body


@pytest.mark.parametrize("query,accept", [
    (SELECT, "image/png"),
    (SELECT, "text/turtle"),  # a table cannot be Turtle
    (CONSTRUCT, "text/csv"),  # a graph cannot be CSV
    (SELECT, "application/sparql-results+json;q=0, */*;q=0"),
])
def test_an_accept_that_cannot_be_met_is_406(server, query, accept):
    status, headers, body = get(server, query, accept)
    assert status == 406, body
    assert "Accept" in headers["Vary"] and "cannot answer" in body


def test_every_answer_varies_by_accept(server):
    for status, headers, _ in (get(server, SELECT), get(server, "SELECT * WHERE {"), http(server.url + "/queries")):
        assert "Accept" in headers["Vary"], status


def test_capped_rows_are_signalled_in_json_and_csv(server):
    for accept in ("application/sparql-results+json", "text/csv"):
        status, headers, body = get(server, SELECT, accept)
        assert status == 200 and headers["X-Result-Truncated"] == "rows capped at 5"
        assert "新就业形态劳动者" in body  # the fifth row, the last one sent
    status, headers, _ = get(server, SELECT + " LIMIT 3", "text/csv")
    assert status == 200 and "X-Result-Truncated" not in headers


def test_the_query_page_says_when_rows_are_capped(server, browser):
    page = browser.new_page()
    try:
        page.goto(server.url + "/")
        page.fill("#query", SELECT)
        page.click("#run")
        page.wait_for_selector("#results table", timeout=30_000)
        notice = page.locator("#capped")
        assert notice.is_visible() and "capped at 5" in notice.inner_text()
        assert page.locator("#results tr").count() == 6  # a header and five rows
        page.fill("#query", SELECT + " LIMIT 2")
        page.click("#run")
        page.wait_for_function("document.querySelectorAll('#results tr').length === 3", timeout=30_000)
        assert not notice.is_visible()
    finally:
        page.close()
