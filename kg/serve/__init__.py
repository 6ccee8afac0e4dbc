"""A read-only SPARQL 1.1 Protocol endpoint and a query page, served by waitress.

* ``GET /sparql?query=…`` and ``POST /sparql`` (form ``query=…`` or an
  ``application/sparql-query`` body). Results in JSON, XML, CSV or TSV by the ``Accept``
  header (or ``?format=json|xml|csv|tsv``); CONSTRUCT/DESCRIBE in Turtle, N-Triples,
  JSON-LD or RDF/XML (``?format=turtle|ntriples|jsonld|rdfxml``); 406 when the Accept
  header allows none of them. Every answer carries ``Vary: Accept``.
* ``GET /`` the query page, with the canned questions ready to run;
  ``GET /queries`` lists them as JSON; ``/queries/NAME?param=value`` runs one with its
  parameters bound server-side.
* Read-only: SPARQL Update (``update=`` or ``application/sparql-update``), LOAD and SERVICE
  get 403 with a message (:mod:`kg.query.guard` walks the parse tree). Each query runs in
  a worker process that is killed after the time limit (503); results are capped at
  ``max_rows`` (header ``X-Result-Truncated``); cheap queries keep a lane of their own
  (:mod:`kg.serve.worker`).
* Not a tool for other web pages: the ``Host`` header must name this server (the bound
  address, ``localhost``, ``127.0.0.1`` or ``[::1]``, with the port, or a name given as
  ``allowed_hosts``), which stops DNS rebinding; a request from a page of another origin
  (``Origin`` or ``Sec-Fetch-Site: cross-site``) gets 403 unless its origin is one of
  ``cors_origins``, which then get CORS headers (and preflight answers) for that origin only.
* Bodies are limited to 1 MB (413), chunked ones too, by waitress, which reads a request
  whole, into a buffer that spills to a temp file, before the application sees it.

Werkzeug parses requests and routes them; waitress (a production WSGI server, pure
Python) serves them. :func:`make_app` is a plain WSGI app for any other server.
"""

from __future__ import annotations

import html
import ipaddress
import json
import os
import signal
import sys
import threading
from dataclasses import dataclass
from importlib import resources
from typing import Any

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from kg.query.canned import canned_queries
from kg.rdf.graphio import resolve_graph_file
from kg.serve.formats import acceptable
from kg.serve.worker import Job, QueryPool, Reply

#: Largest request body taken (bytes); waitress answers 413 at this size or above.
BODY_LIMIT = 1024 * 1024

#: Names that always mean this machine in a Host header (with the server's port).
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")

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
    if r.status == 503:
        resp.headers["Retry-After"] = "5"
    return resp


