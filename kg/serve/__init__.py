"""A read-only SPARQL 1.1 Protocol endpoint and a query page, on Werkzeug.

* ``GET /sparql?query=…`` and ``POST /sparql`` (form ``query=…`` or an
  ``application/sparql-query`` body). Results in JSON, XML, CSV or TSV by the ``Accept``
  header (or ``?format=json|xml|csv|tsv``); CONSTRUCT/DESCRIBE in Turtle or N-Triples.
* ``GET /`` the query page, with the canned questions ready to run;
  ``GET /queries`` lists them as JSON; ``/queries/NAME?param=value`` runs one with its
  parameters bound server-side.
* Read-only: SPARQL Update (``update=`` or ``application/sparql-update``), LOAD and SERVICE
  get 403 with a message. Each query runs in a worker process that is killed after the
  time limit (503); results are capped at ``max_rows`` (header ``X-Result-Truncated``).

Werkzeug is the WSGI toolkit (request parsing, routing, content negotiation) and serves
with its threaded server; :func:`make_app` is a plain WSGI app for any other server.
"""

from __future__ import annotations

import html
import json
import sys
import threading
from dataclasses import dataclass
from importlib import resources

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from kg.graphio import resolve_graph_file
from kg.query.canned import canned_queries
from kg.query.guard import forbidden_operation
from kg.serve.worker import Job, QueryPool, Reply

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "ntriples", "text/plain": "ntriples"}

URLS = Map(
    [
        Rule("/", endpoint="page", methods=["GET"]),
        Rule("/sparql", endpoint="sparql", methods=["GET", "POST"]),
        Rule("/queries", endpoint="list", methods=["GET"]),
        Rule("/queries/<name>", endpoint="canned", methods=["GET", "POST"]),
    ]
)


def _reply(r: Reply) -> Response:
    resp = Response(r.body, status=r.status, content_type=r.content_type)
    for k, v in r.headers:
        resp.headers[k] = v
    return resp


def _text(status: int, message: str) -> Response:
    return Response(message.rstrip("\n") + "\n", status=status, content_type="text/plain; charset=utf-8")


def negotiate(request: Request) -> tuple[str, str]:
    """(solution format, graph format) from ``?format=`` or the Accept header; JSON and Turtle by default."""
    asked = request.args.get("format") or request.form.get("format")
    if asked:
        fmt = asked.lower()
        return (fmt if fmt in ("json", "xml", "csv", "tsv") else "json",
                fmt if fmt in ("turtle", "ntriples") else "turtle")
    accept = request.accept_mimetypes
    best = accept.best_match(list(RESULT_TYPES), default="application/sparql-results+json")
    best_graph = accept.best_match(list(GRAPH_TYPES), default="text/turtle")
    return RESULT_TYPES[best], GRAPH_TYPES[best_graph]


