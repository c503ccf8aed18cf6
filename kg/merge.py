"""When two event mentions are one event: the merge rules, within and across documents.

Within a document, repeated mentions of the same event become one node with
several provenance mentions (the pipeline does that). Across documents (one
build, or a store that grows) events with the same CAMEO root, actors,
factuality and place, and dates within a day, merge too: the later
document's event takes the earlier event's IRI inside the later document's
graph, restates the earlier event's facts and participants (:data:`CANONICAL`:
the union of the graphs stays single-valued, with one direction, and each
document graph still stands alone), keeps its own mentions, and records
``dk:mergedFrom <its own IRI>``.

One implementation serves ``kg build`` and the store (:class:`Merger`, on
document triples). Candidates come from an :class:`EventIndex` blocked by
(CAMEO root, actor set, factuality) and then by date, so a new event meets
only the few events it could be, never every event seen so far. The store
fills blocks lazily from its own contents (``load_block``).
"""
from __future__ import annotations

import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.vocab import DK, RDF, RDFS, SEM

__all__ = ["EventSig", "same_event", "signature", "event_sig", "FUNCTIONAL", "CANONICAL", "EventIndex", "Merger",
           "MergeStats", "EntityUnifier"]

# event properties that hold one value per event: after a merge, the earlier
# event's values win, so the union of the graphs stays single-valued
FUNCTIONAL = frozenset({
    RDF.type, DK.cameoCode, SEM.eventType, DK.ploverType, DK.quadClass, DK.goldstein,
    RDFS.label, DK.confidence, SEM.hasTimeStamp, SEM.hasPlace, DK.locatedIn, DK.factuality,
})

# what a merged event restates from the canonical (earlier) event, dropping its own
# values: the single-valued facts and the participants; it keeps only its mentions
CANONICAL = FUNCTIONAL | {SEM.hasActor, DK.source, DK.target, DK.theme}
# looked up once: a namespace attribute builds a new term on every access, and merge reads them per triple
_TYPE, _EVENT, _MERGED_FROM = RDF.type, SEM.Event, DK.mergedFrom
_CODE, _ACTOR, _PLACE, _TIME, _FACT = (str(t) for t in (DK.cameoCode, SEM.hasActor, SEM.hasPlace,
                                                        SEM.hasTimeStamp, DK.factuality))
_ACTUAL = str(DK.Actual)

Triple = tuple[Node, Node, Node]
Block = tuple[str, frozenset[str], str]


@dataclass(frozen=True)
class EventSig:
    """What decides whether two events are the same real event."""

    code: str
    actors: frozenset[str]
    place: str | None = None
    time: str | None = None        # ISO date, month or year
    factuality: str = "Actual"

    @property
    def block(self) -> Block:
        return (self.code[:2], self.actors, self.factuality)


def _day(value: str | None) -> date | None:
    if value and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def same_event(a: EventSig, b: EventSig) -> bool:
    """Same CAMEO root, same actors, same place, same factuality, dates within a day.

    A missing place or date on one side does not block a merge across
    documents only when the other facts agree exactly; two stated, different
    places or dates always do.
    """
    if a.code[:2] != b.code[:2] or a.actors != b.actors or not a.actors:
        return False
    if a.factuality != b.factuality:
        return False
    if a.place and b.place and a.place != b.place:
        return False
    if a.time and b.time:
        da, db = _day(a.time), _day(b.time)
        if da and db:
            return abs((da - db).days) <= 1
        return a.time[: min(len(a.time), len(b.time))] == b.time[: min(len(a.time), len(b.time))]
    # without dates, only merge when both carry the same place
    return a.place is not None and a.place == b.place and a.time is None and b.time is None


def signature(ev) -> EventSig:
    """The merge signature of a :class:`kg.model.Event`."""
    return EventSig(ev.cameo_code, frozenset(ev.actors), ev.place, ev.time.value if ev.time else None, ev.factuality)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def event_sig(values: Mapping[str, list[str]]) -> EventSig | None:
    """An :class:`EventSig` from an event's property values (predicate IRI -> sorted strings)."""
    codes = values.get(_CODE) or []
    actors = values.get(_ACTOR) or []
    if not codes or not actors:
        return None
    places = values.get(_PLACE) or [None]
    times = values.get(_TIME) or [None]
    facts = values.get(_FACT) or [_ACTUAL]
    return EventSig(code=codes[0], actors=frozenset(actors), place=places[0], time=times[0],
                    factuality=_local(facts[0]))


# -- the index -----------------------------------------------------------------

