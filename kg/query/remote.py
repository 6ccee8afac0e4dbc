"""Talk to a SPARQL server over HTTP: the SPARQL 1.1 Protocol and Graph Store Protocol.

``URL`` is the server's base address. For Oxigraph (``oxigraph serve``) that is
``http://host:7878``; queries go to ``URL/query``, graphs to ``URL/store``. A URL that
already ends in ``/query``, ``/sparql``, ``/store`` or ``/data`` is used as it is, so
other servers (Fuseki: ``http://host:3030/ds/sparql`` and ``.../ds/data``) work too.

>>> query_url("http://localhost:7878/"), store_url("http://localhost:7878")
('http://localhost:7878/query', 'http://localhost:7878/store')
>>> print(with_prefixes("PREFIX gh: <x#> SELECT * WHERE { ?s gh:p ?o }").count("PREFIX gh:"))
1
"""

from __future__ import annotations

import json
import re

import pyoxigraph as ox

from kg.query.run import QueryResult, bind_params
from kg.rdf.formats import CONTENT_TYPES, of_kind
from kg.rdf.prefixes import PREFIXES

TIMEOUT = 120.0  # seconds for one request
_QUERY_ENDS = ("/query", "/sparql")
_STORE_ENDS = ("/store", "/data")
_DECLARED = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:", re.I)

#: The media types a SPARQL JSON results answer comes with (:mod:`kg.rdf.formats`).
_JSON_TYPES = next(f.media_types for f in of_kind("solutions") if f.name == "json")


class RemoteError(Exception):
    """The server could not be reached or refused a request (message says which and why)."""


class RemoteQueryError(RemoteError):
    """The server refused the query itself as malformed (HTTP 400)."""


class RemoteAnswerError(RemoteError):
    """The server answered, but not with what the protocol promises (not HTTP, not
    SPARQL results, not RDF)."""


def _is_protocol_error(exc: BaseException) -> bool:
    """Whether ``exc`` (as requests wraps it) comes from an answer that is not HTTP."""
    import http.client

    seen, todo = set(), [exc]
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, http.client.HTTPException):
            return True
        if isinstance(e, BaseException):
            todo += [a for a in e.args if isinstance(a, BaseException)]
            todo += [c for c in (e.__cause__, e.__context__) if c is not None]
    return False


def query_url(url: str) -> str:
    url = url.rstrip("/")
    return url if url.endswith(_QUERY_ENDS) else url + "/query"


def store_url(url: str) -> str:
    url = url.rstrip("/")
    return url if url.endswith(_STORE_ENDS) else url + "/store"


def with_prefixes(sparql: str) -> str:
    """``sparql`` with PREFIX lines for the project's prefixes it uses but does not declare."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(sparql)}
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES if p not in declared]
    return "\n".join(lines + [sparql])


def with_values(sparql: str, params: dict | None, declared=None) -> str:
    """``sparql`` with the parameters bound by a VALUES block (never pasted in), opening the
    query's WHERE group, so that its FILTERs and aggregates see them as Oxigraph's
    substitution does locally (a trailing VALUES joins only after the aggregation: a
    parameter used in a FILTER would be unbound there). Where no WHERE group is found the
    VALUES block trails the query.

    >>> with_values("SELECT ?m WHERE { ?m rdfs:label ?group }", {"group": "农民工"})
    'SELECT ?m WHERE { VALUES (?group) { ("农民工"@zh) }\\n ?m rdfs:label ?group }'
    >>> with_values("ASK { ?m rdfs:label ?group }", {"group": "农民工"})
    'ASK { ?m rdfs:label ?group }\\nVALUES (?group) { ("农民工"@zh) }'
    """
    subs = bind_params(params, declared)
    if not subs:
        return sparql
    names = " ".join(f"?{v.value}" for v in subs)
    values = " ".join(str(t) for t in subs.values())
    block = f"VALUES ({names}) {{ ({values}) }}"
    at = where_group_start(sparql)
    if at is None:
        return f"{sparql}\n{block}"
    return f"{sparql[:at]} {block}\n{sparql[at:]}"


#: What the scan of :func:`where_group_start` steps over whole: comments, strings (long
#: ones first), IRIs; and the tokens it looks at: the WHERE keyword and braces.
_TOKENS = re.compile(r"""#[^\n]*|'{3}.*?'{3}|"{3}.*?"{3}|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\s]*>"""
                     r"""|(?<![\w?$:])WHERE(?![\w:])|[{}]""", re.S | re.I)


