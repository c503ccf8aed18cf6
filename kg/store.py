"""An embedded, persistent store on Oxigraph that grows document by document.

A store directory holds one named graph per document (the graph name is the
document node's IRI, as :mod:`kg.graph` makes it). Adding a document that is
already there replaces its graph, so adding the same input twice changes
nothing. A new document's events are merged with the events already stored
by the rule of :func:`kg.merge.same_event`: a merged event takes the stored
event's IRI inside the new document's graph (so the union of the graphs has
one event node with the mentions of every document) and records
``dk:mergedFrom <its own IRI>``. Entities merge by themselves, their IRIs
being deterministic.

The store's default graph is reserved: it holds the union (a set) of every
document graph, kept up to date on every add and replace, so SPARQL without
``GRAPH`` sees the merged knowledge graph once (Oxigraph's own
union-default-graph option is a bag: a triple stated by two documents would
be seen twice, and joins over repeated entity descriptions explode). The
price is that each triple is stored twice. ``GRAPH ?g { ... }`` still sees
the document graphs; exports and pushes use only those. The directory is a
plain Oxigraph store, so ``oxigraph serve --location DIR`` answers the same
queries (stop writers first).

Replacing a document never loses it: its old graph is first moved aside
(``urn:x-kg:replacing:<IRI>``, in one transaction with its removal from the
union), the new graph is written, and only then is the old one dropped. A
process killed in between leaves the stash; the next writer puts the old
version back (:meth:`Store.recover_replacements`), so every document is in
its old or its new version, never missing or half-written.

Oxigraph stores typed literals in canonical form: ``"0.90"^^xsd:decimal``
reads back as ``"0.9"``, ``xsd:nonNegativeInteger`` as ``xsd:integer``.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import E, InputError, UsageError
from kg.merge import CANONICAL, Block, EventIndex, EventSig, Merger, MergeStats, event_sig
from kg.merge import _local
from kg.vocab import DK, NIF, PREFIXES, RDF, SEM, XSD

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

__all__ = ["Store", "AddStats", "StoreInfo", "to_ox", "from_ox", "quads_to_ox", "event_sig", "DEFAULT_GRAPH", "StoreWriter"]

# where triples that came in a dataset's default graph are kept (the store's default graph is the union)
DEFAULT_GRAPH = "urn:x-kg:default-graph"

_ENTITY_CLASSES = ("Person", "Country", "City", "Place", "Organization", "Group", "Weapon")
_XSD_STRING = str(XSD.string)
# while a document is being replaced, its old graph waits under this prefix (see Store._stash)
_STASH = "urn:x-kg:replacing:"
_RDF_LANGSTRING = str(RDF.langString)


# -- term conversion -----------------------------------------------------------

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def _inline_values(sparql: str, bindings: Mapping[str, Any]) -> str | None:
    """The query with a VALUES block binding ``bindings`` at the top of its WHERE group.

    Oxigraph applies ``substitutions`` only after evaluating the whole pattern
    (10-20x slower on a large store); a VALUES block restricts the join from the
    start. Safe against injection: the terms are pyoxigraph terms, whose text
    form is validated (IRIs) or escaped (literals) N-Triples syntax.
    """
    import pyoxigraph as ox

    m = _WHERE.search(sparql)
    if m is None or not all(isinstance(v, (ox.NamedNode, ox.Literal)) for v in bindings.values()):
        return None
    names = " ".join(f"?{k}" for k in bindings)
    row = " ".join(str(v) for v in bindings.values())
    return f"{sparql[:m.end()]} VALUES ({names}) {{ ({row}) }} {sparql[m.end():]}"


def to_ox(term: Node) -> Any:
    """An rdflib term as a pyoxigraph term."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term: Any) -> Node:
    """A pyoxigraph term as an rdflib term (``xsd:string`` literals become plain ones)."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt in (_XSD_STRING, _RDF_LANGSTRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"not a pyoxigraph term: {term!r}")


def quads_to_ox(ds: Dataset) -> Iterator[Any]:
    """Every quad of an rdflib Dataset as pyoxigraph Quads (default graph kept as default)."""
    import pyoxigraph as ox

    default_id = ds.default_graph.identifier
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = getattr(g, "identifier", g)
        graph = ox.DefaultGraph() if gid is None or gid == default_id else to_ox(gid)
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph)


# -- results -------------------------------------------------------------------

@dataclass
class AddStats:
    """What one :meth:`Store.add_dataset` call did."""

    documents_added: int = 0
    documents_replaced: int = 0
    events_added: int = 0
    events_merged: int = 0
    quads_before: int = 0
    quads_after: int = 0
    merged: list[tuple[str, str]] = field(default_factory=list)  # (original IRI, stored IRI)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        """One line for people: what was added, replaced and merged."""
        return (f"{self.documents_added} document(s) added, {self.documents_replaced} replaced, "
                f"{self.events_merged} event(s) merged with stored ones; {self.quads_after} quads in document graphs")


@dataclass
class StoreInfo:
    """A summary of a store's contents."""

    path: str
    documents: int
    events: int
    entities: int
    triples: int               # distinct triples over all document graphs (the default graph)
    quads: int                 # quads in document graphs (a triple in two documents counts twice)
    merged_events: int
    events_by_root: dict[str, int] = field(default_factory=dict)        # '04' -> n
    events_by_plover: dict[str, int] = field(default_factory=dict)      # 'CONSULT' -> n
    events_by_factuality: dict[str, int] = field(default_factory=dict)  # 'Actual' -> n
    entities_by_class: dict[str, int] = field(default_factory=dict)     # 'Person' -> n

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)



