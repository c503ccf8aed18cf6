"""RDF serialisations: Turtle, N-Triples, JSON-LD, TriG, N-Quads.

Turtle, N-Triples and JSON-LD flatten the per-document named graphs into one
graph; TriG and N-Quads keep them. N-Triples and N-Quads are sorted, so the
same input gives byte-identical files.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from rdflib import Dataset, Graph

from kg.export import register
from kg.formats import union_graph  # the union view has one home
from kg.vocab import PREFIXES, XSD

__all__ = ["union_graph", "to_ntriples", "jsonld_context"]


def _sorted_lines(text: str) -> bytes:
    # split on \n only: N-Triples literals escape \n and \r but may hold a raw form feed,
    # NEL or U+2028, where str.splitlines would cut a statement in two
    lines = sorted({ln for ln in text.split("\n") if ln.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


@register("ttl", extensions=(".ttl",), aliases=("turtle",), description="Turtle, one graph")
def to_turtle(ds: Dataset, **_: object) -> bytes:
    return union_graph(ds).serialize(format="turtle").encode("utf-8")


@register("nt", extensions=(".nt",), aliases=("ntriples", "n-triples"), description="N-Triples, sorted")
def to_ntriples(ds: Dataset, **_: object) -> bytes:
    return _sorted_lines(union_graph(ds).serialize(format="nt"))


@lru_cache(maxsize=1)
def jsonld_context() -> dict:
    """The published @context (ontology/context.jsonld): short keys for the contract's terms."""
    return json.loads(resources.files("kg.ontology").joinpath("context.jsonld").read_text("utf-8"))["@context"]


@register("jsonld", extensions=(".jsonld", ".json-ld"), aliases=("json-ld",), description="JSON-LD, one graph")
def to_jsonld(ds: Dataset, **_: object) -> bytes:
    g = union_graph(ds)
    text = g.serialize(format="json-ld", context=jsonld_context(), indent=2)
    if "Infinity" in text or "NaN" in text:
        # rdflib writes an xsd:double INF/NaN as a bare Infinity/NaN, which is not JSON
        text = json.dumps(json.loads(text, parse_constant=_non_finite), indent=2, ensure_ascii=False)
    return text.encode("utf-8")


def _non_finite(name: str) -> dict:
    lexical = {"Infinity": "INF", "-Infinity": "-INF", "NaN": "NaN"}[name]
    return {"@value": lexical, "@type": str(XSD.double)}


@register("trig", extensions=(".trig",), description="TriG, one named graph per document")
def to_trig(ds: Dataset, **_: object) -> bytes:
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    return ds.serialize(format="trig").encode("utf-8")


@register("nq", extensions=(".nq",), aliases=("nquads", "n-quads"), description="N-Quads, sorted, per-document graphs")
def to_nquads(ds: Dataset, **_: object) -> bytes:
    return _sorted_lines(ds.serialize(format="nquads"))
