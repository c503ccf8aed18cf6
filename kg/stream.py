"""Where a streaming build puts each document graph as it is finished: the sinks.

A sink takes one document's (merged, validated) triples at a time
(``write(graph_name, triples)``), and ``close()`` makes the result final;
``abort()`` leaves nothing behind. A sink that appends N-Triples or N-Quads
rows says so (``rows``) and takes them ready-made too (``write_rows``):
a build's worker process formats them (:func:`row_kind`, :mod:`kg.tail`). Nothing here holds the whole graph except
:class:`DatasetSink` (the library's in-memory result) and
:class:`WholeFormatSink`, which spools N-Quads to a temporary file and builds
the Dataset only at the end, for formats that need the whole graph at once
(Turtle with prefixes, JSON-LD, HTML, GraphML, ...).

N-Triples and N-Quads come out sorted and without duplicates, as the
exporters make them (byte-identical runs): lines are spooled in sorted
chunks to temporary files and merged at the end (an external sort, so
memory stays flat). Turtle is that sorted N-Triples stream re-written with
prefixes by Oxigraph's Turtle serialiser (also flat, and much faster than
rdflib's). TriG is written per document, after one prefix header.
Every file output is written to a temporary file next to it and renamed.
"""
from __future__ import annotations

import heapq
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from rdflib import Dataset, Literal, URIRef
from rdflib.plugins.serializers.nt import _quoteLiteral
from rdflib.term import Node

from kg.graph import new_dataset
from kg.vocab import PREFIXES

__all__ = ["Sink", "DatasetSink", "SortedLinesSink", "TriGSink", "TurtleSink", "WholeFormatSink", "sink_for", "STREAM_FORMATS",
           "Rows", "row_kind"]

Triple = tuple[Node, Node, Node]
STREAM_FORMATS = ("nt", "nq", "trig", "ttl")


class Sink(Protocol):
    def write(self, name: URIRef, triples: list[Triple]) -> None: ...
    def close(self) -> None: ...
    def abort(self) -> None: ...


class Rows:
    """rdflib's N-Triples and N-Quads rows, each term's text worked out once.

    A build states the same terms again and again (predicates, classes,
    entities, the document node on each of its triples), and rdflib checks
    and escapes a term every time it writes it. The rows are rdflib's
    (``_nt_row``/``_nq_row``: a literal object quoted by ``_quoteLiteral``,
    every other term by ``n3()``); the memo is cleared when it grows large.
    """

    def __init__(self, limit: int = 1 << 18) -> None:
        self._text: dict[Node, str] = {}
        self._limit = limit

    def term(self, t: Node) -> str:
        text = self._text.get(t)
        if text is None:
            if len(self._text) >= self._limit:
                self._text.clear()
            text = self._text[t] = _quoteLiteral(t) if isinstance(t, Literal) else t.n3()
        return text

    def triple(self, t: Triple) -> str:
        term = self.term
        return f"{term(t[0])} {term(t[1])} {term(t[2])} .\n"

    def quad(self, t: Triple, name: URIRef) -> str:
        term = self.term
        return f"{term(t[0])} {term(t[1])} {term(t[2])} {term(name)} .\n"

    def of(self, kind: str, name: URIRef, triples: list[Triple]) -> list[str]:
        """A document graph's rows of ``kind`` (a sink's ``rows``: "triple" or "quad")."""
        if kind == "quad":
            return [self.quad(t, name) for t in triples]
        return [self.triple(t) for t in triples]


def row_kind(sinks: list) -> str | None:
    """The row kind all ``sinks`` take (``write_rows``), if they agree; else None (they take triples)."""
    kinds = {getattr(sink, "rows", None) for sink in sinks}
    return kinds.pop() if len(kinds) == 1 and sinks else None


