"""The SPARQL endpoint (``kg serve``, a real HTTP server in its own process) refuses
updates, LOAD and SERVICE without any outbound request, however the query is spelt;
answers only its own Host names and its own pages (or origins named with --cors);
takes no body over 1 MB and no endless chunked body; keeps a lane for cheap queries
while heavy ones loop; stops a query that would run forever at its time limit, caps
result size, and answers the next query each time."""

from __future__ import annotations

import json
import select
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from listener import Listener

import kg

from .conftest import kg_env, kg_subprocess

TIMEOUT = 2.0
MAX_ROWS = 50
NORMAL = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/gonghui-kg/ontology#Article> }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    result = kg.build(output=root / "out", html=False, workers=1, cache=root / "cache")  # the sample corpus
    return result.graph_path


class Served:
    """``kg serve GRAPH ARGS`` in its own process on a free loopback port, until ``stop()``."""

    def __init__(self, graph, *args: str):
        self.port = free_port()
        self.proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(graph), "--port", str(self.port),
                                      "--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS), "--workers", "1",
                                      *args],
                                     env=kg_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(self.url, NORMAL)[0] == 200:
                    break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"kg serve did not come up: {self.proc.stdout.read()}")
            time.sleep(0.3)

    def rss_mb(self) -> float:
        """Resident memory of the server process (not its query workers), in MB."""
        with open(f"/proc/{self.proc.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        raise AssertionError("no VmRSS")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def served(graph_file):
    server = Served(graph_file)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def endpoint(served):
    return served.url


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


# --- SERVICE, however it is spelt -----------------------------------------------------

def obfuscated_services(target: str) -> list[str]:
    """SERVICE clauses that a keyword guard misses or that two parsers could read apart."""
    return [
        f"SELECT * WHERE {{ # x\rSERVICE <{target}> {{ ?s ?p ?o }} }}",  # a comment ended by a bare CR
        f"SELECT * WHERE {{ # x\r\n SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f'SELECT * WHERE {{ ?s ?p "\\u0022" . SERVICE <{target}> {{ ?a ?b ?c }} ?s ?p "\\u0022" }}',
        f"select * where {{ ?x ?y ?z . optional {{ sErViCe silent <{target}> {{ ?s ?p ?o }} }} }} limit 1",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE<{target}>{{?s ?p ?o}} }} }} }}",
        f"ASK {{ FILTER EXISTS {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ VALUES ?u {{ <{target}> }} SERVICE ?u {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{target}> {{ ?s ?p ?o }} }}",
    ]


def test_oxigraph_itself_would_follow_the_carriage_return_service():
    """The attack is real: Oxigraph alone contacts the listener, so a silent listener below means refused."""
    import pyoxigraph as ox

    target = Listener()
    try:
        query = f"SELECT * WHERE {{ # x\rSERVICE SILENT <http://127.0.0.1:{target.port}/> {{ ?s ?p ?o }} }}"
        list(ox.Store().query(query))
        deadline = time.monotonic() + 5
        while target.connections == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert target.connections >= 1
    finally:
        target.close()


def test_service_is_refused_however_it_is_spelt(endpoint):
    target = Listener()
    try:
        remote = f"http://127.0.0.1:{target.port}/"
        for query in obfuscated_services(remote):
            for status, _, body in (
                get(endpoint, query),
                request(endpoint, query.encode(), {"Content-Type": "application/sparql-query"}),
                request(endpoint, urllib.parse.urlencode({"query": query}).encode(),
                        {"Content-Type": "application/x-www-form-urlencoded"}),
            ):
                assert status in (400, 403), (query, status, body)
        time.sleep(0.5)
        assert target.connections == 0
    finally:
        target.close()
    still_up(endpoint)


def test_the_word_service_in_data_is_no_service(endpoint):
    query = ('SELECT ?s WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }" } # SERVICE <http://x/> {}\n'
             "LIMIT 1")
    status, _, body = get(endpoint, query)
    assert status == 200, body
    assert json.loads(body)["results"]["bindings"] == []


# --- who may ask: Host, Origin, Sec-Fetch-Site, CORS ------------------------------------

