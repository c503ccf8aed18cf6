"""SPARQL over a store or RDF files, and the named queries shipped with the ontology.

Queries run on Oxigraph (pyoxigraph): a store directory is opened read-only;
RDF files are loaded into an in-memory Oxigraph store first (rdflib's own
SPARQL engine is far slower on joins). The default graph is the union (a
set) of all named graphs, so queries need no ``GRAPH`` clause; ``GRAPH ?g``
reaches single documents.

Named queries are the files ``ontology/queries/NAME.rq``; each starts with
``# title:``, ``# description:`` and optional ``# param: NAME = DEFAULT | help``
lines. Parameters are bound with SPARQL substitution (SEP-0007), never by
pasting text into the query. A parameter value is turned into an RDF term by
:func:`bind_value`:

* ``Q7747`` (a Wikidata id: ``Q`` or ``P`` and digits) -> ``wd:Q7747``;
* ``http://...``, ``https://...``, ``urn:...`` or ``<...>`` -> that IRI;
* ``prefix:local`` with a prefix of :data:`kg.vocab.PREFIXES` (``dk:Planned``) -> the IRI;
* ``"..."`` (in double quotes) -> a plain literal without the quotes;
* anything else -> a plain string literal, exactly as given.

Every shipped query ends with an ``ORDER BY`` clause, so any engine (a
user's own triple store, ``kg serve``) returns the documented order. When kg
runs a named query itself it takes that clause off and sorts the rows in
Python with the same semantics (unbound, blank nodes, IRIs, then literals,
numbers by value): Oxigraph's own ORDER BY costs about 50 µs a row. (An older
``# order: ?when ?e`` header line is still read the same way.)

Parameters that name an entity (``actor``, ``place``, ``recipient``) match
its Wikidata id, its own IRI (``id:person/volodymyr-zelensky`` or the full
IRI) or its exact label or alias (``--param actor="Volodymyr Zelensky"``):
the queries say so with a ``UNION`` of the three, so they work unchanged
elsewhere.

Oxigraph substitutes only variables the query selects, so a parameter must
appear in the SELECT clause.
"""
from __future__ import annotations

import concurrent.futures
import csv
import io
import json
import os
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Dataset, URIRef

from kg.errors import E, InputError, KGError, UsageError
from kg.vocab import DEFAULT_BASE, PREFIXES

__all__ = [
    "NamedQuery", "QueryResult", "list_queries", "get_query", "bind_value", "parse_params",
    "open_source", "run_query", "run_named", "execute", "read_query_file", "RESULT_FORMATS",
    "compact_iri", "sources_arg",
]

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
_QID = re.compile(r"^[QP][1-9][0-9]*$")
_IRI = re.compile(r"^(https?|urn|file):\S+$", re.IGNORECASE)
_CURIE = re.compile(r"^([A-Za-z][\w.-]*):([\w.\-/#%]*)$")
_XSD = "http://www.w3.org/2001/XMLSchema#"
# a last ORDER BY of plain variables (no LIMIT/OFFSET after it: those need the engine's order)
_FINAL_ORDER_BY = re.compile(r"\n[ \t]*ORDER[ \t]+BY[ \t]+((?:(?:ASC|DESC)\(\?\w+\)|\?\w+)(?:[ \t]+(?:(?:ASC|DESC)"
                             r"\(\?\w+\)|\?\w+))*)[ \t]*\n?\s*\Z", re.IGNORECASE)


# -- named queries -------------------------------------------------------------

@dataclass(frozen=True)
class NamedQuery:
    """A query file of ``ontology/queries``."""

    name: str
    title: str
    description: str
    sparql: str
    params: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (default, help)
    order: tuple[str, ...] = ()  # '?when', 'DESC(?n)': sort keys applied after the query
    unordered: str = ""  # the query without its final ORDER BY, which kg applies in Python


