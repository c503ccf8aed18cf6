"""Read RDF back in: files of any common serialisation, or a kg store directory.

This is the one loader: ``kg export``, ``kg validate``, ``kg store add`` and
the Python API read files through :func:`load_dataset` (``kg query`` and
``kg serve`` load into Oxigraph by the same rules, in :func:`kg.query.open_source`),
with the same error codes and the same graph names. The result is always an
rdflib :class:`~rdflib.Dataset` with named graphs:
TriG and N-Quads keep theirs; a triple format (Turtle, N-Triples, JSON-LD,
RDF/XML) becomes one named graph per file, named by the file's ``file:`` IRI;
a store directory gives every document graph it holds.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from rdflib import Dataset, URIRef

from kg.errors import E, InputError
from kg.formats import BY_EXTENSION, FORMATS, format_of, union_graph
from kg.vocab import PREFIXES

__all__ = ["RDF_FORMATS", "QUAD_FORMATS", "rdf_format", "is_store_dir", "load_dataset", "file_graph_iri",
           "checked_input", "union_graph"]

# file extension -> rdflib parser name (derived from the one table, kg.formats)
RDF_FORMATS: dict[str, str] = {ext: f.rdflib for ext, f in BY_EXTENSION.items()}
QUAD_FORMATS = frozenset(f.rdflib for f in FORMATS if f.quads)


def rdf_format(path: str | os.PathLike) -> str:
    """The rdflib parser name for a file, from its extension; E501 for an unknown one."""
    return format_of(path).rdflib


def is_store_dir(path: str | os.PathLike) -> bool:
    """True for a directory that holds an (Oxigraph/RocksDB) store, as :class:`kg.store.Store` writes."""
    p = Path(path)
    return p.is_dir() and (p / "CURRENT").is_file()


def file_graph_iri(path: str | os.PathLike) -> URIRef:
    """The named graph a triple-format file is loaded into: its absolute ``file:`` IRI."""
    return URIRef(Path(path).resolve().as_uri())


def _new_dataset() -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    return ds


def _load_file(ds: Dataset, path: Path) -> None:
    fmt = rdf_format(path)
    try:
        if fmt in QUAD_FORMATS:
            tmp = Dataset()
            tmp.parse(path, format=fmt)
            for s, p, o, g in tmp.quads((None, None, None, None)):
                name = g if isinstance(g, URIRef) and g != tmp.default_graph.identifier else None
                ctx = ds.graph(name) if name is not None else ds.default_graph
                ctx.add((s, p, o))
        else:
            ds.graph(file_graph_iri(path)).parse(path, format=fmt)
    except InputError:
        raise
    except Exception as exc:  # parser errors come in many types
        detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        raise InputError(E.E106.format(path=path, detail=detail)) from exc


def _load_store(ds: Dataset, path: Path) -> None:
    from kg.store import Store  # pyoxigraph is heavy: imported only when a store is read

    store = Store(path, read_only=True)
    data = store.dump_nquads()
    if data:
        ds.parse(data=data.decode("utf-8"), format="nquads")


def load_dataset(paths: Sequence[Path | str]) -> Dataset:
    """Every graph in ``paths`` (RDF files and store directories) as one Dataset.

    Raises :class:`~kg.errors.InputError` with E001 (missing), E501 (unknown
    extension), E106 (unparsable file) or E109 (a directory that is no store),
    naming the file.
    """
    ds = _new_dataset()
    for raw in paths:
        path, is_store = checked_input(raw)
        if is_store:
            _load_store(ds, path)
        else:
            _load_file(ds, path)
    return ds


def checked_input(raw: Path | str) -> tuple[Path, bool]:
    """``(path, is_store)`` of an input that exists; E001 if missing, E109 for a directory that is no store."""
    path = Path(raw)
    if not path.exists():
        raise InputError(E.E001.format(path=path))
    if path.is_dir() and not is_store_dir(path):
        raise InputError(E.E109.format(path=path))
    return path, path.is_dir()
