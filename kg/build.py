"""The main job, streamed: inputs -> documents -> parsed -> results -> graphs -> validated -> merged -> sinks.

Documents flow through ``nlp.pipe`` in batches; a document that fails is
reported and skipped, the rest of the batch is kept. Each document becomes
its own named graph once; graphs are validated with SHACL a batch at a time
(the shapes are local to an event, so a batch is as good as the union and
costs memory for the batch only), the failing events go to the quarantine,
and the clean graph is merged with the events of the documents before it
through the blocked index of :mod:`kg.merge` and handed to the sinks
(:mod:`kg.stream`, the store), so memory stays flat in the number of
documents. :func:`build` is the library's in-memory form of the same stream.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from rdflib import Dataset, Graph

from kg.errors import E
from kg.extract import to_result
from kg.graph import document_triples
from kg.merge import EntityUnifier, Merger, MergeStats
from kg.model import Document, DocumentResult
from kg.pool import Prepared, pooled
from kg.readers import Problem, iter_documents
from kg.vocab import DEFAULT_BASE

__all__ = ["BuildSummary", "BuildOutput", "BuildQuarantine", "build", "build_stream", "iter_results",
           "quarantine_path"]

VALIDATION_BATCH = 64  # documents per pySHACL run: its fixed cost shared, its memory bounded
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
class BuildQuarantine:
    """The quarantined events' triples and the validation reports of the batches that had results."""

    quarantined: Graph
    count: int = 0
    events: list[str] = field(default_factory=list)


@dataclass
class BuildOutput:
    dataset: Dataset
    results: list[DocumentResult]
    summary: BuildSummary
    quarantine: BuildQuarantine | None = None


def iter_results(documents: Iterable[Document], *, model: str | None = None, batch_size: int = 32,
                 n_process: int = 1, on_problem: Callable[[str], None] | None = None) -> Iterator[DocumentResult]:
    """Parse and extract each document, streaming; a failing document is reported, not raised."""
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

    for doc, document in parse(nlp, documents, batch_size=batch_size, n_process=n_process, on_error=failed):
        try:
            yield to_result(doc, document)
        except Exception as exc:  # noqa: BLE001 - one bad document must not cost the batch
            if on_problem:
                on_problem(E.E201.format(doc=document.id, detail=f"{type(exc).__name__}: {exc}"))


def _warm_validation() -> None:
    """In the validation worker: import pySHACL and parse the shapes and the ontology before the first batch."""
    from kg.validate import ontology_graph, shapes_graph  # noqa: PLC0415
    import pyshacl  # noqa: F401, PLC0415

    shapes_graph()
    ontology_graph()


class _Validator:
    """SHACL on a batch of document graphs; the failing events move to one quarantine graph.

    ``submit(docs)`` starts a batch's validation and returns a handle;
    ``finish(handle)`` waits for it and returns the documents without their
    quarantined triples. Once a build is longer than one batch, every batch
    is judged in one worker process (spawned, so no parser state is copied)
    while the parser goes on with the next one: the second core does the
    validation. The decision is the same either way (:func:`kg.validate.judge`).
    """

    def __init__(self, background: bool = True) -> None:
        from kg.validate import _bind  # noqa: PLC0415 - pyshacl is heavy

        self.result = BuildQuarantine(quarantined=_bind(Graph()))
        self.background = background
        self._pool: Any = None

    def _start(self) -> None:
        import multiprocessing  # noqa: PLC0415
        from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        self._pool.submit(_warm_validation)

    def submit(self, docs: list[tuple[Any, list]], *, more: bool) -> tuple[list, Any]:
        """Start judging ``docs``; ``more`` says other batches follow (worth a worker process)."""
        from kg.validate import judge  # noqa: PLC0415

        if self._pool is None:
            if not (self.background and more):
                return docs, judge(docs)
            self._start()  # the first batch already goes to the worker: the parser never waits for pySHACL
        return docs, self._pool.submit(judge, docs)

    def finish(self, handle: tuple[list, Any]) -> list[tuple[Any, list]]:
        from concurrent.futures import Future  # noqa: PLC0415
        from concurrent.futures.process import BrokenProcessPool  # noqa: PLC0415

        from kg.validate import apply_verdict, judge  # noqa: PLC0415

        docs, verdict = handle
        if isinstance(verdict, Future):
            try:
                verdict = verdict.result()
            except BrokenProcessPool:  # the worker died (killed, out of memory): judge here from now on
                self.close()
                self.background = False
                verdict = judge(docs)
        kept, moved = apply_verdict(docs, verdict)
        if verdict.count or verdict.results:
            q = self.result.quarantined
            q.addN((s, p, o, q) for s, p, o in moved)
            q.addN((s, p, o, q) for s, p, o in verdict.report)
        self.result.count += verdict.count
        self.result.events.extend(sorted(str(e) for e in verdict.bad))
        return kept

    def __call__(self, docs: list[tuple[Any, list]]) -> list[tuple[Any, list]]:
        """``docs`` (graph name, triples) without the quarantined triples, judged here."""
        return self.finish(self.submit(docs, more=False))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


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
    With ``validate_in_background`` a build longer than one batch validates
    in a worker process, one batch behind the parser (the same result).
    """
    started = time.perf_counter()
    summary = summary if summary is not None else BuildSummary()
    entities: set[str] = set()
    labels, merger, mstats = EntityUnifier(), Merger(), MergeStats(keep_pairs=False)
    validator = _Validator(validate_in_background) if validate else None

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
        before = mstats.events_added
        for name, triples in docs:
            merged = merger.merge(triples, mstats)
            for sink in sinks:
                sink.write(name, merged)
        if progress is not None:
            progress.events(mstats.events_added - before)

    pending: tuple[list, Any] | None = None  # the batch being validated while the next one is parsed

    def settle() -> None:
        nonlocal pending
        if pending is not None:
            before_q = validator.result.count
            docs = validator.finish(pending)
            pending = None
            summary.quarantined += validator.result.count - before_q
            write(docs)

    def flush(batch: list[Any], *, more: bool) -> None:
        nonlocal pending
        if batch and isinstance(batch[0], Prepared):  # graphs built and validated by the workers (kg.pool)
            if validator is not None:
                summary.quarantined += sum(p.absorb(validator.result) for p in batch)
            write([(p.name, p.triples) for p in batch])
            return
        docs = [document_triples(r, base) for r in batch]
        if validator is None:
            write(docs)
            return
        handle = validator.submit(docs, more=more)
        settle()          # the batch before (validated meanwhile) goes out first: document order
        pending = handle
        if not more:
            settle()

    batch: list[DocumentResult] = []
    processed = 0
    batch_started = time.perf_counter()
    if extract is None and n_process > 1:
        results = pooled(documents(), n_process=n_process, model=model, batch_size=batch_size, base=base,
                         validate=validate, on_problem=report)
    elif extract is None:
        results = iter_results(documents(), model=model, batch_size=batch_size, n_process=n_process,
                               on_problem=report)
    else:
        results = extract(documents())
    try:
        for r in results:
            processed += 1
            item = r.settled(labels, base) if isinstance(r, Prepared) else labels(r)
            r = item.result if isinstance(item, Prepared) else item
            entities.update(e.key for e in r.entities)
            if on_result is not None:
                on_result(r)
            batch.append(item)
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
    finally:
        if validator is not None:
            validator.close()
    summary.processed = processed
    summary.skipped += summary.documents - summary.resumed - processed
    summary.events = mstats.events_added
    summary.entities = len(entities)
    summary.seconds = time.perf_counter() - started
    return summary, (validator.result if validator is not None else None)


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
