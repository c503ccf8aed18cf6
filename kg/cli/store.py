"""`kg store ...`: look into a store directory."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from kg.cli._app import app
from kg.errors import KGError

store_app = typer.Typer(help="Inspect and grow a kg store directory.", no_args_is_help=True)
app.add_typer(store_app, name="store")


def _fail(exc: KGError) -> None:
    from kg.cli.query import fail

    fail(exc)


@store_app.command("info")
def info_command(
    directory: Path = typer.Argument(..., help="The store directory."),
    as_json: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
) -> None:
    """Documents, events (by CAMEO root, PLOVER type, factuality), entities, triples."""
    from kg.cameo import codebook
    from kg.store import Store

    try:
        info = Store(directory, read_only=True).info()
    except KGError as exc:
        _fail(exc)
        return
    if as_json:
        typer.echo(json.dumps(info.to_dict(), indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    summary = Table(title=f"kg store {info.path}", show_header=False)
    summary.add_column("what", style="bold")
    summary.add_column("count", justify="right")
    for label, value in (("documents", info.documents), ("events", info.events),
                         ("merged events", info.merged_events), ("entities", info.entities),
                         ("triples (distinct)", info.triples), ("quads", info.quads)):
        summary.add_row(label, str(value))
    console.print(summary)
    book = codebook()
    roots = Table(title="Events by CAMEO root")
    roots.add_column("root")
    roots.add_column("name")
    roots.add_column("events", justify="right")
    for root, n in sorted(info.events_by_root.items()):
        roots.add_row(root, book[root].name if root in book else "", str(n))
    console.print(roots)
    for title, counts in (("Events by PLOVER type", info.events_by_plover),
                          ("Events by factuality", info.events_by_factuality),
                          ("Entities by class", info.entities_by_class)):
        t = Table(title=title)
        t.add_column("value")
        t.add_column("count", justify="right")
        for k, n in sorted(counts.items()):
            t.add_row(k, str(n))
        console.print(t)


@store_app.command("add")
def add_command(
    directory: Path = typer.Argument(..., help="The store directory (created if missing)."),
    files: list[Path] = typer.Argument(..., help="RDF files with per-document graphs (.trig/.nq), or others."),
) -> None:
    """Add RDF files to a store: same-named document graphs are replaced, events merged."""
    from kg.ontology_graph import add_ontology
    from kg.store import Store

    try:
        with Store(directory) as store:
            stats = store.add_files(files)
            add_ontology(store)  # kg/ontology_graph.py
    except KGError as exc:
        _fail(exc)
        return
    typer.echo(f"{directory}: {stats.line()}")