@pytest.mark.parametrize("host,allowed", [
    ("evil.example", False), ("evil.example:{port}", False), ("localhost:1", False), ("127.0.0.1", False),
    ("127.0.0.1:{port}", True), ("localhost:{port}", True), ("LOCALHOST:{port}", True), ("[::1]:{port}", True),
])
def test_only_this_servers_own_host_names_are_answered(served, host, allowed):
    status, _, body = get(served.url, NORMAL, headers={"Host": host.format(port=served.port)})
    if allowed:
        assert status == 200 and json.loads(body)["results"]["bindings"], body
    else:
        assert status == 403 and "Host" in body and "bindings" not in body


@pytest.mark.parametrize("headers,allowed", [
    ({"Origin": "http://evil.example"}, False),
    ({"Origin": "null"}, False),
    ({"Origin": "http://localhost:1"}, False),
    ({"Sec-Fetch-Site": "cross-site"}, False),  # an <img> or <form> on another site's page sends no Origin
    ({"Sec-Fetch-Site": "same-site", "Origin": "http://localhost:1"}, False),
    ({"Origin": "http://127.0.0.1:{port}", "Sec-Fetch-Site": "same-origin"}, True),  # the query page itself
    ({"Sec-Fetch-Site": "none"}, True),  # typed into the address bar
])
def test_requests_from_other_sites_pages_are_refused(served, headers, allowed):
    headers = {k: v.format(port=served.port) for k, v in headers.items()}
    status, got, body = get(served.url, NORMAL, headers=headers)
    assert (status == 200) is allowed, body
    if not allowed:
        assert status == 403 and "bindings" not in body and "Access-Control-Allow-Origin" not in got
    status, _, _ = request(served.url, urllib.parse.urlencode({"query": NORMAL}).encode(),
                           {"Content-Type": "application/x-www-form-urlencoded", **headers})
    assert (status == 200) is allowed


