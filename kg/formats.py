"""The one table of RDF serialisations, and the union view of a Dataset.

Every command that reads or names an RDF format looks it up here: the file
extensions, rdflib's parser name, pyoxigraph's format, the media type, and
whether the format holds named graphs. Loading itself is :mod:`kg.load`
(one loader for every command); exporters register in :mod:`kg.export`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from kg.errors import E, InputError
from kg.vocab import PREFIXES

__all__ = ["RdfFormat", "FORMATS", "BY_EXTENSION", "format_of", "by_name", "union_graph"]


@dataclass(frozen=True)
class RdfFormat:
    name: str                     # our short name: 'ttl', 'nt', 'jsonld', 'trig', 'nq', 'rdfxml'
    extensions: tuple[str, ...]
    rdflib: str                   # rdflib parser/serializer name
    oxigraph: str                 # attribute of pyoxigraph.RdfFormat
    media_type: str
    quads: bool                   # holds named graphs (TriG, N-Quads); else one graph per file

    def ox(self) -> Any:
        """The pyoxigraph ``RdfFormat``."""
        import pyoxigraph as ox

        return getattr(ox.RdfFormat, self.oxigraph)


FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat("ttl", (".ttl", ".turtle"), "turtle", "TURTLE", "text/turtle", False),
    RdfFormat("nt", (".nt", ".ntriples"), "nt", "N_TRIPLES", "application/n-triples", False),
    RdfFormat("jsonld", (".jsonld", ".json-ld", ".json"), "json-ld", "JSON_LD", "application/ld+json", False),
    RdfFormat("trig", (".trig",), "trig", "TRIG", "application/trig", True),
    RdfFormat("nq", (".nq", ".nquads"), "nquads", "N_QUADS", "application/n-quads", True),
    RdfFormat("rdfxml", (".rdf", ".xml", ".owl"), "xml", "RDF_XML", "application/rdf+xml", False),
)
BY_EXTENSION: dict[str, RdfFormat] = {ext: f for f in FORMATS for ext in f.extensions}
_BY_NAME: dict[str, RdfFormat] = {k: f for f in FORMATS for k in (f.name, f.rdflib, f.oxigraph.lower())}


def format_of(path: str | os.PathLike) -> RdfFormat:
    """The format of a file, from its extension; E501 for an unknown one."""
    suffix = Path(path).suffix.lower()
    try:
        return BY_EXTENSION[suffix]
    except KeyError:
        raise InputError(E.E501.format(path=path, suffix=suffix or "(none)",
                                       known=", ".join(sorted(BY_EXTENSION)))) from None


def by_name(name: str) -> RdfFormat:
    """A format by our name or rdflib's ('ttl' or 'turtle', 'nq' or 'nquads', ...)."""
    return _BY_NAME[name.lower()]


def union_graph(ds: Dataset | Graph) -> Graph:
    """All triples of every named graph (and the default graph) as one Graph, with the kg prefixes."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    if hasattr(ds, "quads"):
        g.addN((s, p, o, g) for s, p, o, _ in ds.quads((None, None, None, None)))
    else:
        g.addN((s, p, o, g) for s, p, o in ds)
    return g
