"""kg push into a real Oxigraph server on loopback, re-push an edited article, query it."""

import shutil
import socket
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest
import requests

from kg.export.partition import partition_by_article
from kg.pipeline import build
from kg.query.canned import find_query
from kg.query.push import push_graph
from kg.query.remote import RemoteError, query_endpoint
from kg.query.run import run_canned
from kg.rdf.graphio import load_store

GH = "https://w3id.org/gonghui-kg/ontology#"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server binary (PyPI package 'oxigraph') is not installed")
    port = _free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(url + "/query", params={"query": "ASK {}"}, timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            pytest.fail(f"oxigraph did not start: {proc.stderr.read1().decode()}")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _count(url, query):
    r = query_endpoint(url, query)
    return int(r.rows[0][0].value)


def _article(graph_dir, title):
    store = load_store(graph_dir)
    [row] = store.query(f'SELECT ?a WHERE {{ ?a <http://purl.org/dc/terms/title> "{title}"@zh }}')
    return row["a"].value


def test_push_requery_and_repush_an_edited_article(corpus, tmp_path, server):
    first = build([corpus], tmp_path / "one", html=False, workers=1)
    pushed = push_graph(first.output, server)
    assert pushed.articles == 3 and pushed.shared > 0
    assert _count(server, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == 3
    total = _count(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert total == len(set(first.triples))  # union of named graphs + default = the whole graph

    # the same canned question gets the same answer remotely as locally
    canned = find_query("measures_for_group")
    local = run_canned(load_store(first.output), canned, {"group": "困难职工"})
    remote = query_endpoint(server, canned.text, {"group": "困难职工"}, declared=canned.params)
    assert remote.variables == local.variables
    assert sorted(map(str, remote.rows)) == sorted(map(str, local.rows)) and local.rows

    # edit one article, rebuild, push only it with the CLI
    stale = 'ASK { GRAPH ?g { ?e gh:sentence ?s FILTER(CONTAINS(?s, "针对困难职工开展帮扶")) } }'
    assert query_endpoint(server, stale).boolean is True
    b = _article(first.output, "四川省总工会启动帮扶行动")
    other = _article(first.output, "工会开展送温暖活动")
    before_other = _count(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{other}> {{ ?s ?p ?o }} }}")
    (corpus / "b.md").write_text("# 四川省总工会启动帮扶行动\n\n**李红**\n\n四川省总工会针对农民工开展职业技能培训。\n",
                                 encoding="utf-8")
    second = build([corpus], tmp_path / "two", html=False, workers=1)
    assert _article(second.output, "四川省总工会启动帮扶行动") == b
    r = subprocess.run([sys.executable, "-m", "kg", "push", str(second.output), server, "--article", b],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "pushed 1 article graph" in r.stdout

    texts = query_endpoint(server, f"SELECT ?t WHERE {{ GRAPH <{b}> {{ <{b}> gh:text ?t }} }}").rows
    assert len(texts) == 1 and "针对农民工开展职业技能培训" in texts[0][0].value
    served = query_endpoint(server, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{b}> {{ ?s ?p ?o }} }}").triples
    parts, _ = partition_by_article(load_store(second.output))
    assert {str(t) for t in served} == {str(ox.Triple(*t)) for t in parts[ox.NamedNode(b)]}
    assert _count(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{other}> {{ ?s ?p ?o }} }}") == before_other
    assert query_endpoint(server, stale).boolean is False  # nothing of the old text is left


def test_push_errors_are_clear(corpus, tmp_path, server):
    built = build([corpus], tmp_path / "g", html=False, workers=1)
    r = subprocess.run([sys.executable, "-m", "kg", "push", str(built.output), server, "--article", "no-such-id"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "no-such-id" in r.stderr
    dead = f"http://127.0.0.1:{_free_port()}"
    r = subprocess.run([sys.executable, "-m", "kg", "push", str(built.output), dead], capture_output=True, text=True)
    assert r.returncode == 1 and "cannot reach" in r.stderr
    r = subprocess.run([sys.executable, "-m", "kg", "push", str(tmp_path / "nothing"), server], capture_output=True, text=True)
    assert r.returncode == 2 and "nothing" in r.stderr
    with pytest.raises(RemoteError, match="HTTP 400"):
        query_endpoint(server, "SELECT ?x WHERE { ?x")


def test_kg_query_endpoint_answers_like_the_local_graph(corpus, tmp_path, server):
    first = build([corpus], tmp_path / "one", html=False, workers=1)
    push_graph(first.output, server)
    args = ["--name", "measures_for_group", "--param", "group=困难职工", "--format", "csv"]
    remote = subprocess.run([sys.executable, "-m", "kg", "query", "--endpoint", server, *args],
                            capture_output=True, text=True)
    local = subprocess.run([sys.executable, "-m", "kg", "query", str(first.output), *args],
                           capture_output=True, text=True)
    assert remote.returncode == 0, remote.stderr
    assert sorted(remote.stdout.splitlines()) == sorted(local.stdout.splitlines())
    assert len(local.stdout.splitlines()) > 1
    broken = subprocess.run([sys.executable, "-m", "kg", "query", "--endpoint", server, "SELECT ?x WHERE {"],
                            capture_output=True, text=True)
    assert broken.returncode == 2
    down = subprocess.run([sys.executable, "-m", "kg", "query", "--endpoint", "http://127.0.0.1:9", "ASK {}"],
                          capture_output=True, text=True)
    assert down.returncode == 1 and "127.0.0.1:9" in down.stderr


class MalformedServer:
    """A loopback server that answers every request with the same broken bytes (bounded: 50 requests, 60 s)."""

    def __init__(self, answer: bytes):
        import threading

        self.answer = answer
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        deadline = time.monotonic() + 60
        served = 0
        while not self.stop and served < 50 and time.monotonic() < deadline:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            served += 1
            with conn:
                conn.settimeout(2)
                try:
                    head = b""
                    while b"\r\n\r\n" not in head and len(head) < 65536:
                        chunk = conn.recv(65536)
                        if not chunk:
                            break
                        head += chunk
                    conn.sendall(self.answer)
                except OSError:
                    pass

    def close(self):
        self.stop = True
        self.thread.join(10)
        self.sock.close()


def _http(body: bytes, ctype: str) -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype.encode() + b"\r\nContent-Length: " + \
        str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body


@pytest.mark.parametrize("answer", [
    _http(b"{oops", "application/sparql-results+json"),
    _http(b'{"head": "hello"}', "application/sparql-results+json"),
    _http(b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"value": 1}}]}}', "application/json"),
    _http(b"<a> <b> .", "application/n-triples"),
    _http(b"<p>hello</p>", "text/html"),
    b"\x00\x01not http at all\r\n\r\n",
])
def test_kg_query_endpoint_with_a_malformed_answer_is_one_line_exit_2(answer):
    server = MalformedServer(answer)
    try:
        r = subprocess.run([sys.executable, "-m", "kg", "query", "--endpoint", server.url, "SELECT * WHERE { ?s ?p ?o }"],
                           capture_output=True, text=True, timeout=120)
    finally:
        server.close()
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr and server.url in lines[0]


def test_kg_push_to_a_server_that_does_not_speak_http_is_one_line_exit_2(tmp_path):
    from pathlib import Path

    graph = Path(__file__).resolve().parents[1] / "data" / "query" / "seed_small.ttl"
    server = MalformedServer(b"\x00\x01not http at all\r\n\r\n")
    try:
        r = subprocess.run([sys.executable, "-m", "kg", "push", str(graph), server.url],
                           capture_output=True, text=True, timeout=120)
    finally:
        server.close()
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "not valid HTTP" in lines[0]