def test_cors_is_granted_to_the_named_origin_only(graph_file):
    server = Served(graph_file, "--cors", "https://yasgui.example")
    try:
        status, headers, body = get(server.url, NORMAL, headers={"Origin": "https://yasgui.example",
                                                                 "Sec-Fetch-Site": "cross-site"})
        assert status == 200 and json.loads(body)["results"]["bindings"]
        assert headers["Access-Control-Allow-Origin"] == "https://yasgui.example"
        assert "Origin" in headers["Vary"] and "Accept" in headers["Vary"]
        req = urllib.request.Request(server.url, method="OPTIONS", headers={
            "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        with urllib.request.urlopen(req, timeout=30) as r:
            assert r.status == 204
            assert r.headers["Access-Control-Allow-Origin"] == "https://yasgui.example"
            assert "POST" in r.headers["Access-Control-Allow-Methods"]
            assert "content-type" in r.headers["Access-Control-Allow-Headers"].lower()
        status, headers, body = get(server.url, NORMAL, headers={"Origin": "https://other.example"})
        assert status == 403 and "Access-Control-Allow-Origin" not in headers
        status, headers = _options(server.url, "https://other.example")
        assert status == 403 and "Access-Control-Allow-Origin" not in headers
    finally:
        server.stop()


def _options(url: str, origin: str) -> tuple[int, dict]:
    req = urllib.request.Request(url, method="OPTIONS", headers={"Origin": origin,
                                                                 "Access-Control-Request-Method": "POST"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers)


# --- bodies: 1 MB at most, no endless chunks ---------------------------------------------

def raw_exchange(port: int, head: bytes, body_pieces=(), *, seconds: float = 10) -> bytes:
    """Send ``head`` and the body pieces on one connection (stopping when the server stops
    reading), then return what the server answered (at most 64 KB, within ``seconds``)."""
    with socket.create_connection(("127.0.0.1", port), timeout=seconds) as s:
        s.sendall(head)
        try:
            for piece in body_pieces:
                if select.select([s], [], [], 0)[0]:
                    break  # the server has answered: sending more would only reset the connection
                s.sendall(piece)
        except OSError:  # the server answered and closed: that is the point
            pass
        answer = b""
        deadline = time.monotonic() + seconds
        try:
            while len(answer) < 65536 and time.monotonic() < deadline:
                chunk = s.recv(65536)
                if not chunk:
                    break
                answer += chunk
        except OSError:
            pass
        return answer


def test_bodies_over_one_megabyte_are_refused(served):
    head = (f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\n"
            "Content-Type: application/sparql-query\r\nContent-Length: 104857600\r\n\r\n").encode()
    assert raw_exchange(served.port, head).startswith(b"HTTP/1.1 413")  # refused before the body is read
    query = ("SELECT * WHERE { ?s ?p ?o } #" + "x" * 2_000_000).encode()
    head = (f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\n"
            f"Content-Type: application/sparql-query\r\nContent-Length: {len(query)}\r\n\r\n").encode()
    pieces = [query[i:i + 65536] for i in range(0, len(query), 65536)]
    assert raw_exchange(served.port, head, pieces).startswith(b"HTTP/1.1 413")
    chunked = (f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\n"
               "Content-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n\r\n").encode()
    pieces = [b"10000\r\n" + b"#" * 0x10000 + b"\r\n"] * 40  # 2.5 MB in 64 KB chunks
    assert raw_exchange(served.port, chunked, pieces).startswith(b"HTTP/1.1 413")
    still_up(served.url)


def test_an_endless_chunk_leaves_the_server_small_and_answering(served):
    before = served.rss_mb()
    attack = (f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\nContent-Type: application/sparql-query\r\n"
              "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\n").encode()
    assert len(attack) < 160
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as s:
        s.sendall(attack)
        s.shutdown(socket.SHUT_WR)  # the body ends here: Werkzeug's server then grew by about 300 MB/s
        time.sleep(2)
        grown = served.rss_mb() - before
        still_up(served.url)  # and it answers the others meanwhile
    assert grown < 100, f"server grew by {grown:.0f} MB"
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as s:
        s.sendall(attack)
        try:
            for _ in range(64):  # an attacker who keeps sending: 4 MB at most, refused at 1 MB
                if select.select([s], [], [], 0)[0]:
                    break  # the server has answered
                s.sendall(b"\0" * 65536)
        except OSError:
            pass  # the server answered and closed
        s.settimeout(10)
        try:
            answer = s.recv(200)
        except OSError:
            answer = b""
    assert answer.startswith(b"HTTP/1.1 413"), answer
    assert served.rss_mb() - before < 100
    still_up(served.url)


# --- lanes: cheap queries answer while heavy ones loop --------------------------------------

FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def test_cheap_queries_keep_a_lane_while_heavy_ones_loop(graph_file):
    server = Served(graph_file, "--workers", "1", "--quick-workers", "1", "--quick-time", "1")
    stop = threading.Event()
    heavy_statuses: list[int] = []

    def heavy() -> None:
        deadline = time.monotonic() + 90
        for _ in range(300):  # bounded in count and in time
            if stop.is_set() or time.monotonic() > deadline:
                return
            try:
                status = get(server.url, FOREVER, timeout=60)[0]
            except OSError:
                status = 0
            heavy_statuses.append(status)
            if status != 200:
                time.sleep(0.1)

    threads = [threading.Thread(target=heavy, daemon=True) for _ in range(3)]
    try:
        for t in threads:
            t.start()
        time.sleep(3 * TIMEOUT)  # the heavy ones now hold the workers
        answered = []
        for _ in range(5):
            answered.append(get(server.url, NORMAL, timeout=60)[0])
            time.sleep(0.3)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=90)
        server.stop()
    assert answered.count(200) >= 4, answered
    assert heavy_statuses and 200 not in heavy_statuses  # the heavy ones were stopped, every time


def test_a_warning_when_listening_beyond_loopback(graph_file):
    # 192.0.2.1 (TEST-NET-1) is no address of this machine: the warning comes, then binding fails
    r = kg_subprocess("serve", str(graph_file), "--host", "192.0.2.1", "--port", str(free_port()), "--workers", "1",
                      timeout=120)
    assert r.returncode == 2
    assert "warning" in r.stderr and "192.0.2.1" in r.stderr and "loopback" in r.stderr


def test_a_query_worker_reaches_no_server_even_past_the_parser():
    """The second wall: a worker process leaves the network before it runs any query."""
    target = Listener()
    try:
        code = ("from kg.serve.worker import leave_the_network\nimport pyoxigraph as ox\n"
                "print(leave_the_network())\n"
                f"list(ox.Store().query('SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{target.port}/> "
                "{ ?s ?p ?o } }'))\n")
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=kg_env(), timeout=60)
        assert r.returncode == 0, r.stderr
        if r.stdout.strip() != "True":
            pytest.skip("this system lets no process make a network namespace; the parse-tree check stands alone")
        time.sleep(0.5)
        assert target.connections == 0
    finally:
        target.close()
