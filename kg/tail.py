"""What follows extraction, a batch at a time: document graphs -> SHACL -> cross-document merge.

:class:`Tail` does it for a batch of document results, or of extractions it
first validates into results (:func:`kg.extract.result_of`; one that fails
is reported, the rest kept), in document order: one description per entity
across the build (:class:`kg.merge.EntityUnifier`), each document's triples
(:func:`kg.graph.document_triples`),
one SHACL run on the batch (:func:`kg.validate.judge`; the failing events
move to the quarantine), then the merge with the events of the batches
before (:class:`kg.merge.Merger`). Its state is the merge index, so one
Tail sees every batch of a build.

:class:`Finisher` runs the build's Tail in the main process for a build of
one batch, and otherwise in one worker process (spawned: no parser state is
copied) that the parser hands each batch to: the worker builds, validates
and merges a batch while the parser reads the next, so the second core does
that work and the parser sends only the extractions (pickled plain values, a
tenth of the cost of their triples). The worker's Tail holds the merge index
and the entity descriptions: if the
worker dies the build stops with ``[E531]`` rather than merge without it.
The output is the same either way (``tests/test_speed_s16.py``).
"""
from __future__ import annotations

import os
import threading
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph
from rdflib.term import Node

from kg.errors import E, KGError
from kg.extract import Extracted
from kg.model import DocumentResult

__all__ = ["Tail", "TailOut", "Finisher", "BuildQuarantine", "exit_with_parent", "judged"]

Triple = tuple[Node, Node, Node]
Docs = list[tuple[Any, list[Triple]]]


@dataclass
class BuildQuarantine:
    """The quarantined events' triples and the validation reports of the batches that had results."""

    quarantined: Graph
    count: int = 0
    events: list[str] = field(default_factory=list)


@dataclass
class TailOut:
    """A batch done: its merged, clean document graphs and its share of the quarantine."""

    docs: Docs
    events_added: int = 0
    count: int = 0                                       # quarantined events
    bad: list[str] = field(default_factory=list)         # their IRIs
    moved: list[Triple] = field(default_factory=list)    # their triples and the batch's report
    keys: list[str] = field(default_factory=list)        # the entity keys of the batch's results
    problems: list[str] = field(default_factory=list)    # documents whose extraction failed validation
    results: list[DocumentResult] | None = None          # the results themselves, when asked for


def judged(docs: Docs, validate: bool = True) -> TailOut:
    """``docs`` without their quarantined triples (all of them when not validating): one SHACL run;
    what a verdict moves is decided here for every kind of build (:mod:`kg.pool` too)."""
    if not validate:
        return TailOut(docs)
    from kg.validate import apply_verdict, judge  # noqa: PLC0415 - pyshacl is heavy

    verdict = judge(docs)
    kept, moved = apply_verdict(docs, verdict)
    out = TailOut(kept, count=verdict.count, bad=sorted(str(e) for e in verdict.bad))
    if verdict.count or verdict.results:
        out.moved = [*moved, *verdict.report]
    return out


class Tail:
    """Graphs, validation and the merge of a build's batches (see the module)."""

    def __init__(self, base: str, validate: bool, rows: str | None = None, keep_results: bool = False) -> None:
        from kg.merge import EntityUnifier, Merger, MergeStats  # noqa: PLC0415
        from kg.stream import Rows  # noqa: PLC0415

        self.base, self.validate, self.rows, self.keep_results = base, validate, rows, keep_results
        self.merger, self.stats = Merger(), MergeStats(keep_pairs=False)
        self.labels = EntityUnifier()
        self._format = Rows()

    def __call__(self, items: list[DocumentResult | Extracted]) -> TailOut:
        """A batch of results, or of extractions validated here first (a failing one is reported)."""
        from kg.graph import document_triples  # noqa: PLC0415

        results, problems = self.results_of(items)
        out = self.merged(self.judged([document_triples(r, self.base) for r in results]))
        out.keys, out.problems = sorted({e.key for r in results for e in r.entities}), problems
        out.results = results if self.keep_results else None
        return out

    def results_of(self, items: list[DocumentResult | Extracted]) -> tuple[list[DocumentResult], list[str]]:
        """The items as results with the build's entity descriptions (:class:`kg.merge.EntityUnifier`)."""
        from kg import extract  # noqa: PLC0415 - looked up at call time (tests replace result_of)

        results, problems = [], []
        for item in items:
            if isinstance(item, Extracted):
                try:
                    item = extract.result_of(item)
                except Exception as exc:  # noqa: BLE001 - one bad document must not cost the batch
                    problems.append(E.E201.format(doc=item.document.id, detail=f"{type(exc).__name__}: {exc}"))
                    continue
            results.append(self.labels(item))
        return results, problems

    def judged(self, docs: Docs) -> TailOut:
        return judged(docs, self.validate)

    def merged(self, out: TailOut) -> TailOut:
        """``out`` with its documents merged into the events of the batches before.

        With ``rows`` the documents come out as the sinks' rows (strings:
        cheaper to send back than terms, and the sinks only append them).
        """
        before = self.stats.events_added
        out.docs = [(name, self.merger.merge(triples, self.stats)) for name, triples in out.docs]
        if self.rows is not None:
            out.docs = [(name, self._format.of(self.rows, name, triples)) for name, triples in out.docs]
        out.events_added = self.stats.events_added - before
        return out