class DatasetSink:
    """Every document graph into one in-memory Dataset (``kg.build.build``'s result)."""

    def __init__(self) -> None:
        self.dataset = new_dataset()

    def write(self, name: URIRef, triples: list[Triple]) -> None:
        g = self.dataset.graph(name)
        g.addN((s, p, o, g) for s, p, o in triples)

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class _AtomicFile:
    """A temporary file next to ``path``, renamed onto it by :meth:`commit`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        self.tmp = Path(tmp)
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def commit(self) -> None:
        self.fh.close()
        os.chmod(self.tmp, 0o666 & ~_umask())  # an export is an ordinary file, not a private one
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.fh.close()
        self.tmp.unlink(missing_ok=True)


class SortedLinesSink:
    """N-Triples (``quads=False``, the union) or N-Quads, sorted and unique, by an external sort."""

    def __init__(self, path: str | os.PathLike, *, quads: bool, chunk_lines: int = 200_000) -> None:
        self.path = Path(path)
        self.quads = quads
        self.chunk_lines = chunk_lines
        self._lines: set[str] = set()
        self._rows = Rows()
        self._chunks: list[Path] = []
        self._dir = tempfile.mkdtemp(prefix=".kg-sort-", dir=self.path.parent if self.path.parent.exists() else None)

    @property
    def rows(self) -> str:
        return "quad" if self.quads else "triple"

    def write(self, name: URIRef, triples: list[Triple]) -> None:
        self.write_rows(self._rows.of(self.rows, name, triples))

    def write_rows(self, rows: list[str]) -> None:
        """Rows already formatted (a build's worker formats them: :func:`row_kind`)."""
        self._lines.update(rows)
        if len(self._lines) >= self.chunk_lines:
            self._spill()

    def _spill(self) -> None:
        chunk = Path(self._dir) / f"{len(self._chunks):06d}.part"
        with open(chunk, "w", encoding="utf-8", newline="\n") as fh:
            fh.writelines(sorted(self._lines))
        self._chunks.append(chunk)
        self._lines = set()

    def _merged(self) -> Iterator[str]:
        files = [open(c, encoding="utf-8", newline="\n") for c in self._chunks]
        try:
            last = None
            for line in heapq.merge(sorted(self._lines), *files):
                if line != last and line.strip():
                    yield line
                    last = line
        finally:
            for fh in files:
                fh.close()

    def close(self) -> None:
        out = _AtomicFile(self.path)
        try:
            out.fh.writelines(self._merged())
        except BaseException:
            out.abort()
            raise
        finally:
            self._cleanup()
        out.commit()

    def _cleanup(self) -> None:
        for c in self._chunks:
            c.unlink(missing_ok=True)
        self._lines = set()
        os.rmdir(self._dir)

    def abort(self) -> None:
        self._cleanup()


class TurtleSink(SortedLinesSink):
    """Turtle with the contract's prefixes, in flat memory: the sorted, unique N-Triples of
    :class:`SortedLinesSink` streamed through Oxigraph's Turtle writer (sorted lines keep
    each subject's triples together, so the writer groups them)."""

    def __init__(self, path: str | os.PathLike, *, chunk_lines: int = 200_000) -> None:
        super().__init__(path, quads=False, chunk_lines=chunk_lines)

    def close(self) -> None:
        import pyoxigraph as ox  # noqa: PLC0415

        nt = Path(self._dir) / "all.nt"
        try:
            with open(nt, "w", encoding="utf-8", newline="\n") as fh:
                fh.writelines(self._merged())
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
            os.close(fd)
            try:
                triples = (q.triple for q in ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES))
                ox.serialize(triples, output=tmp, format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES))
                os.chmod(tmp, 0o666 & ~_umask())
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        finally:
            nt.unlink(missing_ok=True)
            self._cleanup()


def _trig_block(name: URIRef, triples: list[Triple]) -> str:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    g = ds.graph(name)
    g.addN((s, p, o, g) for s, p, o in triples)
    text = ds.serialize(format="trig")
    # the prefixes are declared once at the top of the file
    return "\n".join(ln for ln in text.splitlines() if not ln.startswith("@prefix")).strip() + "\n\n"


class TriGSink:
    """TriG, one named graph per document, appended as each document is finished."""

    def __init__(self, path: str | os.PathLike) -> None:
        self._out = _AtomicFile(Path(path))
        self._out.fh.writelines(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))
        self._out.fh.write("\n")

    def write(self, name: URIRef, triples: list[Triple]) -> None:
        self._out.fh.write(_trig_block(name, triples))

    def close(self) -> None:
        self._out.commit()

    def abort(self) -> None:
        self._out.abort()


class WholeFormatSink:
    """Formats that need the whole graph: N-Quads spooled to a temporary file, exported at the end."""

    def __init__(self, path: str | os.PathLike, exporter) -> None:
        self.path = Path(path)
        self.exporter = exporter
        fd, tmp = tempfile.mkstemp(prefix=".kg-spool-", suffix=".nq")
        self._tmp = Path(tmp)
        self._rows = Rows()
        self._fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    rows = "quad"

    def write(self, name: URIRef, triples: list[Triple]) -> None:
        self.write_rows(self._rows.of("quad", name, triples))

    def write_rows(self, rows: list[str]) -> None:
        self._fh.writelines(rows)

    def close(self) -> None:
        from kg.export import write_bytes  # noqa: PLC0415

        self._fh.close()
        try:
            ds = new_dataset()
            ds.parse(self._tmp, format="nquads")
            write_bytes(self.exporter.generate(ds), self.path)
        finally:
            self._tmp.unlink(missing_ok=True)

    def abort(self) -> None:
        self._fh.close()
        self._tmp.unlink(missing_ok=True)


def sink_for(path: str | os.PathLike, fmt: str):
    """The sink that writes format ``fmt`` (an exporter name) to ``path``."""
    from kg import export  # noqa: PLC0415

    if fmt == "nt":
        return SortedLinesSink(path, quads=False)
    if fmt == "nq":
        return SortedLinesSink(path, quads=True)
    if fmt == "trig":
        return TriGSink(path)
    if fmt == "ttl":
        return TurtleSink(path)
    return WholeFormatSink(path, export.get(fmt))

