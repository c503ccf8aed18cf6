"""Upload graphs to an external triple store (SPARQL 1.1 Graph Store HTTP Protocol).

Each document graph is sent with ``PUT <endpoint>?graph=<graph IRI>``, which
replaces that graph on the server, so pushing again is safe. A graph read from
a Turtle/N-Triples/JSON-LD file goes to the graph of the document it holds,
never to its local ``file:`` name. A graph larger
than ``batch`` triples is split: the first request is a PUT (replace), the
others POST (append) to the same graph. Failed requests (connection errors,
HTTP 408/429/5xx, a dropped connection, a timeout) are retried with
exponential backoff; permanent ones (other 4xx, an unknown host, a bad
certificate, a server that does not speak HTTP, an invalid URL) fail at once.
A failure after some graphs were sent says which were replaced (E518). Basic authentication comes from an environment variable
holding ``user:password`` (never from the command line, where it would be
visible to other users). Standard library only (urllib).

Endpoints: Oxigraph ``http://HOST:7878/store``; Fuseki
``http://HOST:3030/DATASET/data``; GraphDB
``http://HOST:7200/repositories/ID/rdf-graphs/service``; Virtuoso
``http://HOST:8890/sparql-graph-crud-auth``.
"""
from __future__ import annotations

import base64
import http.client
import os
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from kg.errors import E, KGError, UsageError
from kg.formats import by_name
from kg.vocab import NIF, RDF

__all__ = ["PushStats", "PushError", "push", "graph_url", "auth_header", "CONTENT_TYPES"]

CONTENT_TYPES = {name: by_name(name).media_type for name in ("nt", "ttl")}
_RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass
class PushStats:
    """What :func:`push` sent."""

    endpoint: str
    graphs: int = 0
    triples: int = 0
    requests: int = 0
    retries: int = 0
    seconds: float = 0.0
    graph_names: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def graph_url(endpoint: str, graph: str | None) -> str:
    """``endpoint?graph=<iri>`` (percent-encoded), or ``endpoint?default`` for the default graph."""
    sep = "&" if "?" in endpoint else "?"
    if graph is None:
        return f"{endpoint}{sep}default"
    return f"{endpoint}{sep}graph={quote(graph, safe='')}"


def auth_header(env_var: str | None) -> str | None:
    """``Basic ...`` from the ``user:password`` in ``$env_var`` (E508 if unset or malformed)."""
    if not env_var:
        return None
    value = os.environ.get(env_var)
    if not value or ":" not in value:
        raise UsageError(E.E508.format(var=env_var))
    return "Basic " + base64.b64encode(value.encode("utf-8")).decode("ascii")


def _chunks(store: Any, graph: str | None, size: int) -> Iterator[list[Any]]:
    import pyoxigraph as ox

    gnode = ox.NamedNode(graph) if graph is not None else ox.DefaultGraph()
    chunk: list[Any] = []
    for q in store.oxigraph.quads_for_pattern(None, None, None, gnode):
        chunk.append(q.triple)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    yield chunk  # the last one, possibly empty (an empty graph still gets its PUT)


def _serialize(triples: list[Any], fmt: str) -> bytes:
    import pyoxigraph as ox

    from kg.vocab import PREFIXES

    if fmt == "ttl":
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES)) or b""
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def _failure(exc: BaseException) -> tuple[str, bool]:
    """``(detail, retry)`` for a failed request: transient failures are retried, permanent ones not."""
    if isinstance(exc, urllib.error.HTTPError):
        try:
            text = exc.read()[:300].decode("utf-8", "replace").strip()
        except (OSError, http.client.HTTPException):
            text = ""
        return f"HTTP {exc.code} {exc.reason}: {text}".rstrip(": "), exc.code in _RETRY_STATUS
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    detail = f"{type(reason).__name__}: {reason}"
    if isinstance(reason, (http.client.RemoteDisconnected, http.client.IncompleteRead, TimeoutError,
                           ConnectionError)):
        return detail, True  # the server went away or stalled: worth another try
    if isinstance(reason, socket.gaierror):
        return detail, reason.errno == socket.EAI_AGAIN  # an unknown host stays unknown
    if isinstance(reason, (ssl.SSLCertVerificationError, http.client.HTTPException, ValueError)):
        return detail, False  # a bad certificate, no HTTP at all (bad status line), an invalid URL
    return detail, isinstance(reason, OSError)


def _send(url: str, method: str, body: bytes, ctype: str, auth: str | None, retries: int,
          backoff: float, timeout: float, stats: PushStats, graph: str) -> None:
    headers = {"Content-Type": f"{ctype}; charset=utf-8", "User-Agent": "kg-push/0.1"}
    if auth:
        headers["Authorization"] = auth
    attempt = 0
    while True:
        attempt += 1
        stats.requests += 1
        try:
            req = urllib.request.Request(url, data=body, method=method, headers=headers)
            with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - the user's endpoint
                resp.read()
                return
        except (OSError, http.client.HTTPException, ValueError) as exc:  # URLError and HTTPError are OSErrors
            detail, retry = _failure(exc)
        if not retry or attempt > retries:
            raise KGError(E.E507.format(graph=graph, url=url.split("?")[0], tries=attempt, detail=detail))
        stats.retries += 1
        time.sleep(min(backoff * 2 ** (attempt - 1), 30.0))