def _parse_query_file(name: str, text: str) -> NamedQuery:
    title = description = ""
    params: dict[str, tuple[str, str]] = {}
    order: tuple[str, ...] = ()
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        body = line.lstrip("#").strip()
        key, _, value = body.partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "title":
            title = value
        elif key == "description":
            description = value
        elif key == "order":
            order = tuple(re.findall(r"(?:ASC|DESC)\(\?\w+\)|\?\w+", value.split("(applied")[0], re.IGNORECASE))
        elif key == "param":
            spec, _, help_text = value.partition("|")
            pname, _, default = spec.partition("=")
            params[pname.strip()] = (default.strip(), help_text.strip())
    unordered = ""
    final = _FINAL_ORDER_BY.search(text)
    if final:
        order = tuple(re.findall(r"(?:ASC|DESC)\(\?\w+\)|\?\w+", final.group(1), re.IGNORECASE))
        unordered = text[:final.start()] + "\n"
    return NamedQuery(name, title or name, description, text, params, order, unordered)


@lru_cache(maxsize=1)
def _queries() -> dict[str, NamedQuery]:
    folder = resources.files("kg.ontology").joinpath("queries")
    out = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = _parse_query_file(name, entry.read_text(encoding="utf-8"))
    return dict(sorted(out.items()))


def list_queries() -> list[NamedQuery]:
    """Every named query, by name."""
    return list(_queries().values())


def get_query(name: str) -> NamedQuery:
    """The named query ``name``; E108 lists the known ones."""
    try:
        return _queries()[name]
    except KeyError:
        raise UsageError(E.E108.format(name=name, known=", ".join(_queries()))) from None


# -- parameters ----------------------------------------------------------------

def bind_value(value: str) -> Any:
    """A ``--param`` value as a pyoxigraph term (the rule is in the module docstring)."""
    import pyoxigraph as ox

    v = value.strip()
    if _QID.match(v):
        return ox.NamedNode(PREFIXES["wd"] + v)
    if v.startswith("<") and v.endswith(">") and len(v) > 2:
        return _named_node(v[1:-1], value)
    if _IRI.match(v):
        return _named_node(v, value)
    m = _CURIE.match(v)
    if m and m.group(1) in PREFIXES:
        return _named_node(PREFIXES[m.group(1)] + m.group(2), value)
    if m and m.group(1) == "id":  # the prefix kg's tables print for the product's own IRIs
        return _named_node(DEFAULT_BASE + m.group(2), value)
    if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        return ox.Literal(value[1:-1])
    return ox.Literal(value)


def _named_node(iri: str, original: str) -> Any:
    import pyoxigraph as ox

    try:
        return ox.NamedNode(iri)
    except ValueError:  # not a valid IRI: keep the text, as a literal
        return ox.Literal(original)


def parse_params(items: Iterable[str] | Mapping[str, str] | None) -> dict[str, str]:
    """``["actor=Q7747"]`` (or a mapping) -> ``{"actor": "Q7747"}``; E503 for a malformed one."""
    if items is None:
        return {}
    if isinstance(items, Mapping):
        return {str(k).lstrip("?$"): str(v) for k, v in items.items()}
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.match(r"^\w+$", name):
            raise UsageError(E.E503.format(value=item))
        out[name] = value
    return out


# -- sources -------------------------------------------------------------------

def _ox_format(path: Path) -> Any:
    from kg.formats import format_of

    return format_of(path).ox()


