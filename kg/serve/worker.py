"""Run queries in worker processes that can be killed: the endpoint's time limit.

An Oxigraph query cannot be interrupted from another thread, so each query runs in a
worker process holding its own copy of the graph. When a query overruns the time limit
its worker is killed and a fresh one started; the server itself never blocks.

Two lanes keep cheap queries answered while long ones run: ``workers`` processes take
any query for the full time limit, and ``quick_workers`` more take a query only for a
short budget (``quick_time``) when the others are all busy. A query that overran once
(the same text and parameters, white space aside) is remembered as long and afterwards
waits for the long lane only, so looping heavy queries cannot take the quick lane.

Each worker checks its query against :mod:`kg.query.guard` (parse tree, no keywords)
before Oxigraph sees it, and where the system allows, the worker moves into a network
namespace of its own at start, so that even a SERVICE that got past the check reaches
nothing.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import queue
import subprocess
import sys
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import kg
from kg.query.canned import UnknownQuery, find_query
from kg.query.guard import forbidden_operation
from kg.query.results import MEDIA_TYPES, format_result
from kg.query.run import ParamError, QueryFailed, QuerySyntaxError, run_query
from kg.query.store import open_store_folder
from kg.rdf.graphio import GraphInputError, load_store
from kg.serve.formats import choose, describe_choices


@dataclass(frozen=True)
class Job:
    query: str
    accept: str = ""  # the request's Accept header
    asked: str | None = None  # ?format=, which overrides Accept
    params: dict = field(default_factory=dict)
    canned: str | None = None  # run the canned query of this name (params declared there)

    def fingerprint(self) -> str:
        """The same for the same question, whatever its white space or result format."""
        key = "\0".join([self.canned or "", " ".join(self.query.split()),
                          *(f"{k}={v}" for k, v in sorted(self.params.items()))])
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: tuple = ()


def text_reply(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"))


def execute(store, job: Job, max_rows: int) -> Reply:
    """Run one job on ``store``; every failure becomes a reply with a 4xx/5xx status."""
    try:
        declared = None
        text = job.query
        if job.canned:
            canned = find_query(job.canned)
            text, declared = canned.text, canned.params
        else:
            refused = forbidden_operation(text)
            if refused:
                return text_reply(403, f"this endpoint is read-only: {refused} is refused")
        result = run_query(store, text, job.params, declared=declared, max_rows=max_rows)
    except QuerySyntaxError as exc:
        return text_reply(400, exc.pretty())
    except (ParamError, UnknownQuery, QueryFailed) as exc:
        return text_reply(400, str(exc))
    except Exception as exc:  # a bug of ours: the server answers, and the worker stays
        return text_reply(500, f"internal error while running the query: {type(exc).__name__}: {exc}")
    fmt = choose(result.kind, job.accept, job.asked)
    if fmt is None:
        return text_reply(406, f"cannot answer this {'graph' if result.kind == 'graph' else 'result'} in "
                               f"{job.asked or job.accept!r}; it comes as {describe_choices(result.kind)}")
    headers = (("X-Result-Truncated", f"rows capped at {max_rows}"),) if result.truncated else ()
    return Reply(200, MEDIA_TYPES[fmt], format_result(result, fmt), headers)


def leave_the_network() -> bool:
    """Move this process into a network namespace of its own (only a down loopback in it),
    so the query engine can reach no server. Returns False where the system refuses."""
    if not sys.platform.startswith("linux"):
        return False
    clone_newnet, clone_newuser = 0x40000000, 0x10000000
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    if libc.unshare(clone_newnet) == 0:
        return True
    return libc.unshare(clone_newuser | clone_newnet) == 0


def _worker_main(conn_in, conn_out, graph_path: str, max_rows: int, store_path: str = "") -> None:
    leave_the_network()
    try:
        store = open_store_folder(store_path) if store_path else load_store(graph_path)
    except GraphInputError as exc:
        conn_out.send(("error", str(exc)))
        return
    forbidden_operation("ASK {}")  # load the SPARQL grammar now, not in the first query's time
    conn_out.send(("ready", len(store)))
    while True:
        try:
            job = conn_in.recv()
        except (EOFError, OSError):
            return
        conn_out.send(execute(store, job, max_rows))


class _Worker:
    """One ``python -m kg.serve.worker`` process talking over a pair of pipes.

    A plain subprocess rather than multiprocessing's spawn: the latter re-imports the
    caller's ``__main__``, which breaks when the server is started from a script or a REPL.
    """

    def __init__(self, graph_path: str, max_rows: int, store_path: str | None = None):
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        env = dict(os.environ)
        package_root = str(Path(kg.__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(x for x in (package_root, env.get("PYTHONPATH")) if x)
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from kg.serve.worker import main; main()",
             graph_path, str(max_rows), str(to_child_r), str(from_child_w), store_path or ""],
            pass_fds=(to_child_r, from_child_w),
            stdin=subprocess.DEVNULL,
            env=env,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self.send_conn = Connection(to_child_w, readable=False)
        self.conn = Connection(from_child_r, writable=False)

    def send(self, job) -> None:
        self.send_conn.send(job)

    def wait_ready(self, timeout: float = 600) -> int:
        if not self.conn.poll(timeout):
            self.stop()
            raise GraphInputError("query worker did not start in time")
        try:
            kind, value = self.conn.recv()
        except EOFError:
            self.stop()
            raise GraphInputError(f"query worker exited at start (status {self.process.wait()})") from None
        if kind == "error":
            self.stop()
            raise GraphInputError(value)
        return value

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)
        for c in (self.conn, self.send_conn):
            c.close()


class QueryPool:
    """Worker processes in two lanes, each with the graph loaded; :meth:`run` enforces the
    time limits (see the module docstring for the lanes)."""

    #: How many long queries are remembered (oldest forgotten first).
    REMEMBERED = 1024
    #: How often a waiting request looks for a free worker (seconds).
    POLL = 0.02

    def __init__(self, graph_path: str, *, workers: int = 2, timeout: float = 10.0, max_rows: int = 10_000,
                 quick_workers: int = 1, quick_time: float = 1.0, store_path: str | None = None):
        self.graph_path, self.timeout, self.max_rows = str(graph_path), timeout, max_rows
        self.store_path = store_path  # a store of the graph (kg.query.store) the workers open instead
        self.n, self.n_quick = max(1, workers), max(0, quick_workers)
        self.quick_time = min(quick_time, timeout)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._quick: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._long: OrderedDict[str, None] = OrderedDict()
        # requests already known to be long that may queue for the long lane at once; more get 503
        self._long_waiting = threading.BoundedSemaphore(self.n)
        self._closed = False
        self.triples = 0

    def start(self) -> QueryPool:
        """Start the workers and wait until each has loaded the graph (GraphInputError if not)."""
        lanes = [(self._new(), self._idle) for _ in range(self.n)] + [(self._new(), self._quick)
                                                                       for _ in range(self.n_quick)]
        try:
            for w, lane in lanes:
                self.triples = w.wait_ready()
                lane.put(w)
        except BaseException:
            self.close()
            raise
        return self

    def _new(self) -> _Worker:
        w = _Worker(self.graph_path, self.max_rows, self.store_path)
        with self._lock:
            self._all.add(w)
        return w

    def _replace(self, dead: _Worker, lane: queue.Queue) -> None:
        dead.stop()
        with self._lock:
            self._all.discard(dead)
        if self._closed:
            return
        fresh = self._new()
        try:
            fresh.wait_ready()
        except (GraphInputError, EOFError, OSError):
            return
        lane.put(fresh)

    def is_long(self, job: Job) -> bool:
        with self._lock:
            return job.fingerprint() in self._long

    def _remember_long(self, job: Job) -> None:
        with self._lock:
            self._long[job.fingerprint()] = None
            while len(self._long) > self.REMEMBERED:
                self._long.popitem(last=False)

    def _take(self, lanes: tuple[queue.Queue, ...], wait: float) -> tuple[_Worker, queue.Queue] | None:
        """The first idle worker of ``lanes`` (in that order of preference) within ``wait`` s."""
        deadline = time.monotonic() + wait
        while True:
            for lane in lanes:
                try:
                    return lane.get_nowait(), lane
                except queue.Empty:
                    pass
            if time.monotonic() >= deadline or self._closed:
                return None
            time.sleep(self.POLL)

    def run(self, job: Job) -> Reply:
        """Answer ``job``: a new question takes a long-lane worker, or the quick lane when
        those are busy; a question known to be long waits for the long lane only."""
        if self.is_long(job):
            if not self._long_waiting.acquire(blocking=False):
                return text_reply(503, "the workers for long queries are all busy; try again later")
            try:
                got = self._take((self._idle,), self.timeout)
            finally:
                self._long_waiting.release()
        else:
            got = self._take((self._idle, self._quick), self.timeout)
        if got is None:
            return text_reply(503, "all query workers are busy; try again in a few seconds")
        worker, lane = got
        limit = self.timeout if lane is self._idle else self.quick_time
        try:
            worker.send(job)
            if worker.conn.poll(limit):
                reply = worker.conn.recv()
                lane.put(worker)
                return reply
            self._remember_long(job)
            if lane is self._idle:
                message = f"query stopped: it ran longer than the time limit of {limit:g} s"
            else:
                message = (f"query stopped: the workers for long queries are busy and this one needs more than "
                           f"{limit:g} s; try again later")
        except Exception:  # the worker died or sent garbage: never lose it from the pool
            message = "the query worker failed on this query; it has been restarted"
        # Over time (or the worker died): kill it and start a fresh one in the background.
        threading.Thread(target=self._replace, args=(worker, lane), daemon=True).start()
        return text_reply(503, message)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.stop()


def main() -> None:
    """Entry point of a worker process: argv is GRAPH MAX_ROWS READ_FD WRITE_FD [STORE]."""
    graph, rows, rfd, wfd = sys.argv[1:5]
    store_path = sys.argv[5] if len(sys.argv) > 5 else ""
    os.dup2(2, 1)  # stray prints go to stderr, never into the result pipe
    _worker_main(Connection(int(rfd), writable=False), Connection(int(wfd), readable=False), graph, int(rows), store_path)