class SparqlApp:
    """The WSGI application: routes requests to the worker pool."""

    def __init__(self, pool: QueryPool, graph_name: str = "graph"):
        self.pool, self.graph_name = pool, graph_name
        self.canned = {q.name: q for q in canned_queries()}

    def __call__(self, environ, start_response):
        request = Request(environ)
        try:
            endpoint, values = URLS.bind_to_environ(environ).match()
            response = getattr(self, "on_" + endpoint)(request, **values)
        except MethodNotAllowed as exc:
            response = _text(405, f"method {request.method} not allowed here; use {', '.join(exc.valid_methods or [])}")
            response.headers["Allow"] = ", ".join(exc.valid_methods or [])
        except NotFound:
            response = _text(404, f"no such page: {request.path}; the endpoint is /sparql")
        except HTTPException as exc:
            response = exc
        return response(environ, start_response)

    # --- SPARQL 1.1 Protocol ---------------------------------------------------------

    def on_sparql(self, request: Request) -> Response:
        ctype = request.mimetype
        if ctype == "application/sparql-update" or "update" in request.args or "update" in request.form:
            return _text(403, "this endpoint is read-only: SPARQL Update is refused")
        if request.method == "POST" and ctype == "application/sparql-query":
            query = request.get_data(as_text=True)
        elif request.method == "POST" and ctype not in ("application/x-www-form-urlencoded", "multipart/form-data"):
            return _text(415, f"POST a form (query=…) or an application/sparql-query body, not {ctype or 'no content type'}")
        else:
            query = request.form.get("query") if request.method == "POST" else request.args.get("query")
        if not query:
            if request.method == "GET" and request.accept_mimetypes.accept_html:
                return self.on_page(request)
            return _text(400, "no query: send query=… (GET or POST form) or an application/sparql-query body")
        refused = forbidden_operation(query)
        if refused:
            return _text(403, f"this endpoint is read-only: {refused} is refused")
        fmt, graph_fmt = negotiate(request)
        return _reply(self.pool.run(Job(query=query, fmt=fmt, graph_fmt=graph_fmt)))

    # --- canned questions ----------------------------------------------------------------

    def on_list(self, request: Request) -> Response:
        return Response(json.dumps(self._canned_json(), ensure_ascii=False), content_type="application/json")

    def on_canned(self, request: Request, name: str) -> Response:
        if name not in self.canned:
            return _text(404, f"no canned query named {name!r}; see /queries")
        source = request.form if request.method == "POST" else request.args
        params = {k: v for k, v in source.items() if k != "format"}
        fmt, graph_fmt = negotiate(request)
        return _reply(self.pool.run(Job(query="", fmt=fmt, graph_fmt=graph_fmt, params=params, canned=name)))

    def _canned_json(self) -> list[dict]:
        return [
            {
                "name": q.name,
                "description": q.description,
                "query": q.text,
                "params": [{"name": p.name, "kind": p.kind, "default": p.default, "help": p.help} for p in q.params],
            }
            for q in self.canned.values()
        ]

    def on_page(self, request: Request) -> Response:
        template = resources.files("kg.serve").joinpath("page.html").read_text(encoding="utf-8")
        data = json.dumps(self._canned_json(), ensure_ascii=False).replace("</", "<\\/")
        page = template.replace("{{TITLE}}", html.escape(self.graph_name)).replace("{{QUERIES}}", data)
        return Response(page, content_type="text/html; charset=utf-8")


def make_app(pool: QueryPool, graph_name: str = "graph") -> SparqlApp:
    return SparqlApp(pool, graph_name)


@dataclass
class RunningServer:
    """A server started by :func:`start_server`; ``close()`` stops it and its workers."""

    server: object
    pool: QueryPool
    thread: threading.Thread

    @property
    def url(self) -> str:
        return f"http://{self.server.host}:{self.server.port}"

    def close(self) -> None:
        self.server.shutdown()
        self.thread.join(10)
        self.server.server_close()
        self.pool.close()


def start_server(graph, host: str = "127.0.0.1", port: int = 0, *, timeout: float = 10.0,
                 max_rows: int = 10_000, workers: int = 2) -> RunningServer:
    """Load ``graph`` in the workers and serve it from a background thread (port 0: any free port)."""
    path = resolve_graph_file(graph)
    pool = QueryPool(str(path), workers=workers, timeout=timeout, max_rows=max_rows).start()
    try:
        server = make_server(host, port, make_app(pool, path.name), threaded=True)
    except BaseException:
        pool.close()
        raise
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return RunningServer(server, pool, thread)


def serve(graph, host: str = "127.0.0.1", port: int = 8000, **options) -> None:
    """Serve ``graph`` until interrupted (Ctrl-C)."""
    running = start_server(graph, host, port, **options)
    print(f"serving {running.pool.triples} triples at {running.url}/sparql (query page: {running.url}/); Ctrl-C stops",
          file=sys.stderr)
    try:
        running.thread.join()
    except KeyboardInterrupt:
        pass
    finally:
        running.close()
