"""The build side's shortcuts give what the long way gives: terms, rows, entity triples, spilled merge facts."""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import Namespace
from rdflib.plugins.serializers.nquads import _nq_row
from rdflib.plugins.serializers.nt import _nt_row

from kg.graph import document_triples
from kg.merge import _plain, _term
from kg.model import Document, DocumentResult, Entity
from kg.stream import Rows
from kg import vocab
from kg.vocab import DK, NIF, RDF, SEM



S = URIRef("https://w3id.org/diplokg/id/event/e1")
G = URIRef("https://w3id.org/diplokg/id/doc/d1")
TERMS = [
    Literal("plain"), Literal("quote \" and \\ backslash"), Literal("line\nbreak\ttab\r"), Literal("Zürich – Genève"),
    Literal("hello", lang="en"), Literal("2024-03-01", datatype=vocab.XSD.date), Literal(Decimal("0.70"), datatype=vocab.XSD.decimal),
    Literal(17, datatype=vocab.XSD.nonNegativeInteger), Literal("2024-03", datatype=vocab.XSD.gYearMonth), URIRef("http://a.example/x#y"),
    BNode("b0"), Literal(""),
]


def test_declared_terms_are_the_namespace_terms_and_undeclared_still_fail():
    ns = Namespace("https://w3id.org/diplokg/ontology#")
    assert DK.cameoCode == ns.cameoCode and type(DK.cameoCode) is URIRef
    assert DK.Meeting == ns.Meeting and SEM.Event == URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Event")
    assert NIF.anchorOf in NIF and RDF.type == URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    with pytest.raises(AttributeError):
        DK.noSuchTerm  # noqa: B018


@pytest.mark.parametrize("limit", [1, 3, 1 << 18])
def test_rows_are_rdflibs_rows_even_when_the_memo_is_cleared(limit):
    rows = Rows(limit=limit)
    for _ in range(2):  # the second pass reads the memo (or refills it)
        for o in TERMS:
            t = (S, DK.sentence, o)
            assert rows.triple(t) == _nt_row(t)
            assert rows.quad(t, G) == _nq_row(t, G)
    assert rows.triple((BNode("s"), RDF.type, SEM.Event)) == _nt_row((BNode("s"), RDF.type, SEM.Event))


@pytest.mark.parametrize("term", TERMS, ids=repr)
def test_spilled_terms_come_back_equal(term):
    back = _term(*_plain(term))
    assert back == term and type(back) is type(term) and back.n3() == term.n3()


def _result(entity: Entity) -> DocumentResult:
    return DocumentResult(document=Document(id="d1", text="Text.", source="test"), entities=(entity,), events=())


def test_entity_triples_follow_the_entity_value_not_its_key():
    a = Entity(key="person/ana-diaz", label="Ana Diaz", kind="Person", role="foreign minister")
    b = a.model_copy(update={"label": "Ana María Díaz", "aliases": ("Ana Diaz",)})
    c = a.model_copy(update={"role": None})
    _, ta = document_triples(_result(a))
    _, tb = document_triples(_result(b))
    _, tc = document_triples(_result(c))
    _, ta2 = document_triples(_result(a))
    assert ta == ta2
    assert any(o == Literal("Ana María Díaz") for _, _, o in tb) and not any(o == Literal("Ana María Díaz") for _, _, o in ta)
    assert any(p == DK.role for _, p, _ in ta) and not any(p == DK.role for _, p, _ in tc)


class _Deadly(DocumentResult):
    """A result that kills the process that unpickles it: the tail worker, as if it ran out of memory."""

    def __reduce__(self):
        import os

        return os._exit, (3,)


def test_a_dead_tail_worker_stops_the_build_with_e531(tmp_path):
    from conftest import make_result, write_inputs
    from kg.build import build_stream
    from kg.errors import KGError
    from kg.stream import DatasetSink

    def extract(documents):
        for d in documents:
            r = make_result(d.id, d.text)
            yield _Deadly(**dict(r)) if d.id == "c" else r

    sink = DatasetSink()
    with pytest.raises(KGError, match=r"\[E531\]"):
        build_stream(write_inputs(tmp_path, ["a", "b", "c", "d"]), [sink], extract=extract, validation_batch=1)