def _text(status: int, message: str) -> Response:
    return Response(message.rstrip("\n") + "\n", status=status, content_type="text/plain; charset=utf-8")


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or address to listen on) is this machine only.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_names(host: str, port: int, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The ``Host`` header values this server answers: NAME:PORT for each name.

    >>> sorted(host_names("127.0.0.1", 8000))
    ['127.0.0.1:8000', '[::1]:8000', 'localhost:8000']
    """
    bound = f"[{host}]" if ":" in host and not host.startswith("[") else host
    names = {bound, *LOOPBACK_NAMES, *extra}
    return frozenset(f"{n.lower()}:{port}" for n in names) | (
        frozenset(n.lower() for n in names) if port == 80 else frozenset())


class SparqlApp:
    """The WSGI application: checks where a request comes from, then routes it to the pool.

    ``hosts``: the accepted ``Host`` values (None: any, for a server behind a proxy that
    checks them); ``cors_origins``: the web origins (``https://yasgui.example``) allowed
    to query from their pages.
    """

    def __init__(self, pool: QueryPool, graph_name: str = "graph", *, hosts: frozenset[str] | None = None,
                 cors_origins: tuple[str, ...] = ()):
        self.pool, self.graph_name = pool, graph_name
        self.hosts = hosts
        self.cors_origins = frozenset(o.rstrip("/") for o in cors_origins)
        self.canned = {q.name: q for q in canned_queries()}

    def __call__(self, environ, start_response):
        request = Request(environ)
        request.max_content_length = BODY_LIMIT
        request.max_form_memory_size = BODY_LIMIT
        origin = request.headers.get("Origin")
        response = self.refuse(request, origin)
        if response is None:
            response = self.preflight(request) if request.method == "OPTIONS" else self.route(request, environ)
            if origin in self.cors_origins:
                response.headers["Access-Control-Allow-Origin"] = origin
                response.headers["Access-Control-Expose-Headers"] = "X-Result-Truncated, Content-Type"
        response.vary.add("Accept")
        if self.cors_origins:
            response.vary.add("Origin")
        return response(environ, start_response)

    def refuse(self, request: Request, origin: str | None) -> Response | None:
        """A 403 for a request with a foreign ``Host`` or from another site's page, else None."""
        host = (request.host or "").lower()
        if self.hosts is not None and host not in self.hosts:
            return _text(403, f"Host {host!r} is not this server's address; use http://{sorted(self.hosts)[0]}/")
        if origin is not None and origin not in self.cors_origins and origin != f"{request.scheme}://{host}":
            return _text(403, f"requests from pages of {origin} are refused; "
                              "start kg serve with --cors ORIGIN to allow an origin")
        site = request.headers.get("Sec-Fetch-Site", "").lower()
        if site in ("cross-site", "same-site") and origin not in self.cors_origins:
            return _text(403, "requests from other sites' pages are refused; "
                              "start kg serve with --cors ORIGIN to allow an origin")
        return None

    def preflight(self, request: Request) -> Response:
        """The answer to ``OPTIONS``: CORS preflight for an allowed origin, else the methods."""
        resp = Response(status=204)
        resp.headers["Allow"] = "GET, POST, OPTIONS"
        if request.headers.get("Origin") in self.cors_origins:
            resp.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            resp.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            resp.headers["Access-Control-Max-Age"] = "600"
        return resp

    def route(self, request: Request, environ) -> Response:
        try:
            endpoint, values = URLS.bind_to_environ(environ).match()
            return getattr(self, "on_" + endpoint)(request, **values)
        except MethodNotAllowed as exc:
            response = _text(405, f"method {request.method} not allowed here; use {', '.join(exc.valid_methods or [])}")
            response.headers["Allow"] = ", ".join(exc.valid_methods or [])
            return response
        except NotFound:
            return _text(404, f"no such page: {request.path}; the endpoint is /sparql")
        except HTTPException as exc:
            return _text(exc.code or 400, exc.description or exc.name)

    # --- SPARQL 1.1 Protocol ---------------------------------------------------------

    def on_sparql(self, request: Request) -> Response:
        ctype = request.mimetype
        if ctype == "application/sparql-update" or "update" in request.args or "update" in request.form:
            return _text(403, "this endpoint is read-only: SPARQL Update is refused")
        query: str | None
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
        return self.answer(request, Job(query=query))

    # --- canned questions ----------------------------------------------------------------

    def on_list(self, request: Request) -> Response:
        return Response(json.dumps(self._canned_json(), ensure_ascii=False), content_type="application/json")

    def on_canned(self, request: Request, name: str) -> Response:
        if name not in self.canned:
            return _text(404, f"no canned query named {name!r}; see /queries")
        source = request.form if request.method == "POST" else request.args
        params = {k: v for k, v in source.items() if k != "format"}
        return self.answer(request, Job(query="", params=params, canned=name))

    def answer(self, request: Request, job: Job) -> Response:
        """Run ``job`` with the request's Accept header and ``?format=``; 406 up front when
        neither a result table nor a graph could be sent."""
        accept = request.headers.get("Accept", "")
        asked = request.args.get("format") or request.form.get("format")
        if not acceptable(accept, asked):
            return _text(406, f"cannot answer in {asked or accept!r}: results come as SPARQL JSON, XML, CSV or "
                              "TSV, graphs as Turtle, N-Triples, JSON-LD or RDF/XML")
        return _reply(self.pool.run(Job(query=job.query, accept=accept, asked=asked, params=job.params,
                                        canned=job.canned)))

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


def make_app(pool: QueryPool, graph_name: str = "graph", **options) -> SparqlApp:
    return SparqlApp(pool, graph_name, **options)


@dataclass
class RunningServer:
    """A server started by :func:`start_server`; ``close()`` stops it and its workers."""

    server: Any  # a waitress server
    pool: QueryPool
    thread: threading.Thread | None

    @property
    def url(self) -> str:
        host = self.server.effective_host
        return f"http://{f'[{host}]' if ':' in host else host}:{self.server.effective_port}"

    def close(self) -> None:
        """Close every connection and the listening socket (in the server's own loop),
        then stop its threads and the query workers."""
        server = self.server

        def close_all() -> None:
            for channel in list(server._map.values()):
                channel.close()

        if self.thread is not None:
            server.trigger.pull_trigger(close_all)
            self.thread.join(10)
        else:
            close_all()
        server.task_dispatcher.shutdown(timeout=5)
        self.pool.close()


def threads_for(pool: QueryPool) -> int:
    """Server threads: one per worker running, one per request queued for the long lane, and spares."""
    return 2 * pool.n + pool.n_quick + 4


def create(graph, host: str = "127.0.0.1", port: int = 0, *, timeout: float = 10.0, max_rows: int = 10_000,
           workers: int = 2, quick_workers: int = 1, quick_time: float = 1.0,
           allowed_hosts: tuple[str, ...] = (), cors: tuple[str, ...] = (),
           cache: bool | str | os.PathLike = True) -> RunningServer:
    """Load ``graph`` in the workers and bind the server (port 0: any free port); not yet serving.

    ``cache`` as for :func:`kg.query.store.open_graph`: the workers open the kept store
    of the graph (built here first if needed) instead of each parsing the graph."""
    from waitress.server import create_server

    from kg.query.store import prepare_store

    path = resolve_graph_file(graph)
    db = prepare_store(path, cache)
    pool = QueryPool(str(path), workers=workers, timeout=timeout, max_rows=max_rows,
                     quick_workers=quick_workers, quick_time=quick_time,
                     store_path=None if db is None else str(db)).start()
    try:
        app = SparqlApp(pool, path.name, cors_origins=tuple(cors))
        server = create_server(
            app, host=host, port=port, threads=threads_for(pool),
            max_request_body_size=BODY_LIMIT,  # counted as a chunked body arrives, too
            channel_timeout=30,  # an idle or trickling connection is closed after this
            connection_limit=100, asyncore_use_poll=True, expose_tracebacks=False, ident="gonghui-kg",
        )
    except BaseException:
        pool.close()
        raise
    app.hosts = host_names(host, server.effective_port, tuple(allowed_hosts))
    return RunningServer(server, pool, None)


def start_server(graph, host: str = "127.0.0.1", port: int = 0, **options) -> RunningServer:
    """Load ``graph`` in the workers and serve it from a background thread (port 0: any free port)."""
    running = create(graph, host, port, **options)
    running.thread = threading.Thread(target=running.server.run, daemon=True)
    running.thread.start()
    return running


def serve(graph, host: str = "127.0.0.1", port: int = 8000, **options) -> None:
    """Serve ``graph`` until interrupted (Ctrl-C or SIGTERM)."""
    if not is_loopback(host):
        print(f"kg serve: warning: listening on {host}, not on loopback: other machines can query this graph; "
              "name the address they use with --allow-host", file=sys.stderr)
    running = create(graph, host, port, **options)
    print(f"serving {running.pool.triples} triples at {running.url}/sparql (query page: {running.url}/); Ctrl-C stops",
          file=sys.stderr)

    def stop(signum, frame):
        raise SystemExit(0)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        running.server.run()  # returns on Ctrl-C or SIGTERM
    finally:
        signal.signal(signal.SIGTERM, previous)
        running.close()