def where_group_start(sparql: str) -> int | None:
    """The offset just inside the ``{`` that opens the query's top-level WHERE group, or None.

    >>> q = 'SELECT ?x WHERE { ?x rdfs:label "WHERE {" . { SELECT ?y WHERE { ?y ?p ?x } } }'
    >>> q[:where_group_start(q)]
    'SELECT ?x WHERE {'
    """
    depth, after_where = 0, False
    for m in _TOKENS.finditer(sparql):
        token = m.group()
        if token == "{":
            if depth == 0 and after_where:
                return m.end()
            depth += 1
        elif token == "}":
            depth -= 1
        elif token.upper() == "WHERE" and depth == 0:
            after_where = True
    return None


def _session():
    import requests

    return requests.Session()


def request(session, method: str, url: str, **kw):
    """One HTTP request; a RemoteError names the URL and the server's complaint."""
    import requests

    try:
        r = session.request(method, url, timeout=TIMEOUT, **kw)
    except requests.RequestException as exc:
        if _is_protocol_error(exc):
            raise RemoteAnswerError(f"{url}: the server's answer is not valid HTTP: {_one_line(exc)}") from None
        raise RemoteError(f"{url}: cannot reach the server: {_one_line(exc)}") from None
    if r.status_code >= 400:
        body = r.text.strip().splitlines()[:3]
        kind = RemoteQueryError if r.status_code == 400 else RemoteError
        raise kind(f"{url}: HTTP {r.status_code}: {_one_line(' '.join(body)) or r.reason}")
    return r


def _one_line(text: object, limit: int = 300) -> str:
    """``text`` on one line, control characters shown escaped, at most ``limit`` characters."""
    flat = " ".join(str(text).split())
    flat = "".join(c if c.isprintable() else repr(c)[1:-1] for c in flat)
    return flat if len(flat) <= limit else flat[:limit] + "…"


def query_endpoint(url: str, sparql: str, params: dict | None = None, *, declared=None,
                   session=None) -> QueryResult:
    """Run ``sparql`` on the server at ``url`` and return the same QueryResult as a local query.

    The project's prefixes need no PREFIX line; ``params`` are bound as RDF terms (see
    :func:`kg.query.run.bind_params`). Named graphs are queried as one (Oxigraph's
    ``union-default-graph``), as ``kg push`` stores one graph per article.
    """
    text = with_values(with_prefixes(sparql), params, declared)
    session = session or _session()
    r = request(session, "POST", query_url(url), params={"union-default-graph": ""},
                data=text.encode("utf-8"),
                headers={"Content-Type": "application/sparql-query; charset=utf-8",
                         "Accept": f"{CONTENT_TYPES['json']}, {CONTENT_TYPES['ntriples']};q=0.9"})
    kind = r.headers.get("Content-Type", "").split(";")[0].strip()
    where = query_url(url)
    if kind in _JSON_TYPES:
        try:
            return parse_json_results(r.content)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise RemoteAnswerError(f"{where}: the answer is not SPARQL JSON results: {_one_line(exc)}") from None
    if kind == CONTENT_TYPES["ntriples"]:
        try:
            triples = tuple(ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES))
        except (SyntaxError, ValueError) as exc:
            raise RemoteAnswerError(f"{where}: the answer is not valid N-Triples: {_one_line(exc)}") from None
        return QueryResult("graph", triples=triples)
    raise RemoteAnswerError(f"{where}: unexpected answer of type {_one_line(kind) or 'unknown'}")


def parse_json_results(data: bytes) -> QueryResult:
    """SPARQL 1.1 Query Results JSON as a QueryResult of Oxigraph terms.

    Raises ValueError, KeyError or TypeError when ``data`` is not in that format.

    >>> r = parse_json_results(b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"a","xml:lang":"zh"}},{}]}}')
    >>> r.variables, r.rows
    (('x',), ((<Literal value=a language=zh>,), (None,)))
    """
    doc = json.loads(data)
    if "boolean" in doc:
        return QueryResult("ask", boolean=bool(doc["boolean"]))
    variables = tuple(doc["head"]["vars"])
    rows = tuple(tuple(_term(b[v]) if v in b else None for v in variables) for b in doc["results"]["bindings"])
    return QueryResult("select", variables, rows)


def _term(t: dict):
    kind, value = t["type"], t["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in t:
        return ox.Literal(value, language=t["xml:lang"])
    if "datatype" in t:
        return ox.Literal(value, datatype=ox.NamedNode(t["datatype"]))
    return ox.Literal(value)