def _time_keys(t: str | None) -> list[str | None]:
    """The date buckets an event dated ``t`` can merge with (the rule of :func:`same_event`)."""
    if t is None:
        return [None]
    day = _day(t)
    if day is not None:
        near = [(day + timedelta(days=d)).isoformat() for d in (-1, 0, 1)]
        return [*near, t[:7], t[:4]]
    if len(t) == 7 and t[4] == "-":  # a month meets its days, itself and its year
        return [t, t[:4], *(f"{t}-{d:02d}" for d in range(1, 32))]
    if len(t) == 4:  # a year meets every month and day in it
        months = [f"{t}-{m:02d}" for m in range(1, 13)]
        return [t, *months, *(f"{m}-{d:02d}" for m in months for d in range(1, 32))]
    return [t]


class _Entry:
    """An indexed event: its signature in memory, its canonical facts in the spill file."""

    __slots__ = ("sig", "offset", "size")

    def __init__(self, sig: EventSig, offset: int, size: int) -> None:
        self.sig, self.offset, self.size = sig, offset, size


def _plain(o: Node) -> tuple[str, str, str | None, str | None]:
    """A term as (kind, text, datatype, language): what :func:`_term` rebuilds it from."""
    if isinstance(o, Literal):
        return "l", str(o), str(o.datatype) if o.datatype else None, o.language
    return ("b" if isinstance(o, BNode) else "u"), str(o), None, None


def _term(kind: str, text: str, datatype: str | None, language: str | None) -> Node:
    if kind == "l":
        return Literal(text, datatype=URIRef(datatype) if datatype else None, lang=language)
    return BNode(text) if kind == "b" else URIRef(text)


class _Spill:
    """The canonical facts of indexed events, pickled to an anonymous temporary file.

    They are read back only when a later event merges into one, so the
    index keeps ~200 bytes per event in memory instead of its terms (~5 kB).
    """

    def __init__(self) -> None:
        self._fh: Any = None
        self._end = 0

    def put(self, functional: tuple[tuple[Node, Node], ...]) -> tuple[int, int]:
        if self._fh is None:
            self._fh = tempfile.TemporaryFile(prefix="kg-merge-")
        # plain strings: rdflib terms pickle through __reduce__, several times slower
        data = pickle.dumps(tuple((str(p), *_plain(o)) for p, o in functional), protocol=pickle.HIGHEST_PROTOCOL)
        self._fh.seek(self._end)
        self._fh.write(data)
        offset, self._end = self._end, self._end + len(data)
        return offset, len(data)

    def get(self, offset: int, size: int) -> tuple[tuple[Node, Node], ...]:
        self._fh.seek(offset)
        return tuple((URIRef(p), _term(*o)) for p, *o in pickle.loads(self._fh.read(size)))

    def __del__(self) -> None:
        if self._fh is not None:
            self._fh.close()


def _compact(sig: EventSig) -> EventSig:
    """``sig`` with its strings interned: thousands of events share a few actors, places and days."""
    return EventSig(sys.intern(sig.code), frozenset(sys.intern(a) for a in sig.actors),
                    sys.intern(sig.place) if sig.place else None, sys.intern(sig.time) if sig.time else None,
                    sys.intern(sig.factuality))


class EventIndex:
    """Canonical events by (CAMEO root, actor set, factuality), then by date.

    ``load_block(block)`` (optional) returns ``(iri, sig, functional pairs)``
    of events already stored in that block; it is called once per block, the
    first time the block is needed. ``known(iri)`` (optional) says whether an
    event IRI is stored at all (a re-added document keeps its own events).
    """

    def __init__(self, load_block: Callable[[Block], Iterable[tuple[str, EventSig, Iterable[tuple[Node, Node]]]]]
                 | None = None, known: Callable[[str], bool] | None = None) -> None:
        # one flat table keyed by (block, date bucket): no per-block dictionaries for the many
        # blocks that hold one event; the key object is shared with _where
        self._buckets: dict[tuple[Block, str | None], dict[str, _Entry]] = {}
        self._where: dict[str, tuple[Block, str | None]] = {}
        self._loaded: set[Block] = set()  # blocks read from load_block
        self._spill = _Spill()
        self._load_block = load_block
        self._known = known

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, iri: str) -> bool:
        return iri in self._where

    def _load(self, block: Block) -> None:
        if self._load_block is None or block in self._loaded:
            return
        self._loaded.add(block)
        for iri, sig, functional in self._load_block(block):
            if sig.block == block:
                self._put(iri, sig, tuple(functional))

    def _put(self, iri: str, sig: EventSig, functional: tuple[tuple[Node, Node], ...]) -> None:
        if iri in self._where:
            return  # the first description of an event stays canonical
        sig = _compact(sig)
        key = (sig.block, sig.time)
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = {}
        else:
            key = self._where[next(iter(bucket))] if bucket else key  # share the stored key
        bucket[iri] = _Entry(sig, *self._spill.put(functional))
        self._where[iri] = key

    def add(self, iri: str, sig: EventSig, functional: Iterable[tuple[Node, Node]]) -> None:
        self._load(sig.block)
        self._put(iri, sig, tuple(functional))

    def discard(self, iri: str) -> None:
        key = self._where.pop(iri, None)
        if key is not None:
            bucket = self._buckets.get(key, {})
            bucket.pop(iri, None)
            if not bucket:
                self._buckets.pop(key, None)

    def _entries(self, sig: EventSig) -> Iterator[tuple[str, _Entry]]:
        block = sig.block
        for t in _time_keys(sig.time):
            bucket = self._buckets.get((block, t))
            if bucket:
                yield from bucket.items()

    def candidates(self, sig: EventSig) -> list[str]:
        """IRIs of the indexed events in ``sig``'s block and date buckets (not yet checked)."""
        self._load(sig.block)
        return [iri for iri, _ in self._entries(sig)]

    def functional(self, iri: str) -> tuple[tuple[Node, Node], ...]:
        entry = self._buckets[self._where[iri]][iri]
        return self._spill.get(entry.offset, entry.size)

    def match(self, iri: str, sig: EventSig) -> str | None:
        """The canonical event ``sig`` is: itself when indexed or stored, else the least matching IRI."""
        self._load(sig.block)  # loads the block, so a stored event is seen below
        if iri in self._where or (self._known is not None and self._known(iri)):
            return iri
        matches = [c for c, entry in self._entries(sig) if same_event(sig, entry.sig)]
        return min(matches) if matches else None


