"""`kg push`: upload a store or graph files to a triple store (SPARQL Graph Store Protocol)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kg.cli._app import app
from kg.errors import KGError


@app.command("push")
def push_command(
    sources: list[Path] = typer.Argument(..., help="A store directory, or RDF files (.trig/.nq keep their graphs)."),
    endpoint: str = typer.Option(..., "--endpoint", "-e",
                                 help="Graph Store Protocol URL, e.g. http://localhost:3030/ds/data (Fuseki)."),
    batch: int = typer.Option(50000, "--batch", help="Triples per request; a larger graph is PUT then POSTed in parts."),
    retries: int = typer.Option(3, "--retries", help="Retries per request (backoff 0.5 s, 1 s, 2 s ...)."),
    auth_env: Optional[str] = typer.Option(None, "--auth-env",
                                           help="Name of an environment variable holding 'user:password' (basic auth)."),
    fmt: str = typer.Option("nt", "--format", help="nt (application/n-triples) or ttl (text/turtle)."),
    graph: Optional[str] = typer.Option(None, "--graph", help="Target graph IRI for a source with a single graph."),
    timeout: float = typer.Option(60.0, "--timeout", help="Seconds per request."),
    with_ontology: bool = typer.Option(False, "--with-ontology",
                                       help="Also send the ontology and the CAMEO/PLOVER schemes (one named graph)."),
) -> None:
    """PUT each document graph to ENDPOINT?graph=IRI (replaces it there)."""
    from kg.push import push

    source = [str(s) for s in sources]
    try:
        stats = push(source[0] if len(source) == 1 else source, endpoint, batch=batch, retries=retries,
                     auth_env=auth_env, fmt=fmt, graph=graph, timeout=timeout, progress=True,
                     with_ontology=with_ontology)
    except KGError as exc:
        from kg.cli.query import fail

        fail(exc)
        return
    typer.echo(f"pushed {stats.graphs} graph(s), {stats.triples} triples to {endpoint} in {stats.seconds:.1f} s "
               f"({stats.requests} request(s), {stats.retries} retried)")
