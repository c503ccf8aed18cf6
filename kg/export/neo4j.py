"""Neo4j bulk import: node and relationship CSV files for ``neo4j-admin database import``.

One ``.neo4j.zip`` holds (headers in Neo4j's import syntax, one global ID
space whose ids are the IRIs, so every ``:START_ID``/``:END_ID`` is a node):

- ``entities.csv``  ``id:ID,label,kind,actor_code,qid,iso3,cow_code,role,:LABEL``
  (``:LABEL`` is ``Entity;<kind>``, e.g. ``Entity;Person``);
- ``events.csv``    ``id:ID,label,cameo_code,cameo_name,plover_type,quad_class:int,
  goldstein:float,date,date_precision,sqldate:long,factuality,confidence:float,
  mentions:int,doc_id,sentence,:LABEL`` (``Event``) - the event table's values;
- ``participation.csv`` ``:START_ID,:END_ID,:TYPE`` from an event to an entity
  (``SOURCE``, ``TARGET``, ``ACTOR``, ``PLACE``, ``THEME``) and between entities
  (``MEMBER_OF``, ``LOCATED_IN``);
- ``dyads.csv``     ``:START_ID,:END_ID,:TYPE,weight:int,actual:int,goldstein:float,
  quad_class:int,first_date,last_date`` (``INTERACTS_WITH``: the actor-actor
  projection of :func:`kg.netx.to_dyads`);
- ``import.sh``     the ``neo4j-admin database import full`` command for them.

Text fields are quoted the CSV way (``"`` doubled); evidence sentences may
hold line breaks, hence ``--multiline-fields=true`` in the command.
"""
from __future__ import annotations

import csv
import io
import zipfile

from rdflib import Graph

from kg.export import register
from kg.export.cells import csv_row

__all__ = ["NEO4J_FILES", "ENTITY_HEADER", "EVENT_HEADER", "PARTICIPATION_HEADER", "DYAD_HEADER",
           "neo4j_files", "to_neo4j"]

ENTITY_HEADER = ("id:ID", "label", "kind", "actor_code", "qid", "iso3", "cow_code", "role", ":LABEL")
EVENT_HEADER = ("id:ID", "label", "cameo_code", "cameo_name", "plover_type", "quad_class:int", "goldstein:float",
                "date", "date_precision", "sqldate:long", "factuality", "confidence:float", "mentions:int",
                "doc_id", "sentence", ":LABEL")
PARTICIPATION_HEADER = (":START_ID", ":END_ID", ":TYPE")
DYAD_HEADER = (":START_ID", ":END_ID", ":TYPE", "weight:int", "actual:int", "goldstein:float", "quad_class:int",
               "first_date", "last_date")
NEO4J_FILES = ("entities.csv", "events.csv", "participation.csv", "dyads.csv", "import.sh")
_TYPES = {"source": "SOURCE", "target": "TARGET", "actor": "ACTOR", "place": "PLACE", "theme": "THEME",
          "memberOf": "MEMBER_OF", "locatedIn": "LOCATED_IN"}
_IMPORT = """#!/bin/sh
# Load this folder into a new Neo4j database (stop the database first), e.g.
#   sh import.sh neo4j
# Written by kg (kg export --format neo4j).
set -e
DB="${1:-neo4j}"
HERE="$(cd "$(dirname "$0")" && pwd)"
neo4j-admin database import full "$DB" --overwrite-destination=true --multiline-fields=true \\
  --nodes="$HERE/entities.csv" --nodes="$HERE/events.csv" \\
  --relationships="$HERE/participation.csv" --relationships="$HERE/dyads.csv"
"""


def _csv(header: tuple[str, ...], rows: list[list[object]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows([csv_row(row) for row in rows])
    return buf.getvalue().encode("utf-8")


def neo4j_files(ds: Graph) -> dict[str, bytes]:
    """File name -> content of every file of :data:`NEO4J_FILES` (pure)."""
    from kg.actor_codes import actor_code  # noqa: PLC0415
    from kg.export.tables import event_rows  # noqa: PLC0415
    from kg.netx import to_dyads, to_networkx  # noqa: PLC0415
    from kg.vocab import DK  # noqa: PLC0415

    G = to_networkx(ds)
    rows = {r["event_id"]: r for r in event_rows(ds)}
    triples = ds.quads((None, DK.actorCode, None, None)) if hasattr(ds, "quads") else \
        ((s, p, o, None) for s, p, o in ds.triples((None, DK.actorCode, None)))
    codes = {str(s): str(o) for s, _, o, _ in triples}
    entities, events = [], []
    for n, d in sorted(G.nodes(data=True)):
        if d["kind"] == "Event":
            r = rows.get(n, {})
            events.append([n, d["label"], d["cameo"], d["cameo_name"], d["plover"], d["quad"], d["goldstein"],
                           r.get("date"), r.get("date_precision"), r.get("sqldate"), d["factuality"],
                           d["confidence"], r.get("mentions"), r.get("doc_id"), r.get("sentence"), "Event"])
        else:
            code = codes.get(n) or (actor_code(d["kind"], n, label=d["label"], role=d["role_title"],
                                               iso3=d["iso3"]) if d["is_actor"] else None)
            entities.append([n, d["label"], d["kind"], code, d["qid"], d["iso3"], d["cow_code"], d["role_title"],
                             f"Entity;{d['kind']}"])
    links = sorted({(u, v, _TYPES[d["role"]]) for u, v, d in G.edges(data=True) if d["role"] in _TYPES})
    D = to_dyads(ds)
    dyads = [[u, v, "INTERACTS_WITH", d["weight"], d["actual"], d.get("goldstein"), d.get("quad_class"),
              d.get("first_date"), d.get("last_date")] for u, v, d in sorted(D.edges(data=True))]
    return {"entities.csv": _csv(ENTITY_HEADER, entities), "events.csv": _csv(EVENT_HEADER, events),
            "participation.csv": _csv(PARTICIPATION_HEADER, [list(x) for x in links]),
            "dyads.csv": _csv(DYAD_HEADER, dyads), "import.sh": _IMPORT.encode("utf-8")}


@register("neo4j", extensions=(".neo4j.zip",), aliases=("neo4j-csv",),
          description="Neo4j bulk-import CSVs (nodes, relationships, import.sh) in one zip")
def to_neo4j(ds: Graph, **_: object) -> bytes:
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in neo4j_files(ds).items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # same graph, same bytes
            info.external_attr = (0o755 if name.endswith(".sh") else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return sink.getvalue()