def open_source(source: Any) -> Any:
    """A :class:`kg.store.Store` to query: from a Store, an rdflib Dataset/Graph, a store
    directory, RDF file paths, or a list of those (files go into one in-memory store)."""
    import pyoxigraph as ox

    from kg.load import checked_input, file_graph_iri
    from kg.store import DEFAULT_GRAPH, Store, quads_to_ox, to_ox

    if isinstance(source, Store):
        return source
    if isinstance(source, Dataset):
        mem = Store()
        mem.load_quads(quads_to_ox(source))
        return mem
    if hasattr(source, "triples") and hasattr(source, "identifier"):  # an rdflib Graph
        mem = Store()
        gname = to_ox(source.identifier) if isinstance(source.identifier, URIRef) else ox.NamedNode(DEFAULT_GRAPH)
        mem.load_quads(ox.Quad(to_ox(s), to_ox(p), to_ox(o), gname) for s, p, o in source)
        return mem
    paths = [source] if isinstance(source, (str, os.PathLike)) else list(source)
    if not paths:
        raise UsageError(E.E512.format())
    if len(paths) == 1 and Path(paths[0]).is_dir():
        return Store(paths[0], read_only=True)
    mem = Store()
    quads: list[Any] = []
    for raw in paths:
        path, is_store = checked_input(raw)
        if is_store:
            quads.extend(Store(path, read_only=True).named_quads())
            continue
        from kg.formats import format_of

        fmt = _ox_format(path)
        # a triple format's triples form one named graph per file, as kg.load does (JSON-LD included,
        # though Oxigraph could read named graphs from it: the formats table decides, for every command)
        home = ox.NamedNode(str(file_graph_iri(path))) if not format_of(path).quads else None
        try:
            for q in ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()):
                if home is not None:
                    q = ox.Quad(q.subject, q.predicate, q.object, home)
                quads.append(q)
        except (SyntaxError, ValueError, OSError) as exc:
            raise InputError(E.E106.format(path=path, detail=str(exc).splitlines()[0][:300])) from exc
    mem.load_quads(quads)
    return mem


# -- results -------------------------------------------------------------------

def compact_iri(iri: str) -> str:
    """``https://w3id.org/diplokg/ontology#Actual`` -> ``dk:Actual`` (the base becomes ``id:``)."""
    best = ("", "")
    for prefix, ns in [*PREFIXES.items(), ("id", DEFAULT_BASE)]:
        if iri.startswith(ns) and len(ns) > len(best[1]):
            best = (prefix, ns)
    return f"{best[0]}:{iri[len(best[1]):]}" if best[1] else iri


