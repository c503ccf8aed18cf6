"""``kg validate GRAPH...``: check exported graphs against the SHACL shapes.

Exit 0 when the graphs conform, 1 when they do not, 2 on a usage error
(missing file, unreadable graph). Parsing and printing only; the checking is
:func:`kg.validate.validate`.
"""
from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer
from rdflib import Dataset
from rich.console import Console
from rich.markup import escape

from kg.cli._app import app
from kg.cli.common import check_output_path, fail, out
from kg.errors import E, KGError, UsageError
from kg.validate import ValidationReport, Violation, validate as validate_graph
from kg.vocab import PREFIXES

__all__ = ["validate_command", "load_graphs", "render_report"]

class Inference(str, Enum):
    rdfs = "rdfs"
    owlrl = "owlrl"


def load_graphs(paths: list[Path]) -> Dataset:
    """Every file (or store) into one Dataset, by the one loader :func:`kg.load.load_dataset`.

    Triple formats become one named graph per file, as everywhere else; the
    error codes are the loader's (E001 missing, E501 unknown type, E106 unparsable).
    """
    from kg.load import load_dataset

    return load_dataset(paths)


def _short(text: str | None, prefixes: list[tuple[str, str]]) -> str:
    if text is None:
        return "-"
    for prefix, ns in prefixes:
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns):]}"
    return f"<{text}>" if "://" in text else text


def _prefixes() -> list[tuple[str, str]]:
    pairs = list(PREFIXES.items()) + [("id", "https://w3id.org/diplokg/id/"),
                                      ("dks", "https://w3id.org/diplokg/shapes#")]
    return sorted(pairs, key=lambda p: -len(p[1]))  # longest namespace first


def render_report(report: ValidationReport, console: Console, *, triples: int, files: int) -> None:
    """Print ``report`` readably: a summary line, then each violation."""
    pre = _prefixes()
    if report.conforms and not report.violations:
        console.print(f"[green]✓ conforms[/green]: {triples} triples in {files} file(s), no violations.")
        return
    bad = [v for v in report.violations if v.severity == "Violation"]
    events = {v.focus for v in bad if v.kind == "event"}
    head = "[green]✓ conforms[/green]" if report.conforms else "[red]✗ does not conform[/red]"
    console.print(f"{head}: {len(report.violations)} result(s), {len(bad)} violation(s) "
                  f"on {len(events)} event(s); {triples} triples in {files} file(s).")
    for v in report.violations:
        _print_violation(v, console, pre)


def _print_violation(v: Violation, console: Console, pre: list[tuple[str, str]]) -> None:
    colour = {"Violation": "red", "Warning": "yellow", "Info": "blue"}[v.severity]
    console.print(f"\n[{colour}]{v.severity}[/{colour}] {v.kind} [bold]{escape(_short(v.focus, pre))}[/bold]")
    console.print(f"  path:     {escape(_short(v.path, pre))}")
    console.print(f"  message:  {escape(v.message)}")
    if v.value is not None:
        console.print(f"  value:    {escape(v.value)}")
    if v.shape:
        console.print(f"  shape:    {escape(_short(v.shape, pre))}")
    if v.sentence:
        console.print(f"  evidence: “{escape(v.sentence)}”")


@app.command("validate")
def validate_command(
    graphs: list[Path] = typer.Argument(..., metavar="GRAPH", help="RDF files (.ttl, .trig, .nt, .nq, .jsonld, .rdf)."),
    inference: Inference | None = typer.Option(None, "--inference", help="Entail with the ontology first: rdfs or owlrl."),
    report: Path | None = typer.Option(None, "--report", metavar="FILE.ttl", help="Write the sh:ValidationReport as Turtle."),
) -> None:
    """Check graphs against the SHACL shapes of the RDF contract (exit 0 conforms, 1 not, 2 usage error)."""
    try:
        if report is not None:
            check_output_path(report)  # before the (slow) validation
        ds = load_graphs(graphs)
        result = validate_graph(ds, inference=inference.value if inference else None)
        if report is not None:
            _write_report(result, report)
    except KGError as exc:
        fail(str(exc), code=2)
    render_report(result, out, triples=sum(1 for _ in ds.quads((None, None, None, None))), files=len(graphs))
    if report is not None:
        out.print(f"report written to {escape(str(report))}")
    raise typer.Exit(0 if result.conforms else 1)


def _write_report(result: ValidationReport, path: Path) -> None:
    from kg.export import write_bytes

    try:
        write_bytes(result.to_turtle().encode("utf-8"), path)
    except OSError as exc:
        raise UsageError(E.E304.format(path=path, detail=exc.strerror or exc)) from None
