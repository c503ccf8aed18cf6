"""Queries in worker processes that a time limit really ends.

Oxigraph cannot interrupt a query, and a thread cannot be killed: with
threads, every abandoned slow query kept running and four of them left the
endpoint answering 503 for good. Here each query runs in one of a few worker
processes; a query over its time limit, or whose client has gone away, gets
its worker killed (SIGKILL) and replaced by a fresh one, so the pool always
comes back to full strength. Workers start from a fork server that has the
modules loaded, so a replacement is ready in a fraction of a second. (As
with any multiprocessing code, a script that starts a server must do so under
``if __name__ == "__main__":``; ``kg serve``, ``python -m kg`` and notebooks
need nothing.)

A worker reads one of:

* a store directory, opened read-only and reopened when the directory has
  changed since the last query (so writes by ``kg build --store`` or
  ``kg store add`` are seen by the next query after they finish);
* RDF files, loaded once at start;
* N-Quads bytes (a Dataset or an in-memory Store given to the server).
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["QueryPool", "Answer", "QueryTimeout", "ClientGone", "WorkerCrashed", "source_spec", "default_workers"]

_PRELOAD = ["kg.query_pool", "kg.query", "kg.store", "pyoxigraph"]
log = logging.getLogger("kg.query_pool")


class QueryTimeout(Exception):
    """The query ran over its time limit; its worker was replaced."""


class ClientGone(Exception):
    """The client closed the connection; the query (if started) was stopped."""


class WorkerCrashed(Exception):
    """The worker died while evaluating the query (it was replaced)."""


@dataclass(frozen=True)
class Answer:
    status: str            # 'ok' or 'bad' (the query's fault: 400)
    body: bytes
    kind: str = ""         # 'select', 'ask', 'graph'
    fmt: str = ""
    truncated: bool = False


def source_spec(source: Any) -> tuple[str, Any]:
    """What a worker needs to rebuild ``source``: ('dir', path), ('files', [paths]) or ('nquads', bytes)."""
    from kg.load import is_store_dir
    from kg.query import open_source

    if isinstance(source, (str, os.PathLike)) and is_store_dir(source):
        return "dir", str(source)
    if isinstance(source, (list, tuple)) and source and all(isinstance(p, (str, os.PathLike)) for p in source):
        if len(source) == 1 and is_store_dir(source[0]):
            return "dir", str(source[0])
        open_source(list(source))  # fail here, with the file named, rather than in every worker
        return "files", [str(p) for p in source]
    if isinstance(source, (str, os.PathLike)):
        open_source(source)
        return "files", [str(source)]
    store = open_source(source)
    return "nquads", _all_nquads(store)


def _all_nquads(store: Any) -> bytes:
    import pyoxigraph as ox

    return ox.serialize(store.named_quads(), format=ox.RdfFormat.N_QUADS) or b""


class _Source:
    """The worker's store; a directory is reopened when its files change."""

    def __init__(self, spec: tuple[str, Any]) -> None:
        from kg.query import open_source
        from kg.store import Store

        self.kind, self.arg = spec
        self.signature: tuple = ()
        if self.kind == "dir":
            self._reopen()
        elif self.kind == "files":
            self.store = open_source(self.arg)
        else:
            import pyoxigraph as ox

            self.store = Store()
            self.store.load_quads(ox.parse(self.arg, format=ox.RdfFormat.N_QUADS) if self.arg else [])

    def _dir_signature(self) -> tuple:
        with os.scandir(self.arg) as it:
            return tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in it if e.is_file()))

    def _reopen(self) -> None:
        from kg.store import Store

        self.signature = self._dir_signature()
        self.store = Store(self.arg, read_only=True)

    def current(self) -> Any:
        if self.kind == "dir" and self._dir_signature() != self.signature:
            self._reopen()
        return self.store