# -- the store -----------------------------------------------------------------

class Store:
    """A kg store directory (Oxigraph on RocksDB); ``path=None`` keeps it in memory.

    ``read_only=True`` opens an existing store without taking its write lock
    (several readers, e.g. ``kg serve`` and ``kg query``, can share it).
    """

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False,
                 create: bool = True) -> None:
        import pyoxigraph as ox

        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        if self.path is None:
            self._store = ox.Store()
            return
        from kg.load import is_store_dir

        if not is_store_dir(self.path):
            fresh = not self.path.exists() or (self.path.is_dir() and not any(self.path.iterdir()))
            if read_only or not create or not fresh:
                raise UsageError(E.E109.format(path=self.path))
        try:
            self._store = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except (OSError, RuntimeError) as exc:
            raise UsageError(E.E505.format(path=self.path, detail=str(exc).splitlines()[0][:200])) from exc
        if not read_only:
            self.recover_replacements()  # a replacing add killed earlier: put the old versions back

    # context manager: flush on exit
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Flush and release the store (its directory lock goes with it); the object is unusable after."""
        if getattr(self, "_store", None) is None:
            return
        if not self.read_only and self.path is not None:
            self._store.flush()
        self._store = None

    @property
    def oxigraph(self) -> pyoxigraph.Store:
        """The underlying ``pyoxigraph.Store``."""
        return self._store

    def __len__(self) -> int:
        return len(self._store)

    # -- reading ---------------------------------------------------------------

    def documents(self) -> list[str]:
        """IRIs of the named graphs (one per document), sorted; the ontology graph and stashes are none."""
        from kg.ontology_graph import ONTOLOGY_GRAPH  # noqa: PLC0415 - kg push --with-ontology

        return sorted(g.value for g in self._store.named_graphs()
                      if g.value != ONTOLOGY_GRAPH and not g.value.startswith(_STASH))

    def __iter__(self) -> Iterator[str]:
        return iter(self.documents())

    def graph(self, name: str | URIRef) -> Graph:
        """One named graph as an rdflib Graph."""
        import pyoxigraph as ox

        g = Graph(identifier=URIRef(str(name)))
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns, override=True)
        for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(name))):
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return g

    def iter_graphs(self) -> Iterator[tuple[str, Graph]]:
        """``(graph IRI, rdflib Graph)`` for every document, in IRI order."""
        for name in self.documents():
            yield name, self.graph(name)

    def graph_bytes(self, name: str | URIRef, fmt: str = "nt") -> bytes:
        """One named graph serialised by Oxigraph: 'nt' (N-Triples) or 'ttl' (Turtle)."""
        import pyoxigraph as ox

        rdf_fmt = {"nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE}[fmt]
        kwargs: dict[str, Any] = {"from_graph": ox.NamedNode(str(name))}
        if fmt == "ttl":
            kwargs["prefixes"] = dict(PREFIXES)
        return self._store.dump(format=rdf_fmt, **kwargs) or b""

    def named_quads(self) -> Iterator[Any]:
        """Every quad of the document graphs (not the derived default graph), graph by graph."""
        import pyoxigraph as ox

        for name in self.documents():
            yield from self._store.quads_for_pattern(None, None, None, ox.NamedNode(name))

    def dump_nquads(self) -> bytes:
        """The document graphs as N-Quads (the derived default graph left out)."""
        import pyoxigraph as ox

        return ox.serialize(self.named_quads(), format=ox.RdfFormat.N_QUADS) or b""

    def dataset(self) -> Dataset:
        """The whole store as an rdflib Dataset (one named graph per document)."""
        ds = Dataset()
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, ns, override=True)
        data = self.dump_nquads()
        if data:
            ds.parse(data=data.decode("utf-8"), format="nquads")
        return ds

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Any:
        """Run SPARQL; the default graph is the (set) union of all document graphs.

        ``bindings`` maps variable names to pyoxigraph terms (see
        :func:`kg.query.bind_value` for strings); it returns pyoxigraph's
        ``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``.
        """
        import pyoxigraph as ox

        if bindings:
            inlined = _inline_values(sparql, bindings)
            if inlined is not None:
                return self._store.query(inlined, prefixes=dict(PREFIXES))
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()} or None
        return self._store.query(sparql, substitutions=subs, prefixes=dict(PREFIXES))

    def triple_count(self) -> int:
        """Distinct triples over every graph (what a merged, flattened export holds)."""
        rows = list(self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
        return int(rows[0]["n"].value)

    def _count(self, sparql: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for row in self._store.query(sparql, prefixes=dict(PREFIXES)):
            key = row["k"]
            out[_local(key.value) if key is not None else ""] = int(row["n"].value)
        return out

    def info(self) -> StoreInfo:
        """Counts of documents, events (by CAMEO root, PLOVER type, factuality), entities, triples."""
        events = self._count("SELECT ?k (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sem:Event . BIND('' AS ?k) } GROUP BY ?k")
        by_root = self._count(
            "SELECT ?k (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sem:Event ; dk:cameoCode ?c . "
            "BIND(SUBSTR(?c, 1, 2) AS ?k) } GROUP BY ?k ORDER BY ?k")
        by_plover = self._count(
            "SELECT ?k (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sem:Event ; dk:ploverType ?k } GROUP BY ?k ORDER BY ?k")
        by_fact = self._count(
            "SELECT ?k (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sem:Event ; dk:factuality ?k } GROUP BY ?k ORDER BY ?k")
        classes = " ".join(f"dk:{c}" for c in _ENTITY_CLASSES)
        by_class = self._count(
            f"SELECT ?k (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?k {{ {classes} }} ?x a ?k }} GROUP BY ?k ORDER BY ?k")
        entities = self._count(
            f"SELECT ?k (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?c {{ {classes} }} ?x a ?c . BIND('' AS ?k) }} GROUP BY ?k")
        merged = self._count(
            "SELECT ?k (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e dk:mergedFrom ?o . BIND('' AS ?k) } GROUP BY ?k")
        return StoreInfo(
            path=str(self.path) if self.path else ":memory:",
            documents=len(self.documents()),
            events=events.get("", 0),
            entities=entities.get("", 0),
            triples=(triples := self.triple_count()),
            quads=len(self._store) - triples,
            merged_events=merged.get("", 0),
            events_by_root=by_root,
            events_by_plover=by_plover,
            events_by_factuality=by_fact,
            entities_by_class=by_class,
        )

    # -- writing ---------------------------------------------------------------

    def _check_writable(self) -> None:
        if self.read_only:
            raise UsageError(E.E505.format(path=self.path, detail="opened read-only"))

    def load_quads(self, quads: Iterable[Any], *, bulk: bool = False, default_graph: str = DEFAULT_GRAPH) -> None:
        """Add pyoxigraph Quads or Triples without merging, then rebuild the union (for files and benchmarks).

        Triples and default-graph quads go to the named graph ``default_graph``.
        """
        import pyoxigraph as ox

        self._check_writable()
        target = ox.NamedNode(default_graph)

        def placed() -> Iterator[Any]:
            for q in quads:
                if isinstance(q, ox.Triple):
                    yield ox.Quad(q.subject, q.predicate, q.object, target)
                elif isinstance(q.graph_name, ox.DefaultGraph):
                    yield ox.Quad(q.subject, q.predicate, q.object, target)
                else:
                    yield q

        (self._store.bulk_extend if bulk else self._store.extend)(placed())
        self._merger_obj = None  # unmerged events came in: the merge index is read again when needed
        self.rebuild_union()

    def quad_count(self) -> int:
        """Quads in the document graphs (a triple stated by two documents counts twice)."""
        return len(self._store) - self.triple_count()

    def rebuild_union(self) -> None:
        """Recompute the default graph as the union of the named graphs."""
        import pyoxigraph as ox

        self._check_writable()
        self._store.clear_graph(ox.DefaultGraph())
        self._store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                                for q in self._store.quads_for_pattern(None, None, None, None)
                                if not isinstance(q.graph_name, ox.DefaultGraph)
                                and not q.graph_name.value.startswith(_STASH))

    def _stated_elsewhere(self, triple: Any, graph: Any) -> bool:
        import pyoxigraph as ox

        return any(not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name != graph
                   and not q.graph_name.value.startswith(_STASH)
                   for q in self._store.quads_for_pattern(triple.subject, triple.predicate, triple.object, None))

    def _drop_graph(self, node: Any) -> None:
        """Remove a named graph and, from the union, the triples no other graph states."""
        import pyoxigraph as ox

        old = [q.triple for q in self._store.quads_for_pattern(None, None, None, node)]
        gone = [t for t in old if not self._stated_elsewhere(t, node)]
        self._store.remove_graph(node)
        for t in gone:
            self._store.remove(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()))
        self._forget_events(gone)

    def _forget_events(self, gone: list[Any]) -> None:
        """Events only the removed triples stated leave the merge index."""
        merger = getattr(self, "_merger_obj", None)
        if merger is not None:
            for t in gone:
                if t.predicate.value == str(RDF.type) and t.object.value == str(SEM.Event):
                    merger.index.discard(t.subject.value)

    def remove_document(self, name: str | URIRef) -> bool:
        """Drop one document's graph (and its triples from the union); False if it was not there."""
        import pyoxigraph as ox

        self._check_writable()
        node = ox.NamedNode(str(name))
        if not self._store.contains_named_graph(node):
            return False
        self._drop_graph(node)
        return True

    # -- merging: one kg.merge.Merger per store, its index filled lazily from the store ------

    def _merger(self) -> Merger:
        if getattr(self, "_merger_obj", None) is None:
            self._merger_obj = Merger(EventIndex(load_block=self._load_block, known=self._is_stored_event))
        return self._merger_obj

    def _is_stored_event(self, iri: str) -> bool:
        import pyoxigraph as ox

        node, rdf_type, event = ox.NamedNode(iri), ox.NamedNode(str(RDF.type)), ox.NamedNode(str(SEM.Event))
        return any(True for _ in self._store.quads_for_pattern(node, rdf_type, event, ox.DefaultGraph()))

    def _load_block(self, block: Block) -> Iterator[tuple[str, EventSig, list[tuple[Node, Node]]]]:
        """Stored events with all of ``block``'s actors, its factuality and CAMEO root (one query)."""
        import pyoxigraph as ox

        root, actors, factuality = block
        if not actors:
            return
        actor_list = ", ".join(str(ox.NamedNode(a)) for a in sorted(actors))
        fact = ox.NamedNode(str(DK[factuality]))
        sparql = (f"SELECT ?e ?p ?o WHERE {{ ?e <{SEM.hasActor}> {actor_list} ; <{DK.factuality}> {fact} ; "
                  f"<{DK.cameoCode}> ?c . FILTER(STRSTARTS(?c, {ox.Literal(root)})) ?e ?p ?o }}")
        found: dict[str, list[tuple[Any, Any]]] = {}
        for row in self._store.query(sparql):
            if isinstance(row["e"], ox.NamedNode):
                found.setdefault(row["e"].value, []).append((row["p"], row["o"]))
        for iri in sorted(found):
            values: dict[str, set[str]] = {}
            for p, o in found[iri]:
                values.setdefault(p.value, set()).add(o.value)
            sig = event_sig({k: sorted(v) for k, v in values.items()})
            if sig is not None:
                functional = sorted({(URIRef(p.value), from_ox(o)) for p, o in found[iri]
                                     if URIRef(p.value) in CANONICAL}, key=str)
                yield iri, sig, functional

    def content_stored(self, name: str | URIRef, text: str) -> bool:
        """True when document graph ``name`` is stored with exactly this text (a resumed build skips it)."""
        import pyoxigraph as ox

        node = ox.NamedNode(str(name))
        return any(True for _ in self._store.quads_for_pattern(node, ox.NamedNode(str(NIF.isString)),
                                                                 ox.Literal(text), node))

    def writer(self, *, chunk_quads: int = 20_000, bulk: bool = False) -> StoreWriter:
        """A :class:`StoreWriter`: add document graphs one at a time (``with store.writer() as w``)."""
        self._check_writable()
        self.recover_replacements()
        return StoreWriter(self, chunk_quads=chunk_quads, bulk=bulk)

    def add_graphs(self, graphs: Iterable[tuple[Node, Iterable[tuple[Node, Node, Node]]]], *,
                   chunk_quads: int = 20_000, bulk: bool = False) -> AddStats:
        """Add ``(graph name, triples)`` pairs in order, replacing same-named graphs, merging events."""
        with self.writer(chunk_quads=chunk_quads, bulk=bulk) as w:
            for name, triples in graphs:
                w.add(name, triples)
        return w.stats

    def add_dataset(self, ds: Dataset, *, chunk_quads: int = 200_000) -> AddStats:
        """Add every document graph of ``ds``, replacing same-named graphs, merging events.

        Graphs are added in IRI order, so a document merges with those added
        before it in the same call. Writes are grouped (about ``chunk_quads``
        quads per write); each write is one transaction, or a bulk load for a
        large one. Triples in the default graph of ``ds`` go to the named
        graph :data:`DEFAULT_GRAPH`.
        """
        self._check_writable()
        default_id = ds.default_graph.identifier
        by_graph: dict[Node, list[tuple[Node, Node, Node]]] = {}
        for s, p, o, g in ds.quads((None, None, None, None)):
            gid = getattr(g, "identifier", g)
            if gid is None or gid == default_id:
                gid = URIRef(DEFAULT_GRAPH)
            by_graph.setdefault(gid, []).append((s, p, o))
        return self.add_graphs(((name, by_graph[name]) for name in sorted(by_graph, key=str)),
                               chunk_quads=chunk_quads, bulk=True)

    # -- replacing without losing: the old graph is stashed until the new one is written ------

    def _stash(self, node: Any) -> bool:
        """Move the stored graph ``node`` aside (one transaction) and take its own triples out of the union.

        The old version stays in the store, as graph ``urn:x-kg:replacing:<IRI>``, until
        :meth:`_unstash` is called after the new version has been written; a process
        killed in between leaves the stash, and :meth:`recover_replacements` puts the
        old version back. So a replaced document is never missing. False if ``node``
        was not stored.
        """
        import pyoxigraph as ox

        if not self._store.contains_named_graph(node):
            return False
        old = [q.triple for q in self._store.quads_for_pattern(None, None, None, node)]
        gone = [t for t in old if not self._stated_elsewhere(t, node)]
        plain = [t for t in gone if not any(isinstance(x, ox.BlankNode) for x in (t.subject, t.object))]
        stash = ox.NamedNode(_STASH + node.value)
        ops = [f"DROP SILENT GRAPH {stash}", f"MOVE SILENT GRAPH {node} TO {stash}"]
        if plain:
            ops.append("DELETE DATA { " + " ".join(f"{t.subject} {t.predicate} {t.object} ." for t in plain) + " }")
        self._store.update(" ;\n".join(ops))  # one update: one transaction
        for t in gone:  # blank nodes cannot be named in DELETE DATA; the union heals on recovery
            if t not in plain:
                self._store.remove(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()))
        self._forget_events(gone)
        return True

    def _unstash(self, nodes: list[Any]) -> None:
        """The new versions of ``nodes`` are written: drop their stashed old versions (one transaction)."""
        import pyoxigraph as ox

        if nodes:
            self._store.update(" ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(_STASH + n.value)}" for n in nodes))

    def stashed(self) -> list[str]:
        """Documents whose replacement was interrupted (their old version is stashed)."""
        return sorted(g.value[len(_STASH):] for g in self._store.named_graphs() if g.value.startswith(_STASH))

    def recover_replacements(self) -> int:
        """Put back the old version of every document whose replacement did not finish; returns how many.

        The graph under the document's name may hold part of the new version: it is
        dropped, the stash moved back, and the union rebuilt (one transaction per document).
        """
        import pyoxigraph as ox

        self._check_writable()
        names = self.stashed()
        for name in names:
            node = ox.NamedNode(name)
            self._store.update(f"DROP SILENT GRAPH {node} ;\nMOVE SILENT GRAPH {ox.NamedNode(_STASH + name)} TO {node}")
        if names:
            self.rebuild_union()
        return len(names)

    def _write(self, quads: list[Any], *, bulk: bool = True) -> None:
        if not quads:
            return
        if bulk and len(quads) >= 50_000:
            self._store.bulk_extend(quads)  # much faster than a transaction; not atomic
        else:
            self._store.extend(quads)

    def bulk_load_nquads(self, chunks: Iterable[bytes | str], *, union: bool = True) -> int:
        """Load document graphs already merged (N-Quads, chunk by chunk) with Oxigraph's bulk loader.

        For large adds prepared elsewhere (a Dask run's partitions, a dump of
        another store): no merge, no transaction, no per-quad work beyond
        Oxigraph's parser. Every line must name its graph (``s p o <g> .``);
        with ``union`` its triple also goes to the default graph (the union
        queries see). With ``union=False`` the chunks may state the union
        themselves (lines without a graph go to the default graph).

        All chunks go through ONE bulk load, read lazily (so ``chunks`` may be
        a generator of any length and memory stays flat): one call per chunk
        would write and ingest a fresh set of sorted files into the growing
        store each time, which RocksDB must then compact again and again.
        Nothing is visible before the load ends, and a load that fails (a bad
        line: [E540]) leaves the store as it was. Returns the chunks loaded.
        """
        import pyoxigraph as ox

        self._check_writable()
        reader = _NQuadsReader(chunks, union=union)
        try:
            self._store.bulk_load(input=reader, format=ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:  # the loader removes its files: the store is as it was
            chunk, line = reader.locate(exc.lineno or 0)
            detail = str(exc.msg).split(": ", 1)[-1]
            raise InputError(E.E540.format(chunk=chunk, line=line, detail=detail)) from None
        self._merger_obj = None  # the merge index reads the new events when next needed
        return reader.chunks

    def add_files(self, paths: Iterable[str | os.PathLike]) -> AddStats:
        """Read RDF files (see :func:`kg.load.load_dataset`) and add their documents."""
        from kg.load import load_dataset

        return self.add_dataset(load_dataset(list(paths)))


def _union_lines(text: str) -> str:
    """Each ``s p o g .`` line of ``text`` as ``s p o .`` (the graph IRI is the last term and holds no space)."""
    return "".join(ln.rstrip().rsplit(" ", 2)[0] + " .\n" for ln in text.splitlines() if ln.strip())


class _NQuadsReader:
    """A read-only binary file over N-Quads chunks (what Oxigraph's bulk loader reads from).

    ``read(n)`` returns at most ``n`` bytes (the loader copies them into a
    buffer of that size); each chunk is followed by its union lines when
    ``union`` is set. Only the current chunk is held.
    """

    def __init__(self, chunks: Iterable[bytes | str], *, union: bool) -> None:
        self._chunks = iter(chunks)
        self._union = union
        self._buf = memoryview(b"")
        self._pos = 0
        self.chunks = 0
        self._lines = 0  # lines handed out so far; per chunk, its first line and its own line count:
        self._starts: list[tuple[int, int, int]] = []  # (first line in the stream, chunk number, own lines)

    def _next(self) -> bool:
        for chunk in self._chunks:
            text = chunk.decode("utf-8") if isinstance(chunk, bytes) else chunk
            if not text.endswith("\n"):
                text += "\n"  # a chunk's last line must not run into the next chunk's first
            own = text.count("\n")
            if self._union:
                text += _union_lines(text)
            self.chunks += 1
            self._starts.append((self._lines + 1, self.chunks, own))
            self._lines += text.count("\n")
            if text.strip():
                self._buf, self._pos = memoryview(text.encode("utf-8")), 0
                return True
        return False

    def locate(self, stream_line: int) -> tuple[int, str]:
        """(chunk number, line within it) of a line of the stream the loader read (for error messages)."""
        from bisect import bisect_right

        i = bisect_right(self._starts, (stream_line, float("inf"))) - 1
        if i < 0:
            return 0, str(stream_line)
        first, chunk, own = self._starts[i]
        local = stream_line - first + 1
        return chunk, str(local) if local <= own else f"{local - own} of the union lines derived from it"

    def read(self, size: int = -1) -> bytes:
        if self._pos >= len(self._buf) and not self._next():
            return b""
        end = len(self._buf) if size is None or size < 0 else min(len(self._buf), self._pos + size)
        out = bytes(self._buf[self._pos:end])
        self._pos = end
        return out

    def readable(self) -> bool:
        return True


class StoreWriter:
    """Adds document graphs to a :class:`Store` one at a time, in grouped writes.

    Each document is merged (:class:`kg.merge.Merger`) against the stored
    events and those added before it; its quads go to its named graph and to
    the union. Writes of up to ``chunk_quads`` quads are one transaction each
    (a document is stored whole or not at all, so an interrupted build can
    resume), unless ``bulk`` lets a large write use Oxigraph's bulk loader.
    """

    def __init__(self, store: Store, *, chunk_quads: int = 20_000, bulk: bool = False,
                 seconds: float | None = 5.0) -> None:
        import time

        self._clock = time.monotonic
        self._last = self._clock()
        self.seconds = seconds  # a write at least this often, so an interrupted build loses little
        self.store = store
        self.chunk_quads = chunk_quads
        self.bulk = bulk
        self.stats = AddStats(quads_before=store.quad_count())
        self._buffer: list[Any] = []
        self._names: set[Any] = set()
        self._stashed: list[Any] = []  # replaced graphs whose new version is in the buffer
        self._terms: dict[Node, Any] = {}

    def _conv(self, term: Node) -> Any:
        x = self._terms.get(term)
        if x is None:
            if len(self._terms) > 200_000:
                self._terms.clear()  # a cache, not a copy of the corpus
            x = self._terms[term] = to_ox(term)
        return x

    def add(self, name: Node, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        import pyoxigraph as ox

        st = self.store
        gnode = self._conv(URIRef(str(name)))
        if gnode in self._names or st._store.contains_named_graph(gnode):
            self.flush()  # the replaced graph's events must be on disk before they are looked up
            if st._stash(gnode):  # the old version waits aside until the new one is written
                self._stashed.append(gnode)
            self.stats.documents_replaced += 1
        else:
            self.stats.documents_added += 1
        self._names.add(gnode)
        ms = MergeStats()
        merged = st._merger().merge(list(triples), ms)
        self.stats.events_added += ms.events_added
        self.stats.events_merged += ms.events_merged
        self.stats.merged.extend(ms.merged)
        default = ox.DefaultGraph()
        for s, p, o in merged:
            s, p, o = self._conv(s), self._conv(p), self._conv(o)
            self._buffer.append(ox.Quad(s, p, o, gnode))
            self._buffer.append(ox.Quad(s, p, o, default))
        if len(self._buffer) >= self.chunk_quads or (
                self.seconds is not None and self._clock() - self._last >= self.seconds):
            self.flush()

    def flush(self) -> None:
        self._last = self._clock()
        if self._buffer:
            self.store._write(self._buffer, bulk=self.bulk)
            self._buffer = []
        self.store._unstash(self._stashed)
        self._stashed = []
        self._names.clear()

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.flush()
            self.stats.quads_after = self.store.quad_count()
