"""The main job, streamed: inputs -> documents -> parsed -> results -> graphs -> validated -> merged -> sinks.

Documents flow through ``nlp.pipe`` in batches; a document that fails is
reported and skipped, the rest of the batch is kept. Each document becomes
its own named graph once; graphs are validated with SHACL a batch at a time
(the shapes are local to an event, so a batch is as good as the union and
costs memory for the batch only), the failing events go to the quarantine,
and the clean graph is merged with the events of the documents before it
through the blocked index of :mod:`kg.merge` (that work is :mod:`kg.tail`'s:
in a worker process one batch behind the parser, once a build is longer
than a batch) and handed to the sinks (:mod:`kg.stream`, the store), so
memory stays flat in the number of documents. :func:`build` is the
library's in-memory form of the same stream.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from rdflib import Dataset

from kg.errors import E
from kg.extract import Extracted, extracted, to_result
from kg.merge import EntityUnifier
from kg.model import Document, DocumentResult
from kg.pool import Prepared, pooled
from kg.readers import Problem, iter_documents
from kg.stream import row_kind
from kg.tail import BuildQuarantine, Finisher
from kg.vocab import DEFAULT_BASE

__all__ = ["BuildSummary", "BuildOutput", "BuildQuarantine", "build", "build_stream", "iter_results",
           "quarantine_path"]

VALIDATION_BATCH = 32  # documents per pySHACL run: its fixed cost shared (32 costs 2% more than 64), its memory
                       # bounded, and the parser waits at the end for the last one only
BATCH_SECONDS = 5.0    # ... and a batch is finished at least this often, so the sinks (a store) keep up


@dataclass
class BuildSummary:
    documents: int = 0
    skipped: int = 0
    events: int = 0
    entities: int = 0
    quarantined: int = 0
    processed: int = 0   # documents parsed and extracted
    resumed: int = 0     # documents already in the store with the same text, not processed again
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        text = (f"{self.documents} document(s) read, {self.events} event(s) and {self.entities} "
                f"entit{'y' if self.entities == 1 else 'ies'} extracted in {self.seconds:.1f}s")
        if self.resumed:
            text += f"; {self.resumed} already stored, skipped"
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
    quarantine: BuildQuarantine | None = None


def iter_results(documents: Iterable[Document], *, model: str | None = None, batch_size: int = 32,
                 n_process: int = 1, on_problem: Callable[[str], None] | None = None,
                 plain: bool = False) -> Iterator[DocumentResult | Extracted]:
    """Parse and extract each document, streaming; a failing document is reported, not raised.

    ``plain`` yields the extractions unvalidated (:class:`kg.extract.Extracted`,
    for :mod:`kg.tail` to turn into results), one process only.
    """
    from kg.nlp.pipeline import DEFAULT_MODEL, load_pipeline, parse  # noqa: PLC0415 - loads spaCy

    if n_process > 1:  # one pool of workers for the whole run (kg.pool)
        from kg.pool import pooled_results  # noqa: PLC0415

        yield from pooled_results(documents, n_process=n_process, model=model, batch_size=batch_size,
                                  on_problem=on_problem)
        return
    nlp = load_pipeline(model or DEFAULT_MODEL)

    def failed(doc_id: str, detail: str) -> None:
        if on_problem:
            on_problem(E.E201.format(doc=doc_id, detail=detail))

    convert = extracted if plain else to_result
    for doc, document in parse(nlp, documents, batch_size=batch_size, n_process=n_process, on_error=failed):
        try:
            yield convert(doc, document)
        except Exception as exc:  # noqa: BLE001 - one bad document must not cost the batch
            if on_problem:
                on_problem(E.E201.format(doc=document.id, detail=f"{type(exc).__name__}: {exc}"))


def build_stream(inputs: Iterable[str], sinks: list[Any], *, published: date | None = None,
                 model: str | None = None, base: str = DEFAULT_BASE, batch_size: int = 32, n_process: int = 1,
                 validate: bool = True, stdin: TextIO | None = None,
                 on_problem: Callable[[str], None] | None = None,
                 on_result: Callable[[DocumentResult], None] | None = None,
                 skip: Callable[[Document], bool] | None = None,
                 progress: Any = None, summary: BuildSummary | None = None,
                 validation_batch: int = VALIDATION_BATCH, batch_seconds: float = BATCH_SECONDS,
                 extract: Callable[[Iterable[Document]], Iterable[DocumentResult]] | None = None,
                 validate_in_background: bool = True) -> tuple[BuildSummary, BuildQuarantine | None]:
    """Stream ``inputs`` into ``sinks`` (objects with ``write(graph name, triples)``).

    ``skip(document)`` true leaves a document out before parsing (a resumed
    store build); ``progress`` (:mod:`kg.progress`) hears of every document.
    ``extract(documents)`` replaces the local parse (``kg.distributed`` runs
    it on a Dask cluster); it must yield the results in document order.
    The sinks are not closed here: the caller commits or aborts them.
    With ``validate_in_background`` a build longer than one batch builds,
    validates and merges its graphs in a worker process, one batch behind
    the parser (:mod:`kg.tail`; the same result).
    """
    started = time.perf_counter()
    summary = summary if summary is not None else BuildSummary()
    entities: set[str] = set()
    labels = EntityUnifier()  # for the pool's prepared graphs; the Tail has its own for the rest
    rows = row_kind(sinks)  # sinks that append rows get them formatted by the worker
    finisher = Finisher(base, validate, validate_in_background, rows=rows, keep_results=on_result is not None)

    def report(msg: str) -> None:
        summary.problems.append(msg)
        if progress is not None:
            progress.problem()
        if on_problem:
            on_problem(msg)

    def documents() -> Iterator[Document]:
        for item in iter_documents(inputs, published=published, stdin=stdin):
            if isinstance(item, Problem):
                summary.skipped += item.fatal
                report(item.message)
            elif skip is not None and skip(item):
                summary.documents += 1
                summary.resumed += 1
                if progress is not None:
                    progress.advance(0)
            else:
                summary.documents += 1
                yield item

    def write(docs: list[tuple[Any, list]]) -> None:
        for name, items in docs:
            for sink in sinks:
                if rows:
                    sink.write_rows(items)
                else:
                    sink.write(name, items)

    pending: Any = None  # the batch in the worker while the next one is parsed

    def settle() -> None:
        nonlocal pending
        if pending is not None:
            done, pending = pending, None
            before_q, before_e = _quarantined(finisher), finisher.events_added
            docs = finisher.finish(done)
            for msg in _drain(finisher.problems):
                report(msg)
            for r in _drain(finisher.results):
                on_result(r)
            summary.quarantined += _quarantined(finisher) - before_q
            if progress is not None:
                progress.events(finisher.events_added - before_e)
            write(docs)

    def flush(batch: list[Any], *, more: bool) -> None:
        nonlocal pending
        if batch and isinstance(batch[0], Prepared):  # graphs built and validated by the workers (kg.pool)
            if finisher.quarantine is not None:
                summary.quarantined += sum(p.absorb(finisher.quarantine) for p in batch)
            before_e = finisher.events_added
            write(finisher.prepared([(p.name, p.triples) for p in batch]))
            if progress is not None:
                progress.events(finisher.events_added - before_e)
            return
        handle = finisher.submit(batch, more=more)
        settle()          # the batch before (done meanwhile) goes out first: document order
        pending = handle
        if not more:
            settle()

    batch: list[Any] = []
    processed = 0
    finished = False
    batch_started = time.perf_counter()
    if extract is None and n_process > 1:
        results = pooled(documents(), n_process=n_process, model=model, batch_size=batch_size, base=base,
                         validate=validate, on_problem=report)
    elif extract is None:  # extractions: the Tail validates them into results (in the worker)
        results = iter_results(documents(), model=model, batch_size=batch_size, n_process=n_process,
                               on_problem=report, plain=True)
    else:
        results = extract(documents())
    try:
        for item in results:
            processed += 1
            if isinstance(item, Prepared):
                item = item.settled(labels, base)
                entities.update(e.key for e in item.result.entities)
                if on_result is not None:
                    on_result(item.result)
            batch.append(item)  # anything else is labelled, counted and handed back by the Tail
            if progress is not None:
                progress.advance(1)
            if len(batch) >= validation_batch or time.perf_counter() - batch_started >= batch_seconds:
                flush(batch, more=True)
                batch = []
                batch_started = time.perf_counter()
        if batch:
            flush(batch, more=False)
        else:
            settle()
        finished = True
    finally:
        # every batch back: the worker winds down while the caller writes the sinks out
        finisher.close(wait=not finished)
    summary.processed = processed - finisher.failed
    summary.skipped += summary.documents - summary.resumed - summary.processed
    summary.events = finisher.events_added
    summary.entities = len(entities | finisher.entity_keys)
    summary.seconds = time.perf_counter() - started
    return summary, finisher.quarantine


def _drain(items: list) -> list:
    out = items[:]
    items.clear()
    return out


def _quarantined(finisher: Finisher) -> int:
    return finisher.quarantine.count if finisher.quarantine is not None else 0


def build(inputs: Iterable[str], *, published: date | None = None, model: str | None = None,
          base: str = DEFAULT_BASE, batch_size: int = 32, n_process: int = 1, validate: bool = True,
          stdin: TextIO | None = None, on_problem: Callable[[str], None] | None = None) -> BuildOutput:
    """Build the graph of ``inputs`` (paths, directories, JSON Lines, '-') in memory."""
    from kg.stream import DatasetSink  # noqa: PLC0415

    sink = DatasetSink()
    results: list[DocumentResult] = []
    summary, quarantine = build_stream(inputs, [sink], published=published, model=model, base=base,
                                       batch_size=batch_size, n_process=n_process, validate=validate,
                                       stdin=stdin, on_problem=on_problem, on_result=results.append)
    return BuildOutput(sink.dataset, results, summary, quarantine)


def quarantine_path(output: Path) -> Path:
    """'out/graph.ttl' -> 'out/graph.quarantine.ttl'."""
    return output.with_name(output.name.split(".")[0] + ".quarantine.ttl")