def _worker_main(conn: Any, spec: tuple[str, Any]) -> None:
    """Answer queries from ``conn`` until it closes: ('ok', kind, fmt, body, truncated) or ('bad', message)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which kills us
    from kg.errors import KGError
    from kg.query import execute

    try:
        source = _Source(spec)
    except Exception as exc:  # noqa: BLE001 - reported to the server
        conn.send(("bad", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready",))
    while True:
        try:
            sparql, wanted, max_rows, allow_service, graph_types, result_types = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = execute(source.current(), sparql, None, max_rows=max_rows, allow_service=allow_service)
            types = graph_types if result.kind == "graph" else result_types
            fmt = next((f for f in wanted if f in types), types[0])
            conn.send(("ok", result.kind, fmt, result.serialize(fmt), result.truncated))
        except KGError as exc:
            conn.send(("bad", str(exc)))
        except Exception as exc:  # noqa: BLE001 - an engine error is the query's problem
            conn.send(("bad", f"Query failed: {type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, ctx: Any, spec: tuple[str, Any]) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, spec), daemon=True, name="kg-sparql-worker")
        self.proc.start()
        child.close()

    def wait_ready(self, timeout: float) -> str | None:
        """None when ready, else why not."""
        if not self.conn.poll(timeout):
            return "the worker did not start in time"
        try:
            msg = self.conn.recv()
        except (EOFError, OSError):
            return "the worker exited while starting"
        return None if msg[0] == "ready" else msg[1]

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.join(5)
        except (OSError, ValueError):
            pass
        self.conn.close()


class QueryPool:
    """``size`` worker processes over one source; :meth:`run` gives one query to a free one."""

    def __init__(self, spec: tuple[str, Any], size: int = 2, *, start_timeout: float = 120.0) -> None:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        self._ctx, self._spec, self.size = ctx, spec, max(1, size)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._all: set[_Worker] = set()
        self._closed = False
        self.replaced = 0
        self._start_timeout = start_timeout
        # started in the background: the server listens at once; a query waits for the first ready worker
        for _ in range(self.size):
            self._start_one()

    def _new(self) -> _Worker:
        w = _Worker(self._ctx, self._spec)
        with self._lock:
            self._all.add(w)
        return w

    def _replace(self, w: _Worker) -> None:
        """Kill ``w`` and, in the background, start its successor."""
        with self._lock:
            self._all.discard(w)
            self.replaced += 1
        w.kill()
        if not self._closed:
            self._start_one()

    def _start_one(self) -> None:
        """Start a worker in the background; it joins the idle queue once it has opened the source."""
        def start() -> None:
            for _ in range(3):
                if self._closed:
                    return
                try:
                    fresh = self._new()
                except Exception as exc:  # noqa: BLE001 - e.g. a script without the __main__ guard
                    log.error("kg: a query worker could not be started: %s", str(exc).strip().splitlines()[0])
                    return
                if fresh.wait_ready(self._start_timeout) is None and not self._closed:
                    self._idle.put(fresh)
                    return
                with self._lock:
                    self._all.discard(fresh)
                fresh.kill()
        threading.Thread(target=start, name="kg-sparql-start", daemon=True).start()

    def run(self, request: tuple, timeout: float, gone: Callable[[], bool] = lambda: False,
            tick: float = 0.05) -> Answer:
        """Run ``request`` (see :func:`_worker_main`) within ``timeout`` seconds, waiting included."""
        deadline = time.monotonic() + timeout
        while True:  # wait for a free worker
            if gone():
                raise ClientGone
            left = deadline - time.monotonic()
            if left <= 0:
                raise QueryTimeout
            try:
                w = self._idle.get(timeout=min(tick, left))
                break
            except queue.Empty:
                continue
        try:
            w.conn.send(request)
        except (OSError, ValueError):
            self._replace(w)
            raise WorkerCrashed from None
        while True:
            try:
                if w.conn.poll(tick):
                    msg = w.conn.recv()
                    break
            except (EOFError, OSError):
                self._replace(w)
                raise WorkerCrashed from None
            if not w.proc.is_alive():
                self._replace(w)
                raise WorkerCrashed
            if time.monotonic() >= deadline:
                self._replace(w)
                raise QueryTimeout
            if gone():
                self._replace(w)
                raise ClientGone
        self._idle.put(w)
        if msg[0] == "ok":
            return Answer("ok", msg[3], kind=msg[1], fmt=msg[2], truncated=msg[4])
        return Answer("bad", msg[1].encode("utf-8", "replace"))

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()


def default_workers() -> int:
    return max(2, min(4, os.cpu_count() or 2))

