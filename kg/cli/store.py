"""`kg store ...`: look into a store directory."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

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
    no_validate: bool = typer.Option(False, "--no-validate", help="Skip SHACL validation (faster)."),
    quarantine_to: Optional[Path] = typer.Option(None, "--quarantine", metavar="FILE.ttl",
                                                 help="Where violating events go (default: DIR.quarantine.ttl)."),
    strict: bool = typer.Option(False, "--strict", help="Add nothing if a file is unreadable or an event violates the shapes."),
) -> None:
    """Add RDF files to a store: same-named document graphs are replaced, events merged.

    As in 'kg build': an unreadable file is one coded line and the others are
    added; events that violate the shapes are moved to the quarantine file
    (with the validation report) instead of the store.
    """
    from kg.cli.common import err, problem
    from kg.ontology_graph import add_ontology
    from kg.errors import E
    from kg.store import Store

    try:
        dataset, problems = _load_each(files, problem)
        if not len(dataset) and problems:
            raise KGError(E.E105)
        moved = 0
        if not no_validate and len(dataset):
            from kg.validate import quarantine

            result = quarantine(dataset, inplace=True)
            dataset, moved = result.clean, result.count
            if moved:
                from kg.export import write_bytes

                target = quarantine_to or directory.with_name(directory.name + ".quarantine.ttl")
                if strict:
                    raise KGError(E.E107.format(count=problems + moved))
                write_bytes(result.quarantined.serialize(format="turtle").encode("utf-8"), target)
                err.print(f"{moved} event(s) violate the shapes; quarantined with the validation report: {target}",
                          markup=False)
        if strict and problems:
            raise KGError(E.E107.format(count=problems))
        with Store(directory) as store:
            stats = store.add_dataset(dataset)
            add_ontology(store)  # kg/ontology_graph.py
    except KGError as exc:
        _fail(exc)
        return
    typer.echo(f"{directory}: {stats.line()}")


def _load_each(files: list[Path], report) -> tuple[object, int]:
    """Every readable file's graphs in one Dataset; each unreadable file is one coded line."""
    from kg.errors import InputError
    from kg.load import load_dataset

    merged = load_dataset([])
    problems = 0
    for f in files:
        try:
            ds = load_dataset([f])
        except InputError as exc:
            report(str(exc))
            problems += 1
            continue
        for s_, p_, o_, g in ds.quads((None, None, None, None)):
            merged.graph(getattr(g, "identifier", g)).add((s_, p_, o_))
    return merged, problems
