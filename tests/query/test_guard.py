"""The read-only guard reads a query as Oxigraph does: whatever it lets through, Oxigraph
runs without contacting anybody. Checked against Oxigraph itself and a loopback listener."""

from __future__ import annotations

import time

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from listener import Listener

from kg.query.guard import forbidden_operation
from kg.query.run import QuerySyntaxError


@pytest.fixture(scope="module")
def listener():
    target = Listener()
    yield target
    target.close()


def verdict(query: str) -> str | None:
    try:
        return forbidden_operation(query)
    except QuerySyntaxError:
        return "malformed"


#: Pieces that two SPARQL lexers could read apart: comments ended by CR, LF or CRLF, strings
#: holding escaped quotes or backslashes, long strings, and the SERVICE itself.
PIECES = [
    "# c\r", "# c\n", "# c\r\n", "#\r", '"\\u0022"', "'\\u0027'", '"\\\\"', '"""a"b"""', "'''a\r'b'''",
    '"\\"#"', "<http://x/#a>", "\\u0023", "?s ?p ?o .", '?s ?p "\\u0022" .', '?s ?p "\\u0022"', "?s ?p '\\u0027'",
    "SERVICE SILENT <{url}> { ?a ?b ?c }",
    "service silent <{url}> {}", " ", "\r", "\n", "\t",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8))
@example(["# c\r", "SERVICE SILENT <{url}> { ?a ?b ?c }"])  # the two attacks found by hand
@example(['?s ?p "\\u0022" .', "SERVICE SILENT <{url}> { ?a ?b ?c }", '?s ?p "\\u0022"'])
def test_what_the_guard_lets_through_contacts_nobody(listener, pieces):
    body = " ".join(p.replace("{url}", listener.url) for p in pieces)
    query = f"SELECT * WHERE {{ {body} }}"
    if verdict(query) is not None:
        return  # refused (or not understood): never run
    before = listener.connections
    try:
        list(ox.Store().query(query))
    except SyntaxError:
        return
    time.sleep(0.01)
    assert listener.connections == before, repr(query)


def test_the_fuzz_pieces_do_reach_the_listener_when_oxigraph_runs_them(listener):
    """So a silent listener above means refused, not a listener that hears nothing."""
    before = listener.connections
    for query in (f"SELECT * WHERE {{ # c\rSERVICE SILENT <{listener.url}> {{ ?a ?b ?c }} }}",
                  f'SELECT * WHERE {{ ?s ?p "\\u0022" . SERVICE SILENT <{listener.url}> {{}} ?s ?p "\\u0022" }}'):
        list(ox.Store().query(query))
        assert verdict(query) == "SERVICE (federated query)"
    deadline = time.monotonic() + 5
    while listener.connections < before + 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert listener.connections >= before + 2


@pytest.mark.parametrize("query", [
    'SELECT ?s WHERE { ?s rdfs:label "SERVICE <http://x/> {}" }',
    "SELECT ?service WHERE { ?service gh:load ?x } # SERVICE <http://x/> {}",
    "PREFIX service: <http://x/> SELECT * WHERE { ?s service:load ?o }",
    "SELECT * WHERE { ?s ?p <http://x/SERVICE> }",
])
def test_the_words_alone_are_no_service(query):
    assert verdict(query) is None


@pytest.mark.parametrize("query,refused", [
    ("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", "SPARQL Update (INSERT DATA)"),
    ("PREFIX x: <http://x/>\r# c\rLOAD <http://x/y>", "SPARQL Update (LOAD)"),
    ("DELETE WHERE { ?s ?p ?o }", "SPARQL Update (DELETE WHERE)"),
    ("CLEAR ALL", "SPARQL Update (CLEAR)"),
])
def test_updates_are_named(query, refused):
    assert verdict(query) == refused
