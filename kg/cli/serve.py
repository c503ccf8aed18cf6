"""`kg serve`: a read-only SPARQL endpoint over a store."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kg.cli._app import app
from kg.errors import KGError


@app.command("serve")
def serve_command(
    directory: Path = typer.Argument(..., help="The store directory (or an RDF file) to serve."),
    port: int = typer.Option(7878, "--port", help="TCP port (0 picks a free one)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind; keep 127.0.0.1 unless you mean it."),
    timeout: float = typer.Option(30.0, "--timeout", min=0.01,
                                  help="Seconds a query may run; then it is stopped (its worker process killed) and answered 503."),
    max_rows: int = typer.Option(10000, "--max-rows", min=1, help="Rows per answer; more are cut (X-KG-Truncated: true)."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Query worker processes (default 2-4 by CPU count)."),
    cors: Optional[str] = typer.Option(None, "--cors", metavar="ORIGIN",
                                       help="Allow browser clients from ORIGIN (e.g. https://yasgui.triply.cc, or '*')."),
    allow_service: bool = typer.Option(False, "--allow-service",
                                       help="Let queries use SERVICE, i.e. fetch from other hosts (refused by default)."),
    max_body: int = typer.Option(1_000_000, "--max-body", min=1, help="Largest POST body in bytes (413 beyond)."),
    idle_timeout: float = typer.Option(20.0, "--idle-timeout", min=0.1, help="Seconds a silent connection is kept open."),
    quiet: bool = typer.Option(False, "--quiet", help="Do not log requests."),
) -> None:
    """Serve SPARQL 1.1 Protocol at http://HOST:PORT/sparql, a query page at /.

    The served store is read as it is on disk before each query: writes by
    'kg build --store' or 'kg store add' are seen by queries started after they finish.
    """
    from kg.serve import serve

    def ready(server) -> None:
        host_, port_ = server.server_address[:2]
        typer.echo(f"kg: SPARQL endpoint http://{host_}:{port_}/sparql (query page http://{host_}:{port_}/); "
                   f"read-only, timeout {timeout:g} s, max {max_rows} rows, {server.pool.size} workers"
                   f"{', CORS ' + cors if cors else ''}. Ctrl-C stops.", err=True)

    try:
        serve(str(directory), host, port, timeout=timeout, max_rows=max_rows, quiet=quiet, on_ready=ready,
              workers=workers, cors=cors, allow_service=allow_service, max_body=max_body, idle_timeout=idle_timeout)
    except KGError as exc:
        from kg.cli.query import fail

        fail(exc)
