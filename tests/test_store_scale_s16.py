"""Store at scale: the bulk path (one Oxigraph bulk load over N-Quads chunks) stores what add_document states.

The synthetic corpus of ``benchmarks/bench_store.py`` is written two ways: through
``kg.graph.document_triples`` (what ``add_document`` adds: each document graph, and their union, inserted as
quads), and as N-Quads by the benchmark's fast formatter through
``Store.bulk_load_nquads`` (the union derived by the store, or written by the
benchmark's chunk generator). Every document graph and the union must be the
same quads; Oxigraph's canonical literal forms apply to both.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.graph import document_triples
from kg.store import Store, _NQuadsReader, to_ox
from kg.vocab import DEFAULT_BASE

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from bench_store import iter_synthetic  # noqa: E402
from bench_store_scale import Formatter, QuadChunks  # noqa: E402

DOCS = 200


def _contents(store: Store) -> tuple[dict[str, set[str]], set[str]]:
    """(graph IRI -> its triples, union triples), as N-Triples lines (Oxigraph's own serialisation)."""
    import pyoxigraph as ox

    def lines(graph) -> set[str]:
        return set((store.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b"")
                   .decode("utf-8").splitlines())

    return {g.value: lines(g) for g in store.oxigraph.named_graphs()}, lines(ox.DefaultGraph())


@pytest.fixture(scope="module")
def reference():
    """The corpus as kg.graph states it: each document's graph, and the union, as quads (no merge)."""
    import pyoxigraph as ox

    results = list(iter_synthetic(DOCS, 8))
    terms: dict = {}

    def conv(t):
        if t not in terms:
            terms[t] = to_ox(t)
        return terms[t]

    st = Store()
    for r in results:
        name, triples = document_triples(r, DEFAULT_BASE)  # what add_document puts in the document's graph
        quads = [(conv(s), conv(p), conv(o)) for s, p, o in triples]
        name = conv(name)
        st.oxigraph.extend([ox.Quad(s, p, o, name) for s, p, o in quads]
                           + [ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in quads])
    return results, _contents(st)


def _chunks(results, fmt: Formatter, per_chunk: int):
    """The formatter's lines, every one naming its document graph, ``per_chunk`` documents a chunk."""
    from kg.graph import doc_key

    buf: list[str] = []
    for i, r in enumerate(results, 1):
        g = f" <{DEFAULT_BASE}{doc_key(r.document.id)}> .\n"
        buf += [ln + g for ln in fmt.lines(r)]
        if i % per_chunk == 0:
            yield "".join(buf)
            buf = []
    if buf:
        yield "".join(buf).encode("utf-8")  # bytes are accepted too


def test_bulk_load_with_derived_union_equals_add_document(reference, tmp_path):
    results, (graphs, union) = reference
    with Store(tmp_path / "s") as st:
        assert st.bulk_load_nquads(_chunks(results, Formatter(DEFAULT_BASE), 60)) == 4  # 60+60+60+20 documents
        got_graphs, got_union = _contents(st)
    assert len(got_graphs) == DOCS
    assert got_graphs == graphs
    assert got_union == union


def test_benchmark_chunks_equal_add_document_and_predict_the_union(reference, tmp_path):
    results, (graphs, union) = reference
    # stop at the reference's union size: the generator's prediction must land on exactly DOCS documents
    source = QuadChunks(Formatter(DEFAULT_BASE), DEFAULT_BASE, len(union), 8, chunk_lines=5_000, progress_every=1e9)
    with Store(tmp_path / "s") as st:
        st.bulk_load_nquads(source, union=False)
        assert st.triple_count() == source.distinct == len(union)
        got_graphs, got_union = _contents(st)
    assert source.docs == DOCS and source.quads == sum(len(t) for t in graphs.values())
    assert got_graphs == graphs
    assert got_union == union


def test_reader_never_returns_more_than_asked():
    chunks = ['<http://x/a> <http://x/p> "é" <http://x/g> .', "", b'<http://x/b> <http://x/p> <http://x/o> <http://x/g> .\n']
    reader = _NQuadsReader(chunks, union=True)
    parts = []
    while part := reader.read(7):
        assert len(part) <= 7
        parts.append(part)
    text = b"".join(parts).decode("utf-8")
    assert reader.chunks == 3
    # a chunk without a final newline does not run into the next one; each line is followed by its union line
    assert text.splitlines() == ['<http://x/a> <http://x/p> "é" <http://x/g> .', '<http://x/a> <http://x/p> "é" .',
                                 "<http://x/b> <http://x/p> <http://x/o> <http://x/g> .",
                                 "<http://x/b> <http://x/p> <http://x/o> ."]


def test_bad_line_is_e540_naming_the_chunk_and_line_and_nothing_is_loaded(tmp_path):
    good = '<http://x/a> <http://x/p> <http://x/o> <http://x/g> .\n'
    with Store(tmp_path / "s") as st:
        with pytest.raises(InputError) as err:
            st.bulk_load_nquads([good, good + '<http://x/a> <http://x/p> "open <http://x/g> .\n' + good])
        assert err.value.code == "E540"
        assert "chunk 2, line 2" in str(err.value)
        assert len(st) == 0


def test_a_line_without_graph_is_refused_when_the_store_derives_the_union(tmp_path):
    with Store(tmp_path / "s") as st:
        with pytest.raises(InputError) as err:
            st.bulk_load_nquads(['<http://x/a> <http://x/p> <http://x/o> <http://x/g> .\n'
                                 '<http://x/a> <http://x/p> <http://x/o> .\n'])
        assert err.value.code == "E540" and "chunk 1, line 2 of the union lines" in str(err.value)
        assert len(st) == 0
