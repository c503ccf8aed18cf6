"""A read-only SPARQL 1.1 Protocol endpoint over a store, on the standard library.

``GET /sparql?query=...`` and ``POST /sparql`` (``application/x-www-form-urlencoded``
with ``query=`` or ``application/sparql-query``) answer in SPARQL results JSON,
XML, CSV or TSV by the ``Accept`` header (or a ``format=`` parameter);
CONSTRUCT/DESCRIBE answer N-Triples or Turtle. ``/`` is a small query page.
Updates (``update=``, ``application/sparql-update``) and PUT/DELETE/PATCH get
403.

Built not to be knocked over:

* queries run in worker processes (:mod:`kg.query_pool`); one over the time
  limit is stopped for real (its worker is killed and replaced) and answered
  503, one whose client hung up is stopped at once;
* the text is checked before the engine sees it (:mod:`kg.query_limits`):
  too long, nested too deep (which would crash Oxigraph) or using
  ``SERVICE`` (an outbound fetch; allowed only with ``allow_service``) is 400;
* a POST needs a valid Content-Length (411/400) within ``max_body`` (413);
  an idle connection is closed after ``idle_timeout`` seconds; the listen
  backlog takes 128 connections;
* ``cors=ORIGIN`` answers CORS preflights and sets
  ``Access-Control-Allow-Origin`` so browser clients (YASGUI) can connect;
* a row limit cuts the answer after N rows and says so in the
  ``X-KG-Truncated`` and ``X-KG-Max-Rows`` headers.

A store directory is served as it is on disk: each worker checks before every
query whether the directory changed and reopens it if so, so a
``kg build --store``/``kg store add`` is visible to queries that start after
the write has finished. RDF files are read once, at start.
"""
from __future__ import annotations

import html
import json
import select
import socket
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.errors import E, KGError, UsageError
from kg.formats import by_name

__all__ = ["make_server", "serve", "serve_in_thread", "SparqlServer", "negotiate", "MAX_BODY", "IDLE_TIMEOUT"]

MAX_BODY = 1_000_000      # bytes of a POST body
IDLE_TIMEOUT = 20.0       # seconds a connection may stay silent

_RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
_GRAPH_TYPES = {name: by_name(name).media_type for name in ("nt", "ttl", "rdfxml")}
_ACCEPT = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
    "application/n-triples": "nt", "text/plain": "nt", "text/turtle": "ttl", "application/x-turtle": "ttl",
    "application/rdf+xml": "rdfxml",
}
_FORMAT_ALIASES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "nt": "nt", "ntriples": "nt",
                   "n-triples": "nt", "ttl": "ttl", "turtle": "ttl"}
_FORMAT_ALIASES.update({k: v for k, v in _ACCEPT.items()})


