"""Run queries in worker processes that can be killed: the endpoint's time limit.

An Oxigraph query cannot be interrupted from another thread, so each query runs in a
worker process holding its own copy of the graph. When a query overruns the time limit
its worker is killed and a fresh one started; the server itself never blocks.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import kg
from kg.graphio import GraphInputError, load_store
from kg.query.canned import find_query
from kg.query.results import MEDIA_TYPES, format_result
from kg.query.run import ParamError, QuerySyntaxError, run_query


@dataclass(frozen=True)
class Job:
    query: str
    fmt: str = "json"  # json, xml, csv or tsv for solutions
    graph_fmt: str = "turtle"  # turtle or ntriples for CONSTRUCT/DESCRIBE
    params: dict = field(default_factory=dict)
    canned: str | None = None  # run the canned query of this name (params declared there)


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
        result = run_query(store, text, job.params, declared=declared, max_rows=max_rows)
    except QuerySyntaxError as exc:
        return text_reply(400, exc.pretty())
    except (ParamError, LookupError) as exc:
        return text_reply(400, str(exc))
    except Exception as exc:  # an evaluation error is the query's problem, not the server's
        return text_reply(400, f"query failed: {exc}")
    if result.kind == "graph":
        fmt = job.graph_fmt
    else:
        fmt = job.fmt
    headers = (("X-Result-Truncated", f"rows capped at {max_rows}"),) if result.truncated else ()
    return Reply(200, MEDIA_TYPES[fmt], format_result(result, fmt), headers)


def _worker_main(conn_in, conn_out, graph_path: str, max_rows: int) -> None:
    try:
        store = load_store(graph_path)
    except GraphInputError as exc:
        conn_out.send(("error", str(exc)))
        return
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

    def __init__(self, graph_path: str, max_rows: int):
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        env = dict(os.environ)
        package_root = str(Path(kg.__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(x for x in (package_root, env.get("PYTHONPATH")) if x)
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from kg.serve.worker import main; main()",
             graph_path, str(max_rows), str(to_child_r), str(from_child_w)],
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
    """``workers`` processes, each with the graph loaded; :meth:`run` enforces the time limit."""

    def __init__(self, graph_path: str, *, workers: int = 2, timeout: float = 10.0, max_rows: int = 10_000):
        self.graph_path, self.timeout, self.max_rows = str(graph_path), timeout, max_rows
        self.n = max(1, workers)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.triples = 0

    def start(self) -> QueryPool:
        """Start the workers and wait until each has loaded the graph (GraphInputError if not)."""
        workers = [self._new() for _ in range(self.n)]
        try:
            for w in workers:
                self.triples = w.wait_ready()
                self._idle.put(w)
        except BaseException:
            self.close()
            raise
        return self

    def _new(self) -> _Worker:
        w = _Worker(self.graph_path, self.max_rows)
        with self._lock:
            self._all.add(w)
        return w

    def _replace(self, dead: _Worker) -> None:
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
        self._idle.put(fresh)

    def run(self, job: Job) -> Reply:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return text_reply(503, "all query workers are busy; try again in a few seconds")
        try:
            worker.send(job)
            if worker.conn.poll(self.timeout):
                reply = worker.conn.recv()
                self._idle.put(worker)
                return reply
            message = f"query stopped: it ran longer than the time limit of {self.timeout:g} s"
        except Exception:  # the worker died or sent garbage: never lose it from the pool
            message = "the query worker failed on this query; it has been restarted"
        # Over time (or the worker died): kill it and start a fresh one in the background.
        threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
        return text_reply(503, message)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.stop()


def main() -> None:
    """Entry point of a worker process: argv is GRAPH MAX_ROWS READ_FD WRITE_FD."""
    graph, rows, rfd, wfd = sys.argv[1:5]
    os.dup2(2, 1)  # stray prints go to stderr, never into the result pipe
    _worker_main(Connection(int(rfd), writable=False), Connection(int(wfd), readable=False), graph, int(rows))
