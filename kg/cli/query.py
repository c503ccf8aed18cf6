"""`kg query`: SPARQL over a store or RDF files; named queries from ontology/queries."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from kg.cli._app import app
from kg.errors import E, KGError, UsageError


def fail(exc: KGError) -> None:
    """Print a coded error to stderr and exit (2 for usage errors, 1 otherwise)."""
    from kg.cli.common import fail as _fail

    _fail(str(exc), 2 if isinstance(exc, UsageError) else 1)


def print_table(result, title: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if result.kind == "ask":
        console.print("yes" if result.boolean else "no")
        return
    if result.kind == "graph":
        sys.stdout.write(result.serialize("nt").decode("utf-8"))
        return
    table = Table(title=title, show_lines=False)
    for v in result.variables:
        table.add_column(v, overflow="fold")
    for row in result.table_rows():
        table.add_row(*row)
    console.print(table)
    note = f"{len(result.rows)} row(s) in {result.seconds * 1000:.1f} ms"
    if result.truncated:
        note += " (truncated by --max-rows)"
    console.print(note, style="dim")


@app.command("query")
def query_command(
    sources: list[Path] = typer.Argument(None, help="A store directory, or RDF files (.ttl .nt .nq .trig .jsonld .rdf)."),
    name: Optional[str] = typer.Option(None, "--name", "-n", help="A named query (see --list)."),
    sparql: Optional[str] = typer.Option(None, "--sparql", "-q", help="SPARQL text."),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="A .rq file."),
    param: list[str] = typer.Option([], "--param", "-p",
                                    help="NAME=VALUE binds ?NAME (Q7747 -> wd:Q7747; http(s) IRIs and "
                                         "prefix:name -> IRIs; anything else a string literal). Repeatable."),
    fmt: str = typer.Option("table", "--format", help="table, csv, tsv, json or xml (SPARQL results formats)."),
    max_rows: Optional[int] = typer.Option(None, "--max-rows", help="Stop after this many rows."),
    timeout: Optional[float] = typer.Option(None, "--timeout", help="Abandon the query after S seconds."),
    list_: bool = typer.Option(False, "--list", help="List the named queries and exit."),
    allow_service: bool = typer.Option(False, "--allow-service",
                                       help="Let the query use SERVICE, i.e. fetch from other hosts (refused by default)."),
) -> None:
    """Run SPARQL (named, inline or from a file) over a store or RDF files."""
    from kg import query as q

    try:
        if list_:
            _print_list(q.list_queries(), fmt)
            return
        chosen = [x for x in (name, sparql, file) if x is not None]
        if len(chosen) != 1:
            raise UsageError(E.E512.format())
        if not sources:
            raise UsageError(E.E512.format().replace("Give exactly one", "Give a store or RDF files, and exactly one"))
        if fmt.lower() not in q.RESULT_FORMATS:
            raise UsageError(E.E506.format(name=fmt, known=", ".join(q.RESULT_FORMATS)))
        source = q.sources_arg([str(s) for s in sources])
        if name is not None:
            result = q.run_named(source, name, param, max_rows=max_rows, timeout=timeout)
            title = q.get_query(name).title
        else:
            text = sparql if sparql is not None else q.read_query_file(file)
            result = q.run_query(source, text, param, max_rows=max_rows, timeout=timeout,
                                 allow_service=allow_service)
            title = None
    except KGError as exc:
        fail(exc)
        return
    if fmt.lower() == "table":
        print_table(result, title)
    else:
        sys.stdout.buffer.write(result.serialize(fmt.lower()))
        sys.stdout.flush()


def _print_list(queries, fmt: str) -> None:
    if fmt.lower() == "json":
        import json

        typer.echo(json.dumps([{"name": x.name, "title": x.title, "description": x.description,
                                "params": {k: {"default": d, "help": h} for k, (d, h) in x.params.items()}}
                               for x in queries], indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Named queries (kg query STORE --name NAME)")
    table.add_column("name", style="bold")
    table.add_column("question")
    table.add_column("parameters")
    for x in queries:
        params = ", ".join(f"{k}={d}" for k, (d, _) in x.params.items())
        table.add_row(x.name, f"{x.title}\n[dim]{x.description}[/dim]", params)
    Console().print(table)
