"""Event tables: one row per event, in the columns GDELT and ICEWS users know.

``events-csv`` (``.events.csv``) and ``parquet`` (``.parquet``, needs pyarrow).
A row gives the event's date, CAMEO code and name, PLOVER type, quad class,
Goldstein score; its source and target actors with Wikidata id, ISO 3166
alpha-3 and Correlates of War code (a person or organisation takes its
``dk:memberOf`` country's codes); the place; factuality and confidence; and
the first mention's document, URL and sentence, with the number of mentions.
Several sources or targets are joined with ``;`` in IRI order. Rows are
sorted by date (undated last), then event IRI, so the same graph gives the
same file.
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef

from kg import cameo
from kg.errors import E, UsageError
from kg.export import register
from kg.vocab import DCTERMS, DK, NIF, OWL, PROV, RDF, RDFS, SEM, WD

__all__ = ["EVENT_COLUMNS", "event_rows", "to_events_csv", "to_parquet"]

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "date", "cameo_code", "cameo_name", "plover_type", "quad_class", "goldstein",
    "source_label", "source_qid", "source_iso3", "source_cow",
    "target_label", "target_qid", "target_iso3", "target_cow",
    "place_label", "place_qid", "factuality", "confidence",
    "doc_id", "doc_date", "url", "sentence", "mentions",
)
_NUMERIC = {"quad_class": "int", "goldstein": "float", "confidence": "float", "mentions": "int"}


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
    """ISO3 and COW code of an entity, or of the country it is a member of."""
    for cand in (node, *idx.all(node, DK.memberOf)):
        iso3, cow = idx.one(cand, DK.iso3), idx.one(cand, DK.cowCode)
        if iso3 or cow:
            return str(iso3 or ""), str(cow or "")
    return "", ""


def _actors(idx: _Index, nodes: list[Any]) -> dict[str, str]:
    labels, qids, iso3s, cows = [], [], [], []
    for n in nodes:
        labels.append(str(idx.one(n, RDFS.label) or ""))
        qids.append(_qid(idx, n))
        iso3, cow = _country_codes(idx, n)
        iso3s.append(iso3)
        cows.append(cow)
    join = lambda xs: ";".join(xs) if any(xs) else ""  # noqa: E731
    return {"label": join(labels), "qid": join(qids), "iso3": join(iso3s), "cow": join(cows)}


def _num(value: Any, kind: str) -> Any:
    if value is None or value == "":
        return None
    try:
        return int(str(value)) if kind == "int" else float(str(value))
    except ValueError:
        return None


def event_rows(ds: Dataset | Graph) -> list[dict[str, Any]]:
    """One dict per ``sem:Event`` of ``ds`` with the keys of :data:`EVENT_COLUMNS`, sorted."""
    idx = _Index(ds)
    events = [s for s, preds in idx.data.items() if SEM.Event in preds.get(RDF.type, ()) and isinstance(s, URIRef)]
    rows = []
    for ev in events:
        code = str(idx.one(ev, DK.cameoCode) or "")
        book = cameo.codebook().get(code)
        plover = idx.one(ev, DK.ploverType)
        plover_name = str(plover).rsplit("/", 1)[-1] if plover is not None else (cameo.plover_type(code) if book else None)
        quad = idx.one(ev, DK.quadClass)
        if quad is None and book:
            quad = cameo.quad_class(code)
        gold = idx.one(ev, DK.goldstein)
        if gold is None and book:
            gold = book.goldstein
        src = _actors(idx, idx.all(ev, DK.source))
        tgt = _actors(idx, idx.all(ev, DK.target))
        place = idx.one(ev, SEM.hasPlace)
        fact = idx.one(ev, DK.factuality)
        mentions = idx.all(ev, PROV.wasDerivedFrom)

        def mention_key(m: Any) -> tuple:
            doc = idx.one(m, NIF.referenceContext)
            begin = idx.one(m, NIF.beginIndex)
            return (str(idx.one(doc, DCTERMS.identifier) or doc or ""), _num(begin, "int") or 0, str(m))

        first = min(mentions, key=mention_key) if mentions else None
        doc = idx.one(first, NIF.referenceContext) if first is not None else None
        when = idx.one(ev, SEM.hasTimeStamp)
        issued = idx.one(doc, DCTERMS.issued) if doc is not None else None
        rows.append({
            "event_id": str(ev),
            "date": str(when) if when is not None else "",
            "cameo_code": code,
            "cameo_name": book.name if book else "",
            "plover_type": plover_name or "",
            "quad_class": _num(quad, "int"),
            "goldstein": _num(gold, "float"),
            "source_label": src["label"], "source_qid": src["qid"], "source_iso3": src["iso3"], "source_cow": src["cow"],
            "target_label": tgt["label"], "target_qid": tgt["qid"], "target_iso3": tgt["iso3"], "target_cow": tgt["cow"],
            "place_label": str(idx.one(place, RDFS.label) or "") if place is not None else "",
            "place_qid": _qid(idx, place) if place is not None else "",
            "factuality": str(fact).rsplit("#", 1)[-1] if fact is not None else "",
            "confidence": _num(idx.one(ev, DK.confidence), "float"),
            "doc_id": str(idx.one(doc, DCTERMS.identifier) or "") if doc is not None else "",
            "doc_date": str(issued) if isinstance(issued, Literal) else "",
            "url": str(idx.one(doc, DCTERMS.source) or "") if doc is not None else "",
            "sentence": str(idx.one(first, DK.sentence) or "") if first is not None else "",
            "mentions": len(mentions),
        })
    rows.sort(key=lambda r: (r["date"] == "", r["date"], r["event_id"]))
    return rows


@register("events-csv", extensions=(".events.csv",), aliases=("events",),
          description="Event table as CSV, one row per event (GDELT/ICEWS-style columns)")
def to_events_csv(ds: Dataset | Graph, **_: object) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(EVENT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in event_rows(ds):
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
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
