"""Document results -> an rdflib Dataset in the shape of the RDF contract.

Pure: no I/O. One named graph per document (its IRI is the document node's),
deterministic IRIs under a configurable base, so two runs can be diffed.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote
from collections.abc import Callable, Iterable
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg import cameo
from kg.model import DocumentResult, Entity, Event, Mention
from kg.vocab import CAMEO, DCTERMS, DEFAULT_BASE, DK, NIF, OWL, PLOVER, PREFIXES, PROV, RDF, RDFS, SEM, SKOS, WD, XSD

__all__ = ["slugify", "stable_hash", "doc_key", "mention_key", "to_dataset", "add_document",
           "document_triples", "entity_triples", "entity_iri", "GEONAMES"]

GEONAMES = "https://sws.geonames.org/"
MEETING_CODES = ("040", "042", "043", "044", "046")  # in-person contact: the dk:met shortcut
_TIME_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}
_PLACE_KINDS = {"City", "Place", "Country"}
_ACTOR_KINDS = {"Person", "Country", "Organization", "Group"}

Triple = tuple[Node, Node, Node]
Add = Callable[[Triple], None]  # where the triples go: a list's append while a document is built


def slugify(text: str) -> str:
    """'Vladimir Putin' -> 'vladimir-putin' (ASCII, stable)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def stable_hash(*parts: object, n: int = 12) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:n]


def doc_key(doc_id: str) -> str:
    """'helsinki-budapest' -> 'doc/helsinki-budapest'; other characters percent-encoded."""
    return "doc/" + quote(doc_id, safe="-._~")


def mention_key(m: Mention) -> str:
    return f"mention/{stable_hash(m.doc_id, m.begin, m.end)}"


def entity_iri(key: str, base: str = DEFAULT_BASE) -> URIRef:
    return URIRef(base + key)


def _dec(x: float) -> Literal:
    return _decimal(f"{x:.2f}")


@lru_cache(maxsize=4096)
def _decimal(text: str) -> Literal:
    return Literal(Decimal(text), datatype=XSD.decimal)


@lru_cache(maxsize=16384)
def _entity_triples(e: Entity, base: str, used_as_actor: bool, used_as_place: bool) -> tuple[Triple, ...]:
    """An entity's own triples: the same for every document that names it (entities are frozen values)."""
    out: list[Triple] = []
    add = out.append
    node = entity_iri(e.key, base)
    add((node, RDF.type, getattr(DK, e.kind)))
    if e.kind in _ACTOR_KINDS or used_as_actor:
        add((node, RDF.type, SEM.Actor))
    if e.kind in _PLACE_KINDS or used_as_place:
        add((node, RDF.type, SEM.Place))
    add((node, RDFS.label, Literal(e.label)))
    for alias in sorted(set(e.aliases) - {e.label}):
        add((node, SKOS.altLabel, Literal(alias)))
    if e.qid:
        add((node, OWL.sameAs, WD[e.qid]))
    if e.geonames_id:
        add((node, OWL.sameAs, URIRef(f"{GEONAMES}{e.geonames_id}/")))
        add((node, DK.geonamesId, Literal(e.geonames_id)))
    if e.member_of:
        add((node, DK.memberOf, entity_iri(e.member_of, base)))
    if e.located_in:
        add((node, DK.locatedIn, entity_iri(e.located_in, base)))
    if e.role:
        add((node, DK.role, Literal(e.role)))
    for prop, value in ((DK.iso2, e.iso2), (DK.iso3, e.iso3), (DK.cowCode, e.cow_code)):
        if value:
            add((node, prop, Literal(value)))
    return tuple(out)


