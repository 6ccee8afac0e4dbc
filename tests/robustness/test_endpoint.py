"""The SPARQL endpoint (``kg serve``, a real HTTP server in its own process) refuses
updates, LOAD and SERVICE without any outbound request, stops a query that would run
forever at its time limit, caps result size, and answers the next query each time."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

import kg

from .conftest import kg_env

TIMEOUT = 2.0
MAX_ROWS = 50
NORMAL = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/gonghui-kg/ontology#Article> }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Listener:
    """A local TCP port that records whether anybody connected (the SERVICE target)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self.stop = True
        self.thread.join()
        self.sock.close()


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    result = kg.build(output=root / "out", html=False, workers=1, cache=root / "cache")  # the sample corpus
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(result.graph_path), "--port", str(port),
                             "--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS), "--workers", "1"],
                            env=kg_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/sparql"
    deadline = time.monotonic() + 60
    while True:
        try:
            if get(url, NORMAL)[0] == 200:
                break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"kg serve did not come up: {proc.stdout.read()}")
        time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def request(url: str, data: bytes | None = None, headers: dict | None = None, timeout: float = 60):
    req = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json",
                                                          **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode("utf-8")


def get(url: str, query: str, **kw):
    return request(f"{url}?{urllib.parse.urlencode({'query': query})}", **kw)


def still_up(url: str) -> None:
    status, _, body = get(url, NORMAL)
    assert status == 200
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == 3


@pytest.mark.parametrize("how", ["update-form", "update-body", "query-param"])
def test_updates_are_refused(endpoint, how):
    update = "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"
    if how == "update-form":
        status, _, body = request(endpoint, urllib.parse.urlencode({"update": update}).encode(),
                                  {"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "update-body":
        status, _, body = request(endpoint, update.encode(), {"Content-Type": "application/sparql-update"})
    else:
        status, _, body = get(endpoint, update)
    assert status == 403 and "read-only" in body
    assert get(endpoint, "ASK { <http://x/a> <http://x/b> <http://x/c> }")[2].find("true") < 0
    still_up(endpoint)


def test_load_and_service_are_refused_without_any_outbound_request(endpoint):
    target = Listener()
    try:
        remote = f"http://127.0.0.1:{target.port}/sparql"
        for status, _, body in (
            get(endpoint, f"LOAD <{remote}>"),
            request(endpoint, f"LOAD <{remote}>".encode(), {"Content-Type": "application/sparql-update"}),
            get(endpoint, f"SELECT * WHERE {{ SERVICE <{remote}> {{ ?s ?p ?o }} }}"),
            get(endpoint, f"select * where {{ ?x ?y ?z . service silent <{remote}> {{ ?s ?p ?o }} }} LIMIT 1"),
        ):
            assert status == 403, body
        time.sleep(0.5)
        assert target.connections == 0
    finally:
        target.close()
    still_up(endpoint)


def test_a_query_that_runs_forever_is_stopped_at_the_time_limit(endpoint):
    forever = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }")
    status, _, body = get(endpoint, forever, timeout=120)  # 1620^5 rows: it never ends on its own
    assert status == 503, body
    still_up(endpoint)


def test_huge_results_are_capped(endpoint):
    status, headers, body = get(endpoint, "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }", timeout=120)
    assert status == 200, body
    rows = json.loads(body)["results"]["bindings"]
    assert len(rows) == MAX_ROWS
    assert "X-Result-Truncated" in headers
    still_up(endpoint)