# -- merging document triples -----------------------------------------------------

@dataclass
class MergeStats:
    events_added: int = 0
    events_merged: int = 0
    merged: list[tuple[str, str]] = field(default_factory=list)  # (original IRI, canonical IRI)
    keep_pairs: bool = True  # False: count the merges only (a long build needs no list of them)


def _values(pairs: Iterable[tuple[Node, Node]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p, o in pairs:
        out.setdefault(str(p), []).append(str(o))
    return {k: sorted(v) for k, v in out.items()}


class Merger:
    """Merges one document's triples at a time into the events seen before (see the module)."""

    def __init__(self, index: EventIndex | None = None) -> None:
        self.index = index if index is not None else EventIndex()

    def merge(self, triples: list[Triple], stats: MergeStats | None = None) -> list[Triple]:
        """``triples`` (one document graph) with its events merged; the index learns its new events.

        A document's events are matched against earlier documents only, never
        against each other (within a document the pipeline has merged them).
        """
        stats = stats if stats is not None else MergeStats()
        by_subject: dict[Node, list[tuple[Node, Node]]] = {}
        events = []
        for s, p, o in triples:
            by_subject.setdefault(s, []).append((p, o))
            if p == _TYPE and o == _EVENT and isinstance(s, URIRef):
                events.append(s)
        mapping: dict[Node, URIRef] = {}
        new: list[tuple[str, EventSig, list[tuple[Node, Node]]]] = []
        for ev in sorted(events):
            sig = event_sig(_values(by_subject[ev]))
            match = self.index.match(str(ev), sig) if sig is not None else None
            if match is not None and match != str(ev):
                mapping[ev] = URIRef(match)
                stats.events_merged += 1
                if stats.keep_pairs:
                    stats.merged.append((str(ev), match))
            else:
                stats.events_added += 1
                if sig is not None:
                    new.append((str(ev), sig, [(p, o) for p, o in by_subject[ev] if p in CANONICAL]))
        for iri, sig, functional in new:
            self.index.add(iri, sig, functional)
        if not mapping:
            return triples
        out: list[Triple] = []
        for s, p, o in triples:
            if s in mapping and p in CANONICAL:
                continue  # replaced below by the canonical event's values
            out.append((mapping.get(s, s), p, mapping.get(o, o)))
        for ev, target in mapping.items():
            out.extend(sorted({(target, p, o) for p, o in self.index.functional(str(target))}, key=str))
            out.append((target, _MERGED_FROM, ev))
        return out


# -- entity labels --------------------------------------------------------------

class EntityUnifier:
    """One description per entity key across the documents of a build.

    Two documents may name one group differently ("Israeli troops", "Israeli
    soldiers"): the first description seen stays the description everywhere
    (label, role, affiliation), a later document's own names become aliases,
    so the union of the graphs has exactly one label and every name as
    ``skos:altLabel``. Streaming: only the first description of each key is
    remembered.
    """

    def __init__(self) -> None:
        self._first: dict[str, object] = {}

    def __call__(self, result):
        changed = []
        for e in result.entities:
            first = self._first.setdefault(e.key, e)
            if first is not e and first != e:
                names = {e.label, *e.aliases, *first.aliases} - {first.label}
                e = first.model_copy(update={"aliases": tuple(sorted(names))})
            changed.append(e)
        if all(a is b for a, b in zip(changed, result.entities)):
            return result
        return result.model_copy(update={"entities": tuple(changed)})
