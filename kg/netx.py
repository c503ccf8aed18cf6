"""RDF graph -> networkx: the one conversion behind the HTML view and graph formats.

Nodes are entities (actors, places, weapons...) and events; mentions and
documents are folded into each event's ``evidence`` list. Edges run from an
event to each participant with a ``role``:

- ``source`` / ``target``: CAMEO direction (``dk:source`` / ``dk:target``);
- ``actor``: any other participant (``sem:hasActor`` that is neither source
  nor target: the contract says sources and targets are also actors, so a
  separate ``actor`` edge would only repeat them);
- ``place`` (``sem:hasPlace``) and ``theme`` (``dk:theme``).

Entity-to-entity context edges carry ``role`` ``memberOf`` or ``locatedIn``
when both ends are nodes of the graph. The derived ``dk:met`` shortcut is
not an edge here (it is the simple view; see :func:`met_pairs`).

Attributes are plain Python values (lists and dicts included); the graph
exporters in :mod:`kg.export.graphs` flatten them to scalars.
"""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import split_uri

from kg.vocab import DCTERMS, DK, NIF, OWL, PROV, RDF, RDFS, SEM, SKOS, WD

__all__ = ["to_networkx", "to_dyads", "met_pairs", "anchor_in_sentence", "ENTITY_KINDS", "ROLES"]

ENTITY_KINDS: tuple[str, ...] = ("Person", "Country", "Organization", "Group", "City", "Place", "Weapon")
"""Entity classes the view styles, most specific first (``Place`` after ``City``)."""

ROLES: tuple[str, ...] = ("source", "target", "actor", "place", "theme", "memberOf", "locatedIn")

_ROLE_PREDICATES = (("source", DK.source), ("target", DK.target), ("actor", SEM.hasActor),
                    ("place", SEM.hasPlace), ("theme", DK.theme))
_FACTUALITY = {DK.Actual: "Actual", DK.Negated: "Negated", DK.Planned: "Planned", DK.Possible: "Possible"}
_ENTITY_CLASSES = {getattr(DK, k): k for k in ENTITY_KINDS}


def _union(graph: Graph) -> Graph:
    """A Dataset/ConjunctiveGraph's triples of every named graph as one Graph."""
    if not hasattr(graph, "contexts"):
        return graph
    g = Graph()
    for s, p, o, _ in graph.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _local(term: URIRef) -> str:
    try:
        return split_uri(term)[1]
    except ValueError:
        return str(term).rstrip("/").rsplit("/", 1)[-1]


def _fallback_label(term: URIRef) -> str:
    return str(term).rstrip("/").rsplit("/", 1)[-1].replace("-", " ")


def _str(g: Graph, s: URIRef, p: URIRef) -> str | None:
    values = sorted(str(o) for o in g.objects(s, p))
    return values[0] if values else None


def _num(g: Graph, s: URIRef, p: URIRef) -> float | None:
    for o in g.objects(s, p):
        if isinstance(o, Literal):
            try:
                value = float(o.toPython())
            except (TypeError, ValueError):
                return None
            return value if math.isfinite(value) else None  # NaN/INF would break JSON (HTML view) and GEXF
    return None


def anchor_in_sentence(sentence: str, anchor: str, doc_text: str | None = None,
                       begin: int | None = None) -> tuple[int, int] | None:
    """Where ``anchor`` sits in ``sentence`` as (start, end), or None if it is not there.

    With the document text and the mention's document offset the right
    occurrence is found even when the anchor appears twice in the sentence;
    otherwise the first occurrence (then a case-insensitive one) is used.
    """
    if not sentence or not anchor:
        return None
    if doc_text and begin is not None and doc_text[begin:begin + len(anchor)] == anchor:
        lo = max(0, begin - len(sentence))
        start = doc_text.find(sentence, lo, begin + len(sentence) + len(anchor))
        while start != -1 and start <= begin:
            if begin + len(anchor) <= start + len(sentence):
                return begin - start, begin - start + len(anchor)
            start = doc_text.find(sentence, start + 1, begin + len(sentence) + len(anchor))
    pos = sentence.find(anchor)
    if pos == -1:
        pos = sentence.lower().find(anchor.lower())
    return (pos, pos + len(anchor)) if pos != -1 else None


def _cameo_names(code: str | None) -> tuple[str | None, str | None, str | None]:
    """(name, root, root name) from the shipped codebook; None where unknown."""
    if not code:
        return None, None, None
    from kg import cameo

    book = cameo.codebook()
    root = code[:2]
    name = book[code].name if code in book else None
    root_name = book[root].name if root in book else None
    return name, root, root_name


def _entity_kind(classes: set[URIRef]) -> str:
    for k in ENTITY_KINDS:
        if getattr(DK, k) in classes:
            return k
    if SEM.Actor in classes:
        return "Actor"
    if SEM.Place in classes:
        return "Place"
    return "Entity"


