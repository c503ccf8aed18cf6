"""Graph-tool formats: GraphML, GEXF and a CSV edge list, all from :func:`kg.netx.to_networkx`.

GraphML and GEXF only hold scalar attributes, so lists are joined with ``|``
and the evidence of an event becomes ``evidence`` (its sentences, joined)
plus ``documents``; ``None`` values are left out.
"""
from __future__ import annotations

import csv
import io
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.export import register
from kg.export.cells import csv_row
from kg.netx import to_dyads, to_networkx
from kg.xmlsafe import clean_xml, xml_text

__all__ = ["scalar_graph", "to_graphml", "to_gexf", "to_csv", "CSV_COLUMNS", "to_dyads_graphml", "to_dyads_gexf",
           "to_dynamic_gexf"]

CSV_COLUMNS = ("source", "target", "role", "event", "source_label", "target_label", "source_kind",
               "target_kind", "cameo", "cameo_name", "quad", "factuality", "confidence", "date", "documents")


def _scalar(value: Any) -> str | int | float | bool | None:
    if isinstance(value, str):
        return xml_text(value)  # GraphML/GEXF are XML 1.0: U+0001 or a form feed cannot be written
    if value is None or isinstance(value, (int, float, bool)):
        return value
    if isinstance(value, (list, tuple, set)):
        return xml_text("|".join(_text(v) for v in value))
    return xml_text(str(value))


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("sentence", ""))
    return "" if value is None else str(value)


def scalar_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` whose attributes are all GraphML/GEXF-safe scalars."""
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        attrs = {}
        for k, v in d.items():
            if k == "evidence":
                attrs["evidence"] = xml_text("|".join(e["sentence"] for e in v))
                attrs["anchors"] = xml_text("|".join(e["anchor"] for e in v))
                continue
            s = _scalar(v)
            if s is not None and s != "":
                attrs[k] = s
        H.add_node(n, **attrs)
    for u, v, key, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **{k: _scalar(x) for k, x in d.items() if x is not None})
    return H


@register("graphml", extensions=(".graphml",), description="GraphML for Gephi, yEd, Cytoscape, networkx")
def to_graphml(ds: Graph, **_: object) -> bytes:
    H = scalar_graph(to_networkx(ds))
    # characters XML 1.0 forbids (a label with U+0001) would make the file unreadable
    return clean_xml(("\n".join(nx.generate_graphml(H, encoding="utf-8")) + "\n").encode("utf-8"))


@register("gexf", extensions=(".gexf",), description="GEXF for Gephi")
def to_gexf(ds: Graph, **_: object) -> bytes:
    H = scalar_graph(to_networkx(ds))
    return clean_xml(("\n".join(nx.generate_gexf(H, encoding="utf-8")) + "\n").encode("utf-8"))


@register("csv", extensions=(".csv",), aliases=("edges",), description="CSV edge list (source,target,role,event,...)")
def to_csv(ds: Graph, **_: object) -> bytes:
    G = to_networkx(ds)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for u, v, d in G.edges(data=True):
        ev = G.nodes[d["event"]] if d.get("event") else {}
        su, sv = G.nodes[u], G.nodes[v]
        w.writerow(csv_row([u, v, d["role"], d.get("event") or "", su["label"], sv["label"], su["kind"], sv["kind"],
                    ev.get("cameo") or "", ev.get("cameo_name") or "",
                    "" if ev.get("quad") is None else ev["quad"], ev.get("factuality") or "",
                    "" if ev.get("confidence") is None else ev["confidence"], ev.get("date") or "",
                    "|".join(ev.get("documents") or ())]))
    return buf.getvalue().encode("utf-8")


# -- the actor-actor projection (kg.netx.to_dyads): what Gephi users load first -------------

@register("graphml-dyads", extensions=(".dyads.graphml",), aliases=("dyads-graphml",),
          description="Actor-actor dyads as GraphML (weight = events, mean Goldstein, majority quad class)")
def to_dyads_graphml(ds: Graph, **_: object) -> bytes:
    return clean_xml(("\n".join(nx.generate_graphml(to_dyads(ds), encoding="utf-8")) + "\n").encode("utf-8"))


@register("gexf-dyads", extensions=(".dyads.gexf",), aliases=("dyads-gexf", "dyads"),
          description="Actor-actor dyads as GEXF for Gephi (weight = events, mean Goldstein, majority quad class)")
def to_dyads_gexf(ds: Graph, **_: object) -> bytes:
    return clean_xml(("\n".join(nx.generate_gexf(to_dyads(ds), encoding="utf-8")) + "\n").encode("utf-8"))


@register("gexf-dynamic", extensions=(".dynamic.gexf",), aliases=("dynamic-gexf",),
          description="Actor-actor dyads as dynamic GEXF: time intervals for Gephi's timeline")
def to_dynamic_gexf(ds: Graph, **_: object) -> bytes:
    return clean_xml(("\n".join(nx.generate_gexf(to_dyads(ds, dynamic=True), encoding="utf-8")) + "\n").encode("utf-8"))
