"""SHACL validation of exported graphs, and the build's quarantine hook.

:func:`validate` checks a graph (or every named graph of a Dataset, as one
union) against ``ontology/shapes.ttl`` with pySHACL and returns a
:class:`ValidationReport`: conforms, one :class:`Violation` per result (focus
node, path, message, severity, value, and for events the evidence sentence),
and the ``sh:ValidationReport`` graph itself.

The ontology (``diplo.ttl`` and the CAMEO and PLOVER schemes) is mixed into
a private copy of the data, as pySHACL's ``ont_graph`` would be, so
``sh:targetClass sem:Event`` also reaches nodes typed only ``dk:Meeting``,
``sh:class skos:Concept`` sees the schemes, and optional RDFS / OWL-RL
inference sees the class hierarchy. The caller's graph is never modified.

:func:`quarantine` is what a build calls before exporting: events that fail a
shape are moved, with their mentions, out of the Dataset into a quarantine
graph together with the report, so the exported graph conforms.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal as TypingLiteral

from pydantic import BaseModel, ConfigDict, Field
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import E, UsageError
from kg.graph import MEETING_CODES  # the codes whose Actual events give dk:met shortcuts
from kg.vocab import DK, NIF, PREFIXES, PROV, RDF, RDFS, SEM

__all__ = ["Violation", "ValidationReport", "QuarantineResult", "BatchVerdict", "validate", "quarantine",
           "judge", "apply_verdict", "shapes_graph", "ontology_graph", "event_classes", "INFERENCE_MODES"]

INFERENCE_MODES = ("rdfs", "owlrl")
_ONTOLOGY_FILES = ("diplo.ttl", "cameo.ttl", "plover.ttl")
_SHAPES_FILE = "shapes.ttl"
_SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}

Kind = TypingLiteral["event", "mention", "document", "entity", "node"]
Triple = tuple[Node, Node, Node]


class Violation(BaseModel):
    """One SHACL result, in plain values.

    ``focus`` and ``path`` are full IRIs (a blank node as ``_:id``); ``value``
    is the offending value in Turtle notation (``"2018"^^xsd:string``,
    ``dk:Maybe``), so a wrong datatype is visible. ``sentence`` is the
    evidence sentence when the focus is an event (its first mention's
    ``dk:sentence``) or a mention.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    focus: str
    path: str | None = None
    message: str
    severity: TypingLiteral["Violation", "Warning", "Info"] = "Violation"
    value: str | None = None
    sentence: str | None = None
    kind: Kind = "node"
    shape: str | None = Field(default=None, description="the shape that reported it (its IRI, or None when inline)")


class ValidationReport(BaseModel):
    """What :func:`validate` returns. ``report_graph`` (also ``.graph``) is the
    ``sh:ValidationReport`` as RDF; it is left out of ``model_dump``/JSON."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    conforms: bool
    violations: list[Violation] = Field(default_factory=list)
    report_graph: Graph = Field(default_factory=Graph, exclude=True, repr=False)

    @property
    def graph(self) -> Graph:
        return self.report_graph

    def to_turtle(self) -> str:
        """The ``sh:ValidationReport`` as Turtle."""
        return self.report_graph.serialize(format="turtle")

    def by_kind(self, kind: Kind) -> list[Violation]:
        return [v for v in self.violations if v.kind == kind]


class QuarantineResult(BaseModel):
    """What :func:`quarantine` returns.

    ``clean`` holds the same named graphs minus the quarantined events, their
    mentions and the shortcut triples only they supported (it is the input
    Dataset itself when nothing was moved, or with ``inplace=True``);
    ``quarantined`` holds the removed triples plus the ``sh:ValidationReport``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    clean: Dataset
    quarantined: Graph
    report: ValidationReport
    count: int = Field(description="number of event nodes moved out")
    events: list[str] = Field(default_factory=list, description="IRIs of the quarantined events, sorted")


# --------------------------------------------------------------------------- loading


def _ontology_text(name: str) -> str:
    return resources.files("kg.ontology").joinpath(name).read_text(encoding="utf-8")


