"""kg.stream sinks and the streaming build, without the model (results injected through ``extract``)."""
from __future__ import annotations

from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.build import build_stream
from kg.export import get
from kg.export.rdf import union_graph
from kg.graph import to_dataset
from kg.stream import DatasetSink, SortedLinesSink, TriGSink, TurtleSink, sink_for
from kg.vocab import DK

from conftest import make_result, write_inputs

ID = "https://w3id.org/diplokg/id/"


def _feed(sink, ds: Dataset) -> None:
    for g in sorted((g for g in ds.graphs() if len(g)), key=lambda g: str(g.identifier)):
        sink.write(g.identifier, list(g))
    sink.close()


def test_sorted_lines_equal_the_exporters_bytes_through_an_external_sort(tmp_path):
    ds = to_dataset([make_result("a"), make_result("b")])
    for fmt, quads in (("nt", False), ("nq", True)):
        out = tmp_path / f"g.{fmt}"
        sink = SortedLinesSink(out, quads=quads, chunk_lines=7)
        _feed(sink, ds)
        assert len(sink._chunks) == 2  # one spill per document at this chunk size: the merge does the work
        assert out.read_bytes() == get(fmt).generate(ds)
        assert not list(tmp_path.glob(".kg-sort-*"))  # the spool is gone


def test_turtle_and_trig_hold_the_same_graph(tmp_path):
    ds = to_dataset([make_result("a"), make_result("b")])
    _feed(TurtleSink(tmp_path / "g.ttl", chunk_lines=11), ds)
    text = (tmp_path / "g.ttl").read_text()
    assert text.startswith("@prefix") and "dk:" in text
    assert isomorphic(Graph().parse(tmp_path / "g.ttl"), union_graph(ds))
    _feed(TriGSink(tmp_path / "g.trig"), ds)
    back = Dataset()
    back.parse(tmp_path / "g.trig", format="trig")
    for name in (ID + "doc/a", ID + "doc/b"):
        assert isomorphic(back.graph(URIRef(name)), ds.graph(URIRef(name)))


def test_abort_leaves_nothing(tmp_path):
    for name in ("g.nt", "g.ttl", "g.trig", "g.jsonld"):
        sink = sink_for(tmp_path / name, name.split(".")[1])
        sink.write(URIRef(ID + "doc/a"), list(to_dataset([make_result("a")]).graph(URIRef(ID + "doc/a"))))
        sink.abort()
    assert list(tmp_path.iterdir()) == []


def _fake_extract(documents):
    for d in documents:
        yield make_result(d.id, d.text)


def test_streaming_build_merges_and_counts_like_one_union(tmp_path):
    paths = write_inputs(tmp_path, ["a", "b", "c"])
    sink = DatasetSink()
    summary, quarantine = build_stream(paths, [sink], extract=_fake_extract, validation_batch=2)
    g = union_graph(sink.dataset)
    # the dated Helsinki summit and the placed Budapest plan merge across all three documents
    assert len(set(g.subjects(DK.mergedFrom, None))) == 2
    assert len(set(g.objects(None, DK.mergedFrom))) == 4
    assert summary.documents == 3 and summary.processed == 3
    assert summary.events == 5 + 3 + 3 and quarantine.count == 0
    # batch size does not change the result
    one = DatasetSink()
    build_stream(paths, [one], extract=_fake_extract, validation_batch=1)
    assert isomorphic(union_graph(one.dataset), g)


def test_resume_skip_and_quarantine_per_batch(tmp_path):
    paths = write_inputs(tmp_path, ["a", "b"])

    def broken(documents):
        for d in documents:
            r = make_result(d.id, d.text)
            bad = r.events[2].model_copy(update={"mentions": ()})  # no provenance: violates the shapes
            yield r.model_copy(update={"events": (*r.events[:2], bad, *r.events[3:])})

    sink = DatasetSink()
    summary, quarantine = build_stream(paths, [sink], extract=broken, skip=lambda d: d.id == "a")
    assert summary.resumed == 1 and summary.processed == 1
    assert quarantine.count == 1 and quarantine.events == [ID + "event/b-3"]
    assert not any(sink.dataset.quads((URIRef(ID + "event/b-3"), None, None, None)))