def test_merging_in_the_worker_counts_the_same_events(tmp_path):
    from conftest import make_result, write_inputs
    from kg.build import build_stream
    from kg.stream import DatasetSink

    def extract(documents):
        return (make_result(d.id, d.text) for d in documents)

    paths = write_inputs(tmp_path, ["a", "b", "c"])
    counts = []
    for background, validate in ((False, True), (True, True), (True, False)):
        sink = DatasetSink()
        summary, q = build_stream(paths, [sink], extract=extract, validation_batch=1, validate=validate,
                                  validate_in_background=background)
        merged = sum(1 for _ in sink.dataset.quads((None, DK.mergedFrom, None, None)))
        counts.append((summary.events, merged, q is None))
    # the three documents state the same events: the later ones merge into the first's
    assert counts[0] == counts[1] == (counts[2][0], counts[2][1], False) and counts[0][1] > 0 and counts[2][2]


def test_row_kind_is_the_one_all_sinks_take():
    from kg.stream import DatasetSink, SortedLinesSink, row_kind

    class Lines:
        rows = "quad"

    nt, nq = object.__new__(SortedLinesSink), object.__new__(SortedLinesSink)
    nt.quads, nq.quads = False, True
    assert row_kind([nt]) == "triple" and row_kind([nq, Lines()]) == "quad"
    assert row_kind([nt, nq]) is None and row_kind([nq, DatasetSink()]) is None and row_kind([]) is None


@pytest.mark.parametrize("suffix", [".nt", ".nq", ".jsonld"])
def test_rows_made_in_the_worker_are_the_rows_made_here(tmp_path, suffix):
    from conftest import make_result, write_inputs
    from kg.build import build_stream
    from kg.export import format_for_path
    from kg.stream import sink_for

    def extract(documents):
        return (make_result(d.id, d.text) for d in documents)

    paths = write_inputs(tmp_path, ["a", "b", "c"])
    out = {}
    for background in (False, True):
        path = tmp_path / f"g-{background}{suffix}"
        sink = sink_for(path, format_for_path(path))
        build_stream(paths, [sink], extract=extract, validation_batch=1, validate_in_background=background)
        sink.close()
        out[background] = path.read_bytes()
    assert out[True] == out[False] and b"mergedFrom" in out[True]


def test_entity_triples_are_the_document_graphs_entity_part():
    from conftest import make_result
    from kg.graph import entity_iri, entity_triples

    r = make_result("d")
    _, triples = document_triples(r)
    nodes = {entity_iri(e.key) for e in r.entities}
    expected = [t for t in triples if t[0] in nodes and t[1] != DK.met]
    assert entity_triples(r) == expected and any(t[1] == DK.actorCode for t in expected)
    assert any(t[1] == DK.met for t in triples)  # the events' shortcut stays with the events


def test_validation_reads_only_the_predicates_the_shapes_name():
    from rdflib import Graph

    from kg.validate import predicates_read, shape_predicates

    preds = shape_predicates()
    assert {DK.cameoCode, SEM.hasActor, NIF.beginIndex, NIF.endIndex, RDF.type} <= preds
    assert NIF.isString not in preds and DK.met not in preds and DK.sentence not in preds

    def shapes(extra: str) -> Graph:
        return Graph().parse(data="@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://ex.org/> .\n"
                                  "ex:S a sh:NodeShape ; sh:targetClass ex:C ; " + extra + " .", format="turtle")

    assert ex("p") in predicates_read(shapes("sh:property [ sh:path ex:p ; sh:lessThan ex:q ]"))
    assert ex("q") in predicates_read(shapes("sh:property [ sh:path ex:p ; sh:lessThan ex:q ]"))
    assert predicates_read(shapes("sh:closed true ; sh:property [ sh:path ex:p ]")) is None
    assert predicates_read(shapes("sh:property [ sh:path [ sh:inversePath ex:p ] ]")) is None


def ex(name: str) -> URIRef:
    return URIRef("http://ex.org/" + name)


def test_judging_the_shapes_predicates_decides_as_judging_everything(monkeypatch):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    import kg.validate as V
    from conftest import make_result
    from test_speed_s15 import _broken

    docs = [document_triples(make_result("ok"))] + [document_triples(_broken(f"b{i}", None, i)) for i in range(4)]
    some = V.judge(docs)
    monkeypatch.setattr(V, "shape_predicates", lambda: None)
    every = V.judge(docs)
    assert some.count == every.count > 0
    assert (some.bad, some.drop_subjects, some.orphan_met) == (every.bad, every.drop_subjects, every.orphan_met)
    assert isomorphic(Graph().__iadd__(some.report), Graph().__iadd__(every.report))