# -- the worker process ----------------------------------------------------------

_WORKER: Tail | None = None


def exit_with_parent(interval: float = 1.0) -> None:
    """In a worker process: end it once the process that started it is gone.

    A build killed outright (SIGKILL, the out-of-memory killer) cannot stop its
    workers, and a worker waiting on its task queue would wait for ever: it
    holds that queue's other end itself, so it never reads end-of-file.
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)  # noqa: SLF001 - nothing of the dead build's is worth finishing

    threading.Thread(target=watch, name="kg-exit-with-parent", daemon=True).start()


def _start_worker(base: str, validate: bool, rows: str | None, keep_results: bool = False) -> None:
    """In the worker: its Tail, with pySHACL imported and the shapes parsed before the first batch."""
    global _WORKER  # noqa: PLW0603 - one Tail per worker process, for the whole build
    exit_with_parent()
    _WORKER = Tail(base, validate, rows, keep_results)
    if validate:
        import pyshacl  # noqa: F401, PLC0415

        from kg.validate import ontology_graph, shapes_graph  # noqa: PLC0415

        shapes_graph()
        ontology_graph()


def _run_worker(results: list[DocumentResult | Extracted]) -> TailOut:
    return _WORKER(results)


# -- the main process -------------------------------------------------------------

class Finisher:
    """The build's Tail, here or in a worker; collects the quarantine (see the module)."""

    def __init__(self, base: str, validate: bool, background: bool = True, rows: str | None = None,
                 keep_results: bool = False) -> None:
        from kg.validate import _bind  # noqa: PLC0415

        self.tail = Tail(base, validate, rows, keep_results)
        self.quarantine = BuildQuarantine(quarantined=_bind(Graph())) if validate else None
        self.background = background
        self.events_added = 0
        self.entity_keys: set[str] = set()
        self.failed = 0                      # documents whose extraction failed validation
        self.problems: list[str] = []        # their reports, and the results, for the caller to take
        self.results: list[DocumentResult] = []
        self._pool: Any = None

    def submit(self, results: list[DocumentResult | Extracted], *, more: bool) -> TailOut | Future:
        """Start on a batch; ``more`` says other batches follow (worth a worker process)."""
        if self._pool is None and self.background and more:
            import multiprocessing  # noqa: PLC0415
            from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_start_worker,
                                             initargs=(self.tail.base, self.tail.validate, self.tail.rows,
                                                       self.tail.keep_results))
        if self._pool is not None:
            try:
                return self._pool.submit(_run_worker, results)
            except BrokenProcessPool as exc:  # it died on an earlier batch
                self._died(exc)
        return self.tail(results)

    def finish(self, handle: TailOut | Future) -> Docs:
        """Wait for a batch; its document graphs (or rows, see :meth:`Tail.merged`), ready for the sinks."""
        if isinstance(handle, Future):
            try:
                handle = handle.result()
            except BrokenProcessPool as exc:
                self._died(exc)
        return self._absorb(handle)

    def _died(self, exc: BaseException) -> None:
        self.close()
        raise KGError(E.E531.format(detail=str(exc) or type(exc).__name__)) from None

    def prepared(self, docs: Docs) -> Docs:
        """Graphs a pool worker built and validated (:mod:`kg.pool`): merged here."""
        out = self.tail.merged(TailOut(docs))
        self.events_added += out.events_added
        return out.docs

    def _absorb(self, out: TailOut) -> Docs:
        self.events_added += out.events_added
        self.entity_keys.update(out.keys)
        self.failed += len(out.problems)
        self.problems.extend(out.problems)
        self.results.extend(out.results or ())
        q = self.quarantine
        if q is not None:
            if out.moved:
                q.quarantined.addN((s, p, o, q.quarantined) for s, p, o in out.moved)
            q.count += out.count
            q.events.extend(out.bad)
        return out.docs

    def close(self, wait: bool = True) -> None:
        """Stop the worker; ``wait=False`` once every batch is back (it exits on its own meanwhile)."""
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=wait)
            self._pool = None
