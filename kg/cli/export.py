"""`kg export`: RDF files or a store -> any registered format (html, graphml, gexf, csv, ttl...)."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Optional

import typer

from kg.cli._app import app
from kg.cli.common import check_output_path, fail
from kg.errors import E, KGError, UsageError

__all__ = ["export_paths", "export_command"]


def export_paths(inputs: Sequence[Path | str], output: Path | str, fmt: str | None = None,
                 **options: object) -> Path:
    """Load ``inputs`` (RDF files and store directories) and write them to ``output`` as ``fmt``.

    ``fmt`` defaults from the output's extension. Raises :class:`KGError`.
    """
    from kg import export
    from kg.load import load_dataset  # rdflib parsing and the store are loaded only when needed

    if not inputs:
        raise UsageError(E.E404)
    check_output_path(output)  # E111/E112 before any parsing
    exporter = export.get(fmt or export.format_for_path(output))  # E101/E102 too
    dataset = load_dataset([Path(p) for p in inputs])
    data = exporter.generate(dataset, **options)
    try:
        return export.write_bytes(data, output)
    except OSError as exc:
        raise KGError(E.E403.format(path=output, detail=exc.strerror or exc)) from exc


@app.command("export")
def export_command(
    inputs: list[Path] = typer.Argument(None, help="RDF files (.ttl .nt .nq .trig .jsonld .rdf) or a store directory.",
                                        show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help="File to write; its extension picks the format ('-': standard output)."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help="html, graphml, gexf, csv, events-csv, parquet, graphml-dyads, gexf-dyads, "
                                           "gexf-dynamic, neo4j, ttl, nt, jsonld, trig, nq (default: from --output)."),
    max_nodes: int = typer.Option(5000, "--max-nodes", help="html: above this many nodes, draw actors linked by "
                                                          "event counts instead of every event."),
    title: Optional[str] = typer.Option(None, "--title", help="html: the page title."),
) -> None:
    """Export a graph: an analyst view (html), graph-tool files (graphml, gexf, csv) or RDF."""
    options: dict[str, object] = {"max_nodes": max_nodes}
    if title:
        options["title"] = title
    try:
        if max_nodes < 1:
            raise UsageError(E.E402.format(got=max_nodes))
        path = export_paths(inputs or [], output, fmt, **options)
    except KGError as exc:
        fail(str(exc), 2 if isinstance(exc, UsageError) else 1)
    if str(path) != "-":
        typer.echo(f"wrote {path}", err=True)