@lru_cache(maxsize=65536)
def _offset(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


def _add_mention(add: Add, m: Mention, doc_node: URIRef, base: str) -> URIRef:
    node = URIRef(base + mention_key(m))
    add((node, RDF.type, NIF.String))
    add((node, NIF.anchorOf, Literal(m.anchor)))
    add((node, NIF.beginIndex, _offset(m.begin)))
    add((node, NIF.endIndex, _offset(m.end)))
    add((node, DK.sentence, Literal(m.sentence)))
    if m.trigger:
        add((node, DK.trigger, Literal(m.trigger)))
    add((node, NIF.referenceContext, doc_node))
    return node


@lru_cache(maxsize=None)
def _code_facts(code: str) -> tuple[tuple[Node, Node], ...]:
    """The (predicate, object) pairs that follow from a CAMEO code alone (a few hundred codes)."""
    info = cameo.lookup(code)
    facts: list[tuple[Node, Node]] = [(RDF.type, SEM.Event), (RDF.type, getattr(DK, cameo.event_class(code))),
                                      (DK.cameoCode, Literal(code)), (SEM.eventType, CAMEO[code])]
    ptype = cameo.plover_type(code)
    if ptype:
        facts.append((DK.ploverType, PLOVER[ptype]))
    quad = cameo.quad_class(code)
    if quad:
        facts.append((DK.quadClass, Literal(quad)))
    facts.append((DK.goldstein, _dec(info.goldstein)))
    return tuple(facts)


def _add_event(add: Add, ev: Event, base: str, doc_nodes: dict[str, URIRef]) -> None:
    node = URIRef(base + ev.key)
    for p, o in _code_facts(ev.cameo_code):
        add((node, p, o))
    add((node, RDFS.label, Literal(ev.label)))
    for a in ev.actors:
        add((node, SEM.hasActor, entity_iri(a, base)))
    for a in ev.sources:
        add((node, DK.source, entity_iri(a, base)))
    for a in ev.targets:
        add((node, DK.target, entity_iri(a, base)))
    for t in ev.themes:
        add((node, DK.theme, entity_iri(t, base)))
    if ev.place:
        place = entity_iri(ev.place, base)
        add((node, SEM.hasPlace, place))
        add((node, DK.locatedIn, place))
    if ev.time:
        add((node, SEM.hasTimeStamp, Literal(ev.time.value, datatype=_TIME_TYPES[ev.time.granularity])))
    add((node, DK.factuality, getattr(DK, ev.factuality)))
    add((node, DK.confidence, _dec(ev.confidence)))
    for key in ev.merged_from:
        add((node, DK.mergedFrom, URIRef(base + key)))
    for m in ev.mentions:
        doc_node = doc_nodes.get(m.doc_id) or URIRef(base + doc_key(m.doc_id))
        add((node, PROV.wasDerivedFrom, _add_mention(add, m, doc_node, base)))
    if ev.factuality == "Actual" and ev.cameo_code.startswith(MEETING_CODES):
        people = sorted(set(ev.actors))
        for a in people:
            for b in people:
                if a != b:
                    add((entity_iri(a, base), DK.met, entity_iri(b, base)))


def entity_triples(result: DocumentResult, base: str = DEFAULT_BASE,
                   events: Iterable[Event] | None = None) -> list[Triple]:
    """The triples of a document graph whose subject is one of its entities (``dk:met`` aside).

    What a document states of its entities: their descriptions, how its
    events use them (as actors, as places) and their actor codes.
    """
    out: list[Triple] = []
    evs = list(result.events if events is None else events)
    actors = {a for ev in evs for a in ev.actors}
    places = {ev.place for ev in evs if ev.place}
    for e in result.entities:
        out.extend(_entity_triples(e, base, e.key in actors, e.key in places))
    from kg.actor_codes import actor_code_pairs  # noqa: PLC0415 - dk:actorCode (kg/actor_codes.py)
    for key, code in actor_code_pairs(result.entities, lambda e: e.kind in _ACTOR_KINDS or e.key in actors):
        out.append((entity_iri(key, base), DK.actorCode, Literal(code)))
    return out


def document_triples(result: DocumentResult, base: str = DEFAULT_BASE,
                     events: Iterable[Event] | None = None) -> tuple[URIRef, list[Triple]]:
    """One document's graph name and triples (no duplicates, in the order they were made).

    ``events`` overrides ``result.events`` (after cross-document merging an
    event lives in the graph of the document that first stated it). Plain
    tuples, not a Graph: a build hands them to validation, the merge and the
    sinks, and an rdflib store would only be paid for and copied again.
    """
    out: list[Triple] = []
    add = out.append
    doc = result.document
    doc_node = URIRef(base + doc_key(doc.id))
    add((doc_node, RDF.type, NIF.Context))
    add((doc_node, RDF.type, PROV.Entity))
    add((doc_node, DCTERMS.identifier, Literal(doc.id)))
    add((doc_node, DCTERMS.source, Literal(doc.url or doc.source)))
    add((doc_node, NIF.isString, Literal(doc.text)))
    if doc.published:
        add((doc_node, DCTERMS.issued, Literal(doc.published.isoformat(), datatype=XSD.date)))
    if doc.title:
        add((doc_node, DCTERMS.title, Literal(doc.title)))
    evs = list(result.events if events is None else events)
    out.extend(entity_triples(result, base, evs))
    for ev in evs:
        _add_event(add, ev, base, {doc.id: doc_node})
    return doc_node, list(dict.fromkeys(out))


def add_document(ds: Dataset, result: DocumentResult, base: str = DEFAULT_BASE,
                 events: Iterable[Event] | None = None) -> Graph:
    """Add one document's named graph to ``ds`` and return it (see :func:`document_triples`)."""
    name, triples = document_triples(result, base, events)
    g = ds.graph(name)
    g.addN((s, p, o, g) for s, p, o in triples)
    return g


def new_dataset() -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    return ds


def to_dataset(results: Iterable[DocumentResult], base: str = DEFAULT_BASE) -> Dataset:
    """Every document as its own named graph of one Dataset."""
    ds = new_dataset()
    for r in results:
        add_document(ds, r, base)
    return ds