def _evidence(g: Graph, event: URIRef, docs: dict[URIRef, dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for m in g.objects(event, PROV.wasDerivedFrom):
        sentence = _str(g, m, DK.sentence) or ""
        anchor = _str(g, m, NIF.anchorOf) or ""
        begin = _num(g, m, NIF.beginIndex)
        end = _num(g, m, NIF.endIndex)
        doc_node = next(iter(g.objects(m, NIF.referenceContext)), None)
        doc = docs.get(doc_node) if doc_node is not None else None
        if doc is None and doc_node is not None:
            doc = docs[doc_node] = {
                "doc": _str(g, doc_node, DCTERMS.identifier) or _fallback_label(doc_node),
                "source": _str(g, doc_node, DCTERMS.source),
                "issued": _str(g, doc_node, DCTERMS.issued),
                "text": _str(g, doc_node, NIF.isString),
            }
        doc = doc or {"doc": None, "source": None, "issued": None, "text": None}
        span = anchor_in_sentence(sentence, anchor, doc["text"], int(begin) if begin is not None else None)
        out.append({
            "mention": str(m), "sentence": sentence, "anchor": anchor,
            "start": span[0] if span else None, "end": span[1] if span else None,
            "doc_begin": int(begin) if begin is not None else None,
            "doc_end": int(end) if end is not None else None,
            "trigger": _str(g, m, DK.trigger),
            "doc": doc["doc"], "doc_iri": str(doc_node) if doc_node is not None else None,
            "source": doc["source"], "issued": doc["issued"],
        })
    out.sort(key=lambda e: (e["doc"] or "", e["doc_begin"] if e["doc_begin"] is not None else -1, e["mention"]))
    return out


def _entity_attrs(g: Graph, node: URIRef) -> dict[str, Any]:
    classes = set(g.objects(node, RDF.type))
    same = sorted(str(o) for o in g.objects(node, OWL.sameAs))
    qid = next((s[len(str(WD)):] for s in same if s.startswith(str(WD))), None)
    return {
        "iri": str(node),
        "label": _str(g, node, RDFS.label) or _fallback_label(node),
        "kind": _entity_kind(classes),
        "classes": sorted(_local(c) for c in classes),
        "is_actor": SEM.Actor in classes,
        "is_place": SEM.Place in classes,
        "aliases": sorted({str(a) for a in g.objects(node, SKOS.altLabel)}),
        "qid": qid,
        "same_as": same,
        "role_title": _str(g, node, DK.role),
        "iso3": _str(g, node, DK.iso3),
        "cow_code": _str(g, node, DK.cowCode),
    }


def _event_attrs(g: Graph, node: URIRef, docs: dict) -> dict[str, Any]:
    classes = set(g.objects(node, RDF.type))
    code = _str(g, node, DK.cameoCode)
    name, root, root_name = _cameo_names(code)
    plover = next(iter(g.objects(node, DK.ploverType)), None)
    quad = _num(g, node, DK.quadClass)
    fact = next(iter(g.objects(node, DK.factuality)), None)
    event_classes = sorted(_local(c) for c in classes if c != SEM.Event)
    evidence = _evidence(g, node, docs)
    return {
        "iri": str(node),
        "label": _str(g, node, RDFS.label) or (f"{code} {name}" if code else _fallback_label(node)),
        "kind": "Event",
        "classes": event_classes,
        "event_class": event_classes[0] if event_classes else None,
        "cameo": code,
        "cameo_name": name,
        "cameo_root": root,
        "cameo_root_name": root_name,
        "plover": _local(plover) if plover is not None else None,
        "quad": int(quad) if quad is not None else None,
        "goldstein": _num(g, node, DK.goldstein),
        "factuality": _FACTUALITY.get(fact, _local(fact) if fact is not None else None),
        "confidence": _num(g, node, DK.confidence),
        "date": _str(g, node, SEM.hasTimeStamp),
        "place": _str(g, node, SEM.hasPlace),
        "evidence": evidence,
        "documents": sorted({e["doc"] for e in evidence if e["doc"]}),
    }


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Events and entities of an RDF graph (or Dataset: all named graphs) as a MultiDiGraph.

    Node ids are IRIs. Edge keys are the roles, so one event-participant pair
    with two roles (e.g. ``source`` of a self-directed event that also
    ``target``s it) gives two edges.
    """
    g = _union(graph)
    G = nx.MultiDiGraph()
    docs: dict[URIRef, dict[str, Any]] = {}

    events = sorted(s for s in set(g.subjects(RDF.type, SEM.Event)) if isinstance(s, URIRef))
    event_set = set(events)
    entities: set[URIRef] = set()
    for cls in (SEM.Actor, SEM.Place, *_ENTITY_CLASSES):
        entities.update(s for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef))
    role_edges: list[tuple[URIRef, URIRef, str]] = []
    for ev in events:
        directed = set(g.objects(ev, DK.source)) | set(g.objects(ev, DK.target))
        for role, pred in _ROLE_PREDICATES:
            for o in g.objects(ev, pred):
                if not isinstance(o, URIRef) or o in event_set or (role == "actor" and o in directed):
                    continue
                entities.add(o)
                role_edges.append((ev, o, role))
    entities -= event_set

    for e in sorted(entities):
        G.add_node(str(e), **_entity_attrs(g, e))
    for ev in events:
        attrs = _event_attrs(g, ev, docs)
        place = attrs["place"]
        attrs["place_label"] = G.nodes[place]["label"] if place in G else None
        G.add_node(str(ev), **attrs)

    for ev, o, role in sorted(set(role_edges), key=lambda t: (str(t[0]), ROLES.index(t[2]), str(t[1]))):
        G.add_edge(str(ev), str(o), key=role, role=role, event=str(ev))
    for role, pred in (("memberOf", DK.memberOf), ("locatedIn", DK.locatedIn)):
        for s in sorted(entities):
            for o in sorted(g.objects(s, pred)):
                if o in entities and o != s:
                    G.add_edge(str(s), str(o), key=role, role=role, event=None)

    # each entity's events in date order (undated last), for "select an actor"
    by_entity: dict[str, set[str]] = defaultdict(set)
    for u, v, d in G.edges(data=True):
        if d["event"]:
            by_entity[v].add(u)
    for ent, evs in by_entity.items():
        G.nodes[ent]["events"] = sorted(evs, key=lambda e: (G.nodes[e]["date"] or "9999", e))
    for n, d in G.nodes(data=True):
        d.setdefault("events", [])
    return G


def met_pairs(graph: Graph) -> list[tuple[str, str]]:
    """The ``dk:met`` shortcut as unordered pairs (a, b) with a < b, sorted."""
    g = _union(graph)
    pairs = {tuple(sorted((str(s), str(o)))) for s, o in g.subject_objects(DK.met) if s != o}
    return sorted(pairs)  # type: ignore[arg-type]


def _day(date: str) -> str | None:
    """'2025-10', '2025' -> the first day of the period (Gephi's timeline wants days)."""
    if not date:
        return None
    parts = date.split("-")
    return "-".join([parts[0], *(parts[1:] + ["01", "01"])[:2]]) if parts[0].isdigit() else None


def to_dyads(graph: Graph, *, dynamic: bool = False) -> nx.DiGraph:
    """The actor-actor projection: one directed edge per (actor1, actor2) pair of the event table.

    Actor1/actor2 are those of :func:`kg.export.tables.event_rows` (source ->
    target; text order for symmetric events); several actors on one side
    give one edge per pair. Edge attributes: ``weight`` (number of events),
    ``actual`` (how many of them are Actual), ``goldstein`` (mean Goldstein
    score), ``quad_class`` (the quad class of most of the events; a tie goes
    to the more conflictual class), ``quad1``..``quad4`` (counts),
    ``cameo_codes``, ``first_date``/``last_date``. Nodes: ``label``, ``kind``,
    ``actor_code``, ``qid``, ``iso3``, ``events``.

    ``dynamic=True`` adds Gephi time intervals: each edge has one spell per
    day it was active (the event's date, or its document's), each node spans
    its first to its last day.
    """
    from kg.export.tables import event_dyads  # noqa: PLC0415 - one rule for actor1/actor2

    rows, actors = event_dyads(graph)
    D = nx.DiGraph()
    edges: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row, one, two in rows:
        for a in one:
            for b in two:
                if a != b:
                    edges[(a, b)].append(row)
    for key in sorted({n for pair in edges for n in pair}):
        info = actors[key]
        D.add_node(key, label=info["label"], kind=info["kind"], actor_code=info["code"] or None,
                   qid=info["qid"] or None, iso3=info["iso3"] or None, events=0)
    node_days: dict[str, set[str]] = defaultdict(set)
    for (a, b), evs in sorted(edges.items()):
        quads = [r["quad_class"] for r in evs if r["quad_class"] is not None]
        counts = {q: quads.count(q) for q in range(1, 5)}
        golds = [r["goldstein"] for r in evs if r["goldstein"] is not None]
        days = sorted({d for r in evs if (d := _day(r["date"]))})
        attrs: dict[str, Any] = {
            "weight": len(evs), "actual": sum(r["factuality"] == "Actual" for r in evs),
            "goldstein": round(sum(golds) / len(golds), 3) if golds else None,
            "quad_class": max(range(1, 5), key=lambda q: (counts[q], q)) if quads else None,
            **{f"quad{q}": counts[q] for q in range(1, 5)},
            "cameo_codes": "|".join(sorted({r["cameo_code"] for r in evs})),
            "first_date": days[0] if days else None, "last_date": days[-1] if days else None,
        }
        if dynamic and days:
            attrs["spells"] = [(d, d) for d in days]
            node_days[a].update(days)
            node_days[b].update(days)
        D.add_edge(a, b, **{k: v for k, v in attrs.items() if v is not None})
    for row, one, two in rows:
        for n in {*one, *two}:
            if n in D:
                D.nodes[n]["events"] += 1
    if dynamic:
        D.graph["mode"] = "dynamic"
        for n, days in node_days.items():
            D.nodes[n]["start"], D.nodes[n]["end"] = min(days), max(days)
    for _, data in D.nodes(data=True):
        for k in [k for k, v in data.items() if v is None]:
            del data[k]
    return D
