"""Upload graphs to an external triple store (SPARQL 1.1 Graph Store HTTP Protocol).

Each document graph is sent with ``PUT <endpoint>?graph=<graph IRI>``, which
replaces that graph on the server, so pushing again is safe. A graph larger
than ``batch`` triples is split: the first request is a PUT (replace), the
others POST (append) to the same graph. Failed requests (connection errors,
HTTP 408/429/5xx) are retried with exponential backoff; other 4xx answers
fail at once. Basic authentication comes from an environment variable
holding ``user:password`` (never from the command line, where it would be
visible to other users). Standard library only (urllib).

Endpoints: Oxigraph ``http://HOST:7878/store``; Fuseki
``http://HOST:3030/DATASET/data``; GraphDB
``http://HOST:7200/repositories/ID/rdf-graphs/service``; Virtuoso
``http://HOST:8890/sparql-graph-crud-auth``.
"""
from __future__ import annotations

import base64
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import quote

from kg.errors import E, KGError, UsageError

__all__ = ["PushStats", "push", "graph_url", "auth_header", "CONTENT_TYPES"]

CONTENT_TYPES = {"nt": "application/n-triples", "ttl": "text/turtle"}
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


def _send(url: str, method: str, body: bytes, ctype: str, auth: str | None, retries: int,
          backoff: float, timeout: float, stats: PushStats, graph: str) -> None:
    headers = {"Content-Type": f"{ctype}; charset=utf-8", "User-Agent": "kg-push/0.1"}
    if auth:
        headers["Authorization"] = auth
    attempt = 0
    while True:
        attempt += 1
        stats.requests += 1
        req = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - the user's endpoint
                resp.read()
                return
        except urllib.error.HTTPError as exc:
            detail = f"HTTP {exc.code} {exc.reason}: {exc.read()[:300].decode('utf-8', 'replace').strip()}"
            retry = exc.code in _RETRY_STATUS
        except (urllib.error.URLError, OSError) as exc:
            detail = f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"
            retry = True
        if not retry or attempt > retries:
            raise KGError(E.E507.format(graph=graph, url=url.split("?")[0], tries=attempt, detail=detail))
        stats.retries += 1
        time.sleep(min(backoff * 2 ** (attempt - 1), 30.0))


def push(source: Any, endpoint: str, *, batch: int = 50000, retries: int = 3, auth_env: str | None = None,
         fmt: str = "nt", graph: str | None = None, timeout: float = 60.0, backoff: float = 0.5,
         progress: bool = False, on_graph: Callable[[str, int], None] | None = None,
         with_ontology: bool = False) -> PushStats:
    """Send every graph of ``source`` (a store directory, a Store, RDF files, a Dataset) to ``endpoint``.

    ``graph`` renames the target graph when the source holds exactly one (a
    flat ``.ttl`` export, say); ``fmt`` is 'nt' (N-Triples) or 'ttl'.
    Returns counts; raises E507 when a graph cannot be sent after ``retries``.
    ``with_ontology`` also sends the ontology and CAMEO/PLOVER schemes as the
    graph :data:`kg.ontology_graph.ONTOLOGY_GRAPH`, so their labels resolve there.
    """
    from kg.query import open_source

    if fmt not in CONTENT_TYPES:
        raise UsageError(E.E506.format(name=fmt, known=", ".join(CONTENT_TYPES)))
    if batch < 1:
        batch = 1
    auth = auth_header(auth_env)
    store = open_source(source)
    names: list[str | None] = list(store.documents())  # the store's default graph is their union: not sent
    if graph is not None:
        if len(names) != 1:
            raise UsageError(E.E513.format(graph=graph, count=len(names)))
    jobs = [(store, name, graph if graph is not None else name) for name in names]
    if with_ontology:
        from kg.ontology_graph import ONTOLOGY_GRAPH, ontology_store  # noqa: PLC0415

        jobs.append((ontology_store(), ONTOLOGY_GRAPH, ONTOLOGY_GRAPH))
    stats = PushStats(endpoint=endpoint)
    t0 = time.perf_counter()
    bar = _progress(progress, len(jobs))
    try:
        for store, name, target in jobs:
            label = target or "(default graph)"
            url = graph_url(endpoint, target)
            n = 0
            for i, chunk in enumerate(_chunks(store, name, batch)):
                if i > 0 and not chunk:
                    break
                _send(url, "PUT" if i == 0 else "POST", _serialize(chunk, fmt), CONTENT_TYPES[fmt], auth,
                      retries, backoff, timeout, stats, label)
                n += len(chunk)
            stats.graphs += 1
            stats.triples += n
            stats.graph_names.append(label)
            if on_graph:
                on_graph(label, n)
            if bar:
                bar[0].advance(bar[1])
    finally:
        if bar:
            bar[0].stop()
    stats.seconds = time.perf_counter() - t0
    return stats


def _progress(enabled: bool, total: int) -> tuple[Any, Any] | None:
    if not enabled:
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("pushing graphs"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   transient=True)
    bar.start()
    return bar, bar.add_task("push", total=total)
