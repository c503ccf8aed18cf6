"""Document results -> an rdflib Dataset in the shape of the RDF contract.

Pure: no I/O. One named graph per document (its IRI is the document node's),
deterministic IRIs under a configurable base, so two runs can be diffed.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote
from collections.abc import Iterable
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef

from kg import cameo
from kg.model import DocumentResult, Entity, Event, Mention
from kg.vocab import CAMEO, DCTERMS, DEFAULT_BASE, DK, NIF, OWL, PLOVER, PREFIXES, PROV, RDF, RDFS, SEM, SKOS, WD, XSD

__all__ = ["slugify", "stable_hash", "doc_key", "mention_key", "to_dataset", "add_document",
           "entity_iri", "GEONAMES"]

GEONAMES = "https://sws.geonames.org/"
MEETING_CODES = ("040", "042", "043", "044", "046")  # in-person contact: the dk:met shortcut
_TIME_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}
_PLACE_KINDS = {"City", "Place", "Country"}
_ACTOR_KINDS = {"Person", "Country", "Organization", "Group"}


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
    return Literal(Decimal(f"{x:.2f}"), datatype=XSD.decimal)


def _add_entity(g: Graph, e: Entity, base: str, used_as_actor: bool, used_as_place: bool) -> None:
    node = entity_iri(e.key, base)
    g.add((node, RDF.type, getattr(DK, e.kind)))
    if e.kind in _ACTOR_KINDS or used_as_actor:
        g.add((node, RDF.type, SEM.Actor))
    if e.kind in _PLACE_KINDS or used_as_place:
        g.add((node, RDF.type, SEM.Place))
    g.add((node, RDFS.label, Literal(e.label)))
    for alias in sorted(set(e.aliases) - {e.label}):
        g.add((node, SKOS.altLabel, Literal(alias)))
    if e.qid:
        g.add((node, OWL.sameAs, WD[e.qid]))
    if e.geonames_id:
        g.add((node, OWL.sameAs, URIRef(f"{GEONAMES}{e.geonames_id}/")))
        g.add((node, DK.geonamesId, Literal(e.geonames_id)))
    if e.member_of:
        g.add((node, DK.memberOf, entity_iri(e.member_of, base)))
    if e.located_in:
        g.add((node, DK.locatedIn, entity_iri(e.located_in, base)))
    if e.role:
        g.add((node, DK.role, Literal(e.role)))
    for prop, value in ((DK.iso2, e.iso2), (DK.iso3, e.iso3), (DK.cowCode, e.cow_code)):
        if value:
            g.add((node, prop, Literal(value)))


def _add_mention(g: Graph, m: Mention, doc_node: URIRef, base: str) -> URIRef:
    node = URIRef(base + mention_key(m))
    g.add((node, RDF.type, NIF.String))
    g.add((node, NIF.anchorOf, Literal(m.anchor)))
    g.add((node, NIF.beginIndex, Literal(m.begin, datatype=XSD.nonNegativeInteger)))
    g.add((node, NIF.endIndex, Literal(m.end, datatype=XSD.nonNegativeInteger)))
    g.add((node, DK.sentence, Literal(m.sentence)))
    if m.trigger:
        g.add((node, DK.trigger, Literal(m.trigger)))
    g.add((node, NIF.referenceContext, doc_node))
    return node


def _add_event(g: Graph, ev: Event, base: str, doc_nodes: dict[str, URIRef]) -> None:
    node = URIRef(base + ev.key)
    info = cameo.lookup(ev.cameo_code)
    g.add((node, RDF.type, SEM.Event))
    g.add((node, RDF.type, getattr(DK, cameo.event_class(ev.cameo_code))))
    g.add((node, DK.cameoCode, Literal(ev.cameo_code)))
    g.add((node, SEM.eventType, CAMEO[ev.cameo_code]))
    ptype = cameo.plover_type(ev.cameo_code)
    if ptype:
        g.add((node, DK.ploverType, PLOVER[ptype]))
    quad = cameo.quad_class(ev.cameo_code)
    if quad:
        g.add((node, DK.quadClass, Literal(quad)))
    g.add((node, DK.goldstein, _dec(info.goldstein)))
    g.add((node, RDFS.label, Literal(ev.label)))
    for a in ev.actors:
        g.add((node, SEM.hasActor, entity_iri(a, base)))
    for a in ev.sources:
        g.add((node, DK.source, entity_iri(a, base)))
    for a in ev.targets:
        g.add((node, DK.target, entity_iri(a, base)))
    for t in ev.themes:
        g.add((node, DK.theme, entity_iri(t, base)))
    if ev.place:
        place = entity_iri(ev.place, base)
        g.add((node, SEM.hasPlace, place))
        g.add((node, DK.locatedIn, place))
    if ev.time:
        g.add((node, SEM.hasTimeStamp, Literal(ev.time.value, datatype=_TIME_TYPES[ev.time.granularity])))
    g.add((node, DK.factuality, getattr(DK, ev.factuality)))
    g.add((node, DK.confidence, _dec(ev.confidence)))
    for key in ev.merged_from:
        g.add((node, DK.mergedFrom, URIRef(base + key)))
    for m in ev.mentions:
        doc_node = doc_nodes.get(m.doc_id) or URIRef(base + doc_key(m.doc_id))
        g.add((node, PROV.wasDerivedFrom, _add_mention(g, m, doc_node, base)))
    if ev.factuality == "Actual" and ev.cameo_code.startswith(MEETING_CODES):
        people = sorted(set(ev.actors))
        for a in people:
            for b in people:
                if a != b:
                    g.add((entity_iri(a, base), DK.met, entity_iri(b, base)))


def add_document(ds: Dataset, result: DocumentResult, base: str = DEFAULT_BASE,
                 events: Iterable[Event] | None = None) -> Graph:
    """Add one document's named graph to ``ds`` and return it.

    ``events`` overrides ``result.events`` (after cross-document merging an
    event lives in the graph of the document that first stated it).
    """
    doc = result.document
    doc_node = URIRef(base + doc_key(doc.id))
    g = ds.graph(doc_node)
    g.add((doc_node, RDF.type, NIF.Context))
    g.add((doc_node, RDF.type, PROV.Entity))
    g.add((doc_node, DCTERMS.identifier, Literal(doc.id)))
    g.add((doc_node, DCTERMS.source, Literal(doc.url or doc.source)))
    g.add((doc_node, NIF.isString, Literal(doc.text)))
    if doc.published:
        g.add((doc_node, DCTERMS.issued, Literal(doc.published.isoformat(), datatype=XSD.date)))
    if doc.title:
        g.add((doc_node, DCTERMS.title, Literal(doc.title)))
    evs = list(result.events if events is None else events)
    actors = {a for ev in evs for a in ev.actors}
    places = {ev.place for ev in evs if ev.place}
    for e in result.entities:
        _add_entity(g, e, base, e.key in actors, e.key in places)
    from kg.actor_codes import actor_code_pairs  # noqa: PLC0415 - dk:actorCode (kg/actor_codes.py)
    for key, code in actor_code_pairs(result.entities, lambda e: e.kind in _ACTOR_KINDS or e.key in actors):
        g.add((entity_iri(key, base), DK.actorCode, Literal(code)))
    for ev in evs:
        _add_event(g, ev, base, {doc.id: doc_node})
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