def _python(term: Any) -> Any:
    """A pyoxigraph term as a plain Python value (IRIs as strings, numbers as numbers)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        try:
            if dt in (_XSD + "integer", _XSD + "int", _XSD + "long", _XSD + "nonNegativeInteger"):
                return int(term.value)
            if dt == _XSD + "decimal":
                return float(Decimal(term.value))
            if dt in (_XSD + "double", _XSD + "float"):
                return float(term.value)
            if dt == _XSD + "boolean":
                return term.value in ("true", "1")
        except ValueError:
            pass
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


_NUMERIC_TYPES = {_XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short",
                                      "nonNegativeInteger", "positiveInteger", "negativeInteger",
                                      "nonPositiveInteger", "unsignedInt", "unsignedLong", "byte")}


def _order_key(term: Any) -> tuple:
    """SPARQL ORDER BY order: unbound < blank nodes < IRIs < literals (numbers by value)."""
    import pyoxigraph as ox

    if term is None:
        return (0, 0, "")
    if isinstance(term, ox.BlankNode):
        return (1, 0, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, 0, term.value)
    if isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC_TYPES:
        try:
            return (3, float(term.value), "")
        except ValueError:
            pass
    return (4, 0, getattr(term, "value", str(term)))


def _json_term(term: Any) -> dict[str, str]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


@dataclass
class QueryResult:
    """The materialised answer of one query.

    ``kind`` is 'select', 'ask' or 'graph'. For SELECT, ``variables`` and
    ``rows`` (tuples of pyoxigraph terms, None when unbound); for ASK,
    ``boolean``; for CONSTRUCT/DESCRIBE, ``triples``. ``truncated`` says the
    row limit stopped the iteration.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Any] = field(default_factory=list)
    truncated: bool = False
    seconds: float = 0.0

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)

    def sort(self, keys: Sequence[str]) -> QueryResult:
        """Sort the rows in place by ``['?a', 'DESC(?b)']``, as SPARQL ORDER BY would; returns self."""
        for key in reversed(list(keys)):
            desc = key.upper().startswith("DESC(")
            var = key.split("?", 1)[1].rstrip(")")
            if var not in self.variables:
                continue
            i = self.variables.index(var)
            self.rows.sort(key=lambda row: _order_key(row[i]), reverse=desc)
        return self

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts of plain Python values."""
        return [{v: _python(t) for v, t in zip(self.variables, row)} for row in self.rows]

    def to_dataframe(self) -> Any:
        """Rows as a pandas DataFrame (pandas imported here)."""
        import pandas as pd

        return pd.DataFrame.from_records(self.records(), columns=self.variables)

    def to_json(self) -> bytes:
        """SPARQL 1.1 Query Results JSON."""
        if self.kind == "ask":
            doc: dict[str, Any] = {"head": {}, "boolean": bool(self.boolean)}
        else:
            bindings = [{v: _json_term(t) for v, t in zip(self.variables, row) if t is not None} for row in self.rows]
            doc = {"head": {"vars": self.variables}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")

    def serialize(self, fmt: str = "json") -> bytes:
        """SPARQL results as 'json', 'xml', 'csv' or 'tsv' (graph results: 'nt', 'ttl' or 'rdfxml')."""
        import pyoxigraph as ox

        fmt = fmt.lower()
        if self.kind == "graph":
            rdf = {"ttl": ox.RdfFormat.TURTLE, "turtle": ox.RdfFormat.TURTLE,
                   "rdfxml": ox.RdfFormat.RDF_XML}.get(fmt, ox.RdfFormat.N_TRIPLES)
            data = ox.serialize(self.triples, format=rdf) or b""
            if rdf == ox.RdfFormat.RDF_XML:
                from kg.xmlsafe import clean_xml

                data = clean_xml(data)
            return data
        if fmt == "json":
            return self.to_json()
        target = {"xml": ox.QueryResultsFormat.XML, "csv": ox.QueryResultsFormat.CSV,
                  "tsv": ox.QueryResultsFormat.TSV}.get(fmt)
        if target is None:
            raise UsageError(E.E506.format(name=fmt, known=", ".join(RESULT_FORMATS)))
        if self.kind == "ask" and fmt in ("csv", "tsv"):
            return b"boolean\r\n" + (b"true" if self.boolean else b"false") + b"\r\n"
        parsed = ox.parse_query_results(self.to_json(), format=ox.QueryResultsFormat.JSON)
        data = parsed.serialize(format=target) or b""
        if fmt == "xml":  # a literal may hold characters XML 1.0 forbids
            from kg.xmlsafe import clean_xml

            data = clean_xml(data)
        return data

    def table_rows(self) -> list[list[str]]:
        """Rows as short display strings (IRIs compacted with the known prefixes)."""
        import pyoxigraph as ox

        def show(t: Any) -> str:
            if t is None:
                return ""
            if isinstance(t, ox.NamedNode):
                return compact_iri(t.value)
            if isinstance(t, ox.BlankNode):
                return f"_:{t.value}"
            return t.value if isinstance(t, ox.Literal) else str(t)

        return [[show(t) for t in row] for row in self.rows]

    def to_csv_text(self) -> str:
        """Rows as CSV of display values (for humans; :meth:`serialize` gives the standard one)."""
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(self.variables)
        w.writerows(self.table_rows())
        return buf.getvalue()


def _collect(results: Any, max_rows: int | None) -> QueryResult:
    import pyoxigraph as ox

    if isinstance(results, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(results))
    if isinstance(results, ox.QuerySolutions):
        variables = [v.value for v in results.variables]
        out = QueryResult("select", variables=variables)
        for sol in results:
            if max_rows is not None and len(out.rows) >= max_rows:
                out.truncated = True
                break
            out.rows.append(tuple(sol[v] for v in variables))
        return out
    out = QueryResult("graph")
    for triple in results:
        if max_rows is not None and len(out.triples) >= max_rows:
            out.truncated = True
            break
        out.triples.append(triple)
    return out


def execute(store: Any, sparql: str, bindings: Mapping[str, Any] | None = None, *,
            max_rows: int | None = None, allow_service: bool = False) -> QueryResult:
    """Run ``sparql`` on a :class:`kg.store.Store` and materialise the answer (E502/E504 on errors).

    The text is checked first (:func:`kg.query_limits.check_query`: size, depth, SERVICE).
    """
    from kg.query_limits import check_query

    check_query(sparql, allow_service=allow_service)
    t0 = time.perf_counter()
    try:
        raw = store.query(sparql, bindings)
        result = _collect(raw, max_rows)
    except SyntaxError as exc:
        detail = str(exc).splitlines()[0]
        raise UsageError(E.E502.format(detail=detail if len(detail) < 200 else detail[:200] + " ...")) from exc
    except RuntimeError as exc:
        msg = str(exc)
        if "projection" in msg or "substitut" in msg.lower():
            names = re.findall(r"variable \?(\w+)", msg) or list(bindings or {})
            raise UsageError(E.E504.format(name=names[0] if names else "?", detail=msg)) from exc
        raise
    result.seconds = time.perf_counter() - t0
    return result


def run_query(source: Any, sparql: str, params: Iterable[str] | Mapping[str, str] | None = None, *,
              max_rows: int | None = None, timeout: float | None = None,
              allow_service: bool = False) -> QueryResult:
    """Run a SPARQL query on ``source`` (see :func:`open_source`) with ``params`` bound.

    ``timeout`` (seconds) abandons a query that has not finished (E510); the
    engine cannot be interrupted, so the abandoned evaluation finishes in a
    background thread.
    """
    from kg.query_limits import check_query

    check_query(sparql, allow_service=allow_service)  # before loading anything
    store = open_source(source)
    bindings = {k: bind_value(v) for k, v in parse_params(params).items()}
    if timeout is None:
        return execute(store, sparql, bindings, max_rows=max_rows, allow_service=allow_service)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    try:
        future = pool.submit(execute, store, sparql, bindings, max_rows=max_rows, allow_service=allow_service)
        return future.result(timeout=timeout)
    except concurrent.futures.TimeoutError:
        raise KGError(E.E510.format(seconds=timeout)) from None
    finally:
        pool.shutdown(wait=False)


def run_named(source: Any, name: str, params: Iterable[str] | Mapping[str, str] | None = None, *,
              max_rows: int | None = None, timeout: float | None = None) -> QueryResult:
    """Run the named query ``name``; its declared parameter defaults apply unless overridden."""
    q = get_query(name)
    given = parse_params(params)
    unknown = sorted(set(given) - set(q.params))
    if unknown:
        raise UsageError(E.E504.format(name=unknown[0], detail=f"query '{name}' has no parameter '{unknown[0]}' "
                                       f"(it has: {', '.join(q.params) or 'none'})"))
    merged = {k: default for k, (default, _) in q.params.items() if default}
    merged.update(given)
    result = run_query(source, q.unordered or q.sparql, merged, max_rows=max_rows, timeout=timeout)
    return result.sort(q.order) if q.order else result


def read_query_file(path: str | os.PathLike) -> str:
    """The text of a ``.rq`` file (E511 if unreadable)."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(E.E511.format(path=path, detail=exc)) from exc


def sources_arg(items: Sequence[str | os.PathLike]) -> Any:
    """CLI helper: the positional STORE_OR_FILES arguments as a source."""
    return items[0] if len(items) == 1 else list(items)
