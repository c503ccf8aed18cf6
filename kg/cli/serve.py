"""`kg serve`: a read-only SPARQL endpoint over a store."""
from __future__ import annotations

from pathlib import Path

import typer

from kg.cli._app import app
from kg.errors import KGError


@app.command("serve")
def serve_command(
    directory: Path = typer.Argument(..., help="The store directory (or an RDF file) to serve."),
    port: int = typer.Option(7878, "--port", help="TCP port (0 picks a free one)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind; keep 127.0.0.1 unless you mean it."),
    timeout: float = typer.Option(30.0, "--timeout", help="Seconds a query may run before 503."),
    max_rows: int = typer.Option(10000, "--max-rows", help="Rows per answer; more are cut (X-KG-Truncated: true)."),
    quiet: bool = typer.Option(False, "--quiet", help="Do not log requests."),
) -> None:
    """Serve SPARQL 1.1 Protocol at http://HOST:PORT/sparql, a query page at /."""
    from kg.serve import serve

    def ready(server) -> None:
        host_, port_ = server.server_address[:2]
        typer.echo(f"kg: SPARQL endpoint http://{host_}:{port_}/sparql (query page http://{host_}:{port_}/); "
                   f"read-only, timeout {timeout:g} s, max {max_rows} rows. Ctrl-C stops.", err=True)

    try:
        serve(str(directory), host, port, timeout=timeout, max_rows=max_rows, quiet=quiet, on_ready=ready)
    except KGError as exc:
        from kg.cli.query import fail

        fail(exc)
