"""`--processes N`: one pool of worker processes for the whole run, doing each document's local work.

``nlp.pipe(n_process=N)`` restarted its workers for every chunk and left all
the work after parsing (results, graphs, SHACL) to the main process, so two
processes hardly beat one. Here a pool of N processes lives for the whole
build; each worker loads the pipeline once and takes chunks of
:data:`CHUNK_DOCS` documents: parse, extract, build each document's graph and
validate the chunk (the shapes are local to an event, so a chunk is as good
as the union). It sends back plain picklable data, :class:`Prepared`: the
extraction result, the clean triples of the document graph and the chunk's
quarantine. The main process keeps only what is sequential by nature: the
build's first description of each entity (:class:`kg.merge.EntityUnifier`),
the cross-document merge index and the sinks. Chunks come back in input
order, and at most ``2 N`` are out at a time, so memory does not grow with
the corpus.

A worker's graph states the descriptions first seen *in its chunk*; when the
build saw an entity earlier with another description, :meth:`Prepared.settled`
restates that document's entity triples from the build's description (the
event triples, and so the quarantine, do not depend on it: every actor of an
event is typed ``sem:Actor`` in the event's own graph). The result is the
same graph as one process makes.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from rdflib import URIRef
from rdflib.term import Node

from kg.errors import E, KGError
from kg.model import Document, DocumentResult, Entity

__all__ = ["CHUNK_DOCS", "Prepared", "pooled", "pooled_results"]

CHUNK_DOCS = 16  # documents per task: SHACL's fixed cost shared, the last chunk's tail short

Triple = tuple[Node, Node, Node]


@dataclass
class ChunkQuarantine:
    """A chunk's share of the build's quarantine (see :class:`kg.build.BuildQuarantine`)."""

    count: int = 0
    events: list[str] = field(default_factory=list)
    triples: list[Triple] = field(default_factory=list)  # quarantined events and the chunk's report


@dataclass
class Prepared:
    """One document done by a worker: what the main process needs, as plain data."""

    result: DocumentResult                 # as extracted
    entities: tuple[Entity, ...]           # the descriptions ``triples`` state
    name: URIRef                           # the document graph
    triples: list[Triple]                  # the clean (validated) triples of the document graph
    quarantine: ChunkQuarantine | None = None  # on the last document of its chunk

    def settled(self, labels: Callable[[DocumentResult], DocumentResult], base: str) -> Prepared:
        """This document under the build's entity descriptions (``labels``: the build's unifier)."""
        from kg.graph import entity_iri, entity_triples  # noqa: PLC0415
        from kg.vocab import DK  # noqa: PLC0415

        r = labels(self.result)
        if r.entities == self.entities:
            return Prepared(r, self.entities, self.name, self.triples, self.quarantine)
        # an entity's triples are its description (and dk:met, which only the events decide)
        nodes = {entity_iri(e.key, base) for e in r.entities}
        fresh = list(dict.fromkeys(entity_triples(r, base)))
        kept = [t for t in self.triples if t[0] not in nodes or t[1] == DK.met]
        return Prepared(r, r.entities, self.name, kept + fresh, self.quarantine)

    def absorb(self, into: Any) -> int:
        """Add this document's share of the quarantine to ``into`` (a BuildQuarantine); its count."""
        q = self.quarantine
        if q is None:
            return 0
        if q.triples:
            into.quarantined.addN((s, p, o, into.quarantined) for s, p, o in q.triples)
        into.count += q.count
        into.events.extend(q.events)
        return q.count


# -- in the worker --------------------------------------------------------------

def _init(model: str | None) -> None:
    from kg.nlp.pipeline import DEFAULT_MODEL, load_pipeline  # noqa: PLC0415
    from kg.tail import exit_with_parent  # noqa: PLC0415

    exit_with_parent()  # a killed build leaves no worker behind
    load_pipeline(model or DEFAULT_MODEL)  # once per worker (cached), before the first chunk


def _work(docs: list[Document], model: str | None, batch_size: int, graphs: bool, base: str,
          validate: bool) -> tuple[list[Any], list[str]]:
    """A chunk: (Prepared per document, or DocumentResults when not ``graphs``; problem messages)."""
    from kg.build import iter_results  # noqa: PLC0415

    problems: list[str] = []
    results = list(iter_results(docs, model=model, batch_size=batch_size, on_problem=problems.append))
    if not graphs:
        return results, problems
    from kg.graph import document_triples  # noqa: PLC0415
    from kg.merge import EntityUnifier  # noqa: PLC0415

    from kg.tail import judged  # noqa: PLC0415 - the same decision as one process

    unify = EntityUnifier()  # one description per entity within the chunk, as in a batch of one process
    done = [(r, u.entities, document_triples(u, base)) for r in results for u in (unify(r),)]
    docs = [d for _r, _e, d in done]
    chunk_q = None
    if validate and docs:
        verdict = judged(docs)
        docs, chunk_q = verdict.docs, ChunkQuarantine(verdict.count, verdict.bad, verdict.moved)
    out = [Prepared(r, ents, name, list(triples)) for (r, ents, _d), (name, triples) in zip(done, docs)]
    if out:
        out[-1].quarantine = chunk_q
    return out, problems


# -- in the main process --------------------------------------------------------

def _context() -> multiprocessing.context.BaseContext:
    # fork: the workers start in a moment and share the imported modules; where
    # there is no fork (macOS, Windows) they are spawned and import kg themselves
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def pooled(documents: Iterable[Document], *, n_process: int, model: str | None = None, batch_size: int = 32,
           graphs: bool = True, base: str | None = None, validate: bool = True,
           on_problem: Callable[[str], None] | None = None, chunk_docs: int | None = None) -> Iterator[Any]:
    """Stream :class:`Prepared` (or DocumentResults when not ``graphs``) in document order from a pool.

    A failing document is reported through ``on_problem`` by its worker and
    left out; a worker that dies (killed, out of memory) ends the run with
    ``[E530]``.
    """
    from kg.vocab import DEFAULT_BASE  # noqa: PLC0415

    chunk_docs = chunk_docs or CHUNK_DOCS
    docs = iter(documents)
    pending: deque[Future] = deque()
    limit = 2 * n_process
    with ProcessPoolExecutor(max_workers=n_process, mp_context=_context(), initializer=_init,
                             initargs=(model,)) as pool:
        try:
            def submit() -> bool:
                chunk = list(islice(docs, chunk_docs))
                if chunk:
                    pending.append(pool.submit(_work, chunk, model, batch_size, graphs, base or DEFAULT_BASE,
                                               validate))
                return bool(chunk)

            while len(pending) < limit and submit():
                pass
            while pending:
                items, problems = pending.popleft().result()
                submit()
                for msg in problems:
                    if on_problem is not None:
                        on_problem(msg)
                yield from items
        except BrokenProcessPool as exc:
            raise KGError(E.E530.format(n=n_process, detail=str(exc) or type(exc).__name__)) from None
        finally:
            for f in pending:
                f.cancel()


def pooled_results(documents: Iterable[Document], *, n_process: int, model: str | None = None,
                   batch_size: int = 32, on_problem: Callable[[str], None] | None = None) -> Iterator[DocumentResult]:
    """:func:`kg.build.iter_results` on a pool: DocumentResults in document order."""
    return pooled(documents, n_process=n_process, model=model, batch_size=batch_size, graphs=False,
                  on_problem=on_problem)