def _check_endpoint(endpoint: str) -> None:
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(E.E507.format(graph="-", url=endpoint, tries=0,
                                       detail="not an http(s) URL; give e.g. http://localhost:7878/store"))
    try:
        parts.port  # noqa: B018 - raises for a port that is not a number
    except ValueError as exc:
        raise UsageError(E.E507.format(graph="-", url=endpoint, tries=0, detail=str(exc))) from None


def _targets(store: Any, names: list[str], graph: str | None) -> dict[str, str]:
    """The graph IRI on the server for each local graph.

    A store or a TriG/N-Quads file names its document graphs. A triple-format
    file's graph is named locally by its ``file:`` IRI, which means nothing on
    the server: it is sent as the graph of the one document it describes (its
    ``nif:Context``), or under ``--graph``; never under a local path.
    """
    import pyoxigraph as ox

    if graph is not None:
        if len(names) != 1:
            raise UsageError(E.E513.format(graph=graph, count=len(names)))
        return {names[0]: graph}
    out = {}
    context = ox.NamedNode(str(NIF.Context))
    rdf_type = ox.NamedNode(str(RDF.type))
    for name in names:
        if not name.startswith("file:"):
            out[name] = name
            continue
        docs = sorted({q.subject.value for q in store.oxigraph.quads_for_pattern(None, rdf_type, context,
                                                                               ox.NamedNode(name))
                       if isinstance(q.subject, ox.NamedNode)})
        if len(docs) != 1:
            raise UsageError(E.E519.format(path=name, count=len(docs)))
        out[name] = docs[0]
    return out


def push(source: Any, endpoint: str, *, batch: int = 50000, retries: int = 3, auth_env: str | None = None,
         fmt: str = "nt", graph: str | None = None, timeout: float = 60.0, backoff: float = 0.5,
         progress: bool = False, on_graph: Callable[[str, int], None] | None = None,
         with_ontology: bool = False) -> PushStats:
    """Send every graph of ``source`` (a store directory, a Store, RDF files, a Dataset) to ``endpoint``.

    ``graph`` renames the target graph when the source holds exactly one (a
    flat ``.ttl`` export, say); ``fmt`` is 'nt' (N-Triples) or 'ttl'.
    Returns counts; raises E507 when a graph cannot be sent after ``retries``
    (transient failures only are retried), followed by an E518 line saying
    which graphs were already replaced when some were.
    ``with_ontology`` also sends the ontology and CAMEO/PLOVER schemes as the
    graph :data:`kg.ontology_graph.ONTOLOGY_GRAPH`, so their labels resolve there.
    """
    from kg.query import open_source

    if fmt not in CONTENT_TYPES:
        raise UsageError(E.E506.format(name=fmt, known=", ".join(CONTENT_TYPES)))
    _check_endpoint(endpoint)
    if batch < 1:
        batch = 1
    auth = auth_header(auth_env)
    store = open_source(source)
    names: list[str] = list(store.documents())  # the store's default graph is their union: not sent
    targets = _targets(store, names, graph)
    jobs = [(store, name, targets[name]) for name in names]
    if with_ontology:
        from kg.ontology_graph import ONTOLOGY_GRAPH, ontology_store  # noqa: PLC0415

        jobs.append((ontology_store(), ONTOLOGY_GRAPH, ONTOLOGY_GRAPH))
    stats = PushStats(endpoint=endpoint)
    t0 = time.perf_counter()
    bar = _progress(progress, len(jobs))
    try:
        for src, name, target in jobs:
            url = graph_url(endpoint, target)
            n = 0
            try:
                for i, chunk in enumerate(_chunks(src, name, batch)):
                    if i > 0 and not chunk:
                        break
                    _send(url, "PUT" if i == 0 else "POST", _serialize(chunk, fmt), CONTENT_TYPES[fmt], auth,
                          retries, backoff, timeout, stats, target)
                    n += len(chunk)
            except KGError as exc:
                raise _partial(exc, stats, target, n, len(jobs)) from None
            stats.graphs += 1
            stats.triples += n
            stats.graph_names.append(target)
            if on_graph:
                on_graph(target, n)
            if bar:
                bar[0].advance(bar[1])
    finally:
        if bar:
            bar[0].stop()
    stats.seconds = time.perf_counter() - t0
    return stats


class PushError(KGError):
    """A push that failed; ``stats`` says what had been sent."""

    def __init__(self, message: str, stats: PushStats) -> None:
        super().__init__(message)
        self.stats = stats


def _partial(exc: KGError, stats: PushStats, failed: str, sent_triples: int, total: int) -> PushError:
    if not stats.graphs and not sent_triples:
        return PushError(str(exc), stats)
    shown = ", ".join(f"<{g}>" for g in stats.graph_names[:10]) + (" ..." if stats.graphs > 10 else "")
    state = (f"<{failed}> is incomplete there ({sent_triples} triples sent)" if sent_triples
             else f"<{failed}> was not changed")
    line = E.E518.format(done=stats.graphs, total=total, graphs=shown or "none", state=state)
    return PushError(f"{exc}\n{line}", stats)


def _progress(enabled: bool, total: int) -> tuple[Any, Any] | None:
    if not enabled:
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("pushing graphs"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   transient=True)
    bar.start()
    return bar, bar.add_task("push", total=total)