def _bind(g: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    g.bind("sh", str(SH), override=True)
    g.bind("dks", "https://w3id.org/diplokg/shapes#", override=True)
    return g


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes (``ontology/shapes.ttl``). Cached: do not modify."""
    return _bind(Graph()).parse(data=_ontology_text(_SHAPES_FILE), format="turtle")


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """``diplo.ttl``, ``cameo.ttl`` and ``plover.ttl`` as one graph. Cached: do not modify."""
    g = _bind(Graph())
    for name in _ONTOLOGY_FILES:
        g.parse(data=_ontology_text(name), format="turtle")
    return g


# what _decide reads besides what the shapes read (it picks the events to move out)
_DECIDE_READS = (RDF.type, PROV.wasDerivedFrom, DK.cameoCode, DK.factuality, SEM.hasActor)
_PREDICATE_PARAMS = (SH.path, SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals,
                     SH.targetSubjectsOf, SH.targetObjectsOf)


@lru_cache(maxsize=1)
def shape_predicates() -> frozenset[URIRef] | None:
    """Every predicate validation can read, or None when the shapes could read any.

    A constraint reads only its path's predicate (and a pair constraint's
    other predicate), a target its class (``rdf:type``, through
    ``rdfs:subClassOf``) or its predicate; so without inference a triple of
    any other predicate cannot change a report. Complex paths, closed shapes
    and SPARQL constraints can reach further: then every triple counts.
    """
    return predicates_read(shapes_graph())


def predicates_read(shapes: Graph) -> frozenset[URIRef] | None:
    """:func:`shape_predicates` of any shapes graph."""
    if any((None, p, None) in shapes for p in (SH.closed, SH.sparql, SH.target)):
        return None
    found = {o for p in _PREDICATE_PARAMS for o in shapes.objects(None, p)}
    if not all(isinstance(o, URIRef) for o in found):
        return None
    return frozenset(found | {RDF.type, RDFS.subClassOf, *_DECIDE_READS})


@lru_cache(maxsize=1)
def event_classes() -> frozenset[URIRef]:
    """``sem:Event`` and every class below it in ``diplo.ttl``."""
    onto = ontology_graph()
    found = {URIRef(SEM.Event)}
    todo = [URIRef(SEM.Event)]
    while todo:
        for sub in onto.subjects(RDFS.subClassOf, todo.pop()):
            if isinstance(sub, URIRef) and sub not in found:
                found.add(sub)
                todo.append(sub)
    return frozenset(found)


# --------------------------------------------------------------------------- validate


def _union(graph: Graph | Dataset) -> Graph:
    """A private plain Graph holding every triple of ``graph`` (all named graphs of a Dataset)."""
    g = _bind(Graph())
    if isinstance(graph, ConjunctiveGraph):  # Dataset is a ConjunctiveGraph
        g.addN((s, p, o, g) for s, p, o, _ in graph.quads((None, None, None, None)))
    else:
        g.addN((s, p, o, g) for s, p, o in graph)
    return g


def _event_nodes(g: Graph) -> set[Node]:
    return {s for cls in event_classes() for s in g.subjects(RDF.type, cls)}


def _first(values: Iterable[Node]) -> str | None:
    vals = sorted(str(v) for v in values)
    return vals[0] if vals else None


def _kind(g: Graph, node: Node, events: set[Node]) -> Kind:
    if node in events:
        return "event"
    if (None, PROV.wasDerivedFrom, node) in g or (node, RDF.type, NIF.String) in g:
        return "mention"
    types = set(g.objects(node, RDF.type))
    if NIF.Context in types or (None, NIF.referenceContext, node) in g:
        return "document"
    if types & {SEM.Actor, SEM.Place, DK.Weapon}:
        return "entity"
    return "node"


def _sentence(g: Graph, node: Node, kind: Kind) -> str | None:
    if kind == "event":
        return _first(s for m in g.objects(node, PROV.wasDerivedFrom) for s in g.objects(m, DK.sentence))
    if kind == "mention":
        return _first(g.objects(node, DK.sentence))
    return None


def _plain(node: Node | None) -> str | None:
    if node is None:
        return None
    return node.n3() if isinstance(node, BNode) else str(node)


def _violations(results: Graph, data: Graph) -> list[Violation]:
    events = _event_nodes(data)
    out = []
    for r in results.objects(None, SH.result):
        focus = results.value(r, SH.focusNode)
        value = results.value(r, SH.value)
        shape = results.value(r, SH.sourceShape)
        kind = _kind(data, focus, events)
        out.append(Violation(
            focus=_plain(focus),
            path=_plain(results.value(r, SH.resultPath)),
            message=_first(results.objects(r, SH.resultMessage)) or "(no message)",
            severity=_SEVERITIES.get(results.value(r, SH.resultSeverity), "Violation"),
            value=value.n3(data.namespace_manager) if value is not None else None,
            sentence=_sentence(data, focus, kind),
            kind=kind,
            shape=str(shape) if isinstance(shape, URIRef) else None,
        ))
    out.sort(key=lambda v: (v.focus, v.path or "", v.shape or "", v.message, v.value or ""))
    return out


def _shacl(data: Graph, inference: str | None, predicates: frozenset[URIRef] | None = None) -> tuple[bool, Graph]:
    """pySHACL on ``data`` in place (it gains the ontology and any inferred triples): (conforms, results).

    ``predicates`` (see :func:`shape_predicates`) leaves the ontology's other triples out.
    """
    from pyshacl import validate as shacl_validate  # heavy: imported when first used

    if inference not in (None, "none", *INFERENCE_MODES):
        raise UsageError(E.E303.format(got=inference, known=", ".join(INFERENCE_MODES)))
    # The whole ontology goes into our private copy. pySHACL's ont_graph would
    # only copy the RDFS/OWL axioms (enough for sh:targetClass sem:Event to reach
    # dk:Meeting nodes), not the SKOS schemes the sh:class skos:Concept checks need.
    onto = ontology_graph()
    data.addN((s, p, o, data) for s, p, o in onto if predicates is None or p in predicates)
    conforms, results, _text = shacl_validate(
        data,
        shacl_graph=shapes_graph(),
        inference=inference or "none",
        inplace=True,             # ``data`` is our private copy
        abort_on_first=False,
        allow_warnings=True,      # warnings and infos are reported, but do not break conformance
        allow_infos=True,
        advanced=False,
        meta_shacl=False,
    )
    return bool(conforms), _bind(results)


def _run(data: Graph, inference: str | None) -> ValidationReport:
    """Validate ``data`` in place (it gains the ontology and any inferred triples)."""
    conforms, results = _shacl(data, inference)
    return ValidationReport(conforms=conforms, violations=_violations(results, data), report_graph=results)


def validate(graph: Graph | Dataset, *, inference: str | None = None) -> ValidationReport:
    """Check ``graph`` against the SHACL shapes of the RDF contract.

    A Dataset is validated once, as the union of its named graphs (entities
    and events may live in different documents' graphs). ``inference`` is
    ``None`` (check the triples as they are), ``"rdfs"`` or ``"owlrl"``
    (entail with the ontology first; note that the entailed range types then
    satisfy the "typed sem:Actor" check).
    """
    return _run(_union(graph), inference)


# --------------------------------------------------------------------------- quarantine


def _decide(data: Graph, results: Graph) -> tuple[set[Node], set[Node], set[tuple[Node, Node]]]:
    """From a validated ``data`` graph: (bad events, subjects to move out, dk:met pairs to move out).

    An event is bad when it is the focus of a violation, or when one of its
    mentions is (bad offsets, no anchor). Its mentions go with it unless a good
    event also derives from them, and so do the ``dk:met`` shortcuts that only it
    supported.
    """
    events = _event_nodes(data)
    foci = {results.value(r, SH.focusNode) for r in results.objects(None, SH.result)
            if results.value(r, SH.resultSeverity) == SH.Violation}
    bad: set[Node] = {f for f in foci if f in events}
    bad |= {e for f in foci for e in data.subjects(PROV.wasDerivedFrom, f) if e in events}
    if not bad:
        return set(), set(), set()
    good = events - bad
    kept_mentions = {m for e in good for m in data.objects(e, PROV.wasDerivedFrom)}
    mentions = {m for e in bad for m in data.objects(e, PROV.wasDerivedFrom)} - kept_mentions

    def actor_pairs(evs: Iterable[Node], *, meetings_only: bool) -> set[tuple[Node, Node]]:
        pairs = set()
        for e in evs:
            code = str(data.value(e, DK.cameoCode) or "")
            if meetings_only and not ((e, DK.factuality, DK.Actual) in data and code.startswith(MEETING_CODES)):
                continue
            actors = set(data.objects(e, SEM.hasActor))
            pairs |= {(a, b) for a in actors for b in actors if a != b}
        return pairs

    # a dk:met shortcut between actors of a quarantined event goes too, unless a
    # remaining Actual meeting (the rule of kg.graph) still supports it
    orphan_met = actor_pairs(bad, meetings_only=False) - actor_pairs(good, meetings_only=True)
    return bad, bad | mentions, orphan_met


def quarantine(ds: Dataset, *, inference: str | None = None, inplace: bool = False) -> QuarantineResult:
    """Move the events that fail a shape out of ``ds``; the build's hook before export.

    An event is quarantined when it is the focus of a violation, or when one
    of its mentions is (bad offsets, no anchor). Moved out with it: every
    triple whose subject or object is the event, its mentions unless another
    event also derives from them, and ``dk:met`` shortcuts that only it
    supported. Violations on entities and documents are reported but nothing
    is moved for them.

    ``ds`` is not modified unless ``inplace=True``; then the triples are
    removed from it and ``clean`` is ``ds`` itself (cheaper for a build that
    owns its Dataset: no copy of the clean triples).
    """
    data = _union(ds)
    report = _run(data, inference)
    bad, drop_subjects, orphan_met = _decide(data, report.report_graph)
    if not bad:
        q = _bind(Graph())
        q += report.report_graph
        return QuarantineResult(clean=ds, quarantined=q, report=report, count=0, events=[])

    quarantined = _bind(Graph())
    moved: dict[Node, set[tuple[Node, Node, Node]]] = defaultdict(set)  # graph name -> triples
    patterns = [(n, None, None) for n in drop_subjects] + [(None, None, n) for n in bad]
    patterns += [(a, DK.met, b) for a, b in orphan_met]
    for s, p, o in patterns:
        for t0, t1, t2, graph_name in ds.quads((s, p, o, None)):
            moved[graph_name].add((t0, t1, t2))
    for triples in moved.values():
        quarantined.addN((s, p, o, quarantined) for s, p, o in triples)
    if inplace:
        clean = ds
        for graph_name, triples in moved.items():
            g = ds.graph(graph_name)
            for t in triples:
                g.remove(t)
    else:
        clean = Dataset()
        for prefix, ns in ds.namespaces():
            clean.bind(prefix, ns, override=True)
        for g in ds.graphs():
            target = clean.graph(g.identifier)
            drop = moved.get(g.identifier, set())
            target.addN((s, p, o, target) for s, p, o in g if (s, p, o) not in drop)
    quarantined += report.report_graph
    return QuarantineResult(clean=clean, quarantined=quarantined, report=report, count=len(bad),
                            events=sorted(str(e) for e in bad))


# --------------------------------------------------------------------------- a build's batches


@dataclass(frozen=True)
class BatchVerdict:
    """What validation decided about one batch of document graphs, in plain values.

    Picklable, so a batch can be judged in another process while the next one
    is parsed. ``report`` holds the ``sh:ValidationReport`` triples; ``results``
    is true when it has any result (of any severity).
    """

    bad: frozenset[Node]
    drop_subjects: frozenset[Node]
    orphan_met: frozenset[tuple[Node, Node]]
    report: tuple[Triple, ...]
    results: bool

    @property
    def count(self) -> int:
        return len(self.bad)


def judge(docs: Sequence[tuple[Node, Sequence[Triple]]], *, inference: str | None = None) -> BatchVerdict:
    """Validate a batch of (graph name, triples) as one union; what :func:`quarantine` would move.

    The same checks and the same decision as :func:`quarantine` on a Dataset
    of these graphs, without building the Dataset or its union copy.
    """
    # only what validation and the decision can read (pySHACL's store adds are a third of its time)
    keep = shape_predicates() if inference in (None, "none") else None
    data = _bind(Graph())
    data.addN((s, p, o, data) for _name, triples in docs for s, p, o in triples if keep is None or p in keep)
    _conforms, results = _shacl(data, inference, keep)
    bad, drop_subjects, orphan_met = _decide(data, results)
    return BatchVerdict(frozenset(bad), frozenset(drop_subjects), frozenset(orphan_met), tuple(results),
                        (None, SH.result, None) in results)


def apply_verdict(docs: Sequence[tuple[Node, list[Triple]]], verdict: BatchVerdict
                  ) -> tuple[list[tuple[Node, list[Triple]]], list[Triple]]:
    """(the documents without the quarantined triples, the triples moved out)."""
    if not verdict.bad:
        return list(docs), []
    subjects, objects, met = verdict.drop_subjects, verdict.bad, verdict.orphan_met
    kept_docs: list[tuple[Node, list[Triple]]] = []
    moved: list[Triple] = []
    for name, triples in docs:
        kept = []
        for t in triples:
            s, p, o = t
            if s in subjects or o in objects or (p == DK.met and (s, o) in met):
                moved.append(t)
            else:
                kept.append(t)
        kept_docs.append((name, kept))
    return kept_docs, moved