def negotiate(accept: str | None, explicit: str | None = None) -> list[str]:
    """Formats the client accepts, best first (``format=``/``output=`` parameter wins)."""
    if explicit:
        fmt = _FORMAT_ALIASES.get(explicit.strip().lower())
        if fmt:
            return [fmt]
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate((accept or "").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        fmt = _ACCEPT.get(media.lower())
        if fmt and q > 0:
            ranked.append((-q, i, fmt))
    return [f for _, _, f in sorted(ranked)]


class SparqlServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer holding the worker pool and the limits."""

    daemon_threads = True
    request_queue_size = 128  # the listen backlog: 50 clients connecting at once are all accepted

    def __init__(self, address: tuple[str, int], source: Any, *, timeout: float = 30.0,
                 max_rows: int = 10000, quiet: bool = True, workers: int | None = None,
                 cors: str | None = None, allow_service: bool = False, max_body: int = MAX_BODY,
                 idle_timeout: float = IDLE_TIMEOUT) -> None:
        from kg.query_pool import QueryPool, default_workers, source_spec

        self.query_timeout = timeout
        self.max_rows = max_rows
        self.quiet = quiet
        self.cors = cors
        self.allow_service = allow_service
        self.max_body = max_body
        self.idle_timeout = idle_timeout
        self.pool: Any = None
        spec = source_spec(source)  # E001/E106/E109 here, before anything listens
        try:
            super().__init__(address, _Handler)
        except OSError as exc:
            raise UsageError(E.E517.format(host=address[0], port=address[1],
                                           detail=exc.strerror or exc)) from None
        try:
            self.pool = QueryPool(spec, workers or default_workers())
        except BaseException:
            super().server_close()
            raise

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def server_close(self) -> None:
        super().server_close()
        if self.pool is not None:
            self.pool.close()


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-sparql/0.2"
    protocol_version = "HTTP/1.0"
    # a request line without a version ('GET /x') would be answered HTTP/0.9-style, without a status line
    default_request_version = "HTTP/1.0"

    @property
    def timeout(self) -> float:  # type: ignore[override] - StreamRequestHandler's idle timeout, per server
        return self.server.idle_timeout

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        if not self.server.quiet:
            super().log_message(format, *args)

    # -- helpers ---------------------------------------------------------------

    def _cors_headers(self) -> dict[str, str]:
        if not self.server.cors:
            return {}
        return {"Access-Control-Allow-Origin": self.server.cors, "Vary": "Origin",
                "Access-Control-Expose-Headers": "X-KG-Truncated, X-KG-Max-Rows"}

    def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in {**self._cors_headers(), **(headers or {})}.items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except OSError:  # the client went away while we answered
            self.close_connection = True

    def _error(self, status: int, message: str) -> None:
        self.close_connection = True
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _forbidden(self) -> None:
        self._error(403, "This endpoint is read-only: SPARQL Update and graph writes are not allowed.")

    def _client_gone(self) -> bool:
        """True once the client has closed its end (an abandoned query need not run on)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            if not readable:
                return False
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True

    def _body(self) -> bytes | None:
        """The request body within the limits, or None after answering 411/400/413."""
        if self.headers.get("Transfer-Encoding"):
            self._error(411, "Chunked bodies are not accepted; send a Content-Length.")
            return None
        raw = self.headers.get("Content-Length")
        if raw is None:
            self._error(411, "A POST needs a Content-Length header.")
            return None
        if not raw.strip().isdigit():
            self._error(400, "Content-Length must be a non-negative integer.")
            return None
        length = int(raw)
        if length > self.server.max_body:
            self._error(413, f"The request body is {length} bytes; at most {self.server.max_body} are accepted.")
            return None
        body = self.rfile.read(length) if length else b""
        if len(body) < length:
            self.close_connection = True
            return None
        return body

    # -- verbs -------------------------------------------------------------------

    def do_OPTIONS(self) -> None:  # noqa: N802 - CORS preflight
        if not self.server.cors:
            return self._error(405, "OPTIONS is answered only when the server runs with --cors ORIGIN.")
        self._send(204, b"", "text/plain", {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                                            "Access-Control-Allow-Headers": "Content-Type, Accept",
                                            "Access-Control-Max-Age": "600"})

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            return self._forbidden()
        if "query" in params:
            return self._run(params["query"][0], params)
        if url.path in ("/", "/index.html", "/sparql", "/query"):
            return self._send(200, _page().encode("utf-8"), "text/html; charset=utf-8")
        self._error(404, "Not found. The SPARQL endpoint is /sparql; the query page is /.")

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        if ctype == "application/sparql-update" or "update" in params:
            self.close_connection = True
            return self._forbidden()
        body = self._body()
        if body is None:
            return None
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            if "update" in form:
                return self._forbidden()
            if "query" not in form:
                return self._error(400, "Missing 'query' parameter.")
            params.update(form)
            return self._run(form["query"][0], params)
        if ctype == "application/sparql-query":
            return self._run(body.decode("utf-8", "replace"), params)
        self._error(415, "Use application/x-www-form-urlencoded (query=...) or application/sparql-query.")

    def do_PUT(self) -> None:  # noqa: N802
        self.close_connection = True  # the body is not read
        self._forbidden()

    do_DELETE = do_PATCH = do_PUT

    # -- the query -----------------------------------------------------------------

    def _run(self, sparql: str, params: dict[str, list[str]]) -> None:
        from kg.query_limits import check_query
        from kg.query_pool import ClientGone, QueryTimeout, WorkerCrashed

        srv = self.server
        try:  # size, depth and SERVICE are checked here: the engine never sees a query it would choke on
            check_query(sparql, allow_service=srv.allow_service)
        except KGError as exc:
            return self._error(400, str(exc))
        explicit = (params.get("format") or params.get("output") or [None])[0]
        wanted = negotiate(self.headers.get("Accept"), explicit)
        request = (sparql, wanted, srv.max_rows, srv.allow_service, _GRAPH_ORDER, _RESULT_ORDER)
        try:
            answer = srv.pool.run(request, srv.query_timeout, self._client_gone)
        except QueryTimeout:
            return self._error(503, f"The query did not finish within {srv.query_timeout:g} s and was stopped.")
        except ClientGone:
            self.close_connection = True
            return None
        except WorkerCrashed:
            return self._error(500, "The query engine crashed on this query; it was restarted.")
        if answer.status != "ok":
            return self._error(400, answer.body.decode("utf-8", "replace"))
        headers = {"X-KG-Max-Rows": str(srv.max_rows), "X-KG-Truncated": "true" if answer.truncated else "false",
                   "Cache-Control": "no-store"}
        types = _GRAPH_TYPES if answer.kind == "graph" else _RESULT_TYPES
        self._send(200, answer.body, types[answer.fmt] + "; charset=utf-8", headers)


_RESULT_ORDER = ("json", "xml", "csv", "tsv")
_GRAPH_ORDER = ("nt", "ttl", "rdfxml")


def _page() -> str:
    from kg.query import list_queries

    examples = {q.name: q.sparql for q in list_queries()}
    options = "".join(f'<option value="{html.escape(n)}">{html.escape(n)}</option>' for n in examples)
    first = html.escape(next(iter(examples.values()), "SELECT * WHERE { ?s ?p ?o } LIMIT 10"))
    data = json.dumps(examples).replace("</", "<\\/")
    return _PAGE.replace("{options}", options).replace("{first}", first).replace("{data}", data)


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL endpoint</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5em;max-width:72em;color:#222}
textarea{width:100%;height:16em;font:13px ui-monospace,monospace}
table{border-collapse:collapse;margin-top:1em;font-size:13px}
td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}#status{color:#666;margin-left:1em}
</style></head><body>
<h1>kg SPARQL endpoint</h1>
<p>Read-only. The default graph is the union of all document graphs.
POST or GET <code>/sparql?query=...</code>; results by the Accept header.</p>
<label>Example: <select id="examples">{options}</select></label>
<form id="f"><textarea id="q" name="query">{first}</textarea><br>
<button type="submit">Run</button>
<label>Download as <select id="fmt"><option>json</option><option>xml</option><option>csv</option>
<option>tsv</option></select></label> <a id="dl" href="#">download</a><span id="status"></span></form>
<div id="out"></div>
<script>
const EXAMPLES = {data};
const q = document.getElementById('q'), out = document.getElementById('out'), st = document.getElementById('status');
document.getElementById('examples').onchange = e => { q.value = EXAMPLES[e.target.value]; };
document.getElementById('dl').onclick = e => {
  e.target.href = 'sparql?format=' + document.getElementById('fmt').value + '&query=' + encodeURIComponent(q.value);
};
function cell(t) {
  const td = document.createElement('td');
  if (t) td.textContent = t.type === 'literal' && t.datatype ? t.value : t.value;
  return td;
}
document.getElementById('f').onsubmit = async e => {
  e.preventDefault(); st.textContent = 'running...'; out.textContent = '';
  const t0 = performance.now();
  const r = await fetch('sparql', {method: 'POST', body: new URLSearchParams({query: q.value}),
    headers: {'Accept': 'application/sparql-results+json'}});
  if (!r.ok) { st.textContent = r.status + ': ' + await r.text(); return; }
  const ctype = r.headers.get('Content-Type') || '';
  if (!ctype.includes('json')) { const pre = document.createElement('pre'); pre.textContent = await r.text();
    out.appendChild(pre); st.textContent = ''; return; }
  const data = await r.json();
  if ('boolean' in data) { out.textContent = String(data.boolean); st.textContent = ''; return; }
  const vars = data.head.vars, table = document.createElement('table'), head = table.insertRow();
  vars.forEach(v => { const th = document.createElement('th'); th.textContent = v; head.appendChild(th); });
  data.results.bindings.forEach(b => { const tr = table.insertRow(); vars.forEach(v => tr.appendChild(cell(b[v]))); });
  out.appendChild(table);
  st.textContent = data.results.bindings.length + ' row(s) in ' + Math.round(performance.now() - t0) + ' ms' +
    (r.headers.get('X-KG-Truncated') === 'true' ? ' (truncated at ' + r.headers.get('X-KG-Max-Rows') + ')' : '');
};
</script></body></html>
"""


def make_server(source: Any, host: str = "127.0.0.1", port: int = 7878, *, timeout: float = 30.0,
                max_rows: int = 10000, quiet: bool = True, **limits: Any) -> SparqlServer:
    """A server (not yet serving) over ``source``: a store directory, a Store, RDF files or a Dataset.

    ``port=0`` picks a free port (see ``server.server_address``). ``limits``:
    ``workers``, ``cors``, ``allow_service``, ``max_body``, ``idle_timeout``
    (see :class:`SparqlServer`). A port in use is E517.
    """
    return SparqlServer((host, port), source, timeout=timeout, max_rows=max_rows, quiet=quiet, **limits)


def serve(source: Any, host: str = "127.0.0.1", port: int = 7878, *, timeout: float = 30.0,
          max_rows: int = 10000, quiet: bool = False,
          on_ready: Callable[[SparqlServer], None] | None = None, **limits: Any) -> None:
    """Serve until interrupted (Ctrl-C)."""
    server = make_server(source, host, port, timeout=timeout, max_rows=max_rows, quiet=quiet, **limits)
    if on_ready:
        on_ready(server)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def serve_in_thread(source: Any, host: str = "127.0.0.1", port: int = 0, **kwargs: Any) -> tuple[SparqlServer, threading.Thread]:
    """Start a server in a daemon thread (for tests and notebooks); stop with ``server.shutdown()``.

    Queries run in worker processes started from a fork server: a script calling
    this must do so under ``if __name__ == "__main__":``.
    """
    server = make_server(source, host, port, **kwargs)
    thread = threading.Thread(target=server.serve_forever, name="kg-serve", daemon=True)
    thread.start()
    return server, thread
