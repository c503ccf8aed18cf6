"""The main job: inputs -> documents -> parsed -> results -> merged -> graph -> validated.

Streams documents through ``nlp.pipe`` in batches; a document that fails is
reported and skipped, the rest of the batch is kept. Returns values; writing
files is the caller's business (:func:`write_outputs` for the CLI).
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from rdflib import Dataset

from kg.errors import E
from kg.extract import to_result
from kg.graph import add_document, new_dataset
from kg.merge import merge_across, unify_entities
from kg.model import Document, DocumentResult
from kg.readers import Problem, iter_documents
from kg.vocab import DEFAULT_BASE

__all__ = ["BuildSummary", "BuildOutput", "build", "build_documents", "quarantine_path"]


@dataclass
class BuildSummary:
    documents: int = 0
    skipped: int = 0
    events: int = 0
    entities: int = 0
    quarantined: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        text = (f"{self.documents} document(s) read, {self.events} event(s) and {self.entities} "
                f"entit{'y' if self.entities == 1 else 'ies'} extracted in {self.seconds:.1f}s")
        if self.skipped:
            text += f"; {self.skipped} input problem(s) reported"
        if self.quarantined:
            text += f"; {self.quarantined} event(s) quarantined"
        return text


@dataclass
class BuildOutput:
    dataset: Dataset
    results: list[DocumentResult]
    summary: BuildSummary
    quarantine: object | None = None  # kg.validate.QuarantineResult when validated


def build_documents(documents: Iterable[Document], *, model: str | None = None, batch_size: int = 32,
                    n_process: int = 1, on_problem: Callable[[str], None] | None = None) -> list[DocumentResult]:
    """Parse and extract each document; a failing document is reported, not raised."""
    from kg.nlp.pipeline import DEFAULT_MODEL, load_pipeline, parse  # noqa: PLC0415 - loads spaCy

    nlp = load_pipeline(model or DEFAULT_MODEL)
    results = []
    def failed(doc_id: str, detail: str) -> None:
        if on_problem:
            on_problem(E.E201.format(doc=doc_id, detail=detail))

    for doc, document in parse(nlp, documents, batch_size=batch_size, n_process=n_process, on_error=failed):
        try:
            results.append(to_result(doc, document))
        except Exception as exc:  # noqa: BLE001 - one bad document must not cost the batch
            if on_problem:
                on_problem(E.E201.format(doc=document.id, detail=f"{type(exc).__name__}: {exc}"))
    return results


def build(inputs: Iterable[str], *, published: date | None = None, model: str | None = None,
          base: str = DEFAULT_BASE, batch_size: int = 32, n_process: int = 1, validate: bool = True,
          stdin: TextIO | None = None, on_problem: Callable[[str], None] | None = None) -> BuildOutput:
    """Build the graph of ``inputs`` (paths, directories, JSON Lines, '-')."""
    started = time.perf_counter()
    summary = BuildSummary()

    def report(msg: str) -> None:
        summary.problems.append(msg)
        if on_problem:
            on_problem(msg)

    def documents() -> Iterable[Document]:
        for item in iter_documents(inputs, published=published, stdin=stdin):
            if isinstance(item, Problem):
                summary.skipped += item.fatal
                report(item.message)
            else:
                summary.documents += 1
                yield item

    results = build_documents(documents(), model=model, batch_size=batch_size, n_process=n_process,
                              on_problem=report)
    summary.skipped += summary.documents - len(results)
    results = unify_entities(merge_across(results))
    ds = new_dataset()
    for r in results:
        add_document(ds, r, base)
    quarantine = None
    if validate and results:
        from kg.validate import quarantine as run_quarantine  # noqa: PLC0415 - pyshacl is heavy

        quarantine = run_quarantine(ds, inplace=True)
        ds = quarantine.clean
        summary.quarantined = quarantine.count
    summary.events = len({ev.key for r in results for ev in r.events}) - summary.quarantined
    summary.entities = len({e.key for r in results for e in r.entities})
    summary.seconds = time.perf_counter() - started
    return BuildOutput(ds, results, summary, quarantine)


def quarantine_path(output: Path) -> Path:
    """'out/graph.ttl' -> 'out/graph.quarantine.ttl'."""
    return output.with_name(output.name.split(".")[0] + ".quarantine.ttl")
