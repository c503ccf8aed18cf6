"""The ontology and the CAMEO/PLOVER schemes as one named graph, for stores and pushes.

With it, labels resolve in SPARQL wherever the events are: in a kg store
(``kg build --store`` and ``kg store add`` keep it there) and on a user's own
triple store (``kg push --with-ontology``), so
``SELECT ?l { cameo:044 skos:prefLabel ?l }`` answers, and so does a query
joining events to their type's label. The graph holds ``diplo.ttl``,
``cameo.ttl`` and ``plover.ttl`` as shipped (the SHACL shapes are not part of
it), under :data:`ONTOLOGY_GRAPH`. It is not a document: ``Store.documents()``,
exports and ``kg store info`` leave it out.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["ONTOLOGY_GRAPH", "ONTOLOGY_FILES", "ontology_triples", "add_ontology", "ontology_store"]

ONTOLOGY_GRAPH = "https://w3id.org/diplokg/graph/ontology"
ONTOLOGY_FILES = ("diplo.ttl", "cameo.ttl", "plover.ttl")


@lru_cache(maxsize=1)
def _triples() -> tuple[Any, ...]:
    import pyoxigraph as ox

    out: list[Any] = []
    for name in ONTOLOGY_FILES:
        data = resources.files("kg.ontology").joinpath(name).read_bytes()
        out.extend(q.triple for q in ox.parse(data, format=ox.RdfFormat.TURTLE))
    return tuple(dict.fromkeys(out))


def ontology_triples() -> list[Any]:
    """Every triple of the shipped ontology files (pyoxigraph Triples, no duplicates)."""
    return list(_triples())


def add_ontology(store: Any) -> int:
    """Put the ontology graph into a :class:`kg.store.Store` (replacing an older one); its triple count.

    The triples also go to the store's default graph, the union that queries
    without ``GRAPH`` see.
    """
    import pyoxigraph as ox

    node = ox.NamedNode(ONTOLOGY_GRAPH)
    triples = _triples()
    ox_store = store.oxigraph
    if ox_store.contains_named_graph(node) and \
            sum(1 for _ in ox_store.quads_for_pattern(None, None, None, node)) == len(triples) and \
            all(ox.Quad(t.subject, t.predicate, t.object, node) in ox_store for t in triples[:50]):
        return len(triples)  # already there: a rebuild of the store's union would only cost time
    store.remove_document(ONTOLOGY_GRAPH)
    ox_store.extend([ox.Quad(t.subject, t.predicate, t.object, node) for t in triples]
                    + [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples])
    return len(triples)


def ontology_store() -> Any:
    """An in-memory :class:`kg.store.Store` holding only the ontology graph (what push sends)."""
    from kg.store import Store  # noqa: PLC0415

    mem = Store()
    add_ontology(mem)
    return mem
